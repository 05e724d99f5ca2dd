using System.Runtime.CompilerServices;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BenchDashboard.Data;

/// <summary>
/// Bumps <see cref="Project.DataVersion"/> of every project whose data an EF save adds, changes or deletes, in the
/// save's own transaction (it opens one when the caller has none), so cached signals are never older than the version
/// says. A row belongs to the project of its <c>ProjectId</c>, or else of the parent it points to (a bench result to
/// its run, a label to its sampled trace and round). Bookkeeping that signals do not read is listed in
/// <see cref="NotSignalInputs"/>, the one place to add such types.
/// Writes that bypass SaveChanges (raw SQLite imports, ExecuteUpdate) call <see cref="ProjectDataVersion.Bump"/>
/// themselves.
/// </summary>
internal sealed class DataVersionInterceptor : SaveChangesInterceptor
{
    public static readonly DataVersionInterceptor Instance = new();

    /// <summary>Rows that never change what a signal computes: alerting's own state and outbox, the audit log, keys,
    /// the reviewers' list of failure categories, and acknowledgements and snoozes (laid over the cached signals
    /// by <c>SignalBoard</c>; a re-baseline, in contrast, changes the episodes and does bump). (Project settings are part
    /// of the signals' cache key.)</summary>
    internal static readonly IReadOnlySet<Type> NotSignalInputs = new HashSet<Type>
    {
        typeof(Project), typeof(SignalState), typeof(WebhookDelivery), typeof(AuditEvent), typeof(ApiKey),
        typeof(FailureCategory), typeof(SignalTriage),
    };

    private const string ProjectIdProperty = "ProjectId";

    /// <summary>The transactions this interceptor opened, to commit or roll back when the save ends.</summary>
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _opened = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await BumpAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) BumpAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Take(db) is { } transaction)
        {
            await using (transaction) await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Take(db) is { } transaction)
        {
            using (transaction) transaction.Commit();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await RollBackAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBackAsync(eventData.Context).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await RollBackAsync(eventData.Context);

    private async Task RollBackAsync(DbContext? db)
    {
        if (db is not null && Take(db) is { } transaction)
        {
            await using (transaction) await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    private IDbContextTransaction? Take(DbContext db)
    {
        if (!_opened.TryGetValue(db, out var transaction)) return null;
        _opened.Remove(db);
        return transaction;
    }

    private async Task BumpAsync(DbContext db, CancellationToken ct)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        var projects = await ChangedProjectsAsync(db, ct);
        if (projects.Count == 0) return;
        if (db.Database.CurrentTransaction is null) _opened.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        await ProjectDataVersion.BumpAsync(db, projects, ct);
    }

    private static async Task<HashSet<int>> ChangedProjectsAsync(DbContext db, CancellationToken ct)
    {
        var projects = new HashSet<int>();
        var resolver = new ProjectResolver(db);
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (NotSignalInputs.Contains(entry.Metadata.ClrType)) continue;
            if (await resolver.ProjectOfAsync(entry, ct) is { } project) projects.Add(project);
            // A row moved to another project changes both.
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(ProjectIdProperty) is { } moved
                && entry.OriginalValues[moved] is int before) projects.Add(before);
        }
        return projects;
    }

    /// <summary>Finds the project of a row through its <c>ProjectId</c> or its parents', from tracked rows or the database.</summary>
    private sealed class ProjectResolver(DbContext db)
    {
        private Dictionary<(IEntityType, object), EntityEntry>? _tracked;

        public async ValueTask<int?> ProjectOfAsync(EntityEntry entry, CancellationToken ct, int depth = 0)
        {
            var type = entry.Metadata;
            var values = entry.State == EntityState.Deleted ? entry.OriginalValues : entry.CurrentValues;
            if (type.FindProperty(ProjectIdProperty) is { } projectId)
            {
                // A project saved in the same call has no id yet, and nothing of it can have been computed.
                return entry.Property(projectId.Name).IsTemporary ? null : values[projectId] as int?;
            }
            if (depth > 4) return null;
            foreach (var fk in type.GetForeignKeys().Where(k => k.Properties.Count == 1 && BelongsToProject(k.PrincipalEntityType)))
            {
                if (values[fk.Properties[0]] is not { } parentKey) continue;
                var found = Tracked().TryGetValue((fk.PrincipalEntityType, parentKey), out var parent)
                    ? await ProjectOfAsync(parent, ct, depth + 1)
                    : await StoredProjectOfAsync(fk.PrincipalEntityType, fk.PrincipalKey.Properties[0], parentKey, ct, depth + 1);
                if (found is not null) return found;
            }
            return null;
        }

        /// <summary>The project of a stored row, read with one small query per level (a label: its sampled trace, then its round).</summary>
        private async Task<int?> StoredProjectOfAsync(IEntityType type, IProperty key, object keyValue, CancellationToken ct, int depth)
        {
            var table = type.GetTableName();
            if (table is null || depth > 4) return null;
            var where = $$"""FROM "{{table}}" WHERE "{{key.GetColumnName()}}" = {0}""";
            if (type.FindProperty(ProjectIdProperty) is { } projectId)
            {
                // Names come from the EF model, the value is a parameter.
                var sql = $"""SELECT "{projectId.GetColumnName()}" AS "Value" {where}""";
                var stored = await db.Database.SqlQueryRaw<long?>(sql, keyValue).ToListAsync(ct);
                return stored.Count == 1 ? (int?)stored[0] : null;
            }
            foreach (var fk in type.GetForeignKeys().Where(k => k.Properties.Count == 1 && BelongsToProject(k.PrincipalEntityType)))
            {
                var sql = $"""SELECT "{fk.Properties[0].GetColumnName()}" AS "Value" {where}""";
                var parents = await db.Database.SqlQueryRaw<long?>(sql, keyValue).ToListAsync(ct);
                if (parents.Count == 1 && parents[0] is { } parent
                    && await StoredProjectOfAsync(fk.PrincipalEntityType, fk.PrincipalKey.Properties[0], Convert.ChangeType(parent, fk.PrincipalKey.Properties[0].ClrType), ct, depth + 1) is { } found)
                {
                    return found;
                }
            }
            return null;
        }

        private Dictionary<(IEntityType, object), EntityEntry> Tracked() =>
            _tracked ??= db.ChangeTracker.Entries()
                .Where(e => e.Metadata.FindPrimaryKey() is { Properties.Count: 1 })
                .Select(e => (Entry: e, Key: e.Property(e.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue))
                .Where(e => e.Key is not null)
                .GroupBy(e => (e.Entry.Metadata, e.Key!))
                .ToDictionary(g => g.Key, g => g.First().Entry);

        private static bool BelongsToProject(IEntityType type, int depth = 0) =>
            type.FindProperty(ProjectIdProperty) is not null
            || (depth < 4 && type.GetForeignKeys().Any(k => BelongsToProject(k.PrincipalEntityType, depth + 1)));
    }
}
