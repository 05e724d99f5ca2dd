namespace BenchDashboard.Features.Bench.Runs;

/// <summary>How a case changed from the base run to the head run (the order the compare table groups them in).</summary>
public enum CaseChange { NewlyFailing, NewlyPassing, StillFailing, Added, Removed }
