namespace BenchDashboard.Tests.Components;

/// <summary>A wall clock that stands still at a given instant: "today" in a component test is a known day.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
