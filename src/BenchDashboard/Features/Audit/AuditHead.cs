using System.Globalization;
using System.Text.RegularExpressions;

namespace BenchDashboard.Features.Audit;

/// <summary>
/// The newest row of the audit chain: its sequence number and hash. Copied out of the database (alerts, the Admin page,
/// reports), it lets a later check prove that the chain still holds that row unchanged, which the database alone cannot
/// prove after its newest rows were deleted.
/// </summary>
public sealed partial record AuditHead(long Sequence, string Hash)
{
    /// <summary>
    /// Reads a head a person typed or a client sent: both parts or neither (then <paramref name="head"/> is null). Returns
    /// what is wrong, in words, or null.
    /// </summary>
    public static string? TryRead(string? sequence, string? hash, out AuditHead? head)
    {
        head = null;
        sequence = sequence?.Trim();
        hash = hash?.Trim();
        if (string.IsNullOrEmpty(sequence) && string.IsNullOrEmpty(hash)) return null;
        if (string.IsNullOrEmpty(sequence) || string.IsNullOrEmpty(hash)) return "give both the sequence number and the hash of the recorded head, or neither";
        if (!long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return "the sequence number must be a whole number from 1";
        }
        if (!HashPattern().IsMatch(hash)) return "the hash must be 64 hexadecimal characters";
        head = new AuditHead(number, hash.ToLowerInvariant());
        return null;
    }

    public override string ToString() => $"#{Sequence} {Hash}";

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HashPattern();
}
