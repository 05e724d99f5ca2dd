using System.Security.Claims;
using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Sampling;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace BenchDashboard.Features.Review;

/// <summary>
/// One trace at a time, keyboard first. Every choice is saved at once with the revision it is based on, and the
/// position is in the URL (<c>?item=</c>), so a reload after a dropped connection lands on the same trace with
/// every label kept.
/// </summary>
public partial class WorkbenchPage
{
    [Parameter] public string Slug { get; set; } = "";
    [Parameter] public int RoundId { get; set; }
    [SupplyParameterFromQuery(Name = "item")] public int? Item { get; set; }

    [Inject] private ProjectService Projects { get; set; } = default!;
    [Inject] private ReviewService Reviews { get; set; } = default!;
    [Inject] private FailureCategoryService FailureCategoryList { get; set; } = default!;
    [Inject] private Account.CurrentActor Actor { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<WorkbenchPage> Log { get; set; } = default!;

    private ProjectSummary? project;
    private string reviewerId = "";
    private string period = "";
    private IReadOnlyList<WorkItem> queue = [];
    private int index;
    private int roundSize, roundLabelled;
    private WorkbenchTrace? trace;
    private IReadOnlyList<string> failureCategories = [];
    private IReadOnlyList<CaseMatch> cases = [];
    private string? problem, message, caseQuery;
    private string saveState = "";
    private bool saveFailed, showHelp, markdown = true;

    // The label being edited, as stored after the last save.
    private MyLabel? myLabel;
    private ReviewVerdict? verdict;
    private string? failureCategory;
    private BenchWouldCatch? benchWouldCatch;
    private int? highlightedCaseId;
    private string? notes, draftInput, draftExpected;

    // Keys arrive from script faster than a save or a load finishes; one at a time keeps each key on the trace it was meant for.
    private readonly SemaphoreSlim gate = new(1, 1);
    private IJSObjectReference? module;
    private long? moveStarted;
    private double lastLoadMs;
    private DotNetObjectReference<WorkbenchPage>? selfReference;

    private string ListHref => $"/p/{Uri.EscapeDataString(Slug)}/review";

    protected override Task OnParametersSetAsync() => RunAsync(ShowPositionAsync);

    private async Task ShowPositionAsync()
    {
        // The keys already loaded this trace before they put its position in the address: nothing left to do.
        if (project?.Slug == Slug && trace is not null && trace.RoundId == RoundId && Item == trace.Position && problem is null) return;
        problem = null;
        if (project?.Slug != Slug)
        {
            project = await Projects.FindAsync(Slug);
            if (project is null)
            {
                problem = $"There is no project “{Slug}”.";
                return;
            }
            reviewerId = await Actor.IdAsync();
            failureCategories = await FailureCategoryList.ListAsync(project.Id);
        }
        if (await Reviews.RoundAsync(project.Id, RoundId) is not { } round)
        {
            problem = $"There is no sampling round {RoundId} in this project.";
            return;
        }
        period = round.Period;
        queue = await Reviews.QueueAsync(RoundId, reviewerId);
        if (queue.Count == 0)
        {
            problem = "This round has no traces for you.";
            return;
        }
        // Without a position (or with one outside the queue), resume at the first trace still to label.
        var at = Item is { } position ? queue.ToList().FindIndex(i => i.Position == position) : -1;
        index = at >= 0 ? at : Math.Max(0, queue.ToList().FindIndex(i => !i.IsComplete));
        await LoadAsync();
    }

    /// <summary>
    /// Loads the trace at <see cref="index"/>. A move's duration (key to rendered) is logged at Debug, category
    /// BenchDashboard.Features.Review.WorkbenchPage, which the benchmark program reads.
    /// </summary>
    private async Task LoadAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await LoadTraceAsync();
        lastLoadMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private async Task LoadTraceAsync()
    {
        var item = queue[index];
        trace = await Reviews.LoadAsync(project!.Id, item.SampledTraceId, reviewerId);
        if (trace is null)
        {
            problem = "This trace is not in your queue any more.";
            return;
        }
        (roundSize, roundLabelled) = await Reviews.RoundProgressAsync(RoundId);
        message = null;
        caseQuery = null;
        cases = trace.SimilarCases;
        ShowLabel(trace.Label);
        saveState = myLabel is null ? "Not labelled yet" : $"Saved {myLabel.SavedAt:HH:mm:ss} UTC";
        saveFailed = false;
    }

    private void ShowLabel(MyLabel? label)
    {
        myLabel = label;
        verdict = label?.Verdict;
        failureCategory = label?.FailureCategory;
        benchWouldCatch = label?.BenchWouldCatch;
        notes = label?.Notes;
        draftInput = label?.Draft?.Input;
        draftExpected = label?.Draft?.ExpectedBehaviour;
        highlightedCaseId = label?.MatchedBenchCaseId ?? cases.FirstOrDefault()?.Case.Id;
        // A matched case that is not among the suggestions is shown too, so the stored choice is always visible.
        if (label?.MatchedBenchCaseId is { } matched && cases.All(c => c.Case.Id != matched))
        {
            cases = [new CaseMatch(new CaseDocument(matched, label.MatchedCaseExternalId ?? $"#{matched}", "", null), 0), .. cases];
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (moveStarted is { } started && trace is not null)
        {
            // From the key (or click) to the new trace's render: the server's whole share of "next trace".
            Log.LogDebug("Workbench moved to trace {Position} of round {RoundId} in {ElapsedMs:F2} ms (loading {LoadMs:F2} ms)",
                trace.Position, RoundId, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, lastLoadMs);
            moveStarted = null;
        }
        if (!firstRender) return;
        selfReference = DotNetObjectReference.Create(this);
        module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Review/WorkbenchPage.razor.js");
        await module.InvokeVoidAsync("listen", selfReference);
    }

    /// <summary>Called by the page's script for keys pressed outside text fields.</summary>
    [JSInvokable]
    public Task OnKeyAsync(string key) => RunAsync(() => HandleKeyAsync(key));

    /// <summary>Every key and click runs alone, after the previous one (and its save or load) has finished.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        await gate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private Task SaveNowAsync() => RunAsync(SaveAsync);

    private async Task HandleKeyAsync(string key)
    {
        if (trace is null) return;
        if (showHelp)
        {
            if (key is "Escape" or "?") showHelp = false;
            StateHasChanged();
            return;
        }
        switch (key)
        {
            case "?": showHelp = true; break;
            case "j" or "J" or "ArrowRight": await GoAsync(+1); break;
            case "k" or "K" or "ArrowLeft": await GoAsync(-1); break;
            case "m" or "M": ToggleMarkdown(); break;
            case "g" or "G": await SetVerdictAsync(ReviewVerdict.Good); break;
            case "b" or "B": await SetVerdictAsync(ReviewVerdict.Bad); break;
            case "y" or "Y" when verdict == ReviewVerdict.Bad: await SetBenchAsync(BenchWouldCatch.Yes); break;
            case "n" or "N" when verdict == ReviewVerdict.Bad: await SetBenchAsync(BenchWouldCatch.No); break;
            case "a" or "A" when verdict == ReviewVerdict.Bad: await SetBenchAsync(BenchWouldCatch.NotApplicable); break;
            case "c" or "C" when verdict == ReviewVerdict.Bad: await NextCaseAsync(); break;
            case [var digit] when verdict == ReviewVerdict.Bad && digit is >= '1' and <= '9' && digit - '1' < failureCategories.Count:
                await SetCategoryAsync(failureCategories[digit - '1']);
                break;
            default: return;
        }
        StateHasChanged();
    }

    private void ToggleMarkdown() => markdown = !markdown;

    /// <summary>Loads the next trace at once (so the next key applies to it), then puts its position in the address.</summary>
    private async Task GoAsync(int step)
    {
        var next = index + step;
        if (next < 0 || next >= queue.Count) return;
        moveStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        index = next;
        await LoadAsync();
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("item", queue[next].Position));
    }

    private async Task SetVerdictAsync(ReviewVerdict value)
    {
        verdict = value;
        await SaveAsync();
    }

    // Saved reads green, a failure red, and "Not labelled yet" or "Saving…" neutral.
    private string SaveStateClass => saveFailed ? "failed" : saveState.StartsWith("Saved", StringComparison.Ordinal) ? "saved" : "pending";

    private async Task SetCategoryAsync(string name)
    {
        failureCategory = name;
        await SaveAsync();
    }

    private async Task SetBenchAsync(BenchWouldCatch value)
    {
        if (value == BenchWouldCatch.Yes && highlightedCaseId is null)
        {
            message = "No bench case is chosen: search the bench below, or answer No if none would catch it.";
            return;
        }
        benchWouldCatch = value;
        await SaveAsync();
    }

    private async Task PickCaseAsync(int caseId)
    {
        highlightedCaseId = caseId;
        if (benchWouldCatch == BenchWouldCatch.Yes) await SaveAsync();
    }

    private async Task NextCaseAsync()
    {
        if (cases.Count == 0) return;
        var at = cases.ToList().FindIndex(c => c.Case.Id == highlightedCaseId);
        await PickCaseAsync(cases[(at + 1) % cases.Count].Case.Id);
    }

    private async Task SearchCasesAsync()
    {
        if (project is null || trace is null) return;
        cases = string.IsNullOrWhiteSpace(caseQuery) ? trace.SimilarCases : await Reviews.SearchCasesAsync(project.Id, caseQuery);
        if (benchWouldCatch != BenchWouldCatch.Yes) highlightedCaseId = cases.FirstOrDefault()?.Case.Id;
    }

    /// <summary>Stores the whole label now; on a conflict the stored label replaces what is on screen, with a message.</summary>
    private async Task SaveAsync()
    {
        if (project is null || trace is null) return;
        saveState = "Saving…";
        var input = new LabelInput(verdict, failureCategory, benchWouldCatch, benchWouldCatch == BenchWouldCatch.Yes ? highlightedCaseId : null,
            notes, draftInput, draftExpected);
        var result = await Reviews.SaveAsync(project.Id, trace.SampledTraceId, reviewerId, input, myLabel?.Revision ?? 0);
        saveFailed = result.Outcome != SaveOutcome.Saved;
        message = result.Problem;
        if (result.Current is not null || result.Outcome == SaveOutcome.Conflict) ShowLabel(result.Current);
        saveState = result.Outcome == SaveOutcome.Saved ? $"Saved {result.Current!.SavedAt:HH:mm:ss} UTC" : "Not saved";
        if (result.Outcome == SaveOutcome.Saved)
        {
            queue = queue.Select((w, i) => i == index ? w with { IsComplete = result.Current!.IsComplete } : w).ToList();
            (roundSize, roundLabelled) = await Reviews.RoundProgressAsync(RoundId);
        }
    }

    private static string Snippet(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 160 ? flat[..160] + "…" : flat;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (module is not null)
            {
                await module.InvokeVoidAsync("stop");
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone; so is its listener.
        }
        selfReference?.Dispose();
        gate.Dispose();
    }
}
