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

    /// <summary>Adds the counts to the stored histograms inside the import's transaction.</summary>
    internal void ApplyTo(ImportSession session)
    {
        if (_counts.Count == 0) return;
        using var upsert = session.Prepare("""
            INSERT INTO "DailyInputLengths" ("ProjectId", "Date", "Category", "MinLength", "Traces") VALUES (@p, @d, @c, @min, @n)
            ON CONFLICT ("ProjectId", "Date", "Category", "MinLength") DO UPDATE SET "Traces" = "DailyInputLengths"."Traces" + excluded."Traces"
            """, "@p", "@d", "@c", "@min", "@n");
        foreach (var ((date, category, minLength), traces) in _counts)
        {
            upsert.Set("@p", projectId).Set("@d", date).Set("@c", category).Set("@min", minLength).Set("@n", traces).ExecuteNonQuery();
        }
        _counts.Clear();
    }
}
