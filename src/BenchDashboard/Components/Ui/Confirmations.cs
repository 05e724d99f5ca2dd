using MudBlazor;

namespace BenchDashboard.Components.Ui;

/// <summary>Asks the user to confirm something that cannot be undone, in a modal dialog with two plain-worded buttons.</summary>
public sealed class Confirmations(IDialogService dialogs)
{
    /// <summary>True when the user chose <paramref name="yes"/>; false on <paramref name="no"/>, Escape or closing.</summary>
    public async Task<bool> AskAsync(string title, string message, string yes, string no = "Cancel")
    {
        var answer = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = title,
            Message = message,
            YesText = yes,
            CancelText = no,
        }, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        return answer == true;
    }
}
