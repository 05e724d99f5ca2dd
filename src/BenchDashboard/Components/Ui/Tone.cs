namespace BenchDashboard.Components.Ui;

/// <summary>What a message, badge or button means, independent of the component library's colour names.</summary>
public enum Tone
{
    Info,
    Success,
    Warning,
    Error,
    /// <summary>Neutral: no meaning beyond "here is something".</summary>
    Plain,
}
