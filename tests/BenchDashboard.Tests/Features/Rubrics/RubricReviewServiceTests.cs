using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Rubrics.Reviews;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>
/// The quarterly rubric review's rules on a real database of each provider: one open review, only the author edits a
/// draft, four eyes on approval (in the service, whatever page calls), the new version immutable and the old one untouched,
/// abandonment with a reason, the re-grade numbers, and an audit event for every step.
/// </summary>
public abstract class RubricReviewServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : RubricReviewServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : RubricReviewServiceTests(DatabaseProvider.Postgres);

    private static readonly DateTime Now = new(2026, 11, 15, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RubricReviewActor Author = new("lead@example.com", true), Second = new("second-lead@example.com", true),
        Auditor = new("auditor@example.com", false);

    private readonly TestDatabase database = TestDatabase.Create(provider);
    private readonly ManualClock clock = new(Now);
    private RubricReviewService reviews = default!;
    private int projectId, emptyProjectId, v1Id, versionId;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        var audit = new AuditLog(database.Factory, clock, TestAuditKeys.Keyring);
        reviews = new RubricReviewService(database.Factory, audit, clock, new FailureCategoryService(database.Factory, audit));
        await using var db = database.CreateContext();
        var project = new Project { Slug = "rubric", Name = "Rubric", CreatedAt = Now.AddDays(-200) };
        var empty = new Project { Slug = "empty", Name = "No rubric", CreatedAt = Now.AddDays(-200) };
        db.Projects.AddRange(project, empty);
        await db.SaveChangesAsync();
        (projectId, emptyProjectId) = (project.Id, empty.Id);
        var v1 = new RubricVersion
        {
            ProjectId = projectId, Number = 1, Status = RubricVersionStatus.Imported, CreatedAt = Now.AddDays(-100), Notes = "first",
            Items =
            [
                new RubricItem { Key = "cites-policy", Description = "Cites the refund policy.", Weight = 2, Position = 0 },
                new RubricItem { Key = "tone", Description = "Polite tone.", Weight = 1, Position = 1 },
                new RubricItem { Key = "format", Description = "Answers in the house format.", Weight = 1, Position = 2 },
            ],
        };
        db.RubricVersions.Add(v1);
        var version = new PipelineVersion { ProjectId = projectId, Version = "v7", DeployedAt = Now.AddDays(-90), Model = "m" };
        db.PipelineVersions.Add(version);
        db.FailureCategories.AddRange(new FailureCategory { ProjectId = projectId, Name = "deflects dispute" },
            new FailureCategory { ProjectId = projectId, Name = "wrong policy" });
        await db.SaveChangesAsync();
        (v1Id, versionId) = (v1.Id, version.Id);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    /// <summary>A run with one result per outcome set (null: no per-item outcomes) and the stored verdict beside it.</summary>
    private async Task RunAsync(string runId, DateTime startedAt, params (bool Passed, string? Items)[] results)
    {
        await using var db = database.CreateContext();
        var run = new BenchRun { ProjectId = projectId, RunId = runId, PipelineVersionId = versionId, RubricVersionId = v1Id, StartedAt = startedAt };
        for (var i = 0; i < results.Length; i++)
        {
            var c = new BenchCase
            {
                ProjectId = projectId, ExternalId = $"{runId}-c{i}", Status = BenchCaseStatus.Active, Source = BenchCaseSource.Imported,
                CreatedAt = startedAt, FirstSeenAt = startedAt,
            };
            run.Results.Add(new BenchResult { BenchCase = c, Passed = results[i].Passed, ItemOutcomesJson = results[i].Items });
        }
        db.BenchRuns.Add(run);
        await db.SaveChangesAsync();
    }

    private async Task<int> StartedAsync()
    {
        var started = await reviews.StartAsync(projectId, Author);
        Assert.Equal(StartReviewOutcome.Created, started.Outcome);
        return started.ReviewId;
    }

    /// <summary>A draft that keeps cites-policy, drops tone, rewords format and adds escalates-disputes.</summary>
    private async Task<int> DecidedAsync()
    {
        var id = await StartedAsync();
        Assert.Null(await reviews.DecideAsync(projectId, id, ["cites-policy"], RubricItemVerdict.Keep, "Still the heart of support.", Author));
        Assert.Null(await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Drop, "Never fails; tells us nothing.", Author));
        Assert.Null(await reviews.DecideAsync(projectId, id, ["format"], RubricItemVerdict.Change, "The house format changed.", Author,
            "Answers in the 2026 house format.", 3));
        Assert.Null(await reviews.AddItemAsync(projectId, id, "escalates-disputes", "Escalates a disputed charge to a human.", null,
            "deflects dispute", "Sampling found disputes the rubric never checks.", Author));
        return id;
    }

    private async Task<List<AuditEvent>> EventsAsync(int reviewId)
    {
        await using var db = database.CreateContext();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Subject == $"rubric-review:{reviewId}").OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Starting_takes_the_current_version_and_the_quarter_and_a_second_start_opens_the_same_review()
    {
        await using (var db = database.CreateContext())
        {
            db.RubricVersions.Add(new RubricVersion { ProjectId = projectId, Number = 2, Status = RubricVersionStatus.Imported, CreatedAt = Now.AddDays(-10),
                Items = [new RubricItem { Key = "only", Description = "The only item.", Position = 0 }] });
            await db.SaveChangesAsync();
        }

        var id = await StartedAsync();
        var view = (await reviews.GetAsync(projectId, id))!;
        Assert.Equal(("2026-Q4", 2, RubricReviewStatus.Draft, "lead@example.com"), (view.Quarter, view.FromVersion, view.Status, view.CreatedBy));
        Assert.Equal(["only"], view.Items.Select(i => i.Key));

        Assert.Equal(new StartReviewResult(StartReviewOutcome.Existing, id), await reviews.StartAsync(projectId, Second));
        Assert.Equal(StartReviewOutcome.Refused, (await reviews.StartAsync(projectId, Auditor)).Outcome);
        var none = await reviews.StartAsync(emptyProjectId, Author);
        Assert.Equal(StartReviewOutcome.NoRubric, none.Outcome);
        Assert.StartsWith("This project has no rubric version yet", none.Problem);
        Assert.Equal([AuditActions.RubricReviewStarted], (await EventsAsync(id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Only_the_author_edits_a_draft_with_a_rationale_and_every_item_is_decided_before_submitting()
    {
        var id = await StartedAsync();

        Assert.Equal("Write a rationale: why this decision.", await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Keep, "  ", Author));
        Assert.StartsWith("Only the review's author (lead@example.com)", await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Keep, "why", Second));
        Assert.StartsWith("Write the item's new wording", await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Change, "why", Author));
        Assert.StartsWith("A change gives one item its new wording", await reviews.DecideAsync(projectId, id, ["tone", "format"], RubricItemVerdict.Change, "why", Author, "x"));
        Assert.StartsWith("That is the item's wording already", await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Change, "why", Author, "Polite tone."));
        Assert.Equal("Not an item of rubric v1: nope.", await reviews.DecideAsync(projectId, id, ["nope"], RubricItemVerdict.Drop, "why", Author));
        Assert.StartsWith("The rationale is longer than", await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Keep,
            new string('r', RubricItemDecision.MaxRationale + 1), Author));

        // Keys are unique against the version's items (whatever the case) and the other added items; categories are the project's.
        Assert.StartsWith("Rubric v1 already has an item “TONE”", await reviews.AddItemAsync(projectId, id, "TONE", "x", null, null, "why", Author));
        Assert.StartsWith("“made up” is not one of this project's failure categories", await reviews.AddItemAsync(projectId, id, "new", "x", null, "made up", "why", Author));
        Assert.StartsWith("A weight is a number above 0", await reviews.AddItemAsync(projectId, id, "new", "x", -1, null, "why", Author));
        Assert.Null(await reviews.AddItemAsync(projectId, id, "new", "New thing.", null, null, "why", Author));
        Assert.StartsWith("This review already adds an item “New”", await reviews.AddItemAsync(projectId, id, "New", "x", null, null, "why", Author));

        // Keep several at once with one rationale; the third is still open, so submitting waits and says which.
        Assert.Null(await reviews.DecideAsync(projectId, id, ["cites-policy", "tone"], RubricItemVerdict.Keep, "Both still matter.", Author));
        Assert.Equal("1 item still needs a decision before the review can be submitted: format.", await reviews.SubmitAsync(projectId, id, Author));
        Assert.Null(await reviews.DecideAsync(projectId, id, ["format"], RubricItemVerdict.Drop, "Nobody reads the format.", Author));
        Assert.StartsWith("Only the review's author", await reviews.SubmitAsync(projectId, id, Second));
        Assert.Null(await reviews.SubmitAsync(projectId, id, Author));

        var view = (await reviews.GetAsync(projectId, id))!;
        Assert.Equal((RubricReviewStatus.Submitted, Now), (view.Status, view.SubmittedAt));
        Assert.Equal("Both still matter.", view.DecisionOn("tone")!.Rationale);
        Assert.StartsWith("This review is submitted: its decisions no longer change",
            await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Drop, "changed my mind", Author));
        Assert.StartsWith("This review is submitted", await reviews.AddItemAsync(projectId, id, "late", "x", null, null, "why", Author));
    }

    [Fact]
    public async Task The_author_cannot_approve_a_second_lead_does_and_the_new_version_is_written_once_beside_the_untouched_old_one()
    {
        var id = await DecidedAsync();
        Assert.StartsWith("This review is still a draft", await reviews.ApproveAsync(projectId, id, Second));
        Assert.Null(await reviews.SubmitAsync(projectId, id, Author));

        Assert.Equal("You wrote this review, so you cannot approve it: a second Lead or an Admin approves it (four eyes).",
            await reviews.ApproveAsync(projectId, id, Author));
        // The same person whatever the case of their e-mail.
        Assert.StartsWith("You wrote this review", await reviews.ApproveAsync(projectId, id, new RubricReviewActor("LEAD@example.com", true)));
        Assert.Equal("Only a Lead or an Admin approves a rubric review.", await reviews.ApproveAsync(projectId, id, Auditor));
        clock.Advance(TimeSpan.FromHours(3));
        Assert.Null(await reviews.ApproveAsync(projectId, id, Second));

        await using var db = database.CreateContext();
        var versions = await db.RubricVersions.AsNoTracking().Include(v => v.Items).Where(v => v.ProjectId == projectId).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        var (v1, v2) = (versions[0], versions[1]);
        Assert.Equal((RubricVersionStatus.Approved, "second-lead@example.com", Now.AddHours(3)), (v2.Status, v2.ApprovedBy, v2.ApprovedAt));
        Assert.Equal([("cites-policy", "Cites the refund policy.", 2.0, 0), ("format", "Answers in the 2026 house format.", 3.0, 1),
                ("escalates-disputes", "Escalates a disputed charge to a human.", 1.0, 2)],
            v2.Items.OrderBy(i => i.Position).Select(i => (i.Key, i.Description, i.Weight, i.Position)));
        Assert.Contains("kept 1, changed 1, dropped 1, added 1", v2.Notes);
        // The old version is as it was.
        Assert.Equal((RubricVersionStatus.Imported, "first", (string?)null), (v1.Status, v1.Notes, v1.ApprovedBy));
        Assert.Equal(["cites-policy", "tone", "format"], v1.Items.OrderBy(i => i.Position).Select(i => i.Key));
        Assert.Equal("Answers in the house format.", v1.Items.Single(i => i.Key == "format").Description);

        var review = await db.RubricReviews.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal((RubricReviewStatus.Approved, v2.Id, "second-lead@example.com", Now.AddHours(3)),
            (review.Status, review.ToRubricVersionId, review.SignedOffBy, review.SignedOffAt));

        // Approved is final: no second approval, no edit, no abandonment, and the next start takes v2.
        Assert.StartsWith("This review is approved", await reviews.ApproveAsync(projectId, id, new RubricReviewActor("admin@example.com", true)));
        Assert.StartsWith("This review is approved", await reviews.AbandonAsync(projectId, id, "too late", Second));
        Assert.StartsWith("This review is approved", await reviews.DecideAsync(projectId, id, ["tone"], RubricItemVerdict.Keep, "why", Author));
        var next = await reviews.StartAsync(projectId, Second);
        Assert.Equal(2, (await reviews.GetAsync(projectId, next.ReviewId))!.FromVersion);

        var events = await EventsAsync(id);
        Assert.Equal([AuditActions.RubricReviewStarted, AuditActions.RubricReviewDecided, AuditActions.RubricReviewDecided, AuditActions.RubricReviewDecided,
            AuditActions.RubricReviewItemAdded, AuditActions.RubricReviewSubmitted, AuditActions.RubricReviewApproved], events.Select(e => e.Action));
        Assert.Equal("second-lead@example.com", events[^1].Actor);
        using var approved = JsonDocument.Parse(events[^1].PayloadJson!);
        Assert.Equal((1, 2), (approved.RootElement.GetProperty("fromVersion").GetInt32(), approved.RootElement.GetProperty("toVersion").GetInt32()));
        Assert.Equal("tone", approved.RootElement.GetProperty("dropped")[0].GetString());
        using var changed = JsonDocument.Parse(events[3].PayloadJson!);
        Assert.Equal(("change", "Answers in the 2026 house format."), (changed.RootElement.GetProperty("decision").GetString(), changed.RootElement.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_review_is_abandoned_with_a_reason_by_its_author_or_a_lead_and_then_a_new_one_can_start()
    {
        var id = await DecidedAsync();
        Assert.Null(await reviews.SubmitAsync(projectId, id, Author));

        Assert.Equal("Write why the review is abandoned: the reason stays with it.", await reviews.AbandonAsync(projectId, id, " ", Second));
        Assert.Equal("Only the review's author, a Lead or an Admin abandons a review.", await reviews.AbandonAsync(projectId, id, "no", Auditor));
        Assert.Null(await reviews.AbandonAsync(projectId, id, "The bench is being rebuilt; review after that.", Second));

        var view = (await reviews.GetAsync(projectId, id))!;
        Assert.Equal((RubricReviewStatus.Abandoned, "second-lead@example.com", "The bench is being rebuilt; review after that."),
            (view.Status, view.AbandonedBy, view.AbandonReason));
        Assert.Equal("This review was abandoned.", await reviews.ApproveAsync(projectId, id, Second));
        Assert.Equal(AuditActions.RubricReviewAbandoned, (await EventsAsync(id))[^1].Action);

        // No open review is left, so this quarter's review starts afresh, and no version was made.
        var again = await reviews.StartAsync(projectId, Author);
        Assert.Equal(StartReviewOutcome.Created, again.Outcome);
        Assert.NotEqual(id, again.ReviewId);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.RubricVersions.CountAsync(v => v.ProjectId == projectId));
    }

    [Fact]
    public async Task The_impact_re_grades_the_last_ten_runs_with_outcomes_newest_first()
    {
        // An old run without outcomes is not among the recent runs with outcomes; twelve runs with outcomes: the newest ten count.
        await RunAsync("no-outcomes", Now.AddDays(-1), (true, null), (false, null));
        for (var d = 12; d >= 1; d--)
        {
            await RunAsync($"run-{d:00}", Now.AddDays(-d - 1),
                (true, """{"cites-policy": true, "tone": true}"""),
                (false, """{"cites-policy": true, "tone": false}"""), // passes once tone is dropped
                (false, """{"cites-policy": false, "tone": false}"""), // still fails
                (d % 2 == 0, null)); // keeps its verdict
        }

        var impact = await reviews.ImpactAsync(projectId, ["tone"]);

        Assert.Equal(Enumerable.Range(1, 10).Select(d => $"run-{d:00}"), impact.Runs.Select(r => r.RunId));
        var even = impact.Runs.Single(r => r.RunId == "run-02");
        Assert.Equal((4, 2, 3, 1), (even.Results, even.PassedNow, even.PassedReGraded, even.WithoutOutcomes));
        Assert.Equal(0.25, even.Change, 12);
        // 40 results: now 10 + 5 pass, re-graded 20 + 5; 10 kept their verdict.
        Assert.Equal((40, 15, 25, 10), (impact.Results, impact.PassedNow, impact.PassedReGraded, impact.WithoutOutcomes));
        Assert.Equal(0.25, impact.Change, 12);
        Assert.Equal(["tone"], impact.Dropped);
    }
}
