using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Npgsql;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>The test PostgreSQL cluster, for real: databases that do not see each other, drops that stick, a server
/// that only listens on loopback, and folders that a later run can recognise and clean up.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task Two_databases_created_are_separate()
    {
        await using var first = await TempPostgresDatabase.CreateAsync("separate");
        await using var second = await TempPostgresDatabase.CreateAsync("separate");

        Assert.NotEqual(first.ConnectionString, second.ConnectionString);
        await ExecuteAsync(first.ConnectionString, "CREATE TABLE only_in_first (id int); INSERT INTO only_in_first VALUES (1)");

        Assert.Equal(1L, await ScalarAsync(first.ConnectionString, "SELECT count(*) FROM only_in_first"));
        Assert.Equal(0L, await ScalarAsync(second.ConnectionString,
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'"));
    }

    [Fact]
    public async Task A_dropped_database_is_gone_even_with_a_session_still_open()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("dropped");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync();

        await server.DropDatabaseAsync(connectionString);

        await using var other = await TempPostgresDatabase.CreateAsync();
        Assert.Equal(0L, await ScalarAsync(other.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connectionString, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, error.SqlState);
    }

    [Fact]
    public async Task The_server_answers_on_127_0_0_1_only()
    {
        var server = await PostgresServer.GetAsync();
        await using var database = await TempPostgresDatabase.CreateAsync();

        Assert.Equal("127.0.0.1", await ScalarAsync(database.ConnectionString, "SHOW listen_addresses"));
        Assert.Equal("127.0.0.1", (await ScalarAsync(database.ConnectionString, "SELECT host(inet_server_addr())"))?.ToString());
        // Every other address of this machine (its network interfaces, IPv6 loopback) refuses the port.
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !a.Equals(IPAddress.Loopback) && !a.IsIPv6LinkLocal);
        foreach (var address in others)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var refused = await Assert.ThrowsAsync<SocketException>(
                async () => await socket.ConnectAsync(new IPEndPoint(address, server.Port), timeout.Token));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    [Fact]
    public async Task The_cluster_folder_has_the_recognisable_prefix_and_names_its_owner()
    {
        var server = await PostgresServer.GetAsync();

        Assert.StartsWith(PostgresClusterFolder.Prefix, Path.GetFileName(server.Folder));
        Assert.True(File.Exists(server.OwnerFile));
        var owner = File.ReadAllText(server.OwnerFile).Split(' ')[0];
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), owner);
    }

    [Fact]
    public async Task The_sweep_removes_a_folder_whose_owner_is_gone_and_keeps_a_live_cluster()
    {
        var server = await PostgresServer.GetAsync();
        await using var database = await TempPostgresDatabase.CreateAsync();
        var stale = Directory.CreateDirectory(Path.Combine(PostgresClusterFolder.Root, PostgresClusterFolder.Prefix + Guid.NewGuid().ToString("N")[..12]));
        File.WriteAllText(Path.Combine(stale.FullName, PostgresClusterFolder.OwnerFileName), PostgresClusterFolder.OwnerRecord(await ExitedProcessIdAsync()));

        PostgresClusterFolder.RemoveStale(PostgresClusterFolder.Root);

        Assert.False(Directory.Exists(stale.FullName));
        Assert.True(Directory.Exists(server.Folder));
        Assert.Equal(1, await ScalarAsync(database.ConnectionString, "SELECT 1"));
    }

    /// <summary>The pid of a process that has ended, as a killed test run's would be.</summary>
    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start("true");
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
