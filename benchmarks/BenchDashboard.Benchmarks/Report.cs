using System.Globalization;
using System.Text;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Everything the run prints, kept so the same text can be saved to <c>artifacts/benchmarks/</c>, plus the rows of the final
/// summary table. A missed target prints FAIL but never fails the run: the figures are the result, not a gate.
/// </summary>
internal sealed class Report
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Benchmark, string Figure, string Value, string Target, string Status)> _summary = [];

    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Line(string text = "")
    {
        Console.WriteLine(text);
        lock (_text) _text.AppendLine(text);
    }

    public void Heading(string title)
    {
        Line();
        Line($"== {title} ==");
    }

    /// <summary>A figure for the summary table; <paramref name="met"/> null when it has no target.</summary>
    public void Figure(string benchmark, string figure, string value, string target = "", bool? met = null)
    {
        var status = met switch { true => "PASS", false => "FAIL", null => "" };
        Line($"  {figure}: {value}{(target == "" ? "" : $"   target {target}: {status}")}");
        _summary.Add((benchmark, figure, value, target, status));
    }

    public void WriteSummary()
    {
        Heading("Summary");
        string[] header = ["benchmark", "figure", "value", "target", "status"];
        var rows = _summary.Select(r => new[] { r.Benchmark, r.Figure, r.Value, r.Target, r.Status }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Row(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
        Line(Row(header));
        Line("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows) Line(Row(row));
    }

    /// <summary>Saves the printed text as <c>artifacts/benchmarks/&lt;timestamp&gt;.txt</c> and returns the path.</summary>
    public string Save(string repositoryRoot, DateTime startedUtc)
    {
        var folder = Path.Combine(repositoryRoot, "artifacts", "benchmarks");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, startedUtc.ToString("yyyyMMdd-HHmmss", Invariant) + ".txt");
        lock (_text) File.WriteAllText(path, _text.ToString());
        return path;
    }

    public static string N0(double value) => value.ToString("N0", Invariant);
    public static string F1(double value) => value.ToString("F1", Invariant);
    public static string F2(double value) => value.ToString("F2", Invariant);
    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", Invariant) + " MB";
}
