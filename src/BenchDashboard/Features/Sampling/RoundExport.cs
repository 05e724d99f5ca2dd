using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Review;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Sampling;

/// <summary>
/// One row per label (a double-reviewed trace has two) and one per trace nobody labelled: the round's items, the
/// labels, the feedback scores the trace received and the reviewers' comments.
/// </summary>
public sealed record ExportRow(
    int RoundId, string Period, int Position, string TraceId, string TraceTimestamp, string? TraceCategory, string? Version,
    int ThumbsUp, int ThumbsDown, double? CsatMean, int NegativeSignals,
    string? Reviewer, string? ReviewRole, bool? Counts, string? Verdict, string? FailureCategory, string? BenchWouldCatch,
    string? MatchedCaseId, string? Notes, string? DraftStatus, string? DraftExpectedBehaviour, string? ReviewedAt);

public sealed class RoundExporter(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The round's rows; null when there is no such round, or it is open and <paramref name="closedOnly"/>.</summary>
    public async Task<IReadOnlyList<ExportRow>?> RowsAsync(int projectId, int roundId, CancellationToken ct = default, bool closedOnly = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.SamplingRounds.AsNoTracking()
            .Where(r => r.Id == roundId && r.ProjectId == projectId && (!closedOnly || r.Status == SamplingRoundStatus.Closed))
            .Select(r => new { r.Id, r.Period }).FirstOrDefaultAsync(ct);
        if (round is null) return null;
        var facts = await RoundFacts.LoadAsync(db, [roundId], ct);
        var emails = await RoundService.EmailsAsync(db, facts, ct);
        var traceIds = facts.Select(f => f.ProductionTraceId).ToList();
        var traces = await db.ProductionTraces.AsNoTracking().Where(t => traceIds.Contains(t.Id))
            .Select(t => new { t.Id, t.TraceId, t.Timestamp, t.Category, Version = db.PipelineVersions.Where(v => v.Id == t.PipelineVersionId).Select(v => v.Version).FirstOrDefault() })
            .ToDictionaryAsync(t => t.Id, ct);
        var externalIds = traces.Values.Select(t => t.TraceId).ToList();
        var feedback = (await db.FeedbackEvents.AsNoTracking().Where(f => f.ProjectId == projectId && f.TraceId != null && externalIds.Contains(f.TraceId))
            .Select(f => new { f.TraceId, f.Kind, f.Value }).ToListAsync(ct)).ToLookup(f => f.TraceId!);
        var reviewIds = facts.SelectMany(f => f.Labels.Select(l => l.ReviewId)).ToList();
        var extras = await db.TraceReviews.AsNoTracking().Where(r => reviewIds.Contains(r.Id))
            .Select(r => new { r.Id, r.ProposedCaseJson, r.DraftStatus, Matched = db.BenchCases.Where(c => c.Id == r.MatchedBenchCaseId).Select(c => c.ExternalId).FirstOrDefault() })
            .ToDictionaryAsync(r => r.Id, ct);

        var rows = new List<ExportRow>();
        foreach (var f in facts)
        {
            var trace = traces[f.ProductionTraceId];
            var events = feedback[trace.TraceId].ToList();
            var csat = events.Where(e => e.Kind == FeedbackKind.Csat && e.Value is not null).Select(e => e.Value!.Value).ToList();
            var negative = events.Count(e => NegativeFeedback.Is(e.Kind, e.Value));
            ExportRow Row(LabelFacts? l) => new(round.Id, round.Period, f.Position, trace.TraceId,
                trace.Timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), trace.Category, trace.Version,
                events.Count(e => e.Kind == FeedbackKind.ThumbsUp), events.Count(e => e.Kind == FeedbackKind.ThumbsDown),
                csat.Count == 0 ? null : Math.Round(csat.Average(), 3), negative,
                l is null ? null : emails.GetValueOrDefault(l.ReviewerId, l.ReviewerId),
                l is null ? null : l.ReviewerId == f.SecondReviewerId ? "second (blind)" : "first",
                l is null ? null : l.ReviewId == f.Counting?.ReviewId,
                l?.Verdict?.ToString().ToLowerInvariant(), l?.FailureCategory, Snake(l?.BenchWouldCatch),
                l is null ? null : extras[l.ReviewId].Matched, l?.Notes,
                l is null ? null : extras[l.ReviewId].DraftStatus?.ToString().ToLowerInvariant(),
                l is null ? null : DraftCase.FromJson(extras[l.ReviewId].ProposedCaseJson)?.ExpectedBehaviour,
                l?.ReviewedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            if (f.Labels.Count == 0) rows.Add(Row(null));
            foreach (var label in f.Labels.OrderBy(l => l.ReviewerId == f.SecondReviewerId)) rows.Add(Row(label));
        }
        return rows;
    }

    private static string? Snake(BenchWouldCatch? answer) => answer switch
    {
        BenchWouldCatch.Yes => "yes",
        BenchWouldCatch.No => "no",
        BenchWouldCatch.NotApplicable => "not_applicable",
        _ => null,
    };

    private static readonly JsonSerializerOptions JsonLines = new(JsonSerializerDefaults.Web);

    public static string ToJsonLines(IEnumerable<ExportRow> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(JsonSerializer.Serialize(row, JsonLines)).Append('\n');
        return text.ToString();
    }

    /// <summary>CSV for spreadsheets. Traces carry untrusted text: every cell goes through <see cref="Infrastructure.CsvFormulaGuard"/>.</summary>
    public static string ToCsv(IEnumerable<ExportRow> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        var properties = typeof(ExportRow).GetProperties();
        foreach (var p in properties) csv.WriteField(JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var p in properties) csv.WriteField(Defuse(Format(p.GetValue(row))));
            csv.NextRecord();
        }
        csv.Flush();
        return writer.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal static string Defuse(string cell) => Infrastructure.CsvFormulaGuard.Defuse(cell);
}

public static class RoundExports
{
    /// <summary>
    /// Browser downloads for leads and auditors (cookie): <c>/p/{slug}/sampling/{roundId}/export.csv|jsonl</c>. An open
    /// round is not there for auditors (<see cref="SamplingPermissions.CanOpen"/>): its labels are not final.
    /// </summary>
    public static void MapRoundExports(this WebApplication app)
    {
        app.MapGet("/p/{slug}/sampling/{roundId:int}/export.{format}", async (string slug, int roundId, string format, ProjectService projects,
                RoundExporter exporter, HttpContext http, CancellationToken ct) =>
            {
                if (format is not ("csv" or "jsonl")) return Results.NotFound();
                var project = await projects.FindAsync(slug);
                var rows = project is null ? null : await exporter.RowsAsync(project.Id, roundId, ct, closedOnly: !SamplingPermissions.CanRun(http.User));
                if (rows is null) return Results.NotFound();
                var name = $"{project!.Slug}-round-{roundId}.{format}";
                return format == "csv"
                    ? Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(RoundExporter.ToCsv(rows))).ToArray(), "text/csv; charset=utf-8", name)
                    : Results.File(Encoding.UTF8.GetBytes(RoundExporter.ToJsonLines(rows)), "application/x-ndjson", name);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = SamplingPermissions.Readers })
            .ExcludeFromDescription();
    }
}
