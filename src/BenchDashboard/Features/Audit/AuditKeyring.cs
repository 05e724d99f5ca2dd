using System.Text;
using System.Text.RegularExpressions;
using BenchDashboard.Infrastructure;

namespace BenchDashboard.Features.Audit;

/// <summary>
/// The keys of the audit chain (<c>BenchDashboard:Audit</c>): the current one, which keys new rows, and the retired ones
/// of earlier rotations, which only verify the rows they keyed. Owns every rule about them: length, ids, and that only
/// Development and Testing may fall back to the built-in development key, which is public.
/// </summary>
public sealed partial class AuditKeyring
{
    /// <summary>The id rows keyed with the built-in development key carry.</summary>
    public const string DevelopmentKeyId = "dev";

    public const int MinKeyLength = 32;

    /// <summary>Public on purpose: it is in the source. It keeps a development chain verifiable, never a real one.</summary>
    internal const string DevelopmentKey = "BenchDashboard development audit key: public, never a secret";

    private readonly Dictionary<string, byte[]> keys = new(StringComparer.OrdinalIgnoreCase);

    public AuditKeyring(string currentKeyId, string currentKey, IReadOnlyDictionary<string, string>? retiredKeys = null, long unkeyedRows = 0)
    {
        UnkeyedRows = unkeyedRows;
        CurrentKeyId = currentKeyId;
        CurrentKey = Encoding.UTF8.GetBytes(currentKey);
        foreach (var (id, key) in retiredKeys ?? new Dictionary<string, string>()) keys[id] = Encoding.UTF8.GetBytes(key);
        keys[currentKeyId] = CurrentKey;
        RetiredKeyIds = keys.Keys.Where(id => !IsCurrent(id)).Order(StringComparer.Ordinal).ToList();
    }

    public string CurrentKeyId { get; }

    internal byte[] CurrentKey { get; }

    /// <summary>True when no key was configured and the public development key keys new rows.</summary>
    public bool UsesDevelopmentKey => IsCurrent(DevelopmentKeyId);

    public IReadOnlyList<string> RetiredKeyIds { get; }

    /// <summary>Rows 1 to this number may be unkeyed: written by a release from before the chain was keyed.</summary>
    public long UnkeyedRows { get; }

    public bool IsCurrent(string keyId) => string.Equals(keyId, CurrentKeyId, StringComparison.OrdinalIgnoreCase);

    internal bool TryGetKey(string keyId, out byte[] key) => keys.TryGetValue(keyId, out key!);

    /// <summary>The keyring the settings describe, or an exception whose message is <see cref="Problem"/>.</summary>
    public static AuditKeyring FromOptions(AuditOptions options, IHostEnvironment environment) =>
        Problem(options, environment) is { } problem
            ? throw new InvalidOperationException(problem)
            : string.IsNullOrEmpty(options.Key)
                ? new AuditKeyring(DevelopmentKeyId, DevelopmentKey, options.RetiredKeys, options.UnkeyedRows)
                : new AuditKeyring(options.KeyId, options.Key, options.RetiredKeys, options.UnkeyedRows);

    /// <summary>What is wrong with the audit settings, in words for an operator, or null.</summary>
    public static string? Problem(AuditOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(options.Key))
        {
            if (!MayUseDevelopmentKey(environment))
            {
                return $"BenchDashboard:Audit:Key is not set. In the {environment.EnvironmentName} environment the audit log must be keyed " +
                       $"with a secret of your own (at least {MinKeyLength} characters), kept outside the database, for example " +
                       "BenchDashboard__Audit__Key=\"$(openssl rand -hex 32)\". README, \"Audit log\", explains keys and rotation.";
            }
        }
        else
        {
            if (options.Key.Length < MinKeyLength) return $"BenchDashboard:Audit:Key must be at least {MinKeyLength} characters.";
            if (!KeyIdPattern().IsMatch(options.KeyId ?? ""))
            {
                return "BenchDashboard:Audit:KeyId must be 1–32 characters of letters, digits, '.', '_' and '-'.";
            }
            if (string.Equals(options.KeyId, DevelopmentKeyId, StringComparison.OrdinalIgnoreCase))
            {
                return $"BenchDashboard:Audit:KeyId '{DevelopmentKeyId}' is reserved for the built-in development key; choose another id.";
            }
            if (options.RetiredKeys.Keys.Any(id => string.Equals(id, options.KeyId, StringComparison.OrdinalIgnoreCase)))
            {
                return $"BenchDashboard:Audit:RetiredKeys holds the current key id '{options.KeyId}'; a new key needs a new id.";
            }
        }
        if (options.UnkeyedRows < 0) return "BenchDashboard:Audit:UnkeyedRows must be 0 or more.";
        foreach (var (id, key) in options.RetiredKeys)
        {
            if (!KeyIdPattern().IsMatch(id)) return "BenchDashboard:Audit:RetiredKeys: every key id must be 1–32 characters of letters, digits, '.', '_' and '-'.";
            if ((key ?? "").Length < MinKeyLength) return $"BenchDashboard:Audit:RetiredKeys:{id} must be at least {MinKeyLength} characters.";
        }
        return null;
    }

    private static bool MayUseDevelopmentKey(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}
