using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A deployed pipeline version (API.md, "POST …/versions"); only version and deployedAt are required.</summary>
public sealed record VersionRequest(string Version, DateTime DeployedAt, string? Model, string? Prompt, string? Tools, string? DataSources, string? Notes)
{
    public static VersionRequest? Parse(JsonElement root, ValidationErrors errors)
    {
        var f = new FieldReader(root, "body", errors);
        if (!f.RequireObject()) return null;
        var version = f.Id("version", required: true, TextLimits.Category);
        var deployedAt = f.Timestamp("deployedAt", required: true);
        var model = f.Text("model", required: false, TextLimits.Description);
        var prompt = f.Text("prompt", required: false, TextLimits.Description);
        var tools = f.Text("tools", required: false, TextLimits.Description);
        var dataSources = f.Text("dataSources", required: false, TextLimits.Description);
        var notes = f.Text("notes", required: false, TextLimits.Description);
        return version is null || deployedAt is null || errors.Any
            ? null
            : new VersionRequest(version, deployedAt.Value, model, prompt, tools, dataSources, notes);
    }
}

public sealed class VersionService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Creates the version, or updates its details (true when created).</summary>
    public async Task<bool> UpsertAsync(int projectId, VersionRequest request, CancellationToken ct = default)
    {
        try
        {
            return await TryUpsertAsync(projectId, request, ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the same version a moment ago: this one is an update now.
            return await TryUpsertAsync(projectId, request, ct);
        }
    }

    private async Task<bool> TryUpsertAsync(int projectId, VersionRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.PipelineVersions.FirstOrDefaultAsync(v => v.ProjectId == projectId && v.Version == request.Version, ct);
        var created = version is null;
        if (version is null)
        {
            version = new PipelineVersion { ProjectId = projectId, Version = request.Version };
            db.PipelineVersions.Add(version);
        }
        version.DeployedAt = request.DeployedAt;
        version.Model = request.Model;
        version.Prompt = request.Prompt;
        version.Tools = request.Tools;
        version.DataSources = request.DataSources;
        version.Notes = request.Notes;
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>
    /// The project's versions live at any time in [<paramref name="from"/>, <paramref name="end"/>), oldest first: a version is
    /// live from its deployment until the next one's (ARCHITECTURE.md: the whole pipeline version is what runs).
    /// </summary>
    public async Task<IReadOnlyList<LiveVersion>> LiveAsync(int projectId, DateTime from, DateTime end, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = (await db.PipelineVersions.AsNoTracking().Where(v => v.ProjectId == projectId).ToListAsync(ct))
            .OrderBy(v => v.DeployedAt).ThenBy(v => v.Id).ToList();
        return versions.Select((v, i) => new LiveVersion(v.Version, v.Model, v.Prompt, v.Tools, v.DataSources, v.Notes, v.DeployedAt,
                i + 1 < versions.Count ? versions[i + 1].DeployedAt : null))
            .Where(v => v.DeployedAt < end && (v.LiveUntil is null || v.LiveUntil > from))
            .ToList();
    }
}
