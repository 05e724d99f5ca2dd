namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// stagnation: the bench pass rate moved within a narrow band over a long period although several pipeline versions
/// were deployed. A bench that scores every version the same has lost its power to tell them apart.
/// </summary>
internal static class StagnationRule
{
    private const int MinRuns = 3;
    private const int MaxLookBackDays = 365;

    private sealed record Finding(DayRange Period, int Runs, int Versions, double Low, double High);

    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        if (Check(data, asOf, settings) is not { } finding) yield break;
        var since = Since.WalkBack(asOf, MaxLookBackDays, day => Check(data, day, settings) is not null);
        var severity = finding.High - finding.Low <= settings.StagnationMaxRange / 2 ? SignalSeverity.Alert : SignalSeverity.Warning;
        var summary = $"Across {finding.Versions} pipeline versions in the last {settings.StagnationDays} days the bench pass rate stayed between " +
                      $"{Say.Percent(finding.Low)} and {Say.Percent(finding.High)} ({finding.Runs} runs): it no longer tells versions apart.";
        var passRates = data.Runs.Where(r => finding.Period.Contains(r.StartedAt) && r.Total > 0)
            .Select(r => new RunPassRate(r.RunId, r.Version, r.StartedAt, r.PassRate)).ToList();
        yield return new Signal(SignalKinds.Stagnation, null, severity, since, summary, new StagnationEvidence(finding.Period, finding.Runs,
            finding.Versions, finding.Low, finding.High, settings.StagnationMaxRange, settings.StagnationMinVersions, passRates));
    }

    private static Finding? Check(ProjectSignalData data, DateOnly day, SignalSettings settings)
    {
        var period = DayRange.Ending(day, settings.StagnationDays);
        var rates = data.Runs.Where(r => period.Contains(r.StartedAt) && r.Total > 0).Select(r => r.PassRate).ToList();
        if (rates.Count < MinRuns) return null;
        var versions = data.Versions.Count(v => period.Contains(v.DeployedAt));
        if (versions < settings.StagnationMinVersions) return null;
        var (low, high) = (rates.Min(), rates.Max());
        return high - low <= settings.StagnationMaxRange + 1e-12 ? new Finding(period, rates.Count, versions, low, high) : null;
    }
}
