using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A bench run as the API receives it (API.md, "POST …/bench-runs"), after validation.</summary>
public sealed record BenchRunRequest(string RunId, string Version, DateTime StartedAt, int? RubricVersion, IReadOnlyList<BenchResultRequest> Results)
{
    /// <summary>Parses the native JSON body; every bad field is recorded, results by their index.</summary>
    public static BenchRunRequest? Parse(JsonElement root, ValidationErrors errors)
    {
        var f = new FieldReader(root, "body", errors);
        if (!f.RequireObject()) return null;
        var runId = f.Id("runId", required: true);
        var version = f.Id("version", required: true, TextLimits.Category);
        var startedAt = f.Timestamp("startedAt", required: true);
        var rubric = f.Integer("rubricVersion", required: false, min: 1);
        var results = new List<BenchResultRequest>();
        var valid = runId is not null && version is not null && startedAt is not null;
        if (f.TryGetArray("results", out var array))
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var result = BenchResultRequest.Parse(new FieldReader(item, $"results[{index++}]", errors));
                if (result is null) valid = false;
                else results.Add(result);
            }
            if (index == 0)
            {
                f.Error("results", "must hold at least one result");
                valid = false;
            }
        }
        else
        {
            valid = false;
        }
        CheckUniqueCases(results, errors);
        return valid && !errors.Any ? new BenchRunRequest(runId!, version!, startedAt!.Value, rubric, results) : null;
    }

    public static void CheckUniqueCases(IEnumerable<BenchResultRequest> results, ValidationErrors errors)
    {
        foreach (var group in results.GroupBy(r => r.CaseId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("results", $"caseId '{ErrorEcho.Quote(group.Key)}' appears {group.Count()} times; a run holds one result per case");
        }
    }

    /// <summary>SHA-256 over a canonical form, so the same run re-sent is a duplicate and a changed one a conflict.</summary>
    public string ContentHash()
    {
        var canonical = new StringBuilder()
            .Append(Version).Append('\n').Append(Timestamps.ToStorage(StartedAt)).Append('\n').Append(RubricVersion).Append('\n');
        foreach (var r in Results.OrderBy(r => r.CaseId, StringComparer.Ordinal))
        {
            canonical.Append(JsonSerializer.Serialize(new object?[] { r.CaseId, r.Passed, r.Score, r.Category, r.Input })).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

public sealed record BenchResultRequest(string CaseId, bool Passed, double? Score, string? Category, string? Input)
{
    public static BenchResultRequest? Parse(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var caseId = f.Id("caseId", required: true);
        var passed = f.Bool("passed", required: true);
        var score = f.Number("score", required: false);
        var category = f.Id("category", required: false, TextLimits.Category);
        var input = f.Text("input", required: false);
        return caseId is null || passed is null ? null : new BenchResultRequest(caseId, passed.Value, score, category, input);
    }
}

/// <summary>The API's answer to a stored (or re-sent) bench run.</summary>
public sealed record BenchRunSummary(string RunId, int Cases, int Passed, int NewCases)
{
    /// <summary>True when this exact run was already stored; nothing changed.</summary>
    public bool Duplicate { get; init; }
}

public enum BenchRunStatus { Created, Duplicate, Conflict }

public sealed record BenchRunImportResult(BenchRunStatus Status, BenchRunSummary? Summary, string? Conflict);

/// <summary>
/// Stores a bench run with its results in one transaction. Unknown case ids become bench cases, an unknown version
/// is created as deployed at the run's start, and an unknown rubric number becomes an unapproved rubric version.
/// </summary>
public sealed class BenchRunImporter(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<BenchRunImportResult> ImportAsync(int projectId, BenchRunRequest run, CancellationToken ct = default)
    {
        var hash = run.ContentHash();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var existing = await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId && r.RunId == run.RunId)
            .Select(r => new { r.ContentHash, Cases = r.Results.Count, Passed = r.Results.Count(x => x.Passed) })
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing.ContentHash == hash
                ? new BenchRunImportResult(BenchRunStatus.Duplicate, new BenchRunSummary(run.RunId, existing.Cases, existing.Passed, 0) { Duplicate = true }, null)
                : new BenchRunImportResult(BenchRunStatus.Conflict, null, $"runId '{run.RunId}' already exists with different content");
        }

        var version = await db.PipelineVersions.FirstOrDefaultAsync(v => v.ProjectId == projectId && v.Version == run.Version, ct);
        if (version is null)
        {
            version = new PipelineVersion { ProjectId = projectId, Version = run.Version, DeployedAt = run.StartedAt };
            db.PipelineVersions.Add(version);
        }
        RubricVersion? rubric = null;
        if (run.RubricVersion is { } number)
        {
            rubric = await db.RubricVersions.FirstOrDefaultAsync(r => r.ProjectId == projectId && r.Number == number, ct);
            if (rubric is null)
            {
                rubric = new RubricVersion { ProjectId = projectId, Number = number, Notes = $"Named by bench run {run.RunId}; not yet approved." };
                db.RubricVersions.Add(rubric);
            }
        }

        // Version and rubric first: the run needs their ids.
        await db.SaveChangesAsync(ct);

        var caseIds = run.Results.Select(r => r.CaseId).ToList();
        var cases = await db.BenchCases.Where(c => c.ProjectId == projectId && caseIds.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var newCases = 0;
        var entity = new BenchRun
        {
            ProjectId = projectId, RunId = run.RunId, PipelineVersionId = version.Id, RubricVersionId = rubric?.Id,
            StartedAt = run.StartedAt, ContentHash = hash,
        };
        foreach (var result in run.Results)
        {
            if (!cases.TryGetValue(result.CaseId, out var benchCase))
            {
                benchCase = new BenchCase
                {
                    ProjectId = projectId, ExternalId = result.CaseId, Input = result.Input, Category = result.Category,
                    Status = BenchCaseStatus.Active, Source = BenchCaseSource.Imported, CreatedAt = now, FirstSeenAt = run.StartedAt,
                };
                db.BenchCases.Add(benchCase);
                cases[result.CaseId] = benchCase;
                newCases++;
            }
            else
            {
                // A runner that starts sending inputs or categories fills the gaps; it never overwrites what a lead curated.
                benchCase.Input ??= result.Input;
                benchCase.Category ??= result.Category;
                // History imported out of order: the case existed from the earliest run that included it.
                if (run.StartedAt < benchCase.FirstSeenAt) benchCase.FirstSeenAt = run.StartedAt;
            }
            entity.Results.Add(new BenchResult { BenchCase = benchCase, Passed = result.Passed, Score = result.Score });
        }
        db.BenchRuns.Add(entity);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BenchRunImportResult(BenchRunStatus.Created,
            new BenchRunSummary(run.RunId, run.Results.Count, run.Results.Count(r => r.Passed), newCases), null);
    }

    public static string Describe(BenchRunSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Cases} cases, {s.Passed} passed, {s.NewCases} new");
}
