namespace BenchDashboard.Infrastructure.Api;

/// <summary>The body formats the API reads; each endpoint says which it accepts. Pdf is for report verification.</summary>
public enum BodyFormat { Json, Ndjson, Csv, Pdf }
