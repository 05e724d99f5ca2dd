using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL 15 cluster per test process, started on first use on 127.0.0.1 and a free port,
/// stopped and deleted when the tests end (assembly fixture <see cref="PostgresServerLifetime"/>, process exit, and a
/// watchdog for a test process that is killed). Tests get an empty database of their own from
/// <see cref="CreateDatabaseAsync"/>.</summary>
public sealed partial class PostgresServer
{
    public const string Host = "127.0.0.1";
    private const string Superuser = "postgres";
    private const int PortAttempts = 5;

    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => Task.Run(StartAsync));

    private readonly PostgresClusterFolder folder;
    private readonly NpgsqlDataSource admin;
    private int stopped;

    private PostgresServer(PostgresClusterFolder folder, int port)
    {
        this.folder = folder;
        Port = port;
        admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public int Port { get; }

    /// <summary>The cluster's folder (data directory, log, unix socket, owner.pid).</summary>
    public string Folder => folder.Path;

    /// <summary>The file naming the test process that owns the cluster.</summary>
    public string OwnerFile => folder.OwnerFile;

    /// <summary>The cluster of this test process, started by the first caller; every caller gets the same one.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates a fresh, uniquely named, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        // At most 30 + 1 + 32 characters: PostgreSQL's identifiers end at 63.
        var name = $"{Sanitize(prefix ?? "test")}_{Guid.NewGuid():N}";
        await using var command = admin.CreateCommand($"CREATE DATABASE {Quote(name)}");
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending the sessions still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Port != Port || builder.Database is null or "postgres" or "template0" or "template1")
            throw new ArgumentException($"Not a test database of this server (port {Port}): {builder.Database} on port {builder.Port}.", nameof(connectionString));
        // This process's idle pooled connections to it would otherwise be found broken by whoever reuses the pool.
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {Quote(builder.Database)} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the cluster and deletes its folder; safe to call more than once.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1) return;
        admin.Dispose();
        NpgsqlConnection.ClearAllPools();
        try { folder.StopAndDelete(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Never fail the exit over it: the watchdog or the next run's sweep removes the cluster.
        }
    }

    internal static bool TryGetStarted(out PostgresServer? server)
    {
        server = Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully ? Shared.Value.Result : null;
        return server is not null;
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Superuser,
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        PostgresTools.EnsureInstalled();
        var root = PostgresClusterFolder.Root;
        PostgresClusterFolder.RemoveStale(root);
        var folder = PostgresClusterFolder.Create(root);
        try
        {
            // --no-sync: nothing here must survive a crash, and skipping the fsyncs saves most of initdb's time.
            await PostgresTools.RunAsync("initdb",
                ["-D", folder.DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                folder.Path, TimeSpan.FromSeconds(120));
            await File.AppendAllTextAsync(Path.Combine(folder.DataDirectory, "postgresql.conf"), $"""

                # Throwaway test cluster (tests/BenchDashboard.Tests/Infrastructure/PostgresServer.cs).
                listen_addresses = '{Host}'
                unix_socket_directories = '{folder.Path}'
                # Its data is deleted when the tests end, so durability buys nothing: no waiting for the disk.
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                # Tests run several app instances at once, each with its own connection pool (Npgsql's default maximum
                # is 100), plus the tests' own connections: 100 (the default) would run out.
                max_connections = 300
                """);
            var port = await StartOnFreePortAsync(folder);
            StartWatchdog(folder);
            return new PostgresServer(folder, port);
        }
        catch
        {
            try { folder.StopAndDelete(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Starts the cluster on a port the system just called free; another process may take it first, in which
    /// case PostgreSQL cannot bind and the next free port is tried.</summary>
    private static async Task<int> StartOnFreePortAsync(PostgresClusterFolder folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await PostgresTools.RunAsync("pg_ctl",
                    ["-D", folder.DataDirectory, "-l", folder.LogFile, "-o", $"-p {port}", "-w", "-t", "60", "start"],
                    folder.Path, TimeSpan.FromSeconds(90));
                return port;
            }
            catch (InvalidOperationException e)
            {
                var log = File.Exists(folder.LogFile) ? await File.ReadAllTextAsync(folder.LogFile) : "";
                if (attempt < PortAttempts && log.Contains("could not bind", StringComparison.Ordinal)) continue;
                throw new InvalidOperationException($"The test PostgreSQL cluster did not start: {e.Message}\nLog:\n{log}", e);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>A detached shell that stops the cluster and deletes its folder within a second or two of this process
    /// dying without running its exit handlers (SIGKILL, a runner's hang timeout). It ends by itself once the folder is
    /// gone, which is what a normal stop does. The sweep at the next start remains the fallback.</summary>
    private static void StartWatchdog(PostgresClusterFolder folder)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" && [ -d "$2/data" ]; do sleep 1; done
            [ -d "$2/data" ] || exit 0
            if [ "$4" = root ]; then runuser -u postgres -- "$3" -D "$2/data" -m immediate -w stop
            else "$3" -D "$2/data" -m immediate -w stop; fi
            rm -rf "$2"
            """;
        // setsid -f: the shell leaves this process's tree and session, so killing the test process tree spares it.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-f", "sh", "-c", script, "benchdashboard-pg-watchdog",
                     Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), folder.Path,
                     Path.Combine(PostgresTools.BinDirectory, "pg_ctl"), PostgresTools.RunsAsRoot ? "root" : "user"])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
    }

    private static string Sanitize(string prefix)
    {
        var clean = NotIdentifier().Replace(prefix.ToLowerInvariant(), "_");
        return clean.Length == 0 ? "test" : clean[..Math.Min(clean.Length, 30)];
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotIdentifier();
}
