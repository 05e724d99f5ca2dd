using System.Net;
using BenchDashboard.Infrastructure;

namespace BenchDashboard.Tests.Browser;

/// <summary>On the real app: browsers may keep Plotly's versioned bundle for a year; the app's own files still revalidate.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class PlotlyBundleCachingTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/_content/Plotly.Blazor/plotly-basic-3.7.0.min.js")]
    [InlineData("/_content/Plotly.Blazor/plotly-interop-7.2.0.js")]
    public async Task Plotly_files_with_a_version_in_their_name_are_cached_for_a_year(string path)
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseUrl };

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlotlyBundleCaching.CacheControl, response.Headers.CacheControl?.ToString());
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, response.Headers.CacheControl?.ToString());

        // A revalidation (a browser that kept an old copy) is answered the same way.
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(PlotlyBundleCaching.CacheControl, notModified.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/app.css")]
    [InlineData("/Components/Shared/PlotlyChart.razor.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    public async Task The_apps_other_files_are_not_made_immutable(string path)
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseUrl };

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("immutable", response.Headers.CacheControl?.ToString() ?? "");
        Assert.DoesNotContain("31536000", response.Headers.CacheControl?.ToString() ?? "");
    }
}
