using System.Globalization;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// Which bench cases a list or an export holds (API.md, "Bench cases"): status (default active; null means all), source
/// (default any) and <c>since</c> (cases first seen on or after that day, data time). The API, both export formats and
/// the Bench page's download links all go through this one type, so a filter means the same everywhere.
/// </summary>
public sealed record BenchCaseQuery(BenchCaseStatus? Status, BenchCaseSource? Source, DateOnly? Since)
{
    public static readonly BenchCaseQuery Default = new(BenchCaseStatus.Active, null, null);

    /// <summary>The filters of a query string; each bad value is named in <paramref name="errors"/> and null returned.</summary>
    public static BenchCaseQuery? Parse(string? status, string? source, string? since, DateTime nowUtc, ValidationErrors errors)
    {
        BenchCaseStatus? statusValue = BenchCaseStatus.Active;
        switch (status)
        {
            case null or "active": break;
            case "retired": statusValue = BenchCaseStatus.Retired; break;
            case "all": statusValue = null; break;
            default: errors.Add("status", $"'{ErrorEcho.Quote(status)}' is not one of active, retired, all"); break;
        }
        BenchCaseSource? sourceValue = null;
        if (source is not null)
        {
            if (BenchCaseWords.TryParseSource(source, out var parsed)) sourceValue = parsed;
            else errors.Add("source", $"'{ErrorEcho.Quote(source)}' is not one of {string.Join(", ", BenchCaseWords.Sources.Select(BenchCaseWords.Source))}");
        }
        DateOnly? sinceValue = null;
        if (since is not null)
        {
            if (Dates.TryParse(since, nowUtc, out var date, out var problem)) sinceValue = date;
            else errors.Add("since", problem);
        }
        return errors.Any ? null : new BenchCaseQuery(statusValue, sourceValue, sinceValue);
    }

    /// <summary>The query parameters that ask for these filters again (defaults left out), for download links.</summary>
    public IReadOnlyList<string> ToQueryParameters()
    {
        var parts = new List<string>();
        if (Status != BenchCaseStatus.Active) parts.Add("status=" + (Status is { } s ? BenchCaseWords.Status(s) : "all"));
        if (Source is { } source) parts.Add("source=" + BenchCaseWords.Source(source));
        if (Since is { } since) parts.Add("since=" + since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return parts;
    }

    /// <summary>The filters in words, for the page: "active cases from production gaps first seen since 2026-06-01".</summary>
    public string Describe()
    {
        var status = Status switch
        {
            BenchCaseStatus.Active => "active cases",
            BenchCaseStatus.Retired => "retired cases",
            _ => "all cases",
        };
        var source = Source switch
        {
            BenchCaseSource.Imported => " imported from runs",
            BenchCaseSource.ProductionGap => " from production gaps",
            BenchCaseSource.Incident => " from incidents",
            _ => "",
        };
        var since = Since is { } day ? $" first seen since {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
        return status + source + since;
    }

    /// <summary>The project's cases that match, ordered by case id (ordinal), so two exports of the same bench are identical.</summary>
    public async Task<List<BenchCaseItem>> ListAsync(AppDbContext db, int projectId, CancellationToken ct)
    {
        var cases = db.BenchCases.AsNoTracking().Where(c => c.ProjectId == projectId);
        if (Status is { } status) cases = cases.Where(c => c.Status == status);
        if (Source is { } source) cases = cases.Where(c => c.Source == source);
        if (Since is { } since)
        {
            var from = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            cases = cases.Where(c => c.FirstSeenAt >= from);
        }
        var rows = await cases.Select(c => new
        {
            c.ExternalId, c.Category, c.Status, c.Source, c.Input, c.ExpectedBehaviour, c.FirstSeenAt, c.RetiredAt, c.ProvenanceTraceJson,
        }).ToListAsync(ct);
        return rows.OrderBy(c => c.ExternalId, StringComparer.Ordinal)
            .Select(c => new BenchCaseItem(c.ExternalId, c.Category, BenchCaseWords.Status(c.Status), BenchCaseWords.Source(c.Source),
                c.Input, c.ExpectedBehaviour, c.FirstSeenAt, c.RetiredAt, Provenance(c.ProvenanceTraceJson)))
            .ToList();
    }

    /// <summary>The stored snapshot as JSON; a row that does not hold a JSON object (hand-edited) shows no provenance rather than failing the export.</summary>
    private static JsonElement? Provenance(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
