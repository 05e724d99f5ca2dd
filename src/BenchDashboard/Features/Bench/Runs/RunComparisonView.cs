namespace BenchDashboard.Features.Bench.Runs;

/// <summary>Two runs side by side: their summaries, McNemar's exact p over the cases both ran, and every case that changed
/// or failed in both (cases that passed in both are left out).</summary>
public sealed record RunComparisonView(RunSummary Base, RunSummary Head, double McnemarP, IReadOnlyList<ComparedCase> Cases)
{
    public int Count(CaseChange change) => Cases.Count(c => c.Change == change);
}
