using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Sampling;

/// <summary>
/// "Negative feedback" (thumbs-down, rewrite, retry, CSAT ≤ 2) has one owner, <see cref="NegativeFeedback"/>: the
/// sampling draw (SQL) and the round export (C#) count the same events for the same trace.
/// </summary>
public abstract class NegativeFeedbackTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : NegativeFeedbackTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : NegativeFeedbackTests(DatabaseProvider.Postgres);

    [Fact]
    public async Task The_sql_condition_and_the_csharp_rule_agree_on_every_kind_and_score()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var cases = Enum.GetValues<FeedbackKind>()
            .SelectMany(k => k == FeedbackKind.Csat ? new double?[] { 1, 1.5, 2, 2.5, 3, 4, 5 }.Select(v => (k, v)) : [(k, (double?)null)]).ToList();
        await using (var db = database.CreateContext())
        {
            var project = new Project { Slug = "p", Name = "P", CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            db.FeedbackEvents.AddRange(cases.Select((c, i) => new FeedbackEvent
            {
                ProjectId = project.Id, EventId = $"e{i}", Timestamp = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), Kind = c.k, Value = c.v,
            }));
            await db.SaveChangesAsync();
        }
        await using var connection = database.OpenConnection();
        var negativeInSql = new HashSet<string>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = $"""SELECT "EventId" FROM "FeedbackEvents" f WHERE {NegativeFeedback.SqlCondition("f")}""";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync()) negativeInSql.Add(reader.GetString(0));
        }

        for (var i = 0; i < cases.Count; i++)
        {
            Assert.True(NegativeFeedback.Is(cases[i].k, cases[i].v) == negativeInSql.Contains($"e{i}"), $"{cases[i].k} {cases[i].v}");
        }
        Assert.Equal(6, negativeInSql.Count); // thumbs-down, rewrite, retry, CSAT 1, 1.5 and 2
    }

    [Fact]
    public async Task Sampling_and_the_round_export_count_the_same_negative_feedback_per_trace()
    {
        await using var project = await SamplingProject.CreateAsync(traces: 40, provider);
        var n = 0;
        object Event(string trace, string kind, double? value = null) => new { eventId = $"x{n++}", traceId = trace, timestamp = "2026-06-20T12:00:00Z", kind, value };
        await project.AddFeedbackAsync([
            Event("t000", "rewrite"), Event("t000", "rewrite"), Event("t001", "retry"), Event("t002", "csat", 2), Event("t004", "csat", 3),
            Event("t005", "undo"), Event("t005", "format_error"), Event("t006", "thumbs_up"), Event("t008", "csat", 1), Event("t008", "thumbs_down"),
        ]);

        var candidates = await project.Sampling.CandidatesAsync(project.ProjectId, SamplingProject.From, SamplingProject.To);
        var traceIds = await project.QueryAsync(db => db.ProductionTraces.ToDictionaryAsync(t => t.Id, t => t.TraceId));
        var drawn = candidates.ToDictionary(c => traceIds[c.Id], c => c.NegativeSignals);
        var round = await project.StartAsync(SamplingProject.Settings(size: 40, doubleReview: 0), "rev-a");
        var exported = (await project.Exporter.RowsAsync(project.ProjectId, round.RoundId))!.ToDictionary(r => r.TraceId, r => r.NegativeSignals);

        Assert.Equal(40, exported.Count);
        Assert.Equal(drawn.OrderBy(p => p.Key), exported.OrderBy(p => p.Key));
        // Two rewrites are two signals; CSAT 3, undo, format errors and thumbs-up are not negative; t003 has the project's thumbs-down.
        Assert.Equal((2, 1, 1, 0, 0, 0, 2, 1), (exported["t000"], exported["t001"], exported["t002"], exported["t004"], exported["t005"], exported["t006"],
            exported["t008"], exported["t003"]));
    }
}
