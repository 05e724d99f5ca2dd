using BenchDashboard.Domain;
using BenchDashboard.Features.UpgradeAudits.Evidence;
using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Features.UpgradeAudits;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Components;

/// <summary>The audit's evidence panels as a lead sees them: numbers with n, the sentences, links to rounds, and trace text encoded.</summary>
public sealed class UpgradeEvidencePanelTests : AppComponentTestContext
{
    private async Task<UpgradeEvidenceProject> SeedAsync()
    {
        var factory = await UseNewDatabaseAsync();
        Services.AddSingleton<ProductionEvidence>();
        Services.AddSingleton<BlindSpotFinder>();
        User.SetAuthorized("lead@test.local").SetRoles(Roles.Lead);
        await using var db = await factory.CreateDbContextAsync();
        return await UpgradeEvidenceProject.SeedAsync(db);
    }

    [Fact]
    public async Task Production_beside_the_bench_shows_each_metric_per_version_with_its_test_and_sentence()
    {
        var project = await SeedAsync();
        var panel = Render<ProductionBesideBenchPanel>(p => p
            .Add(c => c.ProjectId, project.ProjectId).Add(c => c.BaseVersionId, project.V1).Add(c => c.HeadVersionId, project.V2));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=production-thumbsUpRate]")));
        var thumbs = panel.Find("[data-testid=production-thumbsUpRate]").TextContent;
        Assert.Contains("80.0 %", thumbs);
        Assert.Contains("n = 200", thumbs);
        Assert.Contains("two-proportion z-test", thumbs);
        Assert.Contains("< 0.001", thumbs);
        Assert.Contains("v2 is worse for them", panel.Find("[data-testid=production-sentence-thumbsUpRate]").TextContent);
        Assert.Contains("Welch's t-test", panel.Find("[data-testid=production-csat]").TextContent);
        Assert.Contains("v1: live from 2026-03-01 to 2026-04-01, 200 traces", panel.Find("[data-testid=production-periods]").TextContent);
        Assert.Equal(TrendMetrics.UserExperience.Count, panel.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task Blind_spots_link_their_rounds_and_show_trace_text_and_notes_as_text()
    {
        var project = await SeedAsync();
        var panel = Render<BenchBlindSpotsPanel>(p => p
            .Add(c => c.ProjectId, project.ProjectId).Add(c => c.BaseVersionId, project.V1).Add(c => c.HeadVersionId, project.V2));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=blind-spot]").Count));
        Assert.Contains("labelled 4 sampled traces of v2 and judged 3 a failure; the bench would not have caught 2 of them",
            // As a browser shows it: runs of white space are one space.
            System.Text.RegularExpressions.Regex.Replace(panel.Find("[data-testid=blind-summary]").TextContent, @"\s+", " "));
        Assert.Equal([$"/p/{project.Slug}/sampling/{project.Round2}", $"/p/{project.Slug}/sampling/{project.Round1}"],
            panel.FindAll("[data-testid=blind-spot-round]").Select(a => a.GetAttribute("href")));
        // The hostile input and notes are shown as the characters they are, never as markup.
        Assert.Equal(UpgradeEvidenceProject.HostileInput, panel.FindAll("[data-testid=blind-spot-input]")[1].TextContent);
        Assert.Empty(panel.FindAll("script"));
        Assert.Empty(panel.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", panel.Markup);
        Assert.Contains("&lt;script&gt;", panel.Markup);
    }
}
