using System.Diagnostics;
using BenchDashboard.Data.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace BenchDashboard.Data.Copy;

/// <summary>What was copied of one table.</summary>
public sealed record TableCopy(string Table, long Rows);

/// <summary>
/// Copies a SQLite database of this release into an empty PostgreSQL database, for a team moving from the embedded
/// default to a server (decision 0040). Every table of the model, every row, the ids as they were: the audit chain, its
/// hashes and every reference between rows stay valid, and sign-in cookies stay valid because the data-protection keys
/// move too. One transaction: the target gets everything or nothing.
/// </summary>
public static class SqliteToPostgresCopy
{
    /// <summary>
    /// Migrates the target (the app's own migrations), checks that it is empty and that the source is at this
    /// release's schema, then copies table by table with binary COPY, principals before the rows that point at them.
    /// Progress goes to <paramref name="log"/>. Throws <see cref="DatabaseCopyException"/> with a sentence for anything
    /// the operator must fix.
    /// </summary>
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(string sqliteFile, string postgresConnectionString, TextWriter log,
        CancellationToken ct = default)
    {
        if (!File.Exists(sqliteFile)) throw new DatabaseCopyException($"There is no SQLite database at {sqliteFile}.");
        var sourceConnectionString = new SqliteConnectionStringBuilder { DataSource = sqliteFile, Mode = SqliteOpenMode.ReadOnly }.ToString();
        await CheckSourceSchemaAsync(sourceConnectionString, ct);

        var targetOptions = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(postgresConnectionString).Options;
        await using var target = new PostgresAppDbContext(targetOptions);
        await log.WriteLineAsync("Migrating the PostgreSQL database…");
        await DatabaseMigrator.MigrateAsync(target, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        var tables = CopyOrder(target.Model.GetRelationalModel());

        await using var source = new SqliteConnection(sourceConnectionString);
        await source.OpenAsync(ct);
        // No command timeout: a COPY of millions of rows ends with the foreign-key checks of every row, which can take
        // longer than Npgsql's default 30 s to answer.
        await using var destination = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await destination.OpenAsync(ct);
        await using var transaction = await destination.BeginTransactionAsync(ct);
        // Nothing may start writing (an app instance started too early) between the check and the commit.
        foreach (var table in tables) await ExecuteAsync(destination, $"LOCK TABLE {Quote(table.Name)} IN EXCLUSIVE MODE", ct);
        foreach (var table in tables)
        {
            if (await ScalarAsync<bool>(destination, $"SELECT EXISTS (SELECT 1 FROM {Quote(table.Name)})", ct))
            {
                throw new DatabaseCopyException(
                    $"The PostgreSQL database already holds data (table {table.Name}). The copy writes only into an empty database: " +
                    "create a new one, point the connection string at it and copy before the app first starts on it.");
            }
        }

        var copied = new List<TableCopy>();
        var total = Stopwatch.StartNew();
        foreach (var table in tables)
        {
            long rows;
            try
            {
                rows = await CopyTableAsync(source, destination, table, log, ct);
            }
            catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal) || ex.SqlState.StartsWith("23", StringComparison.Ordinal))
            {
                // A row PostgreSQL refuses (SQLite does not enforce column lengths, for one): say which, in the server's words.
                throw new DatabaseCopyException($"PostgreSQL refused a row of {table.Name}: {ex.MessageText} ({ex.Where}).");
            }
            await ContinueIdentityAsync(destination, table, ct);
            copied.Add(new TableCopy(table.Name, rows));
        }
        await transaction.CommitAsync(ct);
        await log.WriteLineAsync($"Copied {copied.Sum(c => c.Rows):N0} rows of {copied.Count} tables in {total.Elapsed.TotalSeconds:N1} s.");
        return copied;
    }

    /// <summary>The source must be at exactly this release's migrations: its columns are then the model's.</summary>
    private static async Task CheckSourceSchemaAsync(string connectionString, CancellationToken ct)
    {
        await using var source = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options);
        List<string> applied;
        try
        {
            applied = (await source.Database.GetAppliedMigrationsAsync(ct)).ToList();
        }
        catch (SqliteException ex)
        {
            throw new DatabaseCopyException($"The file is not a BenchDashboard database SQLite can read ({ex.Message}).");
        }
        // Older databases (an earlier release's history, a script-release file) are brought up to date by the app's
        // start, which knows how; the copy only reads, so it asks for that start rather than repeating it.
        if (!applied.ToHashSet().SetEquals(source.Database.GetMigrations()))
        {
            throw new DatabaseCopyException(
                "The SQLite database is not at this release's schema. Start this release on it once (it migrates at start, " +
                "and says so if the file comes from a newer release), stop it, then copy.");
        }
    }

    /// <summary>The model's tables, every table after the tables its foreign keys point at.</summary>
    internal static IReadOnlyList<ITable> CopyOrder(IRelationalModel model)
    {
        var ordered = new List<ITable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable.Name))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"The tables {string.Join(", ", remaining.Select(t => t.Name))} point at each other.");
            }
            foreach (var table in ready)
            {
                ordered.Add(table);
                placed.Add(table.Name);
                remaining.Remove(table);
            }
        }
        return ordered;
    }

    private static async Task<long> CopyTableAsync(SqliteConnection source, NpgsqlConnection destination, ITable table, TextWriter log,
        CancellationToken ct)
    {
        var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var columnList = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var orderBy = table.PrimaryKey is { } key ? $" ORDER BY {string.Join(", ", key.Columns.Select(c => Quote(c.Name)))}" : "";
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {columnList} FROM {Quote(table.Name)}{orderBy}";
        var readers = columns.Select(ColumnValue.For).ToArray();

        var stopwatch = Stopwatch.StartNew();
        long rows = 0;
        await using (var reader = await read.ExecuteReaderAsync(ct))
        await using (var importer = await destination.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({columnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            while (await reader.ReadAsync(ct))
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < readers.Length; i++) await readers[i].CopyAsync(reader, i, importer, ct);
                rows++;
                if (rows % 200_000 == 0) await log.WriteLineAsync($"  {table.Name}: {rows:N0} rows…");
            }
            await importer.CompleteAsync(ct);
        }
        await log.WriteLineAsync($"  {table.Name}: {rows:N0} {(rows == 1 ? "row" : "rows")} ({stopwatch.Elapsed.TotalSeconds:N1} s)");
        return rows;
    }

    /// <summary>Identity columns continue after the copied ids, so the next row the app adds gets a new one.</summary>
    private static async Task ContinueIdentityAsync(NpgsqlConnection destination, ITable table, CancellationToken ct)
    {
        foreach (var column in table.Columns.Where(c => c.StoreType is "integer" or "bigint"))
        {
            var sequence = await ScalarAsync<string?>(destination, $"SELECT pg_get_serial_sequence('{Quote(table.Name)}', '{column.Name}')", ct);
            if (sequence is null) continue;
            await ExecuteAsync(destination,
                $"SELECT setval('{sequence}', COALESCE(MAX({Quote(column.Name)}), 1), MAX({Quote(column.Name)}) IS NOT NULL) FROM {Quote(table.Name)}", ct);
        }
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull or null ? default! : (T)value;
    }

    /// <summary>
    /// How one column travels: read from SQLite as the value the PostgreSQL column holds (SQLite keeps times as ISO
    /// text, days as text, flags as integers) and written in PostgreSQL's binary format.
    /// </summary>
    private sealed class ColumnValue(Func<SqliteDataReader, int, object> read, NpgsqlDbType type)
    {
        public static ColumnValue For(IColumn column) => column.StoreType switch
        {
            "integer" => new((r, i) => r.GetInt32(i), NpgsqlDbType.Integer),
            "bigint" => new((r, i) => r.GetInt64(i), NpgsqlDbType.Bigint),
            "boolean" => new((r, i) => r.GetBoolean(i), NpgsqlDbType.Boolean),
            "double precision" => new((r, i) => r.GetDouble(i), NpgsqlDbType.Double),
            "date" => new((r, i) => r.GetFieldValue<DateOnly>(i), NpgsqlDbType.Date),
            // Stored as UTC text; the app reads it back as UTC (AppDbContext's converter, SqlDialect.ReadTimestamp).
            "timestamp with time zone" => new((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc), NpgsqlDbType.TimestampTz),
            "bytea" => new((r, i) => r.GetFieldValue<byte[]>(i), NpgsqlDbType.Bytea),
            "text" => new((r, i) => r.GetString(i), NpgsqlDbType.Text),
            _ when column.StoreType.StartsWith("character varying", StringComparison.Ordinal) => new((r, i) => r.GetString(i), NpgsqlDbType.Varchar),
            _ => throw new InvalidOperationException($"The copy does not know how to move {column.Table.Name}.{column.Name} ({column.StoreType})."),
        };

        public async Task CopyAsync(SqliteDataReader reader, int ordinal, NpgsqlBinaryImporter importer, CancellationToken ct)
        {
            if (await reader.IsDBNullAsync(ordinal, ct)) await importer.WriteNullAsync(ct);
            else await importer.WriteAsync(read(reader, ordinal), type, ct);
        }
    }
}
