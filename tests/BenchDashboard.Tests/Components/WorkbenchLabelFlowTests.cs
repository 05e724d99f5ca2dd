using System.Security.Claims;
using BenchDashboard.Domain;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Tests.Features.Sampling;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Components;

/// <summary>
/// The reviewers' workbench from a reviewer's seat: each choice is saved at once to the real database, the keys the page's
/// script forwards act on the trace shown, and coming back shows the stored labels. The script itself (which keys it
/// forwards) is the browser tests' business.
/// </summary>
public class WorkbenchLabelFlowTests : AppComponentTestContext
{
    private const string Reviewer = "rev-a";

    private SamplingProject project = default!;
    private int roundId;
    private BunitJSModuleInterop keys = default!;

    private async Task RoundForReviewerAsync()
    {
        project = await SamplingProject.CreateAsync(traces: 40);
        roundId = (await project.StartAsync(SamplingProject.Settings(size: 4, doubleReview: 0), Reviewer)).RoundId;
        UseDatabase(project.Factory);
        User.SetAuthorized("reviewer@test.local");
        User.SetRoles("Reviewer");
        User.SetClaims(new Claim(ClaimTypes.NameIdentifier, Reviewer));
        keys = JSInterop.SetupModule("./Features/Review/WorkbenchPage.razor.js");
        keys.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Opens the page at its address, as a reload does: the position comes from <c>?item=</c> when given.</summary>
    private IRenderedComponent<WorkbenchPage> Open(int? item = null)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/p/sampling/review/{roundId}{(item is null ? "" : $"?item={item}")}");
        var cut = Render<WorkbenchPage>(p => p.Add(w => w.Slug, "sampling").Add(w => w.RoundId, roundId));
        cut.WaitForElement("[data-testid=workbench]");
        return cut;
    }

    private static string Pressed(IRenderedComponent<WorkbenchPage> cut, string testId) => cut.Find($"[data-testid={testId}]").GetAttribute("aria-pressed") ?? "";

    private async Task<MyLabel?> StoredAsync(WorkItem item) => (await project.Reviews.LoadAsync(project.ProjectId, item.SampledTraceId, Reviewer))!.Label;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (project is not null) await project.DisposeAsync();
    }

    [Fact]
    public async Task A_gap_label_is_saved_choice_by_choice_and_drafts_a_bench_case_from_the_trace()
    {
        await RoundForReviewerAsync();
        var queue = await project.Reviews.QueueAsync(roundId, Reviewer);
        var cut = Open();
        Assert.Equal("0 / 4", cut.Find("[data-testid=my-progress-text]").TextContent);
        Assert.Equal("Not labelled yet", cut.Find("[data-testid=save-state]").TextContent);
        keys.VerifyInvoke("listen"); // the keyboard shortcuts are switched on once the page is shown

        cut.Find("[data-testid=verdict-bad]").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", Pressed(cut, "verdict-bad")));
        Assert.Equal("Saved 09:00:00 UTC", cut.Find("[data-testid=save-state]").TextContent);
        Assert.Equal(ReviewVerdict.Bad, (await StoredAsync(queue[0]))?.Verdict);
        Assert.Equal("0 / 4", cut.Find("[data-testid=my-progress-text]").TextContent); // a bad verdict alone is not a complete label

        var category = cut.FindAll("[data-testid=failure-category]")[0];
        var categoryName = category.TextContent.Trim()[1..].Trim(); // after its shortcut digit
        category.Click();
        cut.WaitForAssertion(() => Assert.Equal("true", Pressed(cut, "failure-category")));
        cut.Find("[data-testid=bench-no]").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 / 4", cut.Find("[data-testid=my-progress-text]").TextContent));
        var trace = await project.Reviews.LoadAsync(project.ProjectId, queue[0].SampledTraceId, Reviewer);
        Assert.Equal(trace!.Input, cut.Find("[data-testid=draft-input]").GetAttribute("value"));
        var stored = await StoredAsync(queue[0]);
        Assert.Equal((ReviewVerdict.Bad, categoryName, BenchWouldCatch.No, true), (stored!.Verdict, stored.FailureCategory, stored.BenchWouldCatch, stored.IsComplete));
        Assert.Equal(trace.Input, stored.Draft?.Input);
    }

    [Fact]
    public async Task Keys_label_the_trace_shown_move_through_the_queue_and_a_reload_resumes_at_the_next_unlabelled_trace()
    {
        await RoundForReviewerAsync();
        var queue = await project.Reviews.QueueAsync(roundId, Reviewer);
        var cut = Open();

        await cut.InvokeAsync(() => cut.Instance.OnKeyAsync("g"));
        await cut.InvokeAsync(() => cut.Instance.OnKeyAsync("j"));
        await cut.InvokeAsync(() => cut.Instance.OnKeyAsync("g"));

        cut.WaitForAssertion(() => Assert.Equal("2 / 4", cut.Find("[data-testid=my-progress-text]").TextContent));
        Assert.Equal(ReviewVerdict.Good, (await StoredAsync(queue[0]))?.Verdict);
        Assert.Equal(ReviewVerdict.Good, (await StoredAsync(queue[1]))?.Verdict);
        // The position is in the address, so a reload after a dropped connection lands on the same trace.
        Assert.EndsWith($"item={queue[1].Position}", Services.GetRequiredService<NavigationManager>().Uri);

        var reloaded = Open();
        Assert.Contains($"trace 3 of 4", reloaded.Find("h1").TextContent);
        Assert.Equal("false", Pressed(reloaded, "verdict-good"));

        var first = Open(item: queue[0].Position);
        Assert.Equal("true", Pressed(first, "verdict-good"));
        Assert.StartsWith("Saved ", first.Find("[data-testid=save-state]").TextContent);
    }

    [Fact]
    public async Task Yes_without_a_chosen_bench_case_is_refused_with_a_message_and_the_label_stays_incomplete()
    {
        await RoundForReviewerAsync();
        var queue = await project.Reviews.QueueAsync(roundId, Reviewer);
        var cut = Open();

        cut.Find("[data-testid=verdict-bad]").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", Pressed(cut, "verdict-bad")));
        // A search that matches no bench case leaves nothing to choose.
        cut.Find("input[type=search]").Change("zzzz-nothing-matches");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("input[name=matched-case]")));
        cut.Find("[data-testid=bench-yes]").Click();

        var message = cut.WaitForElement("[data-testid=workbench-message]");
        Assert.Contains("No bench case is chosen", message.TextContent);
        Assert.Equal("false", Pressed(cut, "bench-yes"));
        Assert.Null((await StoredAsync(queue[0]))?.BenchWouldCatch);
    }
}
