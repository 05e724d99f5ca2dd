using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Signals;

/// <summary>Reads and saves a project's signal thresholds (JSON on the project; missing values take the defaults).</summary>
public sealed class SignalSettingsService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public async Task<SignalSettings> GetAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = await db.Projects.Where(p => p.Id == projectId).Select(p => p.SignalSettingsJson).FirstOrDefaultAsync(ct);
        return Parse(json);
    }

    /// <summary>Stored JSON to settings; anything unreadable falls back to the defaults rather than breaking the dashboard.</summary>
    public static SignalSettings Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return SignalSettings.Defaults;
        try
        {
            var settings = JsonSerializer.Deserialize<SignalSettings>(json, JsonSerializerOptions.Web) ?? SignalSettings.Defaults;
            return Validate(settings).Count == 0 ? settings : SignalSettings.Defaults;
        }
        catch (JsonException)
        {
            return SignalSettings.Defaults;
        }
    }

    public static IReadOnlyList<ValidationResult> Validate(SignalSettings settings)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(settings);
        // The validator skips the cross-field rules once a single field fails; run them anyway so every problem shows at once.
        if (!Validator.TryValidateObject(settings, context, results, validateAllProperties: true))
        {
            var crossField = settings.Validate(context).ToList();
            results.AddRange(crossField.Where(c => !results.Any(r => r.ErrorMessage == c.ErrorMessage)));
        }
        return results;
    }

    /// <summary>Saves valid settings and audits the change; returns the problems instead when there are any.</summary>
    public async Task<IReadOnlyList<ValidationResult>> SaveAsync(int projectId, string slug, SignalSettings settings, string actor, CancellationToken ct = default)
    {
        var problems = Validate(settings);
        if (problems.Count > 0) return problems;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.FirstAsync(p => p.Id == projectId, ct);
        var before = Parse(project.SignalSettingsJson);
        project.SignalSettingsJson = settings == SignalSettings.Defaults ? null : JsonSerializer.Serialize(settings, JsonSerializerOptions.Web);
        await db.SaveChangesAsync(ct);
        var changed = typeof(SignalSettings).GetProperties().Where(p => p.CanWrite && !Equals(p.GetValue(before), p.GetValue(settings)))
            .ToDictionary(p => p.Name, p => new { from = p.GetValue(before), to = p.GetValue(settings) });
        await audit.AppendAsync(actor, AuditActions.SignalSettingsChanged, $"project:{slug}", changed, ct);
        return [];
    }

    public async Task<string?> GetWebhookAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Projects.Where(p => p.Id == projectId).Select(p => p.WebhookUrl).FirstOrDefaultAsync(ct);
    }

    /// <summary>Sets (or with an empty value removes) the alert webhook; returns the problem with the URL, if any.</summary>
    public async Task<string?> SetWebhookAsync(int projectId, string slug, string? url, string actor, CancellationToken ct = default)
    {
        url = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (url is not null && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return "Enter an absolute http:// or https:// address of at most 2,000 characters.";
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.FirstAsync(p => p.Id == projectId, ct);
        var before = project.WebhookUrl;
        project.WebhookUrl = url;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor, AuditActions.WebhookChanged, $"project:{slug}", new { from = before, to = url }, ct);
        return null;
    }

    /// <summary>The latest deliveries, newest first, so failures are visible where the URL is set.</summary>
    public async Task<List<Domain.WebhookDelivery>> RecentDeliveriesAsync(int projectId, int count = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.ProjectId == projectId)
            .OrderByDescending(d => d.Id).Take(count).ToListAsync(ct);
    }
}
