using BenchDashboard.Data;
using BenchDashboard.Domain;

namespace BenchDashboard.Tests.Features.UpgradeAudits;

/// <summary>
/// A project with an upgrade v1 → v2 (and a later v3) written straight into a real database: 200 traces per version
/// with feedback on them (v1: 80 % thumbs-up, 16 rewritten traces, one of them rewritten twice; v2: 60 % thumbs-up, 30
/// rewritten traces; CSAT the same on both), feedback about an unknown trace, and two sampling rounds whose reviewers
/// found failures on v2 (two the bench would miss, one it would catch) and one on v1.
/// </summary>
public sealed record UpgradeEvidenceProject(int ProjectId, string Slug, int V1, int V2, int V3, int Round1, int Round2)
{
    public const string HostileInput = "<script>alert('x')</script>\n{{ env }} & \"quotes\"";
    public const string HostileNotes = "<img src=x onerror=alert(1)> missed the refund rule";

    public static async Task<UpgradeEvidenceProject> SeedAsync(AppDbContext db)
    {
        var slug = $"up-{Guid.NewGuid():N}"[..16];
        var project = new Project { Slug = slug, Name = "Upgrade", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        PipelineVersion Version(string label, int month) => new()
        {
            ProjectId = project.Id, Version = label, DeployedAt = new DateTime(2026, month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        var (v1, v2, v3) = (Version("v1", 3), Version("v2", 4), Version("v3", 6));
        db.PipelineVersions.AddRange(v1, v2, v3);
        await db.SaveChangesAsync();

        var events = new List<FeedbackEvent>();
        void Add(string traceId, FeedbackKind kind, DateTime at, double? value = null) => events.Add(new FeedbackEvent
        {
            ProjectId = project.Id, EventId = $"e{events.Count}", TraceId = traceId, Timestamp = at.AddMinutes(5), Kind = kind, Value = value,
        });
        double[] csat = [5, 4, 4, 3, 4];
        foreach (var (version, prefix, thumbsUp, rewritten) in new[] { (v1, "a", 160, 16), (v2, "b", 120, 30) })
        {
            for (var i = 0; i < 200; i++)
            {
                var id = $"{prefix}{i:000}";
                var at = version.DeployedAt.AddDays(i % 28).AddHours(9);
                db.ProductionTraces.Add(new ProductionTrace
                {
                    ProjectId = project.Id, TraceId = id, Timestamp = at, PipelineVersionId = version.Id,
                    Input = i == 0 && prefix == "b" ? HostileInput : $"Question {id}", Output = "Answer", Category = "billing",
                });
                Add(id, i < thumbsUp ? FeedbackKind.ThumbsUp : FeedbackKind.ThumbsDown, at);
                if (i % 2 == 0) Add(id, FeedbackKind.Csat, at, csat[i / 2 % csat.Length]);
                if (i < rewritten) Add(id, FeedbackKind.Rewrite, at);
                if (prefix == "a" && i < 1) Add(id, FeedbackKind.Rewrite, at.AddMinutes(1));
            }
        }
        // About a trace never sent: it belongs to no version.
        Add("ghost", FeedbackKind.ThumbsDown, v2.DeployedAt);
        Add("ghost", FeedbackKind.Rewrite, v2.DeployedAt);
        db.FeedbackEvents.AddRange(events);
        var matched = new BenchCase
        {
            ProjectId = project.Id, ExternalId = "refund-001", Status = BenchCaseStatus.Active, Source = BenchCaseSource.Imported,
            CreatedAt = DateTime.UtcNow, FirstSeenAt = v1.DeployedAt,
        };
        db.BenchCases.Add(matched);
        await db.SaveChangesAsync();

        var traces = db.ProductionTraces.Where(t => t.ProjectId == project.Id).ToDictionary(t => t.TraceId, t => t.Id);
        var round1 = Round(project.Id, "2026-04", (traces["b000"], Gap("rev-1", "policy", HostileNotes)), (traces["b001"], Caught("rev-1", matched.Id)),
            (traces["b002"], Good("rev-1")), (traces["b003"], null), (traces["a000"], Gap("rev-1", "tone", "on the old version")));
        var round2 = Round(project.Id, "2026-05", (traces["b004"], Gap("rev-2", "subscription dispute", null)));
        db.SamplingRounds.AddRange(round1, round2);
        await db.SaveChangesAsync();
        return new UpgradeEvidenceProject(project.Id, slug, v1.Id, v2.Id, v3.Id, round1.Id, round2.Id);
    }

    private static SamplingRound Round(int projectId, string period, params (long TraceId, TraceReview? Review)[] items) => new()
    {
        ProjectId = projectId, Period = period, Size = items.Length, Strategy = SamplingStrategy.Uniform, Seed = 1,
        WindowFrom = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), WindowTo = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc),
        Status = SamplingRoundStatus.Closed, CreatedAt = DateTime.UtcNow,
        Traces = items.Select((item, i) => new SampledTrace
        {
            ProductionTraceId = item.TraceId, Position = i, AssignedReviewerId = item.Review?.ReviewerId ?? "rev-1",
            Reviews = item.Review is null ? [] : [item.Review],
        }).ToList(),
    };

    private static TraceReview Gap(string reviewer, string category, string? notes) => new()
    {
        ReviewerId = reviewer, Verdict = ReviewVerdict.Bad, FailureCategory = category, BenchWouldCatch = BenchWouldCatch.No, Notes = notes,
        ReviewedAt = new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc),
    };

    private static TraceReview Caught(string reviewer, int caseId) => new()
    {
        ReviewerId = reviewer, Verdict = ReviewVerdict.Bad, FailureCategory = "policy", BenchWouldCatch = BenchWouldCatch.Yes, MatchedBenchCaseId = caseId,
        ReviewedAt = new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc),
    };

    private static TraceReview Good(string reviewer) => new()
    {
        ReviewerId = reviewer, Verdict = ReviewVerdict.Good, ReviewedAt = new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc),
    };
}
