#!/usr/bin/env bash
# Benchmark of the SQLite store (`concord ingest`, docs/store.md): for each
# corpus size N (bench/gen_corpus.py, 3,000 articles a day), ingests all
# but the last day's 3,000 articles into a new store, then the last day as
# a second ingest (new articles join stories, only touched stories are
# analysed again), then the last day once more (nothing changes). Checks
# the answer first: the stories of the two-step store must be those of a
# single ingest of the whole corpus (same keys, sizes and reports), else no
# time is printed. Prints seconds, articles/s, peak memory and database
# bytes per article for each step.
#
#   bench/store_bench.sh [SIZES...]   default: 10000 100000
#   BENCH_DIR=build/bench-store CORPUS_DIR=build/bench-corpus
# Needs a release build, python3 and sqlite3 (Debian's sqlite3 package, or
# the check runs through python3's sqlite3 module). Run with nice.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/release/tools/concord/concord
[ -x "$bin" ] || { echo "build first: cmake --preset release && ninja -C build/release concord" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=${BENCH_DIR:-build/bench-store}
corpora=${CORPUS_DIR:-build/bench-corpus}
mkdir -p "$work" "$corpora"
day=3000

peak_mb() { awk '/Maximum resident set size/ {printf "%.0f", $NF/1024}' "$1"; }
secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$1"; }

stories_digest() {
  python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
h = hashlib.sha256()
for row in db.execute("SELECT key, number, size, members_hash, report FROM stories ORDER BY key"):
    h.update(repr(row).encode())
print(h.hexdigest())
PY
}

printf "%-8s %-10s %8s %8s %9s %8s %8s %s\n" articles step added sec "art/s" "peak-MB" "db-B/a" "stories (analysed/kept)"
for n in "${sizes[@]}"; do
  corpus="$corpora/corpus-$n.jsonl"
  if [ ! -s "$corpus" ]; then
    python3 bench/gen_corpus.py --articles "$n" --out "$corpus.tmp" 2>/dev/null
    mv "$corpus.tmp" "$corpus"
  fi
  base="$work/base-$n.jsonl"; last="$work/day-$n.jsonl"
  head -n $((n - day)) "$corpus" > "$base"
  tail -n "$day" "$corpus" > "$last"
  rm -f "$work"/two-$n.db* "$work"/one-$n.db*
  run() {  # step db input...
    local step=$1 db=$2; shift 2
    /usr/bin/time -v "$bin" ingest --quiet --db "$db" "$@" 2> "$work/log-$n-$step" || true
    local added s an kept
    added=$(sed -n 's/^ingest: .* read: \([0-9]*\) added.*/\1/p' "$work/log-$n-$step")
    s=$(secs "$work/log-$n-$step")
    an=$(sed -n 's/^ingest: \([0-9]*\) stories: \([0-9]*\) analysed, \([0-9]*\) unchanged.*/\1 (\2\/\3)/p' "$work/log-$n-$step")
    [ -n "$an" ] || an=$(sed -n 's/^ingest: \([0-9]*\) stories, none changed/\1 (none changed)/p' "$work/log-$n-$step")
    local bytes articles
    bytes=$(stat -c %s "$db"); articles=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$db")
    ROW=$(printf "%-8s %-10s %8s %8s %9.0f %8s %8.0f %s" "$n" "$step" "$added" "$s" \
      "$(python3 -c "print(($added or 0)/max($s,1e-9))")" "$(peak_mb "$work/log-$n-$step")" \
      "$(python3 -c "print($bytes/max($articles,1))")" "$an")
  }
  rows=()
  run base "$work/two-$n.db" "$base"; rows+=("$ROW")
  run next-day "$work/two-$n.db" "$last"; rows+=("$ROW")
  run again "$work/two-$n.db" "$last"; rows+=("$ROW")
  run at-once "$work/one-$n.db" "$corpus"; rows+=("$ROW")
  if [ "$(stories_digest "$work/two-$n.db")" != "$(stories_digest "$work/one-$n.db")" ]; then
    # Reports name the file each article came from (origin): compare
    # without it.
    a=$(python3 - "$work/two-$n.db" "$work/one-$n.db" <<'PY'
import json, sqlite3, sys
def load(p):
    out = {}
    for key, size, report in sqlite3.connect(p).execute("SELECT key, size, report FROM stories"):
        r = json.loads(report)
        for a in r["articles"]:
            a.pop("origin", None)
        out[key] = (size, json.dumps(r, sort_keys=True))
    return out
print("same" if load(sys.argv[1]) == load(sys.argv[2]) else "different")
PY
)
    if [ "$a" != same ]; then
      echo "$n: stories of base + next day differ from one ingest: no time printed" >&2
      continue
    fi
  fi
  printf "%s\n" "${rows[@]}"
done
