namespace BenchDashboard.Infrastructure;

/// <summary>The <c>BenchDashboard</c> configuration section (README, "Configuration").</summary>
public sealed class BenchDashboardOptions
{
    public const string Section = "BenchDashboard";

    /// <summary>Seed the demo project on an empty database. Null means: yes, except in the Production environment.</summary>
    public bool? Demo { get; set; }

    /// <summary>The last day of the demo's nine months; defaults to today (UTC). Fixed in tests for reproducible dates.</summary>
    public DateOnly? DemoAnchorDate { get; set; }

    public BootstrapOptions Bootstrap { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    public CircuitLimitOptions Circuits { get; set; } = new();

    /// <summary>The audit chain's keys; the rules they must meet live in <c>Features/Audit/AuditKeyring</c>.</summary>
    public AuditOptions Audit { get; set; } = new();
}
