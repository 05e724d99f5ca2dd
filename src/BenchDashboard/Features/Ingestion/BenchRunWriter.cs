using System.Data.Common;
using BenchDashboard.Data;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// Writes one bench run inside the caller's write transaction (as <see cref="EventSink{TRow}"/> writes feedback): the
/// run, its version and rubric when new, its cases (created in bulk, or gaps filled), one result per case in bulk.
/// The caller commits; a duplicate or a conflict writes nothing.
/// </summary>
internal sealed class BenchRunWriter(ImportSession session)
{
    private static readonly BatchInsertSpec NewCases = new("BenchCases",
    [
        new("ProjectId", typeof(int)), new("ExternalId", typeof(string)), new("Input", typeof(string)), new("Category", typeof(string)),
        new("Status", typeof(string)), new("Source", typeof(string)), new("CreatedAt", typeof(DateTime)), new("FirstSeenAt", typeof(DateTime)),
    ], Conflict: null, KeyColumn: 1, ReturnsIds: true);

    private static readonly BatchInsertSpec Results = new("BenchResults",
    [
        new("BenchRunId", typeof(int)), new("BenchCaseId", typeof(int)), new("Passed", typeof(bool)), new("Score", typeof(double?)),
        new("ItemOutcomesJson", typeof(string)),
    ], Conflict: null, KeyColumn: 1);

    private SqlDialect Dialect => session.Dialect;

    /// <summary>Writes the run, or finds it stored: with <paramref name="hash"/> (or <paramref name="sameWithoutItems"/>, another hash
    /// that also means "this run", <see cref="BenchRunRequest.ItemsReadFromFile"/>) a duplicate, else a conflict.</summary>
    public BenchRunImportResult Write(BenchRunRequest run, string hash, string? sameWithoutItems, DateTime now, CancellationToken ct)
    {
        if (Existing(run.RunId) is { } existing)
        {
            return existing.Hash == hash || (sameWithoutItems is not null && existing.Hash == sameWithoutItems)
                ? new BenchRunImportResult(BenchRunStatus.Duplicate, new BenchRunSummary(run.RunId, existing.Cases, existing.Passed, 0) { Duplicate = true }, null)
                : new BenchRunImportResult(BenchRunStatus.Conflict, null, $"runId '{run.RunId}' already exists with different content");
        }

        var startedAt = Dialect.Timestamp(run.StartedAt);
        var versionId = IdOf("""SELECT "Id" FROM "PipelineVersions" WHERE "ProjectId" = @p AND "Version" = @v""", ("@v", run.Version))
            ?? IdOf("""INSERT INTO "PipelineVersions" ("ProjectId", "Version", "DeployedAt") VALUES (@p, @v, @t) RETURNING "Id" """,
                ("@v", run.Version), ("@t", startedAt));
        long? rubricId = null;
        if (run.RubricVersion is { } number)
        {
            rubricId = IdOf("""SELECT "Id" FROM "RubricVersions" WHERE "ProjectId" = @p AND "Number" = @n""", ("@n", number))
                ?? IdOf("""
                    INSERT INTO "RubricVersions" ("ProjectId", "Number", "Status", "Notes", "CreatedAt")
                    VALUES (@p, @n, @status, @notes, @now) RETURNING "Id"
                    """,
                    ("@n", number), ("@status", nameof(RubricVersionStatus.Imported)), ("@notes", $"Named by bench run {run.RunId}; not yet approved."),
                    ("@now", Dialect.Timestamp(now)));
        }
        var runId = IdOf("""
            INSERT INTO "BenchRuns" ("ProjectId", "RunId", "PipelineVersionId", "RubricVersionId", "StartedAt", "ContentHash")
            VALUES (@p, @r, @v, @rubric, @t, @hash) RETURNING "Id"
            """, ("@r", run.RunId), ("@v", versionId), ("@rubric", rubricId), ("@t", startedAt), ("@hash", hash))!.Value;

        var known = KnownCases(run.Results);
        ct.ThrowIfCancellationRequested();
        var caseIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var newCases = new List<object?[]>();
        foreach (var result in run.Results)
        {
            if (known.TryGetValue(result.CaseId, out var stored))
            {
                caseIds[result.CaseId] = stored.Id;
                FillGaps(stored, result, run.StartedAt);
            }
            else
            {
                newCases.Add([session.ProjectId, result.CaseId, result.Input, result.Category, nameof(BenchCaseStatus.Active),
                    nameof(BenchCaseSource.Imported), now, run.StartedAt]);
            }
        }
        if (newCases.Count > 0)
        {
            var ids = new long[newCases.Count];
            using var insertCases = Dialect.PrepareBatchInsert(session.Connection, session.WriteTransaction, NewCases);
            insertCases.Execute(newCases, new bool[newCases.Count], ids);
            for (var i = 0; i < newCases.Count; i++) caseIds[(string)newCases[i][1]!] = ids[i];
        }
        ct.ThrowIfCancellationRequested();
        var results = run.Results.Select(r => new object?[] { (int)runId, (int)caseIds[r.CaseId], r.Passed, r.Score, r.Items?.Json }).ToList();
        using (var insertResults = Dialect.PrepareBatchInsert(session.Connection, session.WriteTransaction, Results))
        {
            insertResults.Execute(results, new bool[results.Count], default);
        }
        var passed = run.Results.Count(r => r.Passed);
        return new BenchRunImportResult(BenchRunStatus.Created, new BenchRunSummary(run.RunId, run.Results.Count, passed, newCases.Count), null);
    }

    /// <summary>
    /// A runner that starts sending inputs or categories fills the gaps; it never overwrites what a lead curated. History
    /// imported out of order: the case existed from the earliest run that included it.
    /// </summary>
    private void FillGaps(StoredCase stored, BenchResultRequest result, DateTime startedAt)
    {
        var fillsInput = stored.Input is null && result.Input is not null;
        var fillsCategory = stored.Category is null && result.Category is not null;
        var earlier = startedAt < stored.FirstSeenAt;
        if (!fillsInput && !fillsCategory && !earlier) return;
        using var fill = Command("""
            UPDATE "BenchCases" SET "Input" = COALESCE("Input", @in), "Category" = COALESCE("Category", @cat), "FirstSeenAt" = @first
            WHERE "Id" = @id
            """, ("@id", (int)stored.Id), ("@in", result.Input), ("@cat", result.Category),
            ("@first", Dialect.Timestamp(earlier ? startedAt : stored.FirstSeenAt)));
        fill.ExecuteNonQuery();
    }

    private sealed record StoredCase(long Id, string? Input, string? Category, DateTime FirstSeenAt);

    /// <summary>The project's cases among the run's, read with one statement per few thousand ids.</summary>
    private Dictionary<string, StoredCase> KnownCases(IReadOnlyList<BenchResultRequest> results)
    {
        var known = new Dictionary<string, StoredCase>(StringComparer.Ordinal);
        session.ForEachRowOfIds($"""
            SELECT c."ExternalId", c."Id", c."Input", c."Category", c."FirstSeenAt" FROM {Dialect.FromRowsAmongIds("BenchCases", "c", "@ids")}
            WHERE c."ProjectId" = @p AND {Dialect.AmongIds("c", "ExternalId", "@ids")}
            """, results.Select(r => r.CaseId), reader =>
            known[reader.GetString(0)] = new StoredCase(Convert.ToInt64(reader.GetValue(1)), reader.GetNullableString(2), reader.GetNullableString(3),
                Dialect.ReadTimestamp(reader, 4)));
        return known;
    }

    private (string Hash, int Cases, int Passed)? Existing(string runId)
    {
        using var command = Command("""
            SELECT r."ContentHash", (SELECT COUNT(*) FROM "BenchResults" x WHERE x."BenchRunId" = r."Id"),
                   (SELECT COUNT(*) FROM "BenchResults" x WHERE x."BenchRunId" = r."Id" AND x."Passed")
            FROM "BenchRuns" r WHERE r."ProjectId" = @p AND r."RunId" = @r
            """, ("@r", runId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetNullableString(0) ?? "", Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2))) : null;
    }

    private long? IdOf(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is { } id and not DBNull ? Convert.ToInt64(id) : null;
    }

    /// <summary>A one-off statement in the transaction, with the project as <c>@p</c>.</summary>
    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = session.Prepare(sql, ["@p", .. parameters.Select(p => p.Name)]);
        command.Set("@p", session.ProjectId);
        foreach (var (name, value) in parameters) command.Set(name, value);
        return command;
    }
}
