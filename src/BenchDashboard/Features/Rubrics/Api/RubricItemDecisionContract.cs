namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>A review's decision on one item in <c>GET …/rubric-reviews</c>: keep, change, drop or add, with its rationale.</summary>
public sealed record RubricItemDecisionContract(string ItemKey, string Decision, string Rationale);
