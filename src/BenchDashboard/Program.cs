using BenchDashboard.Components;
using BenchDashboard.Data;
using BenchDashboard.Features;
using BenchDashboard.Features.Account;
using BenchDashboard.Features.Audit;
using BenchDashboard.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRootLocator.Find(),
});

// A one-off command rather than the web app: moving a SQLite database into PostgreSQL (docs/deploy.md).
if (BenchDashboard.Data.Copy.CopyFromSqliteCommand.IsRequested(args))
{
    return await BenchDashboard.Data.Copy.CopyFromSqliteCommand.RunAsync(args, builder.Configuration, builder.Environment.ContentRootPath,
        Console.Out, Console.Error);
}

// Serve package, scoped-CSS and collocated-JS assets from the build output in every environment (the host only does it
// in Development by default), so a Production start with `dotnet run` gets a working UI; a published app has no
// build manifest and this is a no-op there.
builder.WebHost.UseStaticWebAssets();

builder.RemoveServerHeader();
builder.AddOptions();
builder.AddForwardedHeaders();
builder.AddData();
builder.AddAuth();
builder.AddFeatures();
if (builder.AuditKeyProblem() is { } auditKeyProblem)
{
    // A missing or bad audit key is a setting to fix, not a crash: the message alone, no stack trace.
    Console.Error.WriteLine(auditKeyProblem);
    return 1;
}

var app = builder.Build();

// First, so everything after it (HSTS, cookies, throttles, logs) sees the client's scheme and address.
app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseErrorHandling();
if (!app.Environment.IsDevelopment()) app.UseHsts();

app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.UsePlotlyBundleCaching();
app.MapStaticAssets().AllowAnonymous();
app.MapFeatures();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

// A database that cannot be written stops the start with one line saying what to do, and a non-zero exit code.
if (!await app.InitializeDatabaseAsync()) return 1;
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
