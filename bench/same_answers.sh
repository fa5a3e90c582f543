#!/usr/bin/env bash
# Checks that a speed change left the answers alone: runs `concord analyze
# --format json` with a reference binary and with the current build on the
# examples, the seeds, the labelled data sets in ../shared/data and a
# generated 1k corpus, and compares the reports byte for byte. Prints one line
# per input and exits non-zero on the first difference (the diff is kept).
#
#   bench/same_answers.sh REFERENCE_BINARY [EXTRA_INPUTS...]
#
# Make the reference from the commit before the change, e.g.
#   git stash; ninja -C build/release concord; cp build/release/tools/concord/concord /tmp/concord-ref; git stash pop
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: bench/same_answers.sh REFERENCE_BINARY [EXTRA_INPUTS...]}
shift
bin=build/release/tools/concord/concord
[ -x "$bin" ] || { echo "build first: ninja -C build/release concord" >&2; exit 2; }
work=${BENCH_DIR:-build/bench-corpus}
mkdir -p "$work/same"
corpus="$work/corpus-1000.jsonl"
[ -s "$corpus" ] || python3 bench/gen_corpus.py --articles 1000 --out "$corpus" 2>/dev/null

inputs=(examples/articles examples/articles.jsonl examples/web "$corpus")
for p in ../shared/seeds ../shared/data/clustering/basil.jsonl \
         ../shared/data/reuse/clough-ab.jsonl \
         ../shared/data/conflicts/fakes-dev.jsonl \
         ../shared/data/conflicts/restyled-dev.jsonl; do
  if [ -e "$p" ]; then inputs+=("$p"); else echo "skip (absent): $p"; fi
done
inputs+=("$@")

status=0
for in in "${inputs[@]}"; do
  name=$(echo "$in" | tr '/.' '__')
  for extra in "" "--with-text"; do
    a="$work/same/$name$extra.ref.json"
    b="$work/same/$name$extra.new.json"
    "$ref" analyze "$in" --format json $extra -o "$a" 2>/dev/null || true
    "$bin" analyze "$in" --format json $extra -o "$b" 2>/dev/null || true
    if cmp -s "$a" "$b"; then
      printf "same       %-50s %s (%s bytes)\n" "$in" "$extra" "$(stat -c %s "$b")"
    else
      printf "DIFFERENT  %-50s %s: diff %s %s\n" "$in" "$extra" "$a" "$b"
      status=1
    fi
  done
done
exit $status
