namespace BenchDashboard.Features.Review;

// ───────────────────────────── Tree ─────────────────────────────

/// <summary>A block of <see cref="SafeMarkdown"/>'s tree.</summary>
internal abstract class MdBlock;

internal sealed class MdParagraph(IReadOnlyList<MdInline> inlines) : MdBlock
{
    public IReadOnlyList<MdInline> Inlines { get; } = inlines;
}

/// <summary>An ATX heading; <see cref="Level"/> is the source level (1–6), not the rendered element.</summary>
internal sealed class MdHeading(int level, IReadOnlyList<MdInline> inlines) : MdBlock
{
    public int Level { get; } = level;
    public IReadOnlyList<MdInline> Inlines { get; } = inlines;
}

internal sealed class MdList(bool ordered, int start, IReadOnlyList<IReadOnlyList<MdInline>> items) : MdBlock
{
    public bool Ordered { get; } = ordered;
    public int Start { get; } = start;
    public IReadOnlyList<IReadOnlyList<MdInline>> Items { get; } = items;
}

internal sealed class MdCodeBlock(string code) : MdBlock
{
    public string Code { get; } = code;
}

internal sealed class MdQuote(IReadOnlyList<MdBlock> blocks) : MdBlock
{
    public IReadOnlyList<MdBlock> Blocks { get; } = blocks;
}

internal sealed class MdRule : MdBlock;

/// <summary>An inline of <see cref="SafeMarkdown"/>'s tree.</summary>
internal abstract class MdInline;

internal sealed class MdText(string text) : MdInline
{
    public string Text { get; } = text;
}

internal sealed class MdBreak : MdInline;

internal sealed class MdCode(string code) : MdInline
{
    public string Code { get; } = code;
}

internal sealed class MdEmphasis(bool strong, IReadOnlyList<MdInline> children) : MdInline
{
    public bool Strong { get; } = strong;
    public IReadOnlyList<MdInline> Children { get; } = children;
}

/// <summary>A link to an absolute http(s) URL; <see cref="Href"/> is the normalised URL.</summary>
internal sealed class MdLink(string href, IReadOnlyList<MdInline> children) : MdInline
{
    public string Href { get; } = href;
    public IReadOnlyList<MdInline> Children { get; } = children;
}

/// <summary>A link whose URL is not allowed: shown as "text (url)", not clickable.</summary>
internal sealed class MdPlainLink(IReadOnlyList<MdInline> children) : MdInline
{
    public IReadOnlyList<MdInline> Children { get; } = children;
}

/// <summary>An image, shown as its alt text and URL, never loaded.</summary>
internal sealed class MdImageText(string alt, string url) : MdInline
{
    public string Alt { get; } = alt;
    public string Url { get; } = url;
}
