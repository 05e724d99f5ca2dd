using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 14's large bench, written straight into a migrated database with the app stopped (set-up, like
/// <see cref="BenchHistoryLoader"/>): <see cref="Cases"/> cases, <see cref="Versions"/> pipeline versions and
/// <see cref="Runs"/> runs over the 270 days of <see cref="EventMix"/>, plus production traces that carry their version and
/// the feedback that follows them, for the audit page's production panel. What a real bench has and a uniform one lacks:
/// a few hard cases that mostly fail, flaky ones, a few cases each version breaks, gap and incident cases that join the
/// bench late (runs before never saw them), and retired cases the runner stopped running.
/// </summary>
internal sealed class BenchPagesLoader(SqliteConnection connection, int projectId, int seed)
{
    public const int Cases = 2_000;
    public const int Versions = 20;
    public const int Runs = 500;
    public const int TracesPerDay = 400;
    /// <summary>Feedback events per production trace, drawn 0 … 2 × this (mean this); every one names its trace.</summary>
    public const int MeanEventsPerTrace = 3;

    /// <summary>Every <c>n</c>-th case (by index) is of this kind; the rest are imported from the runner and active.</summary>
    private const int GapEvery = 20, IncidentEvery = 50, RetiredEvery = 25;

    /// <summary>Pass probabilities: most cases pass nearly always, 4 % are hard, 5 % flaky; a version breaks 1 % of cases.</summary>
    private const double EasyPass = 0.99, HardPass = 0.25, FlakyPass = 0.6, HardShare = 0.04, FlakyShare = 0.05, BrokenShare = 0.01, BrokenFactor = 0.3;

    private static readonly long RangeSeconds = EventMix.Days * 86_400L;
    private static readonly DateTime FirstInstant = EventMix.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Random _random = new(seed);
    private readonly EnglishText _text = new(seed + 1);
    private readonly EventMix _mix = new(seed + 2);

    public sealed record Loaded(long Results, long Passed, long Traces, long Events, int GapCases, int IncidentCases, int RetiredCases,
        int RetiredStillRun, int HardCases, int FlakyCases, string LatestBaseRunId, string LatestHeadRunId, string BaseVersion, string HeadVersion, string SampleCaseId);

    /// <param name="StillRun">A retired case the runner's own list still holds: its later results are stored but do not count.</param>
    private sealed record CaseRow(long Id, string ExternalId, DateTime FirstSeenAt, DateTime? RetiredAt, double PassChance, bool StillRun);

    public Loaded Load()
    {
        connection.Execute("PRAGMA synchronous=OFF;");
        connection.Execute("PRAGMA cache_size=-262144;");
        using var transaction = connection.BeginTransaction();
        var versionIds = InsertVersions(transaction);
        var cases = InsertCases(transaction);
        var (results, passed, latest) = InsertRuns(transaction, versionIds, cases);
        var (traces, events) = InsertProduction(transaction, versionIds);
        transaction.Commit();
        connection.Execute("PRAGMA synchronous=FULL;");
        return new Loaded(results, passed, traces, events,
            GapCases: Enumerable.Range(0, Cases).Count(IsGap), IncidentCases: Enumerable.Range(0, Cases).Count(IsIncident),
            RetiredCases: cases.Count(c => c.RetiredAt is not null), RetiredStillRun: cases.Count(c => c.StillRun),
            HardCases: cases.Count(c => c.PassChance == HardPass), FlakyCases: cases.Count(c => c.PassChance == FlakyPass),
            LatestBaseRunId: latest[Versions - 2], LatestHeadRunId: latest[Versions - 1], BaseVersion: $"v{Versions - 1}", HeadVersion: $"v{Versions}",
            SampleCaseId: cases.First(c => c.PassChance == FlakyPass && c.RetiredAt is null).ExternalId);
    }

    /// <summary>Versions <c>v1</c> … <c>v20</c> deployed at equal spacing from the first day.</summary>
    private long[] InsertVersions(SqliteTransaction transaction)
    {
        using var insert = connection.Prepare("""
            INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt, Model, Prompt) VALUES ($p, $v, $at, $model, $prompt) RETURNING Id
            """, transaction, "$p", "$v", "$at", "$model", "$prompt");
        insert.Parameters["$p"].Value = projectId;
        var ids = new long[Versions];
        for (var v = 0; v < Versions; v++)
        {
            insert.Parameters["$v"].Value = $"v{v + 1}";
            insert.Parameters["$at"].Value = FeedbackEvent.ToStorage(FirstInstant.AddSeconds(VersionStart(v)));
            insert.Parameters["$model"].Value = $"model-{(v / 5) + 1}";
            insert.Parameters["$prompt"].Value = $"support-prompt-{v + 1}";
            ids[v] = (long)insert.ExecuteScalar()!;
        }
        return ids;
    }

    private static bool IsGap(int c) => c % GapEvery == GapEvery - 1;
    private static bool IsIncident(int c) => !IsGap(c) && c % IncidentEvery == 13;
    private static bool IsRetired(int c) => !IsGap(c) && c % RetiredEvery == 3;

    /// <summary>
    /// Cases <c>case-0001</c> …: imported ones exist from the day before the range; gap and incident cases join at a point
    /// spread over the last two thirds (data time, as an accepted gap does); retired cases leave at a point in the second half.
    /// </summary>
    private List<CaseRow> InsertCases(SqliteTransaction transaction)
    {
        using var insert = connection.Prepare("""
            INSERT INTO BenchCases (ProjectId, ExternalId, Input, ExpectedBehaviour, Category, Status, Source, ProvenanceTraceJson, CreatedAt, FirstSeenAt, RetiredAt)
            VALUES ($p, $id, $in, $exp, $cat, $status, $source, $prov, $created, $first, $retired) RETURNING Id
            """, transaction, "$p", "$id", "$in", "$exp", "$cat", "$status", "$source", "$prov", "$created", "$first", "$retired");
        insert.Parameters["$p"].Value = projectId;
        var before = FirstInstant.AddDays(-1);
        var rows = new List<CaseRow>(Cases);
        for (var c = 0; c < Cases; c++)
        {
            var id = $"case-{c + 1:D4}";
            var category = BulkLoader.Categories[c % BulkLoader.Categories.Length];
            var input = _text.About(120, 320);
            var late = IsGap(c) || IsIncident(c);
            var firstSeen = late ? FirstInstant.AddSeconds(RangeSeconds / 3 + (long)(_random.NextDouble() * RangeSeconds * 2 / 3)) : before;
            DateTime? retired = IsRetired(c) ? FirstInstant.AddSeconds(RangeSeconds / 2 + (long)(_random.NextDouble() * RangeSeconds * 0.45)) : null;
            var draw = _random.NextDouble();
            var chance = draw < HardShare ? HardPass : draw < HardShare + FlakyShare ? FlakyPass : EasyPass;
            string? provenance = IsGap(c)
                ? JsonSerializer.Serialize(new
                {
                    traceId = $"pt-gap-{c + 1:D4}", timestamp = firstSeen.AddDays(-3), version = $"v{VersionAt(firstSeen) + 1}", input,
                    output = _text.About(200, 600), category, metadataJson = (string?)null,
                }, Json)
                : null;
            insert.Parameters["$id"].Value = id;
            insert.Parameters["$in"].Value = input;
            insert.Parameters["$exp"].Value = _text.About(40, 140);
            insert.Parameters["$cat"].Value = category;
            insert.Parameters["$status"].Value = retired is null ? "Active" : "Retired";
            insert.Parameters["$source"].Value = IsGap(c) ? "ProductionGap" : IsIncident(c) ? "Incident" : "Imported";
            insert.Parameters["$prov"].Value = (object?)provenance ?? DBNull.Value;
            insert.Parameters["$created"].Value = FeedbackEvent.ToStorage(firstSeen);
            insert.Parameters["$first"].Value = FeedbackEvent.ToStorage(firstSeen);
            insert.Parameters["$retired"].Value = retired is { } r ? FeedbackEvent.ToStorage(r) : DBNull.Value;
            rows.Add(new CaseRow((long)insert.ExecuteScalar()!, id, firstSeen, retired, chance, StillRun: retired is not null && c % 2 == 0));
        }
        return rows;
    }

    /// <summary>
    /// Runs <c>run-0001</c> … at equal spacing over the range, each on the version deployed last before it, with a result for
    /// every case in the bench when it started (joined, not yet retired) and for the retired cases the runner still runs
    /// (half of them: a runner's list lags the bench; the app stores those results and leaves them out of pass rates).
    /// Returns the newest run of each version.
    /// </summary>
    private (long Results, long Passed, string[] LatestRunOfVersion) InsertRuns(SqliteTransaction transaction, long[] versionIds, List<CaseRow> cases)
    {
        using var run = connection.Prepare("""
            INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, StartedAt) VALUES ($p, $run, $v, $at) RETURNING Id
            """, transaction, "$p", "$run", "$v", "$at");
        run.Parameters["$p"].Value = projectId;
        using var result = connection.Prepare("""
            INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed, Score) VALUES ($r, $c, $pass, $score)
            """, transaction, "$r", "$c", "$pass", "$score");
        // Which cases each version breaks (a regression the next version may fix): drawn once per version.
        var broken = Enumerable.Range(0, Versions).Select(_ => cases.Where(_ => _random.NextDouble() < BrokenShare).Select(c => c.Id).ToHashSet()).ToArray();
        var latest = new string[Versions];
        long results = 0, passed = 0;
        for (var r = 0; r < Runs; r++)
        {
            var offset = r * RangeSeconds / Runs;
            var startedAt = FirstInstant.AddSeconds(offset);
            var version = VersionAt(startedAt);
            var runId = $"run-{r + 1:D4}";
            latest[version] = runId;
            run.Parameters["$run"].Value = runId;
            run.Parameters["$v"].Value = versionIds[version];
            run.Parameters["$at"].Value = FeedbackEvent.ToStorage(startedAt);
            result.Parameters["$r"].Value = (long)run.ExecuteScalar()!;
            foreach (var c in cases)
            {
                if (c.FirstSeenAt > startedAt || (c.RetiredAt <= startedAt && !c.StillRun)) continue;
                var chance = broken[version].Contains(c.Id) ? c.PassChance * BrokenFactor : c.PassChance;
                var ok = _random.NextDouble() < chance;
                result.Parameters["$c"].Value = c.Id;
                result.Parameters["$pass"].Value = ok ? 1 : 0;
                result.Parameters["$score"].Value = ok ? 0.7 + 0.3 * _random.NextDouble() : 0.6 * _random.NextDouble();
                result.ExecuteNonQuery();
                results++;
                if (ok) passed++;
            }
        }
        return (results, passed, latest);
    }

    /// <summary>
    /// <see cref="TracesPerDay"/> production traces a day (<c>pt-DDD-NNNN</c>), each on the version live at its time, and
    /// 0 … 2 × <see cref="MeanEventsPerTrace"/> feedback events about it within the hour after (ingest's mix of kinds).
    /// </summary>
    private (long Traces, long Events) InsertProduction(SqliteTransaction transaction, long[] versionIds)
    {
        using var trace = connection.Prepare("""
            INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, PipelineVersionId, Input, Output, Category) VALUES ($p, $tr, $t, $v, $in, $out, $cat)
            """, transaction, "$p", "$tr", "$t", "$v", "$in", "$out", "$cat");
        trace.Parameters["$p"].Value = projectId;
        using var feedback = new FeedbackInserter(connection, projectId) { Transaction = transaction };
        long traces = 0, events = 0;
        for (var day = 0; day < EventMix.Days; day++)
        {
            for (var k = 0; k < TracesPerDay; k++)
            {
                var traceId = $"pt-{day:D3}-{k:D4}";
                var at = _mix.NextTimestampOn(day);
                trace.Parameters["$tr"].Value = traceId;
                trace.Parameters["$t"].Value = FeedbackEvent.ToStorage(at);
                trace.Parameters["$v"].Value = versionIds[VersionAt(at)];
                trace.Parameters["$in"].Value = $"customer question {k} of day {day}";
                trace.Parameters["$out"].Value = $"the assistant's answer to question {k} of day {day}";
                trace.Parameters["$cat"].Value = BulkLoader.Categories[k % BulkLoader.Categories.Length];
                trace.ExecuteNonQuery();
                traces++;
                var count = _random.Next(2 * MeanEventsPerTrace + 1);
                for (var e = 0; e < count; e++)
                {
                    var ev = _mix.Next($"pe-{events + 1:D8}", traceId, at.AddSeconds(_random.Next(3_600)));
                    feedback.Insert(ev.EventId, ev.TraceId, ev.StoredTimestamp, ev.StoredKind, ev.Value);
                    events++;
                }
            }
        }
        return (traces, events);
    }

    private static long VersionStart(int version) => version * RangeSeconds / Versions;

    private static int VersionAt(DateTime at) =>
        (int)Math.Clamp((long)(at - FirstInstant).TotalSeconds * Versions / RangeSeconds, 0, Versions - 1);
}
