using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace BenchDashboard.Features.Account;

public static class AuthServiceCollectionExtensions
{
    /// <summary>The default scheme: API keys when a bearer header is present, otherwise the Identity cookie.</summary>
    public const string SmartScheme = "CookieOrApiKey";

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddAuthorization(o => o.AddApiPolicies());

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // A browser calling the API with its cookie gets status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                ? WriteProblemAsync(ctx.HttpContext, 401, "Authentication required")
                : RedirectAsync(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                ? WriteProblemAsync(ctx.HttpContext, 403, "Forbidden")
                : RedirectAsync(ctx);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                // NIST SP 800-63B: length, not composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The keys behind sign-in cookies and antiforgery tokens live in the database, so a cookie one instance issued is
        // valid on every other (decision 0025). The fixed name keeps them valid across instances installed in different
        // folders (the default discriminator is the content root).
        services.AddDataProtection().SetApplicationName("BenchDashboard").PersistKeysToDbContext<AppDbContext>();

        // A disabled account or changed roles take effect within a minute, even in an open browser tab.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInDevices>();
        services.AddScoped<PasswordSignIn>();
        return builder;
    }

    /// <summary>Pages, the circuit and exports: the Identity cookie only, whatever headers come with the request (a key
    /// must never open a page: pages do not check scopes or project limits). An API call with a bearer header: the key
    /// scheme; without one: the cookie if the browser sent it, else the key scheme (whose challenge is a 401 problem).</summary>
    internal static string SelectScheme(HttpContext ctx)
    {
        if (!IsApi(ctx.Request)) return IdentityConstants.ApplicationScheme;
        if (ApiKeyAuthenticationHandler.TryReadBearer(ctx.Request, out _)) return ApiKeyAuthenticationHandler.SchemeName;
        if (!ctx.Request.Cookies.ContainsKey(CookieName)) return ApiKeyAuthenticationHandler.SchemeName;
        return IdentityConstants.ApplicationScheme;
    }

    private const string CookieName = "BenchDashboard.Auth";

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task WriteProblemAsync(HttpContext ctx, int status, string title) =>
        Results.Problem(statusCode: status, title: title).ExecuteAsync(ctx);

    private static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
