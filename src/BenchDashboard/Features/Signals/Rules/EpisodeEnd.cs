namespace BenchDashboard.Features.Signals.Rules;

/// <summary>Why a divergence episode closed.</summary>
public enum EpisodeEnd
{
    /// <summary>Users came back to within half the minimum effect of the reference level.</summary>
    Recovered,
    /// <summary>The bench fell comparably: it now sees what users see.</summary>
    BenchCaughtUp,
    /// <summary>A lead declared the new level normal, with a written reason.</summary>
    Rebaselined,
}
