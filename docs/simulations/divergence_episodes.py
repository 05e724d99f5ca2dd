# Divergence episodes (issue 10, docs/decisions/0013-divergence-episodes.md): the rule of
# src/BenchDashboard/Features/Signals/Rules/DivergenceEpisodes.cs for a rate (thumbs-up), replayed day by day over
# generated projects with the scenario suite's noise model (ScenarioProject.cs): n = 200 thumbs a day, a mean-reverting
# daily wander of about one point (AR(1), phi 0.7, sd 0.007), a 300-case bench run weekly whose failure count wanders by
# a few cases. Binomial draws use the normal approximation (n p >= 40 here). Python standard library only.
#
# It answers three questions for the decision record:
#   1. Which reference and which opening test keep healthy projects silent on every day (false-alarm seeds)?
#   2. How fast are sudden drops and slow declines found, and is one lasting drop one episode?
#   3. What does "the bench fell with the users" need: a fixed point move of the pooled pass rate, or a share of the
#      users' worsening beyond the bench's run-to-run noise? (benches that fall with users; one noisy dip)
#
# Run: python3 docs/simulations/divergence_episodes.py   (about a minute on one core)
import math, random

W, MIN_EFFECT, ALPHA, N, CASES, DAYS, WAIT = 28, 0.03, 0.05, 200, 300, 270, 14

def ncdf(z): return 0.5 * math.erfc(-z / math.sqrt(2))

def users(seed, level):
    rng = random.Random(seed); wander = 0.0; xs = []
    for d in range(DAYS):
        wander = 0.7 * wander + 0.007 * rng.gauss(0, 1)
        p = min(1, max(0, level(d) + wander))
        xs.append(min(N, max(0, round(rng.gauss(N * p, math.sqrt(N * p * (1 - p)))))))
    return xs

def bench(seed, quality, noise_cases, extra=lambda d: 0):
    rng = random.Random(seed * 7919 + 1); runs = []
    for d in range(1, DAYS, 7):
        failures = min(CASES, max(0, round((1 - quality(d)) * CASES + noise_cases * rng.gauss(0, 1)) + extra(d)))
        runs.append((d, 1 - failures / CASES))
    return runs

def ztest(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2); se = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return 1.0 if se == 0 else 2 * ncdf(-abs((x1 / n1 - x2 / n2) / se))

class Series:
    def __init__(self, xs):
        self.s = [0]
        for x in xs: self.s.append(self.s[-1] + x)
    def mean(self, a, b):  # days a..b inclusive
        a = max(a, 0); b = min(b, len(self.s) - 2)
        if b < a: return None, 0
        n = (b - a + 1) * N
        return (self.s[b + 1] - self.s[a]) / n, n

def bench_level(runs, a, b):
    rates = [r for d, r in runs if a <= d <= b]
    if not rates:
        before = [r for d, r in runs if d < a]
        if not before: return None
        rates = [before[-1]]
    m = sum(rates) / len(rates)
    var = sum((r - m) ** 2 for r in rates) / (len(rates) - 1) if len(rates) > 1 else 0
    return m, max(var, m * (1 - m) / CASES), len(rates)

def fell_with(b0, b1, worse, share, fixed_drop=None, own_noise=False):
    drop = b0[0] - b1[0]
    if fixed_drop is not None: return drop >= fixed_drop          # the old rule: a pooled 1-point move
    if drop < share * worse: return False
    # The bench's run-to-run noise is its own property: the reference period's runs know it best; a side with fewer
    # than three runs cannot estimate it.
    noise = max(b0[1], b1[1] if b1[2] >= 3 else 0)
    se = math.sqrt(b0[1] / b0[2] + b1[1] / b1[2]) if own_noise else math.sqrt(noise / b0[2] + noise / b1[2])
    return se <= 0 or ncdf(-drop / se) < ALPHA

def change_point(s, ref, a, b):
    best, score = a, -1e9
    for d in range(a, b - 1):
        m, n = s.mean(d, b)
        sc = (ref - m) * math.sqrt(n)
        if sc > score: best, score = d, sc
    return best

def replay(xs, runs, refw=2, share=0.5, lower_z=0.0, fixed_drop=None, rebaseline=None, own_noise=False, close=0.5, min_runs=2, start=None):
    """Episodes as (onset, opened, closed or None, reason)."""
    s = Series(xs); floor = 0; episodes = []; open_ = None; explained = None
    # The first check needs a full reference (refw windows) before the current window.
    for t in range(((start or refw) + 1) * W - 1, DAYS):
        if rebaseline is not None and t == rebaseline:
            if open_: episodes.append((open_[0], open_[1], t, 'rebaselined'))
            open_ = explained = None; floor = t - W + 1; continue
        for state in ('open', 'explained'):
            cur = open_ if state == 'open' else explained
            if cur is None: continue
            onset, opened, ref, bref = cur
            m, n = s.mean(max(onset, t - W + 1), t)
            worse = ref - m
            b = bench_level(runs, max(onset, t - W + 1), t)
            if state == 'open':
                if worse < MIN_EFFECT * close: episodes.append((onset, opened, t, 'recovered')); open_ = None
                elif b and fell_with(bref, b, worse, share, fixed_drop, own_noise): episodes.append((onset, opened, t, 'bench')); open_ = None; explained = cur
            else:
                if worse < MIN_EFFECT * close: explained = None
                elif b and bref[0] - b[0] < share / 2 * worse: open_ = (t, t, ref, bref); explained = None
            break
        else:
            # The reference: refw windows before the current one, fewer where the history (or the last re-baseline) is shorter.
            rf = t - W - refw * W + 1
            ref_from, ref_to = (rf, t - W) if rf >= floor else ((floor, t - W) if floor + W - 1 <= t - W else (floor, floor + W - 1))
            ref, rn = s.mean(ref_from, ref_to); cur, cn = s.mean(t - W + 1, t)
            se = math.sqrt(ref * (1 - ref) / rn + cur * (1 - cur) / cn)
            if ref - cur - lower_z * se < MIN_EFFECT: continue
            if ztest(cur * cn, cn, ref * rn, rn) >= ALPHA: continue
            onset = change_point(s, ref, t - W + 1, t)
            healthy, _ = s.mean(max(floor, onset - refw * W), onset - 1); since, _ = s.mean(onset, t)
            if healthy - since < MIN_EFFECT: continue
            if not any(onset <= d <= t for d, _ in runs) and t - onset < WAIT: continue
            b0 = bench_level(runs, max(floor, onset - refw * W), onset - 1); b1 = bench_level(runs, onset, t)
            if fell_with(b0, b1, healthy - since, share, fixed_drop, own_noise):
                # One run since the onset may be a fluke: wait for a second before calling the drop explained.
                if b1[2] < min_runs and t - onset < WAIT: continue
                explained = (onset, t, healthy, b0)
            else: open_ = (onset, t, healthy, b0)
    if open_: episodes.append((open_[0], open_[1], None, 'open'))
    return episodes

FLAT = lambda d: 0.95
def scenarios(v):
    healthy = [replay(users(s, lambda d: 0.80), bench(s, lambda d: [0.88, 0.92, 0.86, 0.93, 0.90][min(4, d // 50)], 4), **v) for s in range(1, 401)]
    fa = sum(1 for e in healthy if e)
    sudden = [replay(users(1000 + s, lambda d: 0.81 if d < 150 else 0.68), bench(1000 + s, FLAT, 1), **v) for s in range(50)]
    sudden_delay = sorted((e[0][1] - 150) if e else 999 for e in sudden)
    one_episode = sum(1 for e in sudden if len(e) == 1 and e[0][3] == 'open' and abs(e[0][0] - 150) <= 3)
    slow = [replay(users(2000 + s, lambda d: 0.80 if d < 150 else 0.80 - 0.14 * min(1, (d - 150) / 42)), bench(2000 + s, FLAT, 1), **v) for s in range(50)]
    slow_delay = sorted((e[0][1] - 150) if e else 999 for e in slow)
    fell = [replay(users(3000 + s, lambda d: 0.81 if d < 120 else 0.68), bench(3000 + s, FLAT, 1, lambda d: 0 if d < 120 else 30), **v) for s in range(50)]
    fell_opened = sum(1 for e in fell if e)
    noisy = [replay(users(4000 + s, lambda d: 0.81 if d < 150 else 0.70), bench(4000 + s, FLAT, 6, lambda d: 3 if 150 < d <= 157 else 0), **v) for s in range(50)]
    noisy_missed = sum(1 for e in noisy if not e or e[0][1] > 164)
    rec = [replay(users(5000 + s, lambda d: 0.68 if 120 <= d < 190 else 0.81), bench(5000 + s, FLAT, 1), **v) for s in range(50)]
    rec_ok = sum(1 for e in rec if len(e) == 1 and e[0][3] == 'recovered' and 190 <= e[0][2] <= 190 + W)
    return fa, sudden_delay, one_episode, slow_delay, fell_opened, noisy_missed, rec_ok

variants = [
    ('reference 1 window, bench: pooled 1-pt move (the old rule, as an episode)', dict(refw=1, fixed_drop=0.01, min_runs=1)),
    ('reference 1 window, bench: half the users\' worsening beyond its noise', dict(refw=1)),
    ('reference 2 windows, bench: half beyond noise, one run may decide', dict(refw=2, min_runs=1)),
    ('reference 2 windows, bench: half beyond noise, two runs', dict(refw=2)),
    ('reference 3 windows, two runs', dict(refw=3)),
    ('same, closing at the minimum effect instead of half of it', dict(refw=3, close=1.0)),
    ('same, first check after 2 windows of reference, growing to 3 (chosen)', dict(refw=3, start=2)),
    ('reference 2 windows, effect lower bound (z 1.0) >= 3 pp', dict(refw=2, lower_z=1.0)),
]
print('variant | healthy seeds with an episode /400 | sudden: days to open (median, max) | sudden: one open episode with onset ±3 d /50 '
      '| slow: days to open (median, max) | bench fell with users: episodes /50 | noisy bench: real drop missed by day 14 /50 '
      '| recovery: one episode closed within a window of it /50')
for name, v in variants:
    fa, sd, one, sl, fell, noisy, rec = scenarios(v)
    print(f'{name} | {fa} | {sd[len(sd)//2]}, {sd[-1]} | {one} | {sl[len(sl)//2]}, {sl[-1]} | {fell} | {noisy} | {rec}', flush=True)
