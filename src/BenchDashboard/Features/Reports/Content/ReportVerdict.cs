using BenchDashboard.Features.Bench;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Signals.Rules;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The summary's one paragraph in plain words, from the facts the other sections hold: what the bench said (its runs of
/// the period as the Bench page lists them), what users said against it (the divergence episodes), how many practices
/// held, and what was still open at the period's end. Pure; no figure here is computed anew.
/// </summary>
public static class ReportVerdict
{
    public static string Write(ReportPeriod period, bool hasData, IReadOnlyList<BenchRunListItem> runsInPeriod, IReadOnlyList<ReportEpisodeFinding> episodes,
        IReadOnlyList<PracticeState> practices, IReadOnlyList<TriagedSignal> openAtEnd)
    {
        var sentences = new List<string>();
        if (!hasData)
        {
            sentences.Add($"The period {period} holds no bench run and no production data, so there are no results to show for it.");
        }
        else
        {
            sentences.Add(Bench(period, runsInPeriod) + Users(episodes));
        }
        sentences.Add(Practices(practices));
        sentences.Add(Open(openAtEnd));
        return string.Join(" ", sentences);
    }

    private static string Bench(ReportPeriod period, IReadOnlyList<BenchRunListItem> runs)
    {
        var rates = runs.Where(r => r.Cases > 0).OrderBy(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal)
            .Select(r => (double)r.Passed / r.Cases).ToList();
        if (rates.Count == 0) return "The bench did not run in the period";
        var range = Say.Percent(rates.Min()) == Say.Percent(rates.Max()) ? Say.Percent(rates.Min()) : $"{Say.Percent(rates.Min())} to {Say.Percent(rates.Max())}";
        return rates.Count == 1
            ? $"The bench ran once in {period} and passed {range} of its cases"
            : $"The bench ran {rates.Count} times in {period} and passed {range} of its cases (the last run {Say.Percent(rates[^1])})";
    }

    private static string Users(IReadOnlyList<ReportEpisodeFinding> episodes)
    {
        if (episodes.Count == 0) return "; no divergence between it and what users report touched the period.";
        var parts = episodes.Select(e =>
        {
            var moved = DivergenceRule.HigherIsBetter(e.Metric) ? "fell" : "rose";
            var state = e.Episode.Closed is { } closed ? $"closed on {Say.Date(closed)}" : "still open at the period's end";
            return $"{InSentence(TrendMetrics.Label(e.Metric))} {moved} from {e.Before} before {Say.Date(e.Episode.Onset)} to {e.Now} ({state})";
        });
        return ", while " + string.Join("; ", parts) + ".";
    }

    private static string Practices(IReadOnlyList<PracticeState> practices)
    {
        var due = practices.Count(p => p.Outcome != PracticeOutcome.NotDue);
        var held = practices.Count(p => p.Outcome == PracticeOutcome.Held);
        var each = string.Join("; ", practices.Select(p => $"{InSentence(p.Practice)} {Word(p.Outcome)}"));
        if (due == 0) return $"No practice was due in the period ({each}).";
        var of = due == 1 ? "the one practice due" : $"the {Number(due)} practices due";
        return held == 0 ? $"None of {of} held in full: {each}." : $"{Capital(Number(held))} of {of} held: {each}.";
    }

    private static string Open(IReadOnlyList<TriagedSignal> open)
    {
        if (open.Count == 0) return "No signal was open at the period's end.";
        var acknowledged = open.Count(s => s.Status == SignalStatus.Acknowledged);
        var snoozed = open.Count(s => s.Status == SignalStatus.Snoozed);
        var word = new List<string> { $"{(acknowledged == 0 ? "none" : Number(acknowledged))} acknowledged" };
        if (snoozed > 0) word.Add($"{snoozed} snoozed");
        return $"{Capital(Number(open.Count))} {(open.Count == 1 ? "signal was" : "signals were")} open at the period's end ({string.Join(", ", word)}).";
    }

    /// <summary>A label inside a sentence: "thumbs-up rate", but "CSAT" stays an acronym.</summary>
    private static string InSentence(string label) => label.Length > 1 && char.IsUpper(label[1]) ? label : char.ToLowerInvariant(label[0]) + label[1..];

    private static string Word(PracticeOutcome outcome) => outcome switch
    {
        PracticeOutcome.Held => "held",
        PracticeOutcome.Partly => "held in part",
        PracticeOutcome.Missed => "missed",
        _ => "not due",
    };

    private static readonly string[] Numbers = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static string Number(int n) => n < Numbers.Length ? Numbers[n] : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
