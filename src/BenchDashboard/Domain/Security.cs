using Microsoft.AspNetCore.Identity;

namespace BenchDashboard.Domain;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

/// <summary>The four roles of the product; pages and endpoints are authorized by these names.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Reviewer = "Reviewer";
    public const string Auditor = "Auditor";
    public static readonly IReadOnlyList<string> All = [Admin, Lead, Reviewer, Auditor];

    // Comma-separated sets for [Authorize(Roles = ...)]; one place decides who sees what.
    public const string Leads = Admin + "," + Lead;
    public const string Reviewers = Admin + "," + Lead + "," + Reviewer;
    public const string ReportReaders = Admin + "," + Lead + "," + Auditor;
}

[Flags]
public enum ApiScopes
{
    None = 0,
    Ingest = 1,
    Read = 2,
    Report = 4,
    Admin = 8,
    All = Ingest | Read | Report | Admin,
}

/// <summary>A bearer key for production systems and bench runners. Only a SHA-256 of the secret is stored.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the secret, shown in lists so a key can be recognised without revealing it.</summary>
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public ApiScopes Scopes { get; set; }
    /// <summary>The only project the key may touch; null means every project.</summary>
    public int? ProjectId { get; set; }
    public Project? Project { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>One row of the append-only, hash-chained audit log. See <c>Features/Audit/AuditLog</c>.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Subject { get; set; }
    public string? PayloadJson { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
    /// <summary>The id of the configured key that keyed <see cref="Hash"/>; null for rows from before the chain was keyed.</summary>
    public string? KeyId { get; set; }
}
