using System.Globalization;
using BenchDashboard.Data;
using BenchDashboard.Features.Account;
using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace BenchDashboard.Infrastructure;

/// <summary>No stack trace ever reaches a user: the API answers RFC 7807 problems, pages show /error.</summary>
public static class ErrorHandling
{
    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        // Pages: the /error page. Registered first (outermost) and at the top level, not in a UseWhen branch: re-executing
        // /error has to run routing again, which a branch cannot (the error page then 404s and the exception escapes).
        // API exceptions never reach it: the API's own handler below answers them first.
        // A database that is busy, full or read-only is the service's situation, not a bug: 503, and the page says so.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = error => StorageFailure.Of(error) is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable,
        });
        app.UseWhen(ctx => AuthServiceCollectionExtensions.IsApi(ctx.Request), api => api.UseExceptionHandler(handler => handler.Run(async ctx =>
        {
            var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            // A client that hung up mid-request is not a server error; its import was rolled back.
            if (error is OperationCanceledException && ctx.RequestAborted.IsCancellationRequested) return;
            if (StorageFailure.Of(error) is { } storage)
            {
                await WriteStorageProblemAsync(ctx, storage, error!);
                return;
            }
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BenchDashboard.Api")
                .LogError(error, "Unhandled error in {Path}", ctx.Request.Path);
            await Results.Problem(statusCode: 500, title: "Internal error",
                detail: $"The server failed to handle this request. Quote trace id {ctx.TraceIdentifier} when reporting it.").ExecuteAsync(ctx);
        })));

        // Pages: an unknown address shows the app's own "not found" page, status 404 kept. Registered before (outside) the
        // API's handler, which answers API requests first; it must sit at the top level (not in a UseWhen branch) to
        // re-run routing for /not-found.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStatusCodePages(WriteApiStatusProblemAsync);
        return app;
    }

    /// <summary>503 in plain words, never a stack trace; a busy database adds when to try again.</summary>
    private static async Task WriteStorageProblemAsync(HttpContext ctx, StorageFailure storage, Exception error)
    {
        // The server's situation, not a bug: logged as a warning with SQLite's own message, without the stack.
        ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BenchDashboard.Api")
            .LogWarning("{Path}: {Title} ({Message})", ctx.Request.Path, storage.Title, error.GetBaseException().Message);
        if (storage.Busy) SetRetryAfter(ctx.Response);
        await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: storage.Title, detail: storage.Detail).ExecuteAsync(ctx);
    }

    /// <summary>Retry-After in seconds, the same figure the problem's text names.</summary>
    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = StorageFailure.BusyTimeoutSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bare status codes from the API (404 of an unknown route, 405, 415) become problem details too.</summary>
    private static async Task WriteApiStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!AuthServiceCollectionExtensions.IsApi(http.Request) || http.Response.HasStarted) return;
        var detail = http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
            // Routing refuses the body before the endpoint runs; say what was sent and where the accepted types are listed.
            ? $"Content-Type '{ErrorEcho.Quote(http.Request.ContentType ?? "")}' is not accepted by {http.Request.Method} {ErrorEcho.Quote(http.Request.Path.Value ?? "")}; the accepted types are listed in /openapi/v1.json."
            : null;
        await Results.Problem(statusCode: http.Response.StatusCode, detail: detail).ExecuteAsync(http);
    }
}
