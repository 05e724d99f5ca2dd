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
    /// The statement that (re)builds DailyRollups from raw rows: the last statement of the category-rollup migration, read from the
    /// script itself so bulk-loaded data gets exactly the rollups the app would have.
    /// </summary>
    public static string RollupRebuildSql()
    {
        const string migration = "20261122050000_CategoryRollups.sql";
        var script = File.ReadAllText(Path.Combine(Root(), "src", "BenchDashboard", "Data", "Migrations", migration));
        var start = script.LastIndexOf("INSERT INTO \"DailyRollups\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"The rollup rebuild statement was not found in {migration}.");
        return script[start..].Trim();
    }

    /// <summary>
    /// The statements that fill DailyInputLengths from raw traces: the input-length migration from its bin table on, read from
    /// the script itself, so bulk-loaded data is binned exactly as the app bins it.
    /// </summary>
    public static string InputLengthsBackfillSql()
    {
        const string migration = "20261205030000_InputLengths.sql";
        var script = File.ReadAllText(Path.Combine(Root(), "src", "BenchDashboard", "Data", "Migrations", migration));
        var start = script.IndexOf("CREATE TEMP TABLE", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"The backfill statements were not found in {migration}.");
        return script[start..].Trim();
    }
}
