using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>The words the pages and the audit log use for review statuses and decisions (API.md's words); one mapping.</summary>
public static class RubricReviewNames
{
    public static string Of(RubricReviewStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(RubricItemVerdict verdict) => verdict.ToString().ToLowerInvariant();

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
