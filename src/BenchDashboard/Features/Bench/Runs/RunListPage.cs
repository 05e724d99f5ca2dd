namespace BenchDashboard.Features.Bench.Runs;

/// <summary>Every run of the project (newest first, for the compare pickers) and one page of them with their pass rates.</summary>
public sealed record RunListPage(IReadOnlyList<RunRef> All, IReadOnlyList<RunSummary> Rows, int Page, int PageCount)
{
    public const int PageSize = 50;
}
