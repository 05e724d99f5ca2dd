using BenchDashboard.Data;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What one import adds to each day's and category's <see cref="DailyRollup"/>. Rows are counted as they are
/// inserted and the totals are added to the rollups in the import's own transaction, so rollups and raw rows can never
/// disagree, not even after a crash.
/// </summary>
public sealed class RollupDeltas(int projectId)
{
    private readonly Dictionary<(DateOnly Date, string Category), DailyRollup> _days = [];

    public bool IsEmpty => _days.Count == 0;

    public void AddTrace(DateTime timestamp, string? category) => Day(timestamp, category).Traces++;

    /// <summary>Counts one feedback event under <paramref name="category"/> (its trace's, or none when the trace is unknown).</summary>
    public void AddFeedback(DateTime timestamp, string? category, FeedbackKind kind, double? value) =>
        Count(Day(timestamp, category), kind, value, +1);

    /// <summary>
    /// Moves a feedback event counted without a category (its trace had not arrived) to the category of the trace
    /// that just arrived.
    /// </summary>
    public void MoveFeedback(DateTime timestamp, string category, FeedbackKind kind, double? value)
    {
        Count(Day(timestamp, DailyRollup.NoCategory), kind, value, -1);
        Count(Day(timestamp, category), kind, value, +1);
    }

    /// <summary>
    /// Counts a trace that got its first event of the per-trace <paramref name="kind"/>, on the trace's day and category
    /// (see <see cref="DailyRollup.RewrittenTraces"/>): the caller makes sure a trace is counted once per kind.
    /// </summary>
    public void AddTraceWith(DateTime traceTimestamp, string? category, FeedbackKind kind) =>
        Day(traceTimestamp, category).AddTracesWith(kind, 1);

    /// <summary>
    /// Counts a feedback event whose trace is not stored, for the data-quality note; only the per-trace kinds count, the
    /// others (thumbs, CSAT) are per-answer ratios that keep such events.
    /// </summary>
    public void AddUnknownTraceFeedback(DateTime timestamp, FeedbackKind kind)
    {
        if (DailyRollup.IsPerTrace(kind)) Day(timestamp, DailyRollup.NoCategory).UnknownTraceFeedback++;
    }

    /// <summary>The trace of an event counted by <see cref="AddUnknownTraceFeedback"/> arrived: the event is no longer unknown.</summary>
    public void RemoveUnknownTraceFeedback(DateTime timestamp, FeedbackKind kind)
    {
        if (DailyRollup.IsPerTrace(kind)) Day(timestamp, DailyRollup.NoCategory).UnknownTraceFeedback--;
    }

    private static void Count(DailyRollup day, FeedbackKind kind, double? value, int sign)
    {
        switch (kind)
        {
            case FeedbackKind.ThumbsUp: day.ThumbsUp += sign; break;
            case FeedbackKind.ThumbsDown: day.ThumbsDown += sign; break;
            case FeedbackKind.Csat:
                day.CsatCount += sign;
                day.CsatSum += sign * (value ?? 0);
                day.CsatSumOfSquares += sign * (value ?? 0) * (value ?? 0);
                break;
            case FeedbackKind.Rewrite: day.Rewrites += sign; break;
            case FeedbackKind.Retry: day.Retries += sign; break;
            case FeedbackKind.Undo: day.Undos += sign; break;
            case FeedbackKind.FormatError: day.FormatErrors += sign; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private DailyRollup Day(DateTime timestamp, string? category)
    {
        var key = (DateOnly.FromDateTime(timestamp), category ?? DailyRollup.NoCategory);
        if (!_days.TryGetValue(key, out var day))
        {
            _days[key] = day = new DailyRollup { ProjectId = projectId, Date = key.Item1, Category = key.Item2 };
        }
        return day;
    }

    /// <summary>The counters, in the order of the upsert's columns after ProjectId, Date and Category.</summary>
    private static readonly string[] Counters =
    [
        "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares", "Rewrites", "Retries", "Undos", "FormatErrors",
        "RewrittenTraces", "RetriedTraces", "UndoneTraces", "FormatErrorTraces", "UnknownTraceFeedback",
    ];

    /// <summary>
    /// Added, not replaced: other imports counted the same days before. One batch upsert, so a request's ~30 day and
    /// category rows cost one round trip on a server database.
    /// </summary>
    internal static readonly BatchInsertSpec Upsert = new("DailyRollups",
    [
        new("ProjectId", typeof(int)), new("Date", typeof(DateOnly)), new("Category", typeof(string)),
        .. Counters.Select(c => new BatchColumn(c, c is "CsatSum" or "CsatSumOfSquares" ? typeof(double) : typeof(long))),
    ], new OnConflict(["ProjectId", "Date", "Category"], Counters));

    /// <summary>Adds the totals to the stored rollups inside the import's transaction.</summary>
    internal void ApplyTo(ImportSession session)
    {
        if (IsEmpty) return;
        var rows = _days.Values.Select(day => new object?[]
        {
            day.ProjectId, day.Date, day.Category,
            day.Traces, day.ThumbsUp, day.ThumbsDown, day.CsatCount, day.CsatSum, day.CsatSumOfSquares,
            day.Rewrites, day.Retries, day.Undos, day.FormatErrors,
            day.RewrittenTraces, day.RetriedTraces, day.UndoneTraces, day.FormatErrorTraces, day.UnknownTraceFeedback,
        }).ToList();
        using var upsert = session.Dialect.PrepareBatchInsert(session.Connection, session.WriteTransaction, Upsert);
        upsert.Execute(rows, new bool[rows.Count], default);
    }
}
