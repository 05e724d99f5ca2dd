using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Rubrics;
using BenchDashboard.Statistics;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>
/// What the Rubrics page reads (issue 15, point 2) from a project written straight into a real database
/// (<see cref="RubricProject"/>): versions and their diff, how often each current item failed over a quarter and which
/// never did, and the reviewers' failure categories with those no item covers first.
/// </summary>
public abstract class RubricQueriesTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : RubricQueriesTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : RubricQueriesTests(DatabaseProvider.Postgres);

    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private async Task<(TestDatabase Database, RubricQueries Queries, RubricProject Project)> SeedAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        var project = await RubricProject.SeedAsync(db);
        return (database, new RubricQueries(database.Factory, new ManualClock(Now)), project);
    }

    [Fact]
    public async Task Each_current_item_fails_as_often_as_its_outcomes_in_the_quarter_say_and_an_item_that_never_fails_is_told_apart()
    {
        var (database, queries, project) = await SeedAsync();
        await using var _ = database;
        var view = await queries.GetAsync(project.ProjectId, null, null, "2026-Q3");

        Assert.Equal((new CalendarQuarter(2026, 3), (string?)null), (view.Quarter, view.QuarterProblem));
        var stats = view.ItemStats!;
        // Three runs started in the quarter; the September one reported no outcome at all. Of the others' eight results,
        // six carry outcomes (a missing and a broken one are not counted). The June and October runs are outside.
        Assert.Equal((3, 1, 6), (stats.Runs, stats.RunsWithoutOutcomes, stats.ResultsWithOutcomes));
        var byKey = stats.Items.ToDictionary(i => i.Item.Key);
        Assert.Equal(["cites-policy", "tone", "refunds", "escalates"], stats.Items.Select(i => i.Item.Key));

        Assert.Equal((6, 2), (byKey["cites-policy"].Outcomes, byKey["cites-policy"].Failed));
        Assert.Equal(2.0 / 6, byKey["cites-policy"].FailureRate!.Value, 12);
        Assert.Equal([(1, 3), (1, 3), (0, 0)], byKey["cites-policy"].Months.Select(m => (m.Failed, m.Outcomes)));
        Assert.Equal([new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1)], byKey["cites-policy"].Months.Select(m => m.Month));
        Assert.Equal((6, 1, false), (byKey["tone"].Outcomes, byKey["tone"].Failed, byKey["tone"].NeverFails));
        Assert.Equal([(1, 3), (0, 3), (0, 0)], byKey["tone"].Months.Select(m => (m.Failed, m.Outcomes)));

        // Graded three times in August and passed each time: it never fails, and so it tells nothing.
        Assert.Equal((3, 0, true), (byKey["refunds"].Outcomes, byKey["refunds"].Failed, byKey["refunds"].NeverFails));
        // No run reported the newest item: not "never fails", just not graded.
        Assert.Equal((0, true, false), (byKey["escalates"].Outcomes, byKey["escalates"].NotGraded, byKey["escalates"].NeverFails));
        Assert.Null(byKey["escalates"].FailureRate);
    }

    [Fact]
    public async Task The_default_quarter_is_the_newest_runs_and_a_quarter_without_runs_or_rounds_says_so()
    {
        var (database, queries, project) = await SeedAsync();
        await using var _ = database;

        var view = await queries.GetAsync(project.ProjectId, null, null, null);
        Assert.Equal(new CalendarQuarter(2026, 4), view.Quarter);
        Assert.Equal(["2026-Q4", "2026-Q3", "2026-Q2"], view.Quarters.Select(q => q.ToString()));
        Assert.Equal((1, 0), (view.ItemStats!.Runs, view.ItemStats.RunsWithoutOutcomes));
        // The October run fails every item of every case.
        Assert.All(view.ItemStats.Items, i => Assert.Equal((4, 4), (i.Outcomes, i.Failed)));
        // No round looked at Q4; the newest rounds are in Q3.
        Assert.Empty(view.Missing.Rounds);
        Assert.Equal(new CalendarQuarter(2026, 3), view.Missing.LatestQuarterWithRounds);

        var garbled = await queries.GetAsync(project.ProjectId, null, null, "2026-Q5");
        Assert.Equal(new CalendarQuarter(2026, 4), garbled.Quarter);
        Assert.Contains("2026-Q5", garbled.QuarterProblem);

        var empty = await queries.GetAsync(project.ProjectId, null, null, "2025-Q1");
        Assert.Equal((0, 0), (empty.ItemStats!.Runs, empty.ItemStats.ResultsWithOutcomes));
        Assert.Contains(new CalendarQuarter(2025, 1), empty.Quarters);
    }

    [Fact]
    public async Task Failure_categories_no_item_covers_come_first_with_the_share_the_bench_would_have_caught()
    {
        var (database, queries, project) = await SeedAsync();
        await using var _ = database;
        var missing = (await queries.GetAsync(project.ProjectId, null, null, "2026-Q3")).Missing;

        // The June round overlaps Q3 by two weeks, the September round lies in it, the April round does not.
        Assert.Equal(["2026-06", "2026-09"], missing.Rounds.Select(r => r.Period));
        Assert.Null(missing.LatestQuarterWithRounds);
        // Only the label that counts: the good one, the unfinished one and the overruled one are not failures here.
        Assert.Equal(6, missing.Failures);
        Assert.Equal(
            [("wrong language", 2, false), ("slow answer", 1, false), ("tone", 2, true), ("invented refund", 1, true)],
            missing.Categories.Select(c => (c.Category, c.Failures, c.Covered)));
        var byName = missing.Categories.ToDictionary(c => c.Category);

        // Spelled two ways by reviewers, one category; the bench would have caught one of the two.
        var language = byName["wrong language"];
        Assert.Equal((2, 1, 0.5), (language.Asked, language.Caught, language.CatchShare!.Value));
        Assert.Equal(Intervals.Wilson(1, 2), (language.CatchLow!.Value, language.CatchHigh!.Value));
        // The bench question did not apply: a failure with no share.
        Assert.Equal((0, (double?)null), (byName["slow answer"].Asked, byName["slow answer"].CatchShare));
        // Covered by the key that names it, and by the item the approved review added from it (named differently).
        Assert.Equal(["tone"], byName["tone"].CoveredBy);
        Assert.Equal((2, 1), (byName["tone"].Asked, byName["tone"].Caught));
        Assert.Equal(["refunds"], byName["invented refund"].CoveredBy);
    }

    [Fact]
    public async Task The_current_version_is_the_highest_and_the_diff_defaults_to_the_previous_and_the_current()
    {
        var (database, queries, project) = await SeedAsync();
        await using var _ = database;
        var view = await queries.GetAsync(project.ProjectId, null, null, null);

        Assert.Equal([3, 2, 1], view.Versions.Select(v => v.Number));
        Assert.Equal((3, RubricVersionStatus.Imported, 4), (view.Current!.Number, view.Current.Status, view.Current.Items.Count));
        Assert.Equal(("second@example.com", RubricVersionStatus.Approved), (view.Versions[1].ApprovedBy, view.Versions[1].Status));
        Assert.Equal((2, 3), (view.Diff!.From, view.Diff.To));
        Assert.Equal(["escalates"], view.Diff.Added.Select(i => i.Key));
        Assert.Empty(view.Diff.Removed);

        var chosen = await queries.GetAsync(project.ProjectId, "1", "2", null);
        Assert.Equal((1, 2), (chosen.Diff!.From, chosen.Diff.To));
        Assert.Equal(["refunds"], chosen.Diff.Added.Select(i => i.Key));
        Assert.Equal(["format"], chosen.Diff.Removed.Select(i => i.Key));
        Assert.Equal([("cites-policy", "Cites the policy that applies.", "Cites the policy that applies, by name.")],
            chosen.Diff.Reworded.Select(c => (c.Key, c.Before.Description, c.After.Description)));
        Assert.Equal([("tone", 1.0, 2.0)], chosen.Diff.Reweighted.Select(c => (c.Key, c.Before.Weight, c.After.Weight)));

        var unknown = await queries.GetAsync(project.ProjectId, "9", "<b>2</b>", null);
        Assert.Null(unknown.Diff);
        Assert.Equal("There is no rubric version “<b>2</b>”.", unknown.DiffProblem);
    }

    [Fact]
    public async Task A_project_without_a_rubric_has_no_current_version_nor_item_figures()
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext();
        var project = new Project { Slug = "rb-empty", Name = "Empty", CreatedAt = Now };
        db.Projects.Add(project);
        await db.SaveChangesAsync();

        var view = await new RubricQueries(database.Factory, new ManualClock(Now)).GetAsync(project.Id, "1", "2", null);
        Assert.Null(view.Current);
        Assert.Null(view.Diff);
        Assert.Null(view.DiffProblem);
        Assert.Null(view.ItemStats);
        // Without runs, the quarter is today's.
        Assert.Equal(new CalendarQuarter(2026, 4), view.Quarter);
        Assert.Equal((0, (CalendarQuarter?)null), (view.Missing.Rounds.Count, view.Missing.LatestQuarterWithRounds));
    }
}
