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
import os
import tempfile

from trainlib import (DATA, HELD_OUT, HERE, TRAIN, accuracy, fit, norm, shared_or_skip, traced_lines, traced_parser,
                      traced_set, write_model)

MODEL = os.path.join(DATA, "headline_model.txt")
FEATURES = ["log_chars", "cosine", "sqrt_cosine", "title_after", "title_body", "prev_ends_sentence", "dash",
            "punctuated", "bylined_page", "log_paragraphs", "log_section", "log_body", "has_title",
            "has_intertitle", "short_section", "title_covered", "flush", "indented"]
L2 = 0.003


def decisions(shared, binary, work, span, profile, seed):
    """Labelled (y, features) of one generated set; y = 1 for a headline."""
    golds, out = traced_set(shared, binary, work, span, profile, seed)
    titles, bodies = set(), set()
    for gold in golds:
        for a in gold["articles"]:
            titles.update(norm(x) for x in [a.get("kicker"), a.get("headline")] + (a.get("subheadlines") or []) if x)
            bodies.update(norm(b["text"]) for b in a.get("body") or [])
    rows = []
    for text, *xs in traced_lines(out, "HEADLINE"):
        t = norm(text)
        if t in titles and t not in bodies:
            rows.append((1, [float(x) for x in xs]))
        elif t in bodies and t not in titles:
            rows.append((0, [float(x) for x in xs]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "shared"))
    ap.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    a = ap.parse_args()
    if not shared_or_skip(a.shared, "train_headline_model.py"):
        return
    binary = traced_parser()
    with tempfile.TemporaryDirectory() as work:
        train = [r for s in TRAIN for r in decisions(a.shared, binary, work, *s)]
        held = [r for s in HELD_OUT for r in decisions(a.shared, binary, work, *s)]
    w = fit(train, len(FEATURES), L2)
    print(f"{len(train)} training decisions ({sum(y for y, _ in train)} headlines); "
          f"accuracy {accuracy(w, train):.3f} on them, {accuracy(w, held):.3f} on {len(held)} held-out (16-31 January)")
    header = ["Headline-or-intertitle model: logistic weights over the features of",
              "crates/baokan-core/src/headline.rs (positive: a headline). Written by",
              "bench/train_headline_model.py from generated 1-15 January 1998 pages",
              f"({len(train)} decisions, L2 {L2}); do not edit by hand."]
    write_model(MODEL, header, FEATURES, w, a.dry_run)


if __name__ == "__main__":
    main()
