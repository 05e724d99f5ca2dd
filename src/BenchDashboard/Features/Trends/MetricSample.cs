namespace BenchDashboard.Features.Trends;

/// <summary>
/// What a day (or a bucket of days) says about one metric, in sums that add up across days: for rates <see cref="Sum"/>
/// counts the "successes" (thumbs-up, rewritten traces, passed cases) out of <see cref="N"/> and equals
/// <see cref="SumOfSquares"/>; for CSAT it is the sum of the scores, with the sum of their squares for the spread.
/// </summary>
public readonly record struct MetricSample(double Sum, double SumOfSquares, long N)
{
    public double Mean => N == 0 ? double.NaN : Sum / N;

    /// <summary>A rate's sample: <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    public static MetricSample Rate(double successes, long n) => new(successes, successes, n);

    public static MetricSample operator +(MetricSample a, MetricSample b) => new(a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares, a.N + b.N);
}
