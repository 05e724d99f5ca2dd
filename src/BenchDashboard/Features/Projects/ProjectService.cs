using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Projects;

public sealed record ProjectSummary(int Id, string Slug, string Name, string? Description, bool IsDemo);

/// <summary>Reads projects for the switcher, the pages and the API.</summary>
public sealed class ProjectService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<List<ProjectSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Projects.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProjectSummary(p.Id, p.Slug, p.Name, p.Description, p.IsDemo)).ToListAsync(ct);
    }

    public async Task<ProjectSummary?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Projects.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new ProjectSummary(p.Id, p.Slug, p.Name, p.Description, p.IsDemo)).FirstOrDefaultAsync(ct);
    }
}
