#!/usr/bin/env python3
"""Share of pairs Concord calls derived, per style, from `compare --pairs`.

  concord compare --pairs PAIRS.jsonl > OUT.jsonl
  python3 bench/derived_rates.py PAIRS.jsonl OUT.jsonl

Prints, per `style` of the input pairs (or "all"), the pairs, the share
judged derived (any relation but independent) and the share judged a
rewrite or closer (rewrite, spun copy, near-duplicate, duplicate).
Standard library only.
"""
import collections
import json
import sys


def main(pairs_path, out_path):
    style = {}
    with open(pairs_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            style[str(r.get("id"))] = r.get("style") or "all"
    n = collections.Counter()
    derived = collections.Counter()
    close = collections.Counter()
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            s = style.get(str(r["id"]), "all")
            for key in (s, "ALL"):
                n[key] += 1
                derived[key] += bool(r["derived"])
                close[key] += r["relation"] in (
                    "rewrite", "spun copy", "near-duplicate", "duplicate")
    for key in sorted(n):
        print(f"{key:24s} pairs {n[key]:5d}  derived {derived[key] / n[key]:.3f}"
              f"  rewrite-or-closer {close[key] / n[key]:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
