using System.ComponentModel.DataAnnotations;

namespace BenchDashboard.Infrastructure;

/// <summary>How many live dashboard tabs (Blazor circuits) one account may hold, and how long a dropped one is kept.</summary>
public sealed class CircuitLimitOptions
{
    /// <summary>Circuits one signed-in user may hold at once (connected, or disconnected and still kept); one more is refused.</summary>
    [Range(1, 1_000, ErrorMessage = "BenchDashboard:Circuits:PerUser must be between 1 and 1,000.")]
    public int PerUser { get; set; } = 10;

    /// <summary>How long a circuit whose connection dropped (no clean close) is kept for the tab to reconnect, in seconds.</summary>
    [Range(1, 3_600, ErrorMessage = "BenchDashboard:Circuits:DisconnectedRetentionSeconds must be between 1 and 3,600.")]
    public int DisconnectedRetentionSeconds { get; set; } = 60;

    /// <summary>Dropped circuits kept at most, all users together; beyond it the oldest is released at once.</summary>
    [Range(0, 10_000, ErrorMessage = "BenchDashboard:Circuits:DisconnectedMaxRetained must be between 0 and 10,000.")]
    public int DisconnectedMaxRetained { get; set; } = 20;
}
