using System.Text;
using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>An export ready to send: its bytes, content type and a file name for downloads.</summary>
public sealed record BenchCaseFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Lists and exports a project's bench cases for the API and the Bench page's downloads alike, so a browser download
/// and <c>GET …/bench-cases/export</c> with the same filters are the same file.
/// </summary>
public sealed class BenchCaseExport(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The format words of API.md's <c>format=</c>, in the order the menu offers them.</summary>
    public static readonly IReadOnlyList<string> Formats = ["promptfoo", "jsonl"];

    public async Task<List<BenchCaseItem>> ListAsync(int projectId, BenchCaseQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await query.ListAsync(db, projectId, ct);
    }

    /// <summary>The file for <paramref name="format"/>, one of <see cref="Formats"/> (checked by the caller).</summary>
    public async Task<BenchCaseFile> ExportAsync(int projectId, string projectSlug, BenchCaseQuery query, string format, CancellationToken ct = default)
    {
        var cases = await ListAsync(projectId, query, ct);
        return format switch
        {
            "promptfoo" => new(Encoding.UTF8.GetBytes(PromptfooTestsWriter.Write(cases, projectSlug, clock.GetUtcNow().UtcDateTime)),
                PromptfooTestsWriter.ContentType, $"{projectSlug}-bench-cases.promptfoo.yaml"),
            "jsonl" => new(Encoding.UTF8.GetBytes(BenchCaseJsonLines.Write(cases)), BenchCaseJsonLines.ContentType, $"{projectSlug}-bench-cases.jsonl"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not one of " + string.Join(", ", Formats)),
        };
    }

    /// <summary>Checks <c>format=</c>: required, one of <see cref="Formats"/>.</summary>
    public static void CheckFormat(string? format, Infrastructure.Api.ValidationErrors errors)
    {
        if (format is null) errors.Add("format", $"the query parameter format is required: one of {string.Join(", ", Formats)}");
        else if (!Formats.Contains(format)) errors.Add("format", $"'{Infrastructure.Api.ErrorEcho.Quote(format)}' is not one of {string.Join(", ", Formats)}");
    }
}
