using System.Globalization;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// The command line: <c>ingest|trends|all [--events N] [--batch N] [--ingest-events N] [--trends-events N] [--dir PATH] [--keep]</c>.
/// <c>--events</c> sets the size of the one benchmark chosen; with <c>all</c> use the two specific options.
/// </summary>
internal sealed record BenchOptions(string Command, int IngestEvents, int BatchSize, int TrendsEvents, string WorkDirectory, bool KeepFiles)
{
    public const int DefaultIngestEvents = 1_000_000;
    public const int DefaultBatchSize = 5_000;
    public const int DefaultTrendsEvents = 10_000_000;

    public bool RunsIngest => Command is "ingest" or "all";
    public bool RunsTrends => Command is "trends" or "all";

    public const string Usage = """
        usage: BenchDashboard.Benchmarks ingest|trends|all [options]
          --events N          events for the chosen benchmark (ingest: 1,000,000; trends: 10,000,000)
          --batch N           events per NDJSON request and per raw transaction (ingest; default 5,000)
          --ingest-events N   events for ingest (with all)
          --trends-events N   events for trends (with all)
          --dir PATH          where the temporary databases go (default: a new folder under the system temp folder)
          --keep              keep the databases afterwards
        """;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("ingest" or "trends" or "all")) throw new ArgumentException(Usage);
        var command = args[0];
        int? events = null, ingestEvents = null, trendsEvents = null;
        var batch = DefaultBatchSize;
        string? dir = null;
        var keep = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--events": events = PositiveInt(args, ref i); break;
                case "--batch": batch = PositiveInt(args, ref i); break;
                case "--ingest-events": ingestEvents = PositiveInt(args, ref i); break;
                case "--trends-events": trendsEvents = PositiveInt(args, ref i); break;
                case "--dir": dir = Value(args, ref i); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }
        if (events is not null && command == "all") throw new ArgumentException($"With 'all' use --ingest-events and --trends-events.\n{Usage}");
        var workDirectory = Path.GetFullPath(dir ?? Path.Combine(Path.GetTempPath(), $"benchdashboard-bench-{Guid.NewGuid():N}"));
        return new BenchOptions(command,
            IngestEvents: (command == "ingest" ? events : null) ?? ingestEvents ?? DefaultIngestEvents,
            BatchSize: batch,
            TrendsEvents: (command == "trends" ? events : null) ?? trendsEvents ?? DefaultTrendsEvents,
            WorkDirectory: workDirectory,
            KeepFiles: keep);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.\n{Usage}");

    private static int PositiveInt(string[] args, ref int i)
    {
        var text = Value(args, ref i).Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a positive whole number, not '{args[i]}'.");
    }
}
