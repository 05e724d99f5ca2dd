using System.Net;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Security;

/// <summary>
/// Issue 12, finding 12: a page request that fails shows the app's error page with a reference, never a stack trace
/// or an empty answer; an API request that fails still answers a problem document.
/// </summary>
public class ErrorPageTests(ErrorPageTests.FailingApp app) : IClassFixture<ErrorPageTests.FailingApp>
{
    /// <summary>The real app, plus a last middleware that throws for two test paths (after the app's own pipeline, so
    /// the app's error handling is what catches it, as it would catch a bug in a page or an endpoint).</summary>
    public sealed class FailingApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowAtTheEnd>());
        }

        private sealed class ThrowAtTheEnd : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use(async (context, nextMiddleware) =>
                {
                    if (context.Request.Path == "/test-failure" || context.Request.Path == "/api/v1/test-failure")
                        throw new InvalidOperationException("a bug: secret-internal-detail");
                    await nextMiddleware(context);
                });
            };
        }
    }

    [Fact]
    public async Task A_failing_page_shows_the_error_page_with_a_reference_and_no_stack_trace()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync("/test-failure");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.Contains("give an administrator this reference", html);
        Assert.DoesNotContain("secret-internal-detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }

    [Fact]
    public async Task A_failing_api_call_answers_a_problem_document_not_the_page()
    {
        using var api = app.CreateApiClient(AppFactory.BootstrapKey);

        using var response = await api.GetAsync("/api/v1/test-failure");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Quote trace id", body);
        Assert.DoesNotContain("secret-internal-detail", body);
    }
}
