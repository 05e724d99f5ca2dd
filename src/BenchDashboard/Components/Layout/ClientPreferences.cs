namespace BenchDashboard.Components.Layout;

/// <summary>
/// What this browser remembers between visits (cookies, read while prerendering and handed to the interactive app as a
/// root parameter, so the first paint already has them): the theme, and the project the user had open last.
/// </summary>
public sealed record ClientPreferences(bool Dark, string? LastProject)
{
    /// <summary>The cookie holding the slug of the project shown last.</summary>
    public const string ProjectCookie = "BenchDashboard.Project";

    public static ClientPreferences From(IRequestCookieCollection cookies) => new(
        Ui.AppTheme.IsDark(cookies[Ui.AppTheme.Cookie]),
        cookies[ProjectCookie] is { Length: > 0 and <= 200 } slug ? slug : null);
}
