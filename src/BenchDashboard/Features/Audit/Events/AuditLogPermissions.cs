using BenchDashboard.Domain;

namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// Who reads the audit log and checks its chain: Auditors, whose evidence it is, and Admins, who keep it. Leads are not
/// readers: the log also holds the administration of accounts and keys (sign-ins and failed sign-ins by name, role
/// changes, key creation), which their work does not need, and their own decisions show on the pages they work on
/// (decision 0037). The page, its CSV download, the navigation and the chain API all read this.
/// </summary>
public static class AuditLogPermissions
{
    /// <summary>For <c>[Authorize(Roles = …)]</c> and the navigation.</summary>
    public const string Readers = Roles.Admin + "," + Roles.Auditor;

    /// <summary>The same roles as a list, for policies that test them one by one.</summary>
    public static readonly IReadOnlyList<string> ReaderRoles = [Roles.Admin, Roles.Auditor];
}
