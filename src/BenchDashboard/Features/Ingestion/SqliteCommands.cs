using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>Prepared commands for the import hot path: one parse of the SQL, then only parameter values change.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    public static SqliteCommand Set(this SqliteCommand command, string parameter, object? value)
    {
        command.Parameters[parameter].Value = value ?? DBNull.Value;
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
