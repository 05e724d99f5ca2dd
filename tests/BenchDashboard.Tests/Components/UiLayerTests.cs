using BenchDashboard.Components.Ui;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.Projects;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BenchDashboard.Tests.Components;

/// <summary>
/// The app's own UI layer (Components/Ui, docs/decisions/0019): what pages rely on when they use it, independent of
/// the component library underneath.
/// </summary>
public class UiLayerTests : AppComponentTestContext
{
    [Fact]
    public void A_busy_button_shows_its_busy_text_and_ignores_clicks()
    {
        var clicks = 0;
        var cut = Render<AppButton>(p => p.Add(b => b.Text, "Save").Add(b => b.BusyText, "Saving…").Add(b => b.Busy, true)
            .Add(b => b.OnClick, EventCallback.Factory.Create<MouseEventArgs>(this, () => clicks++))
            .AddUnmatched("data-testid", "save"));

        var button = cut.Find("[data-testid=save]");
        Assert.Contains("Saving…", button.TextContent);
        Assert.True(button.HasAttribute("disabled"));

        cut.Render(p => p.Add(b => b.Busy, false));
        button = cut.Find("[data-testid=save]");
        Assert.Equal("Save", button.TextContent.Trim());
        button.Click();
        Assert.Equal(1, clicks);
    }

    [Fact]
    public void A_choice_group_marks_the_chosen_item_pressed_and_reports_a_new_choice()
    {
        string? chosen = null;
        var cut = Render<ChoiceGroup<string>>(p => p.Add(c => c.Items, ["30 days", "90 days", "All"]).Add(c => c.Value, "90 days")
            .Add(c => c.Label, "Time range").Add(c => c.ValueChanged, EventCallback.Factory.Create<string>(this, v => chosen = v)));

        Assert.Equal("Time range", cut.Find("[role=group]").GetAttribute("aria-label"));
        var pressed = cut.FindAll("button[aria-pressed=true]");
        Assert.Equal("90 days", Assert.Single(pressed).TextContent.Trim());

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "All").Click();
        Assert.Equal("All", chosen);
    }

    [Fact]
    public void A_choice_group_with_no_value_presses_nothing()
    {
        var cut = Render<ChoiceGroup<string>>(p => p.Add(c => c.Items, ["30 days", "All"]).Add(c => c.Value, "All").Add(c => c.HasValue, false)
            .Add(c => c.Label, "Time range"));
        Assert.Empty(cut.FindAll("button[aria-pressed=true]"));
    }

    [Fact]
    public async Task The_project_shell_says_plainly_when_the_project_does_not_exist_and_renders_nothing_of_the_page()
    {
        await UseNewDatabaseAsync();
        var loaded = 0;
        var cut = Render<ProjectPage>(p => p.Add(s => s.Slug, "no-such-project").Add(s => s.Title, "Trends")
            .Add(s => s.OnProject, EventCallback.Factory.Create<ProjectSummary>(this, _ => loaded++))
            .Add(s => s.ChildContent, project => builder => builder.AddMarkupContent(0, "<p data-testid='page-body'>body</p>")));

        cut.WaitForAssertion(() => Assert.Contains("There is no project “no-such-project”.", cut.Find("[data-testid=project-not-found]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=page-body]"));
        Assert.Equal(0, loaded);
    }

    [Fact]
    public async Task The_project_shell_loads_the_project_once_titles_the_page_with_its_name_and_hands_it_to_the_page()
    {
        var factory = await UseNewDatabaseAsync();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Projects.Add(new Domain.Project { Slug = "shop", Name = "Shop <assistant>", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var loads = new List<string>();
        var cut = Render<ProjectPage>(p => p.Add(s => s.Slug, "shop").Add(s => s.Title, "Signals")
            .Add(s => s.OnProject, EventCallback.Factory.Create<ProjectSummary>(this, pr => loads.Add(pr.Slug)))
            .Add(s => s.ChildContent, project => builder =>
            {
                builder.OpenElement(0, "p");
                builder.AddAttribute(1, "data-testid", "page-body");
                builder.AddContent(2, project.Slug);
                builder.CloseElement();
            }));

        cut.WaitForAssertion(() => Assert.Equal("shop", cut.Find("[data-testid=page-body]").TextContent));
        Assert.Equal("Signals · Shop <assistant>", cut.Find("h1").TextContent);
        Assert.Empty(cut.FindAll("h1 assistant"));
        cut.Render(p => p.Add(s => s.Title, "Signals"));
        Assert.Equal(["shop"], loads);
    }

    [Theory]
    [InlineData(false, false, "active")]
    [InlineData(false, true, "locked")]
    [InlineData(true, false, "disabled")]
    public void An_accounts_status_says_active_locked_or_disabled(bool disabled, bool locked, string expected)
    {
        var row = new UserRow("id", "ann@example.com", null, [], disabled, locked ? DateTimeOffset.UtcNow.AddMinutes(10) : null);
        var cut = Render<UserStatus>(p => p.Add(s => s.Row, row));
        Assert.Equal(expected, cut.Find("[data-testid=user-status]").TextContent.Trim());
    }

    [Fact]
    public void Role_checkboxes_report_the_roles_chosen()
    {
        IEnumerable<string> roles = ["Reviewer"];
        var cut = Render<RoleChoices>(p => p.Add(r => r.Value, roles).Add(r => r.Label, "Roles of ann@example.com")
            .Add(r => r.ValueChanged, EventCallback.Factory.Create<IEnumerable<string>>(this, v => roles = v)));

        Assert.Equal("Roles of ann@example.com", cut.Find("legend").TextContent);
        var boxes = cut.FindAll("input[type=checkbox]");
        Assert.Equal(Domain.Roles.All.Count, boxes.Count);
        boxes[Domain.Roles.All.ToList().IndexOf(Domain.Roles.Auditor)].Change(true);
        Assert.Equal(["Reviewer", "Auditor"], roles.ToArray());
    }
}
