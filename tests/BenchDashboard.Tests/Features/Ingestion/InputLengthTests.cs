using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Input drift reads per-day histograms of input lengths (<see cref="DailyInputLength"/>) instead of raw traces: imports
/// keep them in their own transaction, and an upgraded database gets them from the traces it already holds, binned
/// exactly as an import would.
/// </summary>
public abstract class InputLengthTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : InputLengthTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : InputLengthTests(DatabaseProvider.Postgres);

    private static readonly DateOnly Day = new(2026, 3, 2);

    /// <summary>Lengths around every kind of bin edge, empty, 64 KiB, and text where SQLite and .NET count differently.</summary>
    private static readonly string[] Inputs =
    [
        "", "a", new('a', 31), new('a', 32), new('a', 33), new('a', 63), new('a', 64), new('a', 65), new('a', 66), new('a', 150),
        new('a', 151), new('a', 5_000), new('a', 65_536), "😀😀 two emoji are two characters", "é accented", "stops\0at NUL",
    ];

    private static List<(DateOnly, string, int, long)> Expected(IEnumerable<(DateOnly Day, string Category, string Input)> traces) =>
        traces.GroupBy(t => (t.Day, t.Category, InputLengthBins.StartOf(InputLengthBins.LengthOf(t.Input))))
            .Select(g => (g.Key.Day, g.Key.Category, g.Key.Item3, (long)g.Count())).Order().ToList();

    private static async Task<List<(DateOnly, string, int, long)>> StoredAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.DailyInputLengths.ToListAsync()).Select(l => (l.Date, l.Category, l.MinLength, l.Traces)).Order().ToList();
    }

    [Fact]
    public async Task A_trace_import_counts_each_new_trace_once_per_day_category_and_bin_and_moves_the_data_version()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Projects.Add(new Project { Slug = "p", Name = "P", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        // The API refuses empty inputs and control characters such as NUL.
        var traces = Inputs.Where(input => input.Length > 0 && !input.Contains('\0')).Select((input, i) => new
        {
            traceId = $"t{i}", timestamp = $"2026-03-0{2 + i % 2}T10:00:00Z", input, category = i % 2 == 0 ? "billing" : null,
        }).ToList();
        var ingestion = new IngestionService(database.Factory);
        async Task<ImportOutcome> ImportAsync(object items) =>
            await ingestion.ImportAsync(1, ImportKind.Traces, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(items)), BodyFormat.Json, ImportOptions.Store);

        Assert.True((await ImportAsync(traces.Take(10))).Stored);
        Assert.True((await ImportAsync(traces)).Stored);
        await using var db2 = database.CreateContext();
        var version = await ProjectDataVersion.ReadAsync(db2, 1);
        // Resent traces are duplicates: neither counted again nor a change of data.
        Assert.Equal(traces.Count - 10, (await ImportAsync(traces.Skip(10))).Duplicates);

        Assert.Equal(Expected(traces.Select((t, i) => (Day.AddDays(i % 2), t.category ?? "", t.input))), await StoredAsync(database));
        Assert.Equal(version, await ProjectDataVersion.ReadAsync(db2, 1));
        Assert.True(version >= 2);
    }
}
