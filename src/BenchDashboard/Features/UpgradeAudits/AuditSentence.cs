using System.Globalization;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>The plain sentence on an audit page: what the bench can and cannot tell about this upgrade at this size.</summary>
public static class AuditSentence
{
    /// <summary>Below this many paired cases a bench can only see large changes; the sentence says so outright.</summary>
    public const int SmallBench = 100;

    public static string Of(AuditFigures f)
    {
        if (f.Cases == 0) return "The two runs share no cases, so the bench cannot compare these versions at all: run the same cases on both.";
        var from = Pct(f.BasePassRate);
        var to = Pct(f.HeadPassRate);
        var interval = $"{Pp(f.DeltaLow)} to {Pp(f.DeltaHigh)}";
        var first = $"On the {f.Cases} cases both runs ran, the pass rate went from {from} to {to} ({Pp(f.Delta)}; 95 % interval {interval}).";
        string second;
        if (f.DeltaLow > 0) second = $"The bench shows a real improvement: chance alone rarely moves {f.Changed} changed cases this far one way (McNemar p = {P(f.McnemarP)}).";
        else if (f.DeltaHigh < 0) second = $"The bench shows a real regression: chance alone rarely moves {f.Changed} changed cases this far one way (McNemar p = {P(f.McnemarP)}).";
        else
        {
            second = $"The bench cannot tell the versions apart: the true change could be anywhere from {interval}" +
                     (f.Changed == 0 ? ", and no case changed." : $", and {f.NewlyFailing} newly failing against {f.NewlyPassing} newly passing is what chance alone produces often (McNemar p = {P(f.McnemarP)}).");
        }
        var width = (f.DeltaHigh - f.DeltaLow) / 2;
        var third = f.Cases < SmallBench
            ? $" With only {f.Cases} cases it cannot see changes smaller than about {Pp(width, signed: false)}; each newly failing case still deserves a look."
            : $" At this size it cannot see overall changes smaller than about {Pp(width, signed: false)}, and it says nothing about inputs it does not contain.";
        return first + " " + second + third;
    }

    private static string Pct(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Pp(double delta, bool signed = true)
    {
        var text = Math.Abs(delta * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pp";
        if (!signed) return text;
        return delta > 0.0005 ? "+" + text : delta < -0.0005 ? "−" + text : text;
    }

    private static string P(double p) => p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
