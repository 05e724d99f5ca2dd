using System.Globalization;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// Which audit events to show or export, kept in the address (<c>/audit-log?actor=lead&amp;action=sampling.round_closed&amp;from=2026-10-01&amp;to=2026-12-31</c>)
/// so an auditor can cite exactly what they looked at. Dates are whole UTC days, both ends included. <see cref="Before"/>
/// and <see cref="After"/> are the page's place in the log by sequence number (keyset paging): unlike page numbers, they
/// keep showing the same rows while new events arrive.
/// </summary>
public sealed record AuditLogFilter(string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null,
    long? Before = null, long? After = null)
{
    /// <summary>Events per page: a screenful that renders at once, however long the log.</summary>
    public const int PageSize = 50;

    /// <summary>The stored columns' lengths: a longer value cannot match anything.</summary>
    public const int MaxActorLength = 256, MaxActionLength = 64;

    public static readonly AuditLogFilter Default = new();

    /// <summary>
    /// The filter a request asks for, and what is wrong with it in words (empty when nothing is). A bad part is left out
    /// of the filter, so the page can still show the log while it says what it ignored.
    /// </summary>
    public static (AuditLogFilter Filter, IReadOnlyList<string> Problems) Parse(string? actor, string? action, string? from, string? to,
        string? before = null, string? after = null)
    {
        var problems = new List<string>();
        var filter = Default;
        if (!string.IsNullOrWhiteSpace(actor))
        {
            actor = actor.Trim();
            if (actor.Length > MaxActorLength) problems.Add($"The actor is longer than {MaxActorLength} characters, which no actor is.");
            else filter = filter with { Actor = actor };
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            action = action.Trim();
            if (action.Length > MaxActionLength) problems.Add($"The action is longer than {MaxActionLength} characters, which no action is.");
            else filter = filter with { Action = action };
        }
        var fromDate = Date(from, "start", problems);
        var toDate = Date(to, "end", problems);
        if (fromDate is { } f && toDate is { } t && f > t)
        {
            problems.Add($"The start date {Format(f)} is after the end date {Format(t)}: no event can be in that range.");
        }
        else
        {
            filter = filter with { From = fromDate, To = toDate };
        }
        filter = filter with { Before = Sequence(before), After = Sequence(after) };
        return (filter, problems);
    }

    private static DateOnly? Date(string? text, string end, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problems.Add($"The {end} date “{ErrorEcho.Quote(text.Trim())}” is not a date: write it as year-month-day, for example 2026-10-01.");
        return null;
    }

    // A place in the log that is not a sequence number is ignored: the page then starts at the newest event.
    private static long? Sequence(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first instant of <see cref="From"/> (UTC), if any.</summary>
    public DateTime? FromUtc => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first instant after <see cref="To"/> (UTC), if any: the end day is included.</summary>
    public DateTime? ToUtcExclusive => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>True when actor, action or dates narrow the log (the place in it does not count).</summary>
    public bool Narrows => Actor is not null || Action is not null || From is not null || To is not null;

    /// <summary>The filter's query parameters; unset ones are null, so the plain address stays plain.</summary>
    public IReadOnlyDictionary<string, object?> Query() => new Dictionary<string, object?>
    {
        ["actor"] = Actor,
        ["action"] = Action,
        ["from"] = From is { } f ? Format(f) : null,
        ["to"] = To is { } t ? Format(t) : null,
        ["before"] = Before,
        ["after"] = After,
    };

    /// <summary>The query string of the filter without the place in the log (for the CSV download), starting with '?' or empty.</summary>
    public string FilterQueryString()
    {
        var parts = (this with { Before = null, After = null }).Query().Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
