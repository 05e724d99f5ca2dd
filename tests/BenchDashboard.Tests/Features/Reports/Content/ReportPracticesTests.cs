using BenchDashboard.Features.Reports;
using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.UpgradeAudits;
using BenchDashboard.Domain;

namespace BenchDashboard.Tests.Features.Reports.Content;

/// <summary>When a practice held (decision 0036), on facts made by hand.</summary>
public class ReportPracticesTests
{
    private static readonly ReportPeriod Q3 = new(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30));
    private static readonly DateOnly LongAfter = new(2027, 1, 1);

    private static ReportRound Round(string period, DateTime? closedAt) => new(1, period, default, default, 60, 1, "uniform", [], closedAt is null ? "open" : "closed",
        closedAt, false, 0, 0, null, 0, 0, null, null, null, 0, []);

    [Fact]
    public void A_round_closed_by_the_months_end_plus_the_cadence_is_on_time_and_one_a_day_later_is_late()
    {
        Assert.Equal(new DateOnly(2026, 8, 31), RoundDeadline.DueBy("2026-07", 31));
        Assert.True(RoundDeadline.OnTime("2026-07", new DateTime(2026, 8, 31, 23, 0, 0), 31));
        Assert.False(RoundDeadline.OnTime("2026-07", new DateTime(2026, 9, 1, 0, 30, 0), 31));
        Assert.False(RoundDeadline.OnTime("2026-07", null, 31));
        Assert.Equal(new DateOnly(2026, 3, 10), RoundDeadline.DueBy("2026-02", 10));
    }

    [Fact]
    public void Sampling_holds_only_when_every_month_owed_had_its_round_on_time()
    {
        var rounds = new[] { Round("2026-07", new DateTime(2026, 8, 5)), Round("2026-08", new DateTime(2026, 9, 6)), Round("2026-09", new DateTime(2026, 10, 2)) };
        Assert.Equal(PracticeOutcome.Held, ReportPractices.SamplingState(Q3, rounds, 31, new DateOnly(2026, 1, 1), LongAfter).Outcome);

        var lateSeptember = rounds[..2].Append(Round("2026-09", new DateTime(2026, 11, 12))).ToList();
        var late = ReportPractices.SamplingState(Q3, lateSeptember, 31, new DateOnly(2026, 1, 1), LongAfter);
        Assert.Equal(PracticeOutcome.Partly, late.Outcome);
        Assert.Contains("September 2026: round closed 12 Nov 2026, 12 days late (due by 31 Oct 2026)", late.Detail);

        var none = ReportPractices.SamplingState(Q3, [Round("2026-08", null)], 31, new DateOnly(2026, 1, 1), LongAfter);
        Assert.Equal(PracticeOutcome.Missed, none.Outcome);
        Assert.Contains("August 2026: no round closed (due by 1 Oct 2026)", none.Detail);
    }

    [Fact]
    public void Sampling_owes_nothing_before_the_project_began_or_before_a_deadline_passed()
    {
        // Made on 15 September: July's round was due by 31 August, August's is not due before 1 October.
        var early = ReportPractices.SamplingState(Q3, [Round("2026-07", new DateTime(2026, 8, 20))], 31, new DateOnly(2026, 1, 1), new DateOnly(2026, 9, 15));
        Assert.Equal(PracticeOutcome.Held, early.Outcome);
        Assert.Contains("August 2026: not due yet (due by 1 Oct 2026)", early.Detail);

        // A project that began in September owed no round for July or August.
        var young = ReportPractices.SamplingState(Q3, [], 31, new DateOnly(2026, 9, 10), LongAfter);
        Assert.Equal(PracticeOutcome.Missed, young.Outcome);
        Assert.DoesNotContain("July", young.Detail);
        Assert.StartsWith("September 2026: no round closed", young.Detail);

        Assert.Equal(PracticeOutcome.NotDue, ReportPractices.SamplingState(Q3, [], 31, new DateOnly(2026, 10, 1), LongAfter).Outcome);
    }

    [Fact]
    public void The_rubric_review_is_due_its_cadence_after_the_last_approval()
    {
        var since = new DateTime(2026, 1, 10);
        // Last approved on 1 May: due by 1 August.
        var approvedOnTime = ReportPractices.RubricReviewState(Q3, [new DateTime(2026, 5, 1), new DateTime(2026, 7, 30)], since, 92, LongAfter);
        Assert.Equal(PracticeOutcome.Held, approvedOnTime.Outcome);
        var approvedLate = ReportPractices.RubricReviewState(Q3, [new DateTime(2026, 5, 1), new DateTime(2026, 8, 11)], since, 92, LongAfter);
        Assert.Equal(PracticeOutcome.Partly, approvedLate.Outcome);
        Assert.Contains("10 days late (due by 1 Aug 2026); the last before it was approved on 1 May 2026", approvedLate.Detail);
        Assert.Equal(PracticeOutcome.Missed, ReportPractices.RubricReviewState(Q3, [new DateTime(2026, 5, 1)], since, 92, LongAfter).Outcome);
        // Approved on 15 July: the next is due by 15 October, after Q3.
        Assert.Equal(PracticeOutcome.NotDue, ReportPractices.RubricReviewState(new ReportPeriod(new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 30)),
            [new DateTime(2026, 7, 15)], since, 92, LongAfter).Outcome);
        Assert.Equal(PracticeOutcome.NotDue, ReportPractices.RubricReviewState(Q3, [], null, 92, LongAfter).Outcome);
    }

    [Fact]
    public void Each_version_that_went_live_needs_a_signed_off_audit_within_its_grace_period()
    {
        VersionTransition Live(string version, DateTime at) => new(version, "v0", at, AuditSchedule.DueBy(at, 14), AuditState.Overdue, null, false, null, null);
        UpgradeAuditListItem SignedOff(string head, DateTime? at) => new(1, "b", "h", "v0", head, new DateTime(2026, 7, 1), at is null ? UpgradeAuditStatus.Open : UpgradeAuditStatus.SignedOff, "lead", at);
        var versions = new[] { Live("v2", new DateTime(2026, 7, 3, 9, 0, 0)), Live("v3", new DateTime(2026, 8, 20, 9, 0, 0)) };

        var held = ReportPractices.UpgradeAuditState(versions, [SignedOff("v2", new DateTime(2026, 7, 17)), SignedOff("v3", new DateTime(2026, 8, 21))], LongAfter);
        Assert.Equal(PracticeOutcome.Held, held.Outcome);
        var partly = ReportPractices.UpgradeAuditState(versions, [SignedOff("v2", new DateTime(2026, 7, 17)), SignedOff("v3", null)], LongAfter);
        Assert.Equal(PracticeOutcome.Partly, partly.Outcome);
        Assert.Contains("v3 (live 20 Aug 2026): no signed-off audit (due by 3 Sep 2026)", partly.Detail);
        Assert.Equal(PracticeOutcome.Missed, ReportPractices.UpgradeAuditState(versions, [], LongAfter).Outcome);
        Assert.Equal(PracticeOutcome.NotDue, ReportPractices.UpgradeAuditState([], [], LongAfter).Outcome);
    }
}
