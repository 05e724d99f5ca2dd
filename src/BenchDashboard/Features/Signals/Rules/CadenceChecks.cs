namespace BenchDashboard.Features.Signals.Rules;

/// <summary>The rituals cadence watches, as <see cref="Signal.Check"/> and the evidence's <c>check</c> name them.</summary>
public static class CadenceChecks
{
    public const string Sampling = "sampling";
    public const string RubricReview = "rubricReview";
    public const string BenchAudit = "benchAudit";
}
