using System.ComponentModel.DataAnnotations;

namespace BenchDashboard.Infrastructure;

public sealed class ApiOptions
{
    /// <summary>Requests one API key may make per minute before it gets 429 with Retry-After.</summary>
    [Range(1, 1_000_000, ErrorMessage = "BenchDashboard:Api:RequestsPerMinute must be between 1 and 1,000,000.")]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests one signed-in user may make per minute to the expensive endpoints (<c>ExpensiveEndpoints</c>) with the
    /// sign-in cookie, before 429 with Retry-After. A person at a dashboard makes a few; a script in a browser tab more.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "BenchDashboard:Api:SessionRequestsPerMinute must be between 1 and 1,000,000.")]
    public int SessionRequestsPerMinute { get; set; } = 120;
}
