using System.Net;
using System.Net.Http.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Data;

/// <summary>Builds Fixtures/sql-scripts-release.db with the last release that used SQL-script migrations (run once by hand
/// with BENCHDASHBOARD_BUILD_FIXTURE=path; kept in git history only, since the scripts go away in the next commit).</summary>
public class FixtureBuilder
{
    [Fact]
    public async Task Build()
    {
        var target = Environment.GetEnvironmentVariable("BENCHDASHBOARD_BUILD_FIXTURE");
        if (string.IsNullOrEmpty(target)) return;
        using var app = new AppFactory();
        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsJsonAsync("/api/v1/projects/legacy", new { name = "Legacy <support> bot", description = "Made by the SQL-script release" })).StatusCode);
        async Task Post(string path, object body) => Assert.True((await api.PostAsJsonAsync($"/api/v1/projects/legacy/{path}", body)).IsSuccessStatusCode, path);
        await Post("versions", new { version = "v1", deployedAt = "2026-03-01T09:00:00Z", model = "m-1", prompt = "p1", notes = "launch" });
        await Post("versions", new { version = "v2", deployedAt = "2026-03-15T09:00:00Z", model = "m-2" });
        string[] categories = ["billing", "shipping", "returns"];
        await Post("traces", Enumerable.Range(0, 40).Select(i => new
        {
            traceId = $"t{i:00}", timestamp = new DateTime(2026, 3, 1 + i % 28, 10, i % 60, 0, DateTimeKind.Utc).ToString("O"), version = i < 20 ? "v1" : "v2",
            input = $"Question {i} about my {categories[i % 3]} order " + new string('x', i * 7), output = $"Answer {i}",
            category = i % 5 == 4 ? null : categories[i % 3], metadata = new { locale = "de-DE" },
        }).ToArray());
        string[] kinds = ["thumbs_up", "thumbs_down", "rewrite", "retry", "undo", "format_error"];
        await Post("feedback", Enumerable.Range(0, 60).Select(i => (object)(i % 10 == 9
            ? new { eventId = $"e{i}", traceId = i % 20 == 19 ? null : "never-sent", timestamp = new DateTime(2026, 3, 1 + i % 28, 12, 0, 0, DateTimeKind.Utc).ToString("O"), kind = "csat", value = (double?)(1 + i % 5) }
            : new { eventId = $"e{i}", traceId = (string?)$"t{i % 40:00}", timestamp = new DateTime(2026, 3, 1 + i % 40 % 28, 11, 0, 0, DateTimeKind.Utc).ToString("O"), kind = kinds[i % 6], value = (double?)null })).ToArray());
        await Post("metrics", new[] { new { date = "2026-03-02", metric = "thumbsUpRate", value = 0.81, n = 120 }, new { date = "2026-03-03", metric = "csat", value = 4.2, n = 30 } });
        foreach (var (runId, at, version, pass) in new[] { ("run-1", "2026-03-02T10:00:00Z", "v1", true), ("run-2", "2026-03-16T10:00:00Z", "v2", false) })
        {
            await Post("bench-runs", new
            {
                runId, version, startedAt = at, rubricVersion = 1,
                results = Enumerable.Range(1, 5).Select(c => new { caseId = $"case-{c}", passed = pass || c % 2 == 0, score = 0.5 + c / 10.0, category = categories[c % 3], input = $"bench input {c}" }),
            });
        }

        var sp = app.Services;
        var admin = sp.GetRequiredService<UserAdminService>();
        Assert.True((await admin.CreateAsync("lead@legacy.local", "Lea Lead", "legacy-lead-password-1", [Roles.Lead], AppFactory.AdminEmail)).Succeeded);
        Assert.True((await admin.CreateAsync("reviewer@legacy.local", "Rémy Reviewer", "legacy-reviewer-password-1", [Roles.Reviewer], AppFactory.AdminEmail)).Succeeded);
        Assert.True((await admin.CreateAsync("reviewer2@legacy.local", "Ria Reviewer", "legacy-reviewer-password-2", [Roles.Reviewer], AppFactory.AdminEmail)).Succeeded);
        var keys = sp.GetRequiredService<ApiKeyService>();
        int projectId;
        await using (var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            projectId = (await db.Projects.SingleAsync(p => p.Slug == "legacy")).Id;
        }
        await keys.CreateAsync("runner", ApiScopes.Ingest | ApiScopes.Read, projectId, AppFactory.AdminEmail, chosenSecret: "legacy-runner-key-0123456789abcdefghijklmnop");
        var (revoked, _) = await keys.CreateAsync("old runner", ApiScopes.Ingest, projectId, AppFactory.AdminEmail);
        await keys.RevokeAsync(revoked.Id, AppFactory.AdminEmail);

        await sp.GetRequiredService<FailureCategoryService>().SaveAsync(projectId, ["made-up fact", "wrong policy", "tone"], "lead@legacy.local");
        await sp.GetRequiredService<SignalSettingsService>().SetWebhookAsync(projectId, "legacy", "https://hooks.example.test/bench", "lead@legacy.local");

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var reviewer = (await users.FindByEmailAsync("reviewer@legacy.local"))!.Id;
        var reviewer2 = (await users.FindByEmailAsync("reviewer2@legacy.local"))!.Id;
        var round = await sp.GetRequiredService<SamplingService>().StartAsync(projectId,
            new RoundSettings("2026-03", 12, SamplingStrategy.Stratified, 7, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), DoubleReviewFraction: 0.2),
            [reviewer, reviewer2], firstReviewers: null, "lead@legacy.local");

        await using (var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var sampled = await db.SampledTraces.Where(s => s.SamplingRoundId == round.RoundId).OrderBy(s => s.Position).ToListAsync();
            var caseId = (await db.BenchCases.FirstAsync(c => c.ExternalId == "case-2")).Id;
            db.TraceReviews.Add(new TraceReview { SampledTraceId = sampled[0].Id, ReviewerId = sampled[0].AssignedReviewerId!, Verdict = ReviewVerdict.Good, ReviewedAt = new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc), Revision = 1 });
            db.TraceReviews.Add(new TraceReview
            {
                SampledTraceId = sampled[1].Id, ReviewerId = sampled[1].AssignedReviewerId!, Verdict = ReviewVerdict.Bad, FailureCategory = "made-up fact",
                BenchWouldCatch = BenchWouldCatch.No, Notes = "Invents a <refund> policy", ProposedCaseJson = """{"input":"Question 1","expectedBehaviour":"Cite the policy"}""",
                DraftStatus = DraftCaseStatus.Pending, ReviewedAt = new DateTime(2026, 4, 2, 9, 5, 0, DateTimeKind.Utc), Revision = 2,
            });
            db.TraceReviews.Add(new TraceReview
            {
                SampledTraceId = sampled[2].Id, ReviewerId = sampled[2].AssignedReviewerId!, Verdict = ReviewVerdict.Bad, FailureCategory = "tone",
                BenchWouldCatch = BenchWouldCatch.Yes, MatchedBenchCaseId = caseId, ReviewedAt = new DateTime(2026, 4, 2, 9, 9, 0, DateTimeKind.Utc), Revision = 1,
            });
            db.TraceReviews.Add(new TraceReview { SampledTraceId = sampled[3].Id, ReviewerId = sampled[3].AssignedReviewerId!, Verdict = ReviewVerdict.Good, ReviewedAt = new DateTime(2026, 4, 2, 9, 12, 0, DateTimeKind.Utc), Revision = 1 });

            db.SignalTriages.Add(new SignalTriage { ProjectId = projectId, Kind = "divergence", Subject = "thumbsUpRate", Since = new DateOnly(2026, 3, 10), Status = SignalTriageStatus.Acknowledged, Note = "Looking into <it>", ActedBy = "lead@legacy.local", ActedAt = new DateTime(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc) });
            db.SignalTriages.Add(new SignalTriage { ProjectId = projectId, Kind = "cadence", Subject = "sampling", Since = new DateOnly(2026, 3, 1), Status = SignalTriageStatus.Snoozed, SnoozedUntil = new DateOnly(2026, 4, 30), ActedBy = "lead@legacy.local", ActedAt = new DateTime(2026, 3, 21, 8, 0, 0, DateTimeKind.Utc) });
            db.SignalRebaselines.Add(new SignalRebaseline { ProjectId = projectId, Metric = "csat", Day = new DateOnly(2026, 3, 12), EpisodeOnset = new DateOnly(2026, 3, 8), Reason = "New survey wording", ActedBy = "lead@legacy.local", ActedAt = new DateTime(2026, 3, 22, 8, 0, 0, DateTimeKind.Utc) });
            db.SignalStates.Add(new SignalState { ProjectId = projectId, Kind = "divergence", Metric = "thumbsUpRate", Severity = "alert", Since = new DateOnly(2026, 3, 10), Active = true, FirstSeenAt = new DateTime(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc), LastSeenAt = new DateTime(2026, 3, 25, 0, 0, 0, DateTimeKind.Utc) });
            db.WebhookDeliveries.Add(new WebhookDelivery { ProjectId = projectId, Event = "signal.started", Url = "https://hooks.example.test/bench", PayloadJson = """{"kind":"divergence"}""", CreatedAt = new DateTime(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc), Status = WebhookStatus.Delivered, Attempts = 1, NextAttemptAt = new DateTime(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc), DeliveredAt = new DateTime(2026, 3, 18, 0, 0, 1, DateTimeKind.Utc) });
            db.WebhookDeliveries.Add(new WebhookDelivery { ProjectId = projectId, Event = "signal.escalated", Url = "https://hooks.example.test/bench", PayloadJson = "{}", CreatedAt = new DateTime(2026, 3, 19, 0, 0, 0, DateTimeKind.Utc), Status = WebhookStatus.Failed, Attempts = 6, NextAttemptAt = new DateTime(2026, 3, 19, 5, 0, 0, DateTimeKind.Utc), LastError = "503" });

            // The tables the next release drops when empty: the rubric items and the decisions of reviews and audits,
            // written here as the demo data wrote them; Reports stays empty.
            var rubric = await db.RubricVersions.Include(r => r.Items).SingleAsync(r => r.ProjectId == projectId);
            rubric.Items.Add(new RubricItem { Key = "correct", Description = "Factually correct", Weight = 2 });
            rubric.Items.Add(new RubricItem { Key = "tone", Description = "Polite", Weight = 1 });
            db.RubricReviews.Add(new RubricReview
            {
                ProjectId = projectId, Quarter = "2026-Q1", FromRubricVersionId = rubric.Id, CreatedAt = new DateTime(2026, 3, 30, 9, 0, 0, DateTimeKind.Utc),
                Decisions = [new() { ItemKey = "tone", Decision = RubricItemDecision.Change, Rationale = "Fold format in" }],
            });
            var runs = await db.BenchRuns.Where(r => r.ProjectId == projectId).OrderBy(r => r.StartedAt).ToListAsync();
            db.UpgradeAudits.Add(new UpgradeAudit
            {
                ProjectId = projectId, BaseRunId = runs[0].Id, HeadRunId = runs[1].Id, CreatedAt = new DateTime(2026, 3, 16, 12, 0, 0, DateTimeKind.Utc),
                SignedOffBy = "lead@legacy.local", SignedOffAt = new DateTime(2026, 3, 17, 12, 0, 0, DateTimeKind.Utc),
                Decisions = [new() { BenchCaseId = caseId - 1, Change = CaseChange.NewlyFailing, Decision = UpgradeCaseDecision.Investigate, Rationale = "Regression?" }],
            });
            await db.SaveChangesAsync();
        }

        // One sign-in, so the audit log holds a login too.
        var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(browser, "lead@legacy.local", "legacy-lead-password-1")).StatusCode);

        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        File.Delete(target);
        cmd.CommandText = $"VACUUM INTO '{target}'";
        await cmd.ExecuteNonQueryAsync();
    }
}
