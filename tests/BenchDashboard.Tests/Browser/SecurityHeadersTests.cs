using BenchDashboard.Infrastructure;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// Issue 12, finding 10 (in part): every answer of the real app on Kestrel (page, API error, static file, 404) carries
/// the security headers and no Server banner.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SecurityHeadersTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/projects")]
    [InlineData("/app.css")]
    [InlineData("/no/such/page")]
    [InlineData("/healthz")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_banner(string path)
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseUrl };

        using var response = await http.GetAsync(path);

        foreach (var (name, value) in SecurityHeaders.All)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{path} lacks {name}");
            Assert.Equal(value, Assert.Single(values));
        }
        Assert.False(response.Headers.Contains("Server"), $"{path} names the server: {string.Join(", ", response.Headers.Server)}");
    }
}
