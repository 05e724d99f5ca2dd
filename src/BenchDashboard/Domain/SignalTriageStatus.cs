namespace BenchDashboard.Domain;

/// <summary>What a lead did with a signal: seen and owned, or put aside until a date.</summary>
public enum SignalTriageStatus { Acknowledged, Snoozed }
