#!/usr/bin/env python3
"""Peers for bench/archive.sh: the same articles (from `baokan export`) in
SQLite FTS5 (trigram tokenizer) and in Whoosh (jieba ChineseAnalyzer).

  archive_peers.py queries EXPORT.jsonl QUERIES.txt     # make 200 fixed queries
  archive_peers.py fts5 EXPORT.jsonl QUERIES.txt DIR    # index + time queries
  archive_peers.py whoosh EXPORT.jsonl QUERIES.txt DIR LIMIT

Not a test: run by hand (see docs/archive.md, "Archive").
"""
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import sys
import time

CJK = re.compile(r"[\u4e00-\u9fff]")


def articles(path, limit=None):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            a = json.loads(line)
            head = " ".join(x for x in [a.get("kicker"), a.get("headline")] + a.get("subheadlines", []) if x)
            body = "\n".join(b["text"] for b in a.get("body", []))
            yield a["id"], head, body


def make_queries(export, out):
    import jieba
    rnd = random.Random(42)
    arts = [a for a in articles(export) if len(a[2]) > 80]
    rnd.shuffle(arts)
    qs = []

    def cjk_run(text, n):
        for _ in range(50):
            i = rnd.randrange(0, max(1, len(text) - n))
            s = text[i:i + n]
            if len(s) == n and all(CJK.match(c) for c in s):
                return s
        return None

    def words(text):
        return [w for w in jieba.cut(text) if len(w) >= 2 and all(CJK.match(c) for c in w)]

    k = 0
    while len(qs) < 60:  # two characters, anywhere
        s = cjk_run(arts[k % len(arts)][2], 2); k += 1
        if s: qs.append(s)
    while len(qs) < 120:  # one word
        ws = words(arts[k % len(arts)][2][:200]); k += 1
        if ws: qs.append(rnd.choice(ws))
    while len(qs) < 160:  # two words, both required
        ws = words(arts[k % len(arts)][2][:300]); k += 1
        if len(ws) >= 2: qs.append(" ".join(rnd.sample(ws, 2)))
    while len(qs) < 200:  # exact phrase of 4-6 characters
        s = cjk_run(arts[k % len(arts)][2], rnd.randint(4, 6)); k += 1
        if s: qs.append('"%s"' % s)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(qs) + "\n")


def load_queries(path):
    return [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]


def pct(v, p):
    v = sorted(v)
    return v[round((len(v) - 1) * p)]


def report(name, n, secs, text_bytes, size, times, extra=""):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {n} articles, {text_bytes / 1e6:.1f} MB text indexed in {secs:.1f} s "
          f"({text_bytes / 1e6 / secs:.2f} MB/s), size {size / 1e6:.1f} MB ({size / text_bytes:.2f}x text), "
          f"query p50 {pct(times, .5):.2f} ms p99 {pct(times, .99):.2f} ms, peak RSS {rss:.0f} MB{extra}")


def fts5(export, queries, d):
    os.makedirs(d, exist_ok=True)
    db = os.path.join(d, "fts5.sqlite")
    if os.path.exists(db):
        os.remove(db)
    c = sqlite3.connect(db)
    c.execute("CREATE VIRTUAL TABLE a USING fts5(key UNINDEXED, headline, body, tokenize='trigram')")
    t = time.time(); n = 0; nbytes = 0
    for key, head, body in articles(export):
        c.execute("INSERT INTO a VALUES (?, ?, ?)", (key, head, body)); n += 1
        nbytes += len(head.encode()) + len(body.encode())
    c.commit(); secs = time.time() - t
    qs = load_queries(queries)

    def fts_query(q):
        terms = re.findall(r'"[^"]+"|\S+', q)
        return " AND ".join('"%s"' % t.strip('"') for t in terms)

    counts = {}
    for q in qs:  # warm-up and counts
        counts[q] = c.execute("SELECT count(*) FROM a WHERE a MATCH ?", (fts_query(q),)).fetchone()[0]
    times = []
    for _ in range(3):
        for q in qs:
            t0 = time.perf_counter()
            c.execute("SELECT key FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10", (fts_query(q),)).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    # recall gap on queries with a two-character term, against baokan's counts
    gap = ""
    tsv = queries + ".baokan.tsv"
    if os.path.exists(tsv):
        bk = dict(l.rstrip("\n").split("\t") for l in open(tsv, encoding="utf-8") if "\t" in l)
        two = [q for q in qs if any(len(t.strip('"')) == 2 for t in q.split())]
        found_bk = sum(1 for q in two if int(bk.get(q, 0)) > 0)
        found_fts = sum(1 for q in two if counts[q] > 0)
        hits_bk = sum(int(bk.get(q, 0)) for q in two)
        hits_fts = sum(counts[q] for q in two)
        gap = (f"; queries with a 2-char term: {len(two)}, answered by baokan {found_bk}, by FTS5 {found_fts} "
               f"(matching articles: baokan {hits_bk}, FTS5 {hits_fts})")
    report("sqlite-fts5-trigram", n, secs, nbytes, os.path.getsize(db), times, gap)


def whoosh(export, queries, d, limit):
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.qparser import QueryParser
    import jieba
    jieba.setLogLevel(60)
    d = os.path.join(d, "whoosh")
    os.makedirs(d, exist_ok=True)
    an = ChineseAnalyzer()
    ix = create_in(d, Schema(key=ID(stored=True), headline=TEXT(analyzer=an), body=TEXT(analyzer=an)))
    t = time.time(); n = 0; nbytes = 0
    w = ix.writer(limitmb=512)
    for key, head, body in articles(export, limit):
        w.add_document(key=key, headline=head, body=body); n += 1
        nbytes += len(head.encode()) + len(body.encode())
    w.commit(); secs = time.time() - t
    size = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    qs = load_queries(queries)
    times = []
    with ix.searcher() as s:
        qp = QueryParser("body", ix.schema)
        for q in qs:
            s.search(qp.parse(q), limit=10)
        for q in qs:
            t0 = time.perf_counter()
            r = s.search(qp.parse(q), limit=10)
            [h["key"] for h in r]
            times.append((time.perf_counter() - t0) * 1000)
    report("whoosh+jieba", n, secs, nbytes, size, times)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "queries":
        make_queries(sys.argv[2], sys.argv[3])
    elif cmd == "fts5":
        fts5(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "whoosh":
        whoosh(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
