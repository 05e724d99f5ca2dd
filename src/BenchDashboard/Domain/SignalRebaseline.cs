namespace BenchDashboard.Domain;

/// <summary>
/// A lead declared a metric's current level the new normal ("the campaign audience is the new normal"): the divergence
/// episode open on <see cref="Day"/> closes, and later episodes are measured against the level of the window ending then.
/// Day is data time (the day the lead was looking at), so signals as of earlier days are unchanged.
/// </summary>
public class SignalRebaseline
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public required string Metric { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The onset of the episode it closed.</summary>
    public DateOnly EpisodeOnset { get; set; }
    public required string Reason { get; set; }
    public required string ActedBy { get; set; }
    public DateTime ActedAt { get; set; }
}
