using System.Globalization;
using BenchDashboard.Features.Signals;

namespace BenchDashboard.Features.Trends;

/// <summary>A rubric step in words, for the chart's hover text and the note under the chart alike.</summary>
public static class RubricStepText
{
    public static string Of(RubricStep step)
    {
        var first = $"Rubric v{step.Number} from run {step.FirstRunId} ({step.FirstRunAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})";
        if (step.Change is not { } change) return $"{first}: no runs before it to compare with.";
        return $"{first}: mean bench pass rate {Say.Percent(step.Before!.Value)} over the last {Runs(step.BeforeRuns)} before, " +
               $"{Say.Percent(step.After!.Value)} over the first {Runs(step.AfterRuns)} under it ({(change >= 0 ? "+" : "−")}{Say.Points(change)}).";
    }

    private static string Runs(int n) => n == 1 ? "run" : $"{n} runs";
}
