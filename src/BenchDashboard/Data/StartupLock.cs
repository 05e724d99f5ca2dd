using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BenchDashboard.Data;

/// <summary>
/// Makes the start-up work (migrations, roles, bootstrap accounts, demo data) run in one instance at a time. On
/// PostgreSQL it is a session advisory lock held on a connection of its own until disposed, so two instances started
/// together on an empty server do not both create the admin or seed the demo; SQLite has one process per file and needs
/// none.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    /// <summary>This lock's key among the app's advisory locks (<see cref="Postgres.AdvisoryLocks"/>).</summary>
    internal const long Key = Postgres.AdvisoryLocks.Startup;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartupLock> AcquireAsync(IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql()) return new StartupLock(null);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        // Closing the session releases the lock too; unlocking first returns the pooled connection clean.
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection)) await command.ExecuteNonQueryAsync();
        await _connection.DisposeAsync();
    }
}
