using System.Net;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.UpgradeAudits;
using BenchDashboard.Statistics;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.UpgradeAudits;

/// <summary><c>POST/GET …/upgrade-audits</c> against the real app, field for field as API.md says, and the sign-off rules
/// behind them (decisions are made in the UI, through the same service).</summary>
public abstract class UpgradeAuditApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : UpgradeAuditApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : UpgradeAuditApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    // Base (v1): a, b, e, r pass; c, d fail. Head (v2): a, c, e pass; b, d, n fail. So b newly fails, c newly passes, d still
    // fails, n is added and r removed; on the five paired cases both runs pass 3 of 5.
    private static readonly (string Case, bool Passed)[] BaseResults = [("a", true), ("b", true), ("c", false), ("d", false), ("e", true), ("r", true)];
    private static readonly (string Case, bool Passed)[] HeadResults = [("a", true), ("b", false), ("c", true), ("d", false), ("e", true), ("n", false)];

    private async Task<string> ProjectWithRunsAsync()
    {
        var slug = await client.NewProjectAsync("ua");
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "versions", new { version = "v1", deployedAt = "2026-01-05T09:00:00Z" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "versions", new { version = "v2", deployedAt = "2026-02-01T09:00:00Z" })).StatusCode);
        await RunAsync(slug, "base-1", "v1", "2026-01-20T10:00:00Z", BaseResults);
        await RunAsync(slug, "head-1", "v2", "2026-02-02T10:00:00Z", HeadResults);
        return slug;
    }

    private async Task RunAsync(string slug, string runId, string version, string startedAt, (string Case, bool Passed)[] results)
    {
        var response = await client.PostJsonAsync(slug, "bench-runs", new
        {
            runId, version, startedAt, results = results.Select(r => new { caseId = r.Case, passed = r.Passed, input = $"<b>input of {r.Case}</b>" }),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private Task<HttpResponseMessage> OpenAsync(string slug, string baseRunId, string headRunId) =>
        client.PostJsonAsync(slug, "upgrade-audits", new { baseRunId, headRunId });

    private static List<string?> Strings(JsonElement json, string property) => json.GetProperty(property).EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task Opening_an_audit_is_a_201_with_the_paired_statistics_and_the_changed_cases()
    {
        var slug = await ProjectWithRunsAsync();
        var created = await OpenAsync(slug, "base-1", "head-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await IngestionClient.JsonAsync(created);
        var id = json.GetProperty("auditId").GetInt32();
        Assert.Equal($"/api/v1/projects/{slug}/upgrade-audits/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(["auditId", "baseRunId", "headRunId", "baseVersion", "headVersion", "createdAt", "status", "signedOffBy", "signedOffAt",
                "basePassRate", "headPassRate", "passRateDelta", "passRateDeltaLow", "passRateDeltaHigh", "mcnemarP",
                "newlyPassing", "newlyFailing", "stillFailing", "added", "removed", "decisions"],
            json.EnumerateObject().Select(p => p.Name).Take(21));
        Assert.Equal(("base-1", "head-1", "v1", "v2", "open"), (json.GetProperty("baseRunId").GetString(), json.GetProperty("headRunId").GetString(),
            json.GetProperty("baseVersion").GetString(), json.GetProperty("headVersion").GetString(), json.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("signedOffAt").ValueKind);
        Assert.Equal(["c"], Strings(json, "newlyPassing"));
        Assert.Equal(["b"], Strings(json, "newlyFailing"));
        Assert.Equal(["d"], Strings(json, "stillFailing"));
        Assert.Equal(["n"], Strings(json, "added"));
        Assert.Equal(["r"], Strings(json, "removed"));
        Assert.Empty(json.GetProperty("decisions").EnumerateArray());

        // Paired over a, b, c, d, e: both pass 2 (a, e), head only 1 (c), base only 1 (b), neither 1 (d).
        Assert.Equal(0.6, json.GetProperty("basePassRate").GetDouble(), 12);
        Assert.Equal(0.6, json.GetProperty("headPassRate").GetDouble(), 12);
        var (delta, low, high) = PairedDifference.Newcombe(2, 1, 1, 1);
        Assert.Equal(delta, json.GetProperty("passRateDelta").GetDouble(), 12);
        Assert.Equal(low, json.GetProperty("passRateDeltaLow").GetDouble(), 12);
        Assert.Equal(high, json.GetProperty("passRateDeltaHigh").GetDouble(), 12);
        Assert.True(low < 0 && high > 0);
        Assert.Equal(McNemar.ExactP(1, 1), json.GetProperty("mcnemarP").GetDouble(), 12);
        Assert.Equal(5, json.GetProperty("pairedCases").GetInt32());
        Assert.Contains("cannot tell the versions apart", json.GetProperty("summary").GetString());

        var read = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/upgrade-audits/{id}"));
        Assert.Equal(json.ToString(), read.ToString());
    }

    [Fact]
    public async Task The_same_pair_again_is_a_200_with_the_existing_audit_and_the_list_is_newest_first()
    {
        var slug = await ProjectWithRunsAsync();
        var first = await IngestionClient.JsonAsync(await OpenAsync(slug, "base-1", "head-1"));
        var again = await OpenAsync(slug, "base-1", "head-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("auditId").GetInt32(), (await IngestionClient.JsonAsync(again)).GetProperty("auditId").GetInt32());
        Assert.Equal(1, client.Count(slug, "UpgradeAudits"));

        await RunAsync(slug, "head-2", "v2", "2026-02-03T10:00:00Z", HeadResults);
        var second = await OpenAsync(slug, "base-1", "head-2");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var list = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/upgrade-audits"));
        Assert.Equal(["head-2", "head-1"], list.EnumerateArray().Select(a => a.GetProperty("headRunId").GetString()));
        Assert.Equal(["auditId", "baseRunId", "headRunId", "baseVersion", "headVersion", "createdAt", "status", "signedOffBy", "signedOffAt"],
            list[0].EnumerateObject().Select(p => p.Name));
        Assert.All(list.EnumerateArray(), a => Assert.Equal("open", a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Unknown_runs_and_runs_of_another_project_are_a_404_and_store_nothing()
    {
        var slug = await ProjectWithRunsAsync();
        var other = await ProjectWithRunsAsync();
        await RunAsync(other, "other-head", "v2", "2026-02-05T10:00:00Z", HeadResults);

        var unknown = await OpenAsync(slug, "base-1", "no-such-run");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-run", (await IngestionClient.JsonAsync(unknown)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(slug, "base-1", "other-head")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(slug, "other-head", "head-1")).StatusCode);
        Assert.Equal(0, client.Count(slug, "UpgradeAudits"));

        // An audit of the other project is not found through this one.
        var foreign = (await IngestionClient.JsonAsync(await OpenAsync(other, "base-1", "other-head"))).GetProperty("auditId").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/{slug}/upgrade-audits/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/{slug}/upgrade-audits/999999")).StatusCode);
    }

    [Theory]
    [InlineData("base-1", "base-2", "Both runs are of version v1")]
    [InlineData("head-1", "head-1", "Both runs are of version v2")]
    [InlineData("head-1", "base-1", "started before the base run")]
    public async Task Runs_of_one_version_or_a_head_older_than_its_base_are_a_400(string baseRunId, string headRunId, string expected)
    {
        var slug = await ProjectWithRunsAsync();
        await RunAsync(slug, "base-2", "v1", "2026-01-25T10:00:00Z", BaseResults);
        var response = await OpenAsync(slug, baseRunId, headRunId);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.Count(slug, "UpgradeAudits"));
    }

    [Theory]
    [InlineData("""{"baseRunId":"base-1"}""", "headRunId: is required")]
    [InlineData("""{"baseRunId":7,"headRunId":"head-1"}""", "baseRunId")]
    [InlineData("""[1]""", "expected a JSON object, got an array")]
    public async Task A_malformed_body_is_a_400_naming_the_field(string body, string expected)
    {
        var slug = await ProjectWithRunsAsync();
        var response = await client.PostAsync(slug, "upgrade-audits", body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task Opening_needs_the_ingest_scope_and_reading_the_read_scope()
    {
        var slug = await ProjectWithRunsAsync();
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var reader = app.CreateApiClient((await keys.CreateAsync("audit reader", ApiScopes.Read, null, "test")).Secret);
        var ingester = app.CreateApiClient((await keys.CreateAsync("audit ingester", ApiScopes.Ingest, null, "test")).Secret);
        var body = IngestionClient.Content("""{"baseRunId":"base-1","headRunId":"head-1"}""", "application/json");

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/v1/projects/{slug}/upgrade-audits", body)).StatusCode);
        var created = await ingester.PostAsync($"/api/v1/projects/{slug}/upgrade-audits", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await IngestionClient.JsonAsync(created)).GetProperty("auditId").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await ingester.GetAsync($"/api/v1/projects/{slug}/upgrade-audits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingester.GetAsync($"/api/v1/projects/{slug}/upgrade-audits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/projects/{slug}/upgrade-audits")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/projects/{slug}/upgrade-audits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/projects/{slug}/upgrade-audits")).StatusCode);
    }

    [Fact]
    public async Task Sign_off_waits_for_every_newly_failing_case_is_audited_and_clears_the_cadence_item()
    {
        var slug = await ProjectWithRunsAsync();
        var projectId = (await app.Services.GetRequiredService<ProjectService>().FindAsync(slug))!.Id;
        var audits = app.Services.GetRequiredService<UpgradeAuditService>();
        var id = (await IngestionClient.JsonAsync(await OpenAsync(slug, "base-1", "head-1"))).GetProperty("auditId").GetInt32();
        Assert.Contains("v2", await BenchAuditSummaryAsync(slug));

        Assert.Equal("1 newly failing case still needs a decision before sign-off: b.", await audits.SignOffAsync(projectId, id, "lead@example.com"));
        Assert.Equal("Write a rationale: why this decision for these cases.",
            await audits.DecideAsync(projectId, id, ["b"], UpgradeCaseVerdict.Investigate, "  ", "lead@example.com"));
        Assert.StartsWith("Not a changed case of this audit: a", await audits.DecideAsync(projectId, id, ["a"], UpgradeCaseVerdict.Keep, "why", "lead@example.com"));
        Assert.Null(await audits.DecideAsync(projectId, id, ["b", "d"], UpgradeCaseVerdict.Investigate, "Refund answers regressed", "lead@example.com"));
        Assert.Null(await audits.DecideAsync(projectId, id, ["c"], UpgradeCaseVerdict.Retire, "The new model solves it trivially", "lead@example.com"));
        Assert.Null(await audits.SignOffAsync(projectId, id, "lead@example.com"));
        Assert.StartsWith("This audit was already signed off", await audits.SignOffAsync(projectId, id, "lead@example.com"));
        Assert.Equal("This audit is signed off; its decisions can no longer change.",
            await audits.DecideAsync(projectId, id, ["b"], UpgradeCaseVerdict.Keep, "later", "lead@example.com"));

        var json = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/upgrade-audits/{id}"));
        Assert.Equal(("signed_off", "lead@example.com"), (json.GetProperty("status").GetString(), json.GetProperty("signedOffBy").GetString()));
        var decisions = json.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(["b", "c", "d"], decisions.Select(d => d.GetProperty("caseId").GetString()));
        Assert.Equal(["caseId", "change", "decision", "rationale", "decidedBy", "decidedAt"], decisions[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("newly_failing", "investigate", "Refund answers regressed"),
            (decisions[0].GetProperty("change").GetString(), decisions[0].GetProperty("decision").GetString(), decisions[0].GetProperty("rationale").GetString()));
        Assert.Equal(("newly_passing", "retire"), (decisions[1].GetProperty("change").GetString(), decisions[1].GetProperty("decision").GetString()));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var signedOff = await db.AuditEvents.Where(e => e.Action == AuditActions.UpgradeAuditSignedOff && e.Subject == $"upgrade-audit:{id}").SingleAsync();
        Assert.Equal("lead@example.com", signedOff.Actor);
        Assert.Null(await BenchAuditSummaryAsync(slug));

        // Retiring from an audit retires the case, through the one audited retirement, with the audit in its reason.
        var c = await db.BenchCases.SingleAsync(bc => bc.ProjectId == projectId && bc.ExternalId == "c");
        Assert.Equal(BenchCaseStatus.Retired, c.Status);
        Assert.NotNull(c.RetiredAt);
        var retired = await db.AuditEvents.Where(e => e.Action == AuditActions.BenchCaseRetired).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Contains($"Upgrade audit {id} (v1", retired.PayloadJson);
        Assert.Contains("The new model solves it trivially", retired.PayloadJson);
        Assert.Equal(BenchCaseStatus.Active, (await db.BenchCases.SingleAsync(bc => bc.ProjectId == projectId && bc.ExternalId == "b")).Status);
    }

    /// <summary>The cadence signal's "went live without a bench audit" summary today, or null when there is none.</summary>
    private async Task<string?> BenchAuditSummaryAsync(string slug)
    {
        var json = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/signals"));
        return json.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("summary").GetString())
            .FirstOrDefault(s => s!.Contains("without a bench audit", StringComparison.Ordinal));
    }
}
