namespace BenchDashboard.Features.Audit;

/// <summary>What an audit event says: its action (<see cref="AuditActions"/>), subject and payload (serialised as JSON).</summary>
public sealed record AuditEntry(string Action, string? Subject, object? Payload);
