using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench.Cases;

/// <summary>
/// The one way a bench case is retired or brought back (the Bench case page, and upgrade audits that decide "retire").
/// Data time (ARCHITECTURE.md, decision 0028): a retirement takes effect when it is made. The case keeps counting in
/// every run that started before <see cref="BenchCase.RetiredAt"/>, so past pass rates do not move, and leaves the pass
/// rate and the bench (signals, coverage by category) from then on. Reactivation clears <see cref="BenchCase.RetiredAt"/>;
/// the audit log keeps when the case had been retired. Every change needs a reason and is audited.
/// </summary>
public sealed class BenchCaseRetirement(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>The longest reason kept, in characters.</summary>
    public const int MaxReasonLength = 1_000;

    /// <summary>Why a reason is refused, in words a lead reads under the field; null when it is fine.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Say why: the reason is kept in the audit log for whoever reads the bench's history."
        : reason.Trim().Length > MaxReasonLength ? $"Keep the reason to {MaxReasonLength:N0} characters or fewer (it has {reason.Trim().Length:N0})."
        : null;

    /// <summary>
    /// Retires the active case <paramref name="caseExternalId"/> (the bench runner's case id) of project
    /// <paramref name="projectId"/> from now on; <paramref name="reason"/> is required; <paramref name="user"/> is the
    /// name the audit log records (the signed-in email).
    /// </summary>
    public Task<RetirementOutcome> RetireAsync(int projectId, string caseExternalId, string reason, string user, CancellationToken ct = default) =>
        ChangeAsync(projectId, caseExternalId, reason, user, retire: true, ct);

    /// <summary>Brings the retired case back into the bench from now on; same arguments as <see cref="RetireAsync"/>.</summary>
    public Task<RetirementOutcome> ReactivateAsync(int projectId, string caseExternalId, string reason, string user, CancellationToken ct = default) =>
        ChangeAsync(projectId, caseExternalId, reason, user, retire: false, ct);

    private async Task<RetirementOutcome> ChangeAsync(int projectId, string caseExternalId, string reason, string user, bool retire, CancellationToken ct)
    {
        if (ReasonProblem(reason) is not null) return RetirementOutcome.InvalidReason;
        reason = reason.Trim();
        var from = retire ? BenchCaseStatus.Active : BenchCaseStatus.Retired;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var benchCase = await db.BenchCases.FirstOrDefaultAsync(c => c.ProjectId == projectId && c.ExternalId == caseExternalId, ct);
        if (benchCase is null) return RetirementOutcome.UnknownCase;
        if (benchCase.Status != from) return RetirementOutcome.AlreadyInThatState;

        var now = clock.GetUtcNow().UtcDateTime;
        var wasRetiredAt = benchCase.RetiredAt;
        benchCase.Status = retire ? BenchCaseStatus.Retired : BenchCaseStatus.Active;
        benchCase.RetiredAt = retire ? now : null;
        // The status is the concurrency check: of two leads retiring the same case at once, one changes it.
        db.Entry(benchCase).Property(c => c.Status).OriginalValue = from;
        try
        {
            // The save raises the project's data version (DataVersionInterceptor): cached signals and trends recompute.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RetirementOutcome.AlreadyInThatState;
        }

        object payload = retire
            ? new { ProjectId = projectId, Reason = reason, RetiredAt = now }
            : new { ProjectId = projectId, Reason = reason, ReactivatedAt = now, WasRetiredAt = wasRetiredAt };
        await audit.AppendAsync(user, retire ? AuditActions.BenchCaseRetired : AuditActions.BenchCaseReactivated,
            $"bench-case:{caseExternalId}", payload, ct);
        return RetirementOutcome.Done;
    }
}
