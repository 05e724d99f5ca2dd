namespace BenchDashboard.Components.Shared.Charts;

/// <summary>What a <see cref="ChartMarker"/> stands for; decides its style (<see cref="ChartPalette"/>).</summary>
public enum ChartMarkerKind
{
    /// <summary>A pipeline version was deployed: a dotted line, its label above the plot.</summary>
    Version,

    /// <summary>A signal started: a dashed line in the warning colour, its label inside the plot.</summary>
    Signal,

    /// <summary>Runs under a new rubric version began: a dash-dot line, its label above the plot beside the version labels.</summary>
    Rubric,
}
