using BenchDashboard.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Data.Sqlite;

/// <summary>
/// Takes over a database made by the releases that migrated with SQL scripts (decision 0007): their history rows in
/// <c>__EFMigrationsHistory</c> become the one row of the EF baseline, once the schema is proven to be exactly what the last
/// script left. The tables the baseline no longer has are dropped when empty and kept, with a warning, when they hold
/// rows (decision 0016). Anything else (an older script release, a changed schema) stops the start with a message and
/// changes nothing.
/// </summary>
internal static class ScriptReleaseAdoption
{
    /// <summary>The script migrations, in order, as the last script release recorded them.</summary>
    public static readonly IReadOnlyList<string> ScriptMigrations =
    [
        "20261122010000_InitialSchema", "20261122020000_IngestionRollups", "20261122030000_SignalSettings",
        "20261122040000_SignalAlerting", "20261122050000_CategoryRollups", "20261122060000_SamplingWorkflow",
        "20261205010000_SignalEpisodes", "20261205020000_HonestRates", "20261205030000_InputLengths",
    ];

    /// <summary>Where the script release ends: the commit whose <c>main</c> still had the scripts.</summary>
    public const string LastScriptRelease = "08c2822 (2026-12-05)";

    /// <summary>The migration that replaces the scripts.</summary>
    public static string BaselineMigration => typeof(Baseline).GetCustomAttributes(typeof(MigrationAttribute), false)
        .Cast<MigrationAttribute>().Single().Id;

    /// <summary>
    /// Tables the scripts created that no code used; the baseline leaves them out. Their definitions, as the scripts wrote
    /// them, so a database that still has them can be compared with "baseline plus these".
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RetiredTables = new Dictionary<string, string>
    {
        ["RubricItems"] = """
            CREATE TABLE "RubricItems" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_RubricItems" PRIMARY KEY AUTOINCREMENT,
                "RubricVersionId" INTEGER NOT NULL,
                "Key" TEXT NOT NULL,
                "Description" TEXT NOT NULL,
                "Weight" REAL NOT NULL,
                CONSTRAINT "FK_RubricItems_RubricVersions_RubricVersionId" FOREIGN KEY ("RubricVersionId") REFERENCES "RubricVersions" ("Id") ON DELETE CASCADE
            );
            CREATE UNIQUE INDEX "IX_RubricItems_RubricVersionId_Key" ON "RubricItems" ("RubricVersionId", "Key");
            """,
        ["RubricReviewDecisions"] = """
            CREATE TABLE "RubricReviewDecisions" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_RubricReviewDecisions" PRIMARY KEY AUTOINCREMENT,
                "RubricReviewId" INTEGER NOT NULL,
                "ItemKey" TEXT NOT NULL,
                "Decision" TEXT NOT NULL,
                "Rationale" TEXT NULL,
                CONSTRAINT "FK_RubricReviewDecisions_RubricReviews_RubricReviewId" FOREIGN KEY ("RubricReviewId") REFERENCES "RubricReviews" ("Id") ON DELETE CASCADE
            );
            CREATE INDEX "IX_RubricReviewDecisions_RubricReviewId" ON "RubricReviewDecisions" ("RubricReviewId");
            """,
        ["UpgradeAuditDecisions"] = """
            CREATE TABLE "UpgradeAuditDecisions" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_UpgradeAuditDecisions" PRIMARY KEY AUTOINCREMENT,
                "UpgradeAuditId" INTEGER NOT NULL,
                "BenchCaseId" INTEGER NOT NULL,
                "Change" TEXT NOT NULL,
                "Decision" TEXT NOT NULL,
                "Rationale" TEXT NULL,
                CONSTRAINT "FK_UpgradeAuditDecisions_BenchCases_BenchCaseId" FOREIGN KEY ("BenchCaseId") REFERENCES "BenchCases" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_UpgradeAuditDecisions_UpgradeAudits_UpgradeAuditId" FOREIGN KEY ("UpgradeAuditId") REFERENCES "UpgradeAudits" ("Id") ON DELETE CASCADE
            );
            CREATE INDEX "IX_UpgradeAuditDecisions_BenchCaseId" ON "UpgradeAuditDecisions" ("BenchCaseId");
            CREATE UNIQUE INDEX "IX_UpgradeAuditDecisions_UpgradeAuditId_BenchCaseId" ON "UpgradeAuditDecisions" ("UpgradeAuditId", "BenchCaseId");
            """,
        ["Reports"] = """
            CREATE TABLE "Reports" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Reports" PRIMARY KEY AUTOINCREMENT,
                "ProjectId" INTEGER NOT NULL,
                "PeriodFrom" TEXT NOT NULL,
                "PeriodTo" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "CreatedBy" TEXT NULL,
                "Sha256" TEXT NOT NULL,
                "Content" BLOB NOT NULL,
                CONSTRAINT "FK_Reports_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
            );
            CREATE INDEX "IX_Reports_ProjectId_CreatedAt" ON "Reports" ("ProjectId", "CreatedAt");
            """,
    };

    private const string History = "__EFMigrationsHistory";

    /// <summary>Adopts a script-release database; does nothing to a new one or one already on EF migrations.</summary>
    public static async Task AdoptIfNeededAsync(AppDbContext db, ILogger logger, CancellationToken ct = default)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var tables = (await NamesAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", ct)).ToHashSet();
            var applied = tables.Contains(History)
                ? await NamesAsync(connection, $"SELECT MigrationId FROM \"{History}\" ORDER BY MigrationId", ct)
                : [];
            var appTables = tables.Where(t => !t.StartsWith("__EF", StringComparison.Ordinal)).ToList();
            if (applied.Count == 0)
            {
                if (appTables.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"The database {connection.DataSource} holds tables ({string.Join(", ", appTables.Take(5))}{(appTables.Count > 5 ? ", …" : "")}) " +
                        "but no migration history, so it was not made by BenchDashboard. Nothing was changed. Point ConnectionStrings:Default " +
                        "at a BenchDashboard database, or at a new file to start empty.");
                }
                return; // a new database: the migrations build it
            }
            if (!applied.Any(ScriptMigrations.Contains)) return; // already on EF migrations

            if (!applied.SequenceEqual(ScriptMigrations))
            {
                throw new InvalidOperationException(
                    $"The database {connection.DataSource} was migrated by an older BenchDashboard release with SQL scripts up to " +
                    $"{applied[^1]}, not {ScriptMigrations[^1]} (its history: {string.Join(", ", applied)}). Nothing was changed. Start the " +
                    $"release {LastScriptRelease} on it once (it applies the remaining scripts), then this release.");
            }

            var differences = await CompareWithScriptReleaseAsync(connection, ct);
            if (differences.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database {connection.DataSource} records every SQL-script migration, but its schema is not the one they build, " +
                    "so it cannot be taken over safely. Nothing was changed. Differences (- expected, + found):\n" + string.Join("\n", differences));
            }

            await AdoptAsync(db, connection, logger, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What differs from the schema the last script left: the baseline plus the retired tables.</summary>
    private static async Task<List<string>> CompareWithScriptReleaseAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var expectedConnection = new SqliteConnection("Data Source=:memory:");
        await expectedConnection.OpenAsync(ct);
        await using (var expectedDb = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(expectedConnection).Options))
        {
            await expectedDb.GetService<IMigrator>().MigrateAsync(BaselineMigration, ct);
        }
        foreach (var sql in RetiredTables.Values)
        {
            await using var create = expectedConnection.CreateCommand();
            create.CommandText = sql;
            await create.ExecuteNonQueryAsync(ct);
        }
        var expected = await SqliteSchema.DescribeAsync(expectedConnection, ct);
        var actual = await SqliteSchema.DescribeAsync(connection, ct);
        return [.. expected.Except(actual).Select(l => "- " + l), .. actual.Except(expected).Select(l => "+ " + l)];
    }

    private static async Task AdoptAsync(AppDbContext db, SqliteConnection connection, ILogger logger, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = (SqliteTransaction)transaction;
        cmd.CommandText = $"DELETE FROM \"{History}\"";
        await cmd.ExecuteNonQueryAsync(ct);
        cmd.CommandText = history.GetInsertScript(new HistoryRow(BaselineMigration, ProductInfo.GetVersion()));
        await cmd.ExecuteNonQueryAsync(ct);
        foreach (var table in RetiredTables.Keys)
        {
            cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            var rows = (long)(await cmd.ExecuteScalarAsync(ct))!;
            if (rows == 0)
            {
                cmd.CommandText = $"DROP TABLE \"{table}\"";
                await cmd.ExecuteNonQueryAsync(ct);
            }
            else
            {
                logger.LogWarning("Table {Table} is kept: it holds {Rows} rows, though this release neither reads nor writes it " +
                    "(docs/decisions/0016-ef-core-migrations.md). The release that uses it again takes them over.", table, rows);
            }
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Database {Database} taken over from the SQL-script migrations: {Baseline} is recorded as applied.",
            connection.DataSource, BaselineMigration);
    }

    private static async Task<List<string>> NamesAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        var names = new List<string>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }
}
