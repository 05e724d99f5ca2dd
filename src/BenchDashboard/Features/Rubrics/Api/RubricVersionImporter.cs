using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>
/// Imports a rubric version through the API (decision 0031, API.md "Rubrics"). Versions are immutable: the same number
/// with the same content changes nothing, with other content is a conflict. The one exception is the version a bench run
/// named before its rubric was imported (the bench-run writer records the number with no items): the first import of that
/// number completes it (decision 0032). Written in the project's write turn, the same one bench runs take, so an import
/// and a run naming the same number, or two imports of it, never interleave.
/// </summary>
public sealed class RubricVersionImporter(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public async Task<RubricImportResult> ImportAsync(int projectId, string projectSlug, RubricVersionRequest request, string actor, CancellationToken ct = default)
    {
        RubricImportResult result;
        try
        {
            result = await WriteAsync(projectId, request, ct);
        }
        catch (DbUpdateException)
        {
            // A writer outside the write turn (a review's approval) stored the number first: the unique index on
            // (project, number) let it in, and this request answers by comparing with what it stored.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            var stored = await StoredAsync(again, projectId, request.Number, ct);
            if (stored is null) throw;
            result = Compare(request, stored);
        }
        if (result.Outcome is RubricImportOutcome.Created or RubricImportOutcome.Completed)
        {
            await audit.AppendAsync(actor, AuditActions.RubricVersionImported, $"project:{projectSlug}/rubric-version:{request.Number}", new
            {
                projectId, number = request.Number, completed = result.Outcome == RubricImportOutcome.Completed, items = request.Items.Count,
                keys = request.Items.Select(i => i.Key),
            }, CancellationToken.None);
        }
        return result;
    }

    private async Task<RubricImportResult> WriteAsync(int projectId, RubricVersionRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await SqlDialect.Of(connection).BeginProjectWriteAsync(connection, projectId, ct);
        await db.Database.UseTransactionAsync(transaction, ct);

        var stored = await StoredAsync(db, projectId, request.Number, ct);
        if (stored is not null && !IsNamedByRunOnly(stored)) return Compare(request, stored);
        var outcome = stored is null ? RubricImportOutcome.Created : RubricImportOutcome.Completed;
        if (stored is null)
        {
            stored = new RubricVersion
            {
                ProjectId = projectId, Number = request.Number, Status = RubricVersionStatus.Imported, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.RubricVersions.Add(stored);
        }
        // A completed version keeps its row time: it has existed since the run that named it.
        stored.Notes = request.Notes;
        stored.Items.AddRange(request.Items.Select((item, position) => new RubricItem
        {
            Key = item.Key, Description = item.Description, Weight = item.Weight, Position = position,
        }));
        await db.SaveChangesAsync(ct);
        ProjectDataVersion.Bump(connection, transaction, projectId);
        await transaction.CommitAsync(ct);
        return new RubricImportResult(outcome);
    }

    /// <summary>
    /// A version a bench run named (its number, no items) before anyone imported it. Versions made by a review, or
    /// imported, always have items (an import needs at least one).
    /// </summary>
    private static bool IsNamedByRunOnly(RubricVersion version) => version.Status == RubricVersionStatus.Imported && version.Items.Count == 0;

    private static RubricImportResult Compare(RubricVersionRequest request, RubricVersion stored) =>
        request.SameContentAs(stored)
            ? new RubricImportResult(RubricImportOutcome.Unchanged)
            : new RubricImportResult(RubricImportOutcome.Conflict,
                $"rubric version {request.Number} already exists with other content ({request.DifferenceFrom(stored)}); versions are immutable, import the change as a new number");

    private static Task<RubricVersion?> StoredAsync(AppDbContext db, int projectId, int number, CancellationToken ct) =>
        db.RubricVersions.Include(v => v.Items).FirstOrDefaultAsync(v => v.ProjectId == projectId && v.Number == number, ct);
}
