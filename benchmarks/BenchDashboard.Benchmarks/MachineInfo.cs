using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>The machine a result belongs to: a figure without its machine means little.</summary>
internal static class MachineInfo
{
    public static void Describe(Report report, string workDirectory)
    {
        report.Heading("Machine");
        report.Line($"  cores (nproc):  {Environment.ProcessorCount}");
        report.Line($"  CPU:            {FirstValue("/proc/cpuinfo", "model name") ?? "?"}");
        report.Line($"  memory:         {MemTotal()}");
        report.Line($"  OS:             {OsName()}, Linux {Kernel()}, {RuntimeInformation.OSArchitecture}");
        report.Line($"  .NET:           {RuntimeInformation.FrameworkDescription} (benchmark and app both framework-dependent net10.0), build {RepoPaths.Configuration()}");
        report.Line($"  SQLite:         {SqliteVersion()} (SQLitePCLRaw e_sqlite3 bundle, as the app)");
        report.Line($"  database folder: {workDirectory} ({FileSystemOf(workDirectory)})");
        report.Line($"  load average at start (1, 5, 15 min): {LoadAverage()}  (2 cores are shared: every timed window below also says who used the CPU)");
    }

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file)) return null;
        return File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault();
    }

    private static string MemTotal()
    {
        var text = FirstValue("/proc/meminfo", "MemTotal");
        var kb = text is null ? 0 : long.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], Report.Invariant);
        return kb == 0 ? "?" : $"{kb / 1024.0 / 1024.0:F1} GiB";
    }

    private static string OsName()
    {
        const string file = "/etc/os-release";
        if (!File.Exists(file)) return "?";
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line?["PRETTY_NAME=".Length..].Trim('"') ?? "?";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Kernel() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?";

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return command.ExecuteScalar() as string ?? "?";
    }

    /// <summary>The mount holding the databases: fsync on tmpfs is free, on a disk it is not, so this matters for write figures.</summary>
    private static string FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts")) return "?";
        var best = File.ReadLines("/proc/mounts").Select(l => l.Split(' '))
            .Where(f => f.Length > 2 && path.StartsWith(f[1], StringComparison.Ordinal))
            .OrderByDescending(f => f[1].Length).FirstOrDefault();
        return best is null ? "?" : $"{best[2]} on {best[0]}, mounted at {best[1]}";
    }
}
