using System.Text.Json;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Demo;

/// <summary>
/// The demo's rubric story (issue 15, point 6): the launch rubric, imported by the bench runner, and version 2, which the
/// quarterly review made after the subscription-dispute campaign: a dispute item added from the failure category
/// reviewers kept using, format folded into tone. Every run's results carry per-item outcomes that agree with their
/// pass/fail. The dispute item never fails (the bench has no dispute case in any run), and "wrong policy", which reviewers
/// use too, is named by no item: so every part of the Rubrics page has something to say.
/// </summary>
public static class DemoRubric
{
    public const string DisputeItem = "handles-disputes";
    public const string DisputeCategory = "deflects dispute";
    public const string UncoveredCategory = "wrong policy";

    private sealed record ItemText(string Key, string Description, double Weight);

    private static readonly ItemText[] LaunchTexts =
    [
        new("cites-policy", "Cites the help-centre article the answer relies on.", 1),
        new("correct-facts", "States order, billing and account facts as the systems hold them.", 2),
        new("tone", "Friendly and calm, never blames the customer.", 1),
        new("format", "Short paragraphs or numbered steps; no wall of text.", 0.5),
        new("no-invention", "Promises no refund, price or date the systems do not show.", 2),
        new("escalates-when-unsure", "Hands over to a human when it cannot resolve the request itself.", 1),
    ];

    private static readonly ItemText ToneV2 = new("tone", "Friendly and calm, never blames the customer, in short paragraphs or numbered steps.", 1.5);

    private static readonly ItemText Dispute = new(DisputeItem,
        "Acknowledges a disputed charge and escalates it to a human instead of repeating the renewal terms.", 2);

    /// <summary>Version 1's items (new rows each call).</summary>
    public static List<RubricItem> LaunchItems() => Items(LaunchTexts);

    /// <summary>Version 2's items, as the review's decisions make them (new rows each call).</summary>
    public static List<RubricItem> ReviewedItems() =>
        Items([.. LaunchTexts.Where(i => i.Key != "format").Select(i => i.Key == "tone" ? ToneV2 : i), Dispute]);

    private static List<RubricItem> Items(IEnumerable<ItemText> texts) =>
        texts.Select((t, i) => new RubricItem { Key = t.Key, Description = t.Description, Weight = t.Weight, Position = i }).ToList();

    /// <summary>The review's decision on each item of the launch rubric, and the added one, with the lead's rationale.</summary>
    public static IEnumerable<RubricItemDecision> Decisions(string lead, DateTime at) =>
    [
        Decision("cites-policy", RubricItemVerdict.Keep, lead, at,
            "Still what auditors ask about first; it fails on the dozen cases whose expected answer predates the refund policy."),
        Decision("correct-facts", RubricItemVerdict.Keep, lead, at, "Wrong facts cost the most; it fails rarely, and for real."),
        Decision("tone", RubricItemVerdict.Change, lead, at,
            "Customers do not tell how an answer looks from how it sounds: one item for both, weighted for both.", ToneV2),
        Decision("format", RubricItemVerdict.Drop, lead, at, "Folded into tone; graded apart it only split the same complaints in two."),
        Decision("no-invention", RubricItemVerdict.Keep, lead, at, "An invented refund is the failure we fear most."),
        Decision("escalates-when-unsure", RubricItemVerdict.Keep, lead, at, "Still our safety net for requests the assistant cannot resolve."),
        Decision(DisputeItem, RubricItemVerdict.Add, lead, at,
            "Reviewers labelled disputed charges answered with the renewal terms in every round since the campaign; no item asked for better.",
            Dispute, DisputeCategory),
    ];

    /// <summary>
    /// A result's per-item outcomes under its run's rubric: a passing result passes every item; a chronic failure (an
    /// expected answer older than the refund policy) fails cites-policy, and every other one also correct-facts; a flaky
    /// failure fails one item that says how the answer reads or behaves, a different one from run to run.
    /// </summary>
    public static string Outcomes(IReadOnlyList<RubricItem> items, bool passed, bool chronic, int caseIndex, int day)
    {
        var failing = passed ? []
            : chronic ? (caseIndex % 2 == 0 ? new[] { "cites-policy", "correct-facts" } : ["cites-policy"])
            : [Flaky(items, caseIndex, day)];
        // Keys in ordinal order: the form the API stores outcomes in (decision 0032).
        var outcomes = items.OrderBy(i => i.Key, StringComparer.Ordinal).ToDictionary(i => i.Key, i => !failing.Contains(i.Key), StringComparer.Ordinal);
        return JsonSerializer.Serialize(outcomes);
    }

    private static string Flaky(IReadOnlyList<RubricItem> items, int caseIndex, int day)
    {
        string[] candidates = ["tone", "format", "no-invention", "escalates-when-unsure"];
        var present = candidates.Where(k => items.Any(i => i.Key == k)).ToList();
        return present[(caseIndex / 30 + day) % present.Count];
    }

    private static RubricItemDecision Decision(string key, RubricItemVerdict verdict, string lead, DateTime at, string rationale,
        ItemText? becomes = null, string? category = null) => new()
    {
        ItemKey = key, Decision = verdict, Description = becomes?.Description, Weight = becomes?.Weight, FailureCategory = category,
        Rationale = rationale, DecidedBy = lead, DecidedAt = at,
    };
}
