using System.Threading.Channels;
using BenchDashboard.Data;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Ingestion;

public enum RowOutcome { Inserted, Duplicate, Updated, Unchanged, Conflict }

/// <summary>How an import should run: for real, or as a dry run that stores nothing and previews the first rows.</summary>
public sealed record ImportOptions(bool DryRun = false, int PreviewRows = 0)
{
    public static readonly ImportOptions Store = new();
}

/// <summary>The first rows of an upload as text cells, for the Import page's dry-run preview.</summary>
public sealed record ImportPreview(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What an import found and did. Nothing was stored unless <see cref="Stored"/> is true.</summary>
public sealed class ImportOutcome
{
    public int Rows { get; set; }
    public int Accepted { get; set; }
    public int Duplicates { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public ValidationErrors Errors { get; init; } = new();
    /// <summary>Ids sent again with different content (409).</summary>
    public ValidationErrors Conflicts { get; init; } = new();
    public ImportPreview? Preview { get; set; }
    public bool Stored { get; set; }
}

/// <summary>What became of one row: its outcome and, for a conflict, the first field that differs.</summary>
public readonly record struct RowResult(RowOutcome Outcome, string? Difference = null);

/// <summary>
/// Writes one kind of row inside an import's transaction, a batch at a time (one round trip per batch on a server
/// database). <see cref="Check"/> only looks (dry runs); <see cref="Store"/> inserts, or recognises duplicates and
/// conflicts.
/// </summary>
public interface IRowSink<TRow>
{
    /// <summary>The API field that identifies a row, for messages ("eventId").</summary>
    string IdField { get; }
    string IdOf(TRow row);
    IReadOnlyList<string> PreviewColumns { get; }
    IReadOnlyList<string> PreviewCells(TRow row);
    RowResult[] Check(IReadOnlyList<TRow> rows);
    RowResult[] Store(IReadOnlyList<TRow> rows);
    /// <summary>Called once, after every row was stored and before commit (rollups).</summary>
    void Complete();
    /// <summary>The project the rows are written to.</summary>
    int ProjectId { get; }

    /// <summary>
    /// True when <see cref="Store"/> only inserts rows whose unique keys guard them (a row another writer is inserting
    /// is waited for, then a duplicate) and everything read from what other writers add is read in
    /// <see cref="Complete"/>: then the import takes the project's turn just before <see cref="Complete"/>, and imports
    /// into one project insert side by side (several instances on PostgreSQL; SQLite has one writer anyway).
    /// </summary>
    bool DefersProjectTurn => false;
}

/// <summary>
/// Runs an import all-or-nothing: every row is validated, and rows are written in one transaction that
/// commits only if the whole request is clean. A crash, a cancelled request, a bad line or a conflicting id anywhere
/// rolls everything back, so no caller ever sees half a batch stored.
/// Parsing and writing overlap: one task reads and validates the body while the caller's thread writes the rows it
/// has already checked (a project has one writer at a time, but parsing needs none), handed over in batches.
/// </summary>
public static class ImportEngine
{
    internal static async Task<ImportOutcome> RunAsync<TRow>(
        IDbContextFactory<AppDbContext> dbFactory,
        int projectId,
        Func<ImportSession, IRowSink<TRow>> createSink,
        Func<ValidationErrors, IAsyncEnumerable<ParsedRow<TRow>>> readRows,
        ImportOptions options,
        CancellationToken ct)
        where TRow : class
    {
        var outcome = new ImportOutcome();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Opened through EF so the connection gets what EF sets on every connection it opens (and its interceptors).
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dialect = SqlDialect.Of(connection);
        // A real import takes the project's write turn up front, or just before it completes when its sink allows that;
        // a dry run only reads.
        await using var transaction = options.DryRun ? null : await dialect.BeginWriteAsync(connection, ct);
        var sink = createSink(new ImportSession(connection, transaction, dialect, projectId));
        using var sinkResources = sink as IDisposable;
        if (transaction is not null && !sink.DefersProjectTurn) await dialect.TakeProjectTurnAsync(connection, transaction, projectId, ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var validated = Channel.CreateBounded<List<ParsedRow<TRow>>>(
            new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var parsing = Task.Run(() => ValidateAsync(readRows, sink, options, outcome, dialect.RowsPerBatch, validated.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in validated.Reader.ReadAllAsync(ct))
            {
                // Once the request is known to fail, the parser goes on checking, but nothing more is written.
                if (outcome.Conflicts.Any && !options.DryRun) continue;
                Write(sink, options, outcome, batch);
            }
        }
        finally
        {
            // On any failure here the parser must not wait forever for room in the channel.
            stop.Cancel();
            try { await parsing; } catch (OperationCanceledException) when (!ct.IsCancellationRequested) { /* stopped above */ }
        }

        if (transaction is null) return outcome;
        if (outcome.Errors.Any || outcome.Conflicts.Any)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return outcome;
        }
        if (sink.DefersProjectTurn) await dialect.TakeProjectTurnAsync(connection, transaction, projectId, ct);
        sink.Complete();
        // Signals computed before this import are stale once it commits; a resend of known rows changes nothing.
        if (outcome.Accepted + outcome.Updated > 0) ProjectDataVersion.Bump(connection, transaction, projectId);
        await transaction.CommitAsync(ct);
        outcome.Stored = true;
        return outcome;
    }

    /// <summary>
    /// Reads and checks every row, refuses ids sent twice, keeps the preview, and hands valid rows to the writer
    /// until the first error (after which there is nothing worth writing). Only this task touches
    /// <see cref="ImportOutcome.Errors"/>, <see cref="ImportOutcome.Rows"/> and the preview until it ends.
    /// </summary>
    private static async Task ValidateAsync<TRow>(Func<ValidationErrors, IAsyncEnumerable<ParsedRow<TRow>>> readRows, IRowSink<TRow> sink,
        ImportOptions options, ImportOutcome outcome, int rowsPerBatch, ChannelWriter<List<ParsedRow<TRow>>> writer, CancellationToken ct)
        where TRow : class
    {
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var preview = new List<IReadOnlyList<string>>();
            var batch = new List<ParsedRow<TRow>>(rowsPerBatch);
            await foreach (var parsed in readRows(outcome.Errors).WithCancellation(ct))
            {
                if (parsed.Row is not { } row) continue;
                outcome.Rows++;
                var id = sink.IdOf(row);
                if (!seen.Add(id))
                {
                    outcome.Errors.Add(parsed.Location, $"{sink.IdField}: '{id}' appears more than once in this request");
                    continue;
                }
                if (preview.Count < options.PreviewRows) preview.Add(sink.PreviewCells(row));
                if (outcome.Errors.Any) continue;
                batch.Add(parsed);
                if (batch.Count == rowsPerBatch)
                {
                    await writer.WriteAsync(batch, ct);
                    batch = new List<ParsedRow<TRow>>(rowsPerBatch);
                }
            }
            if (batch.Count > 0 && !outcome.Errors.Any) await writer.WriteAsync(batch, ct);
            if (options.PreviewRows > 0) outcome.Preview = new ImportPreview(sink.PreviewColumns, preview);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
            throw;
        }
    }

    private static void Write<TRow>(IRowSink<TRow> sink, ImportOptions options, ImportOutcome outcome, List<ParsedRow<TRow>> batch)
        where TRow : class
    {
        var rows = batch.ConvertAll(parsed => parsed.Row!);
        var results = options.DryRun ? sink.Check(rows) : sink.Store(rows);
        for (var i = 0; i < results.Length; i++)
        {
            switch (results[i].Outcome)
            {
                case RowOutcome.Inserted: outcome.Accepted++; break;
                case RowOutcome.Duplicate: outcome.Duplicates++; break;
                case RowOutcome.Updated: outcome.Updated++; break;
                case RowOutcome.Unchanged: outcome.Unchanged++; break;
                case RowOutcome.Conflict:
                    outcome.Conflicts.Add(batch[i].Location,
                        $"{sink.IdField} '{sink.IdOf(rows[i])}' already exists with different content ({results[i].Difference})");
                    break;
            }
        }
    }
}

/// <summary>A parsed row and where it came from; <see cref="Row"/> is null when the item was invalid (errors recorded).</summary>
public readonly record struct ParsedRow<TRow>(string Location, TRow? Row) where TRow : class;
