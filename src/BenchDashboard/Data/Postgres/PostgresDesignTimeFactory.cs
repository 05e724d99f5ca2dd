using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BenchDashboard.Data.Postgres;

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgresAppDbContext</c>: generating a migration compares the model with
/// the snapshot and needs no server, so the connection string only has to be well formed.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=localhost;Database=benchdashboard_design").Options);
}
