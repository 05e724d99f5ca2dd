using Microsoft.JSInterop;

namespace BenchDashboard.Components.Layout;

/// <summary>Writes the preference cookies from the interactive page (no request goes to the server for it).</summary>
public sealed class BrowserCookies(IJSRuntime js)
{
    /// <summary>Stores a year-long, same-site cookie; failures (circuit gone) are ignored: it is only a preference.</summary>
    public async Task SetAsync(string name, string value)
    {
        try
        {
            await js.InvokeVoidAsync("benchDashboard.setPreference", name, value);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }
}
