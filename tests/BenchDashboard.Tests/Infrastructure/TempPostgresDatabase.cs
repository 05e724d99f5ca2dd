namespace BenchDashboard.Tests.Infrastructure;

/// <summary>The PostgreSQL counterpart of <see cref="TempDatabase"/>: a fresh empty database of its own on the test
/// process's cluster (<see cref="PostgresServer"/>), dropped when disposed.</summary>
public sealed class TempPostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly PostgresServer server;
    private int dropped;

    private TempPostgresDatabase(PostgresServer server, string connectionString)
    {
        this.server = server;
        ConnectionString = connectionString;
    }

    /// <summary>The Npgsql connection string, for <c>ConnectionStrings:Default</c> or a plain NpgsqlConnection.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database, starting the cluster if this is the first one in the test process.</summary>
    public static async Task<TempPostgresDatabase> CreateAsync(string? prefix = null)
    {
        var server = await PostgresServer.GetAsync();
        return new TempPostgresDatabase(server, await server.CreateDatabaseAsync(prefix));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref dropped, 1) == 0) await server.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>For <c>using</c> in synchronous code such as a factory's Dispose; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
