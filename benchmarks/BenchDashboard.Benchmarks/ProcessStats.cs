namespace BenchDashboard.Benchmarks;

/// <summary>Resident memory and CPU time of another process, read from /proc (Linux only, like the machine this runs on).</summary>
internal static class ProcessStats
{
    /// <summary>USER_HZ, the unit of utime/stime in /proc/&lt;pid&gt;/stat: 100 on every Linux build for x86-64 and arm64.</summary>
    public const double ClockTicksPerSecond = 100;

    /// <summary>VmRSS in bytes, or null once the process is gone.</summary>
    public static long? RssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], Report.Invariant);
                return kb * 1024;
            }
        }
        catch (IOException) { /* the process ended */ }
        return null;
    }

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may itself hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], Report.Invariant) + long.Parse(fields[12], Report.Invariant);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }
}

/// <summary>Samples a process's VmRSS every 100 ms on a background task until stopped; keeps the peak and the last sample.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public long PeakBytes { get; private set; }
    public long LastBytes { get; private set; }
    public int Samples { get; private set; }

    public MemorySampler(int pid)
    {
        _pid = pid;
        Sample();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException) { /* stopped */ }
    }

    private void Sample()
    {
        if (ProcessStats.RssBytes(_pid) is not { } rss) return;
        LastBytes = rss;
        PeakBytes = Math.Max(PeakBytes, rss);
        Samples++;
    }

    /// <summary>Stops sampling after one last sample, so <see cref="LastBytes"/> is the memory at the end of the run.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await _loop;
        Sample();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

/// <summary>
/// Who used the CPU during a timed window: the app, this process, and everything else on the machine (from /proc/stat).
/// On a shared 2-core machine a figure is only as good as the quiet around it, so every timed window reports this.
/// </summary>
internal sealed class CpuWindow
{
    private readonly int? _appPid;
    private readonly TimeSpan _appStart, _selfStart;
    private readonly (double Busy, double IoWait) _systemStart;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private double _busy, _ioWait;

    public CpuWindow(int? appPid = null)
    {
        _appPid = appPid;
        _appStart = appPid is { } pid ? ProcessStats.CpuTime(pid) : TimeSpan.Zero;
        _selfStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        _systemStart = SystemSeconds();
    }

    public TimeSpan App { get; private set; }
    public TimeSpan Self { get; private set; }
    public TimeSpan Elapsed { get; private set; }

    public CpuWindow Stop()
    {
        Elapsed = _clock.Elapsed;
        App = _appPid is { } pid ? ProcessStats.CpuTime(pid) - _appStart : TimeSpan.Zero;
        Self = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _selfStart;
        var system = SystemSeconds();
        _busy = system.Busy - _systemStart.Busy;
        _ioWait = system.IoWait - _systemStart.IoWait;
        return this;
    }

    /// <summary>Cores the app used on average over the window.</summary>
    public double AppCores => App.TotalSeconds / Elapsed.TotalSeconds;

    /// <summary>Cores every process but the app and the benchmark used on average: another session's work disturbing the window.</summary>
    public double OtherCores => Math.Max(0, _busy - App.TotalSeconds - Self.TotalSeconds) / Elapsed.TotalSeconds;

    /// <summary>"app 1.05 cores, benchmark 0.10, other processes 0.02, iowait 0.30 (of 2 cores)".</summary>
    public string Describe()
    {
        var seconds = Elapsed.TotalSeconds;
        return (_appPid is null ? "" : $"app {Report.F2(AppCores)} cores, ") +
               $"benchmark {Report.F2(Self.TotalSeconds / seconds)}, other processes {Report.F2(OtherCores)}, " +
               $"iowait {Report.F2(_ioWait / seconds)} (of {Environment.ProcessorCount} cores); load average at end {LoadAverage()}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>Busy (not idle, not iowait) and iowait CPU seconds of the whole machine since boot.</summary>
    private static (double Busy, double IoWait) SystemSeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(v => long.Parse(v, Report.Invariant)).ToArray();
        // user nice system idle iowait irq softirq steal
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
        return (busy / ProcessStats.ClockTicksPerSecond, cpu[4] / ProcessStats.ClockTicksPerSecond);
    }
}
