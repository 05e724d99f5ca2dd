namespace BenchDashboard.Infrastructure.Api;

public enum BodyFormat { Json, Ndjson, Csv }
