using System.Net;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The README's production-like start runs the built app with ASPNETCORE_ENVIRONMENT=Production. The host serves the
/// static web assets of the project and its packages from the build output only when told to; without them the pages
/// load unstyled and no component script (MudBlazor, the workbench's keys, the chart) runs.
/// </summary>
[Trait("Category", "Process")]
public class ProductionStartTests
{
    [Fact]
    public async Task A_production_start_from_the_build_output_serves_every_script_and_stylesheet_the_pages_need()
    {
        var app = new RunningApp(demo: false, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        try
        {
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = app.BaseUrl };
            foreach (var path in new[]
                     {
                         "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js", "/_content/MudBlazor/MudBlazor.min.css", "/preferences.js", "/BenchDashboard.styles.css",
                         "/Features/Review/WorkbenchPage.razor.js", "/Components/Shared/PlotlyChart.razor.js", "/_content/Plotly.Blazor/plotly-basic-3.7.0.min.js",
                         "/_content/Plotly.Blazor/plotly-interop-7.2.0.js", "/app.css",
                     })
            {
                var response = await http.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            }
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_production_start_without_an_audit_key_stops_with_a_clear_message_and_no_stack_trace()
    {
        var app = new RunningApp(demo: false, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["BenchDashboard__Audit__Key"] = "",
        });
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(app.StartAsync);

            Assert.Contains("The app exited with 1", error.Message);
            Assert.Contains("BenchDashboard:Audit:Key is not set. In the Production environment the audit log must be keyed", error.Message);
            Assert.DoesNotContain("Unhandled exception", error.Message);
            Assert.DoesNotMatch(@"\n\s+at \S+\(", error.Message);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
