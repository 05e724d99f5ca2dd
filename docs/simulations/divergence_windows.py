# Divergence detectors on generated thumbs-up series (the scenario suite's model: n = 200 a day, AR(1) wander of ~1 point).
# Healthy: 40 seeds, flat 80 %. Slow: 20 seeds, 14 points over 42 days from day 150. Sudden: 10 seeds, -14 points on day 150.
# Prints, per detector: false alarms per checked day, healthy seeds with any alarm, detection delays. Run: python3 divergence_windows.py
# See docs/decisions/0011-slow-declines.md.
import random, math, sys
def gen(seed, f, days=270, n=200):
    rng = random.Random(seed); w=0; ups=[]
    for d in range(days):
        w = 0.7*w + 0.007*rng.gauss(0,1)
        p = min(1,max(0,f(d)+w))
        ups.append(sum(1 for _ in range(n) if rng.random()<p))
    return ups
N=200
def ncdf(z): return 0.5*math.erfc(-z/math.sqrt(2))
def ztest(x1,n1,x2,n2):
    p=(x1+x2)/(n1+n2); se=math.sqrt(p*(1-p)*(1/n1+1/n2))
    if se==0: return 1
    z=(x1/n1-x2/n2)/se; return 2*(1-ncdf(abs(z)))
def d_window(ups,t,W,B,eff,alpha):
    rec=ups[t-W+1:t+1]; base=ups[t-W-B+1:t-W+1]
    r=sum(rec)/(W*N); b=sum(base)/(B*N)
    return (b-r)>=eff and ztest(sum(rec),W*N,sum(base),B*N)<alpha
def d_trend(ups,t,W=28,B=28,eff=0.03,tcrit=3.0):
    ys=[u/N for u in ups[t-W+1:t+1]]; xs=list(range(W))
    mx=sum(xs)/W; my=sum(ys)/W
    sxx=sum((x-mx)**2 for x in xs); b=sum((x-mx)*(y-my) for x,y in zip(xs,ys))/sxx
    a=my-b*mx; res=[y-(a+b*x) for x,y in zip(xs,ys)]
    s2=sum(r*r for r in res)/(W-2); se=math.sqrt(s2/sxx)
    end=a+b*(W-1)
    base=sum(ups[t-W-B+1:t-W+1])/(B*N)
    return b<0 and -b/se>=tcrit and base-end>=eff
dets={
 'cur28':lambda u,t:d_window(u,t,28,28,0.03,0.05),
 'w7_a001':lambda u,t:d_window(u,t,7,28,0.03,0.001),
 'w7_a0001':lambda u,t:d_window(u,t,7,28,0.03,0.0001),
 'w7_e4_a001':lambda u,t:d_window(u,t,7,28,0.04,0.001),
 'w14_a001':lambda u,t:d_window(u,t,14,28,0.03,0.001),
 'trend3':lambda u,t:d_trend(u,t,28,28,0.03,3.0),
 'trend4':lambda u,t:d_trend(u,t,28,28,0.03,4.0),
 'trend21_4':lambda u,t:d_trend(u,t,21,28,0.03,4.0),
}
healthy=[gen(s,lambda d:0.80) for s in range(1,41)]
onset=150
slow=[gen(100+s,lambda d:0.80 if d<onset else 0.80-0.14*min(1,(d-onset)/42)) for s in range(20)]
sudden=[gen(200+s,lambda d:0.80 if d<onset else 0.66) for s in range(10)]
for name,det in dets.items():
    fa=0; checks=0
    for u in healthy:
        for t in range(60,270):
            checks+=1
            if det(u,t): fa+=1
    hs=sum(1 for u in healthy if any(det(u,t) for t in range(60,270,3)))
    delays=[]
    for u in slow:
        dd=next((t-onset for t in range(onset,270) if det(u,t)),999); delays.append(dd)
    sd=[next((t-onset for t in range(onset,270) if det(u,t)),999) for u in sudden]
    print(f"{name:12s} FA/day {fa/checks:.4f} healthy-seeds-alarmed {hs}/40  slow delays {sorted(delays)}  sudden max {max(sd)}",flush=True)
