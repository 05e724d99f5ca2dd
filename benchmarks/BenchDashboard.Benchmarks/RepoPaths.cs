using System.Reflection;

namespace BenchDashboard.Benchmarks;

/// <summary>Where the repository, the built app and the migration scripts are, found from the benchmark's own output folder.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BenchDashboard.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("BenchDashboard.sln not found above the benchmark's output folder.");
    }

    /// <summary>
    /// The app's executable (the apphost of a framework-dependent build) in the configuration this benchmark was built in
    /// (the project reference built it): <c>src/BenchDashboard/bin/&lt;Configuration&gt;/net10.0/BenchDashboard</c>, the newest
    /// if there are several.
    /// </summary>
    public static string AppExecutable()
    {
        var configuration = typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var bin = Path.Combine(Root(), "src", "BenchDashboard", "bin", configuration);
        var executable = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "BenchDashboard", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return executable ?? throw new FileNotFoundException($"No built BenchDashboard executable under {bin}; build this project in {configuration} first.");
    }

    /// <summary>
    /// Copies the app's build output (the executable's folder) under <paramref name="workDirectory"/> and returns the copy's
    /// executable. Someone may rebuild src/ while a long run goes on; every app process of a run must be the same build.
    /// </summary>
    public static string SnapshotApp(string workDirectory)
    {
        var source = Path.GetDirectoryName(AppExecutable())!;
        var target = Path.Combine(workDirectory, "app");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
        var executable = Path.Combine(target, "BenchDashboard");
        // File.Copy keeps the mode on Unix already; this only makes sure the copy stays executable.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        return executable;
    }

    /// <summary>The commit and whether src/ differs from it (read-only git), so a figure can be traced to the code it measured.</summary>
    public static string SourceVersion()
    {
        try
        {
            var head = Git("rev-parse --short HEAD").Trim();
            var dirty = Git("status --porcelain -- src").Length > 0;
            return $"commit {head}{(dirty ? ", src/ has uncommitted changes" : ", src/ as committed")}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "git not available";
        }
    }

    private static string Git(string arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = Root(),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var git = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"git {arguments} failed");
    }

    public static string Configuration() =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";

    /// <summary>
    /// The statement that (re)builds DailyRollups from raw rows, so bulk-loaded data gets exactly the rollups the app would have:
    /// the last statement of the SQL-script migration 20261122050000_CategoryRollups, kept here since the scripts made way for EF
    /// migrations (docs/decisions/0016-ef-core-migrations.md).
    /// </summary>
    public static string RollupRebuildSql() => """
        INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares",
                                    "Rewrites", "Retries", "Undos", "FormatErrors")
        SELECT "ProjectId", "Date", "Category", SUM("Traces"), SUM("ThumbsUp"), SUM("ThumbsDown"), SUM("CsatCount"), SUM("CsatSum"),
               SUM("CsatSumOfSquares"), SUM("Rewrites"), SUM("Retries"), SUM("Undos"), SUM("FormatErrors")
        FROM (
            SELECT "ProjectId", substr("Timestamp", 1, 10) AS "Date", COALESCE("Category", '') AS "Category", COUNT(*) AS "Traces",
                   0 AS "ThumbsUp", 0 AS "ThumbsDown", 0 AS "CsatCount", 0.0 AS "CsatSum", 0.0 AS "CsatSumOfSquares",
                   0 AS "Rewrites", 0 AS "Retries", 0 AS "Undos", 0 AS "FormatErrors"
            FROM "ProductionTraces" GROUP BY 1, 2, 3
            UNION ALL
            SELECT f."ProjectId", substr(f."Timestamp", 1, 10), COALESCE(t."Category", ''), 0,
                   SUM(f."Kind" = 'ThumbsUp'), SUM(f."Kind" = 'ThumbsDown'), SUM(f."Kind" = 'Csat'),
                   COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" END), 0.0),
                   COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" * f."Value" END), 0.0),
                   SUM(f."Kind" = 'Rewrite'), SUM(f."Kind" = 'Retry'), SUM(f."Kind" = 'Undo'), SUM(f."Kind" = 'FormatError')
            FROM "FeedbackEvents" f
            LEFT JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
            GROUP BY 1, 2, 3
        )
        GROUP BY "ProjectId", "Date", "Category";
        """;

    /// <summary>
    /// The statements that fill DailyInputLengths from raw traces, binned as the app bins them: the SQL-script migration
    /// 20261205030000_InputLengths from its bin table on, kept here since the scripts made way for EF migrations.
    /// </summary>
    public static string InputLengthsBackfillSql() => """
        CREATE TEMP TABLE "InputLengthBinStarts" ("Start" INTEGER NOT NULL PRIMARY KEY);
        INSERT INTO temp."InputLengthBinStarts" ("Start")
        WITH RECURSIVE "Bins"("Start") AS (SELECT 0 UNION ALL SELECT "Start" + MAX(1, "Start" / 32) FROM "Bins" WHERE "Start" + MAX(1, "Start" / 32) <= 2147483647)
        SELECT "Start" FROM "Bins";

        -- Existing traces, counted per day, category and bin: lengths are grouped first, so each distinct length looks its bin up once.
        INSERT INTO "DailyInputLengths" ("ProjectId", "Date", "Category", "MinLength", "Traces")
        SELECT "ProjectId", "Date", "Category",
               (SELECT MAX(b."Start") FROM temp."InputLengthBinStarts" b WHERE b."Start" <= "Length"), SUM("Traces")
        FROM (
            SELECT "ProjectId", substr("Timestamp", 1, 10) AS "Date", COALESCE("Category", '') AS "Category", length("Input") AS "Length",
                   COUNT(*) AS "Traces"
            FROM "ProductionTraces" GROUP BY 1, 2, 3, 4
        )
        GROUP BY 1, 2, 3, 4;

        DROP TABLE temp."InputLengthBinStarts";
        """;
}
