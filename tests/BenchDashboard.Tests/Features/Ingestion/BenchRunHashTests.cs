using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Runs stored by earlier releases carry a content hash; a re-sent run is a duplicate only if today's hash of it is the
/// same. The hash was rewritten for speed (issue 12, finding 4), so it is checked against the original definition.
/// </summary>
public class BenchRunHashTests
{
    /// <summary>The definition as the earlier releases computed it.</summary>
    private static string OriginalHash(BenchRunRequest run)
    {
        var canonical = new StringBuilder()
            .Append(run.Version).Append('\n').Append(Timestamps.ToStorage(run.StartedAt)).Append('\n').Append(run.RubricVersion).Append('\n');
        foreach (var r in run.Results.OrderBy(r => r.CaseId, StringComparer.Ordinal))
        {
            canonical.Append(JsonSerializer.Serialize(new object?[] { r.CaseId, r.Passed, r.Score, r.Category, r.Input })).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void The_hash_is_the_one_earlier_releases_stored(int? rubric)
    {
        var run = new BenchRunRequest("run-1", "v1 «β»", new DateTime(2026, 3, 1, 10, 0, 0, 500, DateTimeKind.Utc), rubric,
        [
            new("z-last", true, 1.0, "billing", "plain input"),
            new("a-first", false, null, null, null),
            new("m-middle", true, 0.1 + 0.2, "<script>&'\"", "tabs\tnew\nlines, emoji 🧪, é, 日本"),
            new("n-numbers", false, 1e-7, "c", "x"),
            new("o-big", true, 123456789.125, null, ""),
            new("p-negative", false, -0.0, "d", "\\ backslash / slash"),
        ]);
        Assert.Equal(OriginalHash(run), run.ContentHash());
    }

    [Fact]
    public void Items_change_the_hash_only_where_a_result_has_them_and_their_order_does_not()
    {
        var at = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        BenchRunRequest RunWith(ItemOutcomes? items) => new("run-1", "v1", at, 2, [new("a", true, 0.5, null, "in", items), new("b", false, null, null, null)]);
        var none = RunWith(null);
        var some = RunWith(ItemOutcomes.From([new("tone", true), new("policy", false)]));
        var sameOtherOrder = RunWith(ItemOutcomes.From([new("policy", false), new("tone", true)]));
        var other = RunWith(ItemOutcomes.From([new("tone", true), new("policy", true)]));

        Assert.Equal(OriginalHash(none), none.ContentHash());
        Assert.NotEqual(none.ContentHash(), some.ContentHash());
        Assert.Equal(some.ContentHash(), sameOtherOrder.ContentHash());
        Assert.NotEqual(some.ContentHash(), other.ContentHash());
        // Without its items a run hashes as earlier releases hashed it (what a promptfoo file imported then was stored under).
        Assert.Equal(OriginalHash(none), some.ContentHash(withItems: false));
        Assert.Equal("{\"policy\":false,\"tone\":true}", some.Results[0].Items!.Json);
    }
}
