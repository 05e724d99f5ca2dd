using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Data.Migrations;

// One line per migration; the SQL lives in the .sql file named by the id.

[DbContext(typeof(AppDbContext))]
[Migration("20261122010000_InitialSchema")]
public sealed class InitialSchema : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_IngestionRollups")]
public sealed class IngestionRollups : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122030000_SignalSettings")]
public sealed class SignalSettingsMigration : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122040000_SignalAlerting")]
public sealed class SignalAlertingMigration : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122050000_CategoryRollups")]
public sealed class CategoryRollupsMigration : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122060000_SamplingWorkflow")]
public sealed class SamplingWorkflowMigration : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261205010000_SignalEpisodes")]
public sealed class SignalEpisodesMigration : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261205020000_HonestRates")]
public sealed class HonestRatesMigration : SqlScriptMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261205030000_InputLengths")]
public sealed class InputLengthsMigration : SqlScriptMigration;
