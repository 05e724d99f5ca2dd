namespace BenchDashboard.Benchmarks;

/// <summary>What every benchmark of one run shares: its options, its report, the bootstrap API key and the app build to start.</summary>
internal sealed record BenchContext(BenchOptions Options, Report Report, string ApiKey, string AppExecutable);
