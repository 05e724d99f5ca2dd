namespace BenchDashboard.Domain;

/// <summary>
/// The one rule for "negative feedback" on a trace: a thumbs-down, a rewrite, a retry, or a CSAT of 2 or less. Sampling
/// weights its candidates by it (in SQL, through <see cref="SqlCondition"/>) and the round export counts it (in C#,
/// through <see cref="Is"/>); both come from the lists below, so they cannot drift apart.
/// </summary>
/// <remarks>Undo and format errors are not in it: they say the answer was inconvenient, not that it was wrong.</remarks>
public static class NegativeFeedback
{
    /// <summary>Kinds that are negative whatever their value.</summary>
    public static readonly IReadOnlyList<FeedbackKind> Kinds = [FeedbackKind.ThumbsDown, FeedbackKind.Rewrite, FeedbackKind.Retry];

    /// <summary>A CSAT score at or below this is negative (1 and 2 on the 1–5 scale).</summary>
    public const double MaxNegativeCsat = 2;

    public static bool Is(FeedbackKind kind, double? value) =>
        Kinds.Contains(kind) || kind == FeedbackKind.Csat && value <= MaxNegativeCsat;

    /// <summary>
    /// The same rule as an SQL condition over a <c>FeedbackEvents</c> row named <paramref name="alias"/> (kinds are stored
    /// by their enum names; identifiers quoted, so PostgreSQL reads them as SQLite does). Built from constants only, never from input, so it may be spliced into a query.
    /// </summary>
    public static string SqlCondition(string alias)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(alias, "^[A-Za-z_][A-Za-z0-9_]*$"))
            throw new ArgumentException("An SQL alias is a plain identifier.", nameof(alias));
        var kinds = string.Join(", ", Kinds.Select(k => $"'{k}'"));
        var csat = MaxNegativeCsat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"({alias}.\"Kind\" IN ({kinds}) OR ({alias}.\"Kind\" = '{FeedbackKind.Csat}' AND {alias}.\"Value\" <= {csat}))";
    }
}
