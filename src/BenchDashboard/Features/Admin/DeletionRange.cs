using System.Globalization;

namespace BenchDashboard.Features.Admin;

/// <summary>
/// The days of a project's data an admin deletes: from the start of <see cref="From"/> (UTC) up to, not including,
/// <see cref="To"/>; without <see cref="To"/>, everything from <see cref="From"/> on, which is how rows stored far in the
/// future (before such times were refused) are reached. Deliberately not limited to the accepted days: bad data lies
/// outside them.
/// </summary>
public sealed record DeletionRange(DateOnly From, DateOnly? To)
{
    /// <summary>Why the range cannot be deleted, or null.</summary>
    public string? Problem => To is { } to && to <= From ? $"to ({Text(to)}) must be after from ({Text(From)})" : null;

    /// <summary>The lower bound as stored text compares: a day sorts before every time of that day.</summary>
    internal string FromText => Text(From);

    /// <summary>The upper bound, exclusive; null for none.</summary>
    internal string? ToText => To is { } to ? Text(to) : null;

    public string Describe() => To is { } to ? $"from {Text(From)} up to (not including) {Text(to)}" : $"from {Text(From)} on, including any future dates";

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
