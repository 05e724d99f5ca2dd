using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// Why the bench's failures surprise no one. <see cref="Runs"/> latest runs (days <see cref="Compared"/>) across
/// <see cref="Versions"/> versions fail nearly the same cases when <see cref="MeanJaccard"/> reaches
/// <see cref="JaccardThreshold"/> with at least <see cref="MinVersions"/> versions; and no case has failed for the first
/// time in <see cref="DaysSinceNewFailure"/> days, counted from <see cref="LastNewFailure"/> or, when no case ever
/// failed, from the first run (<see cref="QuietSince"/>), which is news to no one from <see cref="NoNewFailureDays"/> on.
/// </summary>
public sealed record FailureChurnEvidence(
    int Runs, int Versions, DayRange Compared, double MeanJaccard, double JaccardThreshold, int MinVersions, IReadOnlyList<string> AlwaysFailing,
    DateOnly? LastNewFailure, DateOnly QuietSince, int DaysSinceNewFailure, int NoNewFailureDays, bool SameFailures, bool NoNewFailures) : SignalEvidence
{
    /// <summary>Case ids listed on the card; the API has them all.</summary>
    private const int ListedCases = 10;

    public override IEnumerable<EvidenceFact> Facts()
    {
        yield return new("Failing cases alike from run to run (mean Jaccard)",
            $"{Say.Number(MeanJaccard)} over the last {Say.Count(Runs, "run")} across {Say.Count(Versions, "version")} " +
            $"(alike at ≥ {Say.Number(JaccardThreshold)} across {Say.Count(MinVersions, "version")} or more)");
        yield return new("Cases failing in every one of those runs", AlwaysFailing.Count == 0 ? "none"
            : $"{AlwaysFailing.Count}: {string.Join(", ", AlwaysFailing.Take(ListedCases))}{(AlwaysFailing.Count > ListedCases ? $" and {AlwaysFailing.Count - ListedCases} more" : "")}");
        yield return new("Days since a case last failed for the first time", LastNewFailure is { } last
            ? $"{Say.Count(DaysSinceNewFailure, "day")} (on {Say.Date(last)}; no news from {Say.Count(NoNewFailureDays, "day")})"
            : $"no case has failed in {Say.Count(DaysSinceNewFailure, "day")} of runs since {Say.Date(QuietSince)} (no news from {Say.Count(NoNewFailureDays, "day")})");
    }

    /// <summary>The bench pass rate over the runs compared and, when it is older, since the last case that failed for the first time.</summary>
    public override EvidenceDataView DataView(DateOnly asOf)
    {
        var from = NoNewFailures && QuietSince < Compared.From ? QuietSince : Compared.From;
        return new(TrendMetrics.BenchPassRate, null, from, asOf < Compared.To ? Compared.To : asOf);
    }
}
