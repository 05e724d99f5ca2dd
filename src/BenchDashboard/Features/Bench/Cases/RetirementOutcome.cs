namespace BenchDashboard.Features.Bench.Cases;

/// <summary>What a retire or reactivate request came to. Expected failures are outcomes, not exceptions.</summary>
public enum RetirementOutcome
{
    /// <summary>The case changed state and the audit log holds the entry.</summary>
    Done,
    /// <summary>No case with that id in that project.</summary>
    UnknownCase,
    /// <summary>Retire asked of a retired case, or reactivate of an active one: nothing changed, nothing audited.</summary>
    AlreadyInThatState,
    /// <summary>The reason is empty or too long (<see cref="BenchCaseRetirement.ReasonProblem"/> says which, in words).</summary>
    InvalidReason,
}
