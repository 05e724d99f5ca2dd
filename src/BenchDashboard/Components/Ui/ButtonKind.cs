namespace BenchDashboard.Components.Ui;

/// <summary>How prominent a button is: the one main action of a form, a secondary one, or a quiet text button.</summary>
public enum ButtonKind
{
    Primary,
    Secondary,
    Text,
    /// <summary>Destroys or closes something; shown in the error colour.</summary>
    Danger,
}
