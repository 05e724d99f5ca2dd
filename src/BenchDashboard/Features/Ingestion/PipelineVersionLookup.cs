using System.Data.Common;
using BenchDashboard.Data;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// Resolves version labels of one project to ids inside an import, creating unknown versions on first use
/// (deployed at the time of the first row that names them; API.md says the same for bench runs).
/// </summary>
internal sealed class PipelineVersionLookup(ImportSession session)
{
    private readonly Dictionary<string, int?> _ids = new(StringComparer.Ordinal);
    private DbCommand? _find, _insert;

    public List<string> Created { get; } = [];

    /// <summary>The id, or null in a read-only lookup when the version does not exist yet.</summary>
    public int? Find(string version)
    {
        if (_ids.TryGetValue(version, out var id)) return id;
        _find ??= session.Prepare("""SELECT "Id" FROM "PipelineVersions" WHERE "ProjectId" = @p AND "Version" = @v""", "@p", "@v");
        var found = _find.Set("@p", session.ProjectId).Set("@v", version).ExecuteScalar();
        id = found is null ? null : Convert.ToInt32(found);
        if (id is not null) _ids[version] = id;
        return id;
    }

    public int FindOrCreate(string version, DateTime deployedAt)
    {
        if (Find(version) is { } existing) return existing;
        _insert ??= session.Prepare(
            """INSERT INTO "PipelineVersions" ("ProjectId", "Version", "DeployedAt") VALUES (@p, @v, @t) RETURNING "Id" """, "@p", "@v", "@t");
        var id = Convert.ToInt32(_insert.Set("@p", session.ProjectId).Set("@v", version).Set("@t", session.Dialect.Timestamp(deployedAt)).ExecuteScalar());
        _ids[version] = id;
        Created.Add(version);
        return id;
    }
}
