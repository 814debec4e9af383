//! The SQLite side: papers, issues, pages (with their raw input), articles,
//! repairs, logical articles ("stories"), links and near-duplicate buckets.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use baokan_core::{Article, Page};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{Error, Result};
use crate::index::StoryDoc;
use crate::link::{self, Part};

/// Value of the `format` row of the `meta` table.
pub(crate) const FORMAT: &str = "baokan-archive";
/// Schema version.
///
/// 2: a page's raw input is compressed with its articles' JSON (in order) as
/// the zstd dictionary, since the articles hold most of its text.
/// 3: article JSON is compressed with a zstd dictionary trained on the
/// first batch with enough text, and again on a much bigger batch while the
/// dictionary was trained on little (table `dicts`; a frame names its
/// dictionary by id); stories have an integer id and the LSH buckets refer
/// to it.
pub(crate) const VERSION: &str = "3";

const SCHEMA: &str = r#"
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE papers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE issues(
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id),
    date TEXT NOT NULL,
    dirty INTEGER NOT NULL DEFAULT 1,
    UNIQUE(paper_id, date));
CREATE TABLE pages(
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    label TEXT NOT NULL,
    source TEXT,
    format TEXT NOT NULL,
    hash TEXT NOT NULL,
    raw BLOB NOT NULL,
    unassigned TEXT NOT NULL,
    UNIQUE(issue_id, label));
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages(id),
    n INTEGER NOT NULL,
    key TEXT NOT NULL UNIQUE,
    json BLOB NOT NULL,
    story TEXT,
    part INTEGER,
    UNIQUE(page_id, n));
CREATE INDEX articles_story ON articles(story, part);
CREATE TABLE repairs(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    kind TEXT NOT NULL,
    original TEXT NOT NULL,
    replacement TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    confidence REAL NOT NULL,
    applied INTEGER NOT NULL);
CREATE INDEX repairs_article ON repairs(article_id);
CREATE TABLE dicts(n INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE, data BLOB NOT NULL, samples INTEGER NOT NULL);
CREATE TABLE stories(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    ord INTEGER NOT NULL,
    paper TEXT NOT NULL,
    date TEXT NOT NULL,
    pages TEXT NOT NULL,
    headline TEXT,
    agency TEXT,
    parts INTEGER NOT NULL,
    dup_group TEXT NOT NULL,
    minhash BLOB);
CREATE INDEX stories_issue ON stories(issue_id);
CREATE INDEX stories_dup_order ON stories(dup_group, date, key);
CREATE TABLE links(issue_id INTEGER NOT NULL, kind TEXT NOT NULL, from_key TEXT NOT NULL, to_key TEXT NOT NULL);
CREATE INDEX links_issue ON links(issue_id);
CREATE INDEX links_from ON links(from_key);
CREATE INDEX links_to ON links(to_key);
CREATE TABLE lsh(band INTEGER NOT NULL, bucket INTEGER NOT NULL, story INTEGER NOT NULL, PRIMARY KEY(band, bucket, story)) WITHOUT ROWID;
"#;

thread_local! {
    static ZC: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { std::cell::RefCell::new(None) };
    static ZD: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
        const { std::cell::RefCell::new(None) };
}

/// zstd level of stored data.
const LEVEL: i32 = 3;

/// Compress text for the store (zstd; raw pages and article JSON). The
/// compression context is kept per thread.
pub(crate) fn pack(bytes: &[u8]) -> Vec<u8> {
    pack_level(bytes, LEVEL)
}

/// [`pack`] at a given zstd level.
pub(crate) fn pack_level(bytes: &[u8], level: i32) -> Vec<u8> {
    ZC.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = zstd::bulk::Compressor::new(level).ok();
        }
        let z = c.as_mut()?;
        z.set_compression_level(level).ok()?;
        z.compress(bytes).ok()
    })
    .unwrap_or_else(|| zstd::bulk::compress(bytes, level).unwrap_or_else(|_| bytes.to_vec()))
}

/// A trained zstd dictionary for article JSON, prepared for both ways.
pub(crate) struct Dict {
    /// The zstd dictionary id (derived from its content by the trainer).
    pub id: u32,
    /// The dictionary itself, as stored in `dicts`.
    pub data: Vec<u8>,
    /// Bytes of article JSON it was trained on.
    pub samples: usize,
    enc: zstd::dict::EncoderDictionary<'static>,
    dec: zstd::dict::DecoderDictionary<'static>,
}

impl Dict {
    fn new(data: Vec<u8>, samples: usize) -> Option<Dict> {
        let id = zstd::zstd_safe::get_dict_id(&data)?.get();
        Some(Dict {
            id,
            samples,
            enc: zstd::dict::EncoderDictionary::try_copy(&data, LEVEL).ok()?,
            dec: zstd::dict::DecoderDictionary::try_copy(&data).ok()?,
            data,
        })
    }
}

/// Dictionaries met so far, by id. Ids are a hash of the dictionary
/// content, so one table serves every archive opened by the process.
static DICTS: std::sync::LazyLock<std::sync::RwLock<HashMap<u32, Arc<Dict>>>> =
    std::sync::LazyLock::new(Default::default);

fn register_dict(d: Dict) -> Arc<Dict> {
    let mut m = DICTS.write().unwrap_or_else(|e| e.into_inner());
    m.entry(d.id).or_insert_with(|| Arc::new(d)).clone()
}

/// Empty the process-wide dictionary cache (tests: read them from the store).
#[cfg(test)]
pub(crate) fn forget_dicts() {
    DICTS.write().unwrap_or_else(|e| e.into_inner()).clear();
}

/// The dictionary with this id, from the cache or the store.
fn dict_by_id(conn: &Connection, id: u32) -> Result<Arc<Dict>> {
    if let Some(d) = DICTS.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
        return Ok(d.clone());
    }
    let (data, samples): (Vec<u8>, i64) = conn
        .prepare_cached("SELECT data, samples FROM dicts WHERE id = ?1")?
        .query_row(params![id as i64], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::Internal(format!("stored data needs dictionary {id}, which the store lacks")))?;
    let d = Dict::new(data, samples.max(0) as usize)
        .ok_or_else(|| Error::Internal(format!("stored dictionary {id} is unusable")))?;
    Ok(register_dict(d))
}

/// The store's article dictionary, if one was trained.
pub(crate) fn current_dict(conn: &Connection) -> Result<Option<Arc<Dict>>> {
    let id: Option<i64> =
        conn.query_row("SELECT id FROM dicts ORDER BY n DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    id.map(|id| dict_by_id(conn, id as u32)).transpose()
}

/// Keep a newly trained dictionary in the store (inside the transaction
/// that stores the first articles compressed with it).
pub(crate) fn put_dict(tx: &Transaction, d: &Dict) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO dicts(id, data, samples) VALUES (?1, ?2, ?3)")?.execute(params![
        d.id as i64,
        d.data,
        d.samples as i64
    ])?;
    Ok(())
}

/// Below this much article JSON in a batch, no dictionary is trained.
const DICT_MIN_SAMPLE_BYTES: usize = 4 << 10;
/// At most this much article JSON is used to train a dictionary: training
/// runs once, alone, before the first batch is stored, and its time grows
/// with the samples (8 MiB took four times the instructions; the store of
/// the 100k-article benchmark stayed at 1.91× its raw text with 2 MiB).
const DICT_MAX_SAMPLE_BYTES: usize = 2 << 20;
/// Largest dictionary.
const DICT_MAX_SIZE: usize = 112 << 10;

/// A dictionary trained on this much is not trained again.
const DICT_ENOUGH_SAMPLE_BYTES: usize = 1 << 20;

/// Whether a batch with `batch_bytes` of article JSON should train a new
/// dictionary to replace `current` (for the articles stored from now on).
pub(crate) fn should_train(current: Option<&Dict>, batch_bytes: usize) -> bool {
    match current {
        None => batch_bytes >= DICT_MIN_SAMPLE_BYTES,
        Some(d) => d.samples < DICT_ENOUGH_SAMPLE_BYTES && batch_bytes >= 4 * d.samples.max(DICT_MIN_SAMPLE_BYTES),
    }
}

/// Train an article dictionary on sample JSONs (None when there is too
/// little or training fails).
pub(crate) fn train_dict<'a>(samples: impl Iterator<Item = &'a [u8]>) -> Option<Arc<Dict>> {
    let mut picked: Vec<&[u8]> = Vec::new();
    let mut total = 0;
    for s in samples {
        if total >= DICT_MAX_SAMPLE_BYTES {
            break;
        }
        total += s.len();
        picked.push(s);
    }
    if total < DICT_MIN_SAMPLE_BYTES || picked.len() < 8 {
        return None;
    }
    let size = (total / 10).clamp(1 << 10, DICT_MAX_SIZE);
    let data = zstd::dict::from_samples(&picked, size).ok()?;
    Some(register_dict(Dict::new(data, total)?))
}

thread_local! {
    static DCTX: std::cell::RefCell<Option<zstd::zstd_safe::DCtx<'static>>> = const { std::cell::RefCell::new(None) };
    static CCTX: std::cell::RefCell<Option<zstd::zstd_safe::CCtx<'static>>> = const { std::cell::RefCell::new(None) };
}

/// Compress article JSON, with the dictionary when there is one.
pub(crate) fn pack_article(bytes: &[u8], dict: Option<&Dict>) -> Vec<u8> {
    let Some(dict) = dict else {
        return pack(bytes);
    };
    CCTX.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.get_or_insert_with(zstd::zstd_safe::CCtx::create);
        let mut out = Vec::with_capacity(zstd::zstd_safe::compress_bound(bytes.len()));
        c.compress_using_cdict(&mut out, bytes, dict.enc.as_cdict()).ok().map(|_| out)
    })
    .unwrap_or_else(|| pack(bytes))
}

/// Decompress stored article JSON (with its dictionary, when the frame names one).
pub(crate) fn unpack_article(conn: &Connection, bytes: &[u8]) -> Result<Vec<u8>> {
    let Some(id) = zstd::zstd_safe::get_dict_id_from_frame(bytes) else {
        return unpack(bytes);
    };
    let dict = dict_by_id(conn, id.get())?;
    let size = zstd::zstd_safe::get_frame_content_size(bytes)
        .ok()
        .flatten()
        .filter(|&n| n <= 1 << 30)
        .ok_or_else(|| Error::Internal("stored article has no size".into()))?;
    DCTX.with(|d| {
        let mut d = d.borrow_mut();
        let d = d.get_or_insert_with(zstd::zstd_safe::DCtx::create);
        let mut out = Vec::with_capacity(size as usize);
        d.decompress_using_ddict(&mut out, bytes, dict.dec.as_ddict()).map(|_| out).map_err(|e| {
            Error::Internal(format!("stored article does not decompress: {}", zstd::zstd_safe::get_error_name(e)))
        })
    })
}

/// Decompress what [`pack`] stored.
pub(crate) fn unpack(bytes: &[u8]) -> Result<Vec<u8>> {
    let size = zstd::zstd_safe::get_frame_content_size(bytes).ok().flatten().filter(|&n| n <= 1 << 30);
    if let Some(size) = size {
        let out = ZD.with(|d| {
            let mut d = d.borrow_mut();
            if d.is_none() {
                *d = zstd::bulk::Decompressor::new().ok();
            }
            d.as_mut()?.decompress(bytes, size as usize).ok()
        });
        if let Some(out) = out {
            return Ok(out);
        }
    }
    zstd::stream::decode_all(bytes).map_err(|e| Error::Internal(format!("stored data does not decompress: {e}")))
}

/// Compress with `dict` as a raw-content zstd dictionary (plain [`pack`]
/// when it is empty).
pub(crate) fn pack_with(bytes: &[u8], dict: &[u8]) -> Vec<u8> {
    if dict.is_empty() {
        return pack(bytes);
    }
    // A compression context per thread; the page's dictionary is loaded
    // straight into it (`ZSTD_compress_usingDict`). Loading it with
    // `ZSTD_CCtx_loadDictionary` instead built a digested dictionary
    // (CDict) for every page, used once: on 400 pages of the 100k
    // benchmark 32-33 ms at level 1, against 15 ms at level 3 this way,
    // whose frames are 22% smaller (442,513 against 567,776 bytes). Frames
    // are the same format: [`unpack_with`] reads both.
    RAW_CCTX
        .with(|c| {
            let mut c = c.borrow_mut();
            let c = c.get_or_insert_with(zstd::zstd_safe::CCtx::create);
            let mut out = Vec::with_capacity(zstd::zstd_safe::compress_bound(bytes.len()));
            c.compress_using_dict(&mut out, bytes, dict, RAW_LEVEL).ok().map(|_| out)
        })
        .unwrap_or_else(|| pack(bytes))
}

thread_local! {
    static RAW_CCTX: std::cell::RefCell<Option<zstd::zstd_safe::CCtx<'static>>> = const { std::cell::RefCell::new(None) };
}

/// zstd level of raw pages: the page's own articles, as the dictionary,
/// hold most of its text.
const RAW_LEVEL: i32 = 3;

/// Decompress what [`pack_with`] stored.
pub(crate) fn unpack_with(bytes: &[u8], dict: &[u8]) -> Result<Vec<u8>> {
    if dict.is_empty() {
        return unpack(bytes);
    }
    let size = zstd::zstd_safe::get_frame_content_size(bytes)
        .ok()
        .flatten()
        .filter(|&n| n <= 1 << 30)
        .ok_or_else(|| Error::Internal("stored page has no size".into()))?;
    zstd::bulk::Decompressor::with_dictionary(dict)
        .and_then(|mut d| d.decompress(bytes, size as usize))
        .map_err(|e| Error::Internal(format!("stored page does not decompress: {e}")))
}

/// The raw input of a stored page (`packed` is its `raw` column).
pub(crate) fn page_raw(conn: &Connection, page_id: i64, packed: &[u8]) -> Result<Vec<u8>> {
    let mut st = conn.prepare_cached("SELECT json FROM articles WHERE page_id = ?1 ORDER BY n")?;
    let mut q = st.query(params![page_id])?;
    let mut dict = Vec::new();
    while let Some(r) = q.next()? {
        let b: Vec<u8> = r.get(0)?;
        dict.extend_from_slice(&unpack_article(conn, &b)?);
    }
    unpack_with(packed, &dict)
}

fn article_from(conn: &Connection, packed: &[u8]) -> Result<Article> {
    serde_json::from_slice(&unpack_article(conn, packed)?).map_err(|e| Error::Internal(format!("stored article: {e}")))
}

/// Open (and when `create`, initialise) the store. A file that is not a
/// baokan store is refused.
pub(crate) fn open(path: &Path, create: bool) -> Result<Connection> {
    let not_archive = |reason: String| Error::NotAnArchive { path: path.to_path_buf(), reason };
    let conn = Connection::open(path).map_err(|e| not_archive(format!("cannot open the store: {e}")))?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    if create {
        // Articles are blobs of 1–2 KB: bigger pages waste less of each page.
        // (No effect on an existing store; must precede journal_mode=WAL.)
        conn.execute_batch("PRAGMA page_size=16384;")
            .map_err(|e| not_archive(format!("the store is not a SQLite database: {e}")))?;
    }
    // journal_mode returns a row; a file that is not a database fails here.
    conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
        .map_err(|e| not_archive(format!("the store is not a SQLite database: {e}")))?;
    // A 64 MiB page cache (the default is 2 MiB): relinking and indexing
    // read back what the batch just wrote.
    conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| not_archive(format!("the store is unreadable: {e}")))?;
    if tables == 0 {
        if !create {
            return Err(not_archive("the store is empty".into()));
        }
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(SCHEMA)?;
        tx.execute("INSERT INTO meta(key, value) VALUES ('format', ?1), ('version', ?2)", params![FORMAT, VERSION])?;
        tx.commit()?;
    }
    let format: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| r.get(0))
        .optional()
        .map_err(|_| not_archive("a SQLite database of something else".into()))?;
    if format.as_deref() != Some(FORMAT) {
        return Err(not_archive("a SQLite database of something else".into()));
    }
    let version: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| r.get(0)).optional()?;
    if version.as_deref() != Some(VERSION) {
        return Err(not_archive(format!("archive version {version:?}, this baokan reads {VERSION}")));
    }
    covering_dup_index(&conn);
    Ok(conn)
}

/// A story's near-duplicates are read from the index on `(dup_group, date,
/// key)` alone, already in order; with an index on `dup_group` only, each
/// member was a seek into the table and the group was sorted (a wire story
/// printed 313 times: 0.45 against 0.08 ms). Archives written before it
/// (same store version) get it on their first open; when that cannot write
/// (another process holds the store), the old index still answers.
fn covering_dup_index(conn: &Connection) {
    let has = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'stories_dup_order'", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_or(true, |n| n > 0);
    if has {
        return;
    }
    let Ok(tx) = conn.unchecked_transaction() else {
        return;
    };
    let done = tx.execute_batch(
        "CREATE INDEX IF NOT EXISTS stories_dup_order ON stories(dup_group, date, key); \
         DROP INDEX IF EXISTS stories_dup;",
    );
    if done.is_ok() {
        let _ = tx.commit();
    }
}

/// Identity of a page in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    pub paper: String,
    pub date: String,
    pub label: String,
}

/// A parsed page ready to be stored.
pub(crate) struct PageRecord {
    pub key: PageKey,
    pub source: Option<String>,
    pub format: &'static str,
    pub hash: String,
    pub page: Page,
    pub packed: Packed,
    /// [`article_sigs`] of the page.
    pub sigs: Vec<Option<Vec<u32>>>,
}

/// What is stored of a page, compressed (done while parsing, off the
/// writer thread).
pub(crate) struct Packed {
    /// The raw input, compressed.
    pub raw: Vec<u8>,
    /// Each article's JSON, compressed.
    pub articles: Vec<Vec<u8>>,
    /// JSON of the page's unassigned blocks.
    pub unassigned: String,
    /// Each article's JSON, uncompressed (kept until the batch is stored,
    /// to train a dictionary on or compress again with one).
    pub plain: Vec<Vec<u8>>,
}

impl Packed {
    /// Pack a page whose article ids are set. With `dict` `None` the
    /// articles are left uncompressed (`articles` empty) until [`Packed::repack`]:
    /// a batch that may train a dictionary compresses them once, after.
    pub(crate) fn of(raw: &[u8], page: &Page, dict: Option<Option<&Dict>>) -> std::result::Result<Packed, String> {
        let mut articles = Vec::with_capacity(page.articles.len());
        let mut plain = Vec::with_capacity(page.articles.len());
        let mut concat = Vec::new();
        for a in &page.articles {
            let json = serde_json::to_vec(a).map_err(|e| e.to_string())?;
            if let Some(dict) = dict {
                articles.push(pack_article(&json, dict));
            }
            concat.extend_from_slice(&json);
            plain.push(json);
        }
        Ok(Packed {
            raw: pack_with(raw, &concat),
            articles,
            unassigned: serde_json::to_string(&page.unassigned).unwrap_or_else(|_| "[]".into()),
            plain,
        })
    }

    /// Compress the articles (again) with `dict`.
    pub(crate) fn repack(&mut self, dict: Option<&Dict>) {
        self.articles = self.plain.iter().map(|j| pack_article(j, dict)).collect();
    }
}

/// The stored hash of a page, if the page is stored.
pub(crate) fn page_hash(conn: &Connection, key: &PageKey) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT pages.hash FROM pages JOIN issues ON issues.id = pages.issue_id \
             JOIN papers ON papers.id = issues.paper_id \
             WHERE papers.name = ?1 AND issues.date = ?2 AND pages.label = ?3",
        )?
        .query_row(params![key.paper, key.date, key.label], |r| r.get(0))
        .optional()?)
}

/// The stored hash of every page.
pub(crate) fn page_hashes(conn: &Connection) -> Result<HashMap<PageKey, String>> {
    let mut st = conn.prepare(
        "SELECT papers.name, issues.date, pages.label, pages.hash FROM pages \
         JOIN issues ON issues.id = pages.issue_id JOIN papers ON papers.id = issues.paper_id",
    )?;
    let v = st
        .query_map([], |r| Ok((PageKey { paper: r.get(0)?, date: r.get(1)?, label: r.get(2)? }, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Store a page, replacing any older version of it. Returns the issue id and
/// whether an older version was replaced.
pub(crate) fn put_page(tx: &Transaction, rec: &PageRecord) -> Result<(i64, bool)> {
    tx.prepare_cached("INSERT OR IGNORE INTO papers(name) VALUES (?1)")?.execute(params![rec.key.paper])?;
    let paper_id: i64 =
        tx.prepare_cached("SELECT id FROM papers WHERE name = ?1")?.query_row(params![rec.key.paper], |r| r.get(0))?;
    tx.prepare_cached("INSERT OR IGNORE INTO issues(paper_id, date) VALUES (?1, ?2)")?
        .execute(params![paper_id, rec.key.date])?;
    let issue_id: i64 = tx
        .prepare_cached("SELECT id FROM issues WHERE paper_id = ?1 AND date = ?2")?
        .query_row(params![paper_id, rec.key.date], |r| r.get(0))?;
    tx.prepare_cached("UPDATE issues SET dirty = 1 WHERE id = ?1")?.execute(params![issue_id])?;
    let old: Option<i64> = tx
        .prepare_cached("SELECT id FROM pages WHERE issue_id = ?1 AND label = ?2")?
        .query_row(params![issue_id, rec.key.label], |r| r.get(0))
        .optional()?;
    if let Some(old) = old {
        tx.execute(
            "DELETE FROM repairs WHERE article_id IN (SELECT id FROM articles WHERE page_id = ?1)",
            params![old],
        )?;
        tx.execute("DELETE FROM articles WHERE page_id = ?1", params![old])?;
        tx.execute("DELETE FROM pages WHERE id = ?1", params![old])?;
    }
    tx.prepare_cached(
        "INSERT INTO pages(issue_id, label, source, format, hash, raw, unassigned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        issue_id,
        rec.key.label,
        rec.source,
        rec.format,
        rec.hash,
        rec.packed.raw,
        rec.packed.unassigned
    ])?;
    let page_id = tx.last_insert_rowid();
    // Each article is first its own one-part story (what relinking finds
    // for most): relinking then rewrites the row in place instead of
    // growing it, which split the table's pages (a fifth of it was free
    // space) and cost a write per article.
    let mut ins_article =
        tx.prepare_cached("INSERT INTO articles(page_id, n, key, json, story, part) VALUES (?1, ?2, ?3, ?4, ?3, 0)")?;
    let mut ins_repair = tx.prepare_cached(
        "INSERT INTO repairs(article_id, kind, original, replacement, span_start, span_end, confidence, applied) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, (a, json)) in rec.page.articles.iter().zip(&rec.packed.articles).enumerate() {
        let n = i + 1;
        ins_article.execute(params![page_id, n as i64, a.id, json])?;
        let aid = tx.last_insert_rowid();
        for r in &a.repairs {
            let kind =
                serde_json::to_value(r.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            ins_repair.execute(params![
                aid,
                kind,
                r.original,
                r.replacement,
                r.span[0] as i64,
                r.span[1] as i64,
                r.confidence,
                r.applied
            ])?;
        }
    }
    Ok((issue_id, old.is_some()))
}

/// `paper/date/page/n`, as baokan-core writes article ids.
pub(crate) fn article_key(k: &PageKey, n: usize) -> String {
    format!("{}/{}/{}/{}", k.paper, k.date, k.label, n)
}

/// An article of an issue: its key, its page label and the article.
pub(crate) type IssueArticle<'a> = (String, String, Cow<'a, Article>);

/// The articles of an issue, in reading order. Articles in `known` are
/// borrowed, the others decoded from the store.
pub(crate) fn issue_articles<'a>(
    conn: &Connection,
    issue_id: i64,
    known: &HashMap<&str, &'a Article>,
) -> Result<Vec<IssueArticle<'a>>> {
    let mut st = conn.prepare_cached(
        "SELECT articles.key, pages.label, articles.json, articles.n FROM articles \
         JOIN pages ON pages.id = articles.page_id WHERE pages.issue_id = ?1",
    )?;
    let mut rows: Vec<((String, u32, String), i64, IssueArticle<'a>)> = Vec::new();
    let mut q = st.query(params![issue_id])?;
    while let Some(r) = q.next()? {
        let key: String = r.get(0)?;
        let a = match known.get(key.as_str()) {
            Some(a) => Cow::Borrowed(*a),
            None => Cow::Owned(article_from(conn, r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?)?),
        };
        let label: String = r.get(1)?;
        rows.push((link::page_order(&label), r.get(3)?, (key, label, a)));
    }
    rows.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
    Ok(rows.into_iter().map(|(_, _, row)| row).collect())
}

fn issue_names(conn: &Connection, issue_id: i64) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT papers.name, issues.date FROM issues JOIN papers ON papers.id = issues.paper_id WHERE issues.id = ?1",
        params![issue_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Plain text of an article for the index and for near-duplicates.
pub(crate) fn body_text(parts: &[&Article]) -> String {
    let mut t = String::new();
    for a in parts {
        if let Some(d) = &a.dateline {
            t.push_str(&d.text);
            t.push('\n');
        }
        for b in &a.body {
            t.push_str(&b.text);
            t.push('\n');
        }
        for c in &a.captions {
            t.push_str(&c.text);
            t.push('\n');
        }
    }
    t
}

/// Headline text of an article: kicker, headline, subheadlines.
pub(crate) fn headline_text(a: &Article) -> String {
    let mut t: Vec<&str> = Vec::new();
    t.extend(a.kicker.as_deref());
    t.extend(a.headline.as_deref());
    t.extend(a.subheadlines.iter().map(String::as_str));
    t.join(" ")
}

/// Whether a story with this dateline agency is wire copy in `paper`.
fn is_wire(agency: Option<&str>, paper: &str) -> bool {
    agency.is_some_and(|g| g != "本报" && g != paper && !paper.starts_with(g))
}

/// MinHash signatures of a page's wire articles, each as a story of its
/// own (what [`relink_issue`] computes for a one-part story), by index.
pub(crate) fn article_sigs(paper: &str, page: &Page) -> Vec<Option<Vec<u32>>> {
    page.articles
        .iter()
        .map(|a| {
            let agency = a.dateline.as_ref().and_then(|d| d.agency.as_deref());
            if is_wire(agency, paper) {
                link::minhash(&body_text(&[a]))
            } else {
                None
            }
        })
        .collect()
}

/// [`relink_issue`] each of `issues`, then write the LSH rows it added.
pub(crate) fn relink_issues(
    tx: &Transaction,
    issues: impl IntoIterator<Item = i64>,
    known: &HashMap<&str, &Article>,
    sigs: &HashMap<&str, Vec<u32>>,
    dups: &mut DupCache,
) -> Result<()> {
    for i in issues {
        relink_issue(tx, i, known, sigs, dups)?;
    }
    dups.flush(tx)
}

/// Recompute the logical articles, links and near-duplicate groups of an
/// issue from its stored articles, and mark it for indexing. `known` holds
/// articles stored in this transaction by [`put_page`], and so still their
/// own one-part story (`story = key, part = 0`), which are read from it
/// instead of the store; `sigs` the signatures computed for them while
/// parsing.
fn relink_issue(
    tx: &Transaction,
    issue_id: i64,
    known: &HashMap<&str, &Article>,
    sigs: &HashMap<&str, Vec<u32>>,
    dups: &mut DupCache,
) -> Result<()> {
    let (paper, date) = issue_names(tx, issue_id)?;
    let arts = issue_articles(tx, issue_id, known)?;
    let parts: Vec<Part> = arts.iter().map(|(_, p, a)| Part { page: p, article: a }).collect();
    let linked = link::link_issue(&parts);
    // The LSH rows of the issue's old stories, found by their signatures
    // (the table has no index by story).
    {
        let mut old =
            tx.prepare_cached("SELECT id, minhash FROM stories WHERE issue_id = ?1 AND minhash IS NOT NULL")?;
        let rows: Vec<(i64, Vec<u8>)> =
            old.query_map(params![issue_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut del = tx.prepare_cached("DELETE FROM lsh WHERE band = ?1 AND bucket = ?2 AND story = ?3")?;
        for (sid, m) in rows {
            for (b, h) in link::bands(&link::sig_from_bytes(&m)).into_iter().enumerate() {
                del.execute(params![b as i64, h, sid])?;
                dups.removed(b as u8, h, sid);
            }
            dups.groups.remove(&sid);
        }
    }
    tx.execute("DELETE FROM stories WHERE issue_id = ?1", params![issue_id])?;
    tx.execute("DELETE FROM links WHERE issue_id = ?1", params![issue_id])?;
    let mut set_part = tx.prepare_cached(
        "UPDATE articles SET story = ?1, part = ?2 WHERE key = ?3 AND (story IS NOT ?1 OR part IS NOT ?2)",
    )?;
    let mut ins_story = tx.prepare_cached(
        "INSERT INTO stories(key, issue_id, ord, paper, date, pages, headline, agency, parts, dup_group, minhash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for story in &linked.stories {
        let key = &arts[story[0]].0;
        for (i, &p) in story.iter().enumerate() {
            // The first part of a story is stored as its own story already
            // when it was stored in this transaction (borrowed from
            // `known`): no statement for it (one index seek per article).
            if i == 0 && matches!(arts[p].2, Cow::Borrowed(_)) {
                continue;
            }
            set_part.execute(params![key, i as i64, arts[p].0])?;
        }
        let first = &arts[story[0]].2;
        let mut pages: Vec<&str> = Vec::new();
        for &p in story {
            if !pages.contains(&arts[p].1.as_str()) {
                pages.push(&arts[p].1);
            }
        }
        let agency = first.dateline.as_ref().and_then(|d| d.agency.clone());
        // Near-duplicates are sought for wire copy: a dateline agency other
        // than the paper itself. A one-part story's signature may have been
        // computed while parsing.
        let sig = if is_wire(agency.as_deref(), &paper) {
            match (story.len(), sigs.get(key.as_str())) {
                (1, Some(s)) => Some(s.clone()),
                _ => link::minhash(&body_text(&story.iter().map(|&p| &*arts[p].2).collect::<Vec<_>>())),
            }
        } else {
            None
        };
        let group = match &sig {
            Some(sig) => dup_group(tx, dups, key, sig)?,
            None => key.clone(),
        };
        let headline = headline_text(first);
        ins_story.execute(params![
            key,
            issue_id,
            story[0] as i64,
            paper,
            date,
            pages.join(","),
            (!headline.is_empty()).then_some(headline),
            agency,
            story.len() as i64,
            group,
            sig.as_ref().map(|s| link::sig_to_bytes(s)),
        ])?;
        if let Some(sig) = &sig {
            let sid = tx.last_insert_rowid();
            for (b, h) in link::bands(sig).into_iter().enumerate() {
                dups.add(tx, b as u8, h, sid)?;
            }
            dups.groups.insert(sid, group.clone());
        }
    }
    let mut ins_link =
        tx.prepare_cached("INSERT INTO links(issue_id, kind, from_key, to_key) VALUES (?1, ?2, ?3, ?4)")?;
    for &(teaser, target) in &linked.see_also {
        ins_link.execute(params![issue_id, "see_also", arts[teaser].0, arts[target].0])?;
    }
    tx.execute("UPDATE issues SET dirty = 1 WHERE id = ?1", params![issue_id])?;
    Ok(())
}

/// How many stories of one LSH bucket [`dup_group`] reads, newest first.
const BUCKET_READ: usize = 64;

/// What the near-duplicate lookup reads of the store, kept in memory for
/// the transactions of one writer: the LSH buckets read so far (their story
/// ids, ascending) and the groups of wire stories. Each is read from the
/// store once, then kept in step with the writes of [`relink_issue`].
/// Reading them from SQLite for every wire story (16 bucket queries of up
/// to 64 rows, then one row per candidate) was half the writer thread's
/// time in a 1M-article ingest. The cache is only valid while nobody else
/// writes the store, and only after transactions that committed: each
/// ingest makes a new one, and a failed transaction ends the ingest.
///
/// It also holds the LSH rows added in a transaction until
/// [`relink_issues`] writes them, sorted: inserted one by one, each went to
/// a random page of the table's B-tree (16 rows a wire story; 17 of the
/// writer's 90 seconds at 1M).
#[derive(Default)]
pub(crate) struct DupCache {
    buckets: FxHashMap<(u8, i64), Vec<i64>>,
    groups: FxHashMap<i64, String>,
    /// LSH rows added in this transaction and not yet written.
    pending: Vec<(u8, i64, i64)>,
    /// Rows removed in this transaction (not to be written if pending).
    dropped: FxHashSet<(u8, i64, i64)>,
}

impl DupCache {
    /// Write the LSH rows added since the last flush.
    fn flush(&mut self, tx: &Transaction) -> Result<()> {
        let mut rows = std::mem::take(&mut self.pending);
        rows.sort_unstable();
        rows.dedup();
        let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO lsh(band, bucket, story) VALUES (?1, ?2, ?3)")?;
        for row in rows.iter().filter(|r| !self.dropped.contains(r)) {
            ins.execute(params![row.0, row.1, row.2])?;
        }
        self.dropped.clear();
        Ok(())
    }

    /// The stories of a bucket, ascending.
    fn bucket(&mut self, tx: &Transaction, band: u8, bucket: i64) -> Result<&[i64]> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.buckets.entry((band, bucket)) {
            let mut st = tx.prepare_cached("SELECT story FROM lsh WHERE band = ?1 AND bucket = ?2 ORDER BY story")?;
            let ids = st.query_map(params![band, bucket], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            e.insert(ids);
        }
        Ok(self.buckets.get(&(band, bucket)).map_or(&[], Vec::as_slice))
    }

    /// Add a story to a bucket (written to the store by [`DupCache::flush`];
    /// the bucket is read first, so that it is known whole until then).
    fn add(&mut self, tx: &Transaction, band: u8, bucket: i64, story: i64) -> Result<()> {
        self.bucket(tx, band, bucket)?;
        if let Some(ids) = self.buckets.get_mut(&(band, bucket)) {
            if let Err(at) = ids.binary_search(&story) {
                ids.insert(at, story);
            }
        }
        self.pending.push((band, bucket, story));
        self.dropped.remove(&(band, bucket, story));
        Ok(())
    }

    /// A story left a bucket (its row is deleted from the store).
    fn removed(&mut self, band: u8, bucket: i64, story: i64) {
        if let Some(ids) = self.buckets.get_mut(&(band, bucket)) {
            if let Ok(at) = ids.binary_search(&story) {
                ids.remove(at);
            }
        }
        if !self.pending.is_empty() {
            self.dropped.insert((band, bucket, story));
        }
    }

    /// Read the group of a stored story unless it is known (no group when
    /// there is no such story).
    fn load_group(&mut self, tx: &Transaction, story: i64) -> Result<()> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.groups.entry(story) {
            let g: Option<String> = tx
                .prepare_cached("SELECT dup_group FROM stories WHERE id = ?1")?
                .query_row(params![story], |r| r.get(0))
                .optional()?;
            if let Some(g) = g {
                e.insert(g);
            }
        }
        Ok(())
    }

    /// Every story of group `from` is now in group `to`.
    fn renamed(&mut self, from: &str, to: &str) {
        for g in self.groups.values_mut() {
            if g == from {
                *g = to.to_string();
            }
        }
    }
}

/// The near-duplicate group of a new story: the smallest label among the
/// groups of the stories it nearly duplicates (merging them), or its own key.
fn dup_group(tx: &Transaction, dups: &mut DupCache, key: &str, sig: &[u32]) -> Result<String> {
    // The stories sharing a bucket with the signature (with how many
    // buckets they share) and their groups; signatures are then read group
    // by group, most shared buckets first, until one member of the group is
    // similar enough. Wire copy printed many times makes big groups: this
    // reads each candidate once, and few signatures.
    // A bucket shared by many printings of one wire story holds many
    // stories: the newest BUCKET_READ of each are enough to find the groups
    // (an older printing of another group in the same band still shares
    // other bands), and reading every one made the writer thread the
    // bottleneck of a 1M-article ingest (313 printings of each story).
    let mut ids: Vec<i64> = Vec::with_capacity(link::BANDS * BUCKET_READ);
    for (b, h) in link::bands(sig).into_iter().enumerate() {
        let bucket = dups.bucket(tx, b as u8, h)?;
        ids.extend_from_slice(&bucket[bucket.len().saturating_sub(BUCKET_READ)..]);
    }
    ids.sort_unstable();
    let mut counted: Vec<(i64, i64)> = Vec::with_capacity(ids.len());
    for id in ids {
        match counted.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => counted.push((id, 1)),
        }
    }
    for &(id, _) in &counted {
        dups.load_group(tx, id)?;
    }
    let mut cands: Vec<(i64, i64, &str)> =
        counted.iter().filter_map(|&(id, n)| Some((id, n, dups.groups.get(&id)?.as_str()))).collect();
    cands.sort_unstable_by(|x, y| x.2.cmp(y.2).then(y.1.cmp(&x.1)).then(x.0.cmp(&y.0)));
    let mut groups: BTreeSet<&str> = BTreeSet::new();
    let mut member = tx.prepare_cached("SELECT key, minhash FROM stories WHERE id = ?1")?;
    for &(id, _, g) in &cands {
        if groups.contains(g) {
            continue;
        }
        let (k, m): (String, Option<Vec<u8>>) = member.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if k != key && m.is_some_and(|m| link::similarity(&link::sig_from_bytes(&m), sig) >= link::DUP_THRESHOLD) {
            groups.insert(g);
        }
    }
    let label = groups.first().map_or(key, |&g| g.min(key)).to_string();
    let merged: Vec<String> = groups.into_iter().filter(|&g| g != label).map(str::to_string).collect();
    for g in &merged {
        tx.execute("UPDATE stories SET dup_group = ?1 WHERE dup_group = ?2", params![label, g])?;
        dups.renamed(g, &label);
    }
    Ok(label)
}

/// Issues whose index documents are not known to match the store.
pub(crate) fn dirty_issues(conn: &Connection) -> Result<Vec<i64>> {
    let mut st = conn.prepare("SELECT id FROM issues WHERE dirty = 1 ORDER BY id")?;
    let v = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Mark issues as indexed.
pub(crate) fn mark_clean(conn: &Connection, issues: &[i64]) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    {
        let mut st = tx.prepare_cached("UPDATE issues SET dirty = 0 WHERE id = ?1")?;
        for i in issues {
            st.execute(params![i])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// `paper/date`: the index term of an issue.
pub(crate) fn issue_term(conn: &Connection, issue_id: i64) -> Result<String> {
    let (p, d) = issue_names(conn, issue_id)?;
    Ok(format!("{p}/{d}"))
}

/// The index documents of an issue's stories.
pub(crate) fn issue_docs<'a>(
    conn: &Connection,
    issue_id: i64,
    known: &HashMap<&str, &'a Article>,
) -> Result<Vec<StoryDoc>> {
    let issue = issue_term(conn, issue_id)?;
    let mut st = conn.prepare_cached(
        "SELECT stories.key, stories.paper, stories.date, stories.pages, stories.agency, articles.key, articles.id, \
         stories.minhash IS NOT NULL, stories.id FROM stories JOIN articles ON articles.story = stories.key WHERE stories.issue_id = ?1 \
         ORDER BY stories.ord, articles.part",
    )?;
    let mut blob = conn.prepare_cached("SELECT json FROM articles WHERE id = ?1")?;
    let mut docs: Vec<StoryDoc> = Vec::new();
    let mut parts: HashMap<String, Vec<Cow<'a, Article>>> = HashMap::new();
    let mut q = st.query(params![issue_id])?;
    while let Some(r) = q.next()? {
        let key: String = r.get(0)?;
        let akey: String = r.get(5)?;
        let a = match known.get(akey.as_str()) {
            Some(a) => Cow::Borrowed(*a),
            None => {
                let json: Vec<u8> = blob.query_row(params![r.get::<_, i64>(6)?], |r| r.get(0))?;
                Cow::Owned(article_from(conn, &json)?)
            }
        };
        if docs.last().is_none_or_key(&key) {
            let pages: String = r.get(3)?;
            docs.push(StoryDoc {
                key: key.clone(),
                issue: issue.clone(),
                paper: r.get(1)?,
                date: r.get(2)?,
                pages: pages.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                agency: r.get(4)?,
                wire: r.get(7)?,
                id: r.get(8)?,
                ..Default::default()
            });
        }
        parts.entry(key).or_default().push(a);
    }
    for d in &mut docs {
        let ps = parts.remove(&d.key).unwrap_or_default();
        let refs: Vec<&Article> = ps.iter().map(|a| &**a).collect();
        if let Some(first) = ps.first() {
            d.headline = headline_text(first);
        }
        d.body = body_text(&refs);
        let mut by = String::new();
        for a in &ps {
            for b in &a.bylines {
                if let Some(o) = &b.outlet {
                    by.push_str(o);
                    by.push(' ');
                }
                for n in &b.names {
                    by.push_str(n);
                    by.push(' ');
                }
            }
        }
        d.bylines = by;
    }
    Ok(docs)
}

trait LastKey {
    fn is_none_or_key(&self, key: &str) -> bool;
}

impl LastKey for Option<&StoryDoc> {
    fn is_none_or_key(&self, key: &str) -> bool {
        self.is_none_or(|d| d.key != key)
    }
}

/// A logical article as stored.
#[derive(Debug, Clone)]
pub(crate) struct StoryRow {
    pub key: String,
    pub issue_id: i64,
    pub paper: String,
    pub date: String,
    pub pages: Vec<String>,
    pub headline: Option<String>,
    pub agency: Option<String>,
    pub dup_group: String,
    /// Whether it is wire copy (has a MinHash signature): only wire copy
    /// can have near-duplicates.
    pub wire: bool,
}

const STORY_COLS: &str = "key, issue_id, paper, date, pages, headline, agency, dup_group, minhash IS NOT NULL";

fn story_from_row(r: &rusqlite::Row) -> rusqlite::Result<StoryRow> {
    let pages: String = r.get(4)?;
    Ok(StoryRow {
        key: r.get(0)?,
        issue_id: r.get(1)?,
        paper: r.get(2)?,
        date: r.get(3)?,
        pages: pages.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        headline: r.get(5)?,
        agency: r.get(6)?,
        dup_group: r.get(7)?,
        wire: r.get(8)?,
    })
}

/// A story by its key, or by the key of any of its parts.
pub(crate) fn story(conn: &Connection, key: &str) -> Result<Option<StoryRow>> {
    let sk: Option<String> = conn
        .prepare_cached("SELECT story FROM articles WHERE key = ?1")?
        .query_row(params![key], |r| r.get(0))
        .optional()?
        .flatten();
    let sk = sk.unwrap_or_else(|| key.to_string());
    story_by_key(conn, &sk)
}

/// A story by its own key (the key its index document carries).
pub(crate) fn story_by_key(conn: &Connection, key: &str) -> Result<Option<StoryRow>> {
    let mut st = conn.prepare_cached(&format!("SELECT {STORY_COLS} FROM stories WHERE key = ?1"))?;
    Ok(st.query_row(params![key], story_from_row).optional()?)
}

/// The near-duplicate group of the story with this row id, if it still
/// has this key (one lookup by row id instead of two by key).
pub(crate) fn dup_group_by_id(conn: &Connection, id: i64, key: &str) -> Result<Option<String>> {
    let mut st = conn.prepare_cached("SELECT dup_group FROM stories WHERE id = ?1 AND key = ?2")?;
    Ok(st.query_row(params![id, key], |r| r.get(0)).optional()?)
}

/// The text fields of an article that [`body_text`] reads, deserialised
/// without the rest (search snippets need nothing else).
#[derive(serde::Deserialize)]
struct TextOnly<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

#[derive(serde::Deserialize)]
struct ArticleText<'a> {
    #[serde(borrow, default)]
    dateline: Option<TextOnly<'a>>,
    #[serde(borrow, default)]
    body: Vec<TextOnly<'a>>,
    #[serde(borrow, default)]
    captions: Vec<TextOnly<'a>>,
}

/// [`body_text`] of a story, by its key: its parts' JSON is decompressed
/// and only the text fields are read.
pub(crate) fn story_text(conn: &Connection, key: &str) -> Result<String> {
    let mut st = conn.prepare_cached("SELECT json FROM articles WHERE story = ?1 ORDER BY part")?;
    let mut q = st.query(params![key])?;
    let mut t = String::new();
    while let Some(r) = q.next()? {
        let json = unpack_article(conn, r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?)?;
        let a: ArticleText =
            serde_json::from_slice(&json).map_err(|e| Error::Internal(format!("stored article: {e}")))?;
        for x in a.dateline.iter().chain(&a.body).chain(&a.captions) {
            t.push_str(&x.text);
            t.push('\n');
        }
    }
    Ok(t)
}

/// The parts of a story, in order.
pub(crate) fn story_parts(conn: &Connection, key: &str) -> Result<Vec<Article>> {
    let mut st = conn.prepare_cached("SELECT json FROM articles WHERE story = ?1 ORDER BY part")?;
    let rows: Vec<Vec<u8>> = st.query_map(params![key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    rows.iter().map(|j| article_from(conn, j)).collect()
}

/// Stories of the same near-duplicate group, other than `key`.
pub(crate) fn duplicates(conn: &Connection, group: &str, key: &str) -> Result<Vec<String>> {
    let mut st =
        conn.prepare_cached("SELECT key FROM stories WHERE dup_group = ?1 AND key != ?2 ORDER BY date, key")?;
    let v = st.query_map(params![group, key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Links of a kind from and to a story's parts.
pub(crate) fn links(conn: &Connection, keys: &[String]) -> Result<(Vec<String>, Vec<String>)> {
    let mut from = conn.prepare_cached("SELECT to_key FROM links WHERE from_key = ?1 AND kind = 'see_also'")?;
    let mut to = conn.prepare_cached("SELECT from_key FROM links WHERE to_key = ?1 AND kind = 'see_also'")?;
    let (mut out, mut inn) = (Vec::new(), Vec::new());
    for k in keys {
        for r in from.query_map(params![k], |r| r.get::<_, String>(0))? {
            out.push(r?);
        }
        for r in to.query_map(params![k], |r| r.get::<_, String>(0))? {
            inn.push(r?);
        }
    }
    Ok((out, inn))
}

/// Keys of the parts of a story.
pub(crate) fn part_keys(conn: &Connection, key: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT key FROM articles WHERE story = ?1 ORDER BY part")?;
    let v = st.query_map(params![key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Every story key with its issue, in archive order.
pub(crate) fn all_stories(conn: &Connection) -> Result<Vec<StoryRow>> {
    let mut st = conn.prepare(&format!("SELECT {STORY_COLS} FROM stories ORDER BY date, paper, issue_id, ord"))?;
    let v = st.query_map([], story_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Count rows of a query returning one integer.
pub(crate) fn count(conn: &Connection, sql: &str) -> Result<u64> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
}

/// Pages whose raw input no longer has its recorded hash.
pub(crate) fn bad_hashes(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT papers.name || '/' || issues.date || '/' || pages.label, pages.hash, pages.raw, pages.id FROM pages \
         JOIN issues ON issues.id = pages.issue_id JOIN papers ON papers.id = issues.paper_id",
    )?;
    let mut bad = Vec::new();
    let mut q = st.query([])?;
    while let Some(r) = q.next()? {
        let raw: Vec<u8> = r.get(2)?;
        let hash: String = r.get(1)?;
        if page_raw(conn, r.get(3)?, &raw).map(|raw| crate::archive::content_hash(&raw)).ok().as_deref()
            != Some(hash.as_str())
        {
            bad.push(r.get(0)?);
        }
    }
    Ok(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lsh_rows(tx: &Transaction) -> Vec<(i64, i64, i64)> {
        let mut st = tx.prepare("SELECT band, bucket, story FROM lsh ORDER BY band, bucket, story").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn lsh_rows_are_written_at_the_flush_as_added_and_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let mut conn = open(&tmp.path().join("s.sqlite"), true).unwrap();
        let tx = conn.transaction().unwrap();
        let mut dups = DupCache::default();
        dups.add(&tx, 0, 7, 1).unwrap();
        dups.add(&tx, 0, 7, 2).unwrap();
        dups.add(&tx, 3, -5, 2).unwrap();
        dups.flush(&tx).unwrap();
        assert_eq!(lsh_rows(&tx), [(0, 7, 1), (0, 7, 2), (3, -5, 2)]);
        // Added, then removed in the same transaction: not written; added
        // again after its removal: written; a stored row removed: deleted
        // by its caller, and the bucket forgets it.
        dups.add(&tx, 1, 9, 3).unwrap();
        dups.removed(1, 9, 3);
        dups.add(&tx, 2, 9, 4).unwrap();
        dups.removed(2, 9, 4);
        dups.add(&tx, 2, 9, 4).unwrap();
        tx.execute("DELETE FROM lsh WHERE band = 0 AND bucket = 7 AND story = 1", []).unwrap();
        dups.removed(0, 7, 1);
        dups.flush(&tx).unwrap();
        assert_eq!(lsh_rows(&tx), [(0, 7, 2), (2, 9, 4), (3, -5, 2)]);
        assert_eq!(dups.bucket(&tx, 0, 7).unwrap(), [2]);
        assert_eq!(dups.bucket(&tx, 1, 9).unwrap(), [] as [i64; 0]);
        // A bucket first read after its rows were written reads them.
        let mut fresh = DupCache::default();
        assert_eq!(fresh.bucket(&tx, 2, 9).unwrap(), [4]);
    }
}
