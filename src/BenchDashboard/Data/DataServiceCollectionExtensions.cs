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
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
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
        if (!Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        return csb.ToString();
    }
}
