using BenchDashboard.Components.Shared;
using Bunit;

namespace BenchDashboard.Tests.Components;

/// <summary>The placeholder of a screen that is not built: honest about it, and safe with any text.</summary>
public class NotBuiltYetTests : AppComponentTestContext
{
    [Fact]
    public void Placeholder_screens_say_plainly_that_they_are_not_built_and_where_they_are_planned()
    {
        var cut = Render<NotBuiltYet>(p => p.Add(n => n.Title, "Signals").Add(n => n.Purpose, "Lists drift signals.").Add(n => n.Issue, 4));

        var placeholder = cut.Find("[data-testid=not-built-yet]");
        Assert.Equal("Signals", cut.Find("h1").TextContent);
        Assert.Contains("This screen is not built yet. Lists drift signals.", placeholder.TextContent);
        Assert.Contains("Planned in issue #4.", placeholder.TextContent);
    }

    [Fact]
    public void Text_given_to_the_placeholder_is_shown_as_text_never_as_html()
    {
        var cut = Render<NotBuiltYet>(p => p.Add(n => n.Title, "<script>alert(1)</script>").Add(n => n.Purpose, "<img src=x onerror=alert(1)>"));

        var placeholder = cut.Find("[data-testid=not-built-yet]");
        Assert.Empty(placeholder.QuerySelectorAll("script, img"));
        Assert.Equal("<script>alert(1)</script>", cut.Find("h1").TextContent);
        Assert.Empty(cut.FindAll("script, img"));
        Assert.Contains("Planned, not yet scheduled.", placeholder.TextContent);
    }
}
