using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>Pipeline versions, oldest first, that went live without a bench audit within <see cref="GraceDays"/> days.</summary>
public sealed record BenchAuditEvidence(IReadOnlyList<UnauditedVersion> Versions, int GraceDays) : SignalEvidence
{
    /// <summary>Versions listed on the card; the API has them all.</summary>
    private const int ListedVersions = 10;

    public string Check => CadenceChecks.BenchAudit;

    public override IEnumerable<EvidenceFact> Facts()
    {
        var listed = Versions.Take(ListedVersions)
            .Select(v => $"{v.Version} (live since {Say.Date(DateOnly.FromDateTime(v.DeployedAt))}, {Say.Count(v.DaysLive, "day")}; replaced {v.Previous})");
        yield return new(Versions.Count == 1 ? "Version without a bench audit" : "Versions without a bench audit",
            string.Join(", ", listed) + (Versions.Count > ListedVersions ? $" and {Versions.Count - ListedVersions} more" : ""));
        yield return new("Grace period for a bench audit", Say.Count(GraceDays, "day"));
    }

    /// <summary>The bench pass rate from the version the oldest unaudited one replaced: the runs an audit compares.</summary>
    public override EvidenceDataView DataView(DateOnly asOf)
    {
        var from = DateOnly.FromDateTime(Versions[0].PreviousDeployedAt);
        return new(TrendMetrics.BenchPassRate, null, from, asOf < from ? from : asOf);
    }
}
