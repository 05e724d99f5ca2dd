using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Signals.Rules;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>
/// Divergence as an episode that lasts as long as the disagreement does (issue 10, decision 0013): generated projects
/// whose users turn unhappy, recover, or are re-baselined, with benches that hold, fall with them, or wobble.
/// </summary>
public class DivergenceEpisodeTests(ITestOutputHelper output)
{
    private const string Thumbs = TrendMetrics.ThumbsUpRate;

    /// <summary>A bench that passes 95 % on every version: whatever the users do, it does not move.</summary>
    private static readonly (int Day, double Quality)[] FlatBench = [(0, 0.95), (90, 0.95), (180, 0.95)];

    private static IReadOnlyList<DivergenceEpisode> Episodes(ProjectSignalData data, string metric = Thumbs, int asOf = ScenarioProject.Days - 1) =>
        SignalEngine.DivergenceEpisodes(data, metric, ScenarioProject.Date(asOf));

    private static Signal? Open(ProjectSignalData data, int day, string metric = Thumbs) =>
        SignalEngine.Evaluate(data, ScenarioProject.Date(day)).SingleOrDefault(s => s.Kind == SignalKinds.Divergence && s.Metric == metric);

    private void Show(IEnumerable<DivergenceEpisode> episodes)
    {
        foreach (var e in episodes)
        {
            output.WriteLine($"{e.Metric}: onset {e.Onset}, opened {e.OpenedOn}, closed {e.ClosedOn?.ToString() ?? "-"} ({e.End}), " +
                             $"reference {e.Reference.Mean:0.000} now {e.Latest.Now.Mean:0.000}, bench {e.BenchReference.Mean:0.000} → {e.Latest.BenchNow?.Mean:0.000}");
        }
    }

    [Fact]
    public void A_drop_that_lasts_six_months_stays_one_open_episode_with_the_right_onset_the_whole_time()
    {
        const int onset = 90;
        var data = new ScenarioProject(21) { Versions = FlatBench, ThumbsUp = day => day < onset ? 0.81 : 0.68 }.Build();

        var episodes = Episodes(data);
        Show(episodes);
        var episode = Assert.Single(episodes);
        Assert.True(episode.IsOpen);
        Assert.InRange(episode.Onset, ScenarioProject.Date(onset - 2), ScenarioProject.Date(onset + 2));
        // Every day from two weeks after the drop to the end (six months): the same open signal, since the same onset.
        for (var day = onset + 14; day < ScenarioProject.Days; day++)
        {
            var signal = Open(data, day);
            Assert.True(signal is not null, $"day {day}: no divergence although users stayed unhappy");
            Assert.Equal(episode.Onset, signal.Since);
        }
        var last = Open(data, ScenarioProject.Days - 1)!;
        Assert.Equal(SignalSeverity.Alert, last.Severity);
        var evidence = Assert.IsType<DivergenceEvidence>(last.Evidence);
        Assert.InRange(evidence.Before, 0.79, 0.83);
        Assert.InRange(evidence.Now, 0.66, 0.70);
        Assert.Contains("before " + ScenarioProject.Date(0).AddDays(episode.Onset.DayNumber - ScenarioProject.Day0.DayNumber).ToString("d MMM yyyy"), last.Summary);
    }

    [Fact]
    public void Recovery_closes_the_episode()
    {
        const int onset = 100, recovery = 170;
        var data = new ScenarioProject(22) { Versions = FlatBench, ThumbsUp = day => day is >= onset and < recovery ? 0.68 : 0.80 }.Build();

        var episodes = Episodes(data);
        Show(episodes);
        var episode = Assert.Single(episodes);
        Assert.Equal(EpisodeEnd.Recovered, episode.End);
        // Closed once the level since the onset window is back near the reference: within the rolling window of the recovery.
        Assert.InRange(episode.ClosedOn!.Value, ScenarioProject.Date(recovery), ScenarioProject.Date(recovery + 28));
        Assert.NotNull(Open(data, recovery - 1));
        Assert.Null(Open(data, recovery + 30));
    }

    [Fact]
    public void A_bench_that_falls_with_the_users_never_opens_one()
    {
        const int onset = 120;
        // The new cases fail from the day users turn unhappy: ten points, against users' thirteen.
        var data = new ScenarioProject(23)
        {
            Versions = FlatBench,
            ThumbsUp = day => day < onset ? 0.81 : 0.68,
            ExtraFailures = day => day < onset ? 0 : 30,
        }.Build();

        var episodes = Episodes(data);
        Show(episodes);
        Assert.Empty(episodes);
        for (var day = onset; day < ScenarioProject.Days; day += 5) Assert.Null(Open(data, day));
    }

    [Fact]
    public void A_bench_that_catches_up_later_closes_the_episode_the_bench_now_sees_it()
    {
        const int onset = 100, newCases = 150;
        var data = new ScenarioProject(24)
        {
            Versions = FlatBench,
            ThumbsUp = day => day < onset ? 0.81 : 0.68,
            ExtraFailures = day => day < newCases ? 0 : 30,
        }.Build();

        var episode = Assert.Single(Episodes(data));
        Show([episode]);
        Assert.Equal(EpisodeEnd.BenchCaughtUp, episode.End);
        // The bench is judged over the same rolling window as the users: caught up once most of its runs in it see the drop.
        Assert.InRange(episode.ClosedOn!.Value, ScenarioProject.Date(newCases), ScenarioProject.Date(newCases + 28));
        Assert.Null(Open(data, newCases + 30));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void A_noisy_bench_does_not_suppress_a_real_one(int seed)
    {
        const int onset = 150;
        // Two points of run-to-run noise on a 300-case bench, and one run that dips by a further point right after the drop.
        var data = new ScenarioProject(seed)
        {
            Versions = FlatBench,
            BenchNoiseCases = 6,
            ExtraFailures = day => day is > onset and <= onset + 7 ? 3 : 0,
            ThumbsUp = day => day < onset ? 0.81 : 0.70,
        }.Build();

        var episodes = Episodes(data);
        Show(episodes);
        var episode = Assert.Single(episodes);
        Assert.True(episode.IsOpen);
        Assert.InRange(episode.OpenedOn, ScenarioProject.Date(onset), ScenarioProject.Date(onset + 14));
    }

    [Fact]
    public void A_rebaseline_closes_the_episode_and_a_new_drop_opens_a_new_one()
    {
        const int campaign = 90, rebaselined = 150, secondDrop = 210;
        var thumbs = (int day) => day < campaign ? 0.81 : day < secondDrop ? 0.70 : 0.62;
        var built = new ScenarioProject(25) { Versions = FlatBench, ThumbsUp = day => thumbs(day) }.Build();
        var data = built with { Rebaselines = [new Rebaseline(Thumbs, ScenarioProject.Date(rebaselined))] };

        var episodes = Episodes(data);
        Show(episodes);
        Assert.Equal(2, episodes.Count);
        Assert.Equal(EpisodeEnd.Rebaselined, episodes[0].End);
        Assert.Equal(ScenarioProject.Date(rebaselined), episodes[0].ClosedOn);
        Assert.True(episodes[1].IsOpen);
        Assert.InRange(episodes[1].Onset, ScenarioProject.Date(secondDrop - 3), ScenarioProject.Date(secondDrop + 3));
        // The new episode is measured against the re-baselined level (~70 %), not the old healthy one (~81 %).
        Assert.InRange(episodes[1].Reference.Mean, 0.68, 0.72);

        // Between the two, the campaign level is normal: nothing is open.
        for (var day = rebaselined; day < secondDrop; day += 3) Assert.Null(Open(data, day));
        // As of a day before the re-baseline, the first episode was open: history does not change.
        Assert.NotNull(Open(data, rebaselined - 1));
        // Without the re-baseline it would simply have stayed open.
        Assert.True(Assert.Single(Episodes(built)).IsOpen);
    }

    [Fact]
    public void A_slow_decline_opens_an_episode_that_stays_open()
    {
        const int onset = 120, length = 42;
        var data = new ScenarioProject(26)
        {
            Versions = FlatBench,
            ThumbsUp = day => day < onset ? 0.80 : 0.80 - 0.14 * Math.Min(1.0, (day - onset) / (double)length),
        }.Build();

        var episode = Assert.Single(Episodes(data));
        Show([episode]);
        Assert.True(episode.IsOpen);
        Assert.InRange(episode.OpenedOn, ScenarioProject.Date(onset + 7), ScenarioProject.Date(onset + 28));
        Assert.InRange(episode.Onset, ScenarioProject.Date(onset - 7), ScenarioProject.Date(onset + length));
    }

    [Fact]
    public void Healthy_noisy_projects_never_open_an_episode_on_any_day()
    {
        // A replay to the last day contains every episode that was open on any earlier day, so one replay per seed
        // checks every day of the nine months, for every metric.
        for (var seed = 1; seed <= 40; seed++)
        {
            var data = new ScenarioProject(seed) { BenchNoiseCases = 4 }.Build();
            foreach (var metric in TrendMetrics.UserExperience)
            {
                var episodes = Episodes(data, metric);
                Show(episodes);
                Assert.True(episodes.Count == 0, $"seed {seed}, {metric}: {episodes.Count} episode(s), the first from {episodes.FirstOrDefault()?.Onset}");
            }
        }
    }

    [Fact]
    public void A_replay_as_of_any_day_agrees_with_the_replay_to_the_end()
    {
        // The engine has no memory: as of each day it replays history. That day's open episode must be the one the full
        // replay had open then, with the same onset, so a signal never changes its start as time goes on.
        const int onset = 90, recovery = 160;
        var data = new ScenarioProject(27) { Versions = FlatBench, ThumbsUp = day => day is >= onset and < recovery ? 0.68 : 0.81 }.Build();
        var full = Episodes(data);
        for (var day = 60; day < ScenarioProject.Days; day += 4)
        {
            var date = ScenarioProject.Date(day);
            var expected = full.FirstOrDefault(e => e.OpenedOn <= date && (e.ClosedOn is null || e.ClosedOn > date));
            Assert.Equal(expected?.Onset, Open(data, day)?.Since);
        }
    }
}
