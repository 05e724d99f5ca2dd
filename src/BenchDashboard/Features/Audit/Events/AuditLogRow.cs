namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// One audit event as the page and the CSV show it: its sequence number (its place in the chain, part of its hash), time
/// (UTC), actor, action, subject, payload (JSON) and hash. Actor, subject and payload are untrusted text.
/// </summary>
public sealed record AuditLogRow(long Sequence, DateTime At, string Actor, string Action, string? Subject, string? Payload, string Hash);
