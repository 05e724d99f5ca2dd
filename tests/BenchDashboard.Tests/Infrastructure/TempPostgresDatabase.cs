using BenchDashboard.Data;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>The PostgreSQL <see cref="TestDatabase"/>: a fresh empty database of its own on the test process's cluster
/// (<see cref="PostgresServer"/>), dropped when disposed.</summary>
public sealed class TempPostgresDatabase : TestDatabase
{
    private readonly PostgresServer server;
    private int dropped;

    private TempPostgresDatabase(PostgresServer server, string connectionString)
    {
        this.server = server;
        ConnectionString = connectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>The Npgsql connection string, for <c>ConnectionStrings:Default</c> or a plain NpgsqlConnection.</summary>
    public override string ConnectionString { get; }

    /// <summary>Creates the database, starting the cluster if this is the first one in the test process.</summary>
    public static async Task<TempPostgresDatabase> CreateAsync(string? prefix = null)
    {
        var server = await PostgresServer.GetAsync();
        return new TempPostgresDatabase(server, await server.CreateDatabaseAsync(prefix));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref dropped, 1) == 0) await server.DropDatabaseAsync(ConnectionString);
    }
}
