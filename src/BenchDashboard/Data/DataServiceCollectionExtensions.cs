using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database the configuration names (<see cref="DatabaseSettings"/>): an embedded SQLite file by default
    /// (relative paths resolve against the content root), or a PostgreSQL server.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        // Resolved when first used, so configuration added late (tests, hosting) is honoured.
        builder.Services.AddSingleton(sp => DatabaseSettings.From(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        builder.Services.AddDbContextFactory<AppDbContext, AppDbContextFactory>(
            (sp, options) => sp.GetRequiredService<DatabaseSettings>().Configure(options));
        // Healthy means the database can be written, not only reached (issue 12, finding 11; decision 0021).
        builder.Services.AddHealthChecks().AddCheck<DatabaseWriteCheck>("database");
        return builder;
    }
}
