namespace BenchDashboard.Data.Copy;

/// <summary>Something the operator must fix before a copy can run; the message says what, in one sentence.</summary>
public sealed class DatabaseCopyException(string message) : Exception(message);
