namespace BenchDashboard.Features.Account;

public enum PasswordSignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
}
