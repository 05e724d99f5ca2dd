using System.ComponentModel.DataAnnotations;

namespace BenchDashboard.Infrastructure;

/// <summary>The <c>BenchDashboard</c> configuration section (README, "Configuration").</summary>
public sealed class BenchDashboardOptions
{
    public const string Section = "BenchDashboard";

    /// <summary>Seed the demo project on an empty database. Null means: yes, except in the Production environment.</summary>
    public bool? Demo { get; set; }

    /// <summary>The last day of the demo's nine months; defaults to today (UTC). Fixed in tests for reproducible dates.</summary>
    public DateOnly? DemoAnchorDate { get; set; }

    public BootstrapOptions Bootstrap { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    public CircuitLimitOptions Circuits { get; set; } = new();

    /// <summary>The audit chain's keys; the rules they must meet live in <c>Features/Audit/AuditKeyring</c>.</summary>
    public AuditOptions Audit { get; set; } = new();
}

/// <summary>
/// <c>BenchDashboard:Audit</c>: the secret the audit chain is keyed with (HMAC-SHA256), and the keys it was keyed with
/// before a rotation. Configuration only: the database never holds a key, only each row's key id.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>The secret new rows are keyed with (at least 32 characters). Required outside Development and Testing.</summary>
    public string? Key { get; set; }

    /// <summary>The id written next to each row keyed with <see cref="Key"/>; change it with every new key.</summary>
    public string KeyId { get; set; } = "k1";

    /// <summary>Keys of earlier rotations by their id, so the rows they keyed still verify.</summary>
    public Dictionary<string, string> RetiredKeys { get; set; } = [];

    /// <summary>
    /// How many rows at the start of the chain date from before it was keyed (plain SHA-256, no key id): a database of an
    /// earlier release. Pinned here, outside the database, so nobody can pass a rewritten chain off as an unkeyed one.
    /// </summary>
    public long UnkeyedRows { get; set; }
}

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

/// <summary>How many live dashboard tabs (Blazor circuits) one account may hold, and how long a dropped one is kept.</summary>
public sealed class CircuitLimitOptions
{
    /// <summary>Circuits one signed-in user may hold at once (connected, or disconnected and still kept); one more is refused.</summary>
    [Range(1, 1_000, ErrorMessage = "BenchDashboard:Circuits:PerUser must be between 1 and 1,000.")]
    public int PerUser { get; set; } = 10;

    /// <summary>How long a circuit whose connection dropped (no clean close) is kept for the tab to reconnect, in seconds.</summary>
    [Range(1, 3_600, ErrorMessage = "BenchDashboard:Circuits:DisconnectedRetentionSeconds must be between 1 and 3,600.")]
    public int DisconnectedRetentionSeconds { get; set; } = 60;

    /// <summary>Dropped circuits kept at most, all users together; beyond it the oldest is released at once.</summary>
    [Range(0, 10_000, ErrorMessage = "BenchDashboard:Circuits:DisconnectedMaxRetained must be between 0 and 10,000.")]
    public int DisconnectedMaxRetained { get; set; } = 20;
}

public sealed class BootstrapOptions : IValidatableObject
{
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string? ApiKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AdminEmail) != string.IsNullOrEmpty(AdminPassword))
        {
            yield return new ValidationResult(
                "BenchDashboard:Bootstrap:AdminEmail and AdminPassword must be set together.",
                [nameof(AdminEmail), nameof(AdminPassword)]);
        }
        if (!string.IsNullOrEmpty(AdminEmail) && !new EmailAddressAttribute().IsValid(AdminEmail))
        {
            yield return new ValidationResult("BenchDashboard:Bootstrap:AdminEmail is not an email address.", [nameof(AdminEmail)]);
        }
        if (AdminPassword is { Length: > 0 and < 12 })
        {
            yield return new ValidationResult(
                "BenchDashboard:Bootstrap:AdminPassword must be at least 12 characters.", [nameof(AdminPassword)]);
        }
        if (ApiKey is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult(
                "BenchDashboard:Bootstrap:ApiKey must be at least 32 characters.", [nameof(ApiKey)]);
        }
    }
}
