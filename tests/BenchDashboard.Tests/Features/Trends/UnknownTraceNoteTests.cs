using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Components;
using Bunit;

namespace BenchDashboard.Tests.Features.Trends;

/// <summary>The Trends page's data-quality note (bUnit, docs/decisions/0017).</summary>
public class UnknownTraceNoteTests : AppComponentTestContext
{
    private string Note(long count) => Render<UnknownTraceNote>(p => p.Add(n => n.Count, count)).Find("[data-testid=unknown-trace-note]").TextContent.Trim();

    [Fact]
    public void The_note_says_how_many_feedback_events_were_left_out_of_per_trace_rates()
    {
        Assert.Equal("1,312 feedback events name no trace or a trace that was never sent; they are left out of per-trace rates.", Note(1312));
        Assert.Equal("1 feedback event names no trace or a trace that was never sent; it is left out of per-trace rates.", Note(1));
    }

    [Fact]
    public void Without_such_feedback_there_is_no_note()
    {
        Assert.Empty(Render<UnknownTraceNote>(p => p.Add(n => n.Count, 0L)).FindAll("[data-testid=unknown-trace-note]"));
    }
}
