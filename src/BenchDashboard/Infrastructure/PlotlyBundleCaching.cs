using System.Text.RegularExpressions;

namespace BenchDashboard.Infrastructure;

/// <summary>
/// Plotly.Blazor loads plotly.js and its interop module by plain URLs (<c>_content/Plotly.Blazor/plotly-basic-3.7.0.min.js</c>),
/// which the static assets endpoints answer with <c>Cache-Control: no-cache</c>, so every visit revalidated the bundle.
/// These file names carry their version and change with every package update, so browsers may keep them for a year
/// without asking again (decision 0018).
/// </summary>
public static partial class PlotlyBundleCaching
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static WebApplication UsePlotlyBundleCaching(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsVersionedPlotlyFile(context.Request.Path))
            {
                // Set as the headers go out: the static asset endpoint writes its own Cache-Control first.
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                        context.Response.Headers.CacheControl = CacheControl;
                    return Task.CompletedTask;
                });
            }
            await next(context);
        });
        return app;
    }

    /// <summary>plotly.js bundles (<c>plotly-3.7.0.min.js</c>, <c>plotly-basic-3.7.0.min.js</c>) and the interop module
    /// (<c>plotly-interop-7.2.0.js</c>): only names with a version in them.</summary>
    internal static bool IsVersionedPlotlyFile(PathString path) =>
        path.StartsWithSegments("/_content/Plotly.Blazor", StringComparison.Ordinal, out var rest) && rest.HasValue && VersionedName().IsMatch(rest.Value!);

    [GeneratedRegex(@"^/plotly-(?:[a-z]+-)?\d+\.\d+\.\d+(?:\.min)?\.js$")]
    private static partial Regex VersionedName();
}
