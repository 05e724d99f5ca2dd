namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// How each audit action reads on the audit-log page: a plain label per <see cref="AuditActions"/> name. The stored name
/// stays the log's (and the CSV's) word; an action this release does not know (from an older one) reads as its name.
/// </summary>
public static class AuditActionNames
{
    private static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditActions.SignIn] = "Signed in",
        [AuditActions.SignInFailed] = "Sign-in failed",
        [AuditActions.SignOut] = "Signed out",
        [AuditActions.UserCreated] = "Account created",
        [AuditActions.RolesChanged] = "Roles changed",
        [AuditActions.UserDisabled] = "Account disabled",
        [AuditActions.UserEnabled] = "Account enabled",
        [AuditActions.UserUnlocked] = "Account unlocked",
        [AuditActions.ApiKeyCreated] = "API key created",
        [AuditActions.ApiKeyRevoked] = "API key revoked",
        [AuditActions.Bootstrap] = "First admin set up",
        [AuditActions.DemoSeeded] = "Demo data created",
        [AuditActions.ProjectCreated] = "Project created",
        [AuditActions.ProjectUpdated] = "Project changed",
        [AuditActions.ProjectDataDeleted] = "Project data deleted",
        [AuditActions.VersionRecorded] = "Pipeline version recorded",
        [AuditActions.BenchRunImported] = "Bench run imported",
        [AuditActions.MetricsImported] = "Metrics imported",
        [AuditActions.FileImported] = "File imported",
        [AuditActions.SignalSettingsChanged] = "Signal settings changed",
        [AuditActions.WebhookChanged] = "Alert webhook changed",
        [AuditActions.SamplingRoundStarted] = "Sampling round started",
        [AuditActions.SamplingRoundClosed] = "Sampling round closed",
        [AuditActions.DisagreementSettled] = "Reviewer disagreement settled",
        [AuditActions.DraftCaseAccepted] = "Draft bench case accepted",
        [AuditActions.DraftCaseRejected] = "Draft bench case rejected",
        [AuditActions.BenchCaseRetired] = "Bench case retired",
        [AuditActions.BenchCaseReactivated] = "Bench case reactivated",
        [AuditActions.FailureCategoriesChanged] = "Failure categories changed",
        [AuditActions.SignalAcknowledged] = "Signal acknowledged",
        [AuditActions.SignalSnoozed] = "Signal snoozed",
        [AuditActions.SignalRebaselined] = "Signal re-baselined",
        [AuditActions.UpgradeAuditOpened] = "Upgrade audit opened",
        [AuditActions.UpgradeAuditDecided] = "Upgrade audit cases decided",
        [AuditActions.UpgradeAuditSignedOff] = "Upgrade audit signed off",
        [AuditActions.RubricVersionImported] = "Rubric version imported",
        [AuditActions.RubricReviewStarted] = "Rubric review started",
        [AuditActions.RubricReviewDecided] = "Rubric review items decided",
        [AuditActions.RubricReviewItemAdded] = "Rubric review item added",
        [AuditActions.RubricReviewItemRemoved] = "Rubric review item removed",
        [AuditActions.RubricReviewSubmitted] = "Rubric review submitted",
        [AuditActions.RubricReviewApproved] = "Rubric review approved",
        [AuditActions.RubricReviewAbandoned] = "Rubric review abandoned",
        [AuditActions.ChainVerified] = "Audit chain verified",
        [AuditActions.ReportIssued] = "Audit report issued",
    };

    /// <summary>Every action this release writes, in the order of their labels: what the page's action filter offers.</summary>
    public static IReadOnlyList<string> Known { get; } = Labels.OrderBy(l => l.Value, StringComparer.Ordinal).Select(l => l.Key).ToList();

    public static string Label(string? action) => action is null ? "" : Labels.GetValueOrDefault(action, action);
}
