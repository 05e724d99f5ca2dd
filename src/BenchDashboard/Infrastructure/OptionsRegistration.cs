using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Infrastructure;

public static class OptionsRegistration
{
    /// <summary>Binds <see cref="BenchDashboardOptions"/> and validates it at start: bad configuration fails fast with a clear message.</summary>
    public static WebApplicationBuilder AddOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BenchDashboardOptions>().BindConfiguration(BenchDashboardOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BenchDashboardOptions>, BenchDashboardOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    private sealed class BenchDashboardOptionsValidator : IValidateOptions<BenchDashboardOptions>
    {
        public ValidateOptionsResult Validate(string? name, BenchDashboardOptions options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options.Bootstrap, new ValidationContext(options.Bootstrap), results, validateAllProperties: true);
            Validator.TryValidateObject(options.Api, new ValidationContext(options.Api), results, validateAllProperties: true);
            Validator.TryValidateObject(options.Proxy, new ValidationContext(options.Proxy), results, validateAllProperties: true);
            Validator.TryValidateObject(options.Circuits, new ValidationContext(options.Circuits), results, validateAllProperties: true);
            return results.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "Invalid BenchDashboard setting."));
        }
    }
}
