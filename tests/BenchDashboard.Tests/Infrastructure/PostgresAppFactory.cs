using BenchDashboard.Data;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary><see cref="AppFactory"/> on a fresh database of the test PostgreSQL cluster
/// (<c>BenchDashboard:Database:Provider=postgres</c>); the app migrates it at start.</summary>
public sealed class PostgresAppFactory() : AppFactory(DatabaseProvider.Postgres);
