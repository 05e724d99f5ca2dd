using BenchDashboard.Features.Audit;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>Audit keys for tests that build services by hand (the app itself reads them from configuration).</summary>
public static class TestAuditKeys
{
    public const string KeyId = "test-1";
    public const string Key = "test-audit-key-0123456789abcdefghijklmnopqrstuvwxyz";

    public static AuditKeyring Keyring { get; } = new(KeyId, Key);
}
