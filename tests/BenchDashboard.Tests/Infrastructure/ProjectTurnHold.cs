using BenchDashboard.Data;
using BenchDashboard.Data.Postgres;
using Npgsql;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>
/// A project's write turn held from outside the app: on PostgreSQL the advisory lock the app's writers take
/// (<see cref="AdvisoryLocks.ProjectWrites"/>), on a connection of its own. A test lines writers up at the turn with
/// it, sees how many wait, and lets them go at once. SQLite's turn is the database's one write lock, which writers take
/// before they write anything, so there is nothing to line up: <see cref="TakeAsync"/> gives null there.
/// </summary>
internal sealed class ProjectTurnHold : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly int projectId;

    private ProjectTurnHold(NpgsqlConnection connection, int projectId)
    {
        this.connection = connection;
        this.projectId = projectId;
    }

    public static async Task<ProjectTurnHold?> TakeAsync(TestDatabase database, int projectId)
    {
        if (database.Provider != DatabaseProvider.Postgres) return null;
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLocks.ProjectWrites}, @p)", connection);
        command.Parameters.AddWithValue("p", projectId);
        await command.ExecuteNonQueryAsync();
        return new ProjectTurnHold(connection, projectId);
    }

    /// <summary>Waits until <paramref name="count"/> sessions wait for the turn (the app's writers waiting to write).</summary>
    public async Task WaitForWaitersAsync(int count)
    {
        // Below the app's lock timeout (StorageFailure.BusyTimeoutSeconds): a writer that waited longer gave up already.
        var deadline = DateTime.UtcNow.AddSeconds(4);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                $"""
                SELECT COUNT(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND classid = {AdvisoryLocks.ProjectWrites} AND objid = @p AND objsubid = 2
                """, connection);
            command.Parameters.AddWithValue("p", projectId);
            var waiting = Convert.ToInt32(await command.ExecuteScalarAsync());
            if (waiting >= count) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{waiting} of {count} writers came to wait for the project's turn.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Lets the waiting writers go. Unlocked explicitly: a pooled connection's session (and so its lock) outlives
    /// <c>Dispose</c> until the pool reuses it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLocks.ProjectWrites}, @p)", connection))
        {
            command.Parameters.AddWithValue("p", projectId);
            await command.ExecuteNonQueryAsync();
        }
        await connection.DisposeAsync();
    }
}
