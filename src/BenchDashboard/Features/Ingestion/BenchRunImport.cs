using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A bench run as the API receives it (API.md, "POST …/bench-runs"), after validation.</summary>
public sealed record BenchRunRequest(string RunId, string Version, DateTime StartedAt, int? RubricVersion, IReadOnlyList<BenchResultRequest> Results)
{
    /// <summary>
    /// True when the items were read from a file rather than sent (the promptfoo importer reads them from the grading
    /// results): earlier releases imported the same file without items, so a run stored with the hash of the file
    /// without its items (<see cref="ContentHash(bool)"/> with false) is this run, re-sent, not a conflict.
    /// </summary>
    public bool ItemsReadFromFile { get; init; }

    /// <summary>Parses the native JSON body; every bad field is recorded, results by their index.</summary>
    public static BenchRunRequest? Parse(JsonElement root, ValidationErrors errors)
    {
        var f = new FieldReader(root, "body", errors);
        if (!f.RequireObject()) return null;
        var runId = f.Id("runId", required: true);
        var version = f.Id("version", required: true, TextLimits.Category);
        var startedAt = f.Timestamp("startedAt", required: true);
        var rubric = f.Integer("rubricVersion", required: false, min: 1);
        var results = new List<BenchResultRequest>();
        var valid = runId is not null && version is not null && startedAt is not null;
        if (f.TryGetArray("results", out var array))
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var result = BenchResultRequest.Parse(new FieldReader(item, $"results[{index++}]", errors));
                if (result is null) valid = false;
                else results.Add(result);
            }
            if (index == 0)
            {
                f.Error("results", "must hold at least one result");
                valid = false;
            }
        }
        else
        {
            valid = false;
        }
        CheckUniqueCases(results, errors);
        return valid && !errors.Any ? new BenchRunRequest(runId!, version!, startedAt!.Value, rubric, results) : null;
    }

    public static void CheckUniqueCases(IEnumerable<BenchResultRequest> results, ValidationErrors errors)
    {
        foreach (var group in results.GroupBy(r => r.CaseId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("results", $"caseId '{ErrorEcho.Quote(group.Key)}' appears {group.Count()} times; a run holds one result per case");
        }
    }

    /// <summary>SHA-256 over a canonical form, so the same run re-sent is a duplicate and a changed one a conflict.</summary>
    /// <remarks>
    /// The form is fixed (runs stored by earlier releases carry hashes of it): a header line, then one line per result in
    /// case-id order, each the JSON array <c>[caseId, passed, score, category, input]</c> exactly as
    /// <c>JsonSerializer.Serialize(object?[])</c> wrote it. Written here with one <see cref="Utf8JsonWriter"/> (the same
    /// encoder and number format) straight into the hash: serialising 100,000 boxed arrays cost about a second.
    /// A result with per-item outcomes adds them as a sixth element, the canonical object (<see cref="ItemOutcomes"/>);
    /// a result without them keeps the five, so every run sent before items existed keeps its hash.
    /// <paramref name="withItems"/> false leaves the items out (see <see cref="ItemsReadFromFile"/>).
    /// </remarks>
    public string ContentHash(bool withItems = true)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(
            new StringBuilder().Append(Version).Append('\n').Append(Timestamps.ToStorage(StartedAt)).Append('\n').Append(RubricVersion).Append('\n').ToString()));
        var buffer = new ArrayBufferWriter<byte>(256);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var r in Results.OrderBy(r => r.CaseId, StringComparer.Ordinal))
        {
            json.WriteStartArray();
            json.WriteStringValue(r.CaseId);
            json.WriteBooleanValue(r.Passed);
            if (r.Score is { } score) json.WriteNumberValue(score);
            else json.WriteNullValue();
            WriteNullable(json, r.Category);
            WriteNullable(json, r.Input);
            if (withItems) r.Items?.WriteTo(json);
            json.WriteEndArray();
            json.Flush();
            buffer.Write("\n"u8);
            sha.AppendData(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
            // The next array is a new top-level value; Reset drops the writer's "a value was written" state.
            json.Reset(buffer);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void WriteNullable(Utf8JsonWriter json, string? text)
    {
        if (text is null) json.WriteNullValue();
        else json.WriteStringValue(text);
    }
}

/// <summary>One result of a bench run; <paramref name="Items"/> are its per-rubric-item outcomes, when the runner reports them.</summary>
public sealed record BenchResultRequest(string CaseId, bool Passed, double? Score, string? Category, string? Input, ItemOutcomes? Items = null)
{
    public static BenchResultRequest? Parse(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var caseId = f.Id("caseId", required: true);
        var passed = f.Bool("passed", required: true);
        var score = f.Number("score", required: false);
        var category = f.Id("category", required: false, TextLimits.Category);
        var input = f.Text("input", required: false);
        var itemsValid = ItemOutcomes.TryParse(f, out var items);
        return caseId is null || passed is null || !itemsValid ? null : new BenchResultRequest(caseId, passed.Value, score, category, input, items);
    }
}

/// <summary>The API's answer to a stored (or re-sent) bench run.</summary>
public sealed record BenchRunSummary(string RunId, int Cases, int Passed, int NewCases)
{
    /// <summary>True when this exact run was already stored; nothing changed.</summary>
    public bool Duplicate { get; init; }
}

public enum BenchRunStatus { Created, Duplicate, Conflict }

public sealed record BenchRunImportResult(BenchRunStatus Status, BenchRunSummary? Summary, string? Conflict);

/// <summary>
/// Stores a bench run with its results in one transaction. Unknown case ids become bench cases, an unknown version
/// is created as deployed at the run's start, and an unknown rubric number becomes an unapproved rubric version.
/// Written the way feedback is (decisions 0009, 0025): bulk inserts in one transaction holding the project's write turn, with
/// everything that needs no database (validation, the content hash) done before the write lock is taken: the lock
/// is held only while the rows are written, not for the 45 s EF Core's change tracker took on 100,000 results
/// (decision 0021; figures in docs/benchmarks.md).
/// </summary>
public sealed class BenchRunImporter(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<BenchRunImportResult> ImportAsync(int projectId, BenchRunRequest run, CancellationToken ct = default)
    {
        var hash = run.ContentHash();
        var sameWithoutItems = run.ItemsReadFromFile ? run.ContentHash(withItems: false) : null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Opened through EF so the connection gets what EF sets on every connection it opens (and its interceptors).
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dialect = SqlDialect.Of(connection);
        await using var transaction = await dialect.BeginProjectWriteAsync(connection, projectId, ct);
        var writer = new BenchRunWriter(new ImportSession(connection, transaction, dialect, projectId));

        var result = writer.Write(run, hash, sameWithoutItems, now, ct);
        if (result.Status != BenchRunStatus.Created) return result; // a duplicate or a conflict wrote nothing; disposing rolls back
        ProjectDataVersion.Bump(connection, transaction, projectId);
        await transaction.CommitAsync(ct);
        return result;
    }

    public static string Describe(BenchRunSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Cases} cases, {s.Passed} passed, {s.NewCases} new");
}
