namespace BenchDashboard.Features.Reports.Archive;

/// <summary>A report's stored bytes with what a download needs: the file name and the SHA-256 for the
/// <c>Repr-Digest</c> header.</summary>
public sealed record ReportFile(IssuedReportInfo Report, byte[] Content)
{
    public string FileName => $"audit-report-{Report.ProjectSlug}-{ReportPeriod.Format(Report.From)}-{ReportPeriod.Format(Report.To)}-{Report.ReportId}.pdf";

    /// <summary>RFC 9530's <c>Repr-Digest</c> value: the SHA-256 as base64 between colons.</summary>
    public string ReprDigest => "sha-256=:" + Convert.ToBase64String(Convert.FromHexString(Report.Sha256)) + ":";

    /// <summary>The download, as the API and the page both send it: the stored bytes with <c>X-Report-Id</c> and
    /// <c>Repr-Digest</c> (RFC 9530), so a client can check what it received without a second call.</summary>
    public IResult Send(HttpResponse response)
    {
        response.Headers["X-Report-Id"] = Report.ReportId;
        response.Headers["Repr-Digest"] = ReprDigest;
        return Results.File(Content, "application/pdf", FileName);
    }
}
