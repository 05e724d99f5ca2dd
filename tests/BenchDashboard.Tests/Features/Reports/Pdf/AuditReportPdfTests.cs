using System.Text;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf;

namespace BenchDashboard.Tests.Features.Reports.Pdf;

/// <summary>
/// The audit report PDF read back with poppler, as an auditor's tools read it: every section in order, the figures as
/// the screens format them, DejaVu embedded, vector charts, hostile text drawn as text inside the page, long tables
/// paginated with their headers, an empty period said in words, and the same report giving the same bytes.
/// </summary>
public class AuditReportPdfTests
{
    private static readonly AuditReportPdf Renderer = new();
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 50, ContentBottom = PageHeight - 66 + 1, FooterLine = PageHeight - 50;

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void Every_section_follows_the_cover_in_order_with_its_figures_formatted()
    {
        var report = AuditReportSample.Quarter();
        using var pdf = new Poppler(Renderer.Render(report));
        var pages = pdf.Pages();
        var layout = pdf.Layout();
        var flat = Flat(pdf.Raw());

        var cover = pages[0];
        Assert.Contains("Audit report", cover);
        Assert.Contains("Support assistant (support-assistant)", Flat(cover));
        Assert.Contains("2026-07-01 to 2026-09-30", cover);
        Assert.Contains("2026-10-02 09:15 UTC", cover);
        Assert.Contains("auditor@example.com", cover);
        Assert.Contains(AuditReportSample.ReportId, cover);

        var at = AuditReportPdf.SectionTitles
            .Select(title => Regex.Match(layout, $@"^\s*{Regex.Escape(title)}\s*$", RegexOptions.Multiline))
            .Select((m, i) => m.Success ? m.Index : throw new Xunit.Sdk.XunitException($"No heading {AuditReportPdf.SectionTitles[i]}"))
            .ToList();
        Assert.Equal(at.Order(), at);
        Assert.True(at[0] > layout.IndexOf(AuditReportSample.ReportId, StringComparison.Ordinal));

        foreach (var outcome in new[] { "Partly held", "Held", "Missed", "Not due" }) Assert.Matches($@"\b{outcome}\b", layout);
        foreach (var expected in new[]
        {
            // Summary and scope
            "Escalation rate above threshold", "campaign traffic", "one round late", "v1.6", "still live", "2026-07-28 10:00 UTC",
            // Method
            "Active cases 312", "production sample", "approved by lead@example.com on 2026-09-20", "fires above 12.0 % over 7 days",
            // Results: four charts, episodes with every triage step
            "Bench pass rate and CSAT", "Bench pass rate and resolution rate", "2026-08-10 16:00 UTC, lead@example.com: resolved (tool fixed in v1.5.1)",
            // Outcomes analysis
            "Round 41: 2026-07", "Cohen's κ = 0.71 over 15 double-reviewed traces", "75.0 %: the bench would catch 9 of 12 failures (95 % Wilson interval 46.8 % to 91.1 %)",
            "closed 2026-09-17 00:00 UTC (late)", "case-refund-0412, case-order-0977", "Seed 20260743", "not measured (0 double-reviewed traces)",
            // Change log
            "Review 7: 2026-Q3", "v3 → v4", "Polite and concise; no blame on the customer.", "6 re-graded recent runs 93.4 % before, 91.8 % after (−1.6 pp)",
            // Upgrade audits
            "Audit 11: v1.4 → v1.5", "p = 0.031", "p < 0.001", "93.4 % base, 94.1 % head", "−3.9 pp (95 % interval −6.1 pp to −1.7 pp)",
            "signed off by lead@example.com on 2026-08-02 09:00 UTC", "not signed off", "case-v1.6-014", "undecided",
            // Integrity
            "sequence 48213", AuditReportSample.HeadHash, "Chain verified yes", "Audit events in period 1532",
            "Verify page (Reports → Verify)", "/api/v1/reports/verify", "SHA-256",
        })
            Assert.Contains(expected, flat);

        var count = pdf.PageCount();
        for (var i = 0; i < count; i++) Assert.Contains($"Page {i + 1} of {count}", pages[i]);
        Assert.All(pages, p => Assert.Contains($"Audit report {AuditReportSample.ReportId} · Support assistant", p));

        pdf.SavePages("quarter", 1, count);
    }

    [Fact]
    public void Fonts_are_DejaVu_embedded_as_subsets()
    {
        using var pdf = new Poppler(Renderer.Render(AuditReportSample.Quarter()));
        var fonts = pdf.Fonts().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.Equal(2, fonts.Count);
        Assert.Contains(fonts, f => Regex.IsMatch(f, @"^[A-Z]{6}\+DejaVu Sans\s"));
        Assert.Contains(fonts, f => Regex.IsMatch(f, @"^[A-Z]{6}\+DejaVu Sans,Bold\s"));
        // Columns: name, type, encoding, emb, sub, uni, object id.
        Assert.All(fonts, f => Assert.Matches(@"\byes\s+yes\s+yes\s+\d+\s+\d+\s*$", f));
    }

    [Fact]
    public void Charts_are_drawn_as_vector_paths_with_translucent_bands()
    {
        var bytes = Renderer.Render(AuditReportSample.Quarter());
        using var pdf = new Poppler(bytes);
        var images = pdf.Images().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, images.Length); // pdfimages' two header lines, no image
        var flat = Flat(pdf.Raw());
        Assert.Equal(4, Regex.Matches(flat, Regex.Escape("Bench pass rate (left axis)")).Count);
        Assert.Equal(4, Regex.Matches(flat, "95 % interval Version live Rubric version").Count);
        Assert.Contains("95 % interval", flat);
        // Bands are filled with a non-stroking alpha below 1 (an ExtGState /ca), not with opaque colour.
        Assert.Matches(@"/ca 0\.\d+", Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public void Hostile_text_is_drawn_as_text_and_nothing_leaves_the_page()
    {
        var longWord = string.Concat(Enumerable.Repeat("abcdefghij", 40));
        const string script = "<script>alert(1)</script>";
        const string formula = "=cmd|' /C calc'!A0";
        const string hebrew = "שלום עולם";
        var sample = AuditReportSample.Quarter();
        var audit = sample.UpgradeAudits[0] with
        {
            HeadVersion = formula,
            Cases = [new ReportCaseDecision(longWord, "newly failing", "accept", $"{script}\nsecond line 🚀 of the rationale\r\n{hebrew} \u202Egnp.exe")],
        };
        var report = sample with
        {
            Cover = sample.Cover with { ProjectName = $"{script} 👩‍👩‍👧 project" },
            Summary = sample.Summary with { Verdict = $"Verdict with a long word {longWord} and {formula}." },
            Scope = [sample.Scope[0] with { Label = formula, Notes = "line one\nline two" }],
            UpgradeAudits = [audit],
            Results = sample.Results with { Charts = [sample.Results.Charts[0] with { Title = script + " " + longWord, Markers = [new ReportMarker(new DateTime(2026, 8, 1), longWord, ReportMarkerKind.Version)] }] },
        };

        var bytes = Renderer.Render(report);
        // The file carries the markup only as glyphs on the pages, never as markup in its metadata (XMP is XML).
        Assert.DoesNotContain("<script>", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        using var pdf = new Poppler(bytes);
        pdf.SavePages("hostile", 1, pdf.PageCount());
        Assert.Matches(@"Subject:\s+\?script\?alert\(1\)\?/script\?", pdf.Info());
        var raw = pdf.Raw();
        var flat = Flat(raw);
        Assert.Contains(script, flat);
        Assert.Contains(formula, flat);
        Assert.Contains($"Audit 11: v1.4 → {formula}", flat);
        Assert.Contains(longWord, Regex.Replace(raw, @"\s+", ""));
        Assert.Contains("\uFFFD", flat); // the emoji, the family and the bidi override are shown, not dropped
        Assert.Contains("gnp.exe", flat);
        // Drawn in visual order, so extraction gives the words back in reading order (poppler wraps them in its own
        // embedding marks, removed here).
        Assert.Contains(hebrew, Regex.Replace(pdf.Layout(), "[\u202A-\u202E]", ""));
        Assert.Matches(@"line one\s*\n.*line two", pdf.Layout());

        var words = pdf.Words();
        Assert.NotEmpty(words);
        Assert.All(words, w =>
        {
            Assert.True(w.X0 >= Margin - 1 && w.X1 <= PageWidth - Margin + 1, $"'{w.Text}' on page {w.Page} runs from x {w.X0} to {w.X1}");
            Assert.True(w.Y0 >= 0 && w.Y1 <= PageHeight, $"'{w.Text}' on page {w.Page} runs from y {w.Y0} to {w.Y1}");
        });
        Assert.All(words.Where(w => w.Y0 < FooterLine), w => Assert.True(w.Y1 <= ContentBottom, $"'{w.Text}' on page {w.Page} reaches y {w.Y1}"));
        Assert.Equal("", pdf.RenderErrors());
    }

    [Fact]
    public void A_long_case_list_spans_pages_with_its_header_repeated_and_every_page_numbered()
    {
        var sample = AuditReportSample.Quarter();
        var report = sample with { UpgradeAudits = [AuditReportSample.Audit(12, "v1.5", "v1.6", 0.941, 0.902, -0.039, -0.061, -0.017, 0.0004, "open", null, null, 300)] };
        using var pdf = new Poppler(Renderer.Render(report));
        var pages = pdf.Pages();
        var count = pdf.PageCount();
        Assert.Equal(count, pages.Count);
        for (var i = 0; i < count; i++) Assert.Contains($"Page {i + 1} of {count}", pages[i]);

        var flat = Flat(pdf.Raw());
        for (var i = 1; i <= 300; i++) Assert.Contains($"case-v1.6-{i:000} ", flat);

        var tablePages = pages.Where(p => p.Contains("case-v1.6-", StringComparison.Ordinal)).ToList();
        Assert.True(tablePages.Count >= 4, $"300 cases on {tablePages.Count} pages");
        Assert.All(tablePages, p => Assert.Matches(@"Case\s+Change\s+Decision\s+Rationale", p));
        // Every page after the first names the audit its rows belong to.
        Assert.All(tablePages.Skip(1), p => Assert.Contains("Audit 12: v1.5 → v1.6 (continued)", p));
        pdf.SavePages("long-table", count - 1, count);
    }

    [Fact]
    public void A_rationale_longer_than_a_page_is_split_across_pages_and_loses_no_word()
    {
        var words = Enumerable.Range(1, 1500).Select(i => $"w{i:0000}").ToList();
        var sample = AuditReportSample.Quarter();
        var audit = sample.UpgradeAudits[0] with { Cases = [new ReportCaseDecision("case-long", "newly failing", "accept", string.Join(" ", words))] };
        using var pdf = new Poppler(Renderer.Render(sample with { UpgradeAudits = [audit] }));
        var raw = pdf.Raw();
        var found = Regex.Matches(raw, @"\bw\d{4}\b").Select(m => m.Value).ToList();
        Assert.Equal(words, found);
        var pagesWithWords = pdf.Words().Where(w => w.Text.StartsWith("w1", StringComparison.Ordinal)).Select(w => w.Page).Distinct().Count();
        Assert.True(pagesWithWords >= 2, $"the rationale is on {pagesWithWords} page(s)");
        // Content stops above the footer band; only the footer line lies below it.
        Assert.All(pdf.Words().Where(w => w.Y0 < FooterLine), w => Assert.True(w.Y1 <= ContentBottom, $"'{w.Text}' on page {w.Page} reaches y {w.Y1}"));
    }

    [Fact]
    public void A_chart_missing_a_series_or_holding_non_numbers_still_renders_and_says_what_is_missing()
    {
        var sample = AuditReportSample.Quarter();
        var chart = sample.Results.Charts[1];
        var broken = chart with
        {
            Metric = chart.Metric with { Points = [] },
            Bench = chart.Bench with { Points = [.. chart.Bench.Points.Take(3), new ReportPoint(AuditReportSample.From.AddDays(30), double.NaN, double.NegativeInfinity, 2), new ReportPoint(AuditReportSample.From.AddDays(40), 1e300, null, null)] },
            MetricAxis = new ReportAxis(double.NaN, double.NaN, true),
        };
        using var pdf = new Poppler(Renderer.Render(sample with { Results = sample.Results with { Charts = [broken] } }));
        Assert.Equal("", pdf.RenderErrors());
        var flat = Flat(pdf.Raw());
        Assert.Contains("No data in this period for Escalation rate.", flat);
        Assert.DoesNotContain("NaN", flat);
    }

    [Fact]
    public void An_empty_period_says_so_in_words_and_draws_no_chart()
    {
        using var pdf = new Poppler(Renderer.Render(AuditReportSample.Empty()));
        var flat = Flat(pdf.Raw());
        foreach (var sentence in new[]
        {
            "No bench run and no production data in this period.", "No sampling round in this period.", "No rubric review in this period.",
            "No upgrade audit in this period.", "No signal episode in this period.", "No pipeline version was live in this period.",
            "No signal was open at the end of the period.", "No verdict was written for this period.",
        })
            Assert.Contains(sentence, flat);
        Assert.All(AuditReportPdf.SectionTitles, t => Assert.Contains(t, flat));
        Assert.DoesNotContain("left axis", flat);
    }

    [Fact]
    public void Charts_given_for_a_period_without_data_are_not_drawn()
    {
        var sample = AuditReportSample.Quarter();
        using var pdf = new Poppler(Renderer.Render(sample with { Results = sample.Results with { HasData = false } }));
        var flat = Flat(pdf.Raw());
        Assert.Contains("No bench run and no production data in this period.", flat);
        Assert.DoesNotContain("Bench pass rate and CSAT", flat);
        Assert.DoesNotContain("left axis", flat);
        Assert.Contains("Escalation rate above threshold", flat); // the episodes are still listed
    }

    [Fact]
    public void The_same_report_gives_the_same_bytes_and_names_itself_in_the_metadata()
    {
        var report = AuditReportSample.Quarter();
        var first = Renderer.Render(report);
        Assert.Equal(first, Renderer.Render(report));
        Assert.NotEqual(first, Renderer.Render(report with { Cover = report.Cover with { ReportId = "RPT-2026Q3-0008" } }));

        using var pdf = new Poppler(first);
        var info = pdf.Info();
        Assert.Matches($@"Title:\s+Audit report {AuditReportSample.ReportId}", info);
        Assert.Matches(@"Subject:\s+Support assistant \(support-assistant\), 2026-07-01 to 2026-09-30", info);
        Assert.Matches(@"Author:\s+BenchDashboard, generated by auditor@example.com", info);
        Assert.Matches(@"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info);
    }

    [Fact]
    public async Task Renders_running_in_parallel_each_give_the_serial_bytes()
    {
        var reports = Enumerable.Range(0, 4)
            .Select(i => AuditReportSample.Quarter() with { Cover = AuditReportSample.Quarter().Cover with { ReportId = $"RPT-PAR-{i}" } })
            .ToList();
        var serial = reports.Select(Renderer.Render).ToList();
        var parallel = await Task.WhenAll(reports.Select(r => Task.Run(() => Renderer.Render(r))));
        for (var i = 0; i < reports.Count; i++) Assert.Equal(serial[i], parallel[i]);
    }

    [Fact]
    public void A_quarter_report_stays_well_under_two_megabytes()
    {
        var bytes = Renderer.Render(AuditReportSample.Quarter() with
        {
            UpgradeAudits = [AuditReportSample.Audit(12, "v1.5", "v1.6", 0.941, 0.902, -0.039, -0.061, -0.017, 0.0004, "open", null, null, 300)],
        });
        TestContext.Current.SendDiagnosticMessage($"Quarter report with 300 changed cases: {bytes.Length} bytes");
        Assert.True(bytes.Length < 2 * 1024 * 1024 / 4, $"{bytes.Length} bytes");
    }
}
