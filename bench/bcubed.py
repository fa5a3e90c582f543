#!/usr/bin/env python3
"""B-cubed precision, recall and F1 of a `concord analyze --format json`
report against the generator's labels, reading both as streams.

    python3 bench/bcubed.py CORPUS.jsonl REPORT.json [--sample K]

The report (2-space indent, as `analyze` writes it) is read line by line:
a story opens with its numeric "id" at 6 spaces, its articles' "id" strings
sit at 10 spaces; nothing else in the schema has "id" at those depths. So a
report of a million articles (several GB) is checked in a minute with
little memory. With --sample K, B-cubed is averaged over K articles drawn
uniformly (seeded), which estimates the same figure at a fraction of the
cost; all articles otherwise. Prints one JSON line.
"""

import argparse
import json
import random
import re
import sys
from collections import Counter

ID = re.compile(r'^\{"id": "([^"]+)"')
LABEL = re.compile(r'"label": "?([^",}]+)"?\}\s*$')
STORY = re.compile(r'^      "id": (\d+),$')
ARTICLE = re.compile(r'^          "id": "([^"]+)",$')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("report")
    ap.add_argument("--sample", type=int, default=0)
    args = ap.parse_args()

    label = {}
    with open(args.corpus, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m, l = ID.match(line), LABEL.search(line)
            if not m or not l:
                sys.exit("bcubed: %s:%d: no id or label" % (args.corpus, n))
            label[m.group(1)] = l.group(1)

    story = {}
    current = None
    with open(args.report, encoding="utf-8") as f:
        for line in f:
            m = STORY.match(line)
            if m:
                current = int(m.group(1))
                continue
            m = ARTICLE.match(line)
            if m and current is not None:
                story[m.group(1)] = current
    missing = [i for i in label if i not in story]
    if missing:
        sys.exit("bcubed: %d articles of the corpus are in no story (first: %s)"
                 % (len(missing), missing[0]))

    pair = Counter((story[i], label[i]) for i in label)
    per_story = Counter(story[i] for i in label)
    per_label = Counter(label[i] for i in label)
    ids = list(label)
    if args.sample and args.sample < len(ids):
        ids = random.Random(1).sample(ids, args.sample)
    p = r = 0.0
    for i in ids:
        both = pair[(story[i], label[i])]
        p += both / per_story[story[i]]
        r += both / per_label[label[i]]
    p /= len(ids)
    r /= len(ids)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(json.dumps({"articles": len(label), "checked": len(ids),
                      "stories": len(per_story), "labels": len(per_label),
                      "bcubed_precision": round(p, 4),
                      "bcubed_recall": round(r, 4), "bcubed_f1": round(f1, 4)}))


if __name__ == "__main__":
    main()
