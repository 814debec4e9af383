#!/usr/bin/env bash
# Archive benchmark (not a test; never run in CI): build an archive from
# generated pages, measure ingest MB/s and peak RSS, size on disk vs raw text,
# search p50/p99 over 200 fixed queries, and the same for SQLite FTS5
# (trigram) and Whoosh (jieba) on the same articles.
#
#   bench/archive.sh [COPIES] [WHOOSH_LIMIT]
#
# COPIES (default 4): how many times the January 1998 People's Daily pages are
# generated (mkpages.py, seed 1..COPIES); copy k is dated 1998+k-1, so every
# copy is a separate set of issues (~5.7 MB raw, ~3,200 articles each).
# WHOOSH_LIMIT (default 10000): articles given to Whoosh (it is slow).
# Needs ../shared (skips without it) and `pip install whoosh-reloaded jieba`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${BAOKAN_SHARED:-$here/../shared}
if [[ ! -f $shared/eval/mkpages.py ]]; then
  echo "bench/archive.sh: skipped: $shared/eval/mkpages.py not found"
  exit 0
fi
copies=${1:-4}
whoosh_limit=${2:-10000}
work=${BAOKAN_BENCH_DIR:-$(mktemp -d)}
echo "== work dir $work, $copies copies =="
# (Two commands: `--example` would restrict both packages to examples and
# leave the `baokan` binary stale.)
cargo build --release --quiet --manifest-path "$here/Cargo.toml" -p baokan
cargo build --release --quiet --manifest-path "$here/Cargo.toml" -p baokan-archive --example bench_search
bin=$here/target/release/baokan
rm -rf "$work/pages" "$work/gen" "$work/a.archive"
mkdir -p "$work/pages"
for ((k = 1; k <= copies; k++)); do
  year=$((1997 + k))
  for src in "$shared"/corpus/pfr1998/pages-1998-01-*.jsonl; do
    python3 "$shared/eval/mkpages.py" "$src" "$work/gen/$k" --profile dev --seed "$k" >/dev/null
  done
  for f in "$work/gen/$k"/*.txt; do
    b=$(basename "$f")
    cp "$f" "$work/pages/${year}${b:4}"
  done
done
raw=$(cat "$work"/pages/*.txt | wc -c)
echo "== input: $(ls "$work/pages" | wc -l) pages, $((raw / 1000000)) MB =="
/usr/bin/time -f "ingest: peak RSS %M KB, wall %e s" "$bin" ingest "$work/pages" --archive "$work/a.archive"
"$bin" stats --archive "$work/a.archive"
du -sb "$work/a.archive" | awk -v raw="$raw" '{printf "on disk: %.1f MB = %.2fx raw\n", $1/1e6, $1/raw}'
"$bin" export --archive "$work/a.archive" > "$work/all.jsonl"
python3 "$here/bench/archive_peers.py" queries "$work/all.jsonl" "$work/queries.txt"
/usr/bin/time -f "search: peak RSS %M KB" "$here/target/release/examples/bench_search" "$work/a.archive" "$work/queries.txt" 3
python3 "$here/bench/archive_peers.py" fts5 "$work/all.jsonl" "$work/queries.txt" "$work/peers"
python3 "$here/bench/archive_peers.py" whoosh "$work/all.jsonl" "$work/queries.txt" "$work/peers" "$whoosh_limit" || echo "whoosh: skipped (pip install whoosh-reloaded jieba)"
