using BenchDashboard.Features.Ingestion;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>
/// The one rule for re-grading bench results without the items a rubric review drops (issue 15, "see the impact before
/// approving"). A result that reports per-item outcomes passes exactly when every item it reports that is not dropped
/// passed (so a result whose only failing items are dropped now passes, and one that reported only dropped items passes
/// too: nothing it was graded on is left to fail). A result without outcomes keeps its verdict: there is nothing to
/// re-grade it from, and the impact says how many such results there were.
/// </summary>
public static class RubricReGrade
{
    /// <summary>The re-graded verdict of one result.</summary>
    public static bool Passes(bool verdict, IReadOnlyDictionary<string, bool>? outcomes, IReadOnlySet<string> dropped) =>
        outcomes is null ? verdict : outcomes.All(o => o.Value || dropped.Contains(o.Key));

    /// <summary>
    /// The per-item outcomes stored with a result (<see cref="Domain.BenchResult.ItemOutcomesJson"/>, a JSON object of item
    /// key to true/false); null when there are none: no JSON, an empty object, or something that is not an object of
    /// booleans (entries that are not true or false are left out).
    /// </summary>
    public static IReadOnlyDictionary<string, bool>? Outcomes(string? json) =>
        ItemOutcomes.Read(json) is { Count: > 0 } read ? read.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal) : null;

    /// <summary>One run's results re-graded: how many passed as stored, how many pass without the dropped items.</summary>
    public static RunReGrade Run(string runId, string version, DateTime startedAt, IEnumerable<(bool Passed, string? ItemOutcomesJson)> results,
        IReadOnlySet<string> dropped)
    {
        int count = 0, passedNow = 0, passedReGraded = 0, withoutOutcomes = 0;
        foreach (var (passed, json) in results)
        {
            var outcomes = Outcomes(json);
            count++;
            if (passed) passedNow++;
            if (outcomes is null) withoutOutcomes++;
            if (Passes(passed, outcomes, dropped)) passedReGraded++;
        }
        return new RunReGrade(runId, version, startedAt, count, passedNow, passedReGraded, withoutOutcomes);
    }

    /// <summary>The impact over several runs: their results pooled, so a big run weighs as much as its cases.</summary>
    public static ReviewImpact Impact(IReadOnlyList<RunReGrade> runs, IReadOnlyList<string> dropped) =>
        new(runs, dropped, runs.Sum(r => r.Results), runs.Sum(r => r.PassedNow), runs.Sum(r => r.PassedReGraded), runs.Sum(r => r.WithoutOutcomes));
}
