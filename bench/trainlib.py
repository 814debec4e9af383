"""Shared parts of the model-fitting scripts (train_*_model.py).

Each script generates pages from the 1998 People's Daily pages with
../shared/eval/mkpages.py, parses them with the `parse_dir` example built with
the `trace` feature (which prints each decision's feature vector on stderr,
one `KIND<TAB>...` line each), labels the decisions from the gold, and fits an
L2-regularised logistic regression (standard library only).
"""
import glob
import json
import math
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(HERE, "crates", "baokan-core", "data")
TRAIN = [("01_15", "dev", 1), ("01_15", "hard", 2), ("01_15", "dev", 3), ("01_15", "dev", 4),
         ("01_15", "hard", 5), ("01_15", "dev", 6), ("01_15", "hard", 7)]
HELD_OUT = [("16_31", "dev", 11), ("16_31", "hard", 12)]


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def shared_or_skip(shared, script):
    """Whether ../shared is there; says so and returns False when it is not."""
    if os.path.exists(os.path.join(shared, "eval", "mkpages.py")):
        return True
    print(f"{script}: skipped: {shared}/eval/mkpages.py not found")
    return False


def traced_parser():
    """Build the parse_dir example with the `trace` feature in its own target dir."""
    target = os.path.join(HERE, "target", "trace")
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "baokan-core", "--example", "parse_dir",
                    "--features", "trace", "--target-dir", target], check=True, cwd=HERE)
    return os.path.join(target, "release", "examples", "parse_dir")


def traced_set(shared, binary, work, span, profile, seed):
    """Generate one set of pages and parse it: (golds, stderr of the parse)."""
    pages = os.path.join(work, f"{span}-{profile}-{seed}")
    src = os.path.join(shared, "corpus", "pfr1998", f"pages-1998-01-{span}.jsonl")
    if not os.path.isdir(pages):
        subprocess.run([sys.executable, os.path.join(shared, "eval", "mkpages.py"), src, pages, "--profile", profile,
                        "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([binary, pages, pages + "-parsed"], check=True, capture_output=True, text=True).stderr
    golds = []
    for g in sorted(glob.glob(os.path.join(pages, "*.gold.json"))):
        with open(g, encoding="utf-8") as f:
            golds.append(json.load(f))
    return golds, out


def traced_lines(out, kind):
    """The fields of the trace lines of one kind of decision."""
    return [line.split("\t")[1:] for line in out.splitlines() if line.startswith(kind + "\t")]


def fit(rows, n, l2, iterations=2000, rate=0.5):
    w = [0.0] * (n + 1)
    for _ in range(iterations):
        g = [0.0] * (n + 1)
        for y, x in rows:
            z = w[-1] + sum(a * b for a, b in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(n):
                g[i] += (p - y) * x[i]
            g[-1] += p - y
        for i in range(n + 1):
            w[i] -= rate * (g[i] / len(rows) + (l2 * w[i] if i < n else 0.0))
    return w


def accuracy(w, rows, threshold=0.0):
    ok = sum((w[-1] + sum(a * b for a, b in zip(w, x)) > threshold) == (y == 1) for y, x in rows)
    return ok / max(1, len(rows))


def write_model(path, header, features, w, dry_run):
    lines = [f"# {h}" for h in header]
    lines += [f"{name} {weight:.4f}" for name, weight in zip(features, w)]
    lines.append(f"bias {w[-1]:.4f}")
    text = "\n".join(lines) + "\n"
    if dry_run:
        print(text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {path}")
