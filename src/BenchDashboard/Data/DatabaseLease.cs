using BenchDashboard.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BenchDashboard.Data;

/// <summary>
/// A piece of work that one app instance at a time may do, leased in the database (decision 0026). On PostgreSQL it is
/// a session advisory lock, tried without waiting, on a connection of its own that is held until the lease is disposed:
/// an instance that dies mid-way loses its session and so the lease, and never leaves it stuck. SQLite serves one
/// process, which always gets the lease. Start-up waits for its lease; an alerting round only tries.
/// </summary>
internal sealed class DatabaseLease : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly long _key;

    private DatabaseLease(NpgsqlConnection? connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The lease on <paramref name="key"/> (one of <see cref="AdvisoryLocks"/>), or null while another instance holds it.</summary>
    public static Task<DatabaseLease?> TryAcquireAsync(IDbContextFactory<AppDbContext> dbFactory, long key, CancellationToken ct = default) =>
        AcquireAsync(dbFactory, key, wait: false, ct);

    /// <summary>The lease on <paramref name="key"/>, waiting for as long as another instance holds it (start-up).</summary>
    public static async Task<DatabaseLease> WaitForAsync(IDbContextFactory<AppDbContext> dbFactory, long key, CancellationToken ct = default) =>
        (await AcquireAsync(dbFactory, key, wait: true, ct))!;

    private static async Task<DatabaseLease?> AcquireAsync(IDbContextFactory<AppDbContext> dbFactory, long key, bool wait, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql()) return new DatabaseLease(null, key);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(wait ? "SELECT true FROM pg_advisory_lock($1)" : "SELECT pg_try_advisory_lock($1)", connection)
            {
                Parameters = { new() { Value = key } },
                // The connection string's command timeout is the busy timeout (5 s), far shorter than a start-up that
                // migrates or seeds on a loaded server: the wait ends when the holder's session ends or ct fires.
                CommandTimeout = wait ? 0 : connection.CommandTimeout,
            };
            if (await command.ExecuteScalarAsync(ct) is true) return new DatabaseLease(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            // Closing the session would release the lease too; unlocking first returns the pooled connection clean.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection) { Parameters = { new() { Value = _key } } };
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection broke, and with it the session that held the lease: nothing is left to release.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
