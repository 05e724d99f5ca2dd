namespace BenchDashboard.Tests.Instances;

/// <summary>The tests that share one pair of app processes (<see cref="TwoInstances"/>); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstances>
{
    public const string Name = "Two instances on one PostgreSQL database";
}
