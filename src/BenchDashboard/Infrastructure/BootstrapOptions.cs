using System.ComponentModel.DataAnnotations;

namespace BenchDashboard.Infrastructure;

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
