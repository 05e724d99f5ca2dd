using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// The benchmark's own throwaway PostgreSQL 15 cluster (Debian's postgresql-15), in the work folder, on 127.0.0.1: started
/// once per run, stopped and deleted at the end. Unlike the tests' cluster it keeps PostgreSQL's durability (fsync on,
/// synchronous_commit on): throughput measured without them would not be what a server that survives a crash gives.
/// PostgreSQL refuses to run as root, so as root its programs run as the postgres user through <c>runuser</c>.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string Host = "127.0.0.1";

    /// <summary>
    /// What this program sets in postgresql.conf, and why. Memory sized for a 10 M-event project on a 23 GiB machine; fewer
    /// checkpoints during bulk writes (a crash replays more WAL, nothing is lost); enough connections for two app instances'
    /// pools. Durability is PostgreSQL's default: fsync, synchronous_commit and full_page_writes stay on.
    /// </summary>
    public static readonly (string Name, string Value)[] Settings =
    [
        ("shared_buffers", "1GB"),
        ("effective_cache_size", "8GB"),
        ("work_mem", "64MB"),
        ("maintenance_work_mem", "512MB"),
        ("max_wal_size", "8GB"),
        ("checkpoint_timeout", "15min"),
        ("max_connections", "300"),
    ];

    private readonly string _folder;
    private readonly string _dataDirectory;
    private readonly NpgsqlDataSource _admin;
    private string _appOptions = "";
    private bool _keep;
    private bool _stopped;

    public int Port { get; }

    /// <summary>The server's main process (first line of postmaster.pid); its children are the backends.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First(), Report.Invariant);
    public IReadOnlyList<(string Name, string Value)> AppliedSettings { get; }

    private PostgresCluster(string folder, int port, IReadOnlyList<(string, string)> settings)
    {
        _folder = folder;
        _dataDirectory = Path.Combine(folder, "data");
        Port = port;
        AppliedSettings = settings;
        _admin = NpgsqlDataSource.Create(ConnectionString("postgres", pooling: false));
    }

    public static async Task<PostgresCluster> StartAsync(BenchContext context)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing): apt-get install -y postgresql-15");
        }
        var folder = Path.Combine(context.Options.WorkDirectory, "postgres");
        Directory.CreateDirectory(folder);
        Chown(folder);
        var port = context.Options.PostgresPort ?? FreePort();
        await RunAsync("initdb", ["-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], folder);
        var settings = Settings.Concat(context.Options.PostgresSettings).ToList();
        await File.AppendAllTextAsync(Path.Combine(folder, "data", "postgresql.conf"),
            "\n# Benchmark cluster (benchmarks/BenchDashboard.Benchmarks/PostgresCluster.cs)\n" +
            $"listen_addresses = '{Host}'\nunix_socket_directories = '{folder}'\n" +
            string.Concat(settings.Select(s => $"{s.Name} = '{s.Value}'\n")));
        await RunAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-o", $"-p {port}", "-w", "-t", "60", "start"], folder);
        var cluster = new PostgresCluster(folder, port, settings) { _appOptions = context.Options.PostgresConnectionOptions, _keep = context.Options.KeepFiles };
        if (cluster._appOptions.Length > 0) context.Report.Line($"    the app's connection string adds: {cluster._appOptions}");
        context.Report.Line($"  PostgreSQL: {await cluster.ScalarAsync<string>("postgres", "SELECT version()")}");
        context.Report.Line($"    throwaway cluster on {Host}:{port} in the work folder; set: " + string.Join(", ", settings.Select(s => $"{s.Name}={s.Value}")));
        context.Report.Line("    durability as running: " + string.Join(", ", await Task.WhenAll(
            new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_level" }.Select(async s => $"{s}={await cluster.ScalarAsync<string>("postgres", $"SHOW {s}")}"))));
        return cluster;
    }

    public string ConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = pooling,
        CommandTimeout = 0,
    }.ConnectionString;

    /// <summary>The connection string the app gets: <see cref="ConnectionString"/> plus any <c>--pg-connection</c> settings.</summary>
    public string AppConnectionString(string database) =>
        _appOptions.Length == 0 ? ConnectionString(database) : new NpgsqlConnectionStringBuilder(ConnectionString(database) + ";" + _appOptions).ConnectionString;

    /// <summary>A new database as a copy of <paramref name="template"/> (PostgreSQL copies its files), or an empty one.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        await using (var drop = _admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")) await drop.ExecuteNonQueryAsync();
        await using var create = _admin.CreateCommand($"CREATE DATABASE \"{name}\"{(template is null ? "" : $" TEMPLATE \"{template}\"")}");
        await create.ExecuteNonQueryAsync();
    }

    public async Task DropDatabaseAsync(string name)
    {
        await using var drop = _admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A connection without pooling: closing it really ends the session, so the database can be copied or dropped.</summary>
    public async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        return await connection.ScalarAsync<T>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _admin.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], _folder);
        // With --keep the stopped cluster stays in the work folder (its log, for auto_explain experiments).
        if (!_keep) Directory.Delete(_folder, recursive: true);
    }

    private static void Chown(string folder)
    {
        if (!Environment.IsPrivilegedProcess) return;
        using var chown = Process.Start("chown", ["postgres:postgres", folder]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InvalidOperationException($"chown postgres {folder} failed");
    }

    private static async Task RunAsync(string program, string[] arguments, string workingDirectory)
    {
        var path = Path.Combine(BinDirectory, program);
        var start = new ProcessStartInfo
        {
            FileName = Environment.IsPrivilegedProcess ? "runuser" : path,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var a in (string[])["-u", "postgres", "--", path]) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Small helpers over Npgsql for set-up and checks.</summary>
internal static class Pg
{
    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), Report.Invariant);
    }
}
