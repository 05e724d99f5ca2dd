using BenchDashboard.Domain;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// The one mapping between a case's status and source and the words API.md uses for them (<c>active|retired</c>,
/// <c>imported|production_gap|incident</c>): the list, both export formats, the query filters and the page's menu read it.
/// </summary>
public static class BenchCaseWords
{
    public static string Status(BenchCaseStatus status) => status switch
    {
        BenchCaseStatus.Active => "active",
        BenchCaseStatus.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Source(BenchCaseSource source) => source switch
    {
        BenchCaseSource.Imported => "imported",
        BenchCaseSource.ProductionGap => "production_gap",
        BenchCaseSource.Incident => "incident",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static readonly IReadOnlyList<BenchCaseSource> Sources = [BenchCaseSource.Imported, BenchCaseSource.ProductionGap, BenchCaseSource.Incident];

    public static bool TryParseSource(string word, out BenchCaseSource source)
    {
        foreach (var candidate in Sources)
        {
            if (Source(candidate) == word)
            {
                source = candidate;
                return true;
            }
        }
        source = default;
        return false;
    }
}
