using System.Globalization;

namespace BenchDashboard.Benchmarks;

/// <summary>How the ingest benchmark orders its events in time.</summary>
internal enum EventOrder
{
    /// <summary>Oldest first, as a production system sends feedback: a batch touches one or two days' rollups.</summary>
    Time,
    /// <summary>Shuffled over the 270 days: every batch touches every day's rollup (the worst case for the rollup upserts).</summary>
    Random,
}

/// <summary>The database the app under test runs on (issue 13).</summary>
internal enum BenchProvider
{
    /// <summary>An embedded SQLite file per measurement (the default, as before).</summary>
    Sqlite,
    /// <summary>A throwaway PostgreSQL 15 cluster this program starts; a database per measurement, copied from a template.</summary>
    Postgres,
}

/// <summary>
/// The command line: <c>ingest|trends|signals|workbench|benchruns|benchpages|readers|reports|circuits|instances|all [--events N] [--batch N] [--order time|random] [--repeat N] [--ingest-events N]
/// [--trends-events N] [--passes N] [--pause MS] [--app-env NAME=VALUE]… [--dir PATH] [--keep] [--provider sqlite|postgres] [--pg-port N] [--pg-setting NAME=VALUE]… [--pg-connection S]</c>. <c>--events</c> sets the size of the one benchmark chosen; with
/// <c>all</c> use the two specific options.
/// </summary>
internal sealed record BenchOptions(
    string Command, int IngestEvents, int BatchSize, EventOrder Order, int Repetitions, int TrendsEvents, int WorkbenchPasses, int WorkbenchPauseMs,
    IReadOnlyList<(string Name, string Value)> AppEnvironment, string WorkDirectory, bool KeepFiles)
{
    /// <summary>Results in the bench-run import's run (issue 12: the probe's 100,000); <c>--events</c> with <c>benchruns</c>.</summary>
    public int BenchRunResults { get; init; } = DefaultBenchRunResults;

    /// <summary><c>--provider</c>: the app's database (default SQLite, exactly as before issue 13).</summary>
    public BenchProvider Provider { get; init; } = BenchProvider.Sqlite;

    /// <summary><c>--pg-port</c>: the port of the benchmark's own PostgreSQL cluster (null: a free one).</summary>
    public int? PostgresPort { get; init; }

    /// <summary><c>--pg-setting name=value</c>: extra postgresql.conf lines for experiments (durability, memory).</summary>
    public IReadOnlyList<(string Name, string Value)> PostgresSettings { get; init; } = [];

    /// <summary><c>--pg-connection "Key=Value;…"</c>: Npgsql settings appended to the app's connection string, for experiments.</summary>
    public string PostgresConnectionOptions { get; init; } = "";

    public bool IsPostgres => Provider == BenchProvider.Postgres;

    public const int DefaultBenchRunResults = 100_000;
    public const int DefaultIngestEvents = 1_000_000;
    public const int DefaultBatchSize = 5_000;
    public const int DefaultRepetitions = 3;
    public const int DefaultTrendsEvents = 10_000_000;
    public const int DefaultWorkbenchPasses = 3;

    public bool RunsIngest => Command is "ingest" or "all";
    public bool RunsTrends => Command is "trends" or "all";
    public bool RunsSignals => (Command is "signals" or "all") && !IsPostgres;
    public bool RunsWorkbench => (Command is "workbench" or "all") && !IsPostgres;
    public bool RunsBenchRuns => (Command is "benchruns" or "all") && !IsPostgres;
    /// <summary>Issue 14: the Bench and upgrade audit pages on a bench of 2,000 cases and 500 runs.</summary>
    public bool RunsBenchPages => (Command is "benchpages" or "all") && !IsPostgres;
    public bool RunsReaders => (Command is "readers" or "all") && !IsPostgres;
    /// <summary>Issue 16: a quarter's audit report of the demo project.</summary>
    public bool RunsReports => (Command is "reports" or "all") && !IsPostgres;
    public bool RunsCircuits => (Command is "circuits" or "all") && !IsPostgres;
    /// <summary>PostgreSQL only: two app instances on one database against one (issue 13).</summary>
    public bool RunsInstances => Command == "instances" || (IsPostgres && Command == "all");

    /// <summary>What runs on PostgreSQL so far; the other benchmarks stay SQLite-only.</summary>
    private static readonly string[] PostgresCommands = ["ingest", "trends", "instances", "all"];

    public const string Usage = """
        usage: BenchDashboard.Benchmarks ingest|trends|signals|workbench|benchruns|benchpages|readers|reports|circuits|instances|all [options]
          --events N            events for the chosen benchmark (ingest, instances: 1,000,000; trends, signals and readers: 10,000,000;
                                benchruns: results in the run and feedback events beside it, 100,000)
          --batch N             events per NDJSON request and per raw transaction (ingest; default 5,000)
          --order time|random   ingest events oldest first (default) or shuffled over the 270 days
          --repeat N            ingest: API and raw runs, alternating, each on fresh copies (default 3; figures are medians)
          --ingest-events N     events for ingest (with all)
          --trends-events N     events for trends and signals (with all)
          --passes N            workbench: timed passes through the 100-trace round, each on a fresh page load (default 3)
          --pause MS            workbench: wait MS after each trace appears before the next key, as a reader would (default 0: at once)
          --app-env NAME=VALUE  an extra environment variable for the app process, for experiments (repeatable)
          --dir PATH            where the temporary databases go (default: a new folder under the system temp folder)
          --keep                keep the databases afterwards
          --provider sqlite|postgres
                                the app's database (default sqlite); postgres starts a throwaway PostgreSQL 15 cluster and runs
                                ingest, trends and instances (two app instances on one database; postgres only); all = those three
          --pg-port N           port of that cluster (default: a free port)
          --pg-setting NAME=VALUE
                                an extra postgresql.conf setting for the cluster, for experiments (repeatable)
          --pg-connection "KEY=VALUE;…"
                                Npgsql settings appended to the app's connection string, for experiments (e.g. "Max Auto Prepare=20")
        """;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("ingest" or "trends" or "signals" or "workbench" or "benchruns" or "benchpages" or "readers" or "reports" or "circuits" or "instances" or "all")) throw new ArgumentException(Usage);
        var command = args[0];
        int? events = null, ingestEvents = null, trendsEvents = null;
        var batch = DefaultBatchSize;
        var order = EventOrder.Time;
        var repetitions = DefaultRepetitions;
        var passes = DefaultWorkbenchPasses;
        var pauseMs = 0;
        var environment = new List<(string, string)>();
        string? dir = null;
        var keep = false;
        var provider = BenchProvider.Sqlite;
        int? pgPort = null;
        var pgSettings = new List<(string, string)>();
        var pgConnection = "";
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--events": events = PositiveInt(args, ref i); break;
                case "--batch": batch = PositiveInt(args, ref i); break;
                case "--order":
                    order = Value(args, ref i) switch
                    {
                        "time" => EventOrder.Time,
                        "random" => EventOrder.Random,
                        var other => throw new ArgumentException($"--order is time or random, not '{other}'."),
                    };
                    break;
                case "--repeat": repetitions = PositiveInt(args, ref i); break;
                case "--ingest-events": ingestEvents = PositiveInt(args, ref i); break;
                case "--trends-events": trendsEvents = PositiveInt(args, ref i); break;
                case "--passes": passes = PositiveInt(args, ref i); break;
                case "--pause": pauseMs = PositiveInt(args, ref i); break;
                case "--app-env":
                    var pair = Value(args, ref i).Split('=', 2);
                    if (pair.Length != 2 || pair[0].Length == 0) throw new ArgumentException($"--app-env needs NAME=VALUE, not '{args[i]}'.");
                    environment.Add((pair[0], pair[1]));
                    break;
                case "--dir": dir = Value(args, ref i); break;
                case "--keep": keep = true; break;
                case "--provider":
                    provider = Value(args, ref i) switch
                    {
                        "sqlite" => BenchProvider.Sqlite,
                        "postgres" => BenchProvider.Postgres,
                        var other => throw new ArgumentException($"--provider is sqlite or postgres, not '{other}'."),
                    };
                    break;
                case "--pg-port": pgPort = PositiveInt(args, ref i); break;
                case "--pg-connection": pgConnection = Value(args, ref i); break;
                case "--pg-setting":
                    var setting = Value(args, ref i).Split('=', 2);
                    if (setting.Length != 2 || setting[0].Length == 0) throw new ArgumentException($"--pg-setting needs NAME=VALUE, not '{args[i]}'.");
                    pgSettings.Add((setting[0], setting[1]));
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }
        if (events is not null && command == "all") throw new ArgumentException($"With 'all' use --ingest-events and --trends-events.\n{Usage}");
        if (events is not null && command == "circuits") throw new ArgumentException($"The circuits benchmark runs on the demo data; --events does not apply.\n{Usage}");
        if (events is not null && command == "workbench") throw new ArgumentException($"The workbench benchmark has a fixed size (100 traces); --events does not apply.\n{Usage}");
        if (events is not null && command == "benchpages") throw new ArgumentException($"The benchpages benchmark has a fixed size (issue 14: 2,000 cases, 500 runs); --events does not apply.\n{Usage}");
        if (provider == BenchProvider.Postgres && !PostgresCommands.Contains(command))
            throw new ArgumentException($"With --provider postgres the benchmarks are {string.Join(", ", PostgresCommands)}; '{command}' runs on SQLite only.\n{Usage}");
        if (provider == BenchProvider.Sqlite && command == "instances")
            throw new ArgumentException($"'instances' (two app instances on one database) needs --provider postgres.\n{Usage}");
        var workDirectory = Path.GetFullPath(dir ?? Path.Combine(Path.GetTempPath(), $"benchdashboard-bench-{Guid.NewGuid():N}"));
        return new BenchOptions(command,
            IngestEvents: (command is "ingest" or "instances" ? events : null) ?? ingestEvents ?? DefaultIngestEvents,
            BatchSize: batch,
            Order: order,
            Repetitions: repetitions,
            TrendsEvents: (command is "trends" or "signals" or "readers" ? events : null) ?? trendsEvents ?? DefaultTrendsEvents,
            WorkbenchPasses: passes,
            WorkbenchPauseMs: pauseMs,
            AppEnvironment: environment,
            WorkDirectory: workDirectory,
            KeepFiles: keep)
        {
            BenchRunResults = (command == "benchruns" ? events : null) ?? DefaultBenchRunResults,
            Provider = provider,
            PostgresPort = pgPort,
            PostgresSettings = pgSettings,
            PostgresConnectionOptions = pgConnection,
        };
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
