using BenchDashboard.Data;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Sampling;

/// <summary>
/// A real project (a SQLite file unless told otherwise) for the sampling workflow: 200 traces of June 2026 in three categories (every 4th with a
/// thumbs-down), sent through the real import path, and an active bench of three cases; the services wired as the app does.
/// </summary>
public sealed class SamplingProject : IAsyncDisposable
{
    public const string Period = "2026-06";
    public static readonly DateOnly From = new(2026, 6, 1), To = new(2026, 6, 30);

    private readonly TestDatabase database;

    private SamplingProject(TestDatabase database) => this.database = database;
    public int ProjectId { get; private set; }

    /// <summary>The project's database, for services built by a container (the component tests).</summary>
    public Microsoft.EntityFrameworkCore.IDbContextFactory<BenchDashboard.Data.AppDbContext> Factory => database.Factory;
    public SamplingService Sampling { get; private set; } = default!;
    public ReviewService Reviews { get; private set; } = default!;
    public RoundService Rounds { get; private set; } = default!;
    public RoundExporter Exporter { get; private set; } = default!;
    public IReadOnlyDictionary<string, int> CaseIds { get; private set; } = default!;

    public static async Task<SamplingProject> CreateAsync(int traces = 200, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var project = new SamplingProject(await TestDatabase.CreateAsync(provider));
        await project.InitializeAsync(traces);
        return project;
    }

    private async Task InitializeAsync(int traceCount)
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var project = new Project { Slug = "sampling", Name = "Sampling", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        ProjectId = project.Id;

        string[] categories = ["billing", "billing", "shipping", "returns"];
        var traces = Enumerable.Range(0, traceCount).Select(i => new
        {
            traceId = $"t{i:000}", timestamp = new DateTime(2026, 6, 1 + i % 30, 10, 0, 0, DateTimeKind.Utc).ToString("O"), version = "v1",
            input = $"Question {i} about my {categories[i % 4]} order and the refund", output = $"Answer {i}", category = categories[i % 4],
        });
        // One trace of May, outside the window.
        var outside = new[] { new { traceId = "may", timestamp = "2026-05-31T23:59:59Z", version = "v1", input = "old", output = "old", category = "billing" } };
        var feedback = Enumerable.Range(0, traceCount).Where(i => i % 4 == 3)
            .Select(i => new { eventId = $"e{i}", traceId = $"t{i:000}", timestamp = "2026-06-15T12:00:00Z", kind = "thumbs_down" });
        var ingestion = new IngestionService(database.Factory);
        foreach (var (kind, items) in new (ImportKind, object)[] { (ImportKind.Traces, traces.Concat(outside)), (ImportKind.Feedback, feedback) })
        {
            var result = await ingestion.ImportAsync(ProjectId, kind, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(items)), BodyFormat.Json, ImportOptions.Store);
            Assert.True(result.Stored);
        }

        var cases = new[] { ("case-refund", "Refund the order when the parcel is lost", "billing"), ("case-ship", "Shipping times to Europe", "shipping"),
            ("case-retired", "Old retired case about refunds", "billing") };
        foreach (var (id, input, category) in cases)
        {
            db.BenchCases.Add(new BenchCase
            {
                ProjectId = ProjectId, ExternalId = id, Input = input, Category = category, CreatedAt = DateTime.UtcNow,
                Status = id == "case-retired" ? BenchCaseStatus.Retired : BenchCaseStatus.Active,
                RetiredAt = id == "case-retired" ? DateTime.UtcNow : null,
            });
        }
        await db.SaveChangesAsync();
        CaseIds = await db.BenchCases.ToDictionaryAsync(c => c.ExternalId, c => c.Id);

        var audit = new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring);
        Sampling = new SamplingService(database.Factory, audit, TimeProvider.System);
        Reviews = new ReviewService(database.Factory, new SimilarCasesCache(database.Factory), TimeProvider.System);
        Rounds = new RoundService(database.Factory, audit, TimeProvider.System);
        Exporter = new RoundExporter(database.Factory);
    }

    public static RoundSettings Settings(int size = 60, SamplingStrategy strategy = SamplingStrategy.Uniform, int seed = 42, double doubleReview = 0.15) =>
        new(Period, size, strategy, seed, From, To, DoubleReviewFraction: doubleReview);

    public async Task<RoundStarted> StartAsync(RoundSettings settings, params string[] reviewers) =>
        await Sampling.StartAsync(ProjectId, settings, reviewers, firstReviewers: null, "lead@test");

    public async Task<List<SampledTrace>> SampledAsync(int roundId)
    {
        await using var db = database.CreateContext();
        return await db.SampledTraces.AsNoTracking().Where(t => t.SamplingRoundId == roundId).OrderBy(t => t.Position).ToListAsync();
    }

    public async Task<T> QueryAsync<T>(Func<BenchDashboard.Data.AppDbContext, Task<T>> query)
    {
        await using var db = database.CreateContext();
        return await query(db);
    }

    public async Task AddTraceAsync(string traceId, string timestamp)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new[] { new { traceId, timestamp, input = "late arrival", category = "billing" } });
        Assert.True((await new IngestionService(database.Factory).ImportAsync(ProjectId, ImportKind.Traces, new MemoryStream(body), BodyFormat.Json, ImportOptions.Store)).Stored);
    }

    public async Task AddFeedbackAsync(IEnumerable<object> events)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(events);
        Assert.True((await new IngestionService(database.Factory).ImportAsync(ProjectId, ImportKind.Feedback, new MemoryStream(body), BodyFormat.Json, ImportOptions.Store)).Stored);
    }

    public BenchDashboard.Features.Signals.SignalDataLoader SignalLoader() => new(database.Factory);

    /// <summary>The signals as the app serves them: the project's settings, the loader, the cache.</summary>
    public BenchDashboard.Features.Signals.SignalsService SignalsService() =>
        new(SignalLoader(), new BenchDashboard.Features.Signals.SignalSettingsService(database.Factory, new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring)));

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }
}
