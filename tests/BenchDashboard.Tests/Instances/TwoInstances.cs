using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Instances;

/// <summary>Two app processes on one PostgreSQL database, shared by the tests of <see cref="TwoInstancesCollection"/>.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public AppInstances Apps { get; private set; } = default!;

    public async ValueTask InitializeAsync() => Apps = await AppInstances.StartAsync(2);

    public async ValueTask DisposeAsync()
    {
        if (Apps is not null) await Apps.DisposeAsync();
    }
}
