using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Sampling;

/// <summary>The failure categories reviewers choose from; a lead edits the list per project.</summary>
public sealed class FailureCategoryService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public const int MaxCategories = 30;

    /// <summary>What a project starts with until its lead edits the list.</summary>
    public static readonly IReadOnlyList<string> Defaults =
        ["wrong answer", "made-up fact", "incomplete answer", "ignored instructions", "broken format", "wrong tone", "unsafe content"];

    public async Task<IReadOnlyList<string>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.FailureCategories.AsNoTracking().Where(c => c.ProjectId == projectId).Select(c => c.Name).ToListAsync(ct);
        return stored.Count == 0 ? Defaults : stored.Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Problems with a proposed list, one sentence each; empty when it can be saved.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string> names)
    {
        var problems = new List<string>();
        if (names.Count == 0) problems.Add("Keep at least one failure category.");
        if (names.Count > MaxCategories) problems.Add($"At most {MaxCategories} failure categories.");
        foreach (var name in names)
        {
            if (name.Length > 128) problems.Add($"“{name[..40]}…” is longer than 128 characters.");
            if (FieldReader.ControlCharacterProblem(name) is not null || name.Contains('\n')) problems.Add("A category is one line of text.");
        }
        foreach (var twice in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"“{twice.Key}” appears more than once.");
        }
        return problems.Distinct().ToList();
    }

    public async Task<IReadOnlyList<string>> SaveAsync(int projectId, IEnumerable<string> proposed, string actor, CancellationToken ct = default)
    {
        var names = proposed.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        var problems = Validate(names);
        if (problems.Count > 0) return problems;
        var before = await ListAsync(projectId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.FailureCategories.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(ct);
        db.FailureCategories.AddRange(names.Select(n => new FailureCategory { ProjectId = projectId, Name = n }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.AppendAsync(actor, AuditActions.FailureCategoriesChanged, $"project:{projectId}", new { From = before, To = names }, ct);
        return [];
    }
}
