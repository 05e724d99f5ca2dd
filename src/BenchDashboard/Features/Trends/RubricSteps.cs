namespace BenchDashboard.Features.Trends;

/// <summary>
/// Finds the steps in a bench's history where runs under a new rubric version begin (issue 15: "runs under the new version
/// are marked on the Trends chart, and the step in pass rate is shown"). Pure: the runs go in, the steps come out.
/// </summary>
public static class RubricSteps
{
    /// <summary>Runs averaged on each side of a step.</summary>
    public const int Window = 5;

    /// <summary>One bench run: when, its id, the number of its rubric version (null when it names none) and its pass rate.</summary>
    public sealed record Run(string RunId, DateTime StartedAt, int? RubricNumber, double PassRate);

    /// <summary>
    /// A step for every rubric version whose first run comes after runs under another (the earliest version the history
    /// shows is where it starts, not a change). Before: the last runs before that first run, whatever their rubric; after:
    /// the first runs under the new version.
    /// </summary>
    public static IReadOnlyList<RubricStep> From(IEnumerable<Run> runs)
    {
        var ordered = runs.OrderBy(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var steps = new List<RubricStep>();
        var seen = new HashSet<int>();
        int? previous = null;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].RubricNumber is not { } number) continue;
            if (seen.Add(number) && previous is not null && previous != number)
            {
                var before = ordered.Take(i).TakeLast(Window).ToList();
                var after = ordered.Skip(i).Where(r => r.RubricNumber == number).Take(Window).ToList();
                steps.Add(new RubricStep(number, ordered[i].RunId, ordered[i].StartedAt,
                    before.Count == 0 ? null : before.Average(r => r.PassRate), before.Count,
                    after.Count == 0 ? null : after.Average(r => r.PassRate), after.Count));
            }
            previous = number;
        }
        return steps;
    }
}
