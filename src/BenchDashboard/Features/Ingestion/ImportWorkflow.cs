using System.Globalization;
using System.Text.Json;
using BenchDashboard.Features.Audit;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Ingestion;

/// <summary>What a person can upload on the Import page; the same importers as the REST API read them.</summary>
public enum UploadKind { Traces, Feedback, Metrics, Promptfoo }

/// <summary>Where a promptfoo file's run belongs; the API takes the same values as query parameters.</summary>
public sealed record PromptfooTarget(string? RunId, string? Version, string? Provider);

/// <summary>The result of a dry run or an import, ready for the page: counts, preview, errors.</summary>
public sealed record ImportReport(
    int Rows, int New, int Duplicates, int Updated, int Unchanged,
    ImportPreview? Preview, IReadOnlyList<string> Errors, int ErrorCount, IReadOnlyList<string> Conflicts, bool Stored,
    IReadOnlyList<string> Providers)
{
    /// <summary>For a promptfoo file that was stored (or was already): the run's figures.</summary>
    public BenchRunSummary? Run { get; init; }

    public bool CanImport => ErrorCount == 0 && Conflicts.Count == 0 && Rows > 0;
}

/// <summary>
/// The Import page's work, kept out of the component: dry run (validate everything, store nothing, preview the first
/// rows) and import (the same checks, then one transaction), with an audit entry for every import.
/// </summary>
public sealed class ImportWorkflow(IngestionService ingestion, BenchRunImporter runs, AuditLog audit)
{
    public const int PreviewRows = 10;

    public static string Accept(UploadKind kind) => kind switch
    {
        UploadKind.Metrics => ".csv,.json",
        UploadKind.Promptfoo => ".json",
        _ => ".jsonl,.ndjson,.json",
    };

    public Task<ImportReport> DryRunAsync(int projectId, UploadKind kind, UploadedFile file, PromptfooTarget target,
        IProgress<double> progress, CancellationToken ct) =>
        RunAsync(projectId, kind, file, target, new ImportOptions(DryRun: true, PreviewRows: PreviewRows), progress, ct);

    public async Task<ImportReport> ImportAsync(int projectId, string projectSlug, UploadKind kind, UploadedFile file, PromptfooTarget target,
        string actor, IProgress<double> progress, CancellationToken ct)
    {
        var report = await RunAsync(projectId, kind, file, target, ImportOptions.Store, progress, ct);
        if (report.Stored)
        {
            await audit.AppendAsync(actor, AuditActions.FileImported, $"project:{projectSlug}", new
            {
                kind = kind.ToString().ToLowerInvariant(), file = file.Name, bytes = file.Length, rows = report.Rows,
                accepted = report.New, report.Duplicates, report.Updated, runId = target.RunId,
            }, CancellationToken.None);
        }
        return report;
    }

    private async Task<ImportReport> RunAsync(int projectId, UploadKind kind, UploadedFile file, PromptfooTarget target,
        ImportOptions options, IProgress<double> progress, CancellationToken ct)
    {
        if (kind == UploadKind.Promptfoo) return await PromptfooAsync(projectId, file, target, options, progress, ct);

        var importKind = kind switch
        {
            UploadKind.Traces => ImportKind.Traces,
            UploadKind.Feedback => ImportKind.Feedback,
            _ => ImportKind.Metrics,
        };
        var format = await DetectFormatAsync(kind, file);
        await using var stream = file.OpenRead(progress);
        var outcome = await ingestion.ImportAsync(projectId, importKind, stream, format, options, ct);
        return new ImportReport(outcome.Rows, outcome.Accepted, outcome.Duplicates, outcome.Updated, outcome.Unchanged, outcome.Preview,
            outcome.Errors.Messages, outcome.Errors.Count, outcome.Conflicts.Messages, outcome.Stored, []);
    }

    /// <summary>CSV by extension; otherwise a file that starts with '[' is a JSON array and anything else JSON lines.</summary>
    private static async Task<BodyFormat> DetectFormatAsync(UploadKind kind, UploadedFile file)
    {
        if (kind == UploadKind.Metrics && file.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return BodyFormat.Csv;
        await using var stream = file.OpenRead();
        if (await JsonItems.StartsWithArrayAsync(stream, CancellationToken.None)) return BodyFormat.Json;
        return kind == UploadKind.Metrics ? BodyFormat.Csv : BodyFormat.Ndjson;
    }

    private async Task<ImportReport> PromptfooAsync(int projectId, UploadedFile file, PromptfooTarget target, ImportOptions options,
        IProgress<double> progress, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        await using var stream = file.OpenRead(progress);
        using var document = await ApiJson.ParseAsync(stream, errors, ct);
        if (document is null) return Failed(errors, []);
        var providers = PromptfooResults.Providers(document.RootElement);
        var run = PromptfooResults.ToBenchRun(document.RootElement, target.RunId, target.Version, target.Provider, errors);
        if (run is null) return Failed(errors, providers);

        var preview = new ImportPreview(["caseId", "passed", "score", "category"], run.Results.Take(options.PreviewRows)
            .Select(r => (IReadOnlyList<string>)[r.CaseId, r.Passed ? "yes" : "no", r.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "", r.Category ?? ""])
            .ToList());
        if (options.DryRun) return new ImportReport(run.Results.Count, run.Results.Count, 0, 0, 0, preview, [], 0, [], false, providers);

        var result = await runs.ImportAsync(projectId, run, ct);
        return result.Status switch
        {
            BenchRunStatus.Conflict => new ImportReport(run.Results.Count, 0, 0, 0, 0, preview, [], 0, [result.Conflict!], false, providers),
            BenchRunStatus.Duplicate => new ImportReport(run.Results.Count, 0, run.Results.Count, 0, 0, preview, [], 0, [], false, providers) { Run = result.Summary },
            _ => new ImportReport(run.Results.Count, result.Summary!.NewCases, 0, 0, 0, preview, [], 0, [], true, providers) { Run = result.Summary },
        };
    }

    private static ImportReport Failed(ValidationErrors errors, IReadOnlyList<string> providers) =>
        new(0, 0, 0, 0, 0, null, errors.Messages, errors.Count, [], false, providers);
}
