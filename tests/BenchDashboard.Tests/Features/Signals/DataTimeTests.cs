using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>
/// As-of is data time (ARCHITECTURE, "Drift signals"): a team that imports a year of bench history today has its
/// cases as of their runs, not as of the import; a case retired later still counted before.
/// </summary>
public abstract class DataTimeTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : DataTimeTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : DataTimeTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private static object Run(string runId, string startedAt, params string[] cases) => new
    {
        runId, version = "v1", startedAt,
        results = cases.Select(c => new { caseId = c, passed = true, category = "billing", input = $"input of {c}" }),
    };

    private async Task<ProjectSignalData> AsOfAsync(string slug, DateOnly day)
    {
        var project = await app.Services.GetRequiredService<ProjectService>().FindAsync(slug);
        return await app.Services.GetRequiredService<SignalDataLoader>().LoadAsync(project!.Id, day, SignalSettings.Defaults);
    }

    [Fact]
    public async Task Bench_history_imported_today_counts_as_of_its_runs()
    {
        var slug = await client.NewProjectAsync();
        // Imported today (wall clock December 2026), run in March and May.
        await client.PostJsonAsync(slug, "bench-runs", Run("march", "2026-03-02T10:00:00Z", "c1", "c2"));
        await client.PostJsonAsync(slug, "bench-runs", Run("may", "2026-05-04T10:00:00Z", "c1", "c2", "c3"));

        Assert.Empty((await AsOfAsync(slug, new DateOnly(2026, 3, 1))).CasesOn(new DateOnly(2026, 3, 1)));
        var april = await AsOfAsync(slug, new DateOnly(2026, 4, 1));
        Assert.Equal(2, april.CasesOn(new DateOnly(2026, 4, 1)).Count());
        Assert.Single(april.Runs);
        Assert.Equal(3, (await AsOfAsync(slug, new DateOnly(2026, 5, 4))).CasesOn(new DateOnly(2026, 5, 4)).Count());
    }

    [Fact]
    public async Task A_run_imported_later_but_started_earlier_moves_its_cases_first_day_back()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "bench-runs", Run("june", "2026-06-01T10:00:00Z", "c1"));
        await client.PostJsonAsync(slug, "bench-runs", Run("january", "2026-01-05T10:00:00Z", "c1"));

        Assert.Equal(1, client.Scalar($"""
            SELECT COUNT(*) FROM "BenchCases" WHERE "ExternalId" = 'c1' AND {app.Database.SqlTimeIs("\"FirstSeenAt\"", "2026-01-05 10:00:00")}
            AND "ProjectId" = {IngestionClient.ProjectOfSlug}
            """, slug));
        Assert.Single((await AsOfAsync(slug, new DateOnly(2026, 2, 1))).CasesOn(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void A_case_exists_from_its_first_day_until_its_retirement()
    {
        var shape = new CaseShape(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), "billing", 40);
        Assert.False(shape.ExistsOn(new DateOnly(2026, 3, 1)));
        Assert.True(shape.ExistsOn(new DateOnly(2026, 3, 2)));
        Assert.True(shape.ExistsOn(new DateOnly(2026, 5, 31)));
        Assert.False(shape.ExistsOn(new DateOnly(2026, 6, 1)));
    }
}
