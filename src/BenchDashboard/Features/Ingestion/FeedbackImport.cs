using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using System.Data.Common;
using BenchDashboard.Data;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A user-feedback event as the API receives it (API.md, "POST …/feedback").</summary>
public sealed record FeedbackRow(string EventId, string? TraceId, DateTime Timestamp, FeedbackKind Kind, double? Value)
{
    /// <summary>The API's kind names (snake_case) and the stored enum.</summary>
    public static readonly IReadOnlyDictionary<string, FeedbackKind> Kinds = new Dictionary<string, FeedbackKind>(StringComparer.Ordinal)
    {
        ["thumbs_up"] = FeedbackKind.ThumbsUp,
        ["thumbs_down"] = FeedbackKind.ThumbsDown,
        ["csat"] = FeedbackKind.Csat,
        ["rewrite"] = FeedbackKind.Rewrite,
        ["retry"] = FeedbackKind.Retry,
        ["undo"] = FeedbackKind.Undo,
        ["format_error"] = FeedbackKind.FormatError,
    };

    public static string ApiName(FeedbackKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static FeedbackRow? Parse(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var eventId = f.Id("eventId", required: true);
        var traceId = f.Id("traceId", required: false);
        var timestamp = f.Timestamp("timestamp", required: true);
        var kindName = f.Id("kind", required: true, 32);
        FeedbackKind? kind = null;
        if (kindName is not null)
        {
            if (Kinds.TryGetValue(kindName, out var k)) kind = k;
            else f.Error("kind", $"'{ErrorEcho.Quote(kindName)}' is not one of {string.Join(", ", Kinds.Keys)}");
        }
        // CSAT needs its score; the other kinds carry no value, so what was sent is ignored (unless no number can hold it).
        var value = kind == FeedbackKind.Csat ? f.Number("value", required: true, min: 1, max: 5) : null;
        if (kind is not null and not FeedbackKind.Csat) f.UnusedNumber("value");
        return eventId is null || timestamp is null || kind is null || kind == FeedbackKind.Csat && value is null
            ? null
            : new FeedbackRow(eventId, traceId, timestamp.Value, kind.Value, value);
    }
}

internal sealed class FeedbackSink(ImportSession session)
    : EventSink<FeedbackRow>(session, Insert,
        $"""
        SELECT f."EventId", f."TraceId", f."Timestamp", f."Kind", f."Value"
        FROM {session.Dialect.FromRowsAmongIds("FeedbackEvents", "f", "@ids")}
        WHERE f."ProjectId" = @p AND {session.Dialect.AmongIds("f", "EventId", "@ids")}
        """)
{
    internal static readonly BatchInsertSpec Insert = new("FeedbackEvents",
    [
        new("ProjectId", typeof(int)), new("EventId", typeof(string)), new("TraceId", typeof(string)), new("Timestamp", typeof(DateTime)),
        new("Kind", typeof(string)), new("Value", typeof(double?)),
    ], new OnConflict(["ProjectId", "EventId"]), KeyColumn: 1);

    // Feedback counts under its trace's category in the rollups. The categories are looked up once per request, for all
    // its trace ids in one statement, when the rows are complete: a lookup per event cost more than the insert itself.
    private readonly List<(DateTime Timestamp, string TraceId, FeedbackKind Kind, double? Value)> _awaitingCategory = [];

    public override string IdField => "eventId";

    /// <summary>
    /// Feedback rows are facts guarded by their unique (project, event id); the trace categories and per-trace counts are
    /// read in <see cref="BeforeRollupsApply"/>, after the turn, when every other writer's rows are committed or not
    /// yet counted. So imports of feedback into one project insert side by side and take turns only to count.
    /// </summary>
    public override bool DefersProjectTurn => true;

    public override string IdOf(FeedbackRow row) => row.EventId;

    public override IReadOnlyList<string> PreviewColumns { get; } = ["eventId", "traceId", "timestamp", "kind", "value"];

    public override IReadOnlyList<string> PreviewCells(FeedbackRow row) =>
    [
        row.EventId, row.TraceId ?? "", row.Timestamp.ToString("u", CultureInfo.InvariantCulture), FeedbackRow.ApiName(row.Kind),
        row.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
    ];

    protected override object?[] Values(FeedbackRow row) => [ProjectId, row.EventId, row.TraceId, row.Timestamp, row.Kind.ToString(), row.Value];

    protected override void Inserted(FeedbackRow row)
    {
        if (row.TraceId is null)
        {
            Rollups.AddFeedback(row.Timestamp, DailyRollup.NoCategory, row.Kind, row.Value);
            Rollups.AddUnknownTraceFeedback(row.Timestamp, row.Kind);
        }
        else
        {
            _awaitingCategory.Add((row.Timestamp, row.TraceId, row.Kind, row.Value));
        }
    }

    protected override void BeforeRollupsApply()
    {
        var traces = TraceCategories.Find(Session, _awaitingCategory.Select(e => e.TraceId));
        var perTrace = new Dictionary<(string TraceId, FeedbackKind Kind), int>();
        foreach (var (timestamp, traceId, kind, value) in _awaitingCategory)
        {
            if (traces.TryGetValue(traceId, out var trace))
            {
                Rollups.AddFeedback(timestamp, trace.Category, kind, value);
                if (DailyRollup.IsPerTrace(kind)) perTrace[(traceId, kind)] = perTrace.GetValueOrDefault((traceId, kind)) + 1;
                continue;
            }
            // A trace not stored yet leaves its feedback uncategorised and out of per-trace rates until it arrives
            // (TraceSink moves it then).
            Rollups.AddFeedback(timestamp, DailyRollup.NoCategory, kind, value);
            Rollups.AddUnknownTraceFeedback(timestamp, kind);
        }
        if (perTrace.Count > 0)
        {
            // A trace counts once per kind: only when every stored event of that kind came with this request is it new.
            var stored = TraceCategories.PerTraceEventCounts(Session, perTrace.Keys.Select(k => k.TraceId));
            foreach (var ((traceId, kind), added) in perTrace)
            {
                if (stored.GetValueOrDefault((traceId, kind)) != added) continue;
                var (category, day) = traces[traceId];
                Rollups.AddTraceWith(day.ToDateTime(TimeOnly.MinValue), category, kind);
            }
        }
        _awaitingCategory.Clear();
    }

    protected override string? Difference(DbDataReader stored, FeedbackRow row) =>
        stored.GetNullableString(1) != row.TraceId ? "traceId differs"
        : Dialect.ReadTimestamp(stored, 2) != Dialect.AsStored(row.Timestamp) ? "timestamp differs"
        : stored.GetString(3) != row.Kind.ToString() ? "kind differs"
        : stored.GetNullableDouble(4) != row.Value ? "value differs"
        : null;
}
