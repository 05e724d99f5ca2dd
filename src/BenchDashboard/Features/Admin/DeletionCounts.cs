namespace BenchDashboard.Features.Admin;

/// <summary>
/// The rows a deletion removes (or removed): production traces, feedback events and daily aggregates, plus the traces of
/// the range it keeps because a sampling round holds them (their reviews would otherwise lose their subject).
/// </summary>
public sealed record DeletionCounts(long Traces, long Feedback, long Metrics, long TracesKept)
{
    public long Total => Traces + Feedback + Metrics;
}
