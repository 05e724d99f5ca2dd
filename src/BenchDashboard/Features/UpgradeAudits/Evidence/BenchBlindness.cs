namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>
/// The upgrade audit's "where the bench is blind": of the head version's sampled traces with a counting label
/// (<see cref="Reviewed"/>), those judged failures (<see cref="Failures"/>), and the failures the bench would have missed.
/// </summary>
public sealed record BenchBlindness(string HeadVersion, int Reviewed, int Failures, IReadOnlyList<BlindSpot> Missed);
