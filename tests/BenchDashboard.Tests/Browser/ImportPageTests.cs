using System.Text;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ImportPageTests(BrowserFixture browser)
{
    private const string ThumbsUpTrace = "Thumbs-up rate";

    [Fact]
    public async Task A_lead_sees_a_bad_file_refused_with_readable_messages_then_imports_a_good_one_and_the_chart_moves()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(page.GetByTestId("trends-chart").Locator("svg.main-svg").First).ToBeVisibleAsync();
        var before = await LastThumbsUpAsync(page);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import · Support assistant" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("import-kind").GetByText("User feedback events", new() { Exact = true }).ClickAsync();

        // A file with two bad lines: every problem is named, nothing can be imported.
        var bad = Lines(
            """{"eventId":"ui-bad-1","timestamp":"2026-11-01T12:00:00Z","kind":"thumbs_down"}""",
            """{"eventId":"ui-bad-2","timestamp":"2026-11-01T12:00:00","kind":"thumbs_down"}""",
            """{"eventId":"ui-bad-3","timestamp":"2026-11-01T12:00:00Z","kind":"love","note":"<script>alert(1)</script>"}""");
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "bad-feedback.jsonl", MimeType = "application/x-ndjson", Buffer = bad });
        var errors = page.GetByTestId("import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("bad-feedback.jsonl cannot be imported: 2 problems found.");
        await Assertions.Expect(errors).ToContainTextAsync("line 2: timestamp: '2026-11-01T12:00:00' has no time zone; add Z for UTC or an offset such as +02:00");
        await Assertions.Expect(errors).ToContainTextAsync("line 3: kind: 'love' is not one of thumbs_up");
        await Assertions.Expect(page.GetByTestId("import-confirm")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "import-errors");

        // A good file: 4,000 thumbs-down on the demo's last day, the first with hostile markup as its id (ids are
        // untrusted text: shown, never rendered). The dry run previews it, the import stores it.
        var alerts = 0;
        page.Dialog += (_, dialog) => { alerts++; _ = dialog.DismissAsync(); };
        var good = Lines(Enumerable.Range(1, 4000).Select(i =>
            $$"""{"eventId":"{{(i == 1 ? "ui-<img src=x onerror=alert(1)>" : $"ui-good-{i}")}}","traceId":"tr-ui-{{i}}","timestamp":"{{RunningApp.DemoAnchor:yyyy-MM-dd}}T12:{{i % 60:D2}}:00Z","kind":"thumbs_down"}""").ToArray());
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "feedback.jsonl", MimeType = "application/x-ndjson", Buffer = good });
        await Assertions.Expect(page.GetByTestId("import-counts")).ToHaveTextAsync("4,000 rows checked: 4,000 new, 0 already stored.");
        await Assertions.Expect(page.GetByTestId("import-preview").Locator("tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("import-preview")).ToContainTextAsync("ui-<img src=x onerror=alert(1)>");
        await Assertions.Expect(page.GetByTestId("import-preview").Locator("img")).ToHaveCountAsync(0);
        Assert.Equal(0, alerts);
        await BrowserFixture.ScreenshotAsync(page, "import-preview");
        await page.GetByTestId("import-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Imported feedback.jsonl: 4,000 new, 0 already stored.");
        await BrowserFixture.ScreenshotAsync(page, "import-summary");
        Assert.Equal(1, AuditCount(browser.App.DatabasePath, "import.file", "%\"file\":\"feedback.jsonl\"%\"accepted\":4000%"));

        await page.GetByTestId("import-summary").GetByRole(AriaRole.Link, new() { Name = "Open Trends" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("trends-chart").Locator("svg.main-svg").First).ToBeVisibleAsync();
        var after = await LastThumbsUpAsync(page);
        // The chart shows percent: 4,000 extra thumbs-down in a week of ~6,000 thumbs pull the rate down by far more than 10 points.
        Assert.True(after < before - 10, $"the last week's thumbs-up rate fell from {before:0.0} % to {after:0.0} %");
    }

    [Fact]
    public async Task A_lead_imports_a_promptfoo_run_after_choosing_its_provider_and_a_metrics_csv()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(page.GetByTestId("trends-chart")).ToBeVisibleAsync();
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/import");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.GetByTestId("import-kind").GetByText("promptfoo results (a bench run)", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Run id").FillAsync("ui-promptfoo-1");
        await page.GetByLabel("Pipeline version").FillAsync("v6");
        // The fields bind on change, which a browser fires when the field loses focus, as a user's click on "Choose File"
        // does. Setting the file input directly focuses nothing, so without this the version could stay unsent and the
        // page rightly ask for it (seen once in CI on a loaded machine).
        await page.GetByLabel("Pipeline version").PressAsync("Tab");
        var file = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Ingestion", "Fixtures", "promptfoo-results.json"));
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "results.json", MimeType = "application/json", Buffer = file });
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("this file compares 2 providers");

        await page.GetByTestId("run-provider").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "openai:gpt-4o-mini", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-counts")).ToHaveTextAsync("4 test results ready to import as run “ui-promptfoo-1” of version v6.");
        await Assertions.Expect(page.GetByTestId("import-preview")).ToContainTextAsync("refund-001: refund for a damaged item");
        await page.GetByTestId("import-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Imported run “ui-promptfoo-1”: 4 cases, 3 passed, 4 new bench cases.");

        await page.GetByTestId("import-kind").GetByText("Daily metrics", new() { Exact = true }).ClickAsync();
        var csv = Encoding.UTF8.GetBytes("date,metric,value,n\n2026-11-02,undoRate,0.031,1400\n2026-11-03,undoRate,0.029,1380\n");
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "metrics.csv", MimeType = "text/csv", Buffer = csv });
        await Assertions.Expect(page.GetByTestId("import-counts")).ToHaveTextAsync("2 rows checked: 2 new, 0 already stored, 0 to update, 0 unchanged.");
        await page.GetByTestId("import-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Imported metrics.csv: 2 new, 0 already stored, 0 updated.");
    }

    [Fact]
    public async Task A_reviewer_has_no_import_page()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "reviewer@demo.local");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Review");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/import");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/access-denied"));
    }

    private static long AuditCount(string databasePath, string action, string payloadPattern)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEvents WHERE Action = $action AND Actor = 'lead@demo.local' AND PayloadJson LIKE $payload";
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$payload", payloadPattern);
        return (long)command.ExecuteScalar()!;
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static Task<double> LastThumbsUpAsync(IPage page) =>
        page.GetByTestId("trends-chart").EvaluateAsync<double>(
            $"el => {{ const t = el.data.find(t => t.name === '{ThumbsUpTrace}'); return t.y[t.y.length - 1]; }}");
}
