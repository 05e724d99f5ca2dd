namespace BenchDashboard.Features.Audit;

/// <summary>The outcome of <see cref="AuditLog.VerifyAsync"/>.</summary>
/// <param name="IsIntact">Every row fits, and the chain holds the recorded head if one was given.</param>
/// <param name="RowsVerified">Rows that passed before the first problem (all rows when intact).</param>
/// <param name="BrokenRowId">The first row that does not fit; null when intact or when rows are missing at the end.</param>
/// <param name="Problem">The first problem in words; null when intact.</param>
/// <param name="Head">The chain's newest row as stored (null for an empty chain), whether or not it verified.</param>
/// <param name="UnkeyedRows">Rows from before the chain was keyed (plain SHA-256), which only the keyed rows after them protect.</param>
/// <param name="CheckedHead">The head recorded outside the database that the chain was checked against, if one was given.</param>
public sealed record AuditVerification(bool IsIntact, long RowsVerified, long? BrokenRowId, string? Problem, AuditHead? Head = null,
    long UnkeyedRows = 0, AuditHead? CheckedHead = null)
{
    public static AuditVerification Intact(long rows, AuditHead? head, long unkeyedRows, AuditHead? checkedHead) =>
        new(true, rows, null, null, head, unkeyedRows, checkedHead);

    public static AuditVerification Broken(long rowsVerified, long? rowId, string problem, AuditHead? head, AuditHead? checkedHead) =>
        new(false, rowsVerified, rowId, problem, head, 0, checkedHead);
}
