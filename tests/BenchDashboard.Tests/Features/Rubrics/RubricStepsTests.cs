using BenchDashboard.Components.Shared.Charts;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>Where runs under a new rubric version begin on the Trends chart, and the step in pass rate there.</summary>
public class RubricStepsTests
{
    private static readonly DateTime Day0 = new(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc);

    private static RubricSteps.Run Run(int day, int? rubric, double rate) => new($"run-{day:00}", Day0.AddDays(day), rubric, rate);

    [Fact]
    public void A_new_version_steps_from_the_mean_of_the_last_five_runs_before_to_the_first_five_under_it()
    {
        var runs = new[]
        {
            Run(0, 1, 0.50), Run(1, 1, 0.90), Run(2, 1, 0.90), Run(3, 1, 0.90), Run(4, 1, 0.95), Run(5, 1, 0.95),
            Run(6, 2, 0.80), Run(7, 2, 0.80), Run(8, 2, 0.90), Run(9, 2, 0.70), Run(10, 2, 0.80), Run(11, 2, 0.20),
        };

        var step = Assert.Single(RubricSteps.From(runs.Reverse()));

        Assert.Equal((2, "run-06", "rubric v2"), (step.Number, step.FirstRunId, step.Label));
        Assert.Equal((5, 5), (step.BeforeRuns, step.AfterRuns));
        Assert.Equal(0.92, step.Before!.Value, 12); // days 1–5; the first run is outside the window
        Assert.Equal(0.80, step.After!.Value, 12); // days 6–10; day 11 is outside
        Assert.Equal(-0.12, step.Change!.Value, 12);
        Assert.Contains("−12.0 pp", RubricStepText.Of(step));
    }

    [Fact]
    public void The_first_version_seen_and_a_return_to_an_older_one_are_not_steps_and_short_histories_average_what_there_is()
    {
        var steps = RubricSteps.From([Run(0, null, 0.4), Run(1, 1, 0.9), Run(2, 2, 0.6), Run(3, 1, 0.9), Run(4, 3, 0.5)]);

        Assert.Equal([2, 3], steps.Select(s => s.Number));
        Assert.Equal((2, 1), (steps[0].BeforeRuns, steps[0].AfterRuns)); // the run naming no rubric counts before
        Assert.Equal(0.65, steps[0].Before!.Value, 12);
        Assert.Equal(0.6, steps[0].After!.Value, 12);
        Assert.Empty(RubricSteps.From([Run(0, 1, 0.9), Run(1, 1, 0.8)]));
    }

    [Fact]
    public void The_chart_marks_a_step_in_its_window_beside_the_version_markers_and_says_the_step_in_its_hover_text()
    {
        var from = DateOnly.FromDateTime(Day0);
        var trends = new TrendsResult(from, from.AddDays(30), TrendBucket.Day,
            new Dictionary<string, IReadOnlyList<TrendPoint>> { [TrendMetrics.BenchPassRate] = [new("2026-09-01", 0.9, 10, 0.8, 0.95)] }, []);
        var inside = new RubricStep(2, "<b>run</b>", Day0.AddDays(10), 0.9, 5, 0.8, 3);
        var outside = new RubricStep(3, "later", Day0.AddDays(60), 0.8, 5, 0.85, 5);

        var chart = TrendsChart.Build(trends, TrendMetrics.BenchPassRate, rubricSteps: [inside, outside]);

        var marker = Assert.Single(chart.Markers, m => m.Kind == ChartMarkerKind.Rubric);
        Assert.Equal(("rubric v2", Day0.AddDays(10)), (marker.Label, marker.At));
        Assert.Equal("Rubric v2 from run <b>run</b> (11 Sep 2026): mean bench pass rate 90.0 % over the last 5 runs before, 80.0 % over the first 3 runs under it (−10.0 pp).",
            marker.Detail);
    }
}
