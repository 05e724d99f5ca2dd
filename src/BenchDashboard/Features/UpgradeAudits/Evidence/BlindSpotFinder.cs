using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Sampling;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>
/// Finds where the bench is blind on a version: sampled traces of that version whose counting label
/// (<see cref="RoundFacts.Counting"/>, the same one the round's catch rate uses) is a gap (<see cref="LabelFacts.IsGap"/>:
/// bad, and the bench would not have caught it), in open and closed rounds alike, newest round first.
/// </summary>
public sealed class BlindSpotFinder(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The input shown per failure; the round page has the whole trace.</summary>
    public const int InputExcerpt = 300;

    /// <summary>Null when the version is not one of the project's.</summary>
    public async Task<BenchBlindness?> FindAsync(int projectId, int headVersionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.PipelineVersions.AsNoTracking().Where(v => v.Id == headVersionId && v.ProjectId == projectId)
            .Select(v => v.Version).FirstOrDefaultAsync(ct);
        if (version is null) return null;
        var slug = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.Slug).SingleAsync(ct);

        var onVersion = db.ProductionTraces.Where(t => t.ProjectId == projectId && t.PipelineVersionId == headVersionId).Select(t => t.Id);
        var rounds = await db.SamplingRounds.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Traces.Any(s => onVersion.Contains(s.ProductionTraceId)))
            .Select(r => new { r.Id, r.Period }).ToDictionaryAsync(r => r.Id, r => r.Period, ct);
        var facts = (await RoundFacts.LoadAsync(db, rounds.Keys, ct)).Where(f => f.Counting is not null).ToList();
        var traceIds = facts.Select(f => f.ProductionTraceId).Distinct().ToList();
        var traces = await db.ProductionTraces.AsNoTracking().Where(t => traceIds.Contains(t.Id) && t.PipelineVersionId == headVersionId)
            .Select(t => new { t.Id, t.TraceId, t.Timestamp, t.Category, t.Input }).ToDictionaryAsync(t => t.Id, ct);
        var reviewed = facts.Where(f => traces.ContainsKey(f.ProductionTraceId)).ToList();

        var missed = reviewed.Where(f => f.Counting!.IsGap)
            .OrderByDescending(f => f.RoundId).ThenBy(f => f.Position)
            .Select(f =>
            {
                var trace = traces[f.ProductionTraceId];
                return new BlindSpot(f.RoundId, rounds[f.RoundId], $"/p/{Uri.EscapeDataString(slug)}/sampling/{f.RoundId}", trace.TraceId, trace.Timestamp,
                    trace.Category, f.Counting!.FailureCategory, f.Counting.Notes, Excerpt(trace.Input));
            }).ToList();
        return new BenchBlindness(version, reviewed.Count, reviewed.Count(f => f.Counting!.Verdict == ReviewVerdict.Bad), missed);
    }

    // Never between the halves of a surrogate pair, so the excerpt is still valid text.
    private static string Excerpt(string input)
    {
        if (input.Length <= InputExcerpt) return input;
        var cut = char.IsHighSurrogate(input[InputExcerpt - 2]) ? InputExcerpt - 2 : InputExcerpt - 1;
        return input[..cut] + "…";
    }
}
