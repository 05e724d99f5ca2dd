namespace BenchDashboard.Features.Rubrics.Reviews;

public enum StartReviewOutcome { Created, Existing, NoRubric, Refused }
