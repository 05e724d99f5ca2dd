namespace BenchDashboard.Infrastructure;

/// <summary>
/// <c>BenchDashboard:Audit</c>: the secret the audit chain is keyed with (HMAC-SHA256), and the keys it was keyed with
/// before a rotation. Configuration only: the database never holds a key, only each row's key id.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>The secret new rows are keyed with (at least 32 characters). Required outside Development and Testing.</summary>
    public string? Key { get; set; }

    /// <summary>The id written next to each row keyed with <see cref="Key"/>; change it with every new key.</summary>
    public string KeyId { get; set; } = "k1";

    /// <summary>Keys of earlier rotations by their id, so the rows they keyed still verify.</summary>
    public Dictionary<string, string> RetiredKeys { get; set; } = [];

    /// <summary>
    /// How many rows at the start of the chain date from before it was keyed (plain SHA-256, no key id): a database of an
    /// earlier release. Pinned here, outside the database, so nobody can pass a rewritten chain off as an unkeyed one.
    /// </summary>
    public long UnkeyedRows { get; set; }
}
