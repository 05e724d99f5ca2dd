using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using Microsoft.Data.Sqlite;
using static SQLitePCL.raw;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// Writes one bench run inside the caller's write transaction with prepared statements (as <see cref="EventSink{TRow}"/>
/// writes feedback): the run, its version and rubric when new, its cases (created, or gaps filled), one result per case.
/// The caller commits; a duplicate or a conflict writes nothing.
/// </summary>
internal sealed class BenchRunWriter : IDisposable
{
    /// <summary>How often the row loop looks at the request's cancellation (a client that hung up is rolled back).</summary>
    private const int CancellationCheckRows = 4096;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly int _projectId;
    private readonly SqliteCommand _insertCase, _fillCase, _insertResult;

    public BenchRunWriter(SqliteConnection connection, SqliteTransaction transaction, int projectId)
    {
        _connection = connection;
        _transaction = transaction;
        _projectId = projectId;
        _insertCase = SqliteCommands.Prepare(connection, transaction, """
            INSERT INTO BenchCases (ProjectId, ExternalId, Input, Category, Status, Source, CreatedAt, FirstSeenAt)
            VALUES ($p, $id, $in, $cat, $status, $source, $now, $first)
            """, "$p", "$id", "$in", "$cat", "$status", "$source", "$now", "$first");
        _fillCase = SqliteCommands.Prepare(connection, transaction,
            "UPDATE BenchCases SET Input = COALESCE(Input, $in), Category = COALESCE(Category, $cat), FirstSeenAt = $first WHERE Id = $id",
            "$in", "$cat", "$first", "$id");
        _insertResult = SqliteCommands.Prepare(connection, transaction,
            "INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed, Score) VALUES ($run, $case, $passed, $score)",
            "$run", "$case", "$passed", "$score");
    }

    public BenchRunImportResult Write(BenchRunRequest run, string hash, DateTime now, CancellationToken ct)
    {
        if (Existing(run.RunId) is { } existing)
        {
            return existing.Hash == hash
                ? new BenchRunImportResult(BenchRunStatus.Duplicate, new BenchRunSummary(run.RunId, existing.Cases, existing.Passed, 0) { Duplicate = true }, null)
                : new BenchRunImportResult(BenchRunStatus.Conflict, null, $"runId '{run.RunId}' already exists with different content");
        }

        var startedAt = Timestamps.ToStorage(run.StartedAt);
        var versionId = IdOf("SELECT Id FROM PipelineVersions WHERE ProjectId = $p AND Version = $v", ("$v", run.Version))
            ?? IdOf("INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt) VALUES ($p, $v, $t) RETURNING Id", ("$v", run.Version), ("$t", startedAt));
        long? rubricId = null;
        if (run.RubricVersion is { } number)
        {
            rubricId = IdOf("SELECT Id FROM RubricVersions WHERE ProjectId = $p AND Number = $n", ("$n", number))
                ?? IdOf("INSERT INTO RubricVersions (ProjectId, Number, Notes) VALUES ($p, $n, $notes) RETURNING Id",
                    ("$n", number), ("$notes", $"Named by bench run {run.RunId}; not yet approved."));
        }
        var runId = IdOf("""
            INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, RubricVersionId, StartedAt, ContentHash)
            VALUES ($p, $r, $v, $rubric, $t, $hash) RETURNING Id
            """, ("$r", run.RunId), ("$v", versionId), ("$rubric", rubricId), ("$t", startedAt), ("$hash", hash))!.Value;

        var known = KnownCases(run.Results);
        _insertCase.Set("$p", _projectId).Set("$status", nameof(BenchCaseStatus.Active)).Set("$source", nameof(BenchCaseSource.Imported))
            .Set("$now", Timestamps.ToStorage(now)).Set("$first", startedAt);
        _insertResult.Set("$run", runId);
        var newCases = 0;
        var passed = 0;
        var row = 0;
        foreach (var result in run.Results)
        {
            if (++row % CancellationCheckRows == 0) ct.ThrowIfCancellationRequested();
            long caseId;
            if (known.TryGetValue(result.CaseId, out var stored))
            {
                caseId = stored.Id;
                FillGaps(stored, result, run.StartedAt);
            }
            else
            {
                _insertCase.Set("$id", result.CaseId).Set("$in", result.Input).Set("$cat", result.Category).ExecuteNonQuery();
                // The new row's id straight from SQLite: a RETURNING clause costs a data reader per case.
                caseId = sqlite3_last_insert_rowid(_connection.Handle);
                newCases++;
            }
            _insertResult.Set("$case", caseId).Set("$passed", result.Passed).Set("$score", result.Score).ExecuteNonQuery();
            if (result.Passed) passed++;
        }
        return new BenchRunImportResult(BenchRunStatus.Created, new BenchRunSummary(run.RunId, run.Results.Count, passed, newCases), null);
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
        _fillCase.Set("$id", stored.Id).Set("$in", result.Input).Set("$cat", result.Category)
            .Set("$first", Timestamps.ToStorage(earlier ? startedAt : stored.FirstSeenAt)).ExecuteNonQuery();
    }

    private sealed record StoredCase(long Id, string? Input, string? Category, DateTime FirstSeenAt);

    /// <summary>The project's cases among the run's, read with one statement (the ids travel as one JSON array).</summary>
    private Dictionary<string, StoredCase> KnownCases(IReadOnlyList<BenchResultRequest> results)
    {
        using var command = Command("""
            SELECT Id, ExternalId, Input, Category, FirstSeenAt FROM BenchCases
            WHERE ProjectId = $p AND ExternalId IN (SELECT value FROM json_each($ids))
            """, ("$ids", JsonSerializer.Serialize(results.Select(r => r.CaseId))));
        using var reader = command.ExecuteReader();
        var known = new Dictionary<string, StoredCase>(StringComparer.Ordinal);
        while (reader.Read())
        {
            known[reader.GetString(1)] = new StoredCase(reader.GetInt64(0), reader.GetNullableString(2), reader.GetNullableString(3),
                DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc));
        }
        return known;
    }

    private (string Hash, int Cases, int Passed)? Existing(string runId)
    {
        using var command = Command("""
            SELECT r.ContentHash, (SELECT COUNT(*) FROM BenchResults x WHERE x.BenchRunId = r.Id),
                   (SELECT COUNT(*) FROM BenchResults x WHERE x.BenchRunId = r.Id AND x.Passed)
            FROM BenchRuns r WHERE r.ProjectId = $p AND r.RunId = $r
            """, ("$r", runId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetNullableString(0) ?? "", reader.GetInt32(1), reader.GetInt32(2)) : null;
    }

    private long? IdOf(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is { } id and not DBNull ? Convert.ToInt64(id) : null;
    }

    /// <summary>A one-off statement in the transaction, with the project as <c>$p</c>.</summary>
    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", _projectId);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public void Dispose()
    {
        _insertCase.Dispose();
        _fillCase.Dispose();
        _insertResult.Dispose();
    }
}
