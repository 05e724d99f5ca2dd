namespace BenchDashboard.Features.Bench.Runs;

/// <summary>One case of a run comparison with its input, so a lead sees what each changed case asks.</summary>
public sealed record ComparedCase(string CaseId, CaseChange Change, string? Input, bool Retired);
