using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BenchDashboard.Data.Sqlite;

/// <summary>
/// For <c>dotnet ef migrations add … --context AppDbContext</c>. Without it the tools would take
/// <see cref="Postgres.PostgresDesignTimeFactory"/> for this context too (the factory interface is covariant, and a
/// <see cref="Postgres.PostgresAppDbContext"/> is an <see cref="AppDbContext"/>) and write PostgreSQL migrations here.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=benchdashboard-design.db").Options);
}
