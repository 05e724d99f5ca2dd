using System.Globalization;
using System.Net;
using BenchDashboard.Domain;
using System.Text.Json;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Audit.Events;
using BenchDashboard.Tests.Infrastructure;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Audit;

/// <summary>
/// The auditor's reading of the audit log on the real app and database: keyset paging that shows every matching event
/// exactly once, the actor, action and date filters, the CSV download (who may have it, filtered rows, hostile text kept
/// literal and formula cells guarded, bad dates refused in words), and sampling-round exports, which auditors get for
/// closed rounds only.
/// </summary>
public abstract class AuditLogWorkspaceTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : AuditLogWorkspaceTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : AuditLogWorkspaceTests(app), IClassFixture<PostgresAppFactory>;

    private const string Password = "workspace password 1234";

    private AuditLog Log => app.Services.GetRequiredService<AuditLog>();
    private AuditLogQueries Queries => app.Services.GetRequiredService<AuditLogQueries>();

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@test.local";

    /// <summary>A browser session (sign-in cookie) of a new account with <paramref name="role"/>, or of the admin.</summary>
    private async Task<HttpClient> SignedInAsync(string? role)
    {
        var client = app.CreateBrowserClient();
        if (role is null)
        {
            await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
            return client;
        }
        var email = Unique(role.ToLowerInvariant());
        var created = await app.Services.GetRequiredService<UserAdminService>().CreateAsync(email, null, Password, [role], AppFactory.AdminEmail);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        var signIn = await AppFactory.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task Paging_older_and_newer_by_sequence_shows_every_matching_event_once_newest_first()
    {
        var actor = Unique("pager");
        var written = new List<long>();
        for (var i = 0; i < 2 * AuditLogFilter.PageSize + 20; i++)
        {
            written.Add((await Log.AppendAsync(actor, AuditActions.ProjectUpdated, $"p{i}")).Id);
            // Another actor's events in between must not show, nor shift the pages.
            if (i % 10 == 0) await Log.AppendAsync("someone-else@test.local", AuditActions.ProjectUpdated, "other");
        }
        var filter = new AuditLogFilter(Actor: actor.ToUpperInvariant()[..10]);

        var pages = new List<AuditLogRows> { await Queries.PageAsync(filter) };
        while (pages[^1].OlderThan is { } older) pages.Add(await Queries.PageAsync(filter with { Before = older }));
        Assert.Equal([AuditLogFilter.PageSize, AuditLogFilter.PageSize, 20], pages.Select(p => p.Rows.Count));
        var seen = pages.SelectMany(p => p.Rows).ToList();
        Assert.Equal(written.AsEnumerable().Reverse(), seen.Select(r => r.Sequence));
        Assert.All(seen, r => Assert.Equal(actor, r.Actor));
        Assert.Null(pages[0].NewerThan);
        Assert.NotNull(pages[1].NewerThan);

        // Back up from the last page: the same middle page again, and then the newest.
        var middle = await Queries.PageAsync(filter with { After = pages[2].NewerThan });
        Assert.Equal(pages[1].Rows.Select(r => r.Sequence), middle.Rows.Select(r => r.Sequence));
        var first = await Queries.PageAsync(filter with { After = middle.NewerThan });
        Assert.Equal(pages[0].Rows.Select(r => r.Sequence), first.Rows.Select(r => r.Sequence));
        Assert.Null(first.NewerThan);

        // New events arriving do not move what an older page shows.
        await Log.AppendAsync(actor, AuditActions.ProjectUpdated, "late");
        Assert.Equal(pages[1].Rows.Select(r => r.Sequence), (await Queries.PageAsync(filter with { Before = pages[0].OlderThan })).Rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Action_and_whole_utc_days_filter_the_log_with_both_end_days_included()
    {
        var actor = Unique("dates");
        var keys = app.Services.GetRequiredService<AuditKeyring>();
        var clock = new ManualClock(new DateTimeOffset(2031, 3, 31, 23, 59, 59, 900, TimeSpan.Zero));
        // The app's key and database with a clock of the test's own: rows at chosen times that still verify.
        var log = new AuditLog(app.Database.Factory, clock, keys);
        var stamps = new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(91) - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) };
        var rows = new List<AuditEvent>();
        foreach (var step in stamps)
        {
            clock.Advance(step);
            rows.Add(await log.AppendAsync(actor, AuditActions.SignalAcknowledged, "day " + clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)));
        }
        await log.AppendAsync(actor, AuditActions.SignalSnoozed, "same days, other action");

        var (filter, problems) = AuditLogFilter.Parse(actor, AuditActions.SignalAcknowledged, "2031-04-01", "2031-06-30");
        Assert.Empty(problems);
        var shown = (await Queries.PageAsync(filter)).Rows;
        // 2031-04-01 00:00:00.000 and 2031-06-30 23:59:59.000 are in; 31 March 23:59:59.9 and 1 July 00:00:00 are not.
        Assert.Equal([rows[2].Id, rows[1].Id], shown.Select(r => r.Sequence));
        // Without the action and the dates, the actor's five events.
        Assert.Equal(5, (await Queries.PageAsync(filter with { Action = null, From = null, To = null })).Rows.Count);

        Assert.True((await app.Services.GetRequiredService<AuditChainVerifier>().VerifyOnDemandAsync("test", null)).Result.IsIntact);
    }

    [Fact]
    public async Task An_auditor_downloads_the_filtered_events_as_csv_with_hostile_text_literal_and_formula_cells_guarded()
    {
        var actor = "=cmd|' /C calc'!A0 " + Unique("csv");
        const string subject = "+SUM(1,2) \"quoted\", with a comma\nand a second line <b>bold</b>";
        var payload = new { note = "@mention", formula = "-2+3", text = "Ünïcødé 🚀 \t tab" };
        var first = await Log.AppendAsync(actor, AuditActions.ProjectUpdated, subject, payload);
        var second = await Log.AppendAsync(actor, AuditActions.SignalAcknowledged, "-1");
        await Log.AppendAsync("someone-else@test.local", AuditActions.ProjectUpdated, "not this one");

        var auditor = await SignedInAsync(Roles.Auditor);
        var response = await auditor.GetAsync(AuditLogDownloads.Href(new AuditLogFilter(Actor: actor)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var records = new List<Dictionary<string, string>>();
        await csv.ReadAsync();
        csv.ReadHeader();
        Assert.Equal(AuditLogCsv.Columns, csv.HeaderRecord!.Select(h => h.TrimStart('\uFEFF')));
        while (await csv.ReadAsync()) records.Add(AuditLogCsv.Columns.ToDictionary(c => c, c => csv.GetField(AuditLogCsv.Columns.ToList().IndexOf(c))!));

        Assert.Equal([first.Id.ToString(CultureInfo.InvariantCulture), second.Id.ToString(CultureInfo.InvariantCulture)], records.Select(r => r["sequence"]));
        Assert.Equal("'" + actor, records[0]["actor"]);
        Assert.Equal("'" + subject, records[0]["subject"]);
        Assert.Equal(first.PayloadJson, records[0]["payload"]);
        Assert.Contains("\"@mention\"", records[0]["payload"]);
        Assert.Equal("'-1", records[1]["subject"]);
        Assert.Equal(AuditActions.SignalAcknowledged, records[1]["action"]);
        Assert.Equal(second.Hash, records[1]["hash"]);
        Assert.Equal(first.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), records[0]["at"]);

        // The action filter narrows the file too.
        var acknowledged = await auditor.GetStringAsync(AuditLogDownloads.Href(new AuditLogFilter(Actor: actor, Action: AuditActions.SignalAcknowledged)));
        Assert.Equal(2, acknowledged.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Only_auditors_and_admins_get_the_csv_and_a_bad_date_is_refused_in_words()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync(null)).GetAsync(AuditLogDownloads.PathTemplate)).StatusCode);
        foreach (var role in new[] { Roles.Lead, Roles.Reviewer })
        {
            var refused = await (await SignedInAsync(role)).GetAsync(AuditLogDownloads.PathTemplate);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery);
        }
        var anonymous = await app.CreateBrowserClient().GetAsync(AuditLogDownloads.PathTemplate);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);

        var auditor = await SignedInAsync(Roles.Auditor);
        var bad = await auditor.GetAsync($"{AuditLogDownloads.PathTemplate}?from=2026-13-01&to=2026-10-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The start date “2026-13-01” is not a date", await bad.Content.ReadAsStringAsync());
        var reversed = await auditor.GetAsync($"{AuditLogDownloads.PathTemplate}?from=2026-10-02&to=2026-10-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("The start date 2026-10-02 is after the end date 2026-10-01", await reversed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_auditor_downloads_a_closed_rounds_export_but_not_an_open_ones_which_a_lead_does()
    {
        int open, closed;
        string slug = $"ws-{Guid.NewGuid():N}"[..12];
        await using (var db = app.Database.CreateContext())
        {
            var project = new Project { Slug = slug, Name = slug, CreatedAt = DateTime.UtcNow };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            SamplingRound Round(string period, SamplingRoundStatus status) => new()
            {
                ProjectId = project.Id, Period = period, Size = 0, Seed = 1, Status = status, CreatedAt = DateTime.UtcNow,
                WindowFrom = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), WindowTo = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
                ClosedAt = status == SamplingRoundStatus.Closed ? DateTime.UtcNow : null,
            };
            var rounds = new[] { Round("2026-09", SamplingRoundStatus.Open), Round("2026-08", SamplingRoundStatus.Closed) };
            db.SamplingRounds.AddRange(rounds);
            await db.SaveChangesAsync();
            (open, closed) = (rounds[0].Id, rounds[1].Id);
        }

        var auditor = await SignedInAsync(Roles.Auditor);
        var lead = await SignedInAsync(Roles.Lead);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/p/{slug}/sampling/{closed}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/p/{slug}/sampling/{open}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/p/{slug}/sampling/{open}/export.jsonl")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/p/{slug}/sampling/{open}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await (await SignedInAsync(Roles.Reviewer)).GetAsync($"/p/{slug}/sampling/{closed}/export.csv")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_api_pages_the_filtered_events_for_report_and_admin_keys_and_refuses_others()
    {
        var actor = Unique("api");
        var written = new List<AuditEvent>();
        for (var i = 0; i < AuditLogFilter.PageSize + 3; i++) written.Add(await Log.AppendAsync(actor, AuditActions.BenchCaseRetired, $"case-{i}", new { reason = "<b>why</b>" }));
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        async Task<HttpClient> KeyAsync(ApiScopes scopes) => app.CreateApiClient((await keys.CreateAsync($"{scopes} {Guid.NewGuid():N}", scopes, null, "test")).Secret);
        var report = await KeyAsync(ApiScopes.Report);

        var first = JsonDocument.Parse(await report.GetStringAsync($"/api/v1/audit-log?actor={Uri.EscapeDataString(actor)}&action=bench_case.retired")).RootElement;
        var events = first.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(AuditLogFilter.PageSize, events.Count);
        Assert.Equal(written[^1].Id, events[0].GetProperty("sequence").GetInt64());
        Assert.Equal(written[^1].Hash, events[0].GetProperty("hash").GetString());
        // The payload as stored (and hashed), a string of JSON: clients parse it if they need its fields.
        Assert.Equal(written[^1].PayloadJson, events[0].GetProperty("payload").GetString());
        Assert.Equal("<b>why</b>", JsonDocument.Parse(events[0].GetProperty("payload").GetString()!).RootElement.GetProperty("reason").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", events[0].GetProperty("at").GetString());
        var older = first.GetProperty("olderThan").GetInt64();
        var second = JsonDocument.Parse(await report.GetStringAsync($"/api/v1/audit-log?actor={Uri.EscapeDataString(actor)}&before={older}")).RootElement;
        Assert.Equal(written.Take(3).Select(e => e.Id).Reverse(), second.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("olderThan").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await (await KeyAsync(ApiScopes.Admin)).GetAsync("/api/v1/audit-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await KeyAsync(ApiScopes.Read)).GetAsync("/api/v1/audit-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await KeyAsync(ApiScopes.Ingest)).GetAsync("/api/v1/audit-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient(null).GetAsync("/api/v1/audit-log")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync(Roles.Auditor)).GetAsync("/api/v1/audit-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedInAsync(Roles.Lead)).GetAsync("/api/v1/audit-log")).StatusCode);

        var bad = await report.GetAsync("/api/v1/audit-log?from=yesterday&before=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("is not a date", text);
        Assert.Contains("before must be a sequence number from 1", text);
    }
}
