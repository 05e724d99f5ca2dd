namespace BenchDashboard.Domain;

/// <summary>An upgrade audit is open until a Lead signs it off (API.md: <c>open|signed_off</c>).</summary>
public enum UpgradeAuditStatus { Open, SignedOff }
