using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that EF Core finds this provider's migrations
/// (<c>Data/Postgres/Migrations</c>, generated with <c>dotnet ef migrations add … --context PostgresAppDbContext</c>):
/// migrations belong to a context type, and SQLite's column types and SQL are not PostgreSQL's.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<AppDbContext> options) : AppDbContext(options);
