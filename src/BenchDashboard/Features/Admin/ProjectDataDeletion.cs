using System.Data;
using System.Data.Common;
using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Ingestion;
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
    // Times compare with the range's first instants (@fromTime, @toTime); daily aggregates with its days (@fromDay, @toDay).
    private const string InRange = "\"Timestamp\" >= @fromTime AND (@toTime IS NULL OR \"Timestamp\" < @toTime)";
    private const string DaysInRange = "\"Date\" >= @fromDay AND (@toDay IS NULL OR \"Date\" < @toDay)";
    private const string HeldByRound = "\"Id\" IN (SELECT \"ProductionTraceId\" FROM \"SampledTraces\")";

    /// <summary>What <see cref="DeleteAsync"/> would remove now, for the confirmation.</summary>
    public async Task<DeletionCounts> CountAsync(int projectId, DeletionRange range, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return Count(db.Database.GetDbConnection(), null, projectId, range);
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
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var dialect = SqlDialect.Of(connection);
            // The project's write turn: no import can slip in between the count and the deletion.
            await using var transaction = await dialect.BeginProjectWriteAsync(connection, projectId, ct);
            counts = Count(connection, transaction, projectId, range);
            if (counts != confirmed) return new DeletionResult(false, counts);

            Execute(connection, transaction, projectId, range, $"""DELETE FROM "FeedbackEvents" WHERE "ProjectId" = @p AND {InRange}""");
            Execute(connection, transaction, projectId, range, $"""DELETE FROM "ProductionTraces" WHERE "ProjectId" = @p AND {InRange} AND NOT {HeldByRound}""");
            Execute(connection, transaction, projectId, range, $"""DELETE FROM "DailyMetrics" WHERE "ProjectId" = @p AND {DaysInRange}""");
            var session = new ImportSession(connection, transaction, dialect, projectId);
            RollupRebuild.Rollups(session);
            RollupRebuild.InputLengths(session, range.From, range.To);
            ProjectDataVersion.Bump(connection, transaction, projectId);
            await transaction.CommitAsync(ct);
        }
        // After the commit, and not cancellable: a deletion that happened is always on record.
        await audit.AppendAsync(actor, AuditActions.ProjectDataDeleted, $"project:{projectSlug}",
            new { From = range.FromText, To = range.ToText, counts.Traces, counts.Feedback, counts.Metrics, counts.TracesKept }, CancellationToken.None);
        return new DeletionResult(true, counts);
    }

    private static DeletionCounts Count(DbConnection connection, DbTransaction? transaction, int projectId, DeletionRange range) => new(
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "ProductionTraces" WHERE "ProjectId" = @p AND {InRange} AND NOT {HeldByRound}"""),
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "FeedbackEvents" WHERE "ProjectId" = @p AND {InRange}"""),
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "DailyMetrics" WHERE "ProjectId" = @p AND {DaysInRange}"""),
        Scalar(connection, transaction, projectId, range, $"""SELECT COUNT(*) FROM "ProductionTraces" WHERE "ProjectId" = @p AND {InRange} AND {HeldByRound}"""));

    private static long Scalar(DbConnection connection, DbTransaction? transaction, int projectId, DeletionRange range, string sql)
    {
        using var command = Command(connection, transaction, projectId, range, sql);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, int projectId, DeletionRange range, string sql)
    {
        using var command = Command(connection, transaction, projectId, range, sql);
        command.ExecuteNonQuery();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, int projectId, DeletionRange range, string sql)
    {
        var dialect = SqlDialect.Of(connection);
        return DbCommands.Prepare(connection, transaction, sql, "@p", "@fromTime", "@toTime", "@fromDay", "@toDay")
            .Set("@p", projectId)
            .Set("@fromTime", dialect.Timestamp(range.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)))
            .Set("@toTime", range.To is { } to ? dialect.Timestamp(to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : null, DbType.DateTime)
            .Set("@fromDay", range.From)
            .Set("@toDay", range.To, DbType.Date);
    }
}
