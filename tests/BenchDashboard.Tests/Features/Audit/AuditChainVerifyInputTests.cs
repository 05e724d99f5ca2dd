using System.Net;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Audit;

/// <summary>Hostile or mistyped recorded heads given to GET /api/v1/audit-log/verify: a short 400 that says what is wrong, never a 500.</summary>
public abstract class AuditChainVerifyInputTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : AuditChainVerifyInputTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : AuditChainVerifyInputTests(app), IClassFixture<PostgresAppFactory>;

    private static readonly string GoodHash = new('a', 64);

    public static TheoryData<string, string> Cases => new()
    {
        // query, expected fragment of the error
        { "expectedSequence=1", "give both the sequence number and the hash" },
        { $"expectedHash={GoodHash}", "give both the sequence number and the hash" },
        { $"expectedSequence=0&expectedHash={GoodHash}", "a whole number from 1" },
        { $"expectedSequence=-1&expectedHash={GoodHash}", "a whole number from 1" },
        { $"expectedSequence=1e309&expectedHash={GoodHash}", "a whole number from 1" },
        { $"expectedSequence=99999999999999999999999&expectedHash={GoodHash}", "a whole number from 1" },
        { $"expectedSequence=1%20OR%201%3D1&expectedHash={GoodHash}", "a whole number from 1" },
        { "expectedSequence=1&expectedHash=" + new string('a', 63), "64 hexadecimal characters" },
        { "expectedSequence=1&expectedHash=" + new string('g', 64), "64 hexadecimal characters" },
        { "expectedSequence=1&expectedHash=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "64 hexadecimal characters" },
        { "expectedSequence=1&expectedHash=" + new string('a', 100_000), "64 hexadecimal characters" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_recorded_head_is_a_short_400_that_says_what_is_wrong(string query, string expected)
    {
        var response = await app.CreateApiClient(AppFactory.BootstrapKey).GetAsync($"/api/v1/audit-log/verify?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, body);
        Assert.DoesNotContain("<script>", body);
        Assert.True(body.Length < 2_000, $"the answer is {body.Length} characters long");
    }
}
