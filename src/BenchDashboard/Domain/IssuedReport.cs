namespace BenchDashboard.Domain;

/// <summary>
/// An audit report as issued (issue 16, decision 0038): the PDF's exact bytes, their SHA-256, and the period and project it
/// covers. Rows are only ever added: a report once issued is evidence, downloaded byte for byte and verified against
/// <see cref="Sha256"/>, which the <c>report.issued</c> audit event also carries. The table is <c>IssuedReports</c>:
/// <c>Reports</c> is a retired table name old databases may still hold.
/// </summary>
public class IssuedReport
{
    public const int ReportIdLength = 16;

    public int Id { get; set; }
    /// <summary>The id printed on the PDF and used in links, e.g. <c>R20261206-7KQ2MX</c>.</summary>
    public required string ReportId { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    /// <summary>First day of the period.</summary>
    public DateOnly From { get; set; }
    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly To { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>Lowercase hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }
    public long Bytes { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>The sequence number of the <c>report.issued</c> audit event written in the same transaction.</summary>
    public long AuditSequence { get; set; }
}
