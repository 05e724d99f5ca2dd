namespace BenchDashboard.Infrastructure.Api;

/// <summary>A body safely copied off the network; <see cref="Problem"/> is set instead when it was refused.</summary>
public sealed record BufferedBody(Stream? Content, BodyFormat Format, IResult? Problem) : IAsyncDisposable
{
    public static BufferedBody Fail(IResult problem) => new(null, default, problem);

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
