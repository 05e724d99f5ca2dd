using System.Globalization;
using BenchDashboard.Features.Reports.Content;

namespace BenchDashboard.Features.Reports.Pdf;

/// <summary>
/// How numbers, dates and outcomes read in the PDF, always in the invariant culture and in the screens' words:
/// "93.4 %", "−2.4 pp", "p = 0.031" or "p &lt; 0.001", "2026-10-01", "2026-10-01 14:05 UTC".
/// </summary>
internal static class ReportFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A rate given as a fraction (0.934) as a percent with one decimal.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Inv) + " %";

    public static string Percent(double? fraction) => fraction is { } f ? Percent(f) : "n/a";

    /// <summary>A difference of two rates in percentage points, signed like the upgrade audit page ("+1.2 pp", "−2.4 pp").</summary>
    public static string Points(double delta)
    {
        var text = Math.Abs(delta * 100).ToString("0.0", Inv) + " pp";
        return delta > 0.0005 ? "+" + text : delta < -0.0005 ? "−" + text : text;
    }

    public static string PValue(double p) => p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.000", Inv);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", Inv);

    public static string Date(DateTime at) => at.ToString("yyyy-MM-dd", Inv);

    public static string Time(DateTime at) =>
        (at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at).ToString("yyyy-MM-dd HH:mm", Inv) + " UTC";

    public static string Time(DateTime? at) => at is { } t ? Time(t) : "—";

    public static string Number(long n) => n.ToString(Inv);

    public static string Kappa(double kappa) => "κ = " + kappa.ToString("0.00", Inv);

    public static string Period(DateOnly from, DateOnly to) => $"{Date(from)} to {Date(to)}";

    public static string Outcome(PracticeOutcome outcome) => outcome switch
    {
        PracticeOutcome.Held => "Held",
        PracticeOutcome.Partly => "Partly held",
        PracticeOutcome.Missed => "Missed",
        PracticeOutcome.NotDue => "Not due",
        _ => outcome.ToString(),
    };

    public static string YesNo(bool value) => value ? "yes" : "no";
}
