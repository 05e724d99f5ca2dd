using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>A user-experience metric over a stretch of days: its mean (a rate, or mean CSAT), the spread of one answer, and n.</summary>
public readonly record struct MetricLevel(double Sum, double SumOfSquares, long N)
{
    public double Mean => N == 0 ? double.NaN : Sum / N;
    public double Variance => Intervals.Variance(Sum, SumOfSquares, N);
}
