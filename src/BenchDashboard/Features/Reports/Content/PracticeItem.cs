namespace BenchDashboard.Features.Reports.Content;

/// <summary>One thing a practice owed in the period (a month's round, a review, a version's audit): done on time, done
/// late, missing though due, or not due yet when the report was made; with the words for it.</summary>
public sealed record PracticeItem(PracticeItemState State, string Text);

/// <summary>Where one item of a practice stands.</summary>
public enum PracticeItemState
{
    OnTime,
    Late,
    Missing,
    NotYetDue,
}
