namespace BenchDashboard.Features.Trends;

/// <summary>
/// Where runs under a new rubric version began, and the step in the bench pass rate there: the mean pass rate of the last
/// (up to <see cref="RubricSteps.Window"/>) runs before the first run under the version against the first (up to as many)
/// runs under it. Null means are "no runs on that side".
/// </summary>
public sealed record RubricStep(int Number, string FirstRunId, DateTime FirstRunAt, double? Before, int BeforeRuns, double? After, int AfterRuns)
{
    /// <summary>After minus before, as a share; null when either side has no runs.</summary>
    public double? Change => Before is { } b && After is { } a ? a - b : null;

    public string Label => $"rubric v{Number}";
}
