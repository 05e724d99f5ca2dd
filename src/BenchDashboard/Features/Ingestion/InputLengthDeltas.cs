using BenchDashboard.Data;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What one trace import adds to <see cref="DailyInputLength"/>: traces counted per day, category and length bin as they
/// are inserted, added to the stored counts in the import's own transaction (as <see cref="RollupDeltas"/> does), so
/// the histograms and the raw traces cannot disagree.
/// </summary>
public sealed class InputLengthDeltas(int projectId)
{
    private readonly Dictionary<(DateOnly Date, string Category, int MinLength), long> _counts = [];

    public void AddTrace(DateTime timestamp, string? category, string input)
    {
        var key = (DateOnly.FromDateTime(timestamp), category ?? DailyRollup.NoCategory, InputLengthBins.StartOf(InputLengthBins.LengthOf(input)));
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Added, not replaced: other imports counted the same bins before. One batch upsert per request.</summary>
    internal static readonly BatchInsertSpec Upsert = new("DailyInputLengths",
    [
        new("ProjectId", typeof(int)), new("Date", typeof(DateOnly)), new("Category", typeof(string)), new("MinLength", typeof(int)),
        new("Traces", typeof(long)),
    ], new OnConflict(["ProjectId", "Date", "Category", "MinLength"], ["Traces"]));

    /// <summary>Adds the counts to the stored histograms inside the import's transaction.</summary>
    internal void ApplyTo(ImportSession session)
    {
        if (_counts.Count == 0) return;
        var rows = _counts.Select(count => new object?[] { projectId, count.Key.Date, count.Key.Category, count.Key.MinLength, count.Value }).ToList();
        using var upsert = session.Dialect.PrepareBatchInsert(session.Connection, session.WriteTransaction, Upsert);
        upsert.Execute(rows, new bool[rows.Count], default);
        _counts.Clear();
    }
}
