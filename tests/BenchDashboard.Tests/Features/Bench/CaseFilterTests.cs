using BenchDashboard.Domain;
using BenchDashboard.Features.Bench.Cases;

namespace BenchDashboard.Tests.Features.Bench;

/// <summary>The case list's filter lives in the URL: a shared link opens the same list, and a mistyped one still opens.</summary>
public class CaseFilterTests
{
    [Fact]
    public void A_filter_survives_the_round_trip_through_the_address()
    {
        var filter = new CaseFilter(CaseStatusFilter.Retired, BenchCaseSource.ProductionGap, "billing", "refund", 3);
        var query = filter.Query();

        Assert.Equal(filter, CaseFilter.Parse((string?)query["status"], (string?)query["source"], (string?)query["category"], (string?)query["q"], query["page"]?.ToString()));
        Assert.Equal(("retired", "production_gap"), ((string?)query["status"], (string?)query["source"]));
    }

    [Fact]
    public void Unknown_or_malformed_values_fall_back_to_the_defaults_and_the_default_list_has_a_plain_address()
    {
        var parsed = CaseFilter.Parse("deleted", "production-gap", "  ", " ", "-2");

        Assert.Equal(CaseFilter.Default, parsed);
        Assert.All(CaseFilter.Default.Query().Values, Assert.Null);
        Assert.Equal(CaseFilter.MaxTextLength, CaseFilter.Parse(null, null, null, new string('x', 5_000), null).Text!.Length);
    }
}
