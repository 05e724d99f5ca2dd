using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace BenchDashboard.Benchmarks;

/// <summary>One NDJSON feedback POST, as every PostgreSQL benchmark sends it; answers the events the app accepted.</summary>
internal static class FeedbackApi
{
    public static async Task<long> PostAsync(HttpClient http, string slug, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync($"/api/v1/projects/{slug}/feedback", content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST feedback to {slug} answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("accepted").GetInt64();
    }
}

/// <summary>Feedback rows into PostgreSQL with binary COPY (the raw ceiling and the bulk load), in the app's column types.</summary>
internal static class FeedbackCopy
{
    public const string Sql = """COPY "FeedbackEvents" ("ProjectId", "EventId", "TraceId", "Timestamp", "Kind", "Value") FROM STDIN (FORMAT BINARY)""";

    /// <summary>One batch in its own transaction, as the app commits one per request.</summary>
    public static void Write(NpgsqlConnection connection, int projectId, IReadOnlyList<FeedbackEvent> batch)
    {
        using var transaction = connection.BeginTransaction();
        using (var copy = connection.BeginBinaryImport(Sql))
        {
            foreach (var e in batch) Row(copy, projectId, e);
            copy.Complete();
        }
        transaction.Commit();
    }

    public static void Row(NpgsqlBinaryImporter copy, int projectId, FeedbackEvent e)
    {
        copy.StartRow();
        copy.Write(projectId, NpgsqlDbType.Integer);
        copy.Write(e.EventId, NpgsqlDbType.Varchar);
        if (e.TraceId is null) copy.WriteNull(); else copy.Write(e.TraceId, NpgsqlDbType.Varchar);
        copy.Write(e.Timestamp, NpgsqlDbType.TimestampTz);
        copy.Write(e.StoredKind, NpgsqlDbType.Varchar);
        if (e.Value is { } v) copy.Write(v, NpgsqlDbType.Double); else copy.WriteNull();
    }
}

/// <summary>
/// CPU used by the benchmark cluster's processes (its postmaster and every process it forked: the backends serving the app
/// and this program, the WAL writer, the checkpointer), summed from /proc over a window. Other clusters on the machine
/// are not counted.
/// </summary>
internal sealed class PostgresCpu(PostgresCluster cluster)
{
    private readonly TimeSpan _start = Total(cluster.PostmasterPid);

    public double Cores(TimeSpan elapsed) => (Total(cluster.PostmasterPid) - _start).TotalSeconds / elapsed.TotalSeconds;

    private static TimeSpan Total(int postmaster)
    {
        var total = TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], Report.Invariant);
                if (pid != postmaster && parent != postmaster) continue;
                total += ProcessStats.CpuTime(pid);
            }
            catch (IOException) { /* gone */ }
        }
        return total;
    }
}
