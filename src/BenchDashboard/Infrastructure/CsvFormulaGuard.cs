namespace BenchDashboard.Infrastructure;

/// <summary>
/// The one rule for CSV cells that hold untrusted text: a cell that starts with = + - @ (or a tab or CR) would run as a
/// formula in Excel or LibreOffice, so it gets a leading apostrophe (OWASP's advice against CSV injection). Every CSV
/// the app writes passes its cells through here.
/// </summary>
public static class CsvFormulaGuard
{
    public static string Defuse(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
