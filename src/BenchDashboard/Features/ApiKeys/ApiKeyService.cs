using System.Security.Cryptography;
using System.Text;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.ApiKeys;

/// <summary>Creates, lists, revokes and resolves API keys. Secrets are shown once and stored as SHA-256:
/// they are long random strings, so a fast hash is safe (unlike passwords) and lookups stay O(1).</summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int MinimumSecretLength = 32;
    private const string SecretPrefix = "bdk_";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Creates a key and returns its secret, which is never retrievable again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, ApiScopes scopes, int? projectId, string actor,
        string? chosenSecret = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A key needs a name.", nameof(name));
        if (scopes == ApiScopes.None) throw new ArgumentException("A key needs at least one scope.", nameof(scopes));
        var secret = chosenSecret ?? NewSecret();
        if (secret.Length < MinimumSecretLength) throw new ArgumentException($"A key must be at least {MinimumSecretLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = secret[..8],
            KeyHash = Hash(secret),
            Scopes = scopes,
            ProjectId = projectId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor, AuditActions.ApiKeyCreated, $"api_key:{key.Id}",
            new { key.Name, key.Prefix, Scopes = key.Scopes.ToString(), key.ProjectId }, ct);
        return (key, secret);
    }

    public async Task<bool> RevokeAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || key.RevokedAt is not null) return false;
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor, AuditActions.ApiKeyRevoked, $"api_key:{key.Id}", new { key.Name, key.Prefix }, ct);
        return true;
    }

    public async Task<List<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Include(k => k.Project).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Finds the live key for a presented secret and records its use (at most once a minute, to keep reads cheap).</summary>
    public async Task<ApiKey?> ResolveAsync(string secret, CancellationToken ct = default)
    {
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.Include(k => k.Project).FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (key is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAt = now;
            // A bookkeeping write must not hold a read behind an import that has the write lock (a 32 MiB batch holds it
            // for seconds): wait at most a second, else leave it to a later request.
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(1));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (StorageFailure.Of(ex) is { Busy: true })
            {
                // Another writer held the lock (or, on PostgreSQL, the row) past the second: the key is valid all the same.
            }
        }
        return key;
    }
}
