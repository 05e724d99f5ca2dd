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
    /// The app's self-contained executable in the configuration this benchmark was built in (the project reference built it):
    /// <c>src/BenchDashboard/bin/&lt;Configuration&gt;/net9.0/&lt;rid&gt;/BenchDashboard</c>, the newest if there are several.
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

    public static string Configuration() =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";

    /// <summary>
    /// The statement that (re)builds DailyRollups from raw rows: the last statement of the ingestion migration, read from the
    /// script itself so bulk-loaded data gets exactly the rollups the app would have.
    /// </summary>
    public static string RollupRebuildSql()
    {
        var script = File.ReadAllText(Path.Combine(Root(), "src", "BenchDashboard", "Data", "Migrations", "20261122020000_IngestionRollups.sql"));
        var start = script.LastIndexOf("INSERT INTO \"DailyRollups\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("The rollup rebuild statement was not found in 20261122020000_IngestionRollups.sql.");
        return script[start..].Trim();
    }
}
