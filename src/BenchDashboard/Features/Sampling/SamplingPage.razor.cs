using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using Microsoft.AspNetCore.Components;
using BenchDashboard.Features.Account;

namespace BenchDashboard.Features.Sampling;

public partial class SamplingPage
{
    [Parameter] public string Slug { get; set; } = "";

    [Inject] private SamplingService Sampling { get; set; } = default!;
    [Inject] private FailureCategoryService FailureCategories { get; set; } = default!;
    [Inject] private CurrentActor Actor { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The form's state; percentages as the lead types them, converted to shares for <see cref="RoundSettings"/>.</summary>
    private sealed class StartForm
    {
        public DateOnly? Period { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public int Size { get; set; } = RoundSettings.DefaultSize;
        public int Seed { get; set; }
        public SamplingStrategy Strategy { get; set; } = SamplingStrategy.Stratified;
        public int MinPerCategory { get; set; } = 2;
        public double HealthyPercent { get; set; } = 30;
        public double DoublePercent { get; set; } = 15;
        public HashSet<string> Reviewers { get; } = [];
        public bool ByHand { get; set; }
    }

    private sealed record Preview(RoundSettings Settings, SampleDraw Draw, IReadOnlyDictionary<long, string> TraceIds, string[] HandFirsts);

    private ProjectSummary? project;
    private bool busy;
    /// <summary>The signed-in user, and whether they run rounds (<see cref="SamplingPermissions"/>); auditors only read.</summary>
    private System.Security.Claims.ClaimsPrincipal? user;
    private bool canRun;
    private IReadOnlyList<RoundListItem> rounds = [];
    private IReadOnlyList<ReviewerOption> reviewerOptions = [];
    private readonly StartForm form = new();
    private Preview? preview;
    private List<string> problems = [];
    private string categoriesText = "";
    private string? categoriesMessage;
    private bool categoriesOk;

    private async Task ProjectLoadedAsync(ProjectSummary loaded)
    {
        project = loaded;
        user = await Actor.UserAsync();
        canRun = SamplingPermissions.CanRun(user);
        rounds = await Sampling.RoundsAsync(project.Id);
        if (!canRun) return;
        reviewerOptions = await Sampling.ReviewersAsync();
        foreach (var r in reviewerOptions.Where(r => r.IsReviewer)) form.Reviewers.Add(r.Id);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        form.Period = DateOnly.ParseExact(RoundSettings.PreviousPeriod(today) + "-01", "yyyy-MM-dd");
        PeriodChanged();
        NewSeed();
        categoriesText = string.Join("\n", await FailureCategories.ListAsync(project.Id));
    }

    private void PeriodChanged()
    {
        preview = null;
        // A month outside the accepted days keeps the old window; Settings() then names the problem.
        if (form.Period is not { } p || !RoundSettings.TryMonthOf(p.ToString("yyyy-MM", CultureInfo.InvariantCulture), Clock.GetUtcNow().UtcDateTime, out var month)) return;
        (form.From, form.To) = month;
    }

    // A new seed draws another sample: the preview of the old one goes, so Start can only start what was shown.
    private void NewSeed()
    {
        form.Seed = Random.Shared.Next(1, 1_000_000);
        preview = null;
    }

    /// <summary>Any change to the form makes the preview stale.</summary>
    private void FormChanged() => preview = null;

    private void ToggleReviewer(string id, bool on)
    {
        if (on) form.Reviewers.Add(id);
        else form.Reviewers.Remove(id);
        preview = null;
    }

    private RoundSettings? Settings()
    {
        problems = [];
        if (form.Period is null || form.From is null || form.To is null)
        {
            problems.Add("Choose the period and its window.");
            return null;
        }
        var settings = new RoundSettings(form.Period.Value.ToString("yyyy-MM"), form.Size, form.Strategy, form.Seed, form.From.Value, form.To.Value,
            form.MinPerCategory, form.HealthyPercent / 100, form.DoublePercent / 100);
        var errors = settings.Validate(Clock.GetUtcNow().UtcDateTime);
        problems.AddRange(errors.Messages.Select(m => char.ToUpperInvariant(m[0]) + m[1..] + "."));
        return problems.Count == 0 ? settings : null;
    }

    private async Task PreviewAsync()
    {
        if (!canRun || project is null || Settings() is not { } settings) return;
        busy = true;
        try
        {
            var draw = await Sampling.PreviewAsync(project.Id, settings);
            if (draw.Selected.Count == 0)
            {
                problems.Add($"There are no production traces between {settings.From:d MMM yyyy} and {settings.To:d MMM yyyy}.");
                preview = null;
                return;
            }
            var ids = await Sampling.TraceIdsAsync(draw.Selected.Select(s => s.Id).ToList());
            var reviewers = form.Reviewers.ToList();
            var firsts = reviewers.Count == 0 ? new string[draw.Selected.Count] : ReviewerAssignment.RoundRobin(draw.Selected.Count, Ordered(reviewers)).ToArray();
            preview = new Preview(settings, draw, ids, firsts);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Reviewers in the order the list shows them, so round-robin is predictable.</summary>
    private List<string> Ordered(IEnumerable<string> ids) => reviewerOptions.Select(r => r.Id).Where(ids.Contains).ToList();

    private async Task StartAsync()
    {
        if (!canRun || project is null || preview is null) return;
        if (Settings() is not { } current || current != preview.Settings)
        {
            preview = null;
            problems.Add("The settings changed since the preview: preview the sample again, then start.");
            return;
        }
        busy = true;
        try
        {
            var actor = await Actor.NameAsync();
            var reviewers = Ordered(form.Reviewers);
            var started = await Sampling.StartAsync(project.Id, preview.Settings, reviewers,
                form.ByHand && reviewers.Count > 0 ? preview.HandFirsts : null, actor, previewed: preview.Draw.Selected.Select(s => s.Id).ToList());
            Nav.NavigateTo($"/p/{Uri.EscapeDataString(project.Slug)}/sampling/{started.RoundId}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            problems = [e.Message];
            preview = null;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SaveCategoriesAsync()
    {
        if (!canRun || project is null) return;
        var actor = await Actor.NameAsync();
        var found = await FailureCategories.SaveAsync(project.Id, categoriesText.Split('\n'), actor);
        categoriesOk = found.Count == 0;
        categoriesMessage = categoriesOk ? "Saved." : string.Join(" ", found);
    }
}
