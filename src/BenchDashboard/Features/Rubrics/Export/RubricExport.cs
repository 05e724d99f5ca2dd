using System.Text;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Rubrics.Export;

/// <summary>Exports a rubric version for the bench runner: JSON, or promptfoo assertions (API.md's words for formats).</summary>
public sealed class RubricExport(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Formats = ["json", "promptfoo"];

    /// <summary>The version with its items, or null when the project has no version of that number.</summary>
    public async Task<RubricVersion?> VersionAsync(int projectId, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RubricVersions.AsNoTracking().Include(v => v.Items).FirstOrDefaultAsync(v => v.ProjectId == projectId && v.Number == number, ct);
    }

    /// <summary>The file for <paramref name="format"/> (one of <see cref="Formats"/>), or null when there is no such version.</summary>
    public async Task<RubricFile?> ExportAsync(int projectId, string projectSlug, int number, string format, CancellationToken ct = default)
    {
        var version = await VersionAsync(projectId, number, ct);
        if (version is null) return null;
        return format switch
        {
            "json" => new(Encoding.UTF8.GetBytes(RubricJsonWriter.Write(version)), RubricJsonWriter.ContentType, $"{projectSlug}-rubric-v{number}.json"),
            "promptfoo" => new(Encoding.UTF8.GetBytes(PromptfooAssertionsWriter.Write(version, projectSlug, clock.GetUtcNow().UtcDateTime)),
                PromptfooAssertionsWriter.ContentType, $"{projectSlug}-rubric-v{number}.promptfoo.yaml"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not one of " + string.Join(", ", Formats)),
        };
    }
}
