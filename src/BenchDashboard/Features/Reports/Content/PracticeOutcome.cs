namespace BenchDashboard.Features.Reports.Content;

/// <summary>How a practice fared in the period.</summary>
public enum PracticeOutcome
{
    /// <summary>Done, on time, everything due in the period.</summary>
    Held,
    /// <summary>Done, but some of it late or incomplete.</summary>
    Partly,
    /// <summary>Due in the period and not done.</summary>
    Missed,
    /// <summary>Nothing was due in the period (e.g. no version went live, so no upgrade audit was needed).</summary>
    NotDue,
}
