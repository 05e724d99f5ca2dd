namespace BenchDashboard.Infrastructure.Api;

/// <summary>
/// The problems found in one request, keyed by where they are ("line 17", "item 3", "runId"). Each message repeats
/// its location (<c>"line 17: timestamp: not a valid date"</c>, API.md) so it reads on its own in a log or a toast.
/// The first <see cref="MaxListed"/> are kept, each cut to <see cref="ErrorEcho.MaxMessage"/> characters; the rest are
/// only counted, so a file of a million bad lines cannot exhaust memory, and no request can make the answer more than a
/// few kilobytes (issue 12, finding 15). Fixing the first twenty usually fixes the rest: they tend to be the same mistake.
/// </summary>
public sealed class ValidationErrors
{
    public const int MaxListed = 20;
    private readonly Dictionary<string, List<string>> _byLocation = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public void Add(string location, string message)
    {
        Count++;
        if (Count > MaxListed) return;
        if (!_byLocation.TryGetValue(location, out var list)) _byLocation[location] = list = [];
        list.Add(ErrorEcho.Message($"{location}: {message}"));
    }

    /// <summary>The <c>errors</c> object of the problem details; one extra entry says how many were left out.</summary>
    public IDictionary<string, string[]> ToDictionary()
    {
        var result = _byLocation.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (Count > MaxListed) result["more"] = [$"and {Count - MaxListed:N0} more errors not listed; fix the ones above and send again."];
        return result;
    }

    /// <summary>Every listed message in the order found, for the Import page.</summary>
    public IReadOnlyList<string> Messages => _byLocation.Values.SelectMany(v => v).ToList();
}
