using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// <see cref="LargeProject"/> on PostgreSQL (issue 13): the same traces, events and bench history (same seeds, same draws,
/// so the same rows), written with binary COPY into a copy of a template the app migrated; then the rollups rebuilt with the
/// app's own rebuild statement (<c>RollupRebuild.Rollups</c>, PostgreSQL's day expression), the input-length histograms
/// binned as the app bins them, VACUUM ANALYZE (what autovacuum does to a loaded table, done at once), and every count checked.
/// </summary>
internal static class PostgresLargeProject
{
    private const string DayOfTrace = """(t."Timestamp" AT TIME ZONE 'UTC')::date""";
    private const string DayOfEvent = """(f."Timestamp" AT TIME ZONE 'UTC')::date""";
    private const string PerTraceKinds = "('Rewrite', 'Retry', 'Undo', 'FormatError')";

    private static string Is(string kind) => $"""SUM(CASE WHEN f."Kind" = '{kind}' THEN 1 ELSE 0 END)""";

    /// <summary>
    /// RollupRebuild.Rollups of the app (src/BenchDashboard/Features/Ingestion/RollupRebuild.cs), as it runs on PostgreSQL
    /// for project <c>@p</c>: the rollups the app would hold had it imported every row itself.
    /// </summary>
    private static readonly string RollupRebuildSql = $"""
        INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum",
                                    "CsatSumOfSquares", "Rewrites", "Retries", "Undos", "FormatErrors",
                                    "RewrittenTraces", "RetriedTraces", "UndoneTraces", "FormatErrorTraces", "UnknownTraceFeedback")
        SELECT @p, "Date", "Category", SUM("Traces"), SUM("ThumbsUp"), SUM("ThumbsDown"), SUM("CsatCount"), SUM("CsatSum"),
               SUM("CsatSumOfSquares"), SUM("Rewrites"), SUM("Retries"), SUM("Undos"), SUM("FormatErrors"),
               SUM("RewrittenTraces"), SUM("RetriedTraces"), SUM("UndoneTraces"), SUM("FormatErrorTraces"), SUM("UnknownTraceFeedback")
        FROM (
            SELECT {DayOfTrace} AS "Date", COALESCE(t."Category", '') AS "Category", COUNT(*) AS "Traces",
                   0 AS "ThumbsUp", 0 AS "ThumbsDown", 0 AS "CsatCount", 0.0 AS "CsatSum", 0.0 AS "CsatSumOfSquares",
                   0 AS "Rewrites", 0 AS "Retries", 0 AS "Undos", 0 AS "FormatErrors",
                   0 AS "RewrittenTraces", 0 AS "RetriedTraces", 0 AS "UndoneTraces", 0 AS "FormatErrorTraces", 0 AS "UnknownTraceFeedback"
            FROM "ProductionTraces" t WHERE t."ProjectId" = @p
            GROUP BY 1, 2
            UNION ALL
            SELECT {DayOfEvent}, COALESCE(t."Category", ''), 0,
                   {Is("ThumbsUp")}, {Is("ThumbsDown")}, {Is("Csat")},
                   COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" END), 0.0),
                   COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" * f."Value" END), 0.0),
                   {Is("Rewrite")}, {Is("Retry")}, {Is("Undo")}, {Is("FormatError")},
                   0, 0, 0, 0, SUM(CASE WHEN t."Id" IS NULL AND f."Kind" IN {PerTraceKinds} THEN 1 ELSE 0 END)
            FROM "FeedbackEvents" f
            LEFT JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
            WHERE f."ProjectId" = @p
            GROUP BY 1, 2
            UNION ALL
            SELECT {DayOfTrace}, COALESCE(t."Category", ''), 0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0,
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Rewrite' THEN t."Id" END),
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Retry' THEN t."Id" END),
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Undo' THEN t."Id" END),
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'FormatError' THEN t."Id" END), 0
            FROM "FeedbackEvents" f
            JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
            WHERE f."ProjectId" = @p AND f."Kind" IN {PerTraceKinds}
            GROUP BY 1, 2
        ) AS "Parts"
        GROUP BY "Date", "Category"
        """;

    /// <summary>
    /// The input-length histograms, binned as InputLengthDeltas bins (bins start at 0, each next start is the last plus
    /// max(1, last / 32)), per day and category: the same rows the SQLite benchmark's backfill writes.
    /// </summary>
    private const string InputLengthsSql = """
        INSERT INTO "DailyInputLengths" ("ProjectId", "Date", "Category", "MinLength", "Traces")
        WITH RECURSIVE "Bins"("Start") AS (
            SELECT 0
            UNION ALL
            SELECT "Start" + GREATEST(1, "Start" / 32) FROM "Bins"
            WHERE "Start" + GREATEST(1, "Start" / 32) <= (SELECT COALESCE(MAX(length("Input")), 0) FROM "ProductionTraces")),
        "Lengths" AS (
            SELECT "ProjectId", ("Timestamp" AT TIME ZONE 'UTC')::date AS "Date", COALESCE("Category", '') AS "Category",
                   length("Input") AS "Length", COUNT(*) AS "Traces"
            FROM "ProductionTraces" WHERE "ProjectId" = @p GROUP BY 1, 2, 3, 4)
        SELECT "ProjectId", "Date", "Category", (SELECT MAX(b."Start") FROM "Bins" b WHERE b."Start" <= "Length"), SUM("Traces")
        FROM "Lengths" GROUP BY 1, 2, 3, 4
        """;

    public static async Task<(string Database, int ProjectId)> CreateAsync(BenchContext context, PostgresCluster cluster, string slug, string name)
    {
        var report = context.Report;
        var template = await PostgresTemplate.CreateAsync(context, cluster, slug);
        var database = await template.CopyToAsync(name);
        var projectId = template.ProjectId;
        var events = context.Options.TrendsEvents;
        report.Line($"  bulk load (set-up, app not running) into a CREATE DATABASE … TEMPLATE copy of a database the app migrated: the SQLite");
        report.Line($"  trends data exactly ({Report.N0(BulkLoader.TracesPerDay)} traces a day, the events spread evenly, every 5th pointing at one of");
        report.Line("  its day's traces, same seeds and draws), written with binary COPY; the bench history in one transaction (results by COPY);");
        report.Line("  then DailyRollups rebuilt with the app's own RollupRebuild statement (PostgreSQL's day: (ts AT TIME ZONE 'UTC')::date),");
        report.Line("  DailyInputLengths binned as the app bins, then VACUUM ANALYZE");

        await using var connection = await cluster.OpenAsync(database);
        var clock = Stopwatch.StartNew();
        var traces = await LoadTracesAndEventsAsync(cluster, database, projectId, events, report.Line);
        await LoadBenchHistoryAsync(connection, projectId, seed: 20261123 + 1);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var delete = new NpgsqlCommand("""DELETE FROM "DailyRollups" WHERE "ProjectId" = @p""", connection, transaction);
            delete.Parameters.AddWithValue("p", projectId);
            await delete.ExecuteNonQueryAsync();
            await using var rebuild = new NpgsqlCommand(RollupRebuildSql, connection, transaction) { CommandTimeout = 0 };
            rebuild.Parameters.AddWithValue("p", projectId);
            await rebuild.ExecuteNonQueryAsync();
            await using var lengths = new NpgsqlCommand(InputLengthsSql, connection, transaction) { CommandTimeout = 0 };
            lengths.Parameters.AddWithValue("p", projectId);
            await lengths.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        var rollupSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await connection.ExecuteAsync("VACUUM ANALYZE");
        var vacuumSeconds = clock.Elapsed.TotalSeconds;

        var stored = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"FeedbackEvents\"");
        var rolledUp = await connection.ScalarAsync<long>(
            "SELECT SUM(\"ThumbsUp\" + \"ThumbsDown\" + \"CsatCount\" + \"Rewrites\" + \"Retries\" + \"Undos\" + \"FormatErrors\") FROM \"DailyRollups\"");
        var rolledTraces = await connection.ScalarAsync<long>("SELECT SUM(\"Traces\") FROM \"DailyRollups\"");
        var lengthTraces = await connection.ScalarAsync<long>("SELECT SUM(\"Traces\") FROM \"DailyInputLengths\"");
        var days = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"DailyRollups\"");
        var size = await connection.ScalarAsync<long>($"SELECT pg_database_size('{database}')");
        report.Line($"  loaded {Report.N0(stored)} events and {Report.N0(traces)} traces in {Report.F1(loadSeconds)} s ({Report.N0((stored + traces) / loadSeconds)} rows/s); " +
                    $"rollups and histograms rebuilt in {Report.F1(rollupSeconds)} s: {Report.N0(days)} rollup rows counting {Report.N0(rolledUp)} events; " +
                    $"VACUUM ANALYZE {Report.F1(vacuumSeconds)} s; database {Report.Mb(size)}");
        if (stored != events || rolledUp != events || rolledTraces != traces) throw new InvalidOperationException("The bulk load does not hold the expected events.");
        if (lengthTraces != traces) throw new InvalidOperationException("The input-length histograms do not count every trace.");
        var runs = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"BenchRuns\"");
        var results = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"BenchResults\"");
        var passed = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"BenchResults\" WHERE \"Passed\"");
        var versions = await connection.ScalarAsync<long>("SELECT COUNT(DISTINCT \"PipelineVersionId\") FROM \"BenchRuns\"");
        report.Line($"  bench: {Report.N0(runs)} runs on {versions} versions, {Report.N0(results)} results, {Report.F1(100.0 * passed / Math.Max(1, results))} % passing");
        if (runs != BenchHistoryLoader.Runs || results != BenchHistoryLoader.Results || versions != BenchHistoryLoader.Versions)
        {
            throw new InvalidOperationException("The bulk load does not hold the expected bench runs.");
        }
        return (database, projectId);
    }

    /// <summary>
    /// BulkLoader.LoadTracesAndEvents with COPY: the same draws in the same order (a trace's time, then per event its trace
    /// pick, its time, its kind and value), traces on one connection and events on another, each one COPY.
    /// </summary>
    private static async Task<long> LoadTracesAndEventsAsync(PostgresCluster cluster, string database, int projectId, int events, Action<string> progress)
    {
        var mix = new EventMix(20261123);
        await using var traceConnection = await cluster.OpenAsync(database);
        await using var eventConnection = await cluster.OpenAsync(database);
        await using var traceCopy = await traceConnection.BeginBinaryImportAsync(
            """COPY "ProductionTraces" ("ProjectId", "TraceId", "Timestamp", "Input", "Category") FROM STDIN (FORMAT BINARY)""");
        await using var eventCopy = await eventConnection.BeginBinaryImportAsync(FeedbackCopy.Sql);
        long n = 0, traces = 0;
        for (var day = 0; day < EventMix.Days; day++)
        {
            for (var k = 0; k < BulkLoader.TracesPerDay; k++)
            {
                traceCopy.StartRow();
                traceCopy.Write(projectId, NpgsqlDbType.Integer);
                traceCopy.Write(TraceId(day, k), NpgsqlDbType.Varchar);
                traceCopy.Write(mix.NextTimestampOn(day), NpgsqlDbType.TimestampTz);
                traceCopy.Write($"benchmark question {k} of day {day}", NpgsqlDbType.Text);
                traceCopy.Write(BulkLoader.Categories[k % BulkLoader.Categories.Length], NpgsqlDbType.Varchar);
                traces++;
            }
            var today = events / EventMix.Days + (day < events % EventMix.Days ? 1 : 0);
            for (var i = 0; i < today; i++)
            {
                n++;
                var e = mix.Next($"ev-{n:D8}", n % 5 == 0 ? TraceId(day, mix.NextInt(BulkLoader.TracesPerDay)) : null, mix.NextTimestampOn(day));
                FeedbackCopy.Row(eventCopy, projectId, e);
            }
            if ((day + 1) % 30 == 0) progress($"     … day {day + 1} of {EventMix.Days}, {Report.N0(n)} events");
        }
        await traceCopy.CompleteAsync();
        await eventCopy.CompleteAsync();
        return traces;
    }

    private static string TraceId(int day, int k) => $"tr-{day:D3}-{k:D4}";

    /// <summary>BenchHistoryLoader's rows (same seed, same draws) in one transaction: versions, cases and runs by INSERT, results by COPY.</summary>
    private static async Task LoadBenchHistoryAsync(NpgsqlConnection connection, int projectId, int seed)
    {
        var random = new Random(seed);
        var rangeSeconds = EventMix.Days * 86_400L;
        var first = EventMix.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var transaction = await connection.BeginTransactionAsync();
        async Task<int> InsertAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("p", projectId);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            return Convert.ToInt32(await command.ExecuteScalarAsync(), Report.Invariant);
        }
        var versionIds = new int[BenchHistoryLoader.Versions];
        for (var v = 0; v < versionIds.Length; v++)
        {
            versionIds[v] = await InsertAsync("""INSERT INTO "PipelineVersions" ("ProjectId", "Version", "DeployedAt") VALUES (@p, @v, @at) RETURNING "Id" """,
                ("v", $"v{v + 1}"), ("at", first.AddSeconds(v * rangeSeconds / BenchHistoryLoader.Versions)));
        }
        var caseIds = new int[BenchHistoryLoader.Cases];
        for (var c = 0; c < caseIds.Length; c++)
        {
            var category = BulkLoader.Categories[c % BulkLoader.Categories.Length];
            caseIds[c] = await InsertAsync("""
                INSERT INTO "BenchCases" ("ProjectId", "ExternalId", "Input", "Category", "Status", "Source", "CreatedAt", "FirstSeenAt")
                VALUES (@p, @id, @in, @cat, 'Active', 'Imported', @at, @at) RETURNING "Id"
                """, ("id", $"case-{c + 1:D3}"), ("in", $"bench question {c + 1} about {category}"), ("cat", category), ("at", first.AddDays(-1)));
        }
        var runIds = new int[BenchHistoryLoader.Runs];
        for (var r = 0; r < runIds.Length; r++)
        {
            var offset = r * rangeSeconds / BenchHistoryLoader.Runs;
            var version = (int)Math.Min(BenchHistoryLoader.Versions - 1, offset * BenchHistoryLoader.Versions / rangeSeconds);
            runIds[r] = await InsertAsync("""INSERT INTO "BenchRuns" ("ProjectId", "RunId", "PipelineVersionId", "StartedAt") VALUES (@p, @run, @v, @at) RETURNING "Id" """,
                ("run", $"run-{r + 1:D4}"), ("v", versionIds[version]), ("at", first.AddSeconds(offset)));
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "BenchResults" ("BenchRunId", "BenchCaseId", "Passed", "Score") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var runId in runIds)
            {
                foreach (var caseId in caseIds)
                {
                    var passed = random.NextDouble() < 0.94;
                    copy.StartRow();
                    copy.Write(runId, NpgsqlDbType.Integer);
                    copy.Write(caseId, NpgsqlDbType.Integer);
                    copy.Write(passed, NpgsqlDbType.Boolean);
                    copy.Write(passed ? 0.7 + 0.3 * random.NextDouble() : 0.6 * random.NextDouble(), NpgsqlDbType.Double);
                }
            }
            await copy.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>What trends would cost without rollups on PostgreSQL: the per-day, per-kind aggregate over the raw rows, once.</summary>
    public static async Task RawScanAsync(Report report, PostgresCluster cluster, string database, int projectId, string from, string toExclusive, string to)
    {
        await using var connection = await cluster.OpenAsync(database);
        var cpu = new CpuWindow();
        var clock = Stopwatch.StartNew();
        var rawRows = await CountRowsAsync(connection, $"""
            SELECT ("Timestamp" AT TIME ZONE 'UTC')::date AS "Day", "Kind", COUNT(*), SUM("Value") FROM "FeedbackEvents"
            WHERE "ProjectId" = {projectId} AND "Timestamp" >= '{from}Z' AND "Timestamp" < '{toExclusive}Z'
            GROUP BY 1, 2
            """);
        var raw = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var rollupRows = await CountRowsAsync(connection, $"""SELECT * FROM "DailyRollups" WHERE "ProjectId" = {projectId} AND "Date" >= '{from}' AND "Date" <= '{to}'""");
        var rollups = clock.Elapsed.TotalMilliseconds;
        report.Line("  raw-scan aggregate over FeedbackEvents ((Timestamp AT TIME ZONE 'UTC')::date, Kind, COUNT(*), SUM(Value) … GROUP BY), run once");
        report.Line($"  in this process right after the load: {rawRows} groups; the same days from DailyRollups: {rollupRows} rows");
        report.Line($"  CPU during both queries: {cpu.Stop().Describe()}");
        report.Figure("trends (postgres)", "raw-scan aggregate SQL (once)", $"{Report.N0(raw)} ms");
        report.Figure("trends (postgres)", "DailyRollups read SQL (once)", $"{Report.F1(rollups)} ms");
    }

    private static async Task<int> CountRowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync()) rows++;
        return rows;
    }
}
