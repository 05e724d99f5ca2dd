using System.Security.Cryptography;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Reports.Archive;

/// <summary>
/// The report archive (decision 0038): issues a report (gathers it, lays it out, hashes the bytes, stores them with a
/// <c>report.issued</c> audit event in one transaction), lists and returns the stored bytes, and verifies a PDF someone
/// holds against what was issued. The UI and the API both go through here.
/// </summary>
public sealed class ReportArchive(IDbContextFactory<AppDbContext> dbFactory, AuditReportBuilder builder, AuditReportPdf pdf,
    AuditLog audit, TimeProvider clock)
{
    public async Task<ReportFile> IssueAsync(int projectId, ReportPeriod period, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = new ReportRequest(projectId, period.From, period.To, ReportIds.New(now), AuditLog.TruncateToMicroseconds(now), actor);
        var report = await builder.BuildAsync(request, ct);
        // Laying out is pure CPU work (tens of milliseconds for a quarter, more for long periods): off the caller's thread
        // (a Blazor circuit or a request thread).
        var bytes = await Task.Run(() => pdf.Render(report), ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var row = new IssuedReport
        {
            ReportId = request.ReportId, ProjectId = projectId, From = period.From, To = period.To, CreatedAt = request.GeneratedAt,
            CreatedBy = actor, Sha256 = sha, Bytes = bytes.LongLength, Content = bytes,
        };
        var payload = new { project = report.Cover.ProjectSlug, from = ReportPeriod.Format(period.From), to = ReportPeriod.Format(period.To), sha256 = sha, bytes = bytes.LongLength };
        // The report and its event are committed together: no archived report lacks its event, and no event names a
        // report the archive does not hold.
        await audit.AppendWithAsync(actor, AuditActions.ReportIssued, request.ReportId, payload, (db, sequence, _) =>
        {
            row.AuditSequence = sequence;
            db.IssuedReports.Add(row);
            return Task.CompletedTask;
        }, ct);
        return new ReportFile(Info(row, report.Cover.ProjectSlug, report.Cover.ProjectName), bytes);
    }

    /// <summary>The project's issued reports, newest first (the audit sequence orders them even within one clock tick).</summary>
    public async Task<IReadOnlyList<IssuedReportInfo>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Infos(db.IssuedReports.Where(r => r.ProjectId == projectId).OrderByDescending(r => r.AuditSequence)).ToListAsync(ct);
    }

    /// <summary>The stored bytes of one of the project's reports, exactly as issued; null when it has no such report.</summary>
    public async Task<ReportFile?> GetAsync(int projectId, string reportId, CancellationToken ct = default)
    {
        if (!ReportIds.LooksValid(reportId)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var info = await Infos(db.IssuedReports.Where(r => r.ProjectId == projectId && r.ReportId == reportId)).SingleOrDefaultAsync(ct);
        if (info is null) return null;
        var content = await db.IssuedReports.Where(r => r.ReportId == reportId).Select(r => r.Content).SingleAsync(ct);
        return new ReportFile(info, content);
    }

    /// <summary>
    /// Whether <paramref name="content"/> is, byte for byte, a report this archive issued for a project
    /// <paramref name="mayRead"/> allows (by slug), and the audit log still holds its <c>report.issued</c> event with the
    /// same hash. The archive row alone is not enough: someone with database access could add one; the event is chained
    /// under a key kept outside the database.
    /// </summary>
    public async Task<ReportVerification> VerifyAsync(Stream content, Func<string, bool> mayRead, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await Infos(db.IssuedReports.Where(r => r.Sha256 == sha)).ToListAsync(ct);
        var report = candidates.FirstOrDefault(r => mayRead(r.ProjectSlug));
        if (report is null) return new ReportVerification(sha, null);
        var recorded = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Id == report.AuditSequence && e.Action == AuditActions.ReportIssued && e.Subject == report.ReportId)
            .Select(e => e.PayloadJson).SingleOrDefaultAsync(ct);
        if (recorded is null) return new ReportVerification(sha, report, $"the audit log has no report.issued event #{report.AuditSequence} for {report.ReportId}");
        if (RecordedHash(recorded) != sha) return new ReportVerification(sha, report, $"audit event #{report.AuditSequence} records another hash for {report.ReportId}");
        return new ReportVerification(sha, report);
    }

    private static string? RecordedHash(string payloadJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(payloadJson);
            return doc.RootElement.TryGetProperty("sha256", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IQueryable<IssuedReportInfo> Infos(IQueryable<IssuedReport> rows) =>
        rows.AsNoTracking().Select(r => new IssuedReportInfo(r.ReportId, r.Project!.Slug, r.Project.Name, r.From, r.To, r.CreatedAt,
            r.CreatedBy, r.Sha256, r.Bytes, r.AuditSequence));

    private static IssuedReportInfo Info(IssuedReport r, string slug, string name) =>
        new(r.ReportId, slug, name, r.From, r.To, r.CreatedAt, r.CreatedBy, r.Sha256, r.Bytes, r.AuditSequence);
}
