using BenchDashboard.Features.Account;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Security;

/// <summary>The failure counts behind the sign-in throttle and the device lockout: a sliding window, bounded memory.</summary>
public class FailureWindowTests
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Failures_count_within_the_window_and_fall_out_of_it_one_by_one()
    {
        var window = new FailureWindow(clock, TimeSpan.FromMinutes(1), maxKeys: 100);
        window.Record("a");
        clock.Advance(TimeSpan.FromSeconds(40));
        window.Record("a");
        window.Record("b");

        Assert.Equal(2, window.Count("a"));
        Assert.Equal(1, window.Count("b"));

        clock.Advance(TimeSpan.FromSeconds(30)); // the first failure of "a" is 70 s old
        Assert.Equal(1, window.Count("a"));

        window.Forget("a");
        Assert.Equal(0, window.Count("a"));
        Assert.Equal(1, window.Count("b"));
    }

    [Fact]
    public void Rotating_keys_cannot_grow_memory_past_the_bound()
    {
        var window = new FailureWindow(clock, TimeSpan.FromMinutes(1), maxKeys: 3);
        foreach (var key in new[] { "a", "b", "c" }) window.Record(key);

        window.Record("d"); // the fourth key: everything before is forgotten

        Assert.Equal(0, window.Count("a"));
        Assert.Equal(1, window.Count("d"));
    }
}
