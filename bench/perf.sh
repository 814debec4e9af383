#!/usr/bin/env bash
# Speed and memory of `baokan parse` against the targets of issue 2:
#   (a) single-thread parse+repair throughput, dictionary load excluded (≥ 2,000 pages/s)
#       and the dictionary load time (≤ 300 ms, or lazy)
#   (b) peak RSS of `baokan parse DIR --out OUT` over 1,000 pages (≤ 200 MiB)
#   (c) batch mode uses both cores: (user+sys CPU) / wall > 1.5
# Needs ../shared (the evaluation corpus) beside the repository.
# Usage: bench/perf.sh [PAGES]   (default 1000)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
N="${1:-1000}"
cd "$ROOT"

if [ ! -f "$SHARED/eval/mkpages.py" ]; then
    echo "perf.sh: $SHARED/eval/mkpages.py not found; the benchmark needs ../shared" >&2
    exit 1
fi
if [ ! -x /usr/bin/time ]; then
    echo "perf.sh: installing GNU time" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi

# the `dist` profile: release with link-time optimisation (see Cargo.toml)
cargo build --profile dist -q -p baokan
cargo build --profile dist -q -p baokan-core --example throughput
BIN="$ROOT/target/dist/baokan"
TPUT="$ROOT/target/dist/examples/throughput"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 "$SHARED/eval/mkpages.py" "$SHARED/corpus/pfr1998/pages-1998-01-01_15.jsonl" "$WORK/dev" \
    --profile dev --seed 1 >/dev/null
rm -f "$WORK"/dev/*.gold.json
# replicate the dev pages to N pages: copy k goes to pages/rKK/ under its own name
mapfile -t DEV < <(ls "$WORK"/dev/*.txt)
count=0; k=0
while [ "$count" -lt "$N" ]; do
    dir="$WORK/pages/r$(printf %02d "$k")"; mkdir -p "$dir"
    for f in "${DEV[@]}"; do
        [ "$count" -ge "$N" ] && break
        cp "$f" "$dir/"; count=$((count + 1))
    done
    k=$((k + 1))
done
bytes=$(du -sb "$WORK/pages" | cut -f1)

# (a) one thread, dictionary loaded first, pages in memory
"$TPUT" "$WORK/pages" 3 > "$WORK/tput.txt"
pps=$(awk -F'\t' '$1=="pages_per_s"{print $2}' "$WORK/tput.txt")
# this thread's CPU time: on a machine shared with other work, wall time counts their turns too
cpps=$(awk -F'\t' '$1=="cpu_pages_per_s"{print $2}' "$WORK/tput.txt")
cpps=${cpps:-$pps}
load=$(awk -F'\t' '$1=="dict_load_ms"{print $2}' "$WORK/tput.txt")
mspp=$(awk -F'\t' '$1=="ms_per_page"{print $2}' "$WORK/tput.txt")

# (b), (c): the whole batch command, all cores
/usr/bin/time -v "$BIN" parse "$WORK/pages" --out "$WORK/out" 2> "$WORK/time.txt" >/dev/null || {
    cat "$WORK/time.txt" >&2; echo "perf.sh: baokan parse failed" >&2; exit 1; }
rss_kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time.txt")
user=$(awk -F': ' '/User time/{print $2}' "$WORK/time.txt")
sys=$(awk -F': ' '/System time/{print $2}' "$WORK/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/time.txt" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; print s}')
written=$(find "$WORK/out" -name '*.json' | wc -l)

python3 - "$N" "$bytes" "$pps" "$load" "$mspp" "$rss_kb" "$user" "$sys" "$wall" "$written" "$(nproc)" "$cpps" <<'PY'
import sys
n, nbytes, pps, load, mspp, rss_kb, user, sys_t, wall, written, cores, cpps = sys.argv[1:]
n, pps, load, rss, cpps = int(n), float(pps), float(load), int(rss_kb) / 1024, float(cpps)
user, sys_t, wall = float(user), float(sys_t), float(wall)
par = (user + sys_t) / wall if wall else 0.0
ok = lambda b: "ok" if b else "MISS"
print(f"baokan perf: {n} pages ({int(nbytes) / n / 1024:.1f} KiB a page), {cores} cores, {written} page JSON written")
print(f"{'measure':<44}{'value':>14}  {'target':<12}")
rows = [
    ("parse+repair, one thread, CPU time (pages/s)", f"{cpps:,.0f}", ">= 2,000", cpps >= 2000),
    ("  the same by wall time (pages/s)", f"{pps:,.0f}", "", None),
    ("  time per page (ms)", f"{float(mspp):.2f}", "", None),
    ("dictionary load (ms)", f"{load:.0f}", "<= 300", load <= 300),
    ("batch: peak RSS (MiB)", f"{rss:.0f}", "<= 200", rss <= 200),
    ("batch: wall time (s)", f"{wall:.2f}", "", None),
    ("batch: pages/s", f"{n / wall if wall else 0:,.0f}", "", None),
    ("batch: (user+sys)/wall", f"{par:.2f}", "> 1.5", par > 1.5),
]
for name, val, target, good in rows:
    print(f"{name:<44}{val:>14}  {target:<12}{'' if good is None else ok(good)}")
PY
