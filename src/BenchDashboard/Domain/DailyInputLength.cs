namespace BenchDashboard.Domain;

/// <summary>
/// How many of a project's production traces of one day and category had an input length in one bin of
/// <see cref="InputLengthBins"/> (the bin that starts at <see cref="MinLength"/>). Kept current by every trace import
/// in the same transaction as the traces, like <see cref="DailyRollup"/>, so input drift reads a few hundred rows per
/// window instead of hundreds of thousands of traces.
/// </summary>
public class DailyInputLength
{
    public int ProjectId { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>The traces' category; <see cref="DailyRollup.NoCategory"/> for traces without one.</summary>
    public string Category { get; set; } = DailyRollup.NoCategory;
    /// <summary>The bin's first length (characters, inclusive); the bin ends where the next one starts.</summary>
    public int MinLength { get; set; }
    public long Traces { get; set; }
}
