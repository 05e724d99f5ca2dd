namespace BenchDashboard.Features.Bench.Cases;

/// <summary>One page of the filtered case list; <see cref="Total"/> counts every match, <see cref="BenchSize"/> every case of the project.</summary>
public sealed record CaseListPage(IReadOnlyList<CaseRow> Rows, int Total, int Page, int PageCount, int BenchSize);
