namespace BenchDashboard.Domain;

/// <summary>What a Lead decided for one case in an upgrade audit (API.md: <c>keep|retire|investigate|fix_bench</c>).</summary>
public enum UpgradeCaseVerdict { Keep, Retire, Investigate, FixBench }
