using Npgsql;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Where the app's database time goes, by statement: pg_stat_statements, when the cluster preloads it (an experiment:
/// <c>--pg-setting shared_preload_libraries=pg_stat_statements</c>); reset before a timed window, read after it.
/// </summary>
internal sealed class StatementStats(PostgresCluster cluster, string database)
{
    public static async Task<StatementStats?> StartAsync(PostgresCluster cluster, string database)
    {
        if (!cluster.AppliedSettings.Any(s => s.Name == "shared_preload_libraries" && s.Value.Contains("pg_stat_statements", StringComparison.Ordinal))) return null;
        await using var connection = await cluster.OpenAsync(database);
        await connection.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
        return new StatementStats(cluster, database);
    }

    public async Task ReportAsync(Report report, int events)
    {
        await using var connection = await cluster.OpenAsync(database);
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_exec_time, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 10
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        report.Line("      pg_stat_statements over the timed window (top 10 by execution time; µs/event = total / events):");
        while (await reader.ReadAsync())
        {
            var total = reader.GetDouble(1);
            report.Line($"        {Report.F2(total * 1000 / events),7} µs/event, {reader.GetInt64(0),6} calls, {Report.F1(total / reader.GetInt64(0)),8} ms/call, " +
                        $"{reader.GetInt64(2),9} rows: {reader.GetString(3)}");
        }
    }
}
