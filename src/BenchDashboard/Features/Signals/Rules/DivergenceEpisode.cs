namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// One stretch of time in which a user-experience metric stayed worse than its reference level while the bench did not
/// fall with it. <see cref="Onset"/> is when users started to suffer (the change point), not when the test first
/// became sure; <see cref="Latest"/> holds the numbers of the last day the episode was looked at (its closing day once
/// closed).
/// </summary>
public sealed record DivergenceEpisode(string Metric, DateOnly Onset, DateOnly OpenedOn, DayRange ReferenceWindow, MetricLevel Reference,
    BenchLevel BenchReference, DivergenceCheck Latest)
{
    public DateOnly? ClosedOn { get; init; }
    public EpisodeEnd? End { get; init; }
    public bool IsOpen => ClosedOn is null;
}

/// <summary>One day's look at an episode: the metric since the onset (at most the rolling window), its test against the reference, the bench.</summary>
public sealed record DivergenceCheck(DateOnly Day, DayRange Window, MetricLevel Now, double PValue, BenchLevel? BenchNow);
