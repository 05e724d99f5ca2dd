namespace BenchDashboard.Data.Copy;

/// <summary>
/// <c>dotnet run --project src/BenchDashboard -- copy-from-sqlite data/benchdashboard.db</c>, run with the PostgreSQL
/// settings the app will use (<c>BenchDashboard__Database__Provider=postgres</c>, <c>ConnectionStrings__Default</c>):
/// copies the SQLite file into that database and exits, without starting the web app (docs/deploy.md, "Moving from
/// SQLite").
/// </summary>
public static class CopyFromSqliteCommand
{
    public const string Name = "copy-from-sqlite";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <returns>The process's exit code: 0 when copied, 1 when not (the reason printed, no stack trace), 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || args[1].StartsWith('-'))
        {
            await error.WriteLineAsync($"Usage: {Name} <path of the SQLite database file>, with BenchDashboard__Database__Provider=postgres " +
                                       "and ConnectionStrings__Default naming the empty PostgreSQL database to copy into.");
            return 2;
        }
        try
        {
            var settings = DatabaseSettings.From(configuration, contentRoot);
            if (!settings.IsPostgres)
            {
                await error.WriteLineAsync(
                    $"The copy goes into the PostgreSQL database the app is configured for: set {DatabaseSettings.ProviderKey.Replace(":", "__")}=postgres " +
                    $"and {DatabaseSettings.ConnectionStringKey.Replace(":", "__")} to its connection string.");
                return 1;
            }
            var file = Path.GetFullPath(args[1], contentRoot);
            await output.WriteLineAsync($"Copying {file} into the configured PostgreSQL database…");
            await SqliteToPostgresCopy.CopyAsync(file, settings.ConnectionString, output);
            await output.WriteLineAsync("Done. Start the app with the same settings.");
            return 0;
        }
        catch (Exception ex) when (ex is DatabaseCopyException or InvalidOperationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"Nothing was copied: {ex.Message}");
            return 1;
        }
    }
}
