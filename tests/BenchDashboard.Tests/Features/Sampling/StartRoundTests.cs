using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Sampling;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Sampling;

public abstract class StartRoundTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : StartRoundTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : StartRoundTests(DatabaseProvider.Postgres);

    [Fact]
    public async Task A_round_stores_the_draw_in_order_round_robin_with_blind_second_reviews_and_is_audited()
    {
        await using var project = await SamplingProject.CreateAsync(provider: provider);
        var started = await project.StartAsync(SamplingProject.Settings(size: 60), "rev-a", "rev-b", "rev-c");

        var sampled = await project.SampledAsync(started.RoundId);
        Assert.Equal(60, sampled.Count);
        Assert.Equal(Enumerable.Range(1, 60), sampled.Select(s => s.Position));
        Assert.Equal(60, started.TraceIds.Distinct().Count());
        Assert.DoesNotContain("may", started.TraceIds);
        // Round-robin: 20 each; 15 % of 60 = 9 blind second reviews, never by the first reviewer, spread 3/3/3.
        Assert.All(sampled.GroupBy(s => s.AssignedReviewerId), g => Assert.Equal(20, g.Count()));
        var seconds = sampled.Where(s => s.SecondReviewerId is not null).ToList();
        Assert.Equal(9, seconds.Count);
        Assert.All(seconds, s => Assert.NotEqual(s.AssignedReviewerId, s.SecondReviewerId));
        Assert.All(seconds.GroupBy(s => s.SecondReviewerId), g => Assert.Equal(3, g.Count()));

        var audited = await project.QueryAsync(db => db.AuditEvents.Where(a => a.Action == AuditActions.SamplingRoundStarted).ToListAsync());
        var entry = Assert.Single(audited);
        Assert.Equal($"sampling-round:{started.RoundId}", entry.Subject);
        Assert.Contains("\"seed\":42", entry.PayloadJson);
    }

    [Fact]
    public async Task The_same_seed_over_the_same_data_draws_the_same_sample_and_another_seed_does_not()
    {
        await using var project = await SamplingProject.CreateAsync(provider: provider);
        var settings = SamplingProject.Settings(size: 50, strategy: SamplingStrategy.Stratified, seed: 7);
        var first = await project.StartAsync(settings, "rev-a");
        var again = await project.StartAsync(settings, "rev-a");
        var other = await project.StartAsync(settings with { Seed = 8 }, "rev-a");

        Assert.Equal(first.TraceIds, again.TraceIds);
        Assert.NotEqual(first.TraceIds, other.TraceIds);
        var preview = await project.Sampling.PreviewAsync(project.ProjectId, settings);
        var ids = await project.Sampling.TraceIdsAsync(preview.Selected.Select(s => s.Id).ToList());
        Assert.Equal(first.TraceIds, preview.Selected.Select(s => ids[s.Id]));
        // Stratified over 50 % billing, 25 % shipping, 25 % returns: 25, and 12 or 13 each for the two halves of 12.5.
        var selected = preview.Composition.ToDictionary(c => c.Category, c => c.Selected);
        Assert.Equal(25, selected["billing"]);
        Assert.InRange(selected["shipping"], 12, 13);
        Assert.Equal(25, selected["shipping"] + selected["returns"]);
    }

    [Fact]
    public async Task Negative_feedback_weighting_oversamples_the_thumbs_down_traces_and_keeps_healthy_ones()
    {
        await using var project = await SamplingProject.CreateAsync(provider: provider);
        var preview = await project.Sampling.PreviewAsync(project.ProjectId, SamplingProject.Settings(size: 40, strategy: SamplingStrategy.NegativeFeedback));
        Assert.Equal(50, preview.NegativeAvailable);
        // 30 % healthy: 12 healthy, 28 with a thumbs-down (a quarter of the window has one).
        Assert.Equal(28, preview.NegativeSelected);
        Assert.Equal(40, preview.Selected.Count);
    }

    [Fact]
    public async Task A_window_with_fewer_traces_than_the_size_gives_all_of_them_and_an_empty_window_is_refused()
    {
        await using var project = await SamplingProject.CreateAsync(traces: 12, provider);
        var started = await project.StartAsync(SamplingProject.Settings(size: 100), "rev-a");
        Assert.Equal(12, started.TraceIds.Count);

        var empty = SamplingProject.Settings() with { Period = "2026-01", From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 1, 31) };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => project.StartAsync(empty, "rev-a"));
        Assert.Contains("no production traces", error.Message);
    }

    [Fact]
    public async Task Starting_after_new_traces_arrived_in_the_previewed_window_asks_for_a_new_preview()
    {
        await using var project = await SamplingProject.CreateAsync(traces: 30, provider);
        var settings = SamplingProject.Settings(size: 100);
        var previewed = (await project.Sampling.PreviewAsync(project.ProjectId, settings)).Selected.Select(s => s.Id).ToList();
        await project.AddTraceAsync("late", "2026-06-20T10:00:00Z");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            project.Sampling.StartAsync(project.ProjectId, settings, ["rev-a"], null, "lead@test", previewed: previewed));
        Assert.Contains("preview again", error.Message);
        Assert.Empty(await project.QueryAsync(db => db.SamplingRounds.ToListAsync()));
    }

    [Fact]
    public async Task Hand_assignment_is_kept_and_without_reviewers_traces_stay_open_to_anyone()
    {
        await using var project = await SamplingProject.CreateAsync(traces: 20, provider);
        var settings = SamplingProject.Settings(size: 4, doubleReview: 0);
        var byHand = await project.Sampling.StartAsync(project.ProjectId, settings, ["rev-a", "rev-b"], ["rev-b", "rev-b", "rev-a", "rev-b"], "lead@test");
        Assert.Equal(["rev-b", "rev-b", "rev-a", "rev-b"], (await project.SampledAsync(byHand.RoundId)).Select(s => s.AssignedReviewerId));

        var open = await project.StartAsync(settings);
        Assert.All(await project.SampledAsync(open.RoundId), s => Assert.Null(s.AssignedReviewerId));
        Assert.Equal(4, (await project.Reviews.QueueAsync(open.RoundId, "anyone")).Count);
    }

    [Theory]
    [InlineData("2026-13", 60, "period: must be a month in the form YYYY-MM")]
    [InlineData("2026-06", 0, "size: must be between 1 and 500")]
    [InlineData("2026-06", 501, "size: must be between 1 and 500")]
    public void Settings_outside_the_limits_are_named(string period, int size, string expected)
    {
        var errors = (SamplingProject.Settings() with { Period = period, Size = size }).Validate();
        Assert.Contains(expected, errors.Messages.Select(m => m));
    }

    [Fact]
    public void Reviewer_assignment_spreads_second_reviews_and_needs_two_reviewers()
    {
        var firsts = ReviewerAssignment.RoundRobin(10, ["a", "b"]);
        Assert.Equal(["a", "b", "a", "b", "a", "b", "a", "b", "a", "b"], firsts);
        var assigned = ReviewerAssignment.WithSecondReviewers(firsts, ["a", "b"], 0.5, seed: 3);
        Assert.Equal(5, assigned.Count(a => a.Second is not null));
        Assert.All(assigned.Where(a => a.Second is not null), a => Assert.NotEqual(a.First, a.Second));
        Assert.Equal(assigned, ReviewerAssignment.WithSecondReviewers(firsts, ["a", "b"], 0.5, seed: 3));
        Assert.All(ReviewerAssignment.WithSecondReviewers(firsts, ["a"], 0.5, seed: 3), a => Assert.Null(a.Second));
        Assert.Equal(1, ReviewerAssignment.DoubleReviewCount(3, 0.15));
        Assert.Equal(0, ReviewerAssignment.DoubleReviewCount(3, 0));
    }
}
