using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Features.Demo;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Signals;

public abstract class SignalSettingsTests(DemoAppFactory factory)
{
    public sealed class OnSqlite(DemoAppFactory factory) : SignalSettingsTests(factory), IClassFixture<DemoAppFactory>;
    public sealed class OnPostgres(DemoAppFactory.OnPostgres factory) : SignalSettingsTests(factory), IClassFixture<DemoAppFactory.OnPostgres>;

    private readonly DemoAppFactory app = factory.Started();

    private async Task<int> DemoProjectAsync() =>
        (await app.Services.GetRequiredService<ProjectService>().FindAsync(DemoStory.ProjectSlug))!.Id;

    [Fact]
    public async Task A_lead_lowers_the_coverage_threshold_and_the_coverage_alert_goes_away_then_comes_back_with_the_defaults()
    {
        var store = app.Services.GetRequiredService<SignalSettingsService>();
        var signals = app.Services.GetRequiredService<SignalsService>();
        var id = await DemoProjectAsync();
        Assert.Contains(await signals.GetAsync(id, DemoAppFactory.Anchor), s => s.Kind == SignalKinds.Coverage);

        Assert.Empty(await store.SaveAsync(id, DemoStory.ProjectSlug, SignalSettings.Defaults with { CoverageAlertBelow = 0.05 }, "lead@demo.local"));
        Assert.Equal(0.05, (await store.GetAsync(id)).CoverageAlertBelow);
        Assert.DoesNotContain(await signals.GetAsync(id, DemoAppFactory.Anchor), s => s.Kind == SignalKinds.Coverage);

        Assert.Empty(await store.SaveAsync(id, DemoStory.ProjectSlug, SignalSettings.Defaults, "lead@demo.local"));
        Assert.Contains(await signals.GetAsync(id, DemoAppFactory.Anchor), s => s.Kind == SignalKinds.Coverage);

        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEvents.Where(e => e.Action == "signals.settings_changed").OrderBy(e => e.Id).ToListAsync();
        Assert.Contains("\"coverageAlertBelow\"", audit[^2].PayloadJson, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("lead@demo.local", audit[^1].Actor);
    }

    [Fact]
    public async Task Invalid_thresholds_are_refused_with_reasons_and_nothing_is_saved()
    {
        var store = app.Services.GetRequiredService<SignalSettingsService>();
        var id = await DemoProjectAsync();
        var problems = await store.SaveAsync(id, DemoStory.ProjectSlug,
            SignalSettings.Defaults with { PsiAlert = 0.05, DivergenceAlpha = 0.9, SamplingEveryDays = 0 }, "lead@demo.local");
        Assert.Contains(problems, p => p.MemberNames.Contains(nameof(SignalSettings.PsiAlert)) && p.ErrorMessage!.Contains("not be below the warning"));
        Assert.Contains(problems, p => p.MemberNames.Contains(nameof(SignalSettings.DivergenceAlpha)));
        Assert.Contains(problems, p => p.MemberNames.Contains(nameof(SignalSettings.SamplingEveryDays)));
        Assert.Equal(SignalSettings.Defaults, await store.GetAsync(id));
    }

    [Fact]
    public async Task The_alerting_round_posts_the_demo_signals_to_the_project_webhook_and_audits_them()
    {
        using var receiver = new HttpListener();
        var url = $"http://127.0.0.1:{FreePort()}/bench-alerts/";
        receiver.Prefixes.Add(url);
        receiver.Start();
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                HttpListenerContext context;
                try { context = await receiver.GetContextAsync(); } catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream);
                bodies.Enqueue(await reader.ReadToEndAsync());
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var store = app.Services.GetRequiredService<SignalSettingsService>();
        var id = await DemoProjectAsync();
        Assert.Equal("Enter an absolute http:// or https:// address of at most 2,000 characters.",
            await store.SetWebhookAsync(id, DemoStory.ProjectSlug, "ftp://example.com/x", "lead@demo.local"));
        Assert.Null(await store.SetWebhookAsync(id, DemoStory.ProjectSlug, url, "lead@demo.local"));
        try
        {
            var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SignalAlertingWorker>().Single();
            await worker.RunOnceAsync(CancellationToken.None);

            Assert.NotEmpty(bodies);
            Assert.All(bodies, b => Assert.Contains("\"slug\":\"support-assistant\"", b));
            Assert.Contains(bodies, b => b.Contains("\"kind\":\"input_drift\""));
            var deliveries = await store.RecentDeliveriesAsync(id, 100);
            Assert.All(deliveries, d => Assert.Equal(BenchDashboard.Domain.WebhookStatus.Delivered, d.Status));

            // The next round finds nothing new: the same signals are not posted twice.
            var before = bodies.Count;
            await worker.RunOnceAsync(CancellationToken.None);
            Assert.Equal(before, bodies.Count);
        }
        finally
        {
            Assert.Null(await store.SetWebhookAsync(id, DemoStory.ProjectSlug, null, "lead@demo.local"));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"divergenceAlpha\": 7}")]
    public void Missing_or_unreadable_stored_settings_fall_back_to_the_defaults(string? json)
    {
        Assert.Equal(SignalSettings.Defaults, SignalSettingsService.Parse(json));
    }

    [Fact]
    public void Stored_settings_keep_their_values_and_fill_missing_ones_with_defaults()
    {
        var settings = SignalSettingsService.Parse("{\"coverageAlertBelow\": 0.7, \"samplingEveryDays\": 45}");
        Assert.Equal(0.7, settings.CoverageAlertBelow);
        Assert.Equal(45, settings.SamplingEveryDays);
        Assert.Equal(SignalSettings.Defaults.DivergenceWindowDays, settings.DivergenceWindowDays);
    }

    [Fact]
    public void Every_setting_has_a_sentence_for_the_settings_screen()
    {
        var names = typeof(SignalSettings).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);
        Assert.All(names, n => Assert.True(SignalSettings.Describe.ContainsKey(n), $"{n} is described"));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
