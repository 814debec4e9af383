#!/usr/bin/env bash
# Generate page dumps from the 1998 People's Daily pages, parse them with
# baokan and print the scorer's table (means), plus the sample page.
#
#   bench/eval.sh [PROFILE] [SEED] [SOURCE.jsonl]
#
# Defaults: dev 1 on the 1-15 January pages. Skips with a message where
# ../shared is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${BAOKAN_SHARED:-$here/../shared}
if [[ ! -f $shared/eval/score.py ]]; then
  echo "bench/eval.sh: skipped: $shared/eval/score.py not found (the shared evaluation data is absent)"
  exit 0
fi
profile=${1:-dev}
seed=${2:-1}
source=${3:-$shared/corpus/pfr1998/pages-1998-01-01_15.jsonl}
work=${BAOKAN_EVAL_DIR:-$(mktemp -d)}
mkdir -p "$work/pages" "$work/parsed" "$work/sample"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" -p baokan
bin=$here/target/release/baokan
python3 "$shared/eval/mkpages.py" "$source" "$work/pages" --profile "$profile" --seed "$seed" >/dev/null
"$bin" parse "$work/pages" --out "$work/parsed" 2>/dev/null
echo "== generated pages: profile $profile, seed $seed, $(ls "$work/pages"/*.txt | wc -l) pages =="
python3 "$shared/eval/score.py" --dir "$work/pages" "$work/parsed" | tail -1
echo "== sample page =="
"$bin" parse "$here/samples/zhuzhou-2020-05-15-A1.txt" > "$work/sample/zhuzhou-2020-05-15-A1.json"
python3 "$shared/eval/score.py" --dir "$shared/corpus/pages" "$work/sample"
