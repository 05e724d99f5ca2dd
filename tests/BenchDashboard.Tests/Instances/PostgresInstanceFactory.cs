using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Instances;

/// <summary>
/// One app instance in this test process (<see cref="AppFactory"/>'s settings) on a PostgreSQL database that other
/// instances share. Each has its own service provider, connection pool and in-memory state, as a separate process
/// would; use <see cref="AppInstances"/> where separate processes matter (a process-wide lock, a kill).
/// </summary>
public sealed class PostgresInstanceFactory(string connectionString) : AppFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("BenchDashboard:Database:Provider", "postgres"),
        new("ConnectionStrings:Default", connectionString),
    ];
}
