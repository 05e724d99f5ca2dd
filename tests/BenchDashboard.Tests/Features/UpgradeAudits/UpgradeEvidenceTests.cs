using BenchDashboard.Data;
using BenchDashboard.Features.UpgradeAudits.Evidence;
using BenchDashboard.Features.Trends;
using BenchDashboard.Statistics;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.UpgradeAudits;

/// <summary>
/// The upgrade audit's two evidence sections (issue 14, point 2): production metrics of the two versions from the
/// traces that carry them and the feedback that follows those traces, and the sampled failures of the new version the
/// bench would have missed.
/// </summary>
public abstract class UpgradeEvidenceTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : UpgradeEvidenceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : UpgradeEvidenceTests(DatabaseProvider.Postgres);

    private static async Task<(TestDatabase Database, UpgradeEvidenceProject Project)> SeedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        return (database, await UpgradeEvidenceProject.SeedAsync(db));
    }

    [Fact]
    public async Task Each_metric_compares_the_versions_traces_and_says_whether_users_noticed()
    {
        var (database, project) = await SeedAsync(provider);
        await using var _ = database;
        var evidence = await new ProductionEvidence(database.Factory).CompareAsync(project.ProjectId, project.V1, project.V2);

        Assert.NotNull(evidence);
        Assert.Equal(("v1", 200L, new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)), (evidence.Base.Version, evidence.Base.Traces, evidence.Base.LiveUntil!.Value));
        Assert.Equal(("v2", 200L, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)), (evidence.Head.Version, evidence.Head.Traces, evidence.Head.LiveUntil!.Value));
        Assert.Equal(TrendMetrics.UserExperience, evidence.Metrics.Select(m => m.Metric));
        var byMetric = evidence.Metrics.ToDictionary(m => m.Metric);

        // Thumbs per answer: 160 of 200 against 120 of 200; the feedback about an unknown trace counts for neither.
        var thumbs = byMetric[TrendMetrics.ThumbsUpRate];
        Assert.Equal((0.8, 200L, 0.6, 200L), (thumbs.Base!.Value, thumbs.Base.N, thumbs.Head!.Value, thumbs.Head.N));
        Assert.Equal("two-proportion z-test", thumbs.Test);
        Assert.Equal(TwoProportionZTest.Test(120, 200, 160, 200).PValue, thumbs.PValue!.Value, 12);
        Assert.True(thumbs.PValue < 0.001);
        Assert.Equal("Thumbs-up rate went from 80.0 % on v1 (n = 200) to 60.0 % on v2 (n = 200); two-proportion z-test, p < 0.001: users noticed: v2 is worse for them.", thumbs.Sentence);
        var (low, high) = Intervals.Wilson(120, 200);
        Assert.Equal((low, high), (thumbs.Head.Low, thumbs.Head.High));

        // Rewrites per trace: 16 rewritten traces of 200 (one twice) against 30.
        var rewrite = byMetric[TrendMetrics.RewriteRate];
        Assert.Equal((0.08, 0.15), (rewrite.Base!.Value, rewrite.Head!.Value));
        Assert.True(rewrite.PValue < 0.05);
        Assert.EndsWith("users noticed: v2 is worse for them.", rewrite.Sentence);

        // CSAT the same on both: Welch's test finds nothing.
        var csat = byMetric[TrendMetrics.Csat];
        Assert.Equal(("Welch's t-test", 100L, 100L), (csat.Test, csat.Base!.N, csat.Head!.N));
        Assert.True(csat.PValue > 0.05);
        Assert.EndsWith("no difference users made visible at these sample sizes.", csat.Sentence);

        // No retries on either version: 0 % of 200 traces each, nothing to notice.
        var retry = byMetric[TrendMetrics.RetryRate];
        Assert.Equal((0.0, 200L, 0.0, 200L), (retry.Base!.Value, retry.Base.N, retry.Head!.Value, retry.Head.N));
        Assert.EndsWith("no difference users made visible at these sample sizes.", retry.Sentence);
    }

    [Fact]
    public async Task A_version_without_traces_has_no_data_and_a_sentence_that_says_so()
    {
        var (database, project) = await SeedAsync(provider);
        await using var _ = database;
        var evidence = await new ProductionEvidence(database.Factory).CompareAsync(project.ProjectId, project.V2, project.V3);

        Assert.Null(evidence!.Head.LiveUntil);
        Assert.Equal(0, evidence.Head.Traces);
        Assert.All(evidence.Metrics, m => Assert.Null(m.PValue));
        Assert.Equal("Thumbs-up rate: no thumbs up or down on v3 in production, so there is nothing to compare.", evidence.Metrics[0].Sentence);
        Assert.Null(await new ProductionEvidence(database.Factory).CompareAsync(project.ProjectId + 1, project.V1, project.V2));
    }

    [Fact]
    public async Task The_bench_is_blind_where_reviewers_found_failures_on_the_new_version_it_would_not_catch()
    {
        var (database, project) = await SeedAsync(provider);
        await using var _ = database;
        var blindness = await new BlindSpotFinder(database.Factory).FindAsync(project.ProjectId, project.V2);

        Assert.NotNull(blindness);
        // Four labelled traces of v2 (the unlabelled one does not count), three failures, two missed; v1's gap is not v2's.
        Assert.Equal(("v2", 4, 3), (blindness.HeadVersion, blindness.Reviewed, blindness.Failures));
        Assert.Equal([(project.Round2, "b004"), (project.Round1, "b000")], blindness.Missed.Select(m => (m.RoundId, m.TraceId)));
        var first = blindness.Missed[1];
        Assert.Equal(($"/p/{project.Slug}/sampling/{project.Round1}", "2026-04"), (first.RoundHref, first.RoundPeriod));
        Assert.Equal((UpgradeEvidenceProject.HostileInput, "policy", UpgradeEvidenceProject.HostileNotes), (first.Input, first.FailureCategory, first.Notes));

        var onV1 = await new BlindSpotFinder(database.Factory).FindAsync(project.ProjectId, project.V1);
        Assert.Equal(["a000"], onV1!.Missed.Select(m => m.TraceId));
        var onV3 = await new BlindSpotFinder(database.Factory).FindAsync(project.ProjectId, project.V3);
        Assert.Equal((0, 0), (onV3!.Reviewed, onV3.Missed.Count));
        Assert.Null(await new BlindSpotFinder(database.Factory).FindAsync(project.ProjectId + 1, project.V2));
    }
}
