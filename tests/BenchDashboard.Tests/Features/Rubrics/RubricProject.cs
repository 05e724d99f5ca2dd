using BenchDashboard.Data;
using BenchDashboard.Domain;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>
/// A project with three rubric versions and a quarter (2026-Q3) of runs and sampling rounds, written straight into a real
/// database, with the figures the Rubrics page should show worked out by hand:
/// <list type="bullet">
/// <item>v1: cites-policy, tone, format. v2 (approved review, which added "refunds" from the category "Invented refund"):
/// cites-policy reworded, tone reweighted 1 → 2, format removed, refunds added. v3 (imported): v2 plus "escalates".</item>
/// <item>Q3 runs: July (v1: c1 passes; c2 fails cites-policy and format; c3 fails tone; c4 has no outcomes), August (v2:
/// c2 fails cites-policy; c4's outcomes are not JSON), late September (no outcomes at all). A June run and an October
/// run (the newest) fail everything and are outside Q3.</item>
/// <item>Rounds overlapping Q3: "wrong language" twice (one the bench would catch), "tone" once caught and once, after a
/// disagreement the lead settled, missed; "slow answer" once (bench question not applicable); "invented refund" once; a
/// good label, an unfinished label and the second reviewer's overruled label do not count. An April round is outside.</item>
/// </list>
/// </summary>
public sealed record RubricProject(int ProjectId)
{
    public static readonly DateTime Jul10 = Utc(2026, 7, 10), Aug15 = Utc(2026, 8, 15), Sep30Late = Utc(2026, 9, 30).AddHours(23);

    public static async Task<RubricProject> SeedAsync(AppDbContext db)
    {
        var project = new Project { Slug = $"rb-{Guid.NewGuid():N}"[..16], Name = "Rubrics", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var version = new PipelineVersion { ProjectId = project.Id, Version = "v1", DeployedAt = Utc(2026, 1, 1) };
        db.PipelineVersions.Add(version);

        var v1 = Version(project.Id, 1, RubricVersionStatus.Imported, Utc(2026, 1, 1), "Launch.",
            ("cites-policy", "Cites the policy that applies.", 1), ("tone", "Keeps a calm tone.", 1), ("format", "Uses short steps.", 1));
        var v2 = Version(project.Id, 2, RubricVersionStatus.Approved, Utc(2026, 8, 1), "Quarterly review.",
            ("cites-policy", "Cites the policy that applies, by name.", 1), ("tone", "Keeps a calm tone.", 2),
            ("refunds", "Promises no refund the systems do not show.", 1));
        v2.ApprovedBy = "second@example.com";
        v2.ApprovedAt = v2.CreatedAt;
        var v3 = Version(project.Id, 3, RubricVersionStatus.Imported, Utc(2026, 9, 20), "Re-imported with escalation.",
            ("cites-policy", "Cites the policy that applies, by name.", 1), ("tone", "Keeps a calm tone.", 2),
            ("refunds", "Promises no refund the systems do not show.", 1), ("escalates", "Hands over to a human when unsure.", 1));
        db.RubricVersions.AddRange(v1, v2, v3);
        var cases = Enumerable.Range(1, 4).Select(i => new BenchCase
        {
            ProjectId = project.Id, ExternalId = $"c{i}", Status = BenchCaseStatus.Active, Source = BenchCaseSource.Imported,
            CreatedAt = Utc(2026, 1, 1), FirstSeenAt = Utc(2026, 1, 1),
        }).ToList();
        db.BenchCases.AddRange(cases);
        await db.SaveChangesAsync();

        db.RubricReviews.Add(new RubricReview
        {
            ProjectId = project.Id, Quarter = "2026-Q3", FromRubricVersionId = v1.Id, ToRubricVersionId = v2.Id, Status = RubricReviewStatus.Approved,
            CreatedBy = "lead@example.com", CreatedAt = Utc(2026, 7, 25), SignedOffBy = "second@example.com", SignedOffAt = Utc(2026, 8, 1),
            Decisions =
            [
                new RubricItemDecision
                {
                    ItemKey = "refunds", Decision = RubricItemVerdict.Add, Description = "Promises no refund the systems do not show.", Weight = 1,
                    FailureCategory = "Invented refund", Rationale = "Reviewers keep finding them.", DecidedBy = "lead@example.com", DecidedAt = Utc(2026, 7, 26),
                },
                new RubricItemDecision
                {
                    ItemKey = "format", Decision = RubricItemVerdict.Drop, Rationale = "Never told us anything.", DecidedBy = "lead@example.com",
                    DecidedAt = Utc(2026, 7, 26),
                },
            ],
        });

        const string everythingFails = """{"cites-policy":false,"tone":false,"refunds":false,"escalates":false}""";
        db.BenchRuns.AddRange(
            Run(project.Id, version.Id, v1.Id, "june", Utc(2026, 6, 20), cases, everythingFails, everythingFails, everythingFails, everythingFails),
            Run(project.Id, version.Id, v1.Id, "july", Jul10, cases,
                """{"cites-policy":true,"tone":true,"format":true}""", """{"cites-policy":false,"tone":true,"format":false}""",
                """{"cites-policy":true,"tone":false,"format":true}""", null),
            Run(project.Id, version.Id, v2.Id, "august", Aug15, cases,
                """{"cites-policy":true,"tone":true,"refunds":true}""", """{"cites-policy":false,"tone":true,"refunds":true}""",
                """{"cites-policy":true,"tone":true,"refunds":true}""", "not json"),
            Run(project.Id, version.Id, v3.Id, "september", Sep30Late, cases, null, null, null, null),
            Run(project.Id, version.Id, v3.Id, "october", Utc(2026, 10, 2), cases, everythingFails, everythingFails, everythingFails, everythingFails));

        var traces = Enumerable.Range(0, 12).Select(i => new ProductionTrace
        {
            ProjectId = project.Id, TraceId = $"t{i}", Timestamp = Utc(2026, 7, 1).AddHours(i), PipelineVersionId = version.Id, Input = $"Question {i}",
        }).ToList();
        db.ProductionTraces.AddRange(traces);
        await db.SaveChangesAsync();

        var caught = cases[0].Id;
        var june = Round(project.Id, "2026-06", Utc(2026, 6, 15), Utc(2026, 7, 15),
            (traces[0].Id, [Bad("rev-1", "wrong language", BenchWouldCatch.No)]),
            (traces[1].Id, [Bad("rev-1", "Wrong Language", BenchWouldCatch.Yes, caught)]),
            (traces[2].Id, [new TraceReview { ReviewerId = "rev-1", Verdict = ReviewVerdict.Good, ReviewedAt = Utc(2026, 7, 20) }]),
            (traces[3].Id, [Bad("rev-1", "tone", BenchWouldCatch.Yes, caught)]),
            // Unfinished: the bench question is not answered yet, so the label does not count.
            (traces[4].Id, [Bad("rev-1", "unfinished", null)]),
            // Double-reviewed and settled on the second reviewer's label below.
            (traces[5].Id, [Bad("rev-1", "overruled", BenchWouldCatch.NotApplicable), Bad("rev-2", "tone", BenchWouldCatch.No)]));
        june.Traces[5].SecondReviewerId = "rev-2";
        var september = Round(project.Id, "2026-09", Utc(2026, 9, 1), Utc(2026, 10, 1),
            (traces[6].Id, [Bad("rev-1", "invented refund", BenchWouldCatch.No)]),
            (traces[7].Id, [Bad("rev-1", "slow answer", BenchWouldCatch.NotApplicable)]));
        var april = Round(project.Id, "2026-04", Utc(2026, 4, 1), Utc(2026, 5, 1),
            (traces[8].Id, [Bad("rev-1", "outside the quarter", BenchWouldCatch.No)]));
        db.SamplingRounds.AddRange(june, september, april);
        await db.SaveChangesAsync();
        june.Traces[5].SettledReviewId = june.Traces[5].Reviews.Single(r => r.ReviewerId == "rev-2").Id;
        await db.SaveChangesAsync();
        return new RubricProject(project.Id);
    }

    private static RubricVersion Version(int projectId, int number, RubricVersionStatus status, DateTime createdAt, string notes,
        params (string Key, string Description, double Weight)[] items) => new()
    {
        ProjectId = projectId, Number = number, Status = status, CreatedAt = createdAt, Notes = notes,
        Items = items.Select((i, p) => new RubricItem { Key = i.Key, Description = i.Description, Weight = i.Weight, Position = p }).ToList(),
    };

    private static BenchRun Run(int projectId, int versionId, int rubricId, string runId, DateTime startedAt, List<BenchCase> cases,
        params string?[] outcomes) => new()
    {
        ProjectId = projectId, RunId = runId, PipelineVersionId = versionId, RubricVersionId = rubricId, StartedAt = startedAt,
        Results = cases.Select((c, i) => new BenchResult
        {
            BenchCaseId = c.Id, ItemOutcomesJson = outcomes[i],
            Passed = outcomes[i] is not { } json || !json.Contains("false", StringComparison.Ordinal),
        }).ToList(),
    };

    private static SamplingRound Round(int projectId, string period, DateTime from, DateTime to, params (long TraceId, TraceReview[] Reviews)[] items) => new()
    {
        ProjectId = projectId, Period = period, Size = items.Length, Strategy = SamplingStrategy.Uniform, Seed = 1, WindowFrom = from, WindowTo = to,
        Status = SamplingRoundStatus.Closed, CreatedAt = to,
        Traces = items.Select((item, i) => new SampledTrace
        {
            ProductionTraceId = item.TraceId, Position = i + 1, AssignedReviewerId = "rev-1", Reviews = [.. item.Reviews],
        }).ToList(),
    };

    private static TraceReview Bad(string reviewer, string category, BenchWouldCatch? wouldCatch, int? matched = null) => new()
    {
        ReviewerId = reviewer, Verdict = ReviewVerdict.Bad, FailureCategory = category, BenchWouldCatch = wouldCatch, MatchedBenchCaseId = matched,
        ReviewedAt = Utc(2026, 9, 5),
    };

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}
