using BenchDashboard.Features.Account;
using Microsoft.AspNetCore.Diagnostics;

namespace BenchDashboard.Infrastructure;

/// <summary>No stack trace ever reaches a user: the API answers RFC 7807 problems, pages show /error.</summary>
public static class ErrorHandling
{
    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseWhen(ctx => AuthServiceCollectionExtensions.IsApi(ctx.Request), api => api.UseExceptionHandler(handler => handler.Run(async ctx =>
        {
            var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BenchDashboard.Api")
                .LogError(error, "Unhandled error in {Path}", ctx.Request.Path);
            await Results.Problem(statusCode: 500, title: "Internal error",
                detail: $"The server failed to handle this request. Quote trace id {ctx.TraceIdentifier} when reporting it.").ExecuteAsync(ctx);
        })));
        app.UseWhen(ctx => !AuthServiceCollectionExtensions.IsApi(ctx.Request), ui => ui.UseExceptionHandler("/error", createScopeForErrors: true));
        app.UseStatusCodePages(WriteApiStatusProblemAsync);
        return app;
    }

    /// <summary>Bare status codes from the API (404 of an unknown route, 405, 415) become problem details too.</summary>
    private static async Task WriteApiStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!AuthServiceCollectionExtensions.IsApi(http.Request) || http.Response.HasStarted) return;
        await Results.Problem(statusCode: http.Response.StatusCode).ExecuteAsync(http);
    }
}
