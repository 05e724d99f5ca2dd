namespace BenchDashboard.Features.Rubrics;

/// <summary>An item's outcomes in one month: how many were reported and how many of them failed.</summary>
public sealed record MonthFailures(DateOnly Month, int Outcomes, int Failed)
{
    public double? FailureRate => Outcomes == 0 ? null : (double)Failed / Outcomes;
}
