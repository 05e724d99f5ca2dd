using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// The app's memory at one moment: VmRSS after a settling pause and, when <c>dotnet-gcdump</c> is available, the live
/// managed heap it reports (its collection forces a full blocking GC) and VmRSS right after that GC.
/// </summary>
internal sealed partial record MemorySnapshot(long RssBytes, long? HeapBytes, long? RssAfterGcBytes)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>"Total Size: 12,345,678 Bytes" or similar, in the first lines of <c>dotnet-gcdump report</c>.</summary>
    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex HeapLine();

    /// <summary>
    /// dotnet-gcdump from DOTNET_GCDUMP, the PATH or the global tools folder, else the repository's local tool
    /// (dotnet-tools.json, installed by <c>dotnet tool restore</c>); null when none runs.
    /// </summary>
    public static ToolCommand? GcDumpTool()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("DOTNET_GCDUMP") };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "dotnet-gcdump")));
        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump"));
        if (candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c)) is { } installed) return new ToolCommand(installed, "");
        var local = new ToolCommand("dotnet", "tool run dotnet-gcdump ");
        try
        {
            RunAsync(local, "--version").GetAwaiter().GetResult();
            return local;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static async Task<MemorySnapshot> TakeAsync(int pid, ToolCommand? gcdump, string workDirectory)
    {
        await Task.Delay(Settle);
        var rss = ProcessStats.RssBytes(pid) ?? 0;
        if (gcdump is null) return new MemorySnapshot(rss, null, null);
        var file = Path.Combine(workDirectory, $"app-{pid}-{DateTime.UtcNow:HHmmssfff}.gcdump");
        await RunAsync(gcdump, $"collect -p {pid} -o {file}");
        var report = await RunAsync(gcdump, $"report {file}");
        File.Delete(file);
        var match = HeapLine().Match(report);
        long? heap = match.Success ? long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), Report.Invariant) : null;
        return new MemorySnapshot(rss, heap, ProcessStats.RssBytes(pid));
    }

    /// <summary>VmRSS after the full GC when there was one, else the settled VmRSS: the figure to compare.</summary>
    public long Settled => RssAfterGcBytes ?? RssBytes;

    public string Describe() =>
        $"VmRSS {Report.Mb(RssBytes)}" + (HeapBytes is { } heap ? $"; live GC heap {Report.Mb(heap)}, VmRSS after that full GC {Report.Mb(RssAfterGcBytes ?? 0)}" : "");

    private static async Task<string> RunAsync(ToolCommand tool, string arguments)
    {
        arguments = tool.Prefix + arguments;
        var start = new ProcessStartInfo(tool.FileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {arguments} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}

/// <summary>A command-line tool: the program and the arguments that come before the tool's own.</summary>
internal sealed record ToolCommand(string FileName, string Prefix)
{
    public override string ToString() => $"{FileName} {Prefix}".Trim();
}
