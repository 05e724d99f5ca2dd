using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Infrastructure;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BenchDashboard.Tests.Components;

/// <summary>
/// The bUnit context for the app's components (docs/decisions/0017): JS interop in loose mode (components call
/// script after render; tests assert on what the user sees, not on those calls unless they say so), the UI library's
/// services, an authenticated user set per test, and on request the app's feature services over a real SQLite file.
/// xunit v3 creates one per test and, the context being IAsyncDisposable, disposes it with DisposeAsync (which ends in
/// <see cref="DisposeAsyncCore"/>).
/// </summary>
public abstract class AppComponentTestContext : BunitContext
{
    private TempDatabase? ownDatabase;

    protected AppComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddMudServices();
        // The app's UI services every page may inject (as Features/FeatureRegistration.cs registers them).
        Services.AddScoped<BenchDashboard.Features.Account.CurrentActor>();
        Services.AddScoped<BenchDashboard.Components.Ui.Confirmations>();
        Services.AddScoped<BenchDashboard.Components.Layout.BrowserCookies>();
        User = AddAuthorization();
    }

    /// <summary>Who is signed in: set a name, roles and claims per test (anonymous until then).</summary>
    protected BunitAuthorizationContext User { get; }

    /// <summary>The wall clock components and services see; fixed, so dates on screen do not depend on the day the tests run.</summary>
    protected FixedClock Clock { get; } = new(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A fresh SQLite file with the real migrations, and the feature services the components inject.</summary>
    protected async Task<IDbContextFactory<AppDbContext>> UseNewDatabaseAsync()
    {
        ownDatabase = await new TempDatabase().MigrateAsync();
        UseDatabase(ownDatabase.Factory);
        return ownDatabase.Factory;
    }

    /// <summary>
    /// Registers the feature services over an existing database, as the app registers them (Features/FeatureRegistration.cs),
    /// for the components under test. Call before the first render: bUnit's container is fixed from then on.
    /// </summary>
    protected void UseDatabase(IDbContextFactory<AppDbContext> factory)
    {
        Services.AddSingleton(factory);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddHttpClient(SignalAlerting.HttpClientName);
        Services.AddSingleton(TestAuditKeys.Keyring);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<ProjectService>();
        Services.AddSingleton<SignalDataLoader>();
        Services.AddSingleton<SignalSettingsService>();
        Services.AddSingleton<SignalsService>();
        Services.AddSingleton<SignalAlerting>();
        Services.AddSingleton<SignalTriageService>();
        Services.AddSingleton<FailureCategoryService>();
        Services.AddSingleton<SimilarCasesCache>();
        Services.AddSingleton<ReviewService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        // Components and services first: they may still hold connections to the file.
        await base.DisposeAsyncCore();
        ownDatabase?.Dispose();
    }
}
