using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Features.Sampling;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>
/// Signals are computed once per project, date, settings and data version: a lead's dashboard, the API and the alerting
/// worker share one computation until something the signals read changes.
/// </summary>
public abstract class SignalsCacheTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SignalsCacheTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : SignalsCacheTests(DatabaseProvider.Postgres);

    private static readonly DateOnly AsOf = SamplingProject.To;
    private SamplingProject project = default!;
    private SignalsService signals = default!;

    public async ValueTask InitializeAsync()
    {
        project = await SamplingProject.CreateAsync(traces: 40, provider);
        signals = project.SignalsService();
    }

    public async ValueTask DisposeAsync() => await project.DisposeAsync();

    private Task<long> VersionAsync() => project.QueryAsync(db => ProjectDataVersion.ReadAsync(db, project.ProjectId));

    [Fact]
    public async Task A_second_call_with_no_data_change_reuses_the_signals_without_loading()
    {
        var first = await signals.GetWithDataAsync(project.ProjectId, AsOf);
        var second = await signals.GetWithDataAsync(project.ProjectId, AsOf);

        Assert.Equal(1, signals.Computations);
        Assert.Same(first.Data, second.Data);
        Assert.Same(first.Signals, second.Signals);
    }

    [Fact]
    public async Task Ten_parallel_calls_compute_once()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => signals.GetWithDataAsync(project.ProjectId, AsOf))));

        Assert.Equal(1, signals.Computations);
        Assert.All(answers, a => Assert.Same(answers[0].Data, a.Data));
    }

    [Fact]
    public async Task An_import_invalidates_the_signals_and_a_resent_one_does_not()
    {
        var before = (await signals.GetWithDataAsync(project.ProjectId, AsOf)).Data;
        await project.AddTraceAsync("late", "2026-06-30T08:00:00Z");
        var after = (await signals.GetWithDataAsync(project.ProjectId, AsOf)).Data;

        Assert.Equal(2, signals.Computations);
        Assert.Equal(before.Traffic.Sum(t => t.Traces) + 1, after.Traffic.Sum(t => t.Traces));
        Assert.Equal(before.InputLengths.Sum(l => l.Traces) + 1, after.InputLengths.Sum(l => l.Traces));

        // The same trace again is a duplicate: nothing changed, nothing to recompute.
        await project.AddTraceAsync("late", "2026-06-30T08:00:00Z");
        await signals.GetAsync(project.ProjectId, AsOf);
        Assert.Equal(2, signals.Computations);
    }

    [Fact]
    public async Task An_accepted_gap_case_invalidates_the_signals()
    {
        var roundId = (await project.StartAsync(SamplingProject.Settings(size: 4, doubleReview: 0), "rev-a")).RoundId;
        var item = (await project.SampledAsync(roundId))[0];
        var gap = new LabelInput(ReviewVerdict.Bad, "made-up fact", BenchWouldCatch.No, null, null) { DraftExpectedBehaviour = "Escalate." };
        await project.Reviews.SaveAsync(project.ProjectId, item.Id, item.AssignedReviewerId!, gap, 0);
        var draft = Assert.Single((await project.Rounds.GetAsync(project.ProjectId, roundId))!.Drafts);
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = (await signals.GetWithDataAsync(project.ProjectId, asOf)).Data;

        Assert.Equal(RoundChange.Done, await project.Rounds.AcceptDraftAsync(project.ProjectId, draft.ReviewId, "lead@test"));
        var after = (await signals.GetWithDataAsync(project.ProjectId, asOf)).Data;

        Assert.Equal(2, signals.Computations);
        Assert.Equal(before.Cases.Count + 1, after.Cases.Count);
    }

    [Fact]
    public async Task Closing_a_round_invalidates_the_signals()
    {
        var roundId = (await project.StartAsync(SamplingProject.Settings(size: 4, doubleReview: 0), "rev-a")).RoundId;
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        Assert.Empty((await signals.GetWithDataAsync(project.ProjectId, asOf)).Data.Rounds);

        Assert.Equal(RoundChange.Done, await project.Rounds.CloseAsync(project.ProjectId, roundId, "lead@test"));

        Assert.Single((await signals.GetWithDataAsync(project.ProjectId, asOf)).Data.Rounds);
        Assert.Equal(2, signals.Computations);
    }

    [Fact]
    public async Task A_settings_change_recomputes_with_the_new_settings()
    {
        await signals.GetAsync(project.ProjectId, AsOf);
        await project.QueryAsync(async db =>
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == project.ProjectId);
            stored.SignalSettingsJson = JsonSerializer.Serialize(SignalSettings.Defaults with { DriftWindowDays = 14 }, JsonSerializerOptions.Web);
            return await db.SaveChangesAsync();
        });
        await signals.GetAsync(project.ProjectId, AsOf);

        Assert.Equal(2, signals.Computations);
    }

    [Fact]
    public async Task Alerting_bookkeeping_leaves_the_data_version_and_a_bench_result_alone_moves_it()
    {
        var start = await VersionAsync();
        await project.QueryAsync(async db =>
        {
            db.SignalStates.Add(new SignalState { ProjectId = project.ProjectId, Kind = "coverage", Metric = "", Severity = "alert", Active = true });
            db.WebhookDeliveries.Add(new WebhookDelivery { ProjectId = project.ProjectId, Event = "signal.started", Url = "http://x", PayloadJson = "{}" });
            db.AuditEvents.Add(new AuditEvent { Actor = "system", Action = "signal.started", Subject = "project:sampling", PayloadJson = "{}", Hash = "h", PrevHash = "p" });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(start, await VersionAsync());

        // A run with its result counts; so does a later change of the result alone, which has no ProjectId of its own.
        var resultId = await project.QueryAsync(async db =>
        {
            var version = new PipelineVersion { ProjectId = project.ProjectId, Version = "v9", DeployedAt = DateTime.UtcNow };
            var run = new BenchRun { ProjectId = project.ProjectId, RunId = "run-1", StartedAt = DateTime.UtcNow, Results = [new BenchResult { BenchCaseId = project.CaseIds["case-refund"], Passed = true }] };
            db.PipelineVersions.Add(version);
            await db.SaveChangesAsync();
            run.PipelineVersionId = version.Id;
            db.BenchRuns.Add(run);
            await db.SaveChangesAsync();
            return run.Results[0].Id;
        });
        var afterRun = await VersionAsync();
        Assert.True(afterRun > start);

        await project.QueryAsync(async db =>
        {
            var result = await db.BenchResults.SingleAsync(r => r.Id == resultId);
            result.Passed = false;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(afterRun + 1, await VersionAsync());
    }

    [Fact]
    public async Task A_reviewers_label_moves_the_version_through_its_sampled_trace_and_round()
    {
        var roundId = (await project.StartAsync(SamplingProject.Settings(size: 4, doubleReview: 0), "rev-a")).RoundId;
        var item = (await project.SampledAsync(roundId))[0];
        var start = await VersionAsync();

        await project.Reviews.SaveAsync(project.ProjectId, item.Id, item.AssignedReviewerId!, new LabelInput(ReviewVerdict.Good, null, null, null, null), 0);

        Assert.Equal(start + 1, await VersionAsync());
    }
}
