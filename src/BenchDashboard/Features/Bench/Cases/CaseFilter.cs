using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Bench.Cases;

/// <summary>
/// What the case list shows, kept in the URL (<c>?status=all&amp;source=production_gap&amp;category=billing&amp;q=refund&amp;page=2</c>)
/// so a lead can share it. Words are API.md's (<c>active|retired|all</c>, <c>imported|production_gap|incident</c>);
/// unknown values fall back to the defaults, so a mistyped link still opens the list.
/// </summary>
public sealed record CaseFilter(CaseStatusFilter Status = CaseStatusFilter.Active, BenchCaseSource? Source = null, string? Category = null,
    string? Text = null, int Page = 1)
{
    /// <summary>Cases per page: a screenful that renders at once, however large the bench.</summary>
    public const int PageSize = 50;

    /// <summary>Free text is looked for in ids and inputs; a longer query could not be typed usefully.</summary>
    public const int MaxTextLength = 200;

    public static readonly CaseFilter Default = new();

    public static readonly IReadOnlyList<CaseStatusFilter> Statuses = [CaseStatusFilter.Active, CaseStatusFilter.Retired, CaseStatusFilter.All];

    /// <summary>How a source reads on screen.</summary>
    public static string SourceLabel(BenchCaseSource source) => source switch
    {
        BenchCaseSource.ProductionGap => "production gap",
        BenchCaseSource.Incident => "incident",
        _ => "imported",
    };

    public static string StatusWord(CaseStatusFilter status) => status.ToString().ToLowerInvariant();

    public bool IsDefault => this with { Page = 1 } == Default;

    /// <summary>What the export takes of this filter: status and source (the API's export has no category or text filter).</summary>
    public Export.BenchCaseQuery ExportQuery => new(
        Status switch { CaseStatusFilter.Active => BenchCaseStatus.Active, CaseStatusFilter.Retired => BenchCaseStatus.Retired, _ => null },
        Source, Since: null);

    public static CaseFilter Parse(string? status, string? source, string? category, string? text, string? page)
    {
        var filter = Default;
        foreach (var s in Statuses.Where(s => StatusWord(s) == status)) filter = filter with { Status = s };
        if (source is not null && Export.BenchCaseWords.TryParseSource(source, out var parsed)) filter = filter with { Source = parsed };
        if (!string.IsNullOrWhiteSpace(category) && category.Length <= TextLimits.Category) filter = filter with { Category = category };
        if (!string.IsNullOrWhiteSpace(text)) filter = filter with { Text = text.Trim().Length > MaxTextLength ? text.Trim()[..MaxTextLength] : text.Trim() };
        if (int.TryParse(page, out var p) && p > 1) filter = filter with { Page = p };
        return filter;
    }

    /// <summary>Query parameters of this filter; defaults are left out so the plain address stays plain.</summary>
    public IReadOnlyDictionary<string, object?> Query() => new Dictionary<string, object?>
    {
        ["status"] = Status == CaseStatusFilter.Active ? null : StatusWord(Status),
        ["source"] = Source is { } s ? Export.BenchCaseWords.Source(s) : null,
        ["category"] = Category,
        ["q"] = Text,
        ["page"] = Page > 1 ? Page : null,
    };
}
