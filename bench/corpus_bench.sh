#!/usr/bin/env bash
# Corpus-scale benchmark of `concord analyze`: generates corpora of 10k,
# 100k and 1M articles from the team's example articles (bench/gen_corpus.py,
# a constant 3,000 articles a day, so a larger corpus is a longer period, not
# a denser one), runs a full analyze on each with 1 and 2 threads, checks the
# answer first (B-cubed F1 of the stories against the generator's labels,
# computed from the very report that was timed, bench/bcubed.py; a run below
# F1 0.95 prints no time), then prints articles/s and MB/s in total and per
# stage, peak memory (/usr/bin/time -v) and the bytes per article the engine
# kept between stages (term bag and text records, in memory or spilled), the
# clusterer's index and centroids per article (index-B/a) and
# CPU milliseconds per article (user + system, all threads).
#
#   bench/corpus_bench.sh [SIZES...]        default: 10000 100000 1000000
#   THREADS="1 2" BENCH_DIR=build/bench-corpus MEMORY_BUDGET=1024
#
# Each corpus is also cut into files of 10,000 lines (parts-N/), read as a
# folder (from when the JSON Lines reader held a file whole; it now streams
# 4 MiB blocks, so the parts only keep the figures comparable).
# Reports are written to BENCH_DIR/report-N-T.json (deleted after the check
# unless KEEP_REPORTS=1; at 1M one is 6.6 GB); stats and time -v output stay.
# Needs a release build and python3. The machine is shared: run with nice.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/tools/concord/concord
[ -x "$bin" ] || { echo "build first: cmake --preset release && ninja -C build/release concord" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
threads=(${THREADS:-1 2})
budget=${MEMORY_BUDGET:-1024}
work=${BENCH_DIR:-build/bench-corpus}
mkdir -p "$work"

printf "%-8s %7s %3s %7s %7s %8s %8s %7s %8s %8s %9s %9s\n" \
  articles MB thr stories "B3-F1" sec "art/s" "MB/s" "peak-MB" "kept-B/a" "index-B/a" "cpu-ms/a"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n.jsonl"
  if [ ! -s "$corpus" ]; then
    python3 bench/gen_corpus.py --articles "$n" --out "$corpus.tmp" 2>/dev/null
    mv "$corpus.tmp" "$corpus"
  fi
  parts="$work/parts-$n"
  if [ ! -d "$parts" ]; then
    mkdir -p "$parts.tmp"
    split -l 10000 -d -a 3 --additional-suffix=.jsonl "$corpus" "$parts.tmp/part-"
    mv "$parts.tmp" "$parts"
  fi
  mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN{ printf "%.1f", b/1e6 }')
  for t in "${threads[@]}"; do
    tag="$n-$t"
    report="$work/report-$tag.json"
    /usr/bin/time -v -o "$work/time-$tag" "$bin" analyze "$parts" --format json \
      -o "$report" --stats --threads "$t" --memory-budget "$budget" \
      2>"$work/stats-$tag" || true
    # The answer first: the clustering must be right before its time counts.
    check=$(python3 bench/bcubed.py "$corpus" "$report")
    echo "$check" >"$work/bcubed-$tag"
    f1=$(sed -E 's/.*"bcubed_f1": ([0-9.]+).*/\1/' <<<"$check")
    [ "${KEEP_REPORTS:-0}" = 1 ] || rm -f "$report"
    if awk -v f="$f1" 'BEGIN{ exit !(f < 0.95) }'; then
      echo "$n articles, $t threads: B3 F1 $f1 < 0.95, the answer is wrong; no time" >&2
      continue
    fi
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":");
      s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time-$tag")
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time-$tag")
    # CPU seconds (user + system): on a shared machine, less noisy than wall.
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time-$tag")
    stories=$(sed -nE 's/^stats: [0-9]+ articles, [0-9.]+ MB, ([0-9]+) stories.*/\1/p' "$work/stats-$tag")
    kept=$(sed -nE 's/.*\(([0-9]+) bytes per article\).*/\1/p' "$work/stats-$tag")
    index=$(sed -nE 's/.*\(([0-9]+) index bytes per article\).*/\1/p' "$work/stats-$tag")
    awk -v n="$n" -v mb="$mb" -v t="$t" -v st="$stories" -v f1="$f1" -v s="$secs" \
        -v kb="$kb" -v kept="$kept" -v index="$index" -v cpu="$cpu" \
      'BEGIN{ printf "%-8d %7s %3d %7s %7s %8.1f %8.0f %7.2f %8.0f %8s %9s %9.3f\n",
              n, mb, t, st, f1, s, n/s, mb/s, kb/1024, kept, index, 1000*cpu/n }'
    # Per stage (wall clock; reading and extraction overlap on threads, and
    # "extract" is the time it adds beyond reading).
    sed -nE 's/^  (ingest|extract|cluster|reuse) +([0-9.]+) s +([0-9]+) articles\/s +([0-9.]+) MB\/s.*/    \1 \2 s  \3 articles\/s  \4 MB\/s/p' \
      "$work/stats-$tag"
  done
done
echo "stats, time -v and B3 per run: $work/{stats,time,bcubed}-N-THREADS"
