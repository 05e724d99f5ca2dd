using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Admin;

/// <summary>
/// Deletes a project's production traces, feedback events and daily aggregates in a range of days (issue 12, finding 2:
/// bad data does arrive, such as times far in the future stored before they were refused). Admins only: the page and
/// the endpoint that call it check the role or scope. One transaction removes the rows, rebuilds the project's rollups
/// from the rows that remain and bumps its data version, so Trends and Signals after the deletion are what they would
/// have been had the rows never arrived; then the audit log records who deleted what.
/// </summary>
public sealed class ProjectDataDeletion(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    // Times are stored as text, "yyyy-MM-dd HH:mm:ss.fffffff": a bare day sorts before every time of that day.
    private const string InRange = "\"Timestamp\" >= $from AND ($to IS NULL OR \"Timestamp\" < $to)";
    private const string HeldByRound = "\"Id\" IN (SELECT \"ProductionTraceId\" FROM \"SampledTraces\")";

    /// <summary>What <see cref="DeleteAsync"/> would remove now, for the confirmation.</summary>
    public async Task<DeletionCounts> CountAsync(int projectId, DeletionRange range, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        return Count(connection, null, projectId, range);
    }

    /// <summary>
    /// Deletes the range when its rows are still those the admin confirmed (<paramref name="confirmed"/>); otherwise
    /// deletes nothing and returns the new counts.
    /// </summary>
    public async Task<DeletionResult> DeleteAsync(int projectId, string projectSlug, DeletionRange range, DeletionCounts confirmed, string actor,
        CancellationToken ct = default)
    {
        if (range.Problem is { } problem) throw new ArgumentException(problem, nameof(range));
        DeletionCounts counts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(ct);
            // IMMEDIATE: no import can slip in between the count and the deletion.
            await using var transaction = connection.BeginTransaction(deferred: false);
            counts = Count(connection, transaction, projectId, range);
            if (counts != confirmed) return new DeletionResult(false, counts);

            Execute(connection, transaction, projectId, range, $"""DELETE FROM "FeedbackEvents" WHERE "ProjectId" = $p AND {InRange}""");
            Execute(connection, transaction, projectId, range, $"""DELETE FROM "ProductionTraces" WHERE "ProjectId" = $p AND {InRange} AND NOT {HeldByRound}""");
            Execute(connection, transaction, projectId, range, """DELETE FROM "DailyMetrics" WHERE "ProjectId" = $p AND "Date" >= $from AND ($to IS NULL OR "Date" < $to)""");
            RollupRebuild.Rollups(connection, transaction, projectId);
            RollupRebuild.InputLengths(connection, transaction, projectId, range.FromText, range.ToText);
            ProjectDataVersion.Bump(connection, transaction, projectId);
            transaction.Commit();
        }
        // After the commit, and not cancellable: a deletion that happened is always on record.
        await audit.AppendAsync(actor, AuditActions.ProjectDataDeleted, $"project:{projectSlug}",
            new { From = range.FromText, To = range.ToText, counts.Traces, counts.Feedback, counts.Metrics, counts.TracesKept }, CancellationToken.None);
        return new DeletionResult(true, counts);
    }

    private static DeletionCounts Count(SqliteConnection connection, SqliteTransaction? transaction, int projectId, DeletionRange range) => new(
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "ProductionTraces" WHERE "ProjectId" = $p AND {InRange} AND NOT {HeldByRound}"""),
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "FeedbackEvents" WHERE "ProjectId" = $p AND {InRange}"""),
        Scalar(connection, transaction, projectId, range, """SELECT COUNT(*) FROM "DailyMetrics" WHERE "ProjectId" = $p AND "Date" >= $from AND ($to IS NULL OR "Date" < $to)"""),
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "ProductionTraces" WHERE "ProjectId" = $p AND {InRange} AND {HeldByRound}"""));

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, int projectId, DeletionRange range, string sql)
    {
        using var command = Command(connection, transaction, projectId, range, sql);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, int projectId, DeletionRange range, string sql)
    {
        using var command = Command(connection, transaction, projectId, range, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, int projectId, DeletionRange range, string sql) =>
        SqliteCommands.Prepare(connection, transaction, sql, "$p", "$from", "$to")
            .Set("$p", projectId).Set("$from", range.FromText).Set("$to", range.ToText);
}
