using System.Data.Common;

namespace BenchDashboard.Data;

/// <summary>Commands for the raw-SQL paths (imports, maintenance) on either provider; parameters are named <c>@name</c>.</summary>
internal static class DbCommands
{
    /// <summary>A command with the named parameters, prepared where the provider gains from it (one parse, then only values change).</summary>
    public static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        // Npgsql prepares statements it sees often by itself and wants parameter types before an explicit Prepare.
        if (SqlDialect.Of(connection).PreparesExplicitly) command.Prepare();
        return command;
    }

    public static DbCommand Set(this DbCommand command, string parameter, object? value)
    {
        command.Parameters[parameter].Value = value ?? DBNull.Value;
        return command;
    }

    /// <summary>
    /// Sets a value that may be NULL, giving a NULL its type: PostgreSQL cannot infer the type of a NULL parameter in
    /// <c>@x IS NULL</c> by itself (SQLite needs none). A value keeps the type the provider infers from it (a UTC time
    /// is a <c>timestamptz</c> on PostgreSQL, which <see cref="System.Data.DbType.DateTime"/> would not be).
    /// </summary>
    public static DbCommand Set(this DbCommand command, string parameter, object? value, System.Data.DbType typeOfNull)
    {
        if (value is null) command.Parameters[parameter].DbType = typeOfNull;
        else command.Parameters[parameter].ResetDbType();
        return command.Set(parameter, value);
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? GetNullableDouble(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
