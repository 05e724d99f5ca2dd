namespace BenchDashboard.Features.Circuits;

/// <summary>
/// Per circuit (scoped): whether <see cref="CircuitLimitHandler"/> refused it. A refused circuit renders only
/// <see cref="CircuitRefusedNotice"/>, so it holds no page data; prerendered HTML (no circuit yet) is never refused.
/// </summary>
public sealed class CircuitAdmission
{
    public bool Refused { get; private set; }

    /// <summary>The bound that was reached, for the notice.</summary>
    public int Bound { get; private set; }

    internal void Refuse(int bound)
    {
        Refused = true;
        Bound = bound;
    }
}
