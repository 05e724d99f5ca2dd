namespace BenchDashboard.Features.Reports.Pdf.Layout;

/// <summary>A table column: its header and its share of the table's width (weights are relative to each other).</summary>
internal sealed record TableColumn(string Header, double Weight);
