using System.Diagnostics;
using BenchDashboard.Tests.Browser;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Data;

/// <summary>
/// Issue 12, finding 11: the real app started on a database it cannot write crashed with a stack trace. It says in one
/// line which file is read-only and what to do, and exits with a non-zero code. The tests run as root, for whom file
/// modes stop nothing; the file is made immutable (<c>chattr +i</c>), which stops root too, so SQLite opens it read-only
/// exactly as it opens a 0444 file for an ordinary account.
/// </summary>
[Trait("Category", "Process")]
public class ReadOnlyStartTests
{
    [Fact]
    public async Task Starting_on_a_read_only_database_prints_one_clear_line_and_exits_non_zero_without_a_stack_trace()
    {
        using var database = await new TempDatabase().MigrateAsync();
        await ChattrAsync("+i", database.Path);
        try
        {
            var start = new ProcessStartInfo(RunningApp.AppExecutable())
            {
                WorkingDirectory = RunningApp.RepositoryRoot(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["ConnectionStrings__Default"] = database.ConnectionString;
            start.Environment["BenchDashboard__Demo"] = "false";
            start.Environment["BenchDashboard__Audit__Key"] = "read-only-start-audit-key-0123456789abcdef";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // A guard against a hang, not a measurement: the app either exits or the test fails here.
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            var output = await stdout + await stderr;

            Assert.True(process.ExitCode != 0, $"exit code 0:\n{output}");
            var message = (await stderr).Split('\n').SingleOrDefault(l => l.StartsWith("BenchDashboard cannot start:", StringComparison.Ordinal));
            Assert.True(message is not null, $"no start-up message:\n{output}");
            Assert.Contains($"the database {database.Path} is read-only", message);
            Assert.Contains("Give the account the app runs as write access to the file and its folder", message);
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            await ChattrAsync("-i", database.Path);
        }
    }

    private static async Task ChattrAsync(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = await chattr.StandardError.ReadToEndAsync();
        await chattr.WaitForExitAsync();
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path}: {error}");
    }
}
