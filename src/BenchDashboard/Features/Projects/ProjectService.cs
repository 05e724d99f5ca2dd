using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Projects;

public sealed record ProjectSummary(int Id, string Slug, string Name, string? Description, bool IsDemo);

/// <summary>Reads projects for the switcher, the pages and the API; creates and renames them, on the audit record.</summary>
public sealed class ProjectService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
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

    /// <summary>
    /// Creates the project or renames it, and records which in the audit log in the same transaction: a project never
    /// exists without its "created" event. True when created. The log's lock orders concurrent calls, so two requests
    /// for one new slug create it once and rename it once.
    /// </summary>
    public async Task<bool> UpsertAsync(string slug, string name, string? description, string actor, CancellationToken ct = default)
    {
        var created = false;
        await audit.AppendWithAsync(actor, async (db, _, token) =>
        {
            var project = await db.Projects.FirstOrDefaultAsync(p => p.Slug == slug, token);
            created = project is null;
            if (project is null)
            {
                project = new Domain.Project { Slug = slug, Name = name, CreatedAt = DateTime.UtcNow };
                db.Projects.Add(project);
            }
            project.Name = name;
            project.Description = description;
            await db.SaveChangesAsync(token);
            return new AuditEntry(created ? AuditActions.ProjectCreated : AuditActions.ProjectUpdated, $"project:{slug}", new { name, description });
        }, ct);
        return created;
    }
}
