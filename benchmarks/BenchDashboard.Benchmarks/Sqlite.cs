using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>Direct SQLite access for the raw ceiling, the bulk load and checks; never while the app has the same file open.</summary>
internal static class Sqlite
{
    /// <summary>
    /// Opens <paramref name="path"/> as the app does: WAL (stored in the file anyway), foreign keys on (EF Core switches
    /// them on for every connection it opens), synchronous left at SQLite's default. No pooling, so closing really
    /// closes the file (WAL checkpointed, ready to copy).
    /// </summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            Pooling = false,
        }.ToString());
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        return connection;
    }

    public static int Execute(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// A statement prepared once for many rows (the bulk loads): the named parameters are added without values, to be set
    /// per row. The transaction is set first because a command on a connection with an open transaction must carry it.
    /// </summary>
    public static SqliteCommand Prepare(this SqliteConnection connection, string sql, SqliteTransaction? transaction, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    public static T Scalar<T>(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), Report.Invariant);
    }

    /// <summary>Folds the WAL into the main file, so copying the .db file alone copies the whole database.</summary>
    public static void Checkpoint(string path)
    {
        using var connection = Open(path);
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
    }
}

/// <summary>
/// Inserts feedback rows with the app's own statement (FeedbackSink in the app), prepared once: the raw ceiling differs
/// from the API only by what the app does around it (HTTP, parsing, validation, rollups), not by the SQL.
/// </summary>
internal sealed class FeedbackInserter : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _project, _id, _trace, _timestamp, _kind, _value;

    public FeedbackInserter(SqliteConnection connection, int projectId)
    {
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO FeedbackEvents (ProjectId, EventId, TraceId, Timestamp, Kind, Value) VALUES ($p, $id, $tr, $t, $k, $val)
            ON CONFLICT (ProjectId, EventId) DO NOTHING
            """;
        _project = _insert.Parameters.Add(new SqliteParameter("$p", projectId));
        _id = _insert.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        _trace = _insert.Parameters.Add(new SqliteParameter { ParameterName = "$tr" });
        _timestamp = _insert.Parameters.Add(new SqliteParameter { ParameterName = "$t" });
        _kind = _insert.Parameters.Add(new SqliteParameter { ParameterName = "$k" });
        _value = _insert.Parameters.Add(new SqliteParameter { ParameterName = "$val" });
        _insert.Prepare();
    }

    public SqliteTransaction? Transaction { set => _insert.Transaction = value; }

    public void Insert(string eventId, string? traceId, string storedTimestamp, string storedKind, double? value)
    {
        _id.Value = eventId;
        _trace.Value = (object?)traceId ?? DBNull.Value;
        _timestamp.Value = storedTimestamp;
        _kind.Value = storedKind;
        _value.Value = value is { } v ? v : DBNull.Value;
        _insert.ExecuteNonQuery();
    }

    public void Dispose() => _insert.Dispose();
}

/// <summary>
/// A freshly migrated database holding one project, made by the real app (so the schema is exactly the migrations'),
/// then closed and checkpointed so that copies of the file start every measurement from the same state.
/// </summary>
internal sealed record TemplateDatabase(string Path, int ProjectId)
{
    /// <param name="environment">Extra settings for the app that makes it (the workbench: the bootstrap admin it must create).</param>
    public static async Task<TemplateDatabase> CreateAsync(BenchContext context, string slug, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = System.IO.Path.Combine(context.Options.WorkDirectory, $"template-{slug}.db");
        await using (var app = await AppProcess.StartAsync(context, path, environment))
        {
            await app.CreateProjectAsync(slug);
        }
        Sqlite.Checkpoint(path);
        using var connection = Sqlite.Open(path);
        var projectId = connection.Scalar<int>($"SELECT Id FROM Projects WHERE Slug = '{slug}'");
        return new TemplateDatabase(path, projectId);
    }

    /// <summary>
    /// Stores traces the feedback will name, in eight categories round robin, straight into the template (before any clock):
    /// the app then looks up every event's trace category for the rollups, as it does in production.
    /// </summary>
    public void AddTraces(IEnumerable<string> traceIds)
    {
        using var connection = Sqlite.Open(Path);
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, Input, Category) VALUES ($p, $tr, '2026-02-25 00:00:00', 'q', $cat)";
        var trace = insert.Parameters.Add(new SqliteParameter { ParameterName = "$tr" });
        var category = insert.Parameters.Add(new SqliteParameter { ParameterName = "$cat" });
        insert.Parameters.AddWithValue("$p", ProjectId);
        insert.Prepare();
        var n = 0;
        foreach (var id in traceIds)
        {
            trace.Value = id;
            category.Value = $"category-{n++ % 8}";
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        connection.Close();
        Sqlite.Checkpoint(Path);
    }

    /// <summary>A fresh copy of the template under <paramref name="name"/>.</summary>
    public string CopyTo(string name)
    {
        var target = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, name);
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(target + suffix);
        File.Copy(Path, target);
        return target;
    }
}
