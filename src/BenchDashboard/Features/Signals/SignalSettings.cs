using System.ComponentModel.DataAnnotations;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// Every threshold of the signal engine, with the defaults of ARCHITECTURE.md. Per project (stored as JSON on the
/// project); <see cref="Describe"/> gives the sentence the settings screen shows beside each.
/// </summary>
public sealed record SignalSettings : IValidatableObject
{
    public static readonly SignalSettings Defaults = new();

    // divergence
    [Display(Name = "Window (days)")]
    [Range(7, 180)]
    public int DivergenceWindowDays { get; init; } = 28;
    [Display(Name = "Smallest rate change")]
    [Range(0.001, 0.5)]
    public double DivergenceMinRateChange { get; init; } = 0.03;
    [Display(Name = "Smallest CSAT change")]
    [Range(0.01, 2.0)]
    public double DivergenceMinCsatChange { get; init; } = 0.15;
    [Display(Name = "Bench share of the drop")]
    [Range(0.1, 1.0)]
    public double DivergenceBenchShare { get; init; } = 0.5;
    [Display(Name = "Significance level")]
    [Range(0.0001, 0.2)]
    public double DivergenceAlpha { get; init; } = 0.05;

    // stagnation
    [Display(Name = "Period (days)")]
    [Range(30, 730)]
    public int StagnationDays { get; init; } = 180;
    [Display(Name = "Largest pass-rate range")]
    [Range(0.001, 0.5)]
    public double StagnationMaxRange { get; init; } = 0.03;
    [Display(Name = "Versions deployed, at least")]
    [Range(2, 50)]
    public int StagnationMinVersions { get; init; } = 3;

    // failure_churn
    [Display(Name = "Runs compared")]
    [Range(3, 50)]
    public int ChurnRuns { get; init; } = 5;
    [Display(Name = "Versions spanned, at least")]
    [Range(1, 20)]
    public int ChurnMinVersions { get; init; } = 2;
    [Display(Name = "Similarity of failures (Jaccard)")]
    [Range(0.1, 1.0)]
    public double ChurnJaccard { get; init; } = 0.9;
    [Display(Name = "Days without a new failure")]
    [Range(7, 730)]
    public int ChurnNoNewFailureDays { get; init; } = 90;

    // input_drift
    [Display(Name = "Window (days)")]
    [Range(7, 180)]
    public int DriftWindowDays { get; init; } = 28;
    [Display(Name = "Category shift (PSI) for a warning")]
    [Range(0.01, 5.0)]
    public double PsiWarning { get; init; } = 0.1;
    [Display(Name = "Category shift (PSI) for an alert")]
    [Range(0.01, 5.0)]
    public double PsiAlert { get; init; } = 0.2;
    [Display(Name = "Traffic share of a category")]
    [Range(0.001, 1.0)]
    public double UncoveredTrafficShare { get; init; } = 0.05;
    [Display(Name = "Bench share below which it is uncovered")]
    [Range(0.0, 1.0)]
    public double UncoveredBenchShare { get; init; } = 0.01;
    [Display(Name = "Input-length gap for a warning")]
    [Range(0.01, 1.0)]
    public double LengthKsWarning { get; init; } = 0.2;
    [Display(Name = "Input-length gap for an alert")]
    [Range(0.01, 1.0)]
    public double LengthKsAlert { get; init; } = 0.35;

    // coverage
    [Display(Name = "Catch rate alert below")]
    [Range(0.0, 1.0)]
    public double CoverageAlertBelow { get; init; } = 0.8;

    // cadence
    [Display(Name = "Sampling round every (days)")]
    [Range(1, 366)]
    public int SamplingEveryDays { get; init; } = 31;
    [Display(Name = "Rubric review every (days)")]
    [Range(1, 730)]
    public int RubricReviewEveryDays { get; init; } = 92;
    [Display(Name = "Bench audit grace (days)")]
    [Range(0, 180)]
    public int AuditGraceDays { get; init; } = 14;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PsiAlert < PsiWarning) yield return new ValidationResult("The PSI alert level must not be below the warning level.", [nameof(PsiAlert)]);
        if (LengthKsAlert < LengthKsWarning) yield return new ValidationResult("The length alert level must not be below the warning level.", [nameof(LengthKsAlert)]);
    }

    /// <summary>The plain name of a setting (its [Display] name), for screens and validation messages.</summary>
    public static string Label(string name) =>
        typeof(SignalSettings).GetProperty(name)?.GetCustomAttributes(typeof(DisplayAttribute), false).OfType<DisplayAttribute>().FirstOrDefault()?.Name ?? name;

    /// <summary>The signal a setting belongs to, as the settings screen groups them.</summary>
    public static string Group(string name) => name switch
    {
        var n when n.StartsWith("Divergence", StringComparison.Ordinal) => "Divergence",
        var n when n.StartsWith("Stagnation", StringComparison.Ordinal) => "Stagnation",
        var n when n.StartsWith("Churn", StringComparison.Ordinal) => "Failure churn",
        var n when n.StartsWith("Coverage", StringComparison.Ordinal) => "Coverage",
        nameof(SamplingEveryDays) or nameof(RubricReviewEveryDays) or nameof(AuditGraceDays) => "Cadence",
        _ => "Input drift",
    };

    /// <summary>A setting's value as the settings screen's field shows it (invariant culture), or null for an unknown name.</summary>
    public string? ValueText(string name) => typeof(SignalSettings).GetProperty(name)?.GetValue(this) switch
    {
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>What each setting means, for the settings screen (name → sentence).</summary>
    public static IReadOnlyDictionary<string, string> Describe { get; } = new Dictionary<string, string>
    {
        [nameof(DivergenceWindowDays)] = "Days in the rolling window; it is compared with the same number of days just before it, and once users are worse, with the days before the onset.",
        [nameof(DivergenceMinRateChange)] = "Smallest worsening of a rate (as a share, 0.03 = 3 points) that counts, on top of being significant.",
        [nameof(DivergenceMinCsatChange)] = "Smallest drop of mean CSAT (on the 1–5 scale) that counts, on top of being significant.",
        [nameof(DivergenceBenchShare)] = "The bench saw it when its pass rate fell by at least this share of the users' worsening (0.5 = half the points), beyond its run-to-run noise: no divergence then.",
        [nameof(DivergenceAlpha)] = "Significance level of the two-proportion test (rates) and Welch's t-test (CSAT).",
        [nameof(StagnationDays)] = "Days looked back for stagnation.",
        [nameof(StagnationMaxRange)] = "A bench whose pass rate moved less than this (0.03 = 3 points) over the period has stopped discriminating…",
        [nameof(StagnationMinVersions)] = "…if at least this many pipeline versions were deployed in that period.",
        [nameof(ChurnRuns)] = "How many of the latest bench runs are compared for failure churn (at least 3).",
        [nameof(ChurnMinVersions)] = "Those runs must span at least this many pipeline versions.",
        [nameof(ChurnJaccard)] = "Mean Jaccard similarity of consecutive runs' failing cases at or above which failures surprise no one.",
        [nameof(ChurnNoNewFailureDays)] = "Also a signal: no case newly failed in this many days.",
        [nameof(DriftWindowDays)] = "Days of production traffic compared with the bench.",
        [nameof(PsiWarning)] = "Population stability index of categories (production vs bench) for a warning.",
        [nameof(PsiAlert)] = "Population stability index of categories for an alert.",
        [nameof(UncoveredTrafficShare)] = "A category with at least this share of production traffic…",
        [nameof(UncoveredBenchShare)] = "…but less than this share of bench cases is uncovered.",
        [nameof(LengthKsWarning)] = "Largest gap between the input-length distributions (Kolmogorov–Smirnov D) for a warning; an effect size, not a p-value.",
        [nameof(LengthKsAlert)] = "The same gap for an alert.",
        [nameof(CoverageAlertBelow)] = "Alert when the last sampling round's bench-would-catch rate is below this.",
        [nameof(SamplingEveryDays)] = "A sampling round must close at least this often (days).",
        [nameof(RubricReviewEveryDays)] = "The rubric must be reviewed at least this often (days).",
        [nameof(AuditGraceDays)] = "Days a new pipeline version may run before its bench audit is overdue.",
    };
}
