using System.Globalization;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>The folder one throwaway cluster lives in (<c>data/</c>, its log, its unix socket), named with a
/// recognisable prefix and carrying an <c>owner.pid</c> file that names the test process owning it. A test run that
/// was killed leaves its folder behind; the next run finds it by the prefix, sees that the owner is gone, stops the
/// cluster if it still runs and deletes the folder.</summary>
internal sealed class PostgresClusterFolder
{
    public const string Prefix = "benchdashboard-pg-";
    public const string OwnerFileName = "owner.pid";

    /// <summary>A folder without an owner file is being created right now by another process, unless it is this old.</summary>
    private static readonly TimeSpan OwnerlessGrace = TimeSpan.FromMinutes(10);

    private PostgresClusterFolder(string path) => Path = path;

    public string Path { get; }
    public string DataDirectory => System.IO.Path.Combine(Path, "data");
    public string LogFile => System.IO.Path.Combine(Path, "postgres.log");
    public string OwnerFile => System.IO.Path.Combine(Path, OwnerFileName);

    /// <summary>Where cluster folders go: the temp folder, or /tmp when running as root with a temp folder the postgres
    /// user cannot traverse (a TMPDIR under /root, say).</summary>
    public static string Root
    {
        get
        {
            var temp = System.IO.Path.GetFullPath(System.IO.Path.GetTempPath());
            return !PostgresTools.RunsAsRoot || OthersCanTraverse(temp) ? temp : "/tmp";
        }
    }

    /// <summary>A new folder owned by this process: the owner file is written first, before anything else can see an
    /// ownerless folder, then the folder is handed to the postgres user.</summary>
    public static PostgresClusterFolder Create(string root)
    {
        // Debian's PostgreSQL 15 and /proc: the test cluster is a Linux thing.
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("The test PostgreSQL cluster runs on Linux only.");
        var path = System.IO.Path.Combine(root, Prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var folder = new PostgresClusterFolder(path);
        File.WriteAllText(folder.OwnerFile, OwnerRecord(Environment.ProcessId));
        PostgresTools.GiveToPostgresUser(path);
        return folder;
    }

    /// <summary>Stops and deletes every cluster folder under <paramref name="root"/> whose owner process is gone.
    /// Best effort per folder: one that cannot be removed (another user's, say) does not stop the tests.</summary>
    public static void RemoveStale(string root)
    {
        foreach (var path in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var folder = new PostgresClusterFolder(path);
            if (!folder.IsStale()) continue;
            try { folder.StopAndDelete(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { }
        }
    }

    /// <summary>Stops the cluster if it runs (immediate mode: its data is thrown away) and deletes the folder.</summary>
    public void StopAndDelete()
    {
        if (File.Exists(System.IO.Path.Combine(DataDirectory, "postmaster.pid")))
            PostgresTools.Run("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], Path, TimeSpan.FromSeconds(40));
        Directory.Delete(Path, recursive: true);
    }

    private bool IsStale()
    {
        string record;
        try { record = File.ReadAllText(OwnerFile); }
        catch (FileNotFoundException) { return DateTime.UtcNow - Directory.GetCreationTimeUtc(Path) > OwnerlessGrace; }
        catch (DirectoryNotFoundException) { return false; }
        var parts = record.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)) return true;
        // The start time tells the owner from a later process that got the same pid.
        return ProcessStartTime(pid) != parts[1];
    }

    /// <summary>"pid start-time", the start time in clock ticks since boot as /proc/PID/stat gives it.</summary>
    public static string OwnerRecord(int pid) => $"{pid} {ProcessStartTime(pid)}\n";

    private static string? ProcessStartTime(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // Field 22 (starttime); fields are counted after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 ? fields[19] : null;
    }

    private static bool OthersCanTraverse(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
            if (!dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute)) return false;
        return true;
    }
}
