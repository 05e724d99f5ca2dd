namespace BenchDashboard.Features.Demo;

/// <summary>
/// The numbers of the demo story (ARCHITECTURE.md, "The demo story"), in one place so the seeder and the tests
/// that check the story agree. Day 0 is the first of the nine months.
/// </summary>
public static class DemoStory
{
    public const string ProjectSlug = "support-assistant";
    public const int Days = 273;
    public const int TracesPerDay = 1500;
    public const int BenchCases = 300;
    public const int ChronicFailures = 12;

    /// <summary>
    /// Gaps of the first sampling round the lead accepted into the bench, never run since. Two of ~300 cases stay under
    /// the 1 % of the bench below which input drift calls a category uncovered, so the story's signals hold.
    /// </summary>
    public const int AcceptedGaps = 2;
    /// <summary>Cases that fail now and then, so runs pass 93–96 % without any case ever failing for the first time.</summary>
    public const int FlakyCases = 10;
    public const double FlakyFailureChance = 0.35;
    /// <summary>Month 5: the campaign that brings "subscription disputes" starts, ramping up over two weeks.</summary>
    public const int CampaignStartDay = 122;
    public const int CampaignRampDays = 14;
    public const double CampaignShare = 0.25;
    public const string NewCategory = "subscription disputes";

    public static readonly string[] BaseCategories = ["billing", "shipping", "returns", "account", "product questions"];
    public static readonly double[] BaseShares = [0.25, 0.25, 0.20, 0.15, 0.15];

    /// <summary>The six pipeline versions: day deployed, model, prompt change.</summary>
    public static readonly (int Day, string Version, string Model, string Prompt, string Notes)[] Versions =
    [
        (0, "v1", "acme-chat-2026-01", "support-prompt-1", "Initial launch."),
        (38, "v2", "acme-chat-2026-01", "support-prompt-2", "Shorter answers; refund policy paragraph added."),
        (83, "v3", "acme-chat-2026-03", "support-prompt-2", "Model upgrade."),
        (139, "v4", "acme-chat-2026-03", "support-prompt-3", "Tone guidelines; order lookup tool."),
        (188, "v5", "acme-chat-2026-06", "support-prompt-3", "Model upgrade; temperature 0.3 to 0.2."),
        (236, "v6", "acme-chat-2026-06", "support-prompt-4", "Retrieval over the new help centre."),
    ];

    /// <summary>Per-trace feedback probabilities, for the usual categories and for the uncovered one.</summary>
    public sealed record FeedbackProfile(double ThumbsGiven, double ThumbsUp, double CsatGiven, double[] CsatDistribution,
        double Rewrite, double Retry, double Undo, double FormatError);

    public static readonly FeedbackProfile Usual = new(0.30, 0.81, 0.08, [0.02, 0.03, 0.10, 0.35, 0.50], 0.08, 0.04, 0.015, 0.010);
    public static readonly FeedbackProfile Uncovered = new(0.30, 0.25, 0.08, [0.30, 0.30, 0.25, 0.10, 0.05], 0.36, 0.12, 0.040, 0.020);

    public static double NewCategoryShare(int day) =>
        day < CampaignStartDay ? 0 : CampaignShare * Math.Min(1.0, (day - CampaignStartDay + 1) / (double)CampaignRampDays);

    public sealed record DemoAccount(string Email, string Password, string Role, string DisplayName);

    /// <summary>Demo credentials; printed at start so anyone can try each role. Never used outside demo databases.</summary>
    public static readonly DemoAccount[] Accounts =
    [
        new("admin@demo.local", "demo-admin-password", Domain.Roles.Admin, "Ada Admin"),
        new("lead@demo.local", "demo-lead-password", Domain.Roles.Lead, "Lee Lead"),
        new("reviewer@demo.local", "demo-reviewer-password", Domain.Roles.Reviewer, "Rae Reviewer"),
        new("auditor@demo.local", "demo-auditor-password", Domain.Roles.Auditor, "Aud Auditor"),
    ];
}
