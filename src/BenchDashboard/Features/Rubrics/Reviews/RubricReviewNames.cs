using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>How the pages name review statuses and decisions; API.md's words (also the audit log's) are
/// <see cref="Api.RubricWords"/>'s.</summary>
public static class RubricReviewNames
{
    /// <summary>How the pages name a status.</summary>
    public static string Label(RubricReviewStatus status) => status switch
    {
        RubricReviewStatus.Draft => "Draft",
        RubricReviewStatus.Submitted => "Submitted for approval",
        RubricReviewStatus.Approved => "Approved",
        _ => "Abandoned",
    };

    /// <summary>How the pages name a decision.</summary>
    public static string Label(RubricItemVerdict verdict) => verdict switch
    {
        RubricItemVerdict.Keep => "Keep",
        RubricItemVerdict.Change => "Change the wording",
        RubricItemVerdict.Drop => "Drop",
        _ => "Add",
    };
}
