using System.Diagnostics;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>Runs Debian's PostgreSQL 15 programs (initdb, pg_ctl). PostgreSQL refuses to run as root, so when the tests
/// run as root (CI, this machine) the programs run as the <c>postgres</c> user through <c>runuser</c>; as a normal user
/// they run directly.</summary>
internal static class PostgresTools
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Fails with the one step that fixes it when the machine lacks PostgreSQL 15.</summary>
    public static void EnsureInstalled()
    {
        if (File.Exists(Path.Combine(BinDirectory, "initdb")) && File.Exists(Path.Combine(BinDirectory, "pg_ctl"))) return;
        throw new InvalidOperationException(
            $"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing). Install it with " +
            "`apt-get install -y --no-install-recommends postgresql-15` (bash scripts/test.sh does this itself when it is missing).");
    }

    /// <summary>Runs a PostgreSQL program to its end; throws with its output when it fails.</summary>
    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(program, arguments, workingDirectory);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {timeout.TotalSeconds:0} s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await output}{await error}");
    }

    /// <summary>The blocking form, for the process-exit handler, where nothing asynchronous may be awaited.</summary>
    public static bool Run(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(program, arguments, workingDirectory);
        // Drained so a chatty program never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
        return process.ExitCode == 0;
    }

    /// <summary>Hands a folder to the postgres user, which must own the cluster's data directory.</summary>
    public static void GiveToPostgresUser(string folder)
    {
        if (!RunsAsRoot) return;
        using var chown = Process.Start(new ProcessStartInfo("chown", ["postgres:postgres", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = chown.StandardError.ReadToEnd();
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InvalidOperationException($"chown postgres:postgres {folder} failed: {error}");
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var path = Path.Combine(BinDirectory, program);
        var start = new ProcessStartInfo
        {
            FileName = RunsAsRoot ? "runuser" : path,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (RunsAsRoot) foreach (var prefix in (string[])["-u", "postgres", "--", path]) start.ArgumentList.Add(prefix);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}
