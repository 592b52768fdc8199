#!/usr/bin/python3
"""Regenerates the pandas golden files of the group-by tests.

Run with Debian's pandas:  /usr/bin/python3 testdata/groupby/gen.py
Each dataset NAME gives NAME.in.csv (columns g, a, b) and NAME.out.csv (per
group: size, then count, sum, mean, std, min, max of a and of b, pandas'
defaults: skipna, ddof=1). Floats are written with repr, which round-trips.
"""
import os
import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(42)


def write(name, g, a, b, ngroups):
    df = pd.DataFrame({"g": g, "a": a, "b": b})
    with open(os.path.join(here, name + ".in.csv"), "w") as f:
        f.write("ngroups,%d\n" % ngroups)
        for row in df.itertuples(index=False):
            f.write("%d,%r,%r\n" % (row.g, float(row.a), float(row.b)))
    aggs = ["count", "sum", "mean", "std", "min", "max"]
    out = df.groupby("g").agg({"a": aggs, "b": aggs}).reindex(range(ngroups))
    size = df.groupby("g").size().reindex(range(ngroups), fill_value=0)
    with open(os.path.join(here, name + ".out.csv"), "w") as f:
        for k in range(ngroups):
            vals = [int(size[k])]
            for c in ["a", "b"]:
                for agg in aggs:
                    v = out.loc[k, (c, agg)]
                    if agg == "count":
                        v = 0 if pd.isna(v) else int(v)
                    elif agg == "sum" and pd.isna(v):
                        v = 0.0  # pandas sums an empty group to 0
                    vals.append(v)
            f.write(",".join(repr(v) if isinstance(v, float) else str(v) for v in vals) + "\n")


# Integer-valued data: sums, means, minima and maxima are exact.
n, G = 2000, 37
g = rng.integers(0, G - 2, n)  # the last two groups stay empty
write("ints", g, rng.integers(-1000, 1000, n).astype(float), rng.integers(0, 10, n).astype(float), G)

# Floats far from zero with NaN and single-row groups.
n, G = 3000, 50
g = rng.integers(0, G, n)
g[g == 7] = 8
g[0] = 7  # group 7 has one row
a = 1e6 + rng.standard_normal(n)
b = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
a[rng.random(n) < 0.05] = np.nan
b[g == 3] = np.nan  # group 3 only NaN in b
write("floats", g, a, b, G)
