namespace BenchDashboard.Features.ApiKeys;

/// <summary>
/// The one list of endpoints whose answer is computed from months of data (or many rows) rather than looked up: a
/// signed-in browser session is rate limited on these (<see cref="ApiRateLimiting"/>), as API keys are on everything.
/// Add an endpoint here when one answer costs the server tens of milliseconds or more.
/// </summary>
public static class ExpensiveEndpoints
{
    /// <summary>Route patterns exactly as mapped (the OpenAPI document lists the same paths).</summary>
    public static readonly IReadOnlySet<string> RoutePatterns = new HashSet<string>(StringComparer.Ordinal)
    {
        "/api/v1/projects/{slug}/trends",
        "/api/v1/projects/{slug}/signals",
        "/api/v1/projects/{slug}/bench-runs/compare",
        // Every case with its input and provenance: a whole bench in one answer.
        "/api/v1/projects/{slug}/bench-cases",
        "/api/v1/projects/{slug}/bench-cases/export",
        Bench.Export.BenchExportDownloads.PathTemplate,
        // Issuing a report gathers and lays out a whole period: a second of server work per call.
        Reports.Api.ReportsApi.IssuePattern,
        // The whole audit log, or a filtered part of it, streamed as CSV.
        Audit.Events.AuditLogDownloads.PathTemplate,
    };

    public static bool Contains(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } && RoutePatterns.Contains(pattern);
}
