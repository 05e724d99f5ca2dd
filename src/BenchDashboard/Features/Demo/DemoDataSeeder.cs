using System.Diagnostics;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Demo;

/// <summary>
/// Generates the demo story of ARCHITECTURE.md on an empty database: nine months of a support assistant whose
/// bench passes 93–96 % while a new, uncovered category drags user satisfaction down from month 5 on.
/// Deterministic: the same anchor date gives the same rows. Bulk rows go through prepared SQLite commands in one
/// transaction, since ~400,000 traces through EF change tracking would take minutes.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<AppDbContext> dbFactory, UserManager<AppUser> users, AuditLog audit, ILogger<DemoDataSeeder> logger)
{
    private const int Seed = 20260301;

    public async Task<bool> SeedIfEmptyAsync(DateOnly? anchorDate, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Projects.AnyAsync(ct)) return false;

        var stopwatch = Stopwatch.StartNew();
        var end = anchorDate ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var day0 = end.AddDays(-(DemoStory.Days - 1));
        var rng = new Random(Seed);

        var accounts = await EnsureAccountsAsync();
        var project = new Project
        {
            Slug = DemoStory.ProjectSlug, Name = "Support assistant", IsDemo = true, CreatedAt = At(day0, 0),
            Description = "Demo: a customer-support chat assistant. Generated data, see the README.",
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);

        var versions = DemoStory.Versions.Select(v => new PipelineVersion
        {
            ProjectId = project.Id, Version = v.Version, DeployedAt = At(day0.AddDays(v.Day), 9),
            Model = v.Model, Prompt = v.Prompt, Tools = v.Day >= 139 ? "order-lookup" : null,
            DataSources = v.Day >= 236 ? "help-centre-2026" : "help-centre-2025", Notes = v.Notes,
        }).ToList();
        db.PipelineVersions.AddRange(versions);
        var rubrics = CreateRubrics(project.Id, day0, accounts[Roles.Admin]);
        db.RubricVersions.AddRange(rubrics);
        await db.SaveChangesAsync(ct);

        var cases = CreateBenchCases(project.Id, day0, rng);
        db.BenchCases.AddRange(cases);
        await db.SaveChangesAsync(ct);
        var runs = CreateBenchRuns(project.Id, day0, versions, rubrics, cases, rng);
        db.BenchRuns.AddRange(runs);
        // Data time: every case ran from the first run on, whenever its row was written.
        var firstRun = runs.Min(r => r.StartedAt);
        foreach (var benchCase in cases) benchCase.FirstSeenAt = firstRun;
        await db.SaveChangesAsync(ct);

        var (traceCount, eventCount) = await InsertTracesAndFeedbackAsync(db, project.Id, day0, versions, rng, ct);
        await CreateSamplingRoundsAsync(db, project.Id, day0, cases, accounts, rng, ct);
        CreateRubricReview(db, project.Id, day0, rubrics, accounts[Roles.Lead], accounts[Roles.Admin]);
        CreateUpgradeAudit(db, project.Id, day0, runs, accounts[Roles.Lead]);
        await db.SaveChangesAsync(ct);

        await audit.AppendAsync("system", AuditActions.DemoSeeded, $"project:{project.Slug}",
            new { From = day0, To = end, Traces = traceCount, FeedbackEvents = eventCount, BenchRuns = runs.Count }, ct);
        logger.LogInformation("Demo project '{Slug}' seeded: {Traces} traces, {Events} feedback events, {Runs} bench runs, {Days} days to {End} in {Seconds:F1} s.",
            project.Slug, traceCount, eventCount, runs.Count, DemoStory.Days, end, stopwatch.Elapsed.TotalSeconds);
        return true;
    }

    /// <summary>Prints the demo accounts when this database holds the demo project.</summary>
    public async Task PrintDemoAccountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Projects.AnyAsync(p => p.IsDemo, ct)) return;
        var lines = DemoStory.Accounts.Select(a => $"  {a.Role,-9} {a.Email,-22} password: {a.Password}");
        logger.LogWarning("Demo data is loaded. Demo accounts (never use these in production):\n{Accounts}", string.Join('\n', lines));
    }

    private async Task<Dictionary<string, AppUser>> EnsureAccountsAsync()
    {
        var byRole = new Dictionary<string, AppUser>();
        foreach (var account in DemoStory.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new AppUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName };
                var result = await users.CreateAsync(user, account.Password);
                if (!result.Succeeded) throw new InvalidOperationException($"Demo account {account.Email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                await users.AddToRoleAsync(user, account.Role);
            }
            byRole[account.Role] = user;
        }
        return byRole;
    }

    /// <summary>The launch rubric, imported by the bench runner, and the version the quarterly review made (approved by the
    /// admin, the second pair of eyes); their items are <see cref="DemoRubric"/>'s.</summary>
    private static List<RubricVersion> CreateRubrics(int projectId, DateOnly day0, AppUser approver)
    {
        return
        [
            new RubricVersion
            {
                ProjectId = projectId, Number = 1, Status = RubricVersionStatus.Imported, CreatedAt = At(day0, 8),
                Notes = "Launch rubric, imported by the bench runner.", Items = DemoRubric.LaunchItems(),
            },
            new RubricVersion
            {
                ProjectId = projectId, Number = 2, Status = RubricVersionStatus.Approved, ApprovedBy = approver.Email, ApprovedAt = At(day0.AddDays(200), 15),
                CreatedAt = At(day0.AddDays(200), 15),
                Notes = "Quarterly review: disputed charges added; format folded into tone.", Items = DemoRubric.ReviewedItems(),
            },
        ];
    }

    private static List<BenchCase> CreateBenchCases(int projectId, DateOnly day0, Random rng)
    {
        var cases = new List<BenchCase>(DemoStory.BenchCases);
        for (var i = 0; i < DemoStory.BenchCases; i++)
        {
            var category = DemoStory.BaseCategories[i % DemoStory.BaseCategories.Length];
            cases.Add(new BenchCase
            {
                ProjectId = projectId,
                ExternalId = $"{category.Split(' ')[0]}-{i / DemoStory.BaseCategories.Length + 1:000}",
                Category = category,
                Input = DemoText.Input(category, rng),
                Status = BenchCaseStatus.Active,
                Source = BenchCaseSource.Imported,
                CreatedAt = At(day0, 7),
            });
        }
        return cases;
    }

    /// <summary>A run each week and one on every deploy; the same dozen cases fail in every run, plus ~1 % noise. Each run
    /// names the rubric version in force at its start, and each result carries that rubric's per-item outcomes.</summary>
    private static List<BenchRun> CreateBenchRuns(int projectId, DateOnly day0, List<PipelineVersion> versions,
        List<RubricVersion> rubrics, List<BenchCase> cases, Random rng)
    {
        var runDays = Enumerable.Range(0, DemoStory.Days / 7 + 1).Select(w => w * 7 + 3)
            .Concat(DemoStory.Versions.Select(v => v.Day))
            .Where(d => d < DemoStory.Days).Distinct().Order().ToList();
        var chronic = cases.Where((_, i) => i % (DemoStory.BenchCases / DemoStory.ChronicFailures) == 5).Take(DemoStory.ChronicFailures)
            .Select(c => c.Id).ToHashSet();
        // The other failures come from a few flaky cases the team already knows: nothing the bench reports is news.
        var flaky = cases.Where((_, i) => i % 30 == 17).Take(DemoStory.FlakyCases).Select(c => c.Id).ToHashSet();
        var runs = new List<BenchRun>();
        foreach (var day in runDays)
        {
            var version = versions.Last(v => v.DeployedAt <= At(day0.AddDays(day), 23));
            var startedAt = At(day0.AddDays(day), 11);
            var rubric = rubrics.Last(r => r.CreatedAt <= startedAt);
            var run = new BenchRun
            {
                ProjectId = projectId, RunId = $"run-{day0.AddDays(day):yyyy-MM-dd}-{version.Version}",
                PipelineVersionId = version.Id, RubricVersionId = rubric.Id, StartedAt = startedAt,
            };
            for (var i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                var passed = !chronic.Contains(c.Id) && !(flaky.Contains(c.Id) && rng.NextDouble() < DemoStory.FlakyFailureChance);
                var score = passed ? 0.7 + 0.3 * rng.NextDouble() : 0.2 + 0.4 * rng.NextDouble();
                run.Results.Add(new BenchResult
                {
                    BenchCaseId = c.Id, Passed = passed, Score = Math.Round(score, 3),
                    ItemOutcomesJson = DemoRubric.Outcomes(rubric.Items, passed, chronic.Contains(c.Id), i, day),
                });
            }
            runs.Add(run);
        }
        return runs;
    }

    private static async Task<(int Traces, int Events)> InsertTracesAndFeedbackAsync(AppDbContext db, int projectId,
        DateOnly day0, List<PipelineVersion> versions, Random rng, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dialect = SqlDialect.Of(connection);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The importers' tables and columns; every id is new here, so nothing is checked for conflicts.
        using var traceInsert = dialect.PrepareBatchInsert(connection, tx, TraceSink.Insert with { Conflict = null });
        using var eventInsert = dialect.PrepareBatchInsert(connection, tx, FeedbackSink.Insert with { Conflict = null });

        var rollups = new RollupDeltas(projectId);
        var inputLengths = new InputLengthDeltas(projectId);
        int traces = 0, events = 0;
        var dayTraces = new List<object?[]>();
        var dayEvents = new List<object?[]>();
        for (var day = 0; day < DemoStory.Days; day++)
        {
            ct.ThrowIfCancellationRequested();
            var date = day0.AddDays(day);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var count = (int)(DemoStory.TracesPerDay * (weekend ? 0.85 : 1.06) * (0.95 + 0.1 * rng.NextDouble()));
            var newShare = DemoStory.NewCategoryShare(day);
            for (var i = 0; i < count; i++)
            {
                var timestamp = At(date, 0).AddSeconds(86_400.0 * i / count + rng.Next(0, 30));
                var version = versions.Last(v => v.DeployedAt <= timestamp || v == versions[0]);
                var category = PickCategory(rng, newShare);
                var traceId = $"tr-{date:yyyyMMdd}-{i:00000}";
                var input = DemoText.Input(category, rng);
                var output = DemoText.Output(category, rng);
                var metadata = $$"""{"channel":"{{(rng.NextDouble() < 0.7 ? "web" : "app")}}","latencyMs":{{rng.Next(400, 4000)}}}""";
                dayTraces.Add([projectId, traceId, timestamp, version.Id, input, output, category, metadata]);
                rollups.AddTrace(timestamp, category);
                inputLengths.AddTrace(timestamp, category, input);
                traces++;

                var profile = category == DemoStory.NewCategory ? DemoStory.Uncovered : DemoStory.Usual;
                foreach (var (kind, value) in Feedback(profile, rng))
                {
                    // Feedback follows its trace within minutes, but stays on the trace's day so the demo ends on its anchor date.
                    var feedbackAt = timestamp.AddSeconds(rng.Next(5, 600));
                    var eventAt = feedbackAt.Date == timestamp.Date ? feedbackAt : timestamp;
                    dayEvents.Add([projectId, $"ev-{traceId}-{kind}", traceId, eventAt, kind.ToString(), value]);
                    rollups.AddFeedback(eventAt, category, kind, value);
                    // Feedback yields each kind at most once per trace, so every per-trace event is its trace's first of that kind.
                    if (DailyRollup.IsPerTrace(kind)) rollups.AddTraceWith(timestamp, category, kind);
                    events++;
                }
            }
            traceInsert.Execute(dayTraces, new bool[dayTraces.Count], default);
            eventInsert.Execute(dayEvents, new bool[dayEvents.Count], default);
            dayTraces.Clear();
            dayEvents.Clear();
        }
        var session = new ImportSession(connection, tx, dialect, projectId);
        rollups.ApplyTo(session);
        inputLengths.ApplyTo(session);
        ProjectDataVersion.Bump(connection, tx, projectId);
        await tx.CommitAsync(ct);
        return (traces, events);
    }

    private static IEnumerable<(FeedbackKind Kind, double? Value)> Feedback(DemoStory.FeedbackProfile p, Random rng)
    {
        if (rng.NextDouble() < p.ThumbsGiven)
        {
            yield return (rng.NextDouble() < p.ThumbsUp ? FeedbackKind.ThumbsUp : FeedbackKind.ThumbsDown, null);
        }
        if (rng.NextDouble() < p.CsatGiven)
        {
            var u = rng.NextDouble();
            var score = 1;
            for (var acc = p.CsatDistribution[0]; u > acc && score < 5; acc += p.CsatDistribution[score++]) { }
            yield return (FeedbackKind.Csat, score);
        }
        if (rng.NextDouble() < p.Rewrite) yield return (FeedbackKind.Rewrite, null);
        if (rng.NextDouble() < p.Retry) yield return (FeedbackKind.Retry, null);
        if (rng.NextDouble() < p.Undo) yield return (FeedbackKind.Undo, null);
        if (rng.NextDouble() < p.FormatError) yield return (FeedbackKind.FormatError, null);
    }

    private static string PickCategory(Random rng, double newShare)
    {
        var u = rng.NextDouble();
        if (u < newShare) return DemoStory.NewCategory;
        u = (u - newShare) / (1 - newShare);
        var acc = 0.0;
        for (var i = 0; i < DemoStory.BaseCategories.Length; i++)
        {
            acc += DemoStory.BaseShares[i];
            if (u < acc) return DemoStory.BaseCategories[i];
        }
        return DemoStory.BaseCategories[^1];
    }

    /// <summary>Three closed monthly rounds; the last closed one is ~70 days old so the cadence signal has something to say.
    /// The lead accepted two of the first round's gaps as bench cases (<see cref="DemoStory.AcceptedGaps"/>); nothing carried
    /// them to the bench runner, so no run has them
    /// (issue 14's story: the Bench page shows them never run, and the export closes that loop).</summary>
    private static async Task CreateSamplingRoundsAsync(AppDbContext db, int projectId, DateOnly day0, List<BenchCase> cases,
        Dictionary<string, AppUser> accounts, Random rng, CancellationToken ct)
    {
        var reviewer = accounts[Roles.Reviewer];
        var accepted = new List<(TraceReview Review, DateTime At)>();
        db.FailureCategories.AddRange(FailureCategoryService.Defaults.Append(DemoRubric.UncoveredCategory).Append(DemoRubric.DisputeCategory)
            .Select(name => new FailureCategory { ProjectId = projectId, Name = name }));
        foreach (var monthStartDay in new[] { 122, 152, 183 })
        {
            var from = day0.AddDays(monthStartDay);
            var to = from.AddDays(30);
            var period = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var fromAt = At(from, 0);
            var toAt = At(to, 0);
            var window = await db.ProductionTraces.AsNoTracking()
                .Where(t => t.ProjectId == projectId && t.Timestamp >= fromAt && t.Timestamp < toAt)
                .OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.Category, t.TraceId, t.Timestamp, t.Input, t.Output, t.MetadataJson })
                .ToListAsync(ct);
            var picked = window.OrderBy(_ => rng.Next()).Take(60).ToList();
            var acceptsGaps = monthStartDay == 122;
            var round = new SamplingRound
            {
                ProjectId = projectId, Period = period, Size = 60, Strategy = SamplingStrategy.Uniform, Seed = monthStartDay,
                WindowFrom = fromAt, WindowTo = toAt, Status = SamplingRoundStatus.Closed, CreatedBy = accounts[Roles.Lead].Email,
                CreatedAt = At(to, 9), ClosedAt = At(to.AddDays(5), 16),
            };
            for (var i = 0; i < picked.Count; i++)
            {
                var trace = picked[i];
                var sampled = new SampledTrace { ProductionTraceId = trace.Id, Position = i + 1, AssignedReviewerId = reviewer.Id };
                var isNew = trace.Category == DemoStory.NewCategory;
                var bad = isNew ? rng.NextDouble() < 0.7 : rng.NextDouble() < 0.1;
                var matched = cases.FirstOrDefault(c => c.Category == trace.Category);
                sampled.Reviews.Add(new TraceReview
                {
                    ReviewerId = reviewer.Id,
                    Verdict = bad ? ReviewVerdict.Bad : ReviewVerdict.Good,
                    FailureCategory = bad ? (isNew ? DemoRubric.DisputeCategory : DemoRubric.UncoveredCategory) : null,
                    BenchWouldCatch = !bad ? BenchWouldCatch.NotApplicable : isNew ? BenchWouldCatch.No : BenchWouldCatch.Yes,
                    MatchedBenchCaseId = bad && !isNew ? matched?.Id : null,
                    Notes = bad && isNew ? "Generic renewal answer to a disputed charge; no bench case covers disputes." : null,
                    // The last rounds' gaps wait for the lead's decision: the demo's bench still lacks dispute cases.
                    ProposedCaseJson = bad && isNew
                        ? (DraftCase.FromTrace(new TraceSnapshot(trace.TraceId, trace.Timestamp, null, trace.Input, trace.Output, trace.Category, trace.MetadataJson))
                            with { ExpectedBehaviour = "Acknowledge the dispute and escalate to a human." }).ToJson()
                        : null,
                    DraftStatus = bad && isNew ? DraftCaseStatus.Pending : null,
                    Revision = 1,
                    ReviewedAt = At(to.AddDays(2), 14),
                });
                if (bad && isNew && acceptsGaps && accepted.Count < DemoStory.AcceptedGaps) accepted.Add((sampled.Reviews.Single(), At(to.AddDays(4), 11)));
                round.Traces.Add(sampled);
            }
            db.SamplingRounds.Add(round);
        }
        await AcceptGapsAsync(db, projectId, accepted, ct);
    }

    /// <summary>What <see cref="RoundService.AcceptDraftAsync"/> does, on the demo's timeline: an active case from a production
    /// gap, existing in data time from its acceptance.</summary>
    private static async Task AcceptGapsAsync(AppDbContext db, int projectId, List<(TraceReview Review, DateTime At)> accepted, CancellationToken ct)
    {
        var cases = accepted.Select(a => (Draft: DraftCase.FromJson(a.Review.ProposedCaseJson)!, a.At))
            .Select(a => a.Draft.ToBenchCase(projectId, $"gap-{a.Draft.Provenance.TraceId}", a.At)).ToList();
        db.BenchCases.AddRange(cases);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < accepted.Count; i++)
        {
            accepted[i].Review.DraftStatus = DraftCaseStatus.Accepted;
            accepted[i].Review.AcceptedBenchCaseId = cases[i].Id;
            accepted[i].Review.Revision++;
        }
    }

    /// <summary>The quarterly review that made version 2: the lead proposed a decision per item and submitted it, the admin
    /// approved it (four eyes: the author never approves their own review).</summary>
    private static void CreateRubricReview(AppDbContext db, int projectId, DateOnly day0, List<RubricVersion> rubrics, AppUser lead, AppUser approver)
    {
        var review = new RubricReview
        {
            ProjectId = projectId, Quarter = QuarterOf(day0.AddDays(195)), FromRubricVersionId = rubrics[0].Id, ToRubricVersionId = rubrics[1].Id,
            CreatedAt = At(day0.AddDays(195), 10), CreatedBy = lead.Email, Status = RubricReviewStatus.Approved,
            SubmittedAt = At(day0.AddDays(197), 17), SignedOffBy = approver.Email, SignedOffAt = rubrics[1].ApprovedAt,
        };
        review.Decisions.AddRange(DemoRubric.Decisions(lead.Email!, At(day0.AddDays(196), 14)));
        db.RubricReviews.Add(review);
    }

    private static void CreateUpgradeAudit(AppDbContext db, int projectId, DateOnly day0, List<BenchRun> runs, AppUser lead)
    {
        var head = runs.First(r => r.RunId.EndsWith("-v6", StringComparison.Ordinal));
        var @base = runs.Last(r => r.StartedAt < head.StartedAt);
        var audit = new UpgradeAudit
        {
            ProjectId = projectId, BaseRunId = @base.Id, HeadRunId = head.Id, CreatedAt = head.StartedAt.AddHours(2),
            SignedOffBy = lead.Email, SignedOffAt = head.StartedAt.AddDays(1), CreatedBy = lead.Email,
        };
        // The lead's decisions, as the audit page asks for them: the cases that failed in every run since launch go back
        // to the bench; every other changed case of the pair is one of the known flaky ones, kept with that reason.
        var before = @base.Results.ToDictionary(r => r.BenchCaseId, r => r.Passed);
        var alwaysFailing = runs.SelectMany(r => r.Results).GroupBy(r => r.BenchCaseId).Where(g => g.All(r => !r.Passed)).Select(g => g.Key).ToHashSet();
        foreach (var result in head.Results)
        {
            if (!before.TryGetValue(result.BenchCaseId, out var passedBefore)) continue;
            var change = (passedBefore, result.Passed) switch
            {
                (true, false) => UpgradeCaseChange.NewlyFailing,
                (false, true) => UpgradeCaseChange.NewlyPassing,
                (false, false) => UpgradeCaseChange.StillFailing,
                _ => (UpgradeCaseChange?)null,
            };
            if (change is null) continue;
            var chronic = alwaysFailing.Contains(result.BenchCaseId);
            audit.Decisions.Add(new UpgradeCaseDecision
            {
                BenchCaseId = result.BenchCaseId, Change = change.Value,
                Decision = chronic ? UpgradeCaseVerdict.FixBench : UpgradeCaseVerdict.Keep,
                Rationale = chronic
                    ? "Fails on every version since launch: its expected behaviour predates the current refund policy. Rewrite it."
                    : "A known flaky case: it passes and fails on its own across runs of the same version. No regression.",
                DecidedBy = lead.Email!, DecidedAt = head.StartedAt.AddHours(20),
            });
        }
        db.UpgradeAudits.Add(audit);
    }

    private static DateTime At(DateOnly date, int hour) => date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    private static string QuarterOf(DateOnly d) => $"{d.Year}-Q{(d.Month - 1) / 3 + 1}";
}
