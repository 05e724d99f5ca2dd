using System.Data.Common;
using BenchDashboard.Data.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BenchDashboard.Data;

/// <summary>
/// Which database the app runs on and how to reach it: the one reader of <c>BenchDashboard:Database:Provider</c>
/// (<c>sqlite</c>, the default, or <c>postgres</c>) and <c>ConnectionStrings:Default</c> (decision 0025).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "BenchDashboard:Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Default";
    public const string DefaultSqliteConnectionString = "Data Source=data/benchdashboard.db";

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Reads the settings; a bad value stops the start with a message that says which setting and why.</summary>
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration[ConnectionStringKey];
        return provider == DatabaseProvider.Postgres
            ? new(provider, ResolvePostgres(connectionString))
            : new(provider, ResolveSqlite(connectionString ?? DefaultSqliteConnectionString, contentRoot));
    }

    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException(
            $"{ProviderKey} is '{value}'; it must be 'sqlite' (the default, an embedded file) or 'postgres' (a PostgreSQL server)."),
    };

    /// <summary>Points <paramref name="options"/> at this database, with the provider's migration set.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (IsPostgres) options.UseNpgsql(ConnectionString);
        else options.UseSqlite(ConnectionString);
    }

    /// <summary>A context of the provider's type: each provider has its own migrations, found by context type.</summary>
    public AppDbContext CreateContext(DbContextOptions<AppDbContext> options) =>
        IsPostgres ? new PostgresAppDbContext(options) : new AppDbContext(options);

    /// <summary>Makes a relative <c>Data Source</c> absolute under the content root and creates its folder.</summary>
    public static string ResolveSqlite(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid SQLite connection string: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(csb.DataSource) || csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} must name a SQLite file (Data Source=path/to/file.db).");
        }
        // A request that finds another writer holding the lock waits this long, then answers 503 with Retry-After
        // (decision 0021), rather than Microsoft.Data.Sqlite's 30 s. A timeout the connection string names is kept.
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!named.ContainsKey("Default Timeout") && !named.ContainsKey("Command Timeout")) csb.DefaultTimeout = StorageFailure.BusyTimeoutSeconds;
        if (!Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        return csb.ToString();
    }

    /// <summary>Checks a PostgreSQL connection string and names the app in the server's session list.</summary>
    public static string ResolvePostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is 'postgres', so {ConnectionStringKey} must name the server, for example " +
                "'Host=db.internal;Port=5432;Database=benchdashboard;Username=benchdashboard;Password=...'.");
        }
        NpgsqlConnectionStringBuilder csb;
        try
        {
            csb = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(csb.Host) || string.IsNullOrWhiteSpace(csb.Database))
        {
            throw new InvalidOperationException($"{ConnectionStringKey} must name a PostgreSQL Host and Database.");
        }
        csb.ApplicationName ??= "BenchDashboard";
        return csb.ConnectionString;
    }
}
