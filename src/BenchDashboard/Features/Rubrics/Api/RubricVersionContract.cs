using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>A rubric version in <c>GET …/rubric-versions</c> and the answer to an import (API.md, Rubrics).</summary>
public sealed record RubricVersionContract(int Number, string Status, string? ApprovedBy, DateTime? ApprovedAt, string? Notes,
    IReadOnlyList<RubricItemContract> Items)
{
    public static RubricVersionContract Of(RubricVersion v) => new(v.Number, RubricWords.Of(v.Status), v.ApprovedBy, v.ApprovedAt, v.Notes,
        v.Items.OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => new RubricItemContract(i.Key, i.Description, i.Weight)).ToList());
}
