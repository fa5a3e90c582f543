#!/usr/bin/env python3
"""Fits the paraphrase model of src/engine/compare.cc (ParaphraseProbability).

The features are the ones `concord compare --pairs` writes per pair under
`paraphrase_features`; the labels come from the pairs file. Prints the 5-fold
cross-validated accuracy (three shuffles), the accuracy of the model fitted
on all rows (optimistic: same data), and the weights to paste into
compare.cc.

  concord compare --pairs ../shared/data/paraphrase/mrpc-train.jsonl > /tmp/mrpc.jsonl
  python3 bench/fit_paraphrase.py ../shared/data/paraphrase/mrpc-train.jsonl /tmp/mrpc.jsonl

Logistic regression, L2 1e-3 on the weights (not the bias), Newton's method
(a few iterations converge). Standard library only.
"""
import json
import math
import random
import sys

L2 = 1e-3


def solve(a, b):
    """Solves a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def fit(xs, ys, iters=25):
    d = len(xs[0])
    w = [0.0] * d
    n = len(xs)
    for _ in range(iters):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y in zip(xs, ys):
            z = sum(a * b for a, b in zip(w, x))
            p = 1 / (1 + math.exp(-z))
            for i in range(d):
                g[i] += (p - y) * x[i] / n
                s = p * (1 - p) * x[i] / n
                for j in range(d):
                    h[i][j] += s * x[j]
        for i in range(1, d):
            g[i] += L2 * w[i]
            h[i][i] += L2
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
    return w


def accuracy(w, xs, ys):
    ok = sum((sum(a * b for a, b in zip(w, x)) >= 0) == (y == 1)
             for x, y in zip(xs, ys))
    return ok / len(xs)


def main(pairs_path, out_path):
    gold = {}
    with open(pairs_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            gold[str(r["id"])] = int(r["label"])
    rows = []
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
    names = list(rows[0]["paraphrase_features"].keys())
    xs = [[1.0] + [float(r["paraphrase_features"][k]) for k in names]
          for r in rows]
    ys = [gold[str(r["id"])] for r in rows]
    for seed in (1, 2, 3):
        order = list(range(len(xs)))
        random.Random(seed).shuffle(order)
        folds = [order[k::5] for k in range(5)]
        accs = []
        for k in range(5):
            test = set(folds[k])
            train = [i for i in order if i not in test]
            w = fit([xs[i] for i in train], [ys[i] for i in train])
            accs.append(accuracy(w, [xs[i] for i in folds[k]],
                                 [ys[i] for i in folds[k]]))
        print(f"5-fold CV accuracy (shuffle {seed}) {sum(accs) / 5:.4f}",
              " ".join(f"{a:.3f}" for a in accs))
    w = fit(xs, ys)
    print(f"fitted on all {len(xs)} rows: accuracy {accuracy(w, xs, ys):.4f}")
    print(f"kBias = {w[0]:.4f}")
    for name, weight in zip(names, w[1:]):
        print(f'{{"{name}", {weight:.4f}}},')


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
