namespace BenchDashboard.Features.Reports.Content;

/// <summary>One value of a series on a day (the bucket's first day), with its 95 % interval when the value is a rate
/// over counted events; rates are fractions (0.93), not percents.</summary>
public sealed record ReportPoint(DateOnly Day, double Value, double? Low, double? High);
