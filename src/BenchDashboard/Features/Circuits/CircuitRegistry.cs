namespace BenchDashboard.Features.Circuits;

/// <summary>
/// The live circuits (dashboard tabs) of each signed-in user: connected ones and dropped ones the server still keeps for
/// a reconnect. A circuit holds its pages' state in the server's memory, so one account opening tab after tab grows the
/// process; <see cref="TryOpen"/> refuses a circuit beyond the bound, and <see cref="Close"/> gives the place back when
/// Blazor releases the circuit (the tab closed, or its connection dropped and the retention period ran out).
/// </summary>
public sealed class CircuitRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _userOf = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="circuitId"/> for <paramref name="userId"/> unless the user already holds <paramref name="bound"/> circuits.</summary>
    public bool TryOpen(string userId, string circuitId, int bound)
    {
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var circuits)) _byUser[userId] = circuits = [];
            if (circuits.Count >= bound) return false;
            circuits.Add(circuitId);
            _userOf[circuitId] = userId;
            return true;
        }
    }

    /// <summary>Releases the place of a circuit; a circuit that was refused (never counted) is ignored.</summary>
    public void Close(string circuitId)
    {
        lock (_gate)
        {
            if (!_userOf.Remove(circuitId, out var userId)) return;
            var circuits = _byUser[userId];
            circuits.Remove(circuitId);
            if (circuits.Count == 0) _byUser.Remove(userId);
        }
    }

    public int CountOf(string userId)
    {
        lock (_gate) return _byUser.TryGetValue(userId, out var circuits) ? circuits.Count : 0;
    }

    public int Total
    {
        get { lock (_gate) return _userOf.Count; }
    }
}
