namespace BenchDashboard.Features.Rubrics;

/// <summary>A sampling round counted in "what may be missing", with its page.</summary>
public sealed record SamplingRoundRef(int RoundId, string Period, DateTime WindowFrom, DateTime WindowTo);
