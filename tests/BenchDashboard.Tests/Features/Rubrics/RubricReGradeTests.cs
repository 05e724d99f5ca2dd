using BenchDashboard.Features.Rubrics.Reviews;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>The one re-grade rule of a rubric review's impact: what a result is worth without the dropped items.</summary>
public class RubricReGradeTests
{
    private static readonly IReadOnlySet<string> DropTone = new HashSet<string> { "tone" };

    [Fact]
    public void A_result_whose_only_failing_item_is_dropped_passes_and_one_failing_a_kept_item_still_fails()
    {
        var onlyTone = RubricReGrade.Outcomes("""{"cites-policy": true, "tone": false}""");
        var policyToo = RubricReGrade.Outcomes("""{"cites-policy": false, "tone": false}""");

        Assert.True(RubricReGrade.Passes(false, onlyTone, DropTone));
        Assert.False(RubricReGrade.Passes(false, policyToo, DropTone));
        // Without drops the outcomes decide alike: every reported item must pass.
        Assert.False(RubricReGrade.Passes(false, onlyTone, new HashSet<string>()));
    }

    [Fact]
    public void A_result_that_reports_only_dropped_items_has_nothing_left_to_fail()
    {
        Assert.True(RubricReGrade.Passes(false, RubricReGrade.Outcomes("""{"tone": false}"""), DropTone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[true]")]
    [InlineData("{\"tone\": \"no\"}")]
    [InlineData("not json")]
    public void A_result_without_outcomes_keeps_its_verdict(string? json)
    {
        Assert.Null(RubricReGrade.Outcomes(json));
        Assert.True(RubricReGrade.Passes(true, RubricReGrade.Outcomes(json), DropTone));
        Assert.False(RubricReGrade.Passes(false, RubricReGrade.Outcomes(json), DropTone));
    }

    [Fact]
    public void A_run_counts_its_results_now_and_re_graded_and_says_how_many_had_no_outcomes()
    {
        var run = RubricReGrade.Run("r1", "v2", new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc),
        [
            (true, """{"cites-policy": true, "tone": true}"""),
            (false, """{"cites-policy": true, "tone": false}"""), // passes without tone
            (false, """{"cites-policy": false, "tone": true}"""), // still fails
            (false, null), // keeps its verdict
        ], DropTone);

        Assert.Equal((4, 1, 2, 1), (run.Results, run.PassedNow, run.PassedReGraded, run.WithoutOutcomes));
        Assert.Equal(0.25, run.RateNow, 12);
        Assert.Equal(0.5, run.RateReGraded, 12);
        Assert.Equal(0.25, run.Change, 12);
    }

    [Fact]
    public void The_overall_impact_pools_the_results_of_the_runs()
    {
        var at = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
        var big = RubricReGrade.Run("big", "v2", at, Enumerable.Repeat((false, (string?)"""{"tone": false, "x": true}"""), 8)
            .Concat(Enumerable.Repeat((true, (string?)"""{"tone": true, "x": true}"""), 2)), DropTone);
        var small = RubricReGrade.Run("small", "v2", at, [(false, """{"x": false}"""), (true, null)], DropTone);

        var impact = RubricReGrade.Impact([big, small], ["tone"]);

        // 3 of 12 pass now; 10 + 1 of 12 re-graded (not the mean of the runs' rates, 0.75).
        Assert.Equal((12, 3, 11, 1), (impact.Results, impact.PassedNow, impact.PassedReGraded, impact.WithoutOutcomes));
        Assert.Equal(8.0 / 12, impact.Change, 12);
    }
}
