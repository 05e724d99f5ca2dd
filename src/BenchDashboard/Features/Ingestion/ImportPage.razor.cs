using System.Globalization;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// The Import page: choose a kind and a file, see a dry run (counts, first rows, every error), confirm, see the
/// summary. Long steps run off the circuit's thread and report progress; the file is copied once to a temporary
/// file so the dry run and the import read the same bytes.
/// </summary>
public partial class ImportPage
{
    [Parameter] public string Slug { get; set; } = "";

    private static readonly IReadOnlyList<KindChoice> kinds =
    [
        new(UploadKind.Traces, "Production traces"),
        new(UploadKind.Feedback, "User feedback events"),
        new(UploadKind.Metrics, "Daily metrics"),
        new(UploadKind.Promptfoo, "promptfoo results (a bench run)"),
    ];

    private ProjectSummary? project;
    private UploadKind kind = UploadKind.Feedback;
    private string? runId, version, provider, targetMessage;
    private UploadedFile? file;
    private ImportReport? report;
    private bool stored;
    private string? phase, failure, summary;
    private double progress;
    private CancellationTokenSource? cancel;

    private bool Busy => phase is not null;

    private string KindHint => kind switch
    {
        UploadKind.Traces => "Fields per row: traceId, timestamp (ISO 8601 with zone), input; optional version, output, category, metadata.",
        UploadKind.Feedback => "Fields per row: eventId, timestamp, kind (thumbs_up, thumbs_down, csat, rewrite, retry, undo, format_error); value 1–5 for csat; optional traceId.",
        UploadKind.Metrics => "Rows of date, metric (thumbsUpRate, csat, rewriteRate, retryRate, undoRate, formatErrorRate), value, n. The same date and metric replaces the stored value.",
        _ => "The JSON file written by `promptfoo eval --output results.json`. Each test becomes a bench case.",
    };

    private string CheckText => kind == UploadKind.Promptfoo
        ? $"{Plural(report!.Rows, "test result")} ready to import as run “{runId}” of version {version}."
        : $"{Plural(report!.Rows, "row")} checked: {report.New:N0} new, {report.Duplicates:N0} already stored"
          + (kind == UploadKind.Metrics ? $", {report.Updated:N0} to update, {report.Unchanged:N0} unchanged." : ".");

    private string ImportButtonText => kind == UploadKind.Promptfoo ? "Import the run" : $"Import {Plural(report!.Rows, "row")}";

    private void ProjectLoaded(ProjectSummary loaded) => project = loaded;

    private async Task ChooseKindAsync(UploadKind chosen)
    {
        kind = chosen;
        await ResetAsync();
        provider = null;
    }

    private async Task ProviderChosenAsync(string? chosen)
    {
        provider = chosen;
        await TargetChangedAsync();
    }

    private async Task TargetChangedAsync()
    {
        if (file is not null && !Busy) await CheckAsync();
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        await ResetAsync();
        provider = null;
        if (e.File.Size > RequestBody.MaxBytes)
        {
            failure = $"{e.File.Name} is {e.File.Size / 1048576.0:0.#} MiB; the limit is 32 MiB. Split it into smaller files.";
            return;
        }
        await RunStepAsync("Uploading", async (progress, ct) => file = await UploadedFile.CopyAsync(e.File, progress, ct));
        if (file is not null) await CheckAsync();
    }

    private async Task CheckAsync()
    {
        report = null;
        if (!TargetIsValid()) return;
        var target = new PromptfooTarget(runId?.Trim(), version?.Trim(), provider);
        await RunStepAsync("Checking", async (progress, ct) =>
            report = await Task.Run(() => Workflow.DryRunAsync(project!.Id, kind, file!, target, progress, ct), ct));
    }

    private async Task ImportAsync()
    {
        if (!TargetIsValid()) return;
        var target = new PromptfooTarget(runId?.Trim(), version?.Trim(), provider);
        var actor = await Actor.NameAsync();
        ImportReport? result = null;
        await RunStepAsync("Importing", async (progress, ct) =>
            result = await Task.Run(() => Workflow.ImportAsync(project!.Id, project.Slug, kind, file!, target, actor, progress, ct), ct));
        if (result is null) return;
        stored = result.Stored || result.Run is not null;
        // A refused import shows why; a stored one keeps the dry run's preview above the summary.
        if (!stored) report = result;
        summary = result switch
        {
            { Run: { Duplicate: true } } => $"Run “{target.RunId}” was already imported with exactly these results; nothing changed.",
            { Run: { } run } => $"Imported run “{run.RunId}”: {Plural(run.Cases, "case")}, {run.Passed:N0} passed, {run.NewCases:N0} new bench cases.",
            { Stored: true } => $"Imported {file!.Name}: {result.New:N0} new, {result.Duplicates:N0} already stored"
                                + (kind == UploadKind.Metrics ? $", {result.Updated:N0} updated." : "."),
            _ => null,
        };
    }

    /// <summary>Runs one long step with a progress bar and a cancel button; failures become a message, never a stack trace.</summary>
    private async Task RunStepAsync(string name, Func<IProgress<double>, CancellationToken, Task> step)
    {
        cancel = new CancellationTokenSource();
        phase = $"{name}…";
        progress = 0;
        failure = null;
        var lastShown = -1;
        var reporter = new Progress<double>(value =>
        {
            progress = value;
            var percent = (int)(value * 100);
            if (percent == lastShown) return;
            lastShown = percent;
            _ = InvokeAsync(StateHasChanged);
        });
        try
        {
            await step(reporter, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            failure = $"{name} cancelled; nothing was stored.";
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Text.Json.JsonException)
        {
            failure = $"{name} failed: {ex.Message} Nothing was stored.";
        }
        finally
        {
            phase = null;
            cancel.Dispose();
            cancel = null;
        }
    }

    private void Cancel() => cancel?.Cancel();

    private bool TargetIsValid()
    {
        targetMessage = null;
        if (kind != UploadKind.Promptfoo) return true;
        if (string.IsNullOrWhiteSpace(runId) || string.IsNullOrWhiteSpace(version))
        {
            targetMessage = "Enter the run id and the pipeline version this promptfoo run measured.";
        }
        else if (runId.Length > TextLimits.Id || version.Length > TextLimits.Category)
        {
            targetMessage = $"The run id may have up to {TextLimits.Id} characters, the version up to {TextLimits.Category}.";
        }
        return targetMessage is null;
    }

    private async Task ResetAsync()
    {
        cancel?.Cancel();
        report = null;
        summary = null;
        failure = null;
        stored = false;
        if (file is not null) await file.DisposeAsync();
        file = null;
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    public async ValueTask DisposeAsync()
    {
        cancel?.Cancel();
        if (file is not null) await file.DisposeAsync();
    }

    private sealed record KindChoice(UploadKind Value, string Text);
}
