using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_an_account_that_can_then_sign_in_with_its_role()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "admin@demo.local");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-grid")).ToBeVisibleAsync();

        // Validation first: a short password is refused with a readable message.
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("new.reviewer@demo.local");
        await page.GetByLabel("Initial password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Use at least 12 characters.")).ToBeVisibleAsync();

        await page.GetByLabel("Initial password").FillAsync("a long enough password");
        // Leave the field and let the message go first: its removal moves the form up, and a click in flight while the
        // layout shifts lands beside the checkbox.
        await page.GetByLabel("Initial password").PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Use at least 12 characters.")).ToHaveCountAsync(0);
        await page.GetByTestId("new-user-roles").GetByText("Reviewer", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-user-roles").GetByRole(AriaRole.Checkbox, new() { Name = "Reviewer" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-message")).ToContainTextAsync("Account new.reviewer@demo.local created.");
        await Assertions.Expect(page.GetByTestId("users-grid").GetByText("new.reviewer@demo.local", new() { Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-users");

        var other = await browser.NewPageAsync();
        await other.GotoAsync("/account/login");
        await other.GetByLabel("Email").FillAsync("new.reviewer@demo.local");
        await other.GetByLabel("Password").FillAsync("a long enough password");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // A reviewer lands on the Review screen.
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/review$"));
        await BrowserFixture.WaitForInteractiveAsync(other);
        await Assertions.Expect(other.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_sees_the_audit_chain_head_and_verifies_the_chain_against_a_recorded_head()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "admin@demo.local");
        await Assertions.Expect(page.GetByTestId("trends-chart")).ToBeVisibleAsync();
        await page.GotoAsync("/admin");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit chain" }).ClickAsync();

        var sequence = (await page.GetByTestId("chain-head-sequence").InnerTextAsync()).Trim();
        var hash = (await page.GetByTestId("chain-head-hash").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain("development key", await page.GetByTestId("chain-key").InnerTextAsync());

        // A head that is not in the chain (as after rows were deleted and new ones appended) is reported.
        await page.GetByLabel("Recorded row").FillAsync(sequence);
        await page.GetByLabel("Its hash").FillAsync(new string('0', 64));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the chain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-latest")).ToContainTextAsync($"Broken: row {sequence} is not the row recorded outside the database");
        await Assertions.Expect(page.GetByTestId("audit-chain-broken")).ToBeVisibleAsync();

        await page.GetByLabel("Its hash").FillAsync(hash);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the chain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-latest")).ToContainTextAsync($"It holds the recorded row {sequence} with that hash.");
        await Assertions.Expect(page.GetByTestId("chain-latest")).ToContainTextAsync("admin@demo.local");
        await Assertions.Expect(page.GetByTestId("audit-chain-broken")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "admin-audit-chain");
        // The checks are audited themselves, so the head moved on.
        await Assertions.Expect(page.GetByTestId("chain-head-sequence")).Not.ToHaveTextAsync(sequence);
    }

    [Fact]
    public async Task An_admin_creates_an_api_key_shown_once_that_works_until_it_is_revoked()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "admin@demo.local");
        await Assertions.Expect(page.GetByTestId("trends-chart")).ToBeVisibleAsync();
        await page.GotoAsync("/admin");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("bench runner");
        await page.GetByTestId("new-key-scopes").GetByText("read", new() { Exact = true }).ClickAsync();
        // Leaving the project blank is refused: an all-projects key is a choice, never a default.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Choose the project the key may use, or All projects.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-key-secret")).ToHaveCountAsync(0);
        await page.GetByTestId("key-project").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "All projects", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = (await page.GetByTestId("new-key-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("bdk_", secret);
        await BrowserFixture.ScreenshotAsync(page, "admin-api-key");

        using var api = new HttpClient { BaseAddress = browser.App.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/projects")).StatusCode);

        // Only the hash is stored: the secret appears nowhere in the database file.
        await using (var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM ApiKeys WHERE KeyHash = $s OR Name = $s OR Prefix = $s";
            command.Parameters.AddWithValue("$s", secret);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }

        var row = page.GetByTestId("keys-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = "bench runner" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Systems using it will get 401 from now on.");
        await BrowserFixture.ScreenshotAsync(page, "admin-revoke-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Assertions.Expect(row.GetByText("revoked")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task An_admin_counts_then_deletes_a_projects_bad_far_future_data_and_keeps_the_rest()
    {
        // Its own project (sorted after the demo), so the demo's trends that other tests read stay as they are.
        await using (var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ('zz-bad-data', 'Zz bad data', 0, '2026-11-01 09:00:00');
                INSERT INTO FeedbackEvents (ProjectId, EventId, TraceId, Timestamp, Kind, Value)
                VALUES (last_insert_rowid(), 'good', NULL, '2026-10-01 10:00:00', 'ThumbsUp', NULL),
                       ((SELECT Id FROM Projects WHERE Slug = 'zz-bad-data'), 'far', NULL, '9999-12-31 23:59:59', 'ThumbsUp', NULL);
                """;
            await command.ExecuteNonQueryAsync();
        }
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "admin@demo.local");
        await page.GotoAsync("/admin");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Project data" }).ClickAsync();

        await page.GetByTestId("delete-project").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Zz bad data", Exact = true }).ClickAsync();
        await page.GetByTestId("delete-from").FillAsync("2026-11-01");
        await page.GetByTestId("delete-count").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-counts")).ToContainTextAsync("0 traces, 1 feedback event and 0 daily aggregates");
        await page.GetByTestId("delete-confirm").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("This cannot be undone.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete 1 row", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-done")).ToContainTextAsync("Deleted 0 traces, 1 feedback event");
        await BrowserFixture.ScreenshotAsync(page, "admin-project-data");

        await using (var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = """
                SELECT group_concat(EventId) FROM FeedbackEvents WHERE ProjectId = (SELECT Id FROM Projects WHERE Slug = 'zz-bad-data');
                """;
            Assert.Equal("good", (string?)await command.ExecuteScalarAsync());
            command.CommandText = "SELECT COUNT(*) FROM AuditEvents WHERE Action = 'project.data_deleted' AND Subject LIKE '%zz-bad-data%'";
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }
    }
}
