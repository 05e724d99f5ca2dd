using Npgsql;
using NpgsqlTypes;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// PostgreSQL's counterpart of <see cref="TemplateDatabase"/>: a database the real app migrated and created the projects in,
/// then stopped; every measurement starts on its own copy, made by <c>CREATE DATABASE … TEMPLATE</c> (a file copy).
/// </summary>
internal sealed record PostgresTemplate(PostgresCluster Cluster, string Name, IReadOnlyDictionary<string, int> ProjectIds)
{
    public static async Task<PostgresTemplate> CreateAsync(BenchContext context, PostgresCluster cluster, params string[] slugs)
    {
        var name = $"template_{slugs[0].Replace('-', '_')}";
        await cluster.CreateDatabaseAsync(name);
        await using (var app = await AppProcess.StartOnPostgresAsync(context, cluster.AppConnectionString(name)))
        {
            foreach (var slug in slugs) await app.CreateProjectAsync(slug);
        }
        var ids = new Dictionary<string, int>();
        await using var connection = await cluster.OpenAsync(name);
        foreach (var slug in slugs) ids[slug] = await connection.ScalarAsync<int>($"SELECT \"Id\" FROM \"Projects\" WHERE \"Slug\" = '{slug}'");
        return new PostgresTemplate(cluster, name, ids);
    }

    public int ProjectId => ProjectIds.Values.First();

    /// <summary>
    /// Stores the traces the feedback will name, in eight categories round robin (as <see cref="TemplateDatabase.AddTraces"/>),
    /// with binary COPY, then VACUUM ANALYZE so every copy starts with the planner's statistics.
    /// </summary>
    public async Task AddTracesAsync(int projectId, IEnumerable<string> traceIds)
    {
        await using var connection = await Cluster.OpenAsync(Name);
        var timestamp = EventMix.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "ProductionTraces" ("ProjectId", "TraceId", "Timestamp", "Input", "Category") FROM STDIN (FORMAT BINARY)"""))
        {
            var n = 0;
            foreach (var id in traceIds)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(projectId, NpgsqlDbType.Integer);
                await copy.WriteAsync(id, NpgsqlDbType.Varchar);
                await copy.WriteAsync(timestamp, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("q", NpgsqlDbType.Text);
                await copy.WriteAsync($"category-{n++ % 8}", NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await connection.ExecuteAsync("VACUUM ANALYZE");
    }

    /// <summary>A fresh copy of the template under <paramref name="name"/> (dropped first if a previous run left it).</summary>
    public async Task<string> CopyToAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await Cluster.CreateDatabaseAsync(name, Name);
        return name;
    }
}
