#!/usr/bin/env bash
# Archive benchmark (not a test; never run in CI): build an archive from
# generated pages, measure ingest MB/s and peak RSS, size on disk vs raw text,
# search p50/p99 over 200 fixed queries, and the same for SQLite FTS5
# (trigram) and Whoosh (jieba) on the same articles.
#
#   bench/archive.sh [COPIES] [WHOOSH_LIMIT]
#
# COPIES (default 4): how many copies of the January 1998 People's Daily
# pages go in (~5.7 MB raw, ~3,200 articles each; 31 copies make ~100k
# articles, 313 make ~1M). Copy k is mkpages.py with seed k, dated 1998+k-1.
# WHOOSH_LIMIT (default: all): articles given to Whoosh (about 0.4 MB/s: 7
# minutes for 100k articles).
#
# Environment:
#   BAOKAN_BENCH_DIR    work folder (default: a new temporary folder)
#   BAOKAN_BENCH_SEEDS  generate only this many seeds (default COPIES); copy
#                       k > SEEDS is seed ((k-1) % SEEDS)+1 again (hard links),
#                       dated in year 1998+((k-1) % SEEDS), month
#                       1+(k-1)/SEEDS, so every copy is a separate set of
#                       issues with the same term statistics as the others.
#   BAOKAN_BENCH_REUSE=1  keep the generated seeds in WORK/gen from an earlier
#                       run instead of generating them again.
#   BAOKAN_BENCH_PEERS=0  skip export, FTS5 and Whoosh (searches use the
#                       queries.txt already in WORK, else they are made from
#                       the export).
# Needs ../shared (skips without it) and `pip install whoosh-reloaded jieba`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${BAOKAN_SHARED:-$here/../shared}
if [[ ! -f $shared/eval/mkpages.py ]]; then
  echo "bench/archive.sh: skipped: $shared/eval/mkpages.py not found"
  exit 0
fi
copies=${1:-4}
whoosh_limit=${2:-1000000000}
seeds=${BAOKAN_BENCH_SEEDS:-$copies}
((seeds > copies)) && seeds=$copies
peers=${BAOKAN_BENCH_PEERS:-1}
work=${BAOKAN_BENCH_DIR:-$(mktemp -d)}
echo "== work dir $work, $copies copies of $seeds generated seeds =="
# (Two commands: `--example` would restrict both packages to examples and
# leave the `baokan` binary stale.)
cargo build --release --quiet --manifest-path "$here/Cargo.toml" -p baokan
cargo build --release --quiet --manifest-path "$here/Cargo.toml" -p baokan-archive --example bench_search
bin=$here/target/release/baokan
rm -rf "$work/pages" "$work/a.archive"
[[ ${BAOKAN_BENCH_REUSE:-0} == 1 ]] || rm -rf "$work/gen"
mkdir -p "$work/pages"
for ((s = 1; s <= seeds; s++)); do
  if [[ -n $(ls "$work/gen/$s" 2>/dev/null | head -1) ]]; then
    continue
  fi
  for src in "$shared"/corpus/pfr1998/pages-1998-01-*.jsonl; do
    python3 "$shared/eval/mkpages.py" "$src" "$work/gen/$s" --profile dev --seed "$s" >/dev/null
  done
done
if ((copies > 12 * seeds)); then
  echo "bench/archive.sh: at most 12 copies per generated seed" >&2
  exit 2
fi
for ((k = 1; k <= copies; k++)); do
  s=$(((k - 1) % seeds + 1))
  year=$((1997 + s))
  month=$(printf %02d $((1 + (k - 1) / seeds)))
  for f in "$work/gen/$s"/*.txt; do
    b=${f##*/} # 19980131-02.txt
    ln "$f" "$work/pages/${year}${month}${b:6}"
  done
done
raw=$(find "$work/pages" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
echo "== input: $(find "$work/pages" -name '*.txt' | wc -l) pages, $((raw / 1000000)) MB =="
# CPU time other processes used during the ingest (the machine is shared).
stat0=$(head -1 /proc/stat)
/usr/bin/time -f "%e %U %S %M" -o "$work/ingest.time" "$bin" ingest "$work/pages" --archive "$work/a.archive"
stat1=$(head -1 /proc/stat)
read -r wall user sys rss < "$work/ingest.time"
echo "$stat0" "$stat1" | awk -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v raw="$raw" '{
  busy = ($13 + $14 + $15 + $18 + $19) - ($2 + $3 + $4 + $7 + $8); other = busy / 100 - user - sys
  printf "ingest: %.1f MB/s (wall %.1f s), CPU user %.1f s + sys %.1f s, peak RSS %.0f MB\n", raw / 1e6 / wall, wall, user, sys, rss / 1024
  printf "machine during ingest: other processes used %.1f CPU-s (%.2f of the 2 cores on average)\n", other, other / wall }'
"$bin" stats --archive "$work/a.archive"
du -sb "$work/a.archive" | awk -v raw="$raw" '{printf "on disk: %.1f MB = %.2fx raw\n", $1/1e6, $1/raw}'
if [[ $peers == 1 || ! -f $work/queries.txt ]]; then
  "$bin" export --archive "$work/a.archive" > "$work/all.jsonl"
  python3 "$here/bench/archive_peers.py" queries "$work/all.jsonl" "$work/queries.txt"
fi
# The archive was just written, so its files sit in the page cache, where
# the kernel maps them to a reader in large folios: a search's RSS would
# count up to 2 MB around every page it reads (1M articles: 1.46 GB,
# against 0.59 GB read from disk). Drop them from the cache first, as for a
# search process started later; the warm-up round reads what it needs.
python3 - "$work/a.archive" <<'PY'
import os, sys
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        fd = os.open(os.path.join(root, f), os.O_RDONLY)
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
PY
/usr/bin/time -f "search: peak RSS %M KB" "$here/target/release/examples/bench_search" "$work/a.archive" "$work/queries.txt" 3
if [[ $peers == 1 ]]; then
  python3 "$here/bench/archive_peers.py" fts5 "$work/all.jsonl" "$work/queries.txt" "$work/peers"
  python3 "$here/bench/archive_peers.py" whoosh "$work/all.jsonl" "$work/queries.txt" "$work/peers" "$whoosh_limit" || echo "whoosh: skipped (pip install whoosh-reloaded jieba)"
fi
