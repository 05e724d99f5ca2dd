using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Reports;

/// <summary>API.md "Reports" against the real app on both databases: issuing archives the exact bytes with their SHA-256
/// and a report.issued event; the archive lists and returns them; verification tells an issued report from a changed
/// one; bad periods store nothing; scopes and project limits hold.</summary>
public abstract class ReportsApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : ReportsApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : ReportsApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private async Task<HttpResponseMessage> IssueAsync(string slug, string from, string to, HttpClient? api = null) =>
        await (api ?? client.Api).GetAsync($"/api/v1/projects/{slug}/reports/audit.pdf?from={from}&to={to}");

    private async Task<JsonElement> VerifyAsync(byte[] pdf, HttpClient? api = null)
    {
        var content = new ByteArrayContent(pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await (api ?? client.Api).PostAsync("/api/v1/reports/verify", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await IngestionClient.JsonAsync(response);
    }

    private async Task<HttpClient> KeyAsync(ApiScopes scopes, string? slug = null)
    {
        using var scope = app.Services.CreateScope();
        int? projectId = null;
        if (slug is not null)
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            projectId = await db.Projects.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        }
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync($"reports-{Guid.NewGuid():N}", scopes, projectId, "test");
        return app.CreateApiClient(secret);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task An_issued_report_is_archived_byte_for_byte_with_its_hash_listed_downloadable_and_on_the_audit_log()
    {
        var slug = await client.NewProjectAsync("rep");
        var issued = await IssueAsync(slug, "2026-07-01", "2026-09-30");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("application/pdf", issued.Content.Headers.ContentType?.MediaType);
        var pdf = await issued.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var reportId = Assert.Single(issued.Headers.GetValues("X-Report-Id"));
        Assert.Matches(@"^R\d{8}-[2-9A-HJ-NP-Z]{6}$", reportId);
        // RFC 9530: the digest of the bytes sent, base64 between colons.
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(pdf))}:", Assert.Single(issued.Headers.GetValues("Repr-Digest")));
        Assert.Contains(slug, issued.Content.Headers.ContentDisposition?.FileName ?? "");
        // Read back as a reader sees it: the cover names the report, the project and the period; every section is there,
        // and a project with no data says so instead of drawing empty charts.
        using (var poppler = new Pdf.Poppler(pdf))
        {
            var text = poppler.Layout();
            Assert.Contains(reportId, text);
            Assert.Contains($"Project {slug}", text);
            Assert.Contains("2026-07-01 to 2026-09-30", text);
            Assert.All(BenchDashboard.Features.Reports.Pdf.AuditReportPdf.SectionTitles, title => Assert.Contains(title, text));
            Assert.Contains("No bench run and no production data in this period.", text);
            Assert.Equal(0, poppler.Images().Split('\n').Count(l => Regex.IsMatch(l, @"^\s*\d+\s+\d+\s+image")));
        }

        var listed = await client.Api.GetAsync($"/api/v1/projects/{slug}/reports");
        Assert.True(listed.StatusCode == HttpStatusCode.OK, await listed.Content.ReadAsStringAsync());
        var list = await IngestionClient.JsonAsync(listed);
        var entry = Assert.Single(list.EnumerateArray());
        Assert.Equal(["reportId", "from", "to", "createdAt", "createdBy", "sha256", "bytes"], entry.EnumerateObject().Select(p => p.Name).Take(7));
        Assert.Equal((reportId, "2026-07-01", "2026-09-30", Hex(pdf), (long)pdf.Length),
            (entry.GetProperty("reportId").GetString(), entry.GetProperty("from").GetString(), entry.GetProperty("to").GetString(),
                entry.GetProperty("sha256").GetString(), entry.GetProperty("bytes").GetInt64()));

        var download = await client.Api.GetAsync($"/api/v1/projects/{slug}/reports/{reportId}.pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(reportId, Assert.Single(download.Headers.GetValues("X-Report-Id")));

        // The audit log holds the event, with the same hash, at the sequence the archive names.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var sequence = entry.GetProperty("auditSequence").GetInt64();
        var recorded = await db.AuditEvents.SingleAsync(e => e.Id == sequence);
        Assert.Equal((AuditActions.ReportIssued, reportId), (recorded.Action, recorded.Subject));
        Assert.Contains(Hex(pdf), recorded.PayloadJson);
        Assert.True((await app.Services.GetRequiredService<AuditLog>().VerifyAsync()).IsIntact);

        // Two issues of the same period are two reports: each is evidence of what was known when it was issued.
        var again = await IssueAsync(slug, "2026-07-01", "2026-09-30");
        Assert.NotEqual(reportId, Assert.Single(again.Headers.GetValues("X-Report-Id")));
        Assert.Equal(2, (await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/reports"))).GetArrayLength());
    }

    [Fact]
    public async Task Verify_names_an_issued_report_and_refuses_a_copy_with_one_byte_changed()
    {
        var slug = await client.NewProjectAsync("ver");
        var issued = await IssueAsync(slug, "2026-01-01", "2026-03-31");
        var pdf = await issued.Content.ReadAsByteArrayAsync();
        var reportId = issued.Headers.GetValues("X-Report-Id").Single();

        var ok = await VerifyAsync(pdf);
        Assert.True(ok.GetProperty("verified").GetBoolean());
        Assert.Equal((reportId, slug, "2026-01-01", "2026-03-31", Hex(pdf)),
            (ok.GetProperty("reportId").GetString(), ok.GetProperty("project").GetString(), ok.GetProperty("from").GetString(),
                ok.GetProperty("to").GetString(), ok.GetProperty("sha256").GetString()));
        Assert.Equal(JsonValueKind.String, ok.GetProperty("createdAt").ValueKind);

        var changed = pdf.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        var refused = await VerifyAsync(changed);
        Assert.False(refused.GetProperty("verified").GetBoolean());
        Assert.Equal(Hex(changed), refused.GetProperty("sha256").GetString());
        Assert.False(refused.TryGetProperty("reportId", out _));

        // A key limited to another project learns nothing about this one's reports.
        var other = await client.NewProjectAsync("oth");
        var limited = await KeyAsync(ApiScopes.Report, other);
        Assert.False((await VerifyAsync(pdf, limited)).GetProperty("verified").GetBoolean());
        Assert.True((await VerifyAsync(pdf, await KeyAsync(ApiScopes.Report, slug))).GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task An_archive_row_added_or_changed_behind_the_apps_back_does_not_verify()
    {
        var slug = await client.NewProjectAsync("tam");
        var first = await (await IssueAsync(slug, "2026-04-01", "2026-04-30")).Content.ReadAsByteArrayAsync();
        var second = await IssueAsync(slug, "2026-05-01", "2026-05-31");
        var secondId = second.Headers.GetValues("X-Report-Id").Single();
        var forged = first.ToArray();
        forged[^10] ^= 0x20;

        // Someone with database access points the second report's row at a forged file: its hash is now archived, but no
        // report.issued event carries it.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var row = await db.IssuedReports.SingleAsync(r => r.ReportId == secondId);
            row.Content = forged;
            row.Sha256 = Hex(forged);
            await db.SaveChangesAsync();
        }
        var answer = await VerifyAsync(forged);
        Assert.False(answer.GetProperty("verified").GetBoolean());
        Assert.Contains("another hash", answer.GetProperty("problem").GetString());
        Assert.True((await VerifyAsync(first)).GetProperty("verified").GetBoolean());
    }

    [Theory]
    [InlineData("", "2026-03-31", "from: required")]
    [InlineData("2026-01-01", "", "to: required")]
    [InlineData("2026-13-01", "2026-03-31", "not a date in the form YYYY-MM-DD")]
    [InlineData("2026-03-31", "2026-01-01", "is before the first")]
    [InlineData("2026-01-01", "9999-12-31", "the latest day accepted")]
    [InlineData("2020-01-01", "2026-03-31", "at most 731 days")]
    [InlineData("<b>x</b>", "2026-03-31", "not a date")]
    public async Task A_bad_period_is_a_400_in_words_and_issues_nothing(string from, string to, string expected)
    {
        var slug = await client.NewProjectAsync("bad");
        var before = client.Scalar("SELECT COUNT(*) FROM \"AuditEvents\" WHERE \"Action\" = 'report.issued'", slug);
        var response = await IssueAsync(slug, Uri.EscapeDataString(from), Uri.EscapeDataString(to));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.Count(slug, "IssuedReports"));
        Assert.Equal(before, client.Scalar("SELECT COUNT(*) FROM \"AuditEvents\" WHERE \"Action\" = 'report.issued'", slug));
    }

    [Fact]
    public async Task Scopes_projects_and_unknown_ids_are_refused_plainly()
    {
        var slug = await client.NewProjectAsync("scp");
        var readOnly = await KeyAsync(ApiScopes.Read | ApiScopes.Ingest);
        Assert.Equal(HttpStatusCode.Forbidden, (await IssueAsync(slug, "2026-01-01", "2026-01-31", readOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync($"/api/v1/projects/{slug}/reports")).StatusCode);
        var content = new ByteArrayContent("%PDF-1.4"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("/api/v1/reports/verify", content)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient(null).GetAsync($"/api/v1/projects/{slug}/reports")).StatusCode);

        var issued = await IssueAsync(slug, "2026-01-01", "2026-01-31");
        var reportId = issued.Headers.GetValues("X-Report-Id").Single();
        var other = await client.NewProjectAsync("oth");
        // Another project's report is not there, under that project's address.
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/{other}/reports/{reportId}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/{slug}/reports/R20260101-XXXXXX.pdf")).StatusCode);
        var hostile = await client.Api.GetAsync($"/api/v1/projects/{slug}/reports/{Uri.EscapeDataString("<script>")}.pdf");
        Assert.Equal(HttpStatusCode.NotFound, hostile.StatusCode);
        Assert.Equal("application/problem+json", hostile.Content.Headers.ContentType?.MediaType);
        // A key limited to another project cannot issue here.
        Assert.Equal(HttpStatusCode.Forbidden, (await IssueAsync(slug, "2026-01-01", "2026-01-31", await KeyAsync(ApiScopes.Report, other))).StatusCode);
    }

    [Fact]
    public async Task Verify_takes_only_a_pdf_body()
    {
        var json = await client.Api.PostAsync("/api/v1/reports/verify", IngestionClient.Content("{}", "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var answer = await client.Api.PostAsync("/api/v1/reports/verify", empty);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }
}
