namespace BenchDashboard.Domain;

/// <summary>How a case's result changed from the base run to the head run of an upgrade audit.</summary>
public enum UpgradeCaseChange { NewlyPassing, NewlyFailing, StillFailing, Added, Removed }
