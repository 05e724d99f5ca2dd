namespace BenchDashboard.Features.Signals;

/// <summary>The limits of what a lead writes on a signal, for the form, the service and the database alike.</summary>
public static class SignalTriageLimits
{
    public const int Note = 2000;

    /// <summary>A re-baseline changes what "healthy" means for everyone: it needs a reason someone can read later.</summary>
    public const int MinReason = 10;

    /// <summary>A snooze is a reminder, not a mute: at most a quarter ahead.</summary>
    public const int MaxSnoozeDays = 92;

    public const int DefaultSnoozeDays = 7;
}
