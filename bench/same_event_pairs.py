#!/usr/bin/env python3
"""Pairs of articles that report the same event (same `label`), from a
labelled clustering file such as BASIL, as input for `concord compare
--pairs`. Articles of one event by different outlets are, in BASIL,
independent reports: the share Concord calls independent is the figure.

  python3 bench/same_event_pairs.py ../shared/data/clustering/basil.jsonl > pairs.jsonl
"""
import collections
import itertools
import json
import sys

by_label = collections.defaultdict(list)
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        by_label[r["label"]].append(r)
for label, rows in by_label.items():
    for a, b in itertools.combinations(rows, 2):
        print(json.dumps({"id": f"{label}:{a['source']}-{b['source']}",
                          "a": a["text"], "b": b["text"]}))
