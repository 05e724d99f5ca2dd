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

    /// <summary>Creates the project or renames it; true when created.</summary>
    public async Task<bool> UpsertAsync(string slug, string name, string? description, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var project = await db.Projects.FirstOrDefaultAsync(p => p.Slug == slug, ct);
            var created = project is null;
            if (project is null)
            {
                project = new Domain.Project { Slug = slug, Name = name, CreatedAt = DateTime.UtcNow };
                db.Projects.Add(project);
            }
            project.Name = name;
            project.Description = description;
            try
            {
                await db.SaveChangesAsync(ct);
                return created;
            }
            catch (DbUpdateException) when (created && attempt == 0)
            {
                // A concurrent request created the same slug; go again as an update.
            }
        }
    }
}
