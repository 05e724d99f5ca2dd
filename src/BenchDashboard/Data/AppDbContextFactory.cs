using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Data;

/// <summary>
/// Hands out contexts of the configured provider's type (<see cref="AppDbContext"/> on SQLite,
/// <see cref="Postgres.PostgresAppDbContext"/> on PostgreSQL) to everything that asks for an <see cref="AppDbContext"/>.
/// </summary>
internal sealed class AppDbContextFactory(DbContextOptions<AppDbContext> options, DatabaseSettings settings) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => settings.CreateContext(options);
}
