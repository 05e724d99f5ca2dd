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
}
