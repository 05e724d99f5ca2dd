using BenchDashboard.Domain;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Rubrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BenchDashboard.Features.Ingestion;

namespace BenchDashboard.Tests.Features.Demo;

/// <summary>The demo's rubric story (issue 15, point 6): every part of the Rubrics page has content, from data that agrees with itself.</summary>
public class DemoRubricTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private readonly DemoAppFactory app = factory.Started();

    private async Task<int> ProjectIdAsync() =>
        (await app.Services.GetRequiredService<ProjectService>().FindAsync(DemoStory.ProjectSlug))!.Id;

    [Fact]
    public async Task Every_part_of_the_rubrics_page_has_content()
    {
        var projectId = await ProjectIdAsync();
        var queries = app.Services.GetRequiredService<RubricQueries>();
        var view = await queries.GetAsync(projectId, null, null, null);

        // The current version, approved in the review, with its items and notes; the launch version before it.
        var current = view.Current!;
        Assert.Equal((2, RubricVersionStatus.Approved, "admin@demo.local"), (current.Number, current.Status, current.ApprovedBy));
        Assert.NotNull(current.ApprovedAt);
        Assert.False(string.IsNullOrWhiteSpace(current.Notes));
        Assert.Contains(current.Items, i => i.Key == DemoRubric.DisputeItem);
        Assert.Equal([2, 1], view.Versions.Select(v => v.Number));
        Assert.Equal(RubricVersionStatus.Imported, view.Versions[1].Status);

        // The diff says what the review changed: one item added, one removed, one reworded and reweighted.
        var diff = view.Diff!;
        Assert.Equal((1, 2), (diff.From, diff.To));
        Assert.Equal([DemoRubric.DisputeItem], diff.Added.Select(i => i.Key));
        Assert.Equal(["format"], diff.Removed.Select(i => i.Key));
        Assert.Equal(["tone"], diff.Reworded.Select(c => c.Key));
        Assert.Equal(["tone"], diff.Reweighted.Select(c => c.Key));

        // The newest run's quarter: every run reported outcomes, every item was graded, and exactly one never failed.
        var stats = view.ItemStats!;
        Assert.Equal(CalendarQuarter.Of(DemoAppFactory.Anchor.ToDateTime(TimeOnly.MinValue)), view.Quarter);
        Assert.True(stats.Runs >= 4, $"{stats.Runs} runs");
        Assert.Equal(0, stats.RunsWithoutOutcomes);
        Assert.All(stats.Items, i => Assert.False(i.NotGraded, i.Item.Key));
        Assert.Equal([DemoRubric.DisputeItem], stats.Items.Where(i => i.NeverFails).Select(i => i.Item.Key));

        // What may be missing: the default quarter's rounds if it has any, else the quarter the newest rounds are in.
        var missing = view.Missing;
        if (missing.Rounds.Count == 0)
        {
            var latest = missing.LatestQuarterWithRounds!.Value;
            missing = (await queries.GetAsync(projectId, null, null, latest.ToString())).Missing;
        }
        Assert.NotEmpty(missing.Rounds);
        var first = missing.Categories[0];
        Assert.Equal((DemoRubric.UncoveredCategory, false), (first.Category, first.Covered));
        Assert.True(first.Asked > 0 && first.CatchShare is not null, "the uncovered category has a catch share");
        var dispute = Assert.Single(missing.Categories, c => c.Category == DemoRubric.DisputeCategory);
        Assert.Equal([DemoRubric.DisputeItem], dispute.CoveredBy);
        Assert.Equal(0, dispute.Caught);
    }

    [Fact]
    public async Task Every_result_carries_the_outcomes_of_its_runs_rubric_and_they_agree_with_its_pass_or_fail()
    {
        await using var db = app.Database.CreateContext();
        var versions = await db.RubricVersions.Include(v => v.Items).ToDictionaryAsync(v => v.Id);
        var runs = await db.BenchRuns.Include(r => r.Results).OrderBy(r => r.StartedAt).ToListAsync();
        var failedPerKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            // The version in force at the run's start: the newest one created before it.
            var inForce = versions.Values.Where(v => v.CreatedAt <= run.StartedAt).MaxBy(v => v.Number)!;
            Assert.Equal(inForce.Id, run.RubricVersionId);
            var keys = inForce.Items.Select(i => i.Key).Order(StringComparer.Ordinal).ToList();
            foreach (var result in run.Results)
            {
                var outcomes = ItemOutcomes.Read(result.ItemOutcomesJson);
                Assert.Equal(keys, outcomes.Select(o => o.Key).Order(StringComparer.Ordinal));
                Assert.Equal(result.Passed, outcomes.All(o => o.Value));
                foreach (var failed in outcomes.Where(o => !o.Value)) failedPerKey[failed.Key] = failedPerKey.GetValueOrDefault(failed.Key) + 1;
            }
        }
        Assert.Equal(["cites-policy", "correct-facts", "escalates-when-unsure", "format", "no-invention", "tone"],
            failedPerKey.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(DemoRubric.DisputeItem, failedPerKey.Keys);
        Assert.Contains(runs, r => r.RubricVersionId == versions.Values.Single(v => v.Number == 2).Id);
    }

    [Fact]
    public async Task The_review_that_made_version_2_was_proposed_by_the_lead_and_approved_by_the_admin_with_a_decision_per_item()
    {
        await using var db = app.Database.CreateContext();
        var review = await db.RubricReviews.Include(r => r.Decisions).SingleAsync();
        Assert.Equal((RubricReviewStatus.Approved, "lead@demo.local", "admin@demo.local"), (review.Status, review.CreatedBy, review.SignedOffBy));
        Assert.NotEqual(review.CreatedBy, review.SignedOffBy);
        Assert.NotNull(review.SubmittedAt);
        var made = await db.RubricVersions.SingleAsync(v => v.Id == review.ToRubricVersionId);
        Assert.Equal((2, made.ApprovedAt), (made.Number, review.SignedOffAt));

        Assert.Equal([RubricItemVerdict.Keep, RubricItemVerdict.Change, RubricItemVerdict.Drop, RubricItemVerdict.Add],
            review.Decisions.Select(d => d.Decision).Distinct().Order());
        Assert.All(review.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Rationale)));
        var added = Assert.Single(review.Decisions, d => d.Decision == RubricItemVerdict.Add);
        Assert.Equal((DemoRubric.DisputeItem, DemoRubric.DisputeCategory), (added.ItemKey, added.FailureCategory));
        // The decisions make version 2 from version 1, item for item.
        var v1 = await db.RubricVersions.Include(v => v.Items).SingleAsync(v => v.Number == 1);
        var v2 = await db.RubricVersions.Include(v => v.Items).SingleAsync(v => v.Number == 2);
        var expected = v1.Items.OrderBy(i => i.Position)
            .Where(i => review.Decisions.Single(d => d.ItemKey == i.Key).Decision != RubricItemVerdict.Drop)
            .Select(i => review.Decisions.Single(d => d.ItemKey == i.Key) is { Decision: RubricItemVerdict.Change } c
                ? (i.Key, c.Description!, c.Weight ?? i.Weight) : (i.Key, i.Description, i.Weight))
            .Append((added.ItemKey, added.Description!, added.Weight!.Value));
        Assert.Equal(expected, v2.Items.OrderBy(i => i.Position).Select(i => (i.Key, i.Description, i.Weight)));
    }
}
