using System.Globalization;
using System.Text;
using BenchDashboard.Infrastructure;

namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// Writes audit events as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8), row by row as
/// they come, flushing every few hundred rows: a log of millions of events never sits in memory. Actor, subject and
/// payload are untrusted, so every cell passes <see cref="CsvFormulaGuard"/>. Written with async writes only, as
/// Kestrel's response body requires.
/// </summary>
public static class AuditLogCsv
{
    public static readonly IReadOnlyList<string> Columns = ["sequence", "at", "actor", "action", "subject", "payload", "hash"];

    private const int RowsPerFlush = 500;

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditLogRow> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 32 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Columns));
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line([
                row.Sequence.ToString(CultureInfo.InvariantCulture),
                row.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                row.Actor, row.Action, row.Subject ?? "", row.Payload ?? "", row.Hash,
            ]));
            if (++written % RowsPerFlush == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    private static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(c => Quote(CsvFormulaGuard.Defuse(c)))) + "\r\n";

    // Quoted only when needed; quotes inside are doubled (RFC 4180).
    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
