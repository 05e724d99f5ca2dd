using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Data.Migrations;

/// <summary>
/// A migration whose Up step is the SQL file of the same name, embedded in the assembly. EF Core's design-time
/// package (and so <c>dotnet ef migrations add</c>) cannot be restored from this project's package feed, so each
/// migration is a reviewed SQL script instead (docs/decisions/0007-sql-script-migrations.md). EF still applies
/// them in order with <c>MigrateAsync</c> and records them in <c>__EFMigrationsHistory</c>.
/// </summary>
public abstract class SqlScriptMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var id = GetType().GetCustomAttribute<MigrationAttribute>()?.Id
            ?? throw new InvalidOperationException($"{GetType().Name} lacks a [Migration] attribute.");
        var resource = $"{typeof(SqlScriptMigration).Namespace}.{id}.sql";
        using var stream = typeof(SqlScriptMigration).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration script {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        // A script that rebuilds a table others reference must switch foreign keys off, which SQLite ignores inside a
        // transaction: such a script opens its own (SQLite's documented 12-step table rebuild) and says so on its first line.
        migrationBuilder.Sql(script, suppressTransaction: script.StartsWith(OwnTransactionMarker, StringComparison.Ordinal));
    }

    /// <summary>The first line of a script that manages its own transaction.</summary>
    public const string OwnTransactionMarker = "-- benchdashboard: own-transaction";

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("BenchDashboard migrations are forward-only; restore a backup to go back.");
}
