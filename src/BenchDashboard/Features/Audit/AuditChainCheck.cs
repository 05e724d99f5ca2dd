namespace BenchDashboard.Features.Audit;

/// <summary>One verification of the audit chain: its outcome, when it ran, and who asked (<see cref="AtStart"/> for the app itself).</summary>
public sealed record AuditChainCheck(AuditVerification Result, DateTime At, string By)
{
    public const string AtStart = "start-up check";
}
