namespace BenchDashboard.Features.Bench.Cases;

/// <summary>
/// The bench on a day (<see cref="BenchCaseLife"/>): how many cases it held, by source and by category (largest first),
/// and how many cases joined and left it over a range of days ending then.
/// </summary>
public sealed record BenchComposition(int Cases, IReadOnlyList<(string Label, int Count)> BySource, IReadOnlyList<(string Label, int Count)> ByCategory,
    int Added, int Retired);
