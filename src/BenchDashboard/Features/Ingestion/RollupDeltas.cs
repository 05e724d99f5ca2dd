using System.Globalization;
using BenchDashboard.Domain;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What one import adds to each day's <see cref="DailyRollup"/>. Rows are counted as they are inserted and the
/// totals are added to the rollups in the import's own transaction, so rollups and raw rows can never disagree,
/// not even after a crash.
/// </summary>
public sealed class RollupDeltas(int projectId)
{
    private readonly Dictionary<DateOnly, DailyRollup> _days = [];

    public bool IsEmpty => _days.Count == 0;

    public void AddTrace(DateTime timestamp) => Day(timestamp).Traces++;

    public void AddFeedback(DateTime timestamp, FeedbackKind kind, double? value)
    {
        var day = Day(timestamp);
        switch (kind)
        {
            case FeedbackKind.ThumbsUp: day.ThumbsUp++; break;
            case FeedbackKind.ThumbsDown: day.ThumbsDown++; break;
            case FeedbackKind.Csat:
                day.CsatCount++;
                day.CsatSum += value ?? 0;
                day.CsatSumOfSquares += (value ?? 0) * (value ?? 0);
                break;
            case FeedbackKind.Rewrite: day.Rewrites++; break;
            case FeedbackKind.Retry: day.Retries++; break;
            case FeedbackKind.Undo: day.Undos++; break;
            case FeedbackKind.FormatError: day.FormatErrors++; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private DailyRollup Day(DateTime timestamp)
    {
        var date = DateOnly.FromDateTime(timestamp);
        if (!_days.TryGetValue(date, out var day)) _days[date] = day = new DailyRollup { ProjectId = projectId, Date = date };
        return day;
    }

    /// <summary>Adds the totals to the stored rollups inside <paramref name="transaction"/>.</summary>
    public void ApplyTo(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (IsEmpty) return;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO DailyRollups (ProjectId, Date, Traces, ThumbsUp, ThumbsDown, CsatCount, CsatSum, CsatSumOfSquares,
                                      Rewrites, Retries, Undos, FormatErrors)
            VALUES ($p, $d, $traces, $up, $down, $csatN, $csatSum, $csatSq, $rewrites, $retries, $undos, $formatErrors)
            ON CONFLICT (ProjectId, Date) DO UPDATE SET
                Traces = Traces + excluded.Traces, ThumbsUp = ThumbsUp + excluded.ThumbsUp,
                ThumbsDown = ThumbsDown + excluded.ThumbsDown, CsatCount = CsatCount + excluded.CsatCount,
                CsatSum = CsatSum + excluded.CsatSum, CsatSumOfSquares = CsatSumOfSquares + excluded.CsatSumOfSquares,
                Rewrites = Rewrites + excluded.Rewrites, Retries = Retries + excluded.Retries,
                Undos = Undos + excluded.Undos, FormatErrors = FormatErrors + excluded.FormatErrors
            """;
        string[] names = ["$p", "$d", "$traces", "$up", "$down", "$csatN", "$csatSum", "$csatSq", "$rewrites", "$retries", "$undos", "$formatErrors"];
        var p = names.ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));
        command.Prepare();
        foreach (var day in _days.Values)
        {
            p["$p"].Value = day.ProjectId;
            p["$d"].Value = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p["$traces"].Value = day.Traces;
            p["$up"].Value = day.ThumbsUp;
            p["$down"].Value = day.ThumbsDown;
            p["$csatN"].Value = day.CsatCount;
            p["$csatSum"].Value = day.CsatSum;
            p["$csatSq"].Value = day.CsatSumOfSquares;
            p["$rewrites"].Value = day.Rewrites;
            p["$retries"].Value = day.Retries;
            p["$undos"].Value = day.Undos;
            p["$formatErrors"].Value = day.FormatErrors;
            command.ExecuteNonQuery();
        }
    }
}
