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
    """(key, headline, body, meta) of each exported article; meta holds what
    filters match: date, pages, agency."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            a = json.loads(line)
            head = " ".join(x for x in [a.get("kicker"), a.get("headline")] + a.get("subheadlines", []) if x)
            body = "\n".join(b["text"] for b in a.get("body", []))
            meta = {"date": a["archive"]["date"], "pages": a["archive"]["pages"],
                    "agency": (a.get("dateline") or {}).get("agency") or ""}
            yield a["id"], head, body, meta


def split_query(line):
    """A query line: terms, then optionally a tab and filters as
    `from=YYYY-MM-DD to=YYYY-MM-DD`, `page=P` or `agency=A`."""
    terms, _, spec = line.partition("\t")
    return terms, dict(kv.split("=", 1) for kv in spec.split())


def matches_filters(meta, f):
    return (meta["date"] >= f.get("from", "") and meta["date"] <= f.get("to", "9999")
            and ("page" not in f or f["page"] in meta["pages"])
            and ("agency" not in f or meta["agency"] == f["agency"]))


def make_queries(export, out):
    import jieba
    rnd = random.Random(42)
    arts = [a for a in articles(export) if len(a[2]) > 80]
    wire = [a for a in arts if a[3]["agency"]]
    rnd.shuffle(arts)
    qs = []

    def add(q):  # (each query once)
        if q not in qs:
            qs.append(q)

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
    while len(qs) < 50:  # two characters, anywhere
        s = cjk_run(arts[k % len(arts)][2], 2); k += 1
        if s: add(s)
    while len(qs) < 100:  # one word
        ws = words(arts[k % len(arts)][2][:200]); k += 1
        if ws: add(rnd.choice(ws))
    while len(qs) < 130:  # two words, both required
        ws = words(arts[k % len(arts)][2][:300]); k += 1
        if len(ws) >= 2: add(" ".join(rnd.sample(ws, 2)))
    while len(qs) < 160:  # exact phrase of 4-6 characters
        s = cjk_run(arts[k % len(arts)][2], rnd.randint(4, 6)); k += 1
        if s: add('"%s"' % s)
    while len(qs) < 200:  # a word or two characters, filtered by date range, page or agency
        kind = len(qs) % 4
        a = (wire if kind == 3 else arts)[k % len(wire if kind == 3 else arts)]; k += 1
        ws = words(a[2][:200])
        term = rnd.choice(ws) if ws and kind != 1 else cjk_run(a[2], 2)
        if not term:
            continue
        y, m, d = a[3]["date"].split("-")
        lo, hi = (1, 10) if int(d) <= 10 else (11, 20) if int(d) <= 20 else (21, 31)
        spec = [f"from={y}-{m}-{lo:02d} to={y}-{m}-{hi:02d}", f"from={y}-{m}-01 to={y}-{m}-31",
                f"page={a[3]['pages'][0]}", f"agency={a[3]['agency']}"][kind]
        add(f"{term}\t{spec}")
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
    c.execute("CREATE VIRTUAL TABLE a USING fts5(key UNINDEXED, headline, body, date UNINDEXED, "
              "pages UNINDEXED, agency UNINDEXED, tokenize='trigram')")
    t = time.time(); n = 0; nbytes = 0
    for key, head, body, meta in articles(export):
        c.execute("INSERT INTO a VALUES (?, ?, ?, ?, ?, ?)",
                  (key, head, body, meta["date"], "," + ",".join(meta["pages"]) + ",", meta["agency"])); n += 1
        nbytes += len(head.encode()) + len(body.encode())
    c.commit(); secs = time.time() - t
    qs = load_queries(queries)

    def fts_query(q):
        terms, f = split_query(q)
        where, args = "a MATCH ?", [" AND ".join('"%s"' % t.strip('"') for t in re.findall(r'"[^"]+"|\S+', terms))]
        if "from" in f:
            where += " AND date BETWEEN ? AND ?"; args += [f["from"], f["to"]]
        if "page" in f:
            # (instr: LIKE on a trigram table's column goes to its index)
            where += " AND instr(pages, ?) > 0"; args.append(",%s," % f["page"])
        if "agency" in f:
            where += " AND agency = ?"; args.append(f["agency"])
        return where, args

    counts = {}
    for q in qs:  # warm-up and counts
        where, args = fts_query(q)
        counts[q] = c.execute("SELECT count(*) FROM a WHERE " + where, args).fetchone()[0]
    times = []
    for _ in range(3):
        for q in qs:
            where, args = fts_query(q)
            t0 = time.perf_counter()
            c.execute("SELECT key FROM a WHERE %s ORDER BY rank LIMIT 10" % where, args).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    # Recall on queries with a two-character term and on queries whose
    # terms all have three or more characters, against a scan of the
    # headline and body text (what FTS5 indexes; baokan also indexes
    # bylines and folds Traditional characters, so it may find more).
    gap = ""
    tsv = queries + ".baokan.tsv"
    if os.path.exists(tsv):
        bk = dict(l.rstrip("\n").rsplit("\t", 1) for l in open(tsv, encoding="utf-8") if "\t" in l)
        parsed = {q: split_query(q) for q in qs}
        terms_of = {q: [t.strip('"') for t in re.findall(r'"[^"]+"|\S+', parsed[q][0])] for q in qs}
        truth = dict.fromkeys(qs, 0)
        for _, head, body, meta in articles(export):
            for q in truth:
                if all(t in head or t in body for t in terms_of[q]) and matches_filters(meta, parsed[q][1]):
                    truth[q] += 1
        for name, group in [("2-char", [q for q in qs if any(len(t) == 2 for t in terms_of[q])]),
                            ("3+-char", [q for q in qs if all(len(t) >= 3 for t in terms_of[q])])]:
            t_all = sum(truth[q] for q in group)
            f_all = sum(min(counts[q], truth[q]) for q in group)
            b_all = sum(min(int(bk.get(q, 0)), truth[q]) for q in group)
            f_q = sum(1 for q in group if counts[q] >= truth[q])
            b_q = sum(1 for q in group if int(bk.get(q, 0)) >= truth[q])
            gap += (f"; {name} queries: {len(group)}, {t_all} matching articles by scan, recall baokan "
                    f"{b_all / max(t_all, 1):.4f} ({b_q} queries complete), FTS5 {f_all / max(t_all, 1):.4f} "
                    f"({f_q} complete)")
    report("sqlite-fts5-trigram", n, secs, nbytes, os.path.getsize(db), times, gap)


def whoosh(export, queries, d, limit):
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, KEYWORD, TEXT, Schema
    from whoosh.query import And, Term, TermRange
    from whoosh.index import create_in
    from whoosh.qparser import QueryParser
    import jieba
    jieba.setLogLevel(60)
    d = os.path.join(d, "whoosh")
    os.makedirs(d, exist_ok=True)
    an = ChineseAnalyzer()
    ix = create_in(d, Schema(key=ID(stored=True), headline=TEXT(analyzer=an), body=TEXT(analyzer=an),
                             date=ID, page=KEYWORD(commas=True), agency=ID))
    t = time.time(); n = 0; nbytes = 0
    w = ix.writer(limitmb=512)
    for key, head, body, meta in articles(export, limit):
        w.add_document(key=key, headline=head, body=body, date=meta["date"], page=",".join(meta["pages"]),
                       agency=meta["agency"] or None); n += 1
        nbytes += len(head.encode()) + len(body.encode())
    w.commit(); secs = time.time() - t
    size = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    qs = load_queries(queries)

    def parse(qp, q):
        terms, f = split_query(q)
        filt = []
        if "from" in f:
            filt.append(TermRange("date", f["from"], f["to"]))
        if "page" in f:
            filt.append(Term("page", f["page"]))
        if "agency" in f:
            filt.append(Term("agency", f["agency"]))
        return qp.parse(terms), (And(filt) if filt else None)

    times = []
    with ix.searcher() as s:
        qp = QueryParser("body", ix.schema)
        for q in qs:
            query, filt = parse(qp, q)
            s.search(query, filter=filt, limit=10)
        for q in qs:
            t0 = time.perf_counter()
            query, filt = parse(qp, q)
            r = s.search(query, filter=filt, limit=10)
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
