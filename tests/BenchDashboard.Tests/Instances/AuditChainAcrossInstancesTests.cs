using System.Net;
using System.Net.Http.Json;
using BenchDashboard.Features.Audit;

namespace BenchDashboard.Tests.Instances;

/// <summary>
/// Two app processes append to one audit chain at the same time. Each process orders its own writers with a semaphore,
/// which the other process cannot see: without the database lock both read the same newest row and write the same next
/// sequence number, and one write fails (or the chain forks). The chain must come out whole.
/// </summary>
[Trait("Category", "Process")]
[Collection(TwoInstancesCollection.Name)]
public sealed class AuditChainAcrossInstancesTests(TwoInstances fixture)
{
    private const int ClientsPerInstance = 4;
    private const int ProjectsPerClient = 40;

    [Fact]
    public async Task Hundreds_of_audited_writes_on_two_instances_at_once_leave_one_whole_chain_with_every_row_once()
    {
        var apps = fixture.Apps;
        using var first = apps.ApiClient(0);
        var before = await VerifyAsync(first);
        Assert.True(before.Ok, before.Problem);

        // Each project created is one audit row (project.created), written by whichever instance took the request.
        var writers = Enumerable.Range(0, apps.Count).SelectMany(instance => Enumerable.Range(0, ClientsPerInstance).Select(async client =>
        {
            using var http = apps.ApiClient(instance);
            var failures = new List<string>();
            for (var i = 0; i < ProjectsPerClient; i++)
            {
                var slug = $"chain-{instance}-{client}-{i}";
                var response = await http.PutAsJsonAsync($"/api/v1/projects/{slug}", new { name = slug });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"{slug} on instance {instance}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            return failures;
        })).ToList();
        var failed = (await Task.WhenAll(writers)).SelectMany(f => f).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed.Take(5)));

        const int written = 2 * ClientsPerInstance * ProjectsPerClient;
        // Checked on the other instance: the chain is the database's, not a process's.
        using var second = apps.ApiClient(1);
        var after = await VerifyAsync(second);
        Assert.True(after.Ok, after.Problem);
        // The check before is itself a row; so is this one, appended after it verified.
        Assert.Equal(before.Events + 1 + written, after.Events);
        Assert.Equal(after.Events, after.HeadSequence);
    }

    private static async Task<AuditChainApi.VerifyDto> VerifyAsync(HttpClient http)
    {
        var response = await http.GetAsync("/api/v1/audit-log/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuditChainApi.VerifyDto>())!;
    }
}
