using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Reports.Archive;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Reports.Api;

/// <summary>API.md "Reports" (scope report; signed-in Admins, Leads and Auditors with their cookie): issue a report,
/// list the archive, download stored bytes, verify a PDF.</summary>
public static class ReportsApi
{
    public const string IssuePattern = "/api/v1/projects/{slug}/reports/audit.pdf";
    public const string VerifyPattern = "/api/v1/reports/verify";

    /// <summary>The project-scoped endpoints; <paramref name="project"/> already requires scope report.</summary>
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder project)
    {
        project.MapGet("/reports/audit.pdf", IssueAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesValidationProblem()
            .WithSummary("Issues the project's audit report for a period (from and to inclusive, YYYY-MM-DD, at most two years), archives it " +
                         "with its SHA-256 and a report.issued audit event, and returns the PDF with X-Report-Id and Repr-Digest.");
        project.MapGet("/reports", async (HttpContext http, ReportArchive archive, CancellationToken ct) =>
                Results.Ok((await archive.ListAsync(http.Project().Id, ct)).Select(IssuedReportContract.Of).ToList()))
            .Produces<List<IssuedReportContract>>()
            .WithSummary("Lists the project's issued reports, newest first.");
        project.MapGet("/reports/{reportId}.pdf", async (HttpContext http, ReportArchive archive, string reportId, CancellationToken ct) =>
                await archive.GetAsync(http.Project().Id, reportId, ct) is { } file
                    ? file.Send(http.Response)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown report",
                        detail: $"This project has no issued report '{ErrorEcho.Quote(reportId)}'."))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("The stored bytes of an issued report, identical to what was issued.");
        return project;
    }

    /// <summary><c>POST /reports/verify</c>: not under a project, since the PDF says which project it is.</summary>
    public static RouteGroupBuilder MapReportVerifyApi(this RouteGroupBuilder api)
    {
        api.MapPost("/reports/verify", VerifyAsync)
            .RequireAuthorization(ApiAccess.Report)
            .Accepts<byte[]>("application/pdf")
            .Produces<ReportVerificationContract>().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Says whether an application/pdf body is an unmodified issued report of a project the caller may read, which one and " +
                         "for which period; otherwise verified false with the body's SHA-256.");
        return api;
    }

    private static async Task<IResult> IssueAsync(HttpContext http, ReportArchive archive, TimeProvider clock, string? from, string? to,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var period = ReportPeriod.Read(from, to, clock.GetUtcNow().UtcDateTime, errors);
        if (period is null) return ApiJson.Invalid(errors);
        var issued = await archive.IssueAsync(http.Project().Id, period.Value, http.User.Identity?.Name ?? "api", ct);
        return issued.Send(http.Response);
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, ReportArchive archive, CancellationToken ct)
    {
        await using var body = await RequestBody.BufferAsync(http.Request, [BodyFormat.Pdf], ct);
        if (body.Problem is not null) return body.Problem;
        var verification = await archive.VerifyAsync(body.Content!, http.User.CanAccessProject, ct);
        return Results.Ok(ReportVerificationContract.Of(verification));
    }
}
