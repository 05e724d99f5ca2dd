using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// The bench side of the trends project, written straight into the tables (set-up, like <see cref="BulkLoader"/>):
/// <see cref="Cases"/> active bench cases, <see cref="Versions"/> pipeline versions and <see cref="Runs"/> runs evenly
/// over the same 270 days as the events, each run with one result per case. Without it the trends answer has no
/// bench series and the signal engine has no runs to compare, so neither would cost what it costs a real project.
/// </summary>
internal sealed class BenchHistoryLoader(SqliteConnection connection, SqliteTransaction transaction, int projectId, int seed)
{
    public const int Cases = 300;
    public const int Versions = 6;
    public const int Runs = 500;
    public const int Results = Runs * Cases;
    /// <summary>About the pass rate of a healthy bench; each result is drawn on its own, so runs vary around it.</summary>
    private const double PassShare = 0.94;

    private static readonly long RangeSeconds = EventMix.Days * 86_400L;
    private static readonly DateTime FirstInstant = EventMix.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    // Its own generator, so adding the bench leaves the event stream (and the figures before it) exactly as it was.
    private readonly Random _random = new(seed);

    public void Load()
    {
        var versionIds = InsertVersions();
        var caseIds = InsertCases();
        InsertRuns(versionIds, caseIds);
    }

    /// <summary>Versions <c>v1</c> … deployed at equal spacing from the first day, so every run has one deployed before it.</summary>
    private long[] InsertVersions()
    {
        using var insert = Prepare("""
            INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt) VALUES ($p, $v, $at) RETURNING Id
            """, "$p", "$v", "$at");
        var ids = new long[Versions];
        for (var v = 0; v < Versions; v++)
        {
            insert.Parameters["$v"].Value = $"v{v + 1}";
            insert.Parameters["$at"].Value = FeedbackEvent.ToStorage(FirstInstant.AddSeconds(VersionStart(v)));
            ids[v] = (long)insert.ExecuteScalar()!;
        }
        return ids;
    }

    /// <summary>Cases in the traces' categories (round robin), created the day before the range: the bench predates the traffic.</summary>
    private long[] InsertCases()
    {
        using var insert = Prepare("""
            INSERT INTO BenchCases (ProjectId, ExternalId, Input, Category, Status, Source, CreatedAt, FirstSeenAt)
            VALUES ($p, $id, $in, $cat, 'Active', 'Imported', $at, $at) RETURNING Id
            """, "$p", "$id", "$in", "$cat", "$at");
        var createdAt = FeedbackEvent.ToStorage(FirstInstant.AddDays(-1));
        var ids = new long[Cases];
        for (var c = 0; c < Cases; c++)
        {
            var category = BulkLoader.Categories[c % BulkLoader.Categories.Length];
            insert.Parameters["$id"].Value = $"case-{c + 1:D3}";
            insert.Parameters["$in"].Value = $"bench question {c + 1} about {category}";
            insert.Parameters["$cat"].Value = category;
            insert.Parameters["$at"].Value = createdAt;
            ids[c] = (long)insert.ExecuteScalar()!;
        }
        return ids;
    }

    /// <summary>Runs <c>run-0001</c> … at equal spacing over the range, each on the version deployed last before it.</summary>
    private void InsertRuns(long[] versionIds, long[] caseIds)
    {
        using var run = Prepare("""
            INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, StartedAt) VALUES ($p, $run, $v, $at) RETURNING Id
            """, "$p", "$run", "$v", "$at");
        using var result = Prepare("""
            INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed, Score) VALUES ($r, $c, $pass, $score)
            """, "$r", "$c", "$pass", "$score");
        for (var r = 0; r < Runs; r++)
        {
            var offset = r * RangeSeconds / Runs;
            run.Parameters["$run"].Value = $"run-{r + 1:D4}";
            run.Parameters["$v"].Value = versionIds[VersionAt(offset)];
            run.Parameters["$at"].Value = FeedbackEvent.ToStorage(FirstInstant.AddSeconds(offset));
            result.Parameters["$r"].Value = (long)run.ExecuteScalar()!;
            foreach (var caseId in caseIds) InsertResult(result, caseId);
        }
    }

    private void InsertResult(SqliteCommand result, long caseId)
    {
        var passed = _random.NextDouble() < PassShare;
        result.Parameters["$c"].Value = caseId;
        result.Parameters["$pass"].Value = passed ? 1 : 0;
        // A grader's score consistent with the verdict: passes high, failures low.
        result.Parameters["$score"].Value = passed ? 0.7 + 0.3 * _random.NextDouble() : 0.6 * _random.NextDouble();
        result.ExecuteNonQuery();
    }

    private static long VersionStart(int version) => version * RangeSeconds / Versions;

    private static int VersionAt(long offsetSeconds) => (int)Math.Min(Versions - 1, offsetSeconds * Versions / RangeSeconds);

    /// <summary>Prepared inside the loader's transaction; <c>$p</c>, where listed, is set to the project once.</summary>
    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.Prepare(sql, transaction, parameters);
        if (command.Parameters.Contains("$p")) command.Parameters["$p"].Value = projectId;
        return command;
    }
}
