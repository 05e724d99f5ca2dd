namespace BenchDashboard.Features.Signals;

/// <summary>The outcome of a lead's action on a signal: done, or a sentence saying what was wrong.</summary>
public sealed record SignalTriageResult(string? Error)
{
    public static readonly SignalTriageResult Done = new((string?)null);

    public bool Ok => Error is null;

    public static SignalTriageResult Fail(string error) => new(error);
}
