using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Sampling;

/// <summary>Summary, agreement, settling, accepting gaps into the bench, closing, exports, and what the signals then see.</summary>
public abstract class RoundClosingTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : RoundClosingTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : RoundClosingTests(DatabaseProvider.Postgres);

    private SamplingProject project = default!;
    private int roundId;
    private List<SampledTrace> sampled = [];

    public async ValueTask InitializeAsync()
    {
        project = await SamplingProject.CreateAsync(traces: 40, provider);
        roundId = (await project.StartAsync(SamplingProject.Settings(size: 8, doubleReview: 0.5), "rev-a", "rev-b")).RoundId;
        sampled = await project.SampledAsync(roundId);
    }

    public async ValueTask DisposeAsync() => await project.DisposeAsync();

    private Task<SaveResult> LabelAsync(SampledTrace item, string reviewer, LabelInput label) =>
        project.Reviews.SaveAsync(project.ProjectId, item.Id, reviewer, label, 0);

    private LabelInput Caught => new(ReviewVerdict.Bad, "wrong answer", BenchWouldCatch.Yes, project.CaseIds["case-refund"], null);
    private static LabelInput Gap => new(ReviewVerdict.Bad, "made-up fact", BenchWouldCatch.No, null, "=HYPERLINK(\"http://evil\")");
    private static LabelInput Good => new(ReviewVerdict.Good, null, null, null, null);

    /// <summary>
    /// First reviewers: traces 1–2 caught failures, 3 a gap, 4 good, 5–7 good, 8 unlabelled. The four blind second
    /// reviews (traces picked by the seed) agree except on one, which the second reviewer calls a gap.
    /// </summary>
    private async Task<SampledTrace> LabelTheRoundAsync()
    {
        LabelInput[] firsts = [Caught, Caught, Gap, Good, Good, Good, Good];
        for (var i = 0; i < firsts.Length; i++) await LabelAsync(sampled[i], sampled[i].AssignedReviewerId!, firsts[i]);
        var doubles = sampled.Take(7).Where(s => s.SecondReviewerId is not null).ToList();
        var disputed = doubles.First(s => firsts[s.Position - 1].BenchWouldCatch != BenchWouldCatch.No);
        foreach (var s in doubles)
        {
            await LabelAsync(s, s.SecondReviewerId!, s == disputed ? Gap : firsts[s.Position - 1]);
        }
        return disputed;
    }

    [Fact]
    public async Task The_summary_counts_the_first_reviewers_labels_with_a_wilson_interval_and_kappa()
    {
        var disputed = await LabelTheRoundAsync();
        var summary = (await project.Rounds.GetAsync(project.ProjectId, roundId))!;

        Assert.Equal((8, 7, 3, 2, 1), (summary.Size, summary.Reviewed, summary.Failures, summary.BenchWouldCatch, summary.Gaps));
        Assert.Equal(2.0 / 3, summary.CatchRate!.Value, 10);
        Assert.True(summary.CatchRateLow < 2.0 / 3 && summary.CatchRateHigh > 2.0 / 3);
        var round = summary.Agreement[0];
        Assert.Equal("Round", round.Label);
        Assert.Equal(sampled.Take(7).Count(s => s.SecondReviewerId is not null), round.Kappa.N);
        Assert.True(round.Kappa.ObservedAgreement < 1);
        var disagreement = Assert.Single(summary.Disagreements);
        Assert.Equal(disputed.Id, disagreement.SampledTraceId);
        // The lead sees what was labelled: the trace's text comes with the disagreement.
        Assert.StartsWith("Question ", disagreement.Input);
        Assert.StartsWith("Answer ", disagreement.Output);
        Assert.Equal(2, summary.Reviewers.Count);

        // The lead settles on the second reviewer's "gap": it counts from now on.
        Assert.Equal(RoundChange.Done, await project.Rounds.SettleAsync(project.ProjectId, disputed.Id, disagreement.Second.ReviewId, "lead@test"));
        var settled = (await project.Rounds.GetAsync(project.ProjectId, roundId))!;
        Assert.Empty(settled.Disagreements);
        Assert.Equal(summary.Gaps + 1, settled.Gaps);
    }

    [Fact]
    public async Task An_accepted_draft_becomes_an_active_bench_case_with_its_trace_as_provenance_and_is_suggested_next_time()
    {
        var saved = await LabelAsync(sampled[0], sampled[0].AssignedReviewerId!, Gap with { DraftExpectedBehaviour = "Escalate to a human." });
        var draft = Assert.Single((await project.Rounds.GetAsync(project.ProjectId, roundId))!.Drafts);

        Assert.Equal(RoundChange.Done, await project.Rounds.AcceptDraftAsync(project.ProjectId, draft.ReviewId, "lead@test"));

        var created = await project.QueryAsync(db => db.BenchCases.SingleAsync(c => c.Source == BenchCaseSource.ProductionGap));
        Assert.Equal((BenchCaseStatus.Active, saved.Current!.Draft!.Input, "Escalate to a human."), (created.Status, created.Input, created.ExpectedBehaviour));
        Assert.Equal($"gap-{saved.Current.Draft.Provenance.TraceId}", created.ExternalId);
        using var provenance = JsonDocument.Parse(created.ProvenanceTraceJson!);
        Assert.Equal(saved.Current.Draft.Provenance.Output, provenance.RootElement.GetProperty("output").GetString());
        var after = (await project.Rounds.GetAsync(project.ProjectId, roundId))!.Drafts.Single();
        Assert.Equal((DraftCaseStatus.Accepted, created.ExternalId), (after.Status, after.AcceptedCaseExternalId));
        Assert.Equal(RoundChange.Invalid, await project.Rounds.RejectDraftAsync(project.ProjectId, draft.ReviewId, "lead@test"));
        // The reviewer can no longer change a label whose draft is in the bench.
        Assert.Equal(SaveOutcome.Invalid, (await project.Reviews.SaveAsync(project.ProjectId, sampled[0].Id, sampled[0].AssignedReviewerId!, Good, saved.Current.Revision + 1)).Outcome);
        Assert.Contains(await project.QueryAsync(db => db.AuditEvents.Select(a => a.Action).ToListAsync()), a => a == AuditActions.DraftCaseAccepted);
        // The new case is part of the bench the workbench suggests from.
        var search = await project.Reviews.SearchCasesAsync(project.ProjectId, created.ExternalId);
        Assert.Equal(created.ExternalId, search[0].Case.ExternalId);
    }

    [Fact]
    public async Task Closing_makes_labels_final_is_audited_and_feeds_the_coverage_signal()
    {
        await LabelTheRoundAsync();
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = await project.SignalLoader().LoadAsync(project.ProjectId, asOf, new BenchDashboard.Features.Signals.SignalSettings());
        Assert.Empty(before.Rounds);

        Assert.Equal(RoundChange.Done, await project.Rounds.CloseAsync(project.ProjectId, roundId, "lead@test"));
        Assert.Equal(RoundChange.Closed, await project.Rounds.CloseAsync(project.ProjectId, roundId, "lead@test"));

        var late = await project.Reviews.SaveAsync(project.ProjectId, sampled[7].Id, sampled[7].AssignedReviewerId!, Good, 0);
        Assert.Equal(SaveOutcome.RoundClosed, late.Outcome);
        var audit = await project.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.Action == AuditActions.SamplingRoundClosed));
        Assert.Contains("\"failures\":3", audit.PayloadJson);
        var after = await project.SignalLoader().LoadAsync(project.ProjectId, asOf.AddDays(1), new BenchDashboard.Features.Signals.SignalSettings());
        var closed = Assert.Single(after.Rounds);
        Assert.Equal((7, 3, 2), (closed.Reviewed, closed.Failures, closed.BenchWouldCatch));
    }

    [Fact]
    public async Task Exports_hold_every_label_with_scores_and_comments_and_defuse_spreadsheet_formulas()
    {
        await LabelTheRoundAsync();
        var rows = (await project.Exporter.RowsAsync(project.ProjectId, roundId))!;
        var labels = await project.QueryAsync(db => db.TraceReviews.CountAsync());
        // Every label, plus one row for the unlabelled trace 8.
        Assert.Equal(labels + 1, rows.Count);
        Assert.Single(rows, r => r.Position == 8 && r.Verdict is null);
        Assert.Equal(sampled.Count, rows.Select(r => r.TraceId).Distinct().Count());
        Assert.All(rows.Where(r => r.ReviewRole == "first" && r.Position <= 7), r => Assert.True(r.Counts));
        var withThumbsDown = rows.Where(r => r.ThumbsDown > 0).ToList();
        Assert.All(withThumbsDown, r => Assert.True(r.NegativeSignals >= 1));

        var csv = RoundExporter.ToCsv(rows);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("roundId,period,position,traceId,", lines[0]);
        Assert.Equal(rows.Count + 1, lines.Length);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);

        var jsonl = RoundExporter.ToJsonLines(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count, jsonl.Length);
        using var first = JsonDocument.Parse(jsonl[0]);
        Assert.Equal(roundId, first.RootElement.GetProperty("roundId").GetInt32());
        // JSON keeps the text as written (no spreadsheet here to protect).
        Assert.Contains(jsonl, l => l.Contains("=HYPERLINK"));
    }
}
