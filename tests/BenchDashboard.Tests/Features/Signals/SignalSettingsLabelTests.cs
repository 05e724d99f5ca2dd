using System.ComponentModel.DataAnnotations;
using BenchDashboard.Features.Signals;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>The settings screen and the API speak of settings in plain words, never by their code names.</summary>
public class SignalSettingsLabelTests
{
    public static TheoryData<string> Settings() =>
        [.. typeof(SignalSettings).GetProperties().Where(p => p.CanWrite && (p.PropertyType == typeof(int) || p.PropertyType == typeof(double))).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_setting_has_a_plain_label_that_is_not_its_code_name(string name)
    {
        var label = SignalSettings.Label(name);
        Assert.NotEqual(name, label);
        Assert.DoesNotMatch("[a-z][A-Z]", label); // no camel case such as "PsiWarning" or "DivergenceAlpha"
    }

    [Fact]
    public void A_value_out_of_range_is_refused_with_the_settings_plain_name()
    {
        var results = new List<ValidationResult>();
        var settings = SignalSettings.Defaults with { DivergenceAlpha = 0.9 };
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        var message = Assert.Single(results).ErrorMessage!;
        Assert.Contains("Significance level", message);
        Assert.DoesNotContain("DivergenceAlpha", message);
    }
}
