using BenchDashboard.Data.Postgres;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Demo;
using BenchDashboard.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Data;

/// <summary>Runs once at start, before the app serves: migrations, WAL, roles, bootstrap accounts and keys, demo data.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// False when the database cannot be used (read-only, full, locked, unreadable): the reason and what to do are
    /// printed as one line, without a stack trace, and the app should exit with a non-zero code (decision 0021).
    /// </summary>
    public static async Task<bool> InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            await InitializeAsync(app);
            return true;
        }
        catch (Exception ex) when (StorageFailure.Of(ex) is { } failure)
        {
            var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync();
            Console.Error.WriteLine(StartupFailureMessage.For(failure, app.Services.GetRequiredService<DatabaseSettings>().Provider,
                db.Database.GetDbConnection().DataSource, ex.GetBaseException().Message));
            return false;
        }
    }

    private static async Task InitializeAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var dbFactory = sp.GetRequiredService<IDbContextFactory<AppDbContext>>();

        // Instances that start together on one server take turns: the first migrates and seeds, the others find it done.
        await using var startLock = await DatabaseLease.WaitForAsync(dbFactory, AdvisoryLocks.Startup);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await DatabaseMigrator.MigrateAsync(db, logger);
        }

        var roleManager = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role)) await roleManager.CreateAsync(new IdentityRole(role));
        }

        var options = sp.GetRequiredService<IOptions<BenchDashboardOptions>>().Value;
        await BootstrapAsync(sp, options.Bootstrap, logger);

        var demo = sp.GetRequiredService<DemoDataSeeder>();
        if (options.Demo ?? !app.Environment.IsProduction())
        {
            await demo.SeedIfEmptyAsync(options.DemoAnchorDate);
        }
        await demo.PrintDemoAccountsAsync();
    }

    private static async Task BootstrapAsync(IServiceProvider sp, BootstrapOptions bootstrap, ILogger logger)
    {
        var audit = sp.GetRequiredService<AuditLog>();
        if (!string.IsNullOrEmpty(bootstrap.AdminEmail) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (!(await users.GetUsersInRoleAsync(Roles.Admin)).Any() && await users.FindByEmailAsync(bootstrap.AdminEmail) is null)
            {
                var admin = new AppUser { UserName = bootstrap.AdminEmail, Email = bootstrap.AdminEmail, EmailConfirmed = true, DisplayName = "Administrator" };
                var created = await users.CreateAsync(admin, bootstrap.AdminPassword);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException("Bootstrap admin could not be created: " +
                        string.Join(" ", created.Errors.Select(e => e.Description)));
                }
                await users.AddToRoleAsync(admin, Roles.Admin);
                await audit.AppendAsync("system", AuditActions.Bootstrap, $"user:{admin.Email}", new { Role = Roles.Admin });
                logger.LogInformation("Bootstrap admin {Email} created.", admin.Email);
            }
        }

        if (!string.IsNullOrEmpty(bootstrap.ApiKey))
        {
            var dbFactory = sp.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync();
            var hash = ApiKeyService.Hash(bootstrap.ApiKey);
            if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash))
            {
                await sp.GetRequiredService<ApiKeyService>()
                    .CreateAsync("bootstrap", ApiScopes.All, projectId: null, actor: "system", chosenSecret: bootstrap.ApiKey);
                logger.LogInformation("Bootstrap API key created (all scopes, all projects).");
            }
        }
    }
}
