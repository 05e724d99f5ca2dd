using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>
/// One user-experience metric on the base and the head version (value, n and 95 % interval, null without data), the test
/// that applies (<see cref="UxMetricTest"/>), its p-value when both sides have data, and a sentence a lead can read.
/// </summary>
public sealed record UxMetricComparison(string Metric, string Label, TrendPoint? Base, TrendPoint? Head, string Test, double? PValue, string Sentence);
