using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// The numbers behind one signal, as a typed record per kind (never an anonymous object read back by property names).
/// The record's properties are what the API serialises under <c>evidence</c>; the methods say how a person reads them:
/// labelled values with units, the series for the card's small chart, and the trends view that shows the data.
/// </summary>
public abstract record SignalEvidence
{
    /// <summary>Labelled values with their units, in the order the signal card lists them.</summary>
    public abstract IEnumerable<EvidenceFact> Facts();

    /// <summary>The series the card draws (weekly metric, run pass rates …), or null when there is none worth a chart.</summary>
    public virtual EvidenceSeries? Series() => null;

    /// <summary>The trends view of the data behind this signal: its metric, category and days.</summary>
    public abstract EvidenceDataView DataView(DateOnly asOf);
}

/// <summary>One labelled value, already formatted with its unit ("Thumbs-up rate now", "68.2 % of 5,812 answers").</summary>
public sealed record EvidenceFact(string Label, string Value);

/// <summary>Points of a small chart; <paramref name="IsRate"/> values are shares (0–1) shown as percentages.</summary>
public sealed record EvidenceSeries(string Label, IReadOnlyList<EvidencePoint> Points, bool IsRate);

public readonly record struct EvidencePoint(DateTime At, double Value);

/// <summary>Which trends view "Show the data" opens: a metric, an optional category, and a day range.</summary>
public sealed record EvidenceDataView(string Metric, string? Category, DateOnly From, DateOnly To)
{
    public string Href(string slug) => new TrendsView(TrendsView.AllData, TrendsView.BucketFor(From, To),
        Metric, From, To, Category).Href(slug);
}
