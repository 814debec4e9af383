#!/usr/bin/env python3
"""Fit the headline-or-intertitle model (crates/baokan-core/data/headline_model.txt).

A lone title line inside an article's text is either an intertitle or the
headline of the next article. Segmentation gathers evidence on it
(crates/baokan-core/src/headline.rs); this script fits the logistic weights:

  1. builds the `parse_dir` example with the `trace` feature (its own target
     dir, so normal builds stay untouched), which prints each decision's
     feature vector on stderr;
  2. generates pages from the 1-15 January 1998 People's Daily pages with
     ../shared/eval/mkpages.py (dev seeds 1 3 4 6, hard seeds 2 5 7) and parses
     them;
  3. labels each decision from the gold (the line is a gold title line, or a
     gold body paragraph; lines that are both or neither are left out);
  4. fits an L2-regularised logistic regression (standard library only);
  5. writes the weights, and prints the decision accuracy on pages of 16-31
     January (dev seed 11, hard seed 12) next to the training accuracy.

Usage: bench/train_headline_model.py [--shared ../shared] [--dry-run]
Needs ../shared (skips with a message without it).
"""
import argparse
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(HERE, "crates", "baokan-core", "data", "headline_model.txt")
FEATURES = ["log_chars", "cosine", "sqrt_cosine", "title_after", "title_body", "prev_ends_sentence", "dash",
            "punctuated", "bylined_page", "log_paragraphs", "log_section", "log_body", "has_title",
            "has_intertitle", "short_section", "title_covered", "flush", "indented"]
TRAIN = [("01_15", "dev", 1), ("01_15", "hard", 2), ("01_15", "dev", 3), ("01_15", "dev", 4),
         ("01_15", "hard", 5), ("01_15", "dev", 6), ("01_15", "hard", 7)]
HELD_OUT = [("16_31", "dev", 11), ("16_31", "hard", 12)]
L2 = 0.003


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def decisions(shared, binary, work, span, profile, seed):
    """Labelled (y, features) of one generated set; y = 1 for a headline."""
    pages = os.path.join(work, f"{span}-{profile}-{seed}")
    src = os.path.join(shared, "corpus", "pfr1998", f"pages-1998-01-{span}.jsonl")
    subprocess.run([sys.executable, os.path.join(shared, "eval", "mkpages.py"), src, pages, "--profile", profile,
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([binary, pages, pages + "-parsed"], check=True, capture_output=True, text=True).stderr
    titles, bodies = set(), set()
    for g in glob.glob(os.path.join(pages, "*.gold.json")):
        with open(g, encoding="utf-8") as f:
            for a in json.load(f)["articles"]:
                titles.update(norm(x) for x in [a.get("kicker"), a.get("headline")] + (a.get("subheadlines") or []) if x)
                bodies.update(norm(b["text"]) for b in a.get("body") or [])
    rows = []
    for line in out.splitlines():
        if not line.startswith("HEADLINE\t"):
            continue
        _, text, *xs = line.split("\t")
        t = norm(text)
        if t in titles and t not in bodies:
            rows.append((1, [float(x) for x in xs]))
        elif t in bodies and t not in titles:
            rows.append((0, [float(x) for x in xs]))
    return rows


def fit(rows, l2=L2, iterations=2000, rate=0.5):
    n = len(FEATURES)
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


def accuracy(w, rows):
    ok = sum((w[-1] + sum(a * b for a, b in zip(w, x)) > 0) == (y == 1) for y, x in rows)
    return ok / max(1, len(rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "shared"))
    ap.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.shared, "eval", "mkpages.py")):
        print(f"train_headline_model.py: skipped: {a.shared}/eval/mkpages.py not found")
        return
    target = os.path.join(HERE, "target", "trace")
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "baokan-core", "--example", "parse_dir",
                    "--features", "trace", "--target-dir", target], check=True, cwd=HERE)
    binary = os.path.join(target, "release", "examples", "parse_dir")
    with tempfile.TemporaryDirectory() as work:
        train = [r for s in TRAIN for r in decisions(a.shared, binary, work, *s)]
        held = [r for s in HELD_OUT for r in decisions(a.shared, binary, work, *s)]
    w = fit(train)
    print(f"{len(train)} training decisions ({sum(y for y, _ in train)} headlines); "
          f"accuracy {accuracy(w, train):.3f} on them, {accuracy(w, held):.3f} on {len(held)} held-out (16-31 January)")
    lines = ["# Headline-or-intertitle model: logistic weights over the features of",
             "# crates/baokan-core/src/headline.rs (positive: a headline). Written by",
             "# bench/train_headline_model.py from generated 1-15 January 1998 pages",
             f"# ({len(train)} decisions, L2 {L2}); do not edit by hand."]
    lines += [f"{name} {weight:.4f}" for name, weight in zip(FEATURES, w)]
    lines.append(f"bias {w[-1]:.4f}")
    text = "\n".join(lines) + "\n"
    if a.dry_run:
        print(text)
    else:
        with open(MODEL, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
