using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>The words API.md uses for rubric statuses and review decisions; one mapping.</summary>
public static class RubricWords
{
    public static string Of(RubricVersionStatus status) => status == RubricVersionStatus.Approved ? "approved" : "imported";

    public static string Of(RubricReviewStatus status) => status switch
    {
        RubricReviewStatus.Draft => "draft",
        RubricReviewStatus.Submitted => "submitted",
        RubricReviewStatus.Approved => "approved",
        _ => "abandoned",
    };

    public static string Of(RubricItemVerdict verdict) => verdict switch
    {
        RubricItemVerdict.Keep => "keep",
        RubricItemVerdict.Change => "change",
        RubricItemVerdict.Drop => "drop",
        _ => "add",
    };
}
