using System.Data.Common;
using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>
/// A real, empty database of a test's own on one provider (decision 0027): <see cref="TempDatabase"/> (a SQLite file)
/// or <see cref="TempPostgresDatabase"/> (a database on the test process's PostgreSQL cluster). Contexts are of the
/// provider's type, as the app's <c>AppDbContextFactory</c> hands them out; disposal deletes the database.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable, IDisposable
{
    private DatabaseSettings? settings;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string, for <c>ConnectionStrings:Default</c> or a plain ADO.NET connection.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The value of <c>BenchDashboard:Database:Provider</c> that selects this provider.</summary>
    public string ProviderSetting => Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    private DatabaseSettings Settings => settings ??= new DatabaseSettings(Provider, ConnectionString);

    public DbContextOptions<AppDbContext> Options
    {
        get
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            Settings.Configure(builder);
            return builder.Options;
        }
    }

    public AppDbContext CreateContext() => Settings.CreateContext(Options);

    public IDbContextFactory<AppDbContext> Factory => new ContextFactory(this);

    /// <summary>An open ADO.NET connection, for the raw SQL a test reads the stored rows with. Write SQL both providers
    /// read the same way: quoted PascalCase identifiers and <c>@name</c> parameters.</summary>
    public DbConnection OpenConnection()
    {
        var connection = Provider == DatabaseProvider.Postgres
            ? (DbConnection)new Npgsql.NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>SQL that holds when the stored time in <paramref name="column"/> is the UTC second
    /// <paramref name="utc"/> (<c>yyyy-MM-dd HH:mm:ss</c>): SQLite keeps ISO text, PostgreSQL a timestamptz.</summary>
    public string SqlTimeIs(string column, string utc) => Provider == DatabaseProvider.Postgres
        ? $"{column} = TIMESTAMPTZ '{utc}+00'"
        : $"{column} LIKE '{utc}%'";

    /// <summary>A UTC time (<c>yyyy-MM-dd HH:mm:ss</c>) as an SQL literal of the type this provider stores times in.</summary>
    public string SqlTime(string utc) => Provider == DatabaseProvider.Postgres ? $"TIMESTAMPTZ '{utc}+00'" : $"'{utc}'";

    /// <summary>Drops a trigger, as someone holding the database could (tests of what the audit chain still detects).</summary>
    public string DropTriggerSql(string trigger, string table) => Provider == DatabaseProvider.Postgres
        ? $"DROP TRIGGER \"{trigger}\" ON \"{table}\""
        : $"DROP TRIGGER \"{trigger}\"";

    /// <summary>
    /// Statements after which every insert into <paramref name="table"/> fails, as a full disk or a lost connection would
    /// at that moment: for tests of what must not be stored without that row.
    /// </summary>
    public IReadOnlyList<string> RejectInsertsSql(string table) => Provider == DatabaseProvider.Postgres
        ?
        [
            "CREATE FUNCTION reject_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'rejected by the test'; END $$",
            $"CREATE TRIGGER reject_insert BEFORE INSERT ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION reject_insert()",
        ]
        : [$"CREATE TRIGGER reject_insert BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'rejected by the test'); END"];

    /// <summary>The raw-SQL differences of this provider, as the app's own statements use them.</summary>
    internal SqlDialect Dialect => Provider == DatabaseProvider.Postgres ? BenchDashboard.Data.Postgres.PostgresDialect.Instance : BenchDashboard.Data.Sqlite.SqliteDialect.Instance;

    /// <summary>Applies the real migrations through the app's <see cref="DatabaseMigrator"/>, as the app does at start.</summary>
    public async Task<TestDatabase> MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
        return this;
    }

    /// <summary>A fresh database on <paramref name="provider"/>; <paramref name="prefix"/> names it on PostgreSQL.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? prefix = null) =>
        provider == DatabaseProvider.Postgres ? await TempPostgresDatabase.CreateAsync(prefix) : new TempDatabase();

    /// <summary>A fresh database on <paramref name="provider"/> with the real migrations applied.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider, string? prefix = null) =>
        await (await CreateAsync(provider, prefix)).MigrateAsync();

    /// <summary>For constructors and other synchronous code: runs <see cref="CreateAsync"/> off any synchronisation context.</summary>
    public static TestDatabase Create(DatabaseProvider provider, string? prefix = null) =>
        Task.Run(() => CreateAsync(provider, prefix)).GetAwaiter().GetResult();

    public abstract ValueTask DisposeAsync();

    /// <summary>For <c>using</c> in synchronous code such as a factory's Dispose; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => database.CreateContext();
    }
}
