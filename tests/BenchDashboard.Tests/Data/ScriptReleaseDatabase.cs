namespace BenchDashboard.Tests.Data;

/// <summary>The database the last SQL-script release made (Fixtures/README.md), copied before each use.</summary>
public static class ScriptReleaseDatabase
{
    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "sql-scripts-release.db");

    public const string ProjectSlug = "legacy";
    public const string RunnerKey = "legacy-runner-key-0123456789abcdefghijklmnop";
    public const string LeadEmail = "lead@legacy.local";
    public const string LeadPassword = "legacy-lead-password-1";
    /// <summary>The audit rows the release wrote, unkeyed (plain SHA-256): the number an upgrade vouches for in BenchDashboard:Audit:UnkeyedRows.</summary>
    public const long AuditRows = 18;

    public static void CopyTo(string path) => File.Copy(FixturePath, path, overwrite: true);
}
