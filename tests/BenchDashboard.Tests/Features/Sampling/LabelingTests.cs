using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;

namespace BenchDashboard.Tests.Features.Sampling;

/// <summary>The workbench's backend: labels saved as given, never overwritten silently, blind second reviews.</summary>
public abstract class LabelingTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : LabelingTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : LabelingTests(DatabaseProvider.Postgres);

    private static LabelInput Good => new(ReviewVerdict.Good, null, null, null, null);

    private async Task<(SamplingProject Project, int RoundId, List<SampledTrace> Sampled)> RoundAsync(double doubleReview = 0)
    {
        var project = await SamplingProject.CreateAsync(traces: 40, provider);
        var started = await project.StartAsync(SamplingProject.Settings(size: 10, doubleReview: doubleReview), "rev-a", "rev-b");
        return (project, started.RoundId, await project.SampledAsync(started.RoundId));
    }

    [Fact]
    public async Task A_label_is_stored_field_by_field_and_counts_once_complete()
    {
        var (project, _, sampled) = await RoundAsync();
        await using var _p = project;
        var item = sampled.First(s => s.AssignedReviewerId == "rev-a");

        var bad = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", new LabelInput(ReviewVerdict.Bad, null, null, null, "half done"), 0);
        Assert.Equal(SaveOutcome.Saved, bad.Outcome);
        Assert.False(bad.Current!.IsComplete);
        Assert.Equal((1, "half done"), (bad.Current.Revision, bad.Current.Notes));

        var withCategory = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a",
            new LabelInput(ReviewVerdict.Bad, "wrong answer", BenchWouldCatch.Yes, project.CaseIds["case-refund"], "half done"), 1);
        Assert.True(withCategory.Current!.IsComplete);
        Assert.Equal("case-refund", withCategory.Current.MatchedCaseExternalId);

        var loaded = await project.Reviews.LoadAsync(project.ProjectId, item.Id, "rev-a");
        Assert.Equal((ReviewVerdict.Bad, "wrong answer", 2), (loaded!.Label!.Verdict, loaded.Label.FailureCategory, loaded.Label.Revision));
        Assert.True((await project.Reviews.QueueAsync(sampled[0].SamplingRoundId, "rev-a")).Single(w => w.SampledTraceId == item.Id).IsComplete);
    }

    [Fact]
    public async Task A_save_based_on_an_old_revision_is_a_conflict_and_changes_nothing()
    {
        var (project, _, sampled) = await RoundAsync();
        await using var _p = project;
        var item = sampled.First(s => s.AssignedReviewerId == "rev-a");
        Assert.Equal(SaveOutcome.Saved, (await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", Good, 0)).Outcome);

        // A second tab still showing the empty label tries to store "bad".
        var stale = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", new LabelInput(ReviewVerdict.Bad, "wrong tone", BenchWouldCatch.No, null, null), 0);

        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal(ReviewVerdict.Good, stale.Current!.Verdict);
        Assert.Contains("changed elsewhere", stale.Problem);
        Assert.Equal(ReviewVerdict.Good, (await project.Reviews.LoadAsync(project.ProjectId, item.Id, "rev-a"))!.Label!.Verdict);
    }

    [Fact]
    public async Task Two_saves_racing_from_the_same_revision_store_one_and_report_the_other_as_a_conflict()
    {
        var (project, _, sampled) = await RoundAsync();
        await using var _p = project;
        var item = sampled.First(s => s.AssignedReviewerId == "rev-a");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", new LabelInput(ReviewVerdict.Good, null, null, null, $"tab {i}"), 0)));

        Assert.Single(results, r => r.Outcome == SaveOutcome.Saved);
        Assert.Equal(3, results.Count(r => r.Outcome == SaveOutcome.Conflict));
        var stored = (await project.Reviews.LoadAsync(project.ProjectId, item.Id, "rev-a"))!.Label!;
        Assert.Equal(results.Single(r => r.Outcome == SaveOutcome.Saved).Current!.Notes, stored.Notes);
        Assert.Equal(1, stored.Revision);
    }

    [Fact]
    public async Task A_gap_drafts_a_bench_case_from_the_trace_with_a_snapshot_and_keeps_the_reviewers_edits()
    {
        var (project, _, sampled) = await RoundAsync();
        await using var _p = project;
        var item = sampled.First(s => s.AssignedReviewerId == "rev-a");
        var gap = new LabelInput(ReviewVerdict.Bad, "made-up fact", BenchWouldCatch.No, null, null);
        var saved = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", gap, 0);

        var draft = saved.Current!.Draft!;
        var trace = (await project.Reviews.LoadAsync(project.ProjectId, item.Id, "rev-a"))!;
        Assert.Equal(trace.Input, draft.Input);
        Assert.Equal(trace.Category, draft.Category);
        Assert.Equal((trace.TraceId, trace.Input, trace.Output, "v1"), (draft.Provenance.TraceId, draft.Provenance.Input, draft.Provenance.Output, draft.Provenance.Version));
        Assert.Equal(DraftCaseStatus.Pending, saved.Current.DraftStatus);

        var edited = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", gap with { DraftExpectedBehaviour = "Say the order ships Monday." }, 1);
        Assert.Equal("Say the order ships Monday.", edited.Current!.Draft!.ExpectedBehaviour);
        Assert.Equal(trace.Input, edited.Current.Draft.Input);

        // Changing the answer to "yes" withdraws the draft.
        var yes = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", gap with { BenchWouldCatch = BenchWouldCatch.Yes, MatchedBenchCaseId = project.CaseIds["case-ship"] }, 2);
        Assert.Null(yes.Current!.Draft);
        Assert.Null(yes.Current.DraftStatus);
    }

    [Fact]
    public async Task The_second_reviewer_never_sees_the_first_label_and_others_cannot_label_a_trace_not_theirs()
    {
        var (project, _, sampled) = await RoundAsync(doubleReview: 0.5);
        await using var _p = project;
        var item = sampled.First(s => s.SecondReviewerId is not null);
        var first = item.AssignedReviewerId!;
        var second = item.SecondReviewerId!;
        await project.Reviews.SaveAsync(project.ProjectId, item.Id, first, new LabelInput(ReviewVerdict.Bad, "wrong answer", BenchWouldCatch.No, null, "first's note"), 0);

        var seen = await project.Reviews.LoadAsync(project.ProjectId, item.Id, second);
        Assert.NotNull(seen);
        Assert.True(seen.IsSecondReview);
        Assert.Null(seen.Label);
        Assert.Equal(SaveOutcome.Saved, (await project.Reviews.SaveAsync(project.ProjectId, item.Id, second, Good, 0)).Outcome);
        // Both labels exist side by side; the first is untouched.
        Assert.Equal(ReviewVerdict.Bad, (await project.Reviews.LoadAsync(project.ProjectId, item.Id, first))!.Label!.Verdict);

        var notTheirs = sampled.First(s => s.AssignedReviewerId == "rev-a" && s.SecondReviewerId is null);
        Assert.Null(await project.Reviews.LoadAsync(project.ProjectId, notTheirs.Id, "rev-b"));
        Assert.Equal(SaveOutcome.NotYours, (await project.Reviews.SaveAsync(project.ProjectId, notTheirs.Id, "rev-b", Good, 0)).Outcome);
        // Another project's id is not a way in either.
        Assert.Null(await project.Reviews.LoadAsync(project.ProjectId + 1, notTheirs.Id, "rev-a"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_sentence_and_stores_nothing()
    {
        var (project, _, sampled) = await RoundAsync();
        await using var _p = project;
        var item = sampled.First(s => s.AssignedReviewerId == "rev-a");
        var retiredCase = new LabelInput(ReviewVerdict.Bad, "wrong answer", BenchWouldCatch.Yes, project.CaseIds["case-retired"], null);
        var tooLong = Good with { Notes = new string('x', ReviewService.MaxNotesLength + 1) };
        var control = Good with { Notes = "bell \u0007" };

        foreach (var (input, expected) in new[] { (retiredCase, "not an active case"), (tooLong, "at most 4,000"), (control, "U+0007") })
        {
            var result = await project.Reviews.SaveAsync(project.ProjectId, item.Id, "rev-a", input, 0);
            Assert.Equal(SaveOutcome.Invalid, result.Outcome);
            Assert.Contains(expected, result.Problem);
        }
        Assert.Null((await project.Reviews.LoadAsync(project.ProjectId, item.Id, "rev-a"))!.Label);
    }

    [Fact]
    public async Task Similar_bench_cases_are_suggested_from_the_active_bench_only()
    {
        var (project, _, sampled) = await RoundAsync();
        await using var _p = project;
        var trace = (await project.Reviews.LoadAsync(project.ProjectId, sampled.First(s => s.AssignedReviewerId == "rev-a").Id, "rev-a"))!;
        // Every trace asks about an order and the refund: the refund case ranks first, the retired one never shows.
        Assert.Equal("case-refund", trace.SimilarCases[0].Case.ExternalId);
        Assert.DoesNotContain(trace.SimilarCases, m => m.Case.ExternalId == "case-retired");
        var byId = await project.Reviews.SearchCasesAsync(project.ProjectId, "case-ship");
        Assert.Equal("case-ship", byId[0].Case.ExternalId);
    }
}
