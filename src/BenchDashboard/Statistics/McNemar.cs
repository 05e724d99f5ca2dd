namespace BenchDashboard.Statistics;

/// <summary>
/// McNemar's exact test for paired pass/fail outcomes (the same cases in two bench runs). Only discordant pairs
/// carry information: <c>b</c> cases went from pass to fail, <c>c</c> from fail to pass. Under "the runs are equally
/// good" each discordant case is a fair coin, so the two-sided p-value is twice the smaller binomial tail
/// (McNemar 1947; the exact form as in Fagerland, Lydersen and Laake 2013).
/// </summary>
public static class McNemar
{
    public static double ExactP(int b, int c)
    {
        if (b < 0 || c < 0) throw new ArgumentOutOfRangeException(b < 0 ? nameof(b) : nameof(c));
        var n = b + c;
        if (n == 0) return 1;
        var k = Math.Min(b, c);
        // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so n in the thousands neither under- nor overflows.
        var logTerm = n * Math.Log(0.5);
        var logSum = logTerm;
        for (var i = 0; i < k; i++)
        {
            logTerm += Math.Log(n - i) - Math.Log(i + 1);
            logSum = LogAdd(logSum, logTerm);
        }
        return Math.Min(1, 2 * Math.Exp(logSum));
    }

    private static double LogAdd(double a, double b)
    {
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
