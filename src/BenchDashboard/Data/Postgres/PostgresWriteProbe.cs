using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BenchDashboard.Data.Postgres;

/// <summary>
/// The PostgreSQL half of <see cref="DatabaseWriteCheck"/>: creates a table in a transaction and rolls it back, so a
/// read-only server (a standby after a failover, <c>default_transaction_read_only</c>) or a refused write shows, and
/// nothing is stored. It waits for no lock: a health check answers at once.
/// </summary>
internal static class PostgresWriteProbe
{
    public static async Task<HealthCheckResult> CheckAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            """SET LOCAL lock_timeout = '100ms'; CREATE TEMPORARY TABLE "__HealthzWriteProbe" (x int) ON COMMIT DROP; INSERT INTO "__HealthzWriteProbe" VALUES (1);""",
            connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.RollbackAsync(ct);
        return HealthCheckResult.Healthy();
    }
}
