using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// failure_churn: the bench's failures surprise no one. Either the failing cases of the latest runs, across at least
/// two pipeline versions, are nearly the same set (mean Jaccard similarity of consecutive runs), or no case has
/// failed for the first time in a long while (a known flaky case failing again is no news). Either way the bench
/// keeps reporting what the team already knows.
/// </summary>
internal static class FailureChurnRule
{
    private const int MinRuns = 3;
    private const int MaxLookBackDays = 365;

    private sealed record Finding(bool SameFailures, double MeanJaccard, int Runs, int Versions, DayRange Compared, IReadOnlyList<string> AlwaysFailing,
        DateOnly? LastNewFailure, DateOnly QuietSince, bool NoNewFailures);

    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        var history = new RunHistory(data.Runs);
        if (Check(history, asOf, settings) is not { } finding) yield break;
        var since = Since.WalkBack(asOf, MaxLookBackDays, day => Check(history, day, settings) is not null);
        var both = finding.SameFailures && finding.NoNewFailures;
        var severity = both ? SignalSeverity.Alert : SignalSeverity.Warning;
        var quietDays = asOf.DayNumber - finding.QuietSince.DayNumber;
        var parts = new List<string>();
        if (finding.SameFailures)
        {
            var always = finding.AlwaysFailing.Count == 1 ? "1 fails" : $"{finding.AlwaysFailing.Count} fail";
            parts.Add($"the last {finding.Runs} bench runs across {Say.Count(finding.Versions, "version")} fail almost the same cases " +
                      $"(mean Jaccard {Say.Number(finding.MeanJaccard)}; {always} in every one)");
        }
        if (finding.NoNewFailures)
        {
            parts.Add(finding.LastNewFailure is { } last
                ? $"no case has failed for the first time in {Say.Count(quietDays, "day")} (since {Say.Date(last)})"
                : $"no case has failed in any run in {Say.Count(quietDays, "day")}");
        }
        var summary = char.ToUpperInvariant(parts[0][0]) + parts[0][1..] + (parts.Count > 1 ? ", and " + parts[1] : "") +
                      ": the bench's failures surprise no one; add cases from production failures.";
        yield return new Signal(SignalKinds.FailureChurn, null, severity, since, summary, new FailureChurnEvidence(
            finding.Runs, finding.Versions, finding.Compared, finding.MeanJaccard, settings.ChurnJaccard, settings.ChurnMinVersions,
            finding.AlwaysFailing, finding.LastNewFailure, finding.QuietSince, quietDays, settings.ChurnNoNewFailureDays,
            finding.SameFailures, finding.NoNewFailures));
    }

    private static Finding? Check(RunHistory history, DateOnly day, SignalSettings settings)
    {
        var runs = history.UpTo(day);
        if (runs.Count < MinRuns) return null;

        var recent = runs.TakeLast(Math.Max(MinRuns, settings.ChurnRuns)).ToList();
        var versions = recent.Select(r => r.Version).Distinct(StringComparer.Ordinal).Count();
        var failing = recent.Select(r => r.Failing).ToList();
        var similarities = failing.Zip(failing.Skip(1), (a, b) => Jaccard.Similarity(a, b)).ToList();
        var meanJaccard = similarities.Average();
        var sameFailures = versions >= settings.ChurnMinVersions && meanJaccard >= settings.ChurnJaccard;

        var lastNewFailure = history.LastFirstTimeFailure(day);
        var firstRun = DateOnly.FromDateTime(runs[0].StartedAt);
        var newsBefore = day.AddDays(-settings.ChurnNoNewFailureDays);
        var longEnough = firstRun <= newsBefore;
        var noNewFailures = longEnough && (lastNewFailure is null || lastNewFailure < newsBefore);

        if (!sameFailures && !noNewFailures) return null;
        var alwaysFailing = failing.Aggregate((IEnumerable<string>)failing[0], (all, next) => all.Intersect(next)).OrderBy(c => c, StringComparer.Ordinal).ToList();
        var compared = new DayRange(DateOnly.FromDateTime(recent[0].StartedAt), DateOnly.FromDateTime(recent[^1].StartedAt));
        return new Finding(sameFailures, meanJaccard, recent.Count, versions, compared, alwaysFailing, lastNewFailure, lastNewFailure ?? firstRun, noNewFailures);
    }

    /// <summary>
    /// The runs in order and the days on which some case failed for the first time, computed once per evaluation: the
    /// rule looks back up to a year, day by day, and must not rebuild them for every day.
    /// </summary>
    private sealed class RunHistory
    {
        private readonly List<RunOutcome> _runs;
        private readonly List<DateOnly> _firstTimeFailureDays = [];

        public RunHistory(IReadOnlyList<RunOutcome> runs)
        {
            _runs = runs.Where(r => r.Total > 0).OrderBy(r => r.StartedAt).ToList();
            var everFailed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var run in _runs)
            {
                var before = everFailed.Count;
                everFailed.UnionWith(run.Failing);
                if (everFailed.Count > before) _firstTimeFailureDays.Add(DateOnly.FromDateTime(run.StartedAt));
            }
        }

        public List<RunOutcome> UpTo(DateOnly day) => _runs.TakeWhile(r => DateOnly.FromDateTime(r.StartedAt) <= day).ToList();

        /// <summary>The last day up to <paramref name="day"/> on which a case failed for the first time, if any.</summary>
        public DateOnly? LastFirstTimeFailure(DateOnly day)
        {
            DateOnly? last = null;
            foreach (var d in _firstTimeFailureDays)
            {
                if (d > day) break;
                last = d;
            }
            return last;
        }
    }
}
