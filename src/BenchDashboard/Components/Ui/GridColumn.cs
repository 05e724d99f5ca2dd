using Microsoft.AspNetCore.Components;

namespace BenchDashboard.Components.Ui;

/// <summary>
/// One column of an <see cref="AppGrid{TItem}"/>: its title, the cell's content and, when sortable, the value it
/// sorts by. Pages describe columns with this, so they never name the grid library's column types.
/// </summary>
public sealed record GridColumn<TItem>(string Title, RenderFragment<TItem> Cell, Func<TItem, object?>? SortBy = null)
{
    /// <summary>A CSS min-width, so a column of names is not squeezed to a letter per line.</summary>
    public string? MinWidth { get; init; }
}
