namespace BenchDashboard.Infrastructure.Api;

/// <summary>Length limits of text fields, stated in the API documentation (README, "Limits").</summary>
public static class TextLimits
{
    /// <summary>Ids, versions, categories, labels.</summary>
    public const int Id = 256;
    public const int Category = 128;
    /// <summary>A trace's input and output, a bench case's input: 64 KiB of characters.</summary>
    public const int Text = 65_536;
    /// <summary>Trace metadata as compact JSON text.</summary>
    public const int Metadata = 16_384;
    /// <summary>Version descriptions (model, prompt, tools, data sources, notes).</summary>
    public const int Description = 4_000;
}
