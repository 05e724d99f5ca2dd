namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The integrity section: the audit chain's head (sequence and hash) when the report was generated, whether the chain
/// verified then, and how many audit events fall in the period. How to verify the PDF itself is the renderer's fixed
/// text (upload it on the Verify page, or POST it to /api/v1/reports/verify).
/// </summary>
public sealed record ReportIntegrity(long HeadSequence, string HeadHash, bool ChainVerified, int EventsInPeriod);
