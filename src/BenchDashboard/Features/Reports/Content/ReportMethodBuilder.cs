using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Features.Bench;
using BenchDashboard.Features.Bench.Cases;
using BenchDashboard.Features.Rubrics;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The method section: the bench at the period's end (<see cref="BenchCaseQueries.CompositionAsync"/>) with the runs of
/// the period (the Bench page's list), the rubric versions in force during the period, what each metric means
/// (<see cref="TrendMetrics.Meaning"/>) and the signal thresholds in force (the project's settings as the settings screen
/// shows them).
/// </summary>
public sealed class ReportMethodBuilder(BenchCaseQueries cases, BenchRunsService runs, RubricQueries rubrics, SignalSettingsService settings)
{
    public async Task<ReportMethod> BuildAsync(int projectId, ReportPeriod period, CancellationToken ct)
    {
        var composition = await cases.CompositionAsync(projectId, period.From, period.To, ct);
        var runsInPeriod = (await runs.ListAsync(projectId, ct)).Count(r => period.Contains(r.StartedAt));
        var bench = new ReportBench(composition.Cases, Counts(composition.BySource), Counts(composition.ByCategory), runsInPeriod,
            composition.Added, composition.Retired);

        var metrics = TrendMetrics.All.Select(m => new ReportDefinition(TrendMetrics.Label(m), TrendMetrics.Meaning(m))).ToList();
        var inForce = await settings.GetAsync(projectId, ct);
        var thresholds = SignalSettings.Describe.Keys
            .Select(name => new ReportDefinition($"{SignalSettings.Group(name)}: {SignalSettings.Label(name)}",
                $"{inForce.ValueText(name)}. {SignalSettings.Describe[name]}"))
            .ToList();
        return new ReportMethod(bench, RubricVersionsInForce(await rubrics.VersionsAsync(projectId, ct), period), metrics, thresholds);
    }

    private static List<ReportCount> Counts(IEnumerable<(string Label, int Count)> counts) => counts.Select(c => new ReportCount(c.Label, c.Count)).ToList();

    /// <summary>
    /// The versions whose time in force overlaps the period, oldest first: a version is in force from its approval (or,
    /// imported, from its creation) until the next version's (decision 0036).
    /// </summary>
    public static IReadOnlyList<ReportRubricVersion> RubricVersionsInForce(IReadOnlyList<RubricVersionView> versions, ReportPeriod period)
    {
        var ordered = versions.OrderBy(InForceFrom).ThenBy(v => v.Number).ToList();
        return ordered
            .Select((v, i) => (Version: v, Until: i + 1 < ordered.Count ? InForceFrom(ordered[i + 1]) : (DateTime?)null))
            .Where(p => period.Overlaps(InForceFrom(p.Version), p.Until))
            .Select(p => new ReportRubricVersion(p.Version.Number, Origin(p.Version), p.Version.Items.Select(i => i.Key).ToList(), InForceFrom(p.Version)))
            .ToList();
    }

    public static DateTime InForceFrom(RubricVersionView v) => v.ApprovedAt ?? v.CreatedAt;

    private static string Origin(RubricVersionView v) => v.Status == RubricVersionStatus.Approved
        ? $"approved by {v.ApprovedBy} on {Day(v.ApprovedAt ?? v.CreatedAt)}"
        : $"imported through the API on {Day(v.CreatedAt)}";

    private static string Day(DateTime at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
