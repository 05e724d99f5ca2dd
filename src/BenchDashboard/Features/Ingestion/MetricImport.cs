using System.Globalization;
using System.Runtime.CompilerServices;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;
using CsvHelper;
using CsvHelper.Configuration;
using System.Data.Common;
using BenchDashboard.Data;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A daily aggregate for teams that send rates rather than events (API.md, "POST …/metrics").</summary>
public sealed record MetricRow(DateOnly Date, string Metric, double Value, int N)
{
    public static readonly IReadOnlyList<string> Metrics = TrendMetrics.UserExperience;

    public string Key => $"{Date:yyyy-MM-dd} {Metric}";

    public static MetricRow? Parse(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var date = f.Date("date", required: true);
        var metric = MetricName(f, f.Id("metric", required: true, 32));
        var (min, max) = Range(metric);
        var value = f.Number("value", required: true, min, max);
        var n = f.Integer("n", required: true, min: 1);
        return date is null || metric is null || value is null || n is null ? null : new MetricRow(date.Value, metric, value.Value, n.Value);
    }

    private static string? MetricName(FieldReader f, string? metric)
    {
        if (metric is null || Metrics.Contains(metric)) return metric;
        f.Error("metric", $"'{ErrorEcho.Quote(metric)}' is not one of {string.Join(", ", Metrics)}");
        return null;
    }

    /// <summary>Rates are shares (0–1); CSAT is a mean score on the 1–5 scale.</summary>
    private static (double Min, double Max) Range(string? metric) => metric == TrendMetrics.Csat ? (1, 5) : (0, 1);

    /// <summary>Reads <c>text/csv</c> with the header <c>date,metric,value,n</c>; each bad cell is named by line and column.</summary>
    public static async IAsyncEnumerable<ParsedRow<MetricRow>> ReadCsvAsync(Stream body, ValidationErrors errors,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(body, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(text, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            errors.Add("line 1", "the CSV is empty; expected the header date,metric,value,n");
            yield break;
        }
        var header = csv.HeaderRecord?.Select(h => h.Trim().ToLowerInvariant()).ToArray() ?? [];
        if (!header.SequenceEqual(["date", "metric", "value", "n"]))
        {
            errors.Add("line 1", $"the header is '{ErrorEcho.Quote(string.Join(",", csv.HeaderRecord ?? []))}'; expected date,metric,value,n");
            yield break;
        }
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var location = $"line {csv.Parser.RawRow}";
            var cells = csv.Parser.Record ?? [];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (cells.Length != 4)
            {
                errors.Add(location, $"has {cells.Length} fields; expected 4 (date,metric,value,n)");
                continue;
            }
            yield return new ParsedRow<MetricRow>(location, ParseCells(cells, location, errors));
        }
    }

    private static MetricRow? ParseCells(string[] cells, string location, ValidationErrors errors)
    {
        var ok = true;
        if (!Dates.TryParse(cells[0], DateTime.UtcNow, out var date, out var problem))
        {
            errors.Add(location, $"date: {problem}");
            ok = false;
        }
        var metric = cells[1];
        if (!Metrics.Contains(metric))
        {
            errors.Add(location, $"metric: '{ErrorEcho.Quote(metric)}' is not one of {string.Join(", ", Metrics)}");
            ok = false;
        }
        var (min, max) = Range(metric);
        if (!double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(location, $"value: '{ErrorEcho.Quote(cells[2])}' is not a number");
            ok = false;
        }
        else if (value < min || value > max)
        {
            errors.Add(location, $"value: must be between {min} and {max}, got {value.ToString(CultureInfo.InvariantCulture)}");
            ok = false;
        }
        if (!int.TryParse(cells[3], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            errors.Add(location, $"n: '{ErrorEcho.Quote(cells[3])}' is not a whole number of at least 1");
            ok = false;
        }
        return ok ? new MetricRow(date, metric, value, n) : null;
    }

}

/// <summary>
/// Daily aggregates are the one kind of data that updates: the same date and metric replaces the value. A request holds
/// at most a few hundred of them, so each is looked up and written on its own.
/// </summary>
internal sealed class MetricSink : IRowSink<MetricRow>, IDisposable
{
    private readonly ImportSession _session;
    private readonly DbCommand? _upsert;
    private readonly DbCommand _existing;

    public MetricSink(ImportSession session)
    {
        _session = session;
        if (session.Transaction is not null)
        {
            _upsert = session.Prepare("""
                INSERT INTO "DailyMetrics" ("ProjectId", "Date", "Metric", "Value", "N") VALUES (@p, @d, @m, @v, @n)
                ON CONFLICT ("ProjectId", "Metric", "Date") DO UPDATE SET "Value" = excluded."Value", "N" = excluded."N"
                """, "@p", "@d", "@m", "@v", "@n");
        }
        _existing = session.Prepare(
            """SELECT "Value", "N" FROM "DailyMetrics" WHERE "ProjectId" = @p AND "Metric" = @m AND "Date" = @d""", "@p", "@m", "@d");
    }

    public int ProjectId => _session.ProjectId;

    public string IdField => "date and metric";

    public string IdOf(MetricRow row) => row.Key;

    public IReadOnlyList<string> PreviewColumns { get; } = ["date", "metric", "value", "n"];

    public IReadOnlyList<string> PreviewCells(MetricRow row) =>
        [row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Metric, row.Value.ToString(CultureInfo.InvariantCulture), row.N.ToString(CultureInfo.InvariantCulture)];

    public RowResult[] Check(IReadOnlyList<MetricRow> rows) => rows.Select(row => new RowResult(Compare(row))).ToArray();

    public RowResult[] Store(IReadOnlyList<MetricRow> rows)
    {
        var upsert = _upsert ?? throw new InvalidOperationException("A dry run stores nothing.");
        return rows.Select(row =>
        {
            var outcome = Compare(row);
            if (outcome != RowOutcome.Unchanged)
            {
                upsert.Set("@p", ProjectId).Set("@d", row.Date).Set("@m", row.Metric).Set("@v", row.Value).Set("@n", row.N).ExecuteNonQuery();
            }
            return new RowResult(outcome);
        }).ToArray();
    }

    private RowOutcome Compare(MetricRow row)
    {
        using var reader = _existing.Set("@p", ProjectId).Set("@m", row.Metric).Set("@d", row.Date).ExecuteReader();
        if (!reader.Read()) return RowOutcome.Inserted;
        return reader.GetDouble(0) == row.Value && Convert.ToInt32(reader.GetValue(1)) == row.N ? RowOutcome.Unchanged : RowOutcome.Updated;
    }

    public void Complete() { }

    public void Dispose()
    {
        _upsert?.Dispose();
        _existing.Dispose();
    }
}
