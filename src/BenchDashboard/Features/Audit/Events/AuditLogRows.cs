namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// One page of the filtered log, newest first. <see cref="OlderThan"/> and <see cref="NewerThan"/> are the sequence
/// numbers the pager links with (<c>before=</c>, <c>after=</c>), null where there is nothing more that way.
/// </summary>
public sealed record AuditLogRows(IReadOnlyList<AuditLogRow> Rows, long? OlderThan, long? NewerThan);
