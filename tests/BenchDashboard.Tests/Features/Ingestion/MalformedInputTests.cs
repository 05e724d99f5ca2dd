using System.Net;
using System.Text;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Every malformed request is answered with a clear 400 that names the bad line or field, and nothing of it is
/// stored, not even the valid rows around the bad one.
/// </summary>
public abstract class MalformedInputTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : MalformedInputTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : MalformedInputTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private const string Json = "application/json";
    private const string Ndjson = "application/x-ndjson";
    private const string Csv = "text/csv";
    private const string GoodTrace = """{"traceId":"ok-1","timestamp":"2026-03-02T10:00:00Z","input":"hello"}""";
    private const string GoodEvent = """{"eventId":"ok-1","timestamp":"2026-03-02T10:00:00Z","kind":"thumbs_up"}""";

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // name, path, content type, body, expected fragment of the error
        { "truncated JSON array", "traces", Json, "[" + GoodTrace + ",{\"traceId\":\"t2\",", "body: not valid JSON" },
        { "truncated last NDJSON line", "traces", Ndjson, GoodTrace + "\n{\"traceId\":\"t2\",\"timest", "line 2: not valid JSON" },
        { "not JSON at all", "traces", Json, "hello world", "expected a JSON array" },
        { "an object instead of an array", "traces", Json, GoodTrace, "expected a JSON array of objects" },
        { "numbers instead of objects", "traces", Json, "[1, 2]", "item 1: expected a JSON object, got a number" },
        { "missing traceId", "traces", Json, """[{"timestamp":"2026-03-02T10:00:00Z","input":"x"}]""", "item 1: traceId: is required" },
        { "missing input", "traces", Json, """[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z"}]""", "item 1: input: is required" },
        { "timestamp without a zone", "traces", Ndjson, """{"traceId":"t1","timestamp":"2026-03-02T10:00:00","input":"x"}""", "line 1: timestamp: '2026-03-02T10:00:00' has no time zone" },
        { "timestamp that is not a date", "traces", Json, """[{"traceId":"t1","timestamp":"yesterday","input":"x"}]""", "timestamp: 'yesterday' is not an ISO 8601 time" },
        { "timestamp as a number", "traces", Json, """[{"traceId":"t1","timestamp":1772445600,"input":"x"}]""", "timestamp: must be an ISO 8601 string" },
        { "impossible calendar date", "traces", Json, """[{"traceId":"t1","timestamp":"2026-02-30T10:00:00Z","input":"x"}]""", "is not a valid date" },
        { "traceId as a number", "traces", Json, """[{"traceId":17,"timestamp":"2026-03-02T10:00:00Z","input":"x"}]""", "traceId: must be a string, got a number" },
        { "empty traceId", "traces", Json, """[{"traceId":"","timestamp":"2026-03-02T10:00:00Z","input":"x"}]""", "traceId: must not be empty" },
        { "input over 64 KiB", "traces", Json, $$"""[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"{{new string('a', 70_000)}}"}]""", "input: is 70,000 characters long; the limit is 65,536" },
        { "bell character in input", "traces", Json, """[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"ring\u0007"}]""", "input: contains the control character U+0007" },
        { "newline inside an id", "traces", Json, """[{"traceId":"t\n1","timestamp":"2026-03-02T10:00:00Z","input":"x"}]""", "traceId: contains the control character U+000A" },
        { "NUL character in output", "traces", Json, """[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"x","output":"a\u0000b"}]""", "output: contains the control character U+0000" },
        { "lone surrogate escape", "traces", Json, """[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"\ud800"}]""", "input: is not valid Unicode text" },
        { "metadata as a string", "traces", Json, """[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"x","metadata":"web"}]""", "metadata: must be a JSON object" },
        { "category too long", "traces", Json, $$"""[{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"x","category":"{{new string('c', 200)}}"}]""", "category: is 200 characters long; the limit is 128" },
        { "duplicate trace ids in one batch", "traces", Json, "[" + GoodTrace + "," + GoodTrace + "]", "item 2: traceId: 'ok-1' appears more than once in this request" },
        { "JSON nested 100 deep", "traces", Json, "[" + new string('[', 100) + new string(']', 100) + "]", "body: not valid JSON" },
        { "unknown feedback kind", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"love"}]""", "kind: 'love' is not one of thumbs_up, thumbs_down, csat" },
        { "kind as a number", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":3}]""", "kind: must be a string" },
        { "CSAT of 6", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"csat","value":6}]""", "value: must be between 1 and 5, got 6" },
        { "CSAT of 0", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"csat","value":0}]""", "value: must be between 1 and 5, got 0" },
        { "CSAT without a value", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"csat"}]""", "value: is required" },
        { "CSAT value as a string", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"csat","value":"5"}]""", "value: must be a number, got a string" },
        { "missing feedback timestamp", "feedback", Ndjson, """{"eventId":"e1","kind":"undo"}""", "line 1: timestamp: is required" },
        { "a 1970 timestamp", "feedback", Ndjson, """{"eventId":"e1","timestamp":"1970-01-01T00:00:00Z","kind":"undo"}""", "is before the year 2000" },
        // Issue 12, finding 2: one such event used to break the project's Trends and Signals for everyone.
        { "a timestamp in 9999", "feedback", Ndjson, """{"eventId":"e1","timestamp":"9999-12-31T23:59:59Z","kind":"undo"}""", "is more than 24 hours in the future" },
        { "a trace from next year", "traces", Json, """[{"traceId":"t-future","timestamp":"2099-01-01T00:00:00+02:00","input":"x"}]""", "is more than 24 hours in the future" },
        { "duplicate event ids in NDJSON", "feedback", Ndjson, GoodEvent + "\n" + GoodEvent + "\n", "line 2: eventId: 'ok-1' appears more than once" },
        { "a broken line between good ones", "feedback", Ndjson, GoodEvent + "\n{oops}\n" + GoodEvent.Replace("ok-1", "ok-2") + "\n", "line 2: not valid JSON" },
        { "unknown metric", "metrics", Json, """[{"date":"2026-03-01","metric":"happiness","value":0.5,"n":10}]""", "metric: 'happiness' is not one of thumbsUpRate" },
        { "rate above 1", "metrics", Json, """[{"date":"2026-03-01","metric":"thumbsUpRate","value":1.5,"n":10}]""", "value: must be between 0 and 1, got 1.5" },
        { "n of 0", "metrics", Json, """[{"date":"2026-03-01","metric":"thumbsUpRate","value":0.5,"n":0}]""", "n: must be between 1 and" },
        { "US date", "metrics", Json, """[{"date":"03/01/2026","metric":"csat","value":4,"n":10}]""", "date: '03/01/2026' is not a date in the form YYYY-MM-DD" },
        { "CSV with the wrong header", "metrics", Csv, "day,name,value,count\n2026-03-01,csat,4,10\n", "line 1: the header is 'day,name,value,count'" },
        { "CSV value that is not a number", "metrics", Csv, "date,metric,value,n\n2026-03-01,csat,four,10\n", "line 2: value: 'four' is not a number" },
        { "CSV row with three fields", "metrics", Csv, "date,metric,value,n\n2026-03-01,csat,4\n", "line 2: has 3 fields; expected 4" },
        { "CSV with a date and metric twice", "metrics", Csv, "date,metric,value,n\n2026-03-01,csat,4,10\n2026-03-01,csat,4.5,12\n", "line 3: date and metric: '2026-03-01 csat' appears more than once" },
        { "bench run without results", "bench-runs", Json, """{"runId":"r1","version":"v1","startedAt":"2026-03-01T10:00:00Z"}""", "body: results: is required" },
        { "bench run with no results", "bench-runs", Json, """{"runId":"r1","version":"v1","startedAt":"2026-03-01T10:00:00Z","results":[]}""", "results: must hold at least one result" },
        { "passed as a string", "bench-runs", Json, """{"runId":"r1","version":"v1","startedAt":"2026-03-01T10:00:00Z","results":[{"caseId":"c1","passed":"yes"}]}""", "results[0]: passed: must be true or false, got a string" },
        { "a case twice in one run", "bench-runs", Json, """{"runId":"r1","version":"v1","startedAt":"2026-03-01T10:00:00Z","results":[{"caseId":"c1","passed":true},{"caseId":"c1","passed":false}]}""", "caseId 'c1' appears 2 times" },
        { "run start without a zone", "bench-runs", Json, """{"runId":"r1","version":"v1","startedAt":"2026-03-01 10:00","results":[{"caseId":"c1","passed":true}]}""", "startedAt: '2026-03-01 10:00' has no time zone" },
        { "version without deployedAt", "versions", Json, """{"version":"v9"}""", "body: deployedAt: is required" },
        { "promptfoo import without a format", "bench-runs/import?runId=r1&version=v1", Json, "{}", "format: the query parameter format is required" },
        { "not a promptfoo file", "bench-runs/import?format=promptfoo&runId=r1&version=v1", Json, """{"hello":"world"}""", "not a promptfoo results file" },
        // Issue 12, finding 2: every date is range-checked (a daily aggregate at the calendar's end broke "All" like an event).
        { "a daily aggregate dated 9999-12-31", "metrics", Json, """[{"date":"9999-12-31","metric":"csat","value":4,"n":10}]""", "item 1: date: 9999-12-31 is after" },
        { "a CSV aggregate dated 9999-12-31", "metrics", Csv, "date,metric,value,n\n9999-12-31,csat,4,10\n", "line 2: date: 9999-12-31 is after" },
        { "a sampling period of 0000-01", "sampling-rounds", Json, """{"period":"0000-01","size":5,"strategy":"uniform"}""", "period: '0000-01' is not a month from 2000-01 to this month" },
        { "a sampling period of 9999-12", "sampling-rounds", Json, """{"period":"9999-12","size":5,"strategy":"uniform"}""", "period: '9999-12' is not a month from 2000-01 to this month" },
        { "a sampling window in 9999", "sampling-rounds", Json, """{"period":"2026-01","size":5,"strategy":"uniform","from":"9999-12-01","to":"9999-12-31"}""", "from: 9999-12-01 is after" },
        // Issue 12, finding 15: numbers no double holds are refused, naming the field, not stored as NULL.
        { "a thumbs-up valued 1e309", "feedback", Json, """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"thumbs_up","value":1e309}]""", "item 1: value: 1e309 is beyond the range of a number" },
        { "a CSAT of 1e309", "feedback", Ndjson, """{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"csat","value":1e309}""", "line 1: value: 1e309 is beyond the range of a number" },
        { "a bench score of -1e309", "bench-runs", Json, """{"runId":"r1","version":"v1","startedAt":"2026-03-01T10:00:00Z","results":[{"caseId":"c1","passed":true,"score":-1e309}]}""", "results[0]: score: -1e309 is beyond the range of a number" },
        { "a daily aggregate of 1e400", "metrics", Json, """[{"date":"2026-03-01","metric":"csat","value":1e400,"n":10}]""", "item 1: value: 1e400 is beyond the range of a number" },
    };

    /// <summary>Query parameters of the read API (issue 12, finding 2): each a 400 naming the parameter, never a 500.</summary>
    public static TheoryData<string, string, string> QueryCases => new()
    {
        // name, path and query, expected fragment of the error
        { "trends up to 9999-12-31", "trends?to=9999-12-31", "to: 9999-12-31 is after" },
        { "trends up to next century", "trends?from=2026-01-01&to=2099-01-01", "to: 2099-01-01 is after" },
        { "trends from 0001-01-01", "trends?from=0001-01-01", "from: 0001-01-01 is before 2000-01-01" },
        { "two buckets at once", "trends?bucket=week,month", "bucket: 'week,month' is not one of day, week, month" },
        { "a bucket of 5,000 characters", "trends?bucket=" + new string('x', 5_000), $"bucket: '{new string('x', 40)}…' is not one of" },
        { "signals as of 9999-12-31", "signals?asOf=9999-12-31", "asOf: 9999-12-31 is after" },
        { "signals as of 0001-01-01", "signals?asOf=0001-01-01", "asOf: 0001-01-01 is before 2000-01-01" },
    };

    [Theory]
    [MemberData(nameof(QueryCases))]
    public async Task Bad_query_parameters_are_a_400_naming_the_parameter(string name, string pathAndQuery, string expected)
    {
        var slug = await client.NewProjectAsync();
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/{pathAndQuery}");
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: expected 400, got {(int)response.StatusCode}");
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task A_byte_order_mark_is_accepted_before_ndjson_as_before_a_json_array()
    {
        var slug = await client.NewProjectAsync();
        foreach (var (contentType, body) in new[] { (Ndjson, GoodEvent + "\n"), (Json, "[" + GoodEvent.Replace("ok-1", "ok-2") + "]") })
        {
            var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)]);
            content.Headers.ContentType = new(contentType);
            var response = await client.Api.PostAsync($"/api/v1/projects/{slug}/feedback", content);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(2, client.Count(slug, "FeedbackEvents"));
    }

    /// <summary>Issue 12, finding 15: a promptfoo file comparing 100,000 providers got a 1.2 MB answer listing them all.</summary>
    [Fact]
    public async Task An_error_answer_stays_small_however_much_of_the_input_it_could_repeat()
    {
        var slug = await client.NewProjectAsync();
        var results = string.Join(",", Enumerable.Range(0, 100_000).Select(i =>
            "{\"provider\":{\"id\":\"provider-number-" + i + "\"},\"success\":true,\"testCase\":{\"description\":\"case " + i + "\"}}"));
        var file = "{\"results\":{\"timestamp\":\"2026-03-01T10:00:00Z\",\"results\":[" + results + "]}}";
        var providers = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=r1&version=v1", file, Json);
        var providersText = await providers.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, providers.StatusCode);
        Assert.Contains("100,000 providers (provider-number-0, provider-number-1", providersText);
        Assert.Contains("and 99,990 more", providersText);
        Assert.True(providersText.Length < 8_000, $"the answer is {providersText.Length:N0} characters");

        // A CSV header of 200,000 characters is quoted short, and so is a 4,000-character content type.
        var header = await client.PostAsync(slug, "metrics", string.Join(",", Enumerable.Repeat("column", 30_000)) + "\n2026-03-01,csat,4,10\n", Csv);
        var headerText = await header.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.True(headerText.Length < 8_000, $"the answer is {headerText.Length:N0} characters");
        var contentType = await client.PostAsync(slug, "feedback", "[]", "application/x-" + new string('y', 4_000));
        var contentTypeText = await contentType.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, contentType.StatusCode);
        Assert.True(contentTypeText.Length < 2_000, $"the answer is {contentTypeText.Length:N0} characters");
        Assert.Equal(0, client.CountAll(slug));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_input_is_a_400_naming_the_problem_and_stores_nothing(string name, string path, string contentType, string body, string expected)
    {
        var slug = await client.NewProjectAsync();
        var response = await client.PostAsync(slug, path, body, contentType);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: expected 400, got {(int)response.StatusCode}");
        var errors = await IngestionClient.ErrorsAsync(response);
        Assert.Contains(expected, errors);
        Assert.Equal(0, client.CountAll(slug));
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_a_400()
    {
        var slug = await client.NewProjectAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"traceId":"t1","timestamp":"2026-03-02T10:00:00Z","input":"x""").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/x-ndjson");
        var response = await client.Api.PostAsync($"/api/v1/projects/{slug}/traces", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 1: input: is not valid Unicode text", await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.CountAll(slug));
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        var slug = await client.NewProjectAsync();
        var response = await client.PostAsync(slug, "feedback", "", Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The request body is empty", await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task Every_bad_line_is_named_and_the_list_is_capped()
    {
        var slug = await client.NewProjectAsync();
        var lines = Enumerable.Range(1, 250).Select(i => $$"""{"eventId":"e{{i}}","timestamp":"2026-03-02T10:00:00","kind":"undo"}""");
        var response = await client.PostAsync(slug, "feedback", string.Join("\n", lines), Ndjson);
        var json = await IngestionClient.JsonAsync(response);
        var errors = json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 1", out _));
        Assert.True(errors.TryGetProperty("line 20", out _));
        Assert.False(errors.TryGetProperty("line 21", out _));
        Assert.Contains("and 230 more errors not listed", errors.GetProperty("more")[0].GetString());
        Assert.Contains("250 problems found; nothing from this request was stored.", json.GetProperty("detail").GetString());
    }
}
