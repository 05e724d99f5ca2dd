using BenchDashboard.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServerLifetime))]

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>Stops the test PostgreSQL cluster when the assembly's tests are done, if any test started it. Starting stays
/// lazy (<see cref="PostgresServer.GetAsync"/>): a run of SQLite-only tests never pays for a cluster.</summary>
public sealed class PostgresServerLifetime : IDisposable
{
    public void Dispose()
    {
        if (PostgresServer.TryGetStarted(out var server)) server!.Stop();
    }
}
