using System.Collections.Concurrent;
using BenchDashboard.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchDashboard.Tests.Components;

/// <summary>
/// Issue 12, finding 12: an exception inside a live page used to end the connection and leave a dead page with no
/// message. The layout's boundary stops the page only, says so in plain words with a reference that is in the server
/// log (never the exception's text), and lets the user try again.
/// </summary>
public class PageErrorBoundaryTests : AppComponentTestContext
{
    private readonly CapturingLogger log = new();

    public PageErrorBoundaryTests() => Services.AddSingleton<ILoggerProvider>(log);

    [Fact]
    public void A_failing_page_shows_a_plain_message_with_a_logged_reference_and_can_be_tried_again()
    {
        var cut = Render<PageErrorBoundary>(p => p.AddChildContent<FailingPage>());
        Assert.Empty(cut.FindAll("[data-testid=page-error]"));

        cut.Find("[data-testid=fail]").Click();

        var message = cut.Find("[data-testid=page-error]");
        Assert.Contains("This page ran into an error and stopped.", message.TextContent);
        Assert.DoesNotContain(FailingPage.Secret, cut.Markup);
        var reference = cut.Find("[data-testid=page-error-reference]").TextContent;
        Assert.Matches("^[0-9a-f]{12}$", reference);
        var logged = Assert.Single(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference));
        Assert.Contains(FailingPage.Secret, logged.Exception?.Message);

        cut.Find("[data-testid=page-error-retry]").Click();

        Assert.Empty(cut.FindAll("[data-testid=page-error]"));
        Assert.NotNull(cut.Find("[data-testid=fail]"));
    }

    /// <summary>A page whose button throws, as a bug in an event handler would.</summary>
    private sealed class FailingPage : ComponentBase
    {
        public const string Secret = "connection string Password=hunter2";

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "fail");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => throw new InvalidOperationException(Secret)));
            builder.AddContent(3, "Go");
            builder.CloseElement();
        }
    }

    private sealed class CapturingLogger : ILoggerProvider, ILogger
    {
        public ConcurrentBag<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));

        public void Dispose() { }
    }
}
