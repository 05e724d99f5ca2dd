using System.Runtime.CompilerServices;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// Reads the audit log for people: a page at a time by sequence number, or every matching event as a stream for the CSV.
/// The log grows without bound, so nothing here loads it whole: a page is one query that stops after
/// <see cref="AuditLogFilter.PageSize"/> + 1 matches, and the stream reads row by row.
/// </summary>
public sealed class AuditLogQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<AuditLogRows> PageAsync(AuditLogFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var matching = Matching(db, filter);
        var size = AuditLogFilter.PageSize;
        if (filter.After is { } after)
        {
            // Going back towards the newest: the page just above the one the reader saw, read upwards, shown newest first.
            var newer = await Rows(matching.Where(e => e.Id > after).OrderBy(e => e.Id).Take(size + 1)).ToListAsync(ct);
            if (newer.Count > 0)
            {
                var shown = newer.Take(size).Reverse().ToList();
                var oldest = shown[^1].Sequence;
                var olderExists = await matching.AnyAsync(e => e.Id < oldest, ct);
                return new AuditLogRows(shown, olderExists ? oldest : null, newer.Count > size ? shown[0].Sequence : null);
            }
            filter = filter with { After = null, Before = null };
        }
        var query = filter.Before is { } before ? matching.Where(e => e.Id < before) : matching;
        var rows = await Rows(query.OrderByDescending(e => e.Id).Take(size + 1)).ToListAsync(ct);
        var page = rows.Take(size).ToList();
        var newest = page.Count > 0 ? page[0].Sequence : 0;
        var newerExists = filter.Before is not null && page.Count > 0 && await matching.AnyAsync(e => e.Id > newest, ct);
        return new AuditLogRows(page, rows.Count > size ? page[^1].Sequence : null, newerExists ? page[0].Sequence : null);
    }

    /// <summary>Every event the filter matches (its place in the log aside), oldest first, read from the database as it is written out.</summary>
    public async IAsyncEnumerable<AuditLogRow> StreamAsync(AuditLogFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Rows(Matching(db, filter).OrderBy(e => e.Id)).AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }

    private static IQueryable<AuditEvent> Matching(AppDbContext db, AuditLogFilter filter)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (filter.Actor is { } actor)
        {
            // Part of a name, any case, the same on both providers (lower() on each side): "lead" finds lead@example.com.
            var needle = actor.ToLowerInvariant();
            events = events.Where(e => e.Actor.ToLower().Contains(needle));
        }
        if (filter.Action is { } action) events = events.Where(e => e.Action == action);
        if (filter.FromUtc is { } from) events = events.Where(e => e.At >= from);
        if (filter.ToUtcExclusive is { } to) events = events.Where(e => e.At < to);
        return events;
    }

    private static IQueryable<AuditLogRow> Rows(IQueryable<AuditEvent> events) =>
        events.Select(e => new AuditLogRow(e.Id, e.At, e.Actor, e.Action, e.Subject, e.PayloadJson, e.Hash));
}
