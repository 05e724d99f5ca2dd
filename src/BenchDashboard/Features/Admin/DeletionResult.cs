namespace BenchDashboard.Features.Admin;

/// <summary>
/// What a deletion did: <see cref="Deleted"/> is false when the rows in the range changed after the admin confirmed
/// (new data arrived) and nothing was deleted; <see cref="Counts"/> then holds the new counts to confirm again.
/// </summary>
public sealed record DeletionResult(bool Deleted, DeletionCounts Counts);
