namespace BenchDashboard.Statistics;

/// <summary>
/// Distribution functions behind the drift tests' p-values: the standard normal CDF, Student's t CDF (through the
/// regularized incomplete beta function) and the Kolmogorov distribution's survival function. Everything is
/// written out here because .NET has no special functions and the project takes no third-party maths package.
/// </summary>
public static class Distributions
{
    private const double Sqrt2 = 1.4142135623730950488;
    private const double HalfLog2Pi = 0.91893853320467274178;

    /// <summary>Φ(z), the standard normal CDF, as ½·erfc(−z/√2). erfc comes from W. J. Cody's rational Chebyshev
    /// approximations (Cody 1969, "Rational Chebyshev approximations for the error function", Math. Comp. 23,
    /// 631–637; Netlib SPECFUN CALERF), accurate to about 1e-15 relative, so tail probabilities far below 1e-16
    /// keep their relative precision instead of rounding to 0.</summary>
    public static double NormalCdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        return 0.5 * Erfc(-z / Sqrt2);
    }

    /// <summary>CDF of Student's t distribution with <paramref name="degreesOfFreedom"/> (any positive real, as
    /// Welch's test needs), from P(T &gt; |t|) = ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz and Stegun 26.7.1 with 26.5.27;
    /// Numerical Recipes, 3rd ed., §6.14). ν = ∞ gives Φ(t).</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || double.IsNaN(degreesOfFreedom)) return double.NaN;
        if (degreesOfFreedom <= 0) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), "Degrees of freedom must be positive.");
        if (double.IsPositiveInfinity(degreesOfFreedom)) return NormalCdf(t);
        if (t == 0) return 0.5;
        if (double.IsInfinity(t)) return t > 0 ? 1 : 0;

        // x = ν/(ν+t²) and y = 1−x = t²/(ν+t²) are both formed directly: taking y as 1−x would lose every digit
        // of a small y, and for |t| ≥ 1 the ratio r = ν/t² avoids overflowing t² when |t| is huge.
        double x, y;
        var abs = Math.Abs(t);
        if (abs < 1)
        {
            var t2 = t * t;
            x = degreesOfFreedom / (degreesOfFreedom + t2);
            y = t2 / (degreesOfFreedom + t2);
        }
        else
        {
            var r = degreesOfFreedom / abs / abs;
            x = r / (1 + r);
            y = 1 / (1 + r);
        }
        var tail = 0.5 * RegularizedIncompleteBeta(0.5 * degreesOfFreedom, 0.5, x, y);
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), evaluated by its
    /// continued fraction with the modified Lentz method (Numerical Recipes, 3rd ed., §6.4, <c>betai</c>/<c>betacf</c>).
    /// Accuracy, checked against mpmath: about 1e-14 relative for moderate parameters; with one parameter in the
    /// hundreds of thousands and x near 1 the fraction's rounding grows roughly like max(a, b)·1e-16 (about 1e-12
    /// for Student's t at ν = 10⁵, 1e-10 at ν = 10⁶), far below what a p-value threshold can notice.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        return RegularizedIncompleteBeta(a, b, x, 1 - x);
    }

    /// <summary>Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}, the survival function of the Kolmogorov distribution
    /// (the limit of P(√n·D_n &gt; λ)). For λ &lt; 1.18 the alternating series converges slowly, so there
    /// Q = 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)} is used instead (Numerical Recipes, 3rd ed., §6.14,
    /// <c>KSdist</c>). Both forms are exact to double precision in their ranges; Q is 1 to within 1e-6 for λ ≤ 0.27.</summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda)) return double.NaN;
        // Below 0.1 the complement is under 1e-50; stopping here also keeps π²/(8λ²) from overflowing.
        if (lambda < 0.1) return 1;
        double sum = 0;
        if (lambda < 1.18)
        {
            var c = -Math.PI * Math.PI / (8 * lambda * lambda);
            for (var j = 1; j < 100; j++)
            {
                var odd = 2.0 * j - 1;
                var term = Math.Exp(c * odd * odd);
                sum += term;
                if (term <= 1e-17 * sum) break;
            }
            return Math.Clamp(1 - Math.Sqrt(2 * Math.PI) / lambda * sum, 0, 1);
        }
        var a = -2 * lambda * lambda;
        var sign = 1.0;
        for (var k = 1; k < 100; k++)
        {
            var term = Math.Exp(a * k * k);
            sum += sign * term;
            if (term <= 1e-17 * sum) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>I_x(a, b) with y = 1 − x given separately, so callers that know a small y exactly keep it.</summary>
    private static double RegularizedIncompleteBeta(double a, double b, double x, double y)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (a <= 0 || double.IsInfinity(a)) throw new ArgumentOutOfRangeException(nameof(a), "a must be positive and finite.");
        if (b <= 0 || double.IsInfinity(b)) throw new ArgumentOutOfRangeException(nameof(b), "b must be positive and finite.");
        if (x < 0 || x > 1) throw new ArgumentOutOfRangeException(nameof(x), "x must lie in [0, 1].");
        if (x == 0) return 0;
        if (y <= 0) return 1;

        var front = Math.Exp(LogBetaPrefactor(a, b, x, y));
        // The continued fraction converges fast only for x below the mean-ish point (a+1)/(a+b+2); above it, the
        // symmetry I_x(a, b) = 1 − I_{1−x}(b, a) moves the evaluation there (Numerical Recipes §6.4).
        if (x < (a + 1) / (a + b + 2)) return Math.Clamp(front * BetaContinuedFraction(a, b, x) / a, 0, 1);
        return Math.Clamp(1 - front * BetaContinuedFraction(b, a, y) / b, 0, 1);
    }

    /// <summary>ln(x^a · y^b / B(a, b)). With a or b large, ln Γ(a) and ln Γ(a+b) are huge and nearly equal, so
    /// their difference is formed from Stirling's series and log1p instead (the approach of DiDonato and Morris
    /// 1992, TOMS 708); that keeps Welch p-values accurate when the degrees of freedom run into the millions.</summary>
    private static double LogBetaPrefactor(double a, double b, double x, double y)
    {
        // The smaller of x and y holds the most relative precision, so the logarithm of the larger goes through it.
        var logX = x > 0.5 ? LogOnePlus(-y) : Math.Log(x);
        var logY = y > 0.5 ? LogOnePlus(-x) : Math.Log(y);
        const double large = 10;
        if (a < large && b < large)
            return a * logX + b * logY - (LogGamma(a) + LogGamma(b) - LogGamma(a + b));

        var sum = a + b;
        if (a >= large && b >= large)
        {
            // ln B(a,b) = ½ln2π + a·ln(a/(a+b)) + b·ln(b/(a+b)) + ½ln((a+b)/(ab)) + δ(a) + δ(b) − δ(a+b), where
            // δ is Stirling's remainder; a·ln(x(a+b)/a) + b·ln(y(a+b)/b) is written with log1p since both
            // arguments are near 1 around the mode, x ≈ a/(a+b).
            var d = x * b - y * a;
            return a * LogOnePlus(d / a) + b * LogOnePlus(-d / b)
                   - HalfLog2Pi + 0.5 * Math.Log(a / sum * b)
                   - StirlingRemainder(a) - StirlingRemainder(b) + StirlingRemainder(sum);
        }

        // One parameter large, the other small: ln Γ(big) − ln Γ(big+small) = −(big−½)·log1p(small/big)
        // − small·ln(big+small) + small + δ(big) − δ(big+small).
        var (big, small, logBigSide, logSmallSide) = a >= b ? (a, b, logX, logY) : (b, a, logY, logX);
        var logGammaRatio = -(big - 0.5) * LogOnePlus(small / big) - small * Math.Log(sum) + small
                            + StirlingRemainder(big) - StirlingRemainder(sum);
        return big * logBigSide + small * logSmallSide - LogGamma(small) - logGammaRatio;
    }

    /// <summary>Continued fraction for I_x(a, b) by the modified Lentz method (Numerical Recipes, 3rd ed., §5.2
    /// and §6.4, <c>betacf</c>). It needs O(√max(a, b)) terms, hence the generous limit.</summary>
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double epsilon = 1e-16;
        const double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        var maxIterations = 1000 + (int)Math.Min(1e7, 10 * Math.Sqrt(Math.Max(a, b)));
        for (var m = 1; m <= maxIterations; m++)
        {
            var m2 = 2 * m;
            // Even step of the recurrence.
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            // Odd step.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= epsilon) return h;
        }
        throw new InvalidOperationException($"The incomplete beta continued fraction did not converge (a = {a}, b = {b}, x = {x}).");
    }

    /// <summary>ln Γ(x) for x &gt; 0: Lanczos' approximation with g = 7 and nine coefficients (Lanczos 1964;
    /// coefficients of P. Godfrey, relative error about 1e-15) below 10, Stirling's series from 10 on.</summary>
    private static double LogGamma(double x)
    {
        if (x >= 10) return (x - 0.5) * Math.Log(x) - x + HalfLog2Pi + StirlingRemainder(x);
        // Γ(x) = Γ(x+1)/x keeps the Lanczos sum on its accurate range x ≥ ½ without the reflection formula.
        if (x < 0.5) return LogGamma(x + 1) - Math.Log(x);
        ReadOnlySpan<double> p =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        var z = x - 1;
        var series = p[0];
        for (var i = 1; i < p.Length; i++) series += p[i] / (z + i);
        var t = z + 7.5;
        return HalfLog2Pi + (z + 0.5) * Math.Log(t) - t + Math.Log(series);
    }

    /// <summary>δ(x) = ln Γ(x) − [(x − ½)·ln x − x + ½·ln 2π], from Stirling's asymptotic series
    /// (Abramowitz and Stegun 6.1.41); for x ≥ 10 the first omitted term is below 1e-15.</summary>
    private static double StirlingRemainder(double x)
    {
        var r = 1 / (x * x);
        return (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r * (1.0 / 1188 - r * (691.0 / 360360)))))) / x;
    }

    /// <summary>ln(1 + v), accurate for small v (the .NET 9 Math class has no log1p).</summary>
    private static double LogOnePlus(double v)
    {
        var u = 1 + v;
        // Correcting by v/(u−1) cancels the rounding of 1 + v (Goldberg 1991, "What every computer scientist should
        // know about floating-point arithmetic", Theorem 4).
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    /// <summary>erfc(x) after Cody's CALERF: three rational approximations on |x| ≤ 0.46875, ≤ 4 and &gt; 4.</summary>
    private static double Erfc(double x)
    {
        var y = Math.Abs(x);
        double result;
        if (y <= 0.46875)
        {
            ReadOnlySpan<double> a = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
            ReadOnlySpan<double> b = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
            var ysq = y > 1.11e-16 ? y * y : 0;
            double num = a[4] * ysq, den = ysq;
            for (var i = 0; i < 3; i++)
            {
                num = (num + a[i]) * ysq;
                den = (den + b[i]) * ysq;
            }
            return 1 - x * (num + a[3]) / (den + b[3]);
        }
        if (y <= 4)
        {
            ReadOnlySpan<double> c =
            [
                5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
                8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
                2.15311535474403846e-8,
            ];
            ReadOnlySpan<double> d =
            [
                1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
                3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03,
            ];
            double num = c[8] * y, den = y;
            for (var i = 0; i < 7; i++)
            {
                num = (num + c[i]) * y;
                den = (den + d[i]) * y;
            }
            result = (num + c[7]) / (den + d[7]) * ExpMinusSquare(y);
        }
        else if (y < 26.543)
        {
            ReadOnlySpan<double> p = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
            ReadOnlySpan<double> q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];
            var ysq = 1 / (y * y);
            double num = p[5] * ysq, den = ysq;
            for (var i = 0; i < 4; i++)
            {
                num = (num + p[i]) * ysq;
                den = (den + q[i]) * ysq;
            }
            const double oneOverSqrtPi = 5.6418958354775628695e-1;
            result = (oneOverSqrtPi - ysq * (num + p[4]) / (den + q[4])) / y * ExpMinusSquare(y);
        }
        else
        {
            // Beyond Cody's XBIG erfc underflows below the smallest double.
            result = 0;
        }
        return x < 0 ? 2 - result : result;
    }

    /// <summary>e^{−y²} with y² split into a part exact in 4 bits after the point and a small rest, as CALERF
    /// does: exp(−y²) taken directly would carry the rounding error of y² (up to y²·1e-16) into the result.</summary>
    private static double ExpMinusSquare(double y)
    {
        var head = Math.Truncate(y * 16) / 16;
        var rest = (y - head) * (y + head);
        return Math.Exp(-head * head) * Math.Exp(-rest);
    }
}
