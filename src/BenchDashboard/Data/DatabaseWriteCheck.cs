using BenchDashboard.Data.Postgres;
using BenchDashboard.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BenchDashboard.Data;

/// <summary>
/// /healthz: Healthy only when the database can be written, not merely reached (decision 0021); each provider probes in
/// its own way and stores nothing. A writer holding the lock is Degraded (200), not Unhealthy: an import in progress is
/// no reason to take the instance out of service.
/// </summary>
internal sealed class DatabaseWriteCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            return db.Database.GetDbConnection() switch
            {
                SqliteConnection sqlite => SqliteWriteProbe.Check(sqlite),
                NpgsqlConnection postgres => await PostgresWriteProbe.CheckAsync(postgres, ct),
                var other => throw new NotSupportedException($"No write probe for {other.GetType().Name}."),
            };
        }
        catch (Exception ex) when (StorageFailure.Of(ex) is { } failure)
        {
            return failure.Busy ? HealthCheckResult.Degraded(failure.Title) : HealthCheckResult.Unhealthy(failure.Title);
        }
    }
}
