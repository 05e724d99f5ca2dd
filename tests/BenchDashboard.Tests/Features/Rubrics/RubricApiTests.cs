using System.Net;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Projects;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary><c>POST/GET …/rubric-versions</c> and <c>GET …/rubric-reviews</c> against the real app, field for field as API.md
/// "Rubrics" says: immutable versions, whole-body validation, scopes, and reviews as the review workflow stores them.</summary>
public abstract class RubricApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : RubricApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : RubricApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private static object Version(int number, string? notes = "Quarterly rubric", params (string Key, string Description, double? Weight)[] items) => new
    {
        number, notes, items = items.Select(i => i.Weight is { } w ? (object)new { key = i.Key, description = i.Description, weight = w } : new { key = i.Key, description = i.Description }),
    };

    private static readonly (string, string, double?)[] ThreeItems =
    [
        ("cites-policy", "Names the policy that applies", 2), ("apologizes", "Apologizes when something went wrong", null), ("<b>next-step</b>", "Says what happens next & when", 0.5),
    ];

    private Task<HttpResponseMessage> ImportAsync(string slug, object body) => client.PostJsonAsync(slug, "rubric-versions", body);

    private long Items(string slug) => client.Scalar($"""
        SELECT COUNT(*) FROM "RubricVersionItems" i JOIN "RubricVersions" v ON v."Id" = i."RubricVersionId" WHERE v."ProjectId" = {IngestionClient.ProjectOfSlug}
        """, slug);

    private async Task<JsonElement> ListAsync(string slug, string path = "rubric-versions") =>
        await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/{path}"));

    private static List<string?> Keys(JsonElement version) => version.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()).ToList();

    [Fact]
    public async Task Importing_a_version_is_a_201_with_its_items_in_order_and_is_audited()
    {
        var slug = await client.NewProjectAsync("rub");
        var created = await ImportAsync(slug, Version(3, "Q3: <i>tone</i> added", ThreeItems));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/projects/{slug}/rubric-versions/3", created.Headers.Location?.OriginalString);
        var json = await IngestionClient.JsonAsync(created);
        Assert.Equal(["number", "status", "approvedBy", "approvedAt", "notes", "items"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, "imported", "Q3: <i>tone</i> added"), (json.GetProperty("number").GetInt32(), json.GetProperty("status").GetString(), json.GetProperty("notes").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("approvedBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("approvedAt").ValueKind);
        Assert.Equal(["cites-policy", "apologizes", "<b>next-step</b>"], Keys(json));
        var first = json.GetProperty("items")[0];
        Assert.Equal(["key", "description", "weight"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal([2.0, 1.0, 0.5], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("weight").GetDouble()));
        Assert.Equal("Says what happens next & when", json.GetProperty("items")[2].GetProperty("description").GetString());

        Assert.Equal(json.ToString(), (await ListAsync(slug, "rubric-versions/3")).ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/{slug}/rubric-versions/4")).StatusCode);

        await using var db = app.Database.CreateContext();
        var logged = db.AuditEvents.Single(e => e.Action == AuditActions.RubricVersionImported && e.Subject == $"project:{slug}/rubric-version:3");
        Assert.Contains("cites-policy", logged.PayloadJson);
        Assert.Equal(3, Items(slug));
    }

    [Fact]
    public async Task The_same_content_again_is_a_200_and_other_content_a_409_that_changes_nothing()
    {
        var slug = await client.NewProjectAsync("rub");
        Assert.Equal(HttpStatusCode.Created, (await ImportAsync(slug, Version(1, "First", ThreeItems))).StatusCode);

        var same = await ImportAsync(slug, Version(1, "First", ThreeItems));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(["cites-policy", "apologizes", "<b>next-step</b>"], Keys(await IngestionClient.JsonAsync(same)));
        // A weight left out is the default weight 1: sending it explicitly is the same content.
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(slug, Version(1, "First", ThreeItems[0], ("apologizes", "Apologizes when something went wrong", 1), ThreeItems[2]))).StatusCode);

        (object Body, string Why)[] changes =
        [
            (Version(1, "First, edited", ThreeItems), "its notes differ"),
            (Version(1, null, ThreeItems), "its notes differ"),
            (Version(1, "First", ThreeItems[0], ThreeItems[1]), "it has 3 items, this request 2"),
            (Version(1, "First", ThreeItems[1], ThreeItems[0], ThreeItems[2]), "item 1 is 'cites-policy' there, 'apologizes' here"),
            (Version(1, "First", ("cites-policy", "Names the policy", 2), ThreeItems[1], ThreeItems[2]), "the item 'cites-policy' has another description"),
            (Version(1, "First", ("cites-policy", "Names the policy that applies", 3), ThreeItems[1], ThreeItems[2]), "the item 'cites-policy' has another weight"),
        ];
        foreach (var (body, why) in changes)
        {
            var conflict = await ImportAsync(slug, body);
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            var errors = await IngestionClient.ErrorsAsync(conflict);
            Assert.Contains("rubric version 1 already exists with other content", errors);
            Assert.Contains(why, errors);
        }
        Assert.Equal(1, client.Count(slug, "RubricVersions"));
        Assert.Equal(3, Items(slug));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, db.AuditEvents.Count(e => e.Action == AuditActions.RubricVersionImported && e.Subject == $"project:{slug}/rubric-version:1"));
    }

    [Fact]
    public async Task A_number_a_bench_run_named_first_is_completed_by_its_first_import()
    {
        var slug = await client.NewProjectAsync("rub");
        var run = await client.PostJsonAsync(slug, "bench-runs", new
        {
            runId = "run-1", version = "v1", startedAt = "2026-03-01T10:00:00Z", rubricVersion = 4,
            results = new[] { new { caseId = "c1", passed = true, items = new { apologizes = true } } },
        });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var named = (await ListAsync(slug)).EnumerateArray().Single();
        Assert.Equal((4, "imported"), (named.GetProperty("number").GetInt32(), named.GetProperty("status").GetString()));
        Assert.Empty(named.GetProperty("items").EnumerateArray());

        var completed = await ImportAsync(slug, Version(4, "The rubric run-1 was graded with", ThreeItems));
        Assert.Equal(HttpStatusCode.Created, completed.StatusCode);
        var json = await IngestionClient.JsonAsync(completed);
        Assert.Equal(["cites-policy", "apologizes", "<b>next-step</b>"], Keys(json));
        Assert.Equal("The rubric run-1 was graded with", json.GetProperty("notes").GetString());
        Assert.Equal(1, client.Count(slug, "RubricVersions"));
        // The run still names the same version row, now with items.
        Assert.Equal(1, client.Scalar($"""
            SELECT COUNT(*) FROM "BenchRuns" r JOIN "RubricVersions" v ON v."Id" = r."RubricVersionId" WHERE v."Number" = 4 AND r."ProjectId" = {IngestionClient.ProjectOfSlug}
            """, slug));

        // Completed once: from now on it is immutable like any other.
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(slug, Version(4, "The rubric run-1 was graded with", ThreeItems))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ImportAsync(slug, Version(4, "Another rubric", ThreeItems))).StatusCode);
        // A later run naming it keeps it as it is.
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "bench-runs", new
        {
            runId = "run-2", version = "v1", startedAt = "2026-03-02T10:00:00Z", rubricVersion = 4, results = new[] { new { caseId = "c1", passed = true } },
        })).StatusCode);
        Assert.Equal(3, Items(slug));
        await using var db = app.Database.CreateContext();
        Assert.Contains("\"completed\":true", db.AuditEvents.Single(e => e.Action == AuditActions.RubricVersionImported && e.Subject == $"project:{slug}/rubric-version:4").PayloadJson);
    }

    [Theory]
    [InlineData("""{"number": 0, "items": [{"key": "a", "description": "A"}]}""", "body: number: must be between 1 and")]
    [InlineData("""{"number": 1.5, "items": [{"key": "a", "description": "A"}]}""", "body: number: must be a whole number, got 1.5")]
    [InlineData("""{"items": [{"key": "a", "description": "A"}]}""", "body: number: is required")]
    [InlineData("""{"number": 1}""", "body: items: is required")]
    [InlineData("""{"number": 1, "items": []}""", "body: items: must hold at least one item")]
    [InlineData("""{"number": 1, "items": {"a": "A"}}""", "body: items: must be an array, got an object")]
    [InlineData("""{"number": 1, "items": [{"description": "A"}]}""", "items[0]: key: is required")]
    [InlineData("""{"number": 1, "items": [{"key": " ", "description": "A"}]}""", "items[0]: key: must not be empty")]
    [InlineData("""{"number": 1, "items": [{"key": "a"}]}""", "items[0]: description: is required")]
    [InlineData("""{"number": 1, "items": ["a"]}""", "items[0]: expected a JSON object, got a string")]
    [InlineData("""{"number": 1, "items": [{"key": "a", "description": "A"}, {"key": "b", "description": "B"}, {"key": "a", "description": "C"}]}""",
        "items: the key 'a' appears 2 times; each item of a version has its own key")]
    [InlineData("""{"number": 1, "items": [{"key": "a", "description": "A", "weight": 0}]}""", "items[0]: weight: must be greater than 0 and at most 1,000, got 0")]
    [InlineData("""{"number": 1, "items": [{"key": "a", "description": "A", "weight": -2}]}""", "items[0]: weight: must be greater than 0 and at most 1,000, got -2")]
    [InlineData("""{"number": 1, "items": [{"key": "a", "description": "A", "weight": 1000.5}]}""", "items[0]: weight: must be greater than 0 and at most 1,000, got 1000.5")]
    [InlineData("""{"number": 1, "items": [{"key": "a", "description": "A", "weight": "1"}]}""", "items[0]: weight: must be a number, got a string")]
    [InlineData("""{"number": 1, "items": [{"key": "a", "description": "A", "weight": 1e999}]}""", "items[0]: weight: 1e999 is beyond the range of a number")]
    [InlineData("""{"number": 1, "notes": 5, "items": [{"key": "a", "description": "A"}]}""", "body: notes: must be a string, got a number")]
    [InlineData("""[{"number": 1}]""", "body: expected a JSON object, got an array")]
    [InlineData("""{"number": 1,""", "body: not valid JSON")]
    public async Task A_bad_body_is_a_400_in_plain_words_and_stores_nothing(string body, string expected)
    {
        var slug = await client.NewProjectAsync("rub");
        var response = await client.PostAsync(slug, "rubric-versions", body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.Count(slug, "RubricVersions"));
    }

    [Fact]
    public async Task Limits_on_items_keys_descriptions_and_notes_are_400s_and_the_limits_themselves_are_fine()
    {
        var slug = await client.NewProjectAsync("rub");
        object Item(int i, int keyLength = 8, int descriptionLength = 10) => new { key = $"k{i}".PadRight(keyLength, 'x'), description = new string('d', descriptionLength) };

        var tooMany = await ImportAsync(slug, new { number = 1, items = Enumerable.Range(0, 101).Select(i => Item(i)) });
        Assert.Contains("body: items: holds 101 items; a rubric version has at most 100", await IngestionClient.ErrorsAsync(tooMany));
        var tooLong = await ImportAsync(slug, new
        {
            number = 1, notes = new string('n', RubricVersion.MaxNotesLength + 1),
            items = new[] { Item(0, keyLength: RubricItem.MaxKeyLength + 1), Item(1, descriptionLength: RubricItem.MaxDescriptionLength + 1) },
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var errors = await IngestionClient.ErrorsAsync(tooLong);
        Assert.Contains("body: notes: is 2,001 characters long; the limit is 2,000", errors);
        Assert.Contains("items[0]: key: is 101 characters long; the limit is 100", errors);
        Assert.Contains("items[1]: description: is 2,001 characters long; the limit is 2,000", errors);
        Assert.Equal(0, client.Count(slug, "RubricVersions"));

        var atTheLimits = await ImportAsync(slug, new
        {
            number = 1, notes = new string('n', RubricVersion.MaxNotesLength),
            items = Enumerable.Range(0, 100).Select(i => Item(i, RubricItem.MaxKeyLength, RubricItem.MaxDescriptionLength)),
        });
        Assert.Equal(HttpStatusCode.Created, atTheLimits.StatusCode);
        Assert.Equal(100, Items(slug));
    }

    [Fact]
    public async Task Identical_imports_at_the_same_time_store_one_version_and_none_fails()
    {
        var slug = await client.NewProjectAsync("rub");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ImportAsync(slug, Version(7, "Raced", ThreeItems))));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, client.Count(slug, "RubricVersions"));
        Assert.Equal(3, Items(slug));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, db.AuditEvents.Count(e => e.Action == AuditActions.RubricVersionImported && e.Subject == $"project:{slug}/rubric-version:7"));
    }

    [Fact]
    public async Task Versions_are_listed_newest_first_with_an_approval_where_a_review_made_them()
    {
        var slug = await client.NewProjectAsync("rub");
        Assert.Equal(HttpStatusCode.Created, (await ImportAsync(slug, Version(2, "Second", ThreeItems[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ImportAsync(slug, Version(1, "First", ThreeItems))).StatusCode);
        var approvedAt = new DateTime(2026, 4, 2, 9, 30, 0, DateTimeKind.Utc);
        await using (var db = app.Database.CreateContext())
        {
            db.RubricVersions.Add(new RubricVersion
            {
                ProjectId = db.Projects.Single(p => p.Slug == slug).Id, Number = 3, Status = RubricVersionStatus.Approved, ApprovedBy = "lead2@example.com",
                ApprovedAt = approvedAt, CreatedAt = approvedAt, Items = [new RubricItem { Key = "tone", Description = "Friendly", Weight = 1.5, Position = 0 }],
            });
            await db.SaveChangesAsync();
        }
        var other = await client.NewProjectAsync("rub");
        Assert.Equal(HttpStatusCode.Created, (await ImportAsync(other, Version(9, "Other project", ThreeItems))).StatusCode);

        var list = (await ListAsync(slug)).EnumerateArray().ToList();
        Assert.Equal([3, 2, 1], list.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(["approved", "imported", "imported"], list.Select(v => v.GetProperty("status").GetString()));
        Assert.Equal("lead2@example.com", list[0].GetProperty("approvedBy").GetString());
        Assert.Equal(approvedAt, list[0].GetProperty("approvedAt").GetDateTime().ToUniversalTime());
        Assert.Equal(["tone"], Keys(list[0]));
        Assert.Equal(["cites-policy", "apologizes", "<b>next-step</b>"], Keys(list[2]));
        Assert.All(list, v => Assert.Equal(["number", "status", "approvedBy", "approvedAt", "notes", "items"], v.EnumerateObject().Select(p => p.Name)));
        Assert.Empty((await ListAsync(await client.NewProjectAsync("rub"))).EnumerateArray());
    }

    [Fact]
    public async Task Reviews_are_listed_newest_first_with_their_author_approval_and_decisions()
    {
        var slug = await client.NewProjectAsync("rub");
        var other = await client.NewProjectAsync("rub");
        var start = new DateTime(2026, 3, 20, 9, 0, 0, DateTimeKind.Utc);
        await using (var db = app.Database.CreateContext())
        {
            var projectId = db.Projects.Single(p => p.Slug == slug).Id;
            var v1 = new RubricVersion { ProjectId = projectId, Number = 1, Status = RubricVersionStatus.Imported, CreatedAt = start.AddDays(-90) };
            var v2 = new RubricVersion { ProjectId = projectId, Number = 2, Status = RubricVersionStatus.Approved, CreatedAt = start.AddDays(2), ApprovedBy = "lead2@example.com", ApprovedAt = start.AddDays(2) };
            db.RubricVersions.AddRange(v1, v2);
            await db.SaveChangesAsync();
            db.RubricReviews.AddRange(
                new RubricReview
                {
                    ProjectId = projectId, Quarter = "2026-Q1", FromRubricVersionId = v1.Id, ToRubricVersionId = v2.Id, Status = RubricReviewStatus.Approved,
                    CreatedBy = "lead1@example.com", CreatedAt = start, SubmittedAt = start.AddDays(1), SignedOffBy = "lead2@example.com", SignedOffAt = start.AddDays(2),
                    Decisions =
                    [
                        new RubricItemDecision { ItemKey = "cites-policy", Decision = RubricItemVerdict.Keep, Rationale = "Still the top complaint", DecidedBy = "lead1@example.com", DecidedAt = start },
                        new RubricItemDecision { ItemKey = "apologizes", Decision = RubricItemVerdict.Drop, Rationale = "<script>never fails</script>", DecidedBy = "lead1@example.com", DecidedAt = start },
                        new RubricItemDecision { ItemKey = "tone", Decision = RubricItemVerdict.Add, Description = "Friendly", Weight = 1, FailureCategory = "rude", Rationale = "Sampling found rude replies", DecidedBy = "lead1@example.com", DecidedAt = start },
                        new RubricItemDecision { ItemKey = "next-step", Decision = RubricItemVerdict.Change, Description = "Says what happens next", Rationale = "Sharper wording", DecidedBy = "lead1@example.com", DecidedAt = start },
                    ],
                },
                new RubricReview { ProjectId = projectId, Quarter = "2026-Q2", FromRubricVersionId = v2.Id, Status = RubricReviewStatus.Draft, CreatedBy = "lead1@example.com", CreatedAt = start.AddDays(80) },
                new RubricReview
                {
                    ProjectId = projectId, Quarter = "2026-Q1", FromRubricVersionId = v1.Id, Status = RubricReviewStatus.Abandoned, CreatedBy = "lead2@example.com",
                    CreatedAt = start.AddDays(-1), AbandonedBy = "lead2@example.com", AbandonedAt = start, AbandonReason = "Started twice",
                });
            var otherId = db.Projects.Single(p => p.Slug == other).Id;
            var ov = new RubricVersion { ProjectId = otherId, Number = 1, Status = RubricVersionStatus.Imported, CreatedAt = start };
            db.RubricVersions.Add(ov);
            await db.SaveChangesAsync();
            db.RubricReviews.Add(new RubricReview { ProjectId = otherId, Quarter = "2026-Q1", FromRubricVersionId = ov.Id, Status = RubricReviewStatus.Submitted, CreatedBy = "x@example.com", CreatedAt = start });
            await db.SaveChangesAsync();
        }

        var reviews = (await ListAsync(slug, "rubric-reviews")).EnumerateArray().ToList();
        Assert.Equal([("2026-Q2", "draft"), ("2026-Q1", "approved"), ("2026-Q1", "abandoned")],
            reviews.Select(r => (r.GetProperty("quarter").GetString(), r.GetProperty("status").GetString())));
        Assert.All(reviews, r => Assert.Equal(["reviewId", "quarter", "fromVersion", "toVersion", "status", "proposedBy", "approvedBy", "approvedAt", "decisions"],
            r.EnumerateObject().Select(p => p.Name)));

        var draft = reviews[0];
        Assert.Equal((2, JsonValueKind.Null, JsonValueKind.Null), (draft.GetProperty("fromVersion").GetInt32(), draft.GetProperty("toVersion").ValueKind, draft.GetProperty("approvedBy").ValueKind));
        Assert.Empty(draft.GetProperty("decisions").EnumerateArray());

        var approved = reviews[1];
        Assert.Equal((1, 2), (approved.GetProperty("fromVersion").GetInt32(), approved.GetProperty("toVersion").GetInt32()));
        Assert.Equal(("lead1@example.com", "lead2@example.com"), (approved.GetProperty("proposedBy").GetString(), approved.GetProperty("approvedBy").GetString()));
        Assert.Equal(start.AddDays(2), approved.GetProperty("approvedAt").GetDateTime().ToUniversalTime());
        var decisions = approved.GetProperty("decisions").EnumerateArray().ToList();
        Assert.All(decisions, d => Assert.Equal(["itemKey", "decision", "rationale"], d.EnumerateObject().Select(p => p.Name)));
        Assert.Equal([("cites-policy", "keep"), ("apologizes", "drop"), ("tone", "add"), ("next-step", "change")],
            decisions.Select(d => (d.GetProperty("itemKey").GetString(), d.GetProperty("decision").GetString())));
        Assert.Equal("<script>never fails</script>", decisions[1].GetProperty("rationale").GetString());
        Assert.Equal("lead2@example.com", reviews[2].GetProperty("proposedBy").GetString());

        Assert.Equal(["submitted"], (await ListAsync(other, "rubric-reviews")).EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Importing_needs_the_ingest_scope_reading_the_read_scope_and_an_existing_project()
    {
        var slug = await client.NewProjectAsync("rub");
        var other = await client.NewProjectAsync("rub");
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var projects = app.Services.GetRequiredService<ProjectService>();
        var reader = app.CreateApiClient((await keys.CreateAsync("rubric reader", ApiScopes.Read, null, "test")).Secret);
        var ingester = app.CreateApiClient((await keys.CreateAsync("rubric ingester", ApiScopes.Ingest, null, "test")).Secret);
        var otherProjects = app.CreateApiClient((await keys.CreateAsync("other project", ApiScopes.Ingest | ApiScopes.Read, (await projects.FindAsync(other))!.Id, "test")).Secret);
        StringContent Body() => IngestionClient.Content(JsonSerializer.Serialize(Version(1, "Scoped", ThreeItems)), "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/projects/{slug}/rubric-versions", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient("not-a-key-at-all-not-a-key-at-all-123").PostAsync($"/api/v1/projects/{slug}/rubric-versions", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/v1/projects/{slug}/rubric-versions", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherProjects.PostAsync($"/api/v1/projects/{slug}/rubric-versions", Body())).StatusCode);
        Assert.Equal(0, client.Count(slug, "RubricVersions"));
        Assert.Equal(HttpStatusCode.Created, (await ingester.PostAsync($"/api/v1/projects/{slug}/rubric-versions", Body())).StatusCode);

        foreach (var path in new[] { "rubric-versions", "rubric-versions/1", "rubric-reviews" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/projects/{slug}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await ingester.GetAsync($"/api/v1/projects/{slug}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await otherProjects.GetAsync($"/api/v1/projects/{slug}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/projects/{slug}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/no-such-project/{path}")).StatusCode);
        }
        var unknown = await client.PostJsonAsync("no-such-project", "rubric-versions", Version(1, "x", ThreeItems));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
