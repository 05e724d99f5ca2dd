using BenchDashboard.Features.Reports.Pdf.Fonts;
using BenchDashboard.Features.Reports.Pdf.Text;

namespace BenchDashboard.Tests.Features.Reports.Pdf;

/// <summary>Untrusted text reaches the page as glyphs DejaVu has: what it lacks is shown as one visible mark, never dropped.</summary>
public class SafeTextTests
{
    private static readonly string Mark = SafeText.Replacement;

    [Fact]
    public void The_replacement_mark_is_a_glyph_the_embedded_faces_draw()
    {
        Assert.True(GlyphCoverage.Has(char.ConvertToUtf32(Mark, 0)));
    }

    [Fact]
    public void An_emoji_becomes_one_mark_even_when_it_is_a_joined_sequence()
    {
        Assert.Equal("ok " + Mark, SafeText.Line("ok 👍"));
        Assert.Equal("family " + Mark + "!", SafeText.Line("family 👩‍👩‍👧!"));
    }

    [Fact]
    public void Bidi_overrides_and_control_characters_are_shown_not_obeyed()
    {
        Assert.Equal(Mark + "gnp.exe", SafeText.Line("\u202Egnp.exe"));
        Assert.Equal("a" + Mark + "b" + Mark + "c", SafeText.Line("a\u0007b\u0000c"));
    }

    [Fact]
    public void Scripts_DejaVu_draws_pass_unchanged()
    {
        const string text = "שלום café Ελληνικά Кириллица <script>alert(1)</script> =cmd|' /C calc'!A0";
        Assert.Equal(text, SafeText.Line(text));
    }

    [Fact]
    public void Line_breaks_are_kept_in_blocks_and_flattened_in_lines()
    {
        Assert.Equal("a\nb\nc d", SafeText.Block("a\r\nb\rc\td"));
        Assert.Equal("a b c", SafeText.Line("a\r\nb\nc"));
    }

    [Fact]
    public void Right_to_left_runs_are_drawn_in_visual_order_with_numbers_kept_and_brackets_mirrored()
    {
        Assert.Equal("ab םלוע םולש cd", VisualOrder.Of("ab שלום עולם cd"));
        Assert.Equal("v2 (השדח 12 הסרג)", VisualOrder.Of("v2 (גרסה 12 חדשה)"));
        Assert.Equal("plain text (v1.2)", VisualOrder.Of("plain text (v1.2)"));
    }

    [Fact]
    public void A_word_wider_than_its_box_is_broken_inside_and_loses_nothing()
    {
        using var measure = new TextMeasure();
        var font = new BenchDashboard.Features.Reports.Pdf.Layout.ReportStyle().Cell;
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 40));
        var lines = measure.Wrap("before " + word + " after", font, 120);
        Assert.True(lines.Count > 5);
        Assert.All(lines, l => Assert.True(measure.Width(l, font) <= 120.5, $"'{l}' is {measure.Width(l, font)} wide"));
        Assert.Equal("before", lines[0]);
        Assert.EndsWith("after", lines[^1]);
        Assert.Equal(word, string.Concat(lines.Skip(1)).Replace("after", "").TrimEnd());
    }
}
