namespace BenchDashboard.Data;

/// <summary>The database engines BenchDashboard runs on (decision 0025).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file: the default, for one app process on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for several app instances, replication and managed backups.</summary>
    Postgres,
}
