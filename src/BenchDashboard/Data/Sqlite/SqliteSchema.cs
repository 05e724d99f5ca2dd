using Microsoft.Data.Sqlite;

namespace BenchDashboard.Data.Sqlite;

/// <summary>
/// A SQLite database's schema as comparable lines: each table's columns (name, type, nullability, default, key), foreign
/// keys and indexes (columns, uniqueness, partial), and the SQL of triggers and views. Column order, AUTOINCREMENT and
/// SQLite's and EF's own bookkeeping tables are left out: none of them changes what the app can read or write.
/// </summary>
internal static class SqliteSchema
{
    public static async Task<SortedSet<string>> DescribeAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var objects = new List<(string Type, string Name, string? Sql)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = """
                SELECT type, name, sql FROM sqlite_master
                WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '\_\_EF%' ESCAPE '\'
                """;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) objects.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        foreach (var (type, name, sql) in objects)
        {
            if (type != "table")
            {
                lines.Add($"{type} {name}: {Normalize(sql)}");
                continue;
            }
            lines.Add($"table {name}");
            await ReadAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info({Quote(name)})", r =>
                lines.Add($"column {name}.{r.GetString(0)} {r.GetString(1)} notnull={r.GetInt64(2)} default={(r.IsDBNull(3) ? "" : r.GetString(3))} pk={r.GetInt64(4)}"), ct);
            await ReadAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list({Quote(name)})", r =>
                lines.Add($"fk {name}.{r.GetString(1)} -> {r.GetString(0)}.{r.GetString(2)} on update {r.GetString(3)} on delete {r.GetString(4)}"), ct);
            var indexes = new List<(string Name, long Unique, string Origin, long Partial)>();
            await ReadAsync(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list({Quote(name)})", r =>
                indexes.Add((r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3))), ct);
            foreach (var index in indexes)
            {
                var columns = new List<string>();
                await ReadAsync(connection, $"SELECT name FROM pragma_index_info({Quote(index.Name)}) ORDER BY seqno", r =>
                    columns.Add(r.IsDBNull(0) ? "<expression>" : r.GetString(0)), ct);
                // Automatic indexes (primary keys, UNIQUE constraints) are named by SQLite: describe them by what they cover.
                var label = index.Origin == "c" ? index.Name : $"({index.Origin})";
                lines.Add($"index {name}.{label} ({string.Join(", ", columns)}) unique={index.Unique} partial={index.Partial}");
            }
            if (indexes.Any(i => i.Partial == 1))
            {
                await ReadAsync(connection, $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = {Quote(name)} AND sql LIKE '%WHERE%'", r =>
                    lines.Add($"partial index {r.GetString(0)}: {Normalize(r.GetString(1))}"), ct);
            }
        }
        return lines;
    }

    private static async Task ReadAsync(SqliteConnection connection, string sql, Action<SqliteDataReader> row, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }

    private static string Quote(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Normalize(string? sql) =>
        sql is null ? "" : string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
