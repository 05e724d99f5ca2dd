namespace BenchDashboard.Data.Postgres;

/// <summary>
/// The one list of the PostgreSQL advisory locks the app takes, so no two uses pick the same key by accident (decision
/// 0026). An advisory lock belongs to one database; each key here names one piece of work that several instances on that
/// database must not do at the same time. A 64-bit key and a pair of 32-bit keys never conflict with each other
/// (PostgreSQL keeps the two key spaces apart).
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>Start-up: migrations, roles, bootstrap accounts, demo data (session lock, waited for; "BenchDsh").</summary>
    public const long Startup = 0x42656e6368447368;

    /// <summary>Appending to the audit chain: the next row needs the previous row's id and hash (transaction lock; "BDAudit1").</summary>
    public const long AuditAppend = 0x4244417564697431;

    /// <summary>An alerting round and its webhook deliveries: one instance at a time (session lease, tried; "BDAlert1").</summary>
    public const long AlertingRound = 0x4244416c65727431;

    /// <summary>
    /// The class half of the pair <c>(SignalStates, projectId)</c>: comparing a project's signals with their stored states
    /// and saving the change, which the alerting round and a lead's triage may both do (transaction lock; "BDSg").
    /// </summary>
    public const int SignalStates = 0x42445367;

    /// <summary>
    /// The class half of the pair <c>(ProjectWrites, projectId)</c>: an import or a data deletion writing a project's rows
    /// and rollups (transaction lock, waited for up to the busy timeout; <see cref="PostgresDialect"/>). Feedback imports
    /// take it only to count what they inserted (decision 0039).
    /// </summary>
    public const int ProjectWrites = 0x42440001;
}
