using System.Globalization;

namespace BenchDashboard.Features.Signals;

/// <summary>The six signal kinds of ARCHITECTURE.md, with the API's names.</summary>
public static class SignalKinds
{
    public const string Divergence = "divergence";
    public const string Stagnation = "stagnation";
    public const string FailureChurn = "failure_churn";
    public const string InputDrift = "input_drift";
    public const string Coverage = "coverage";
    public const string Cadence = "cadence";

}

public enum SignalSeverity { Warning, Alert }

/// <summary>
/// One drift signal: what fired, how bad, since when, a sentence a lead can act on, and the numbers behind it.
/// <see cref="Evidence"/> is a typed record per kind; the API serialises its runtime type, so every field reaches it.
/// </summary>
public sealed record Signal(string Kind, string? Metric, SignalSeverity Severity, DateOnly Since, string Summary, SignalEvidence Evidence)
{
    /// <summary>For cadence, which ritual is late ("sampling", "rubricReview", "benchAudit"): several can be late at once.</summary>
    public string? Check { get; init; }

    /// <summary>What makes this signal the same one from day to day: its kind with its metric or its check.</summary>
    public (string Kind, string Subject) Identity => (Kind, Metric ?? Check ?? "");

    /// <summary>The signal's name as its card shows it: "Divergence · Thumbs-up rate", "Cadence".</summary>
    public string Title => TitleOf(Kind, Metric);

    public static string TitleOf(string kind, string? metric) => char.ToUpperInvariant(kind[0]) + kind[1..].Replace('_', ' ')
        + (metric is { } m ? " · " + (Trends.TrendMetrics.UserExperience.Contains(m) ? Trends.TrendMetrics.Label(m) : m) : "");

    public SignalDto ToDto() => new(Kind, Metric, Severity == SignalSeverity.Alert ? "alert" : "warning",
        Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Summary, (object)Evidence);
}

/// <summary>A day range, both ends included, as evidence shows it.</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    public static DayRange Ending(DateOnly to, int days) => new(to.AddDays(-(days - 1)), to);

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public bool Contains(DateTime time) => Contains(DateOnly.FromDateTime(time));
}

/// <summary>Formatting shared by the summaries: percentages with one decimal, invariant culture.</summary>
internal static class Say
{
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Points(double difference) => (Math.Abs(difference) * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pp";

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A count with its noun, singular for one ("1 day", "1,204 runs"); nouns here take a plain "s".</summary>
    public static string Count(long count, string noun) => count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"5 Jul – 1 Aug 2026"; the start keeps its year when the range crosses New Year.</summary>
    public static string Range(DayRange range) =>
        $"{(range.From.Year == range.To.Year ? range.From.ToString("d MMM", CultureInfo.InvariantCulture) : Date(range.From))} – {Date(range.To)}";

    public static string P(double p) => p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.000", CultureInfo.InvariantCulture);
}
