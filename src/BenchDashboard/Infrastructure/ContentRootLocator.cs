namespace BenchDashboard.Infrastructure;

/// <summary>
/// Finds the folder that holds <c>appsettings.json</c> and <c>wwwroot/</c>. The design card keeps both at the
/// repository root, so <c>dotnet run --project src/BenchDashboard</c>, the tests and a published folder
/// all resolve the same files (docs/decisions/0006-repo-root-content.md).
/// </summary>
public static class ContentRootLocator
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "appsettings.json"))
                    && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                {
                    return dir.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
