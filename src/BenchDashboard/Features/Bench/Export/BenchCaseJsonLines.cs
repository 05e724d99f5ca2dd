using System.Text;
using System.Text.Json;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// The JSONL export (API.md): one <see cref="BenchCaseItem"/> per line, camelCase as the list answers. The serializer
/// escapes line breaks, U+2028/U+2029 and every non-ASCII character, so one case is always exactly one line.
/// </summary>
public static class BenchCaseJsonLines
{
    public const string ContentType = "application/x-ndjson";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(IEnumerable<BenchCaseItem> cases)
    {
        var text = new StringBuilder();
        foreach (var c in cases) text.Append(JsonSerializer.Serialize(c, Options)).Append('\n');
        return text.ToString();
    }
}
