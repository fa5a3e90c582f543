#!/usr/bin/env python3
"""Pair relations of an `analyze` report against the generator's truth.

    python3 bench/gen_corpus.py --articles 10000 --out c.jsonl --kinds c.kinds
    concord analyze c.jsonl --format json -o r.json
    python3 bench/relation_accuracy.py c.kinds r.json [more reports]

gen_corpus.py makes each event's articles from one original: verbatim
copies, light edits, spun copies, rewrites and summaries derive from it;
an "independent" report is another template's text with a fact or two of
the event's. So a reported pair is truly derived when both articles belong
to one event and neither is independent, and truly independent otherwise.
Prints, per report, the pairs' accuracy, the recall of each side, and per
kind of derived article, its pairs with the original: how many are called
derived, and how many get the kind's own relation (verbatim: duplicate,
light: near-duplicate, spun: spun copy, rewrite, summary). Then the
articles' roles against their kinds (original: origin), who is called a
spun copy, and how often a family's origin is the original or a verbatim
copy of it.
"""
import collections
import json
import sys

NAME = {"verbatim": "duplicate", "light": "near-duplicate",
        "spun": "spun copy", "rewrite": "rewrite", "summary": "summary"}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kinds = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            aid, event, kind = line.rstrip("\n").split("\t")
            kinds[aid] = (event, kind)
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        seen = collections.Counter()  # (truly derived, reported derived)
        per_kind = collections.Counter()  # (kind, reported derived)
        named = collections.Counter()  # kind -> pairs with the kind's name
        for story in report["stories"]:
            for rel in story.get("relations", []):
                (ea, ka), (eb, kb) = kinds[rel["a"]], kinds[rel["b"]]
                truth = ea == eb and "independent" not in (ka, kb)
                said = rel["relation"] != "independent"
                seen[truth, said] += 1
                if truth and "original" in (ka, kb):
                    kind = kb if ka == "original" else ka
                    per_kind[kind, said] += 1
                    named[kind] += rel["relation"] == NAME[kind]
        pairs = sum(seen.values())
        if pairs == 0:
            print("%s: no relations" % path)
            continue
        def recall(t):
            n = seen[t, True] + seen[t, False]
            return seen[t, t] / n if n else 0.0
        print("%s: pairs %d  accuracy %.4f  derived recall %.4f  "
              "independent recall %.4f" % (
                  path, pairs, (seen[True, True] + seen[False, False]) / pairs,
                  recall(True), recall(False)))
        for kind in sorted({k for k, _ in per_kind}):
            found, missed = per_kind[kind, True], per_kind[kind, False]
            print("    original/%-12s derived %6d of %6d, called %-15s"
                  "%6d" % (kind, found, found + missed, NAME[kind],
                           named[kind]))
        roles(report, kinds)


ROLE = {**NAME, "original": "origin", "independent": "independent"}


def roles(report, kinds):
    """Each article's role against its kind, who is called a spun copy, and
    how often a family's origin is the original (or a verbatim copy of it,
    the same text), among families that hold the original."""
    right, total, spun = (collections.Counter() for _ in range(3))
    origins = collections.Counter()
    for story in report["stories"]:
        for a in story["articles"]:
            if "role" not in a:
                continue
            kind = kinds[a["id"]][1]
            total[kind] += 1
            right[kind] += a["role"] == ROLE[kind]
            if a["role"] == "spun copy":
                spun[kind] += 1
        for fam in story.get("families", []):
            members = [kinds[x][1] for x in fam["articles"]]
            if "original" in members:
                origins[kinds[fam["origin"]][1] in ("original", "verbatim")] += 1
    if not total:
        return
    print("    roles as their kind: %.4f (%s)" % (
        sum(right.values()) / sum(total.values()),
        ", ".join("%s %d/%d" % (k, right[k], total[k]) for k in sorted(total))))
    print("    called spun copy: %s" % ", ".join(
        "%s %d" % (k, spun[k]) for k in sorted(spun)))
    if origins:
        print("    origin is the original or a verbatim copy: %.4f of %d "
              "families" % (origins[True] / sum(origins.values()),
                            sum(origins.values())))


if __name__ == "__main__":
    main()
