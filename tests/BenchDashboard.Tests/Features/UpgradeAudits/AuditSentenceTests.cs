using BenchDashboard.Features.UpgradeAudits;

namespace BenchDashboard.Tests.Features.UpgradeAudits;

/// <summary>The plain sentence says what the bench can tell: a real change only when the paired interval excludes zero.</summary>
public class AuditSentenceTests
{
    private static AuditFigures Figures(int both, int up, int down, int neither) =>
        AuditFigures.From(Enumerable.Repeat<(bool?, bool?)>((true, true), both).Concat(Enumerable.Repeat<(bool?, bool?)>((false, true), up))
            .Concat(Enumerable.Repeat<(bool?, bool?)>((true, false), down)).Concat(Enumerable.Repeat<(bool?, bool?)>((false, false), neither))
            .Concat([(null, true), (true, null)]));

    [Fact]
    public void Many_newly_failing_cases_read_as_a_real_regression()
    {
        var f = Figures(270, 1, 20, 9);
        Assert.Equal(300, f.Cases);
        Assert.True(f.DeltaHigh < 0);
        var sentence = AuditSentence.Of(f);
        Assert.StartsWith("On the 300 cases both runs ran, the pass rate went from 96.7 % to 90.3 % (−6.3 pp; 95 % interval", sentence);
        Assert.Contains("The bench shows a real regression", sentence);
        Assert.Contains("McNemar p = < 0.001", sentence);
    }

    [Fact]
    public void Many_newly_passing_cases_read_as_a_real_improvement()
    {
        Assert.Contains("The bench shows a real improvement", AuditSentence.Of(Figures(270, 20, 1, 9)));
    }

    [Fact]
    public void A_few_changes_on_a_small_bench_say_what_it_cannot_see()
    {
        var sentence = AuditSentence.Of(Figures(40, 2, 3, 5));
        Assert.Contains("The bench cannot tell the versions apart", sentence);
        Assert.Contains("3 newly failing against 2 newly passing", sentence);
        Assert.Contains("With only 50 cases it cannot see changes smaller than about", sentence);
    }

    [Fact]
    public void Runs_without_shared_cases_cannot_be_compared()
    {
        Assert.StartsWith("The two runs share no cases", AuditSentence.Of(AuditFigures.From([(null, true), (false, null)])));
    }
}
