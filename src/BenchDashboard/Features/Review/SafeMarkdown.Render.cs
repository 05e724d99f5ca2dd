using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BenchDashboard.Features.Review;

/// <summary>Rendering of <see cref="SafeMarkdown"/>'s tree with RenderTreeBuilder elements and text only.</summary>
internal static partial class SafeMarkdown
{
    // ───────────────────────────── Rendering ─────────────────────────────

    /// <summary>Writes <paramref name="blocks"/> as elements; all text goes through <c>AddContent</c>.</summary>
    public static void Render(RenderTreeBuilder builder, IReadOnlyList<MdBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case MdParagraph p:
                    builder.OpenElement(0, "p");
                    builder.AddAttribute(1, "dir", "auto");
                    RenderInlines(builder, p.Inlines);
                    builder.CloseElement();
                    break;
                case MdHeading h:
                    // Trace text sits inside a page whose own outline uses h1–h3. Mapping # to h4, ## to h5 and the rest
                    // to h6 keeps a trace from inserting page-level headings: it cannot hijack screen-reader heading
                    // navigation or the visual hierarchy of the workbench around it.
                    builder.OpenElement(2, h.Level switch { 1 => "h4", 2 => "h5", _ => "h6" });
                    builder.AddAttribute(3, "dir", "auto");
                    RenderInlines(builder, h.Inlines);
                    builder.CloseElement();
                    break;
                case MdList l:
                    builder.OpenElement(4, l.Ordered ? "ol" : "ul");
                    builder.AddAttribute(5, "dir", "auto");
                    if (l.Ordered && l.Start != 1) builder.AddAttribute(6, "start", l.Start);
                    foreach (var item in l.Items)
                    {
                        builder.OpenElement(7, "li");
                        builder.AddAttribute(8, "dir", "auto");
                        RenderInlines(builder, item);
                        builder.CloseElement();
                    }
                    builder.CloseElement();
                    break;
                case MdCodeBlock c:
                    builder.OpenElement(9, "pre");
                    builder.AddAttribute(10, "class", "tt-code");
                    builder.AddAttribute(11, "dir", "auto");
                    builder.AddAttribute(12, "tabindex", "0"); // scrolls horizontally: keyboard users must reach it
                    builder.OpenElement(13, "code");
                    builder.AddContent(14, c.Code);
                    builder.CloseElement();
                    builder.CloseElement();
                    break;
                case MdQuote q:
                    builder.OpenElement(15, "blockquote");
                    builder.AddAttribute(16, "dir", "auto");
                    Render(builder, q.Blocks); // at most MaxQuoteDepth deep
                    builder.CloseElement();
                    break;
                case MdRule:
                    builder.OpenElement(17, "hr");
                    builder.CloseElement();
                    break;
            }
        }
    }

    private readonly record struct InlineFrame(IReadOnlyList<MdInline> Nodes, int Next, bool Opened);

    /// <summary>Iterative, so that 25,000 nested emphases cannot overflow the stack; elements beyond
    /// <see cref="MaxInlineDepth"/> are left out and only their content is rendered.</summary>
    private static void RenderInlines(RenderTreeBuilder builder, IReadOnlyList<MdInline> inlines)
    {
        var stack = new Stack<InlineFrame>();
        stack.Push(new InlineFrame(inlines, 0, false));
        var depth = 0;
        while (stack.Count > 0)
        {
            var frame = stack.Pop();
            if (frame.Next >= frame.Nodes.Count)
            {
                if (frame.Opened)
                {
                    builder.CloseElement();
                    depth--;
                }
                continue;
            }
            stack.Push(frame with { Next = frame.Next + 1 });
            switch (frame.Nodes[frame.Next])
            {
                case MdText t:
                    builder.AddContent(20, t.Text);
                    break;
                case MdBreak:
                    builder.OpenElement(21, "br");
                    builder.CloseElement();
                    break;
                case MdCode code:
                    builder.OpenElement(22, "code");
                    builder.AddContent(23, code.Code);
                    builder.CloseElement();
                    break;
                case MdImageText image:
                    builder.OpenElement(24, "span");
                    builder.AddAttribute(25, "class", "tt-image");
                    builder.AddContent(26, $"[image: {image.Alt}] ({image.Url})");
                    builder.CloseElement();
                    break;
                case MdEmphasis e:
                    stack.Push(new InlineFrame(e.Children, 0, Open(builder, ref depth, e.Strong ? "strong" : "em")));
                    break;
                case MdLink link:
                    var opened = Open(builder, ref depth, "a");
                    if (opened)
                    {
                        builder.AddAttribute(27, "href", link.Href);
                        builder.AddAttribute(28, "rel", "noopener noreferrer nofollow");
                        builder.AddAttribute(29, "target", "_blank");
                        builder.AddAttribute(30, "title", link.Href); // the real destination, whatever the text says
                    }
                    stack.Push(new InlineFrame(link.Children, 0, opened));
                    break;
                case MdPlainLink plain:
                    var spanOpened = Open(builder, ref depth, "span");
                    if (spanOpened) builder.AddAttribute(31, "class", "tt-link-text");
                    stack.Push(new InlineFrame(plain.Children, 0, spanOpened));
                    break;
            }
        }
    }

    private static bool Open(RenderTreeBuilder builder, ref int depth, string element)
    {
        if (depth >= MaxInlineDepth) return false;
        builder.OpenElement(19, element);
        depth++;
        return true;
    }
}
