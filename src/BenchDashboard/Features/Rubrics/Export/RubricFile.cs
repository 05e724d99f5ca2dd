namespace BenchDashboard.Features.Rubrics.Export;

/// <summary>A rubric export ready to send: its bytes, content type and a file name for downloads.</summary>
public sealed record RubricFile(byte[] Content, string ContentType, string FileName);
