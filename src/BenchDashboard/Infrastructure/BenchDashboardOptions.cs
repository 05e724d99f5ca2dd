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
}

public sealed class ApiOptions
{
    /// <summary>Requests one API key may make per minute before it gets 429 with Retry-After.</summary>
    [Range(1, 1_000_000, ErrorMessage = "BenchDashboard:Api:RequestsPerMinute must be between 1 and 1,000,000.")]
    public int RequestsPerMinute { get; set; } = 600;
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
