#!/usr/bin/env bash
# Corpus-scale benchmark of `concord analyze`: generates corpora of 1k, 10k
# and 100k articles from the team's example articles (bench/gen_corpus.py),
# checks the clustering answer on each (B-cubed F1 against the generator's
# labels) and then times a full analyze, printing articles per second, MB/s
# and peak memory. Cost per article should stay flat as the corpus grows.
#
#   bench/corpus_bench.sh [SIZES...]     default: 1000 10000 100000
#
# Needs a release build (scripts/run-example or cmake --preset release).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/tools/concord/concord
[ -x "$bin" ] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=${BENCH_DIR:-build/bench-corpus}
mkdir -p "$work"

printf "%-9s %8s %8s %10s %8s %8s %9s %9s\n" articles MB stories "B3-F1" "sec" "art/s" "MB/s" "peak-MB"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n.jsonl"
  [ -s "$corpus" ] || python3 bench/gen_corpus.py --articles "$n" --out "$corpus" 2>/dev/null
  # The answer first: the clustering must be right before its time counts.
  f1=$("$bin" eval clustering "$corpus" --format json | sed -E 's/.*"bcubed_f1":([0-9.]+).*/\1/')
  /usr/bin/time -f "%e %M" -o "$work/time-$n" "$bin" analyze "$corpus" --format json -o /dev/null --stats 2>"$work/stats-$n" || true
  read -r secs kb <"$work/time-$n"
  mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN{ printf "%.1f", b/1e6 }')
  stories=$(sed -nE 's/^stats: [0-9]+ articles, [0-9.]+ MB, ([0-9]+) stories/\1/p' "$work/stats-$n")
  awk -v n="$n" -v mb="$mb" -v st="$stories" -v f1="$f1" -v s="$secs" -v kb="$kb" \
    'BEGIN{ printf "%-9d %8s %8s %10s %8.2f %8.0f %9.1f %9.0f\n", n, mb, st, f1, s, n/s, mb/s, kb/1024 }'
done
echo "per-stage times: $work/stats-*"
