using System.Data.Common;
using BenchDashboard.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/benchdashboard.db";

    /// <summary>Registers the SQLite database (a file; relative paths resolve against the content root).</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        // Resolved when first used, so configuration added late (tests, hosting) is honoured.
        builder.Services.AddDbContextFactory<AppDbContext>((sp, options) => options
            .UseSqlite(ResolveConnectionString(
                sp.GetRequiredService<IConfiguration>().GetConnectionString("Default") ?? DefaultConnectionString,
                sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath)));
        // Healthy means the database can be written, not only reached (issue 12, finding 11; decision 0021).
        builder.Services.AddHealthChecks().AddCheck<DatabaseWriteCheck>("database");
        return builder;
    }

    /// <summary>Makes a relative <c>Data Source</c> absolute under the content root and creates its folder.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Default is not a valid SQLite connection string: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(csb.DataSource) || csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException("ConnectionStrings:Default must name a SQLite file (Data Source=path/to/file.db).");
        }
        // A request that finds another writer holding the lock waits this long, then answers 503 with Retry-After
        // (decision 0021), rather than Microsoft.Data.Sqlite's 30 s. A timeout the connection string names is kept.
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!named.ContainsKey("Default Timeout") && !named.ContainsKey("Command Timeout")) csb.DefaultTimeout = StorageFailure.BusyTimeoutSeconds;
        if (!Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        return csb.ToString();
    }
}
