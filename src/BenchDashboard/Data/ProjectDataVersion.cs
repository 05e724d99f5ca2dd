using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Data;

/// <summary>
/// <see cref="Domain.Project.DataVersion"/>: raised inside the transaction of every write of data the signals read, so
/// a computation stamped with the version read before it started is known to be current while the version stays.
/// EF writes raise it through <see cref="DataVersionInterceptor"/>; the raw-SQL paths (imports, the demo) call
/// <see cref="Bump(DbConnection, DbTransaction, int)"/> once per committed batch.
/// </summary>
public static class ProjectDataVersion
{
    private const string BumpSql = """UPDATE "Projects" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = @p""";

    public static void Bump(DbConnection connection, DbTransaction transaction, int projectId)
    {
        using var command = DbCommands.Prepare(connection, transaction, BumpSql, "@p");
        command.Set("@p", projectId).ExecuteNonQuery();
    }

    /// <summary>Bumps the versions of <paramref name="projectIds"/> in the context's current transaction (if any).</summary>
    public static async Task BumpAsync(DbContext db, IReadOnlyCollection<int> projectIds, CancellationToken ct = default)
    {
        // A save touches one project, rarely two: one statement each.
        foreach (var id in projectIds)
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Projects" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = {id}""", ct);
        }
    }

    /// <summary>The project's current version: one primary-key lookup.</summary>
    public static Task<long> ReadAsync(AppDbContext db, int projectId, CancellationToken ct = default) =>
        db.Projects.Where(p => p.Id == projectId).Select(p => p.DataVersion).FirstOrDefaultAsync(ct);
}
