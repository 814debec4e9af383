//! The archive: one folder holding `archive.sqlite` and `index/`.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use baokan_core::{Article, Page, PageMeta, ParseOptions, Parser};
use jieba_rs::Jieba;
use rayon::prelude::*;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, Executor, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

use crate::error::{io, Error, Result};
use crate::index::{self, Fields};
use crate::query::{self, Builder, Filters, Snippet};
use crate::store::{self, PageKey, PageRecord};

const STORE_FILE: &str = "archive.sqlite";
const INDEX_DIR: &str = "index";
const USER_DICT: &str = "userdict.txt";
/// Memory of the tantivy writer per indexing thread: a segment is written
/// out when its thread's share is full.
const INDEX_BUDGET_PER_THREAD: usize = 256 << 20;
/// A bulk ingest that leaves more segments than this merges them.
const MAX_SEGMENTS: usize = 24;
/// A search of an index with at least this many documents (in more than one
/// segment) searches its segments in parallel, one thread per core: the
/// biggest searches (a common bigram in hundreds of thousands of articles)
/// then take about half the time, while small ones, where starting the
/// threads would cost more than it saves, stay on the calling thread.
const PARALLEL_SEARCH_DOCS: u64 = 250_000;
/// An ingest commits the index after this many bytes of input pages...
const COMMIT_BYTES: u64 = 256 << 20;
/// ... or this many batches, whichever comes first (and at the end).
const COMMIT_BATCHES: usize = 16;

/// How to open an archive.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Create the archive when the folder does not hold one (the folder must
    /// then be missing or empty).
    pub create: bool,
    /// A user dictionary for jieba (one word per line, optionally with a
    /// frequency and a tag). Given at ingest it is kept in the archive and
    /// applied to every later query too.
    pub user_dict: Option<PathBuf>,
    /// When the index cannot be opened, set it aside and start a new one
    /// (every issue is then indexed again from the store).
    pub rebuild_broken_index: bool,
}

/// Identifies an issue: a paper on a date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct IssueKey {
    /// Masthead name.
    pub paper: String,
    /// Issue date, `YYYY-MM-DD`.
    pub date: String,
}

/// Where a logical article stands in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRef {
    /// Archive id: the id of its first part, `paper/date/page/n`.
    pub key: String,
    /// Masthead name.
    pub paper: String,
    /// Issue date.
    pub date: String,
    /// Page labels of its parts, in order.
    pub pages: Vec<String>,
    /// Dateline agency, if any.
    pub agency: Option<String>,
    /// Headline (kicker, headline and subheadlines).
    pub headline: Option<String>,
}

impl ArticleRef {
    /// The issue the article is in.
    pub fn issue(&self) -> IssueKey {
        IssueKey { paper: self.paper.clone(), date: self.date.clone() }
    }
}

/// How to order search hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest issue first.
    Newest,
    /// Oldest issue first.
    Oldest,
}

/// A search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query (see the `query` language in the crate doc).
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// Order of hits.
    pub sort: SortOrder,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Show one hit per near-duplicate group (wire copy printed in several
    /// papers); the others are listed in [`Hit::duplicates`].
    pub collapse: bool,
    /// Count facets.
    pub facets: bool,
    /// Make snippets (the headline and a stretch of the body with the
    /// matches marked). Without them a hit has its article fields, score and
    /// duplicates, and no article text is read from the store.
    pub snippets: bool,
}

impl SearchRequest {
    /// A request for `query`: ten hits by relevance, collapsed, no facets.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 0,
            collapse: true,
            facets: false,
            snippets: true,
        }
    }
}

/// One search hit: a logical article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The article.
    pub article: ArticleRef,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// The headline with matches marked.
    pub headline: Snippet,
    /// A stretch of the body around the matches.
    pub snippet: Snippet,
    /// Near-duplicates of this article elsewhere in the archive (keys).
    pub duplicates: Vec<String>,
}

/// One facet value and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (株洲日报, 2020-05, A1, 新华社).
    pub value: String,
    /// Matching articles with it.
    pub count: u64,
}

/// Facet counts over all matching articles (before collapsing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By paper.
    pub paper: Vec<FacetCount>,
    /// By issue month, `YYYY-MM`.
    pub month: Vec<FacetCount>,
    /// By page label.
    pub page: Vec<FacetCount>,
    /// By dateline agency.
    pub agency: Vec<FacetCount>,
}

/// What a search found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching articles (before collapsing near-duplicates).
    pub total: usize,
    /// The hits asked for.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    pub facets: Option<Facets>,
}

/// A logical article, whole: its parts in order and its links.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    /// Where it stands.
    pub article: ArticleRef,
    /// The parts (one per page it runs on), in order.
    pub parts: Vec<Article>,
    /// Stories this one's teasers point to (详见B1版).
    pub see_also: Vec<String>,
    /// Teasers that point to this story.
    pub teased_by: Vec<String>,
    /// Near-duplicates elsewhere in the archive.
    pub duplicates: Vec<String>,
}

impl StoryView {
    /// The parts as one article: the first part's fields, with the body,
    /// captions, jumps, repairs and bylines of every part in order.
    pub fn merged(&self) -> Article {
        let mut a = self.parts.first().cloned().unwrap_or_default();
        for p in self.parts.iter().skip(1) {
            a.body.extend(p.body.iter().cloned());
            a.captions.extend(p.captions.iter().cloned());
            a.jumps.extend(p.jumps.iter().cloned());
            a.repairs.extend(p.repairs.iter().cloned());
            for b in &p.bylines {
                if !a.bylines.contains(b) {
                    a.bylines.push(b.clone());
                }
            }
        }
        a.id = self.article.key.clone();
        a
    }
}

/// Archive-wide counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Papers.
    pub papers: u64,
    /// Issues (paper and date).
    pub issues: u64,
    /// Pages.
    pub pages: u64,
    /// Articles as printed (one per page part).
    pub articles: u64,
    /// Logical articles (continuations joined).
    pub stories: u64,
    /// Stories that continue on another page.
    pub continued: u64,
    /// Teaser links (详见).
    pub see_also: u64,
    /// Near-duplicate groups with more than one member.
    pub duplicate_groups: u64,
    /// Repairs recorded.
    pub repairs: u64,
    /// Bytes of raw input stored.
    pub raw_bytes: u64,
    /// Bytes of the SQLite store on disk.
    pub store_bytes: u64,
    /// Bytes of the tantivy index on disk.
    pub index_bytes: u64,
    /// Documents in the index.
    pub index_docs: u64,
}

/// A problem found by [`Archive::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// SQLite's own integrity check failed.
    StoreIntegrity {
        /// What SQLite said.
        message: String,
    },
    /// A page's raw input does not have its recorded hash.
    PageHash {
        /// paper/date/page.
        page: String,
    },
    /// An article belongs to no logical article.
    Unlinked {
        /// The article key.
        key: String,
    },
    /// A stored article is missing from the index.
    NotIndexed {
        /// The story key.
        key: String,
    },
    /// A stored article is indexed more than once.
    IndexedTwice {
        /// The story key.
        key: String,
        /// How many times.
        count: u64,
    },
    /// The index has a document for an article the store does not have.
    Orphan {
        /// The key in the index.
        key: String,
    },
    /// An issue whose indexing was interrupted and not yet redone.
    Pending {
        /// paper/date.
        issue: String,
    },
}

/// What [`Archive::check`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// Logical articles in the store.
    pub stories: u64,
    /// Documents in the index.
    pub index_docs: u64,
    /// Problems found.
    pub problems: Vec<Problem>,
    /// Whether the problems were repaired (with `repair`).
    pub repaired: bool,
}

/// What happened to one input page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageOutcome {
    /// Stored for the first time.
    Added,
    /// A changed page replaced its older version.
    Replaced,
    /// Already stored with the same content.
    Unchanged,
    /// Could not be read or parsed.
    Failed,
}

/// Progress of an ingest, for a progress bar.
#[derive(Debug, Clone)]
pub enum IngestEvent {
    /// The input was scanned.
    Found {
        /// Input files.
        files: u64,
        /// Their total size.
        bytes: u64,
    },
    /// One file was dealt with.
    Page {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
        /// What happened.
        outcome: PageOutcome,
        /// Why it failed, when it did.
        error: Option<String>,
    },
}

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// How to parse page dumps.
    pub parse: ParseOptions,
    /// Pages per transaction (a commit point: an interrupted ingest loses at
    /// most one batch, which the next run redoes).
    pub batch_pages: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { parse: ParseOptions::default(), batch_pages: 1024 }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// Input files seen.
    pub files: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Pages stored for the first time.
    pub added: u64,
    /// Pages replaced by a changed version.
    pub replaced: u64,
    /// Pages already stored unchanged.
    pub unchanged: u64,
    /// Files that could not be ingested, with the reason.
    pub failed: Vec<(String, String)>,
}

/// A newspaper archive: SQLite store plus tantivy index in one folder.
pub struct Archive {
    dir: PathBuf,
    db: Connection,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    jieba: index::Segmenter,
    recovered: usize,
    /// Threads for searches of a big index (made on first use; `None` when
    /// they could not be started).
    search_threads: std::sync::OnceLock<Option<Executor>>,
    /// The opened bigram files of the index's segments ([`crate::bigram`]).
    bigrams: Arc<crate::bigram::SegmentCache>,
    /// Documents from which a search runs in parallel
    /// ([`PARALLEL_SEARCH_DOCS`]; tests lower it).
    parallel_search_docs: u64,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish_non_exhaustive()
    }
}

/// SHA-256 of a page's raw input, in hex.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn load_user_dict(jieba: &mut Jieba, path: &Path) -> Result<()> {
    let f = std::fs::File::open(path).map_err(|e| Error::Dict { path: path.to_path_buf(), reason: e.to_string() })?;
    for line in std::io::BufReader::new(f).lines() {
        let line = line.map_err(|e| Error::Dict { path: path.to_path_buf(), reason: e.to_string() })?;
        let mut it = line.split_whitespace();
        let Some(word) = it.next() else { continue };
        if word.starts_with('#') {
            continue;
        }
        let freq = it.next().and_then(|f| f.parse::<usize>().ok());
        let tag = it.next();
        jieba.add_word(&crate::text::fold(word), freq, tag);
    }
    Ok(())
}

impl Archive {
    /// Open an existing archive.
    pub fn open(dir: impl AsRef<Path>) -> Result<Archive> {
        Archive::open_with(dir, &OpenOptions::default())
    }

    /// Open an archive, creating it in a missing or empty folder.
    pub fn create(dir: impl AsRef<Path>) -> Result<Archive> {
        Archive::open_with(dir, &OpenOptions { create: true, ..Default::default() })
    }

    /// Open (or create) an archive. Indexing left unfinished by an
    /// interrupted ingest is finished first, unless another process is
    /// writing to the archive.
    pub fn open_with(dir: impl AsRef<Path>, opts: &OpenOptions) -> Result<Archive> {
        let dir = dir.as_ref().to_path_buf();
        let not_archive = |reason: &str| Error::NotAnArchive { path: dir.clone(), reason: reason.to_string() };
        let store_path = dir.join(STORE_FILE);
        if dir.exists() && !dir.is_dir() {
            return Err(not_archive("not a folder"));
        }
        if !store_path.exists() {
            if !opts.create {
                return Err(not_archive(if dir.exists() { "no archive.sqlite in it" } else { "no such folder" }));
            }
            if dir.exists() {
                let foreign = std::fs::read_dir(&dir)
                    .map_err(io(&dir))?
                    .filter_map(|e| e.ok())
                    .any(|e| e.file_name() != INDEX_DIR && e.file_name() != USER_DICT);
                if foreign {
                    return Err(not_archive("the folder holds other files; give a new or empty folder"));
                }
            }
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        }
        let db = store::open(&store_path, opts.create)?;
        let kept = dir.join(USER_DICT);
        // Without user words the archive segments with the dictionary the
        // parser loads anyway ([`index::Segmenter::Builtin`]).
        let mut jieba = (opts.user_dict.is_some() || kept.exists()).then(Jieba::new);
        if let (Some(d), Some(jieba)) = (&opts.user_dict, jieba.as_mut()) {
            load_user_dict(jieba, d)?;
            if opts.create {
                let kept = dir.join(USER_DICT);
                let mut text = std::fs::read_to_string(&kept).unwrap_or_default();
                let add =
                    std::fs::read_to_string(d).map_err(|e| Error::Dict { path: d.clone(), reason: e.to_string() })?;
                if !text.contains(&add) {
                    text.push_str(&add);
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                    std::fs::write(&kept, text).map_err(io(&kept))?;
                }
            }
        }
        if let (true, Some(jieba)) = (kept.exists(), jieba.as_mut()) {
            load_user_dict(jieba, &kept)?;
        }
        let jieba = jieba.map_or(index::Segmenter::Builtin, |j| index::Segmenter::Own(Arc::new(j)));
        let index_dir = dir.join(INDEX_DIR);
        let index = match index::open_or_create(&index_dir) {
            Ok(i) if Fields::of(&i.schema()).is_some() => i,
            other => {
                let why = match other {
                    Ok(_) => "the index has another schema".to_string(),
                    Err(e) => e.to_string(),
                };
                if !opts.rebuild_broken_index {
                    return Err(Error::NotAnArchive {
                        path: dir.clone(),
                        reason: format!("the index is unreadable ({why}); `baokan check --repair` rebuilds it"),
                    });
                }
                let aside = dir.join(format!("index.broken.{}", std::process::id()));
                std::fs::rename(&index_dir, &aside).map_err(io(&index_dir))?;
                db.execute("UPDATE issues SET dirty = 1", [])?;
                index::open_or_create(&index_dir)?
            }
        };
        let fields = Fields::of(&index.schema()).ok_or_else(|| Error::Internal("index schema".into()))?;
        index::register(&index, jieba.clone());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let mut a = Archive {
            dir,
            db,
            index,
            fields,
            reader,
            writer: None,
            jieba,
            recovered: 0,
            search_threads: std::sync::OnceLock::new(),
            parallel_search_docs: PARALLEL_SEARCH_DOCS,
            bigrams: Arc::default(),
        };
        a.recover()?;
        Ok(a)
    }

    /// The archive folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Issues whose interrupted indexing was finished when the archive was opened.
    pub fn recovered_issues(&self) -> usize {
        self.recovered
    }

    fn recover(&mut self) -> Result<()> {
        let dirty = store::dirty_issues(&self.db)?;
        if dirty.is_empty() {
            return Ok(());
        }
        match self.writer() {
            Ok(_) => {}
            Err(Error::Index(tantivy::TantivyError::LockFailure(..))) => return Ok(()),
            Err(e) => return Err(e),
        }
        self.index_issues(&dirty, &HashMap::new())?;
        self.recovered = dirty.len();
        Ok(())
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            // One indexing thread per core (up to 4): tantivy indexing is
            // the biggest part of an ingest. A big memory budget and rare
            // commits make few, big segments (each repeats the bigram
            // vocabulary), so that a bulk ingest need not merge them.
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
            let budget = threads * INDEX_BUDGET_PER_THREAD;
            let w: IndexWriter = self.index.writer_with_num_threads(threads, budget)?;
            self.writer = Some(w);
        }
        self.writer.as_mut().ok_or_else(|| Error::Internal("writer".into()))
    }

    /// Replace the index documents of these issues with fresh ones from the
    /// store, commit, and mark the issues clean.
    fn index_issues(&mut self, issues: &[i64], known: &HashMap<&str, &Article>) -> Result<()> {
        if issues.is_empty() {
            return Ok(());
        }
        self.stage_issues(issues, known)?;
        self.commit_index(issues)
    }

    /// Store parsed pages in one transaction, relink their issues and index them.
    fn write_batch(&mut self, recs: &[PageRecord]) -> Result<Vec<bool>> {
        let (replaced, issues) = self.store_batch(recs, None, &mut store::DupCache::default())?;
        self.index_issues(&issues, &known_articles(recs))?;
        Ok(replaced)
    }

    /// Store parsed pages in one transaction and relink their issues, which
    /// stay marked "to index". Returns which pages replaced an older version
    /// and the issues touched. (When it fails, `dups` no longer matches the
    /// store: its caller stops and drops it.)
    fn store_batch(
        &mut self,
        recs: &[PageRecord],
        dict: Option<&store::Dict>,
        dups: &mut store::DupCache,
    ) -> Result<(Vec<bool>, Vec<i64>)> {
        if recs.is_empty() && dict.is_none() {
            return Ok((Vec::new(), Vec::new()));
        }
        let tx = self.db.transaction()?;
        // A new dictionary is stored even when the batch stores no page:
        // the next batches are compressed with it.
        if let Some(d) = dict {
            store::put_dict(&tx, d)?;
        }
        let mut issues = BTreeSet::new();
        let mut replaced = Vec::with_capacity(recs.len());
        for r in recs {
            let (issue, rep) = store::put_page(&tx, r)?;
            issues.insert(issue);
            replaced.push(rep);
        }
        // Articles of this batch, so relinking need not decode them again.
        let known = known_articles(recs);
        let sigs: HashMap<&str, Vec<u32>> = recs
            .iter()
            .flat_map(|r| r.page.articles.iter().zip(&r.sigs).filter_map(|(a, s)| Some((a.id.as_str(), s.clone()?))))
            .collect();
        store::relink_issues(&tx, issues.iter().copied(), &known, &sigs, dups)?;
        tx.commit()?;
        Ok((replaced, issues.into_iter().collect()))
    }

    /// Replace the index documents of these issues with fresh ones from the
    /// store, without committing: they become visible (and the issues clean)
    /// at the next [`Archive::commit_index`].
    fn stage_issues(&mut self, issues: &[i64], known: &HashMap<&str, &Article>) -> Result<()> {
        let mut docs = Vec::new();
        for &i in issues {
            docs.push((store::issue_term(&self.db, i)?, store::issue_docs(&self.db, i, known)?));
        }
        let fields = self.fields;
        let w = self.writer()?;
        for (term, stories) in docs {
            w.delete_term(Term::from_field_text(fields.issue, &term));
            for s in &stories {
                w.add_document(index::document(&fields, s))?;
            }
        }
        Ok(())
    }

    /// Commit the index and mark `issues` (all staged since the last
    /// commit) clean.
    fn commit_index(&mut self, issues: &[i64]) -> Result<()> {
        if issues.is_empty() {
            return Ok(());
        }
        self.writer()?.commit()?;
        store::mark_clean(&self.db, issues)?;
        self.reader.reload()?;
        Ok(())
    }

    /// Ingest one page given as bytes: a page dump (any encoding baokan-core
    /// decodes) or page JSON when `name` ends in `.json`. `name` gives the
    /// paper, date and page as `baokan parse` reads file names.
    pub fn ingest_bytes(&mut self, name: &str, bytes: &[u8], parse: ParseOptions) -> Result<PageOutcome> {
        let meta = PageMeta::from_file_name(name);
        let parser = Parser::new(parse);
        let dict = store::current_dict(&self.db)?;
        match prepare(&parser, name, meta, bytes.to_vec(), Some(dict.as_deref())) {
            Ok(rec) => {
                if store::page_hash(&self.db, &rec.key)?.as_deref() == Some(rec.hash.as_str()) {
                    return Ok(PageOutcome::Unchanged);
                }
                let rep = self.write_batch(std::slice::from_ref(&rec))?;
                Ok(if rep[0] { PageOutcome::Replaced } else { PageOutcome::Added })
            }
            Err(e) => Err(Error::Io { path: PathBuf::from(name), source: std::io::Error::other(e) }),
        }
    }

    /// Ingest a file or a folder of page dumps (`*.txt`) and page JSON
    /// (`*.json`). Folders may be laid out as `PAPER/YYYY-MM-DD/PAGE.txt` or
    /// hold files named as `baokan parse` understands. Pages already stored
    /// with the same content are skipped, so an interrupted ingest resumes
    /// where it stopped.
    pub fn ingest_path(
        &mut self,
        input: &Path,
        opts: &IngestOptions,
        progress: &mut dyn FnMut(&IngestEvent),
    ) -> Result<IngestReport> {
        let mut files = Vec::new();
        if input.is_dir() {
            collect(input, &mut files)?;
        } else if input.exists() {
            files.push(input.to_path_buf());
        } else {
            return Err(Error::Io { path: input.to_path_buf(), source: std::io::ErrorKind::NotFound.into() });
        }
        let sizes: Vec<u64> = files.iter().map(|f| f.metadata().map_or(0, |m| m.len())).collect();
        let mut report = IngestReport { files: files.len() as u64, bytes: sizes.iter().sum(), ..Default::default() };
        progress(&IngestEvent::Found { files: report.files, bytes: report.bytes });
        let parser = Parser::new(opts.parse);
        let batch = opts.batch_pages.max(1);
        // Hashes of the stored pages, to skip unchanged pages before parsing.
        let known = store::page_hashes(&self.db)?;
        let docs_before = self.reader.searcher().num_docs();
        // A bulk ingest (at least as many input files as stored pages) does
        // not merge in the background after every commit, which merged each
        // document several times (see `compact_index`).
        let bulk = report.files >= store::count(&self.db, "SELECT count(*) FROM pages")?;
        if bulk {
            self.writer()?.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        }
        let files = &files;
        let sizes = &sizes;
        // Pages are read, hashed and parsed in parallel (rayon) one batch
        // ahead of the writer, which stores each batch in one SQLite
        // transaction, then updates and commits the index and marks the
        // batch's issues clean.
        // Article JSON is compressed with the store's dictionary; when it
        // has none (or one trained on little text), one is trained on the
        // batch and stored in the batch's transaction.
        let mut dict = store::current_dict(&self.db)?;
        std::thread::scope(|scope| -> Result<IngestReport> {
            type Batch = (Vec<Prepared>, Option<Arc<store::Dict>>);
            let (send, recv) = std::sync::mpsc::sync_channel::<Batch>(1);
            let parser = &parser;
            let known = &known;
            scope.spawn(move || {
                for chunk in files.chunks(batch) {
                    // While the batch may still train a dictionary (the
                    // first of a new archive), its articles are compressed
                    // once, after, instead of once without and again with it.
                    let may_train = store::should_train(dict.as_deref(), usize::MAX);
                    let pack_with = if may_train { None } else { Some(dict.as_deref()) };
                    let mut prepared: Vec<Prepared> =
                        chunk.par_iter().map(|path| read_and_prepare(parser, known, path, pack_with)).collect();
                    let mut new_dict = None;
                    fn plain(p: &Prepared) -> Vec<&[u8]> {
                        match p {
                            Prepared::Page(r) => r.packed.plain.iter().map(Vec::as_slice).collect(),
                            _ => Vec::new(),
                        }
                    }
                    let batch_bytes: usize = prepared.iter().flat_map(plain).map(<[u8]>::len).sum();
                    if store::should_train(dict.as_deref(), batch_bytes) {
                        let samples = prepared.iter().flat_map(plain);
                        if let Some(d) = store::train_dict(samples) {
                            dict = Some(d.clone());
                            new_dict = Some(d);
                        }
                    }
                    if may_train || new_dict.is_some() {
                        let d = dict.as_deref();
                        prepared.par_iter_mut().for_each(|p| {
                            if let Prepared::Page(r) = p {
                                r.packed.repack(d);
                            }
                        });
                    }
                    for p in &mut prepared {
                        if let Prepared::Page(r) = p {
                            r.packed.plain = Vec::new();
                        }
                    }
                    if send.send((prepared, new_dict)).is_err() {
                        break;
                    }
                }
            });
            let mut pending: BTreeSet<i64> = BTreeSet::new();
            let mut dups = store::DupCache::default();
            let (mut staged_bytes, mut staged_batches) = (0u64, 0usize);
            for (ci, (prepared, new_dict)) in recv.into_iter().enumerate() {
                let chunk = &files[ci * batch..(ci * batch + prepared.len())];
                let sizes = &sizes[ci * batch..(ci * batch + prepared.len())];
                let mut outcomes: Vec<(PageOutcome, Option<String>)> =
                    vec![(PageOutcome::Unchanged, None); chunk.len()];
                let mut recs: Vec<PageRecord> = Vec::new();
                let mut rec_idx: Vec<usize> = Vec::new();
                let mut seen: HashSet<PageKey> = HashSet::new();
                for (k, r) in prepared.into_iter().enumerate() {
                    match r {
                        Prepared::Unchanged => {}
                        Prepared::Failed(e) => outcomes[k] = (PageOutcome::Failed, Some(e)),
                        Prepared::Page(rec) => {
                            if store::page_hash(&self.db, &rec.key)?.as_deref() == Some(rec.hash.as_str()) {
                                continue;
                            }
                            if !seen.insert(rec.key.clone()) {
                                // Two files for the same page in one batch: the later one wins.
                                if let Some(pos) = recs.iter().position(|r| r.key == rec.key) {
                                    recs.remove(pos);
                                    let old = rec_idx.remove(pos);
                                    outcomes[old] = (PageOutcome::Replaced, None);
                                }
                            }
                            recs.push(*rec);
                            rec_idx.push(k);
                        }
                    }
                }
                let (replaced, issues) = self.store_batch(&recs, new_dict.as_deref(), &mut dups)?;
                // Index documents are built from the batch's parsed
                // articles (other parts of its issues from the store). They
                // are handed to the indexing threads now and committed every
                // few batches: the issues stay marked "to index" in the store
                // until then, so a kill loses nothing (the next open indexes
                // them again), and the writer does not wait for tantivy.
                self.stage_issues(&issues, &known_articles(&recs))?;
                pending.extend(issues);
                staged_bytes += sizes.iter().sum::<u64>();
                staged_batches += 1;
                if staged_bytes >= COMMIT_BYTES || staged_batches >= COMMIT_BATCHES {
                    self.commit_index(&std::mem::take(&mut pending).into_iter().collect::<Vec<_>>())?;
                    staged_bytes = 0;
                    staged_batches = 0;
                }
                drop(recs);
                for (i, k) in rec_idx.iter().enumerate() {
                    outcomes[*k] = (if replaced[i] { PageOutcome::Replaced } else { PageOutcome::Added }, None);
                }
                for (k, (outcome, error)) in outcomes.into_iter().enumerate() {
                    match outcome {
                        PageOutcome::Added => report.added += 1,
                        PageOutcome::Replaced => report.replaced += 1,
                        PageOutcome::Unchanged => report.unchanged += 1,
                        PageOutcome::Failed => {
                            report.failed.push((chunk[k].display().to_string(), error.clone().unwrap_or_default()))
                        }
                    }
                    progress(&IngestEvent::Page { path: chunk[k].clone(), bytes: sizes[k], outcome, error });
                }
            }
            self.commit_index(&pending.into_iter().collect::<Vec<_>>())?;
            Ok(report)
        })
        .and_then(|report| {
            if report.added + report.replaced > 0 || bulk {
                self.compact_index(docs_before, bulk)?;
            }
            Ok(report)
        })
    }

    /// After an ingest, wait for background merges. A bulk ingest (no
    /// merges while it ran; rare commits and a big memory budget, so a few
    /// big segments) leaves its segments as they are
    /// unless there are more than [`MAX_SEGMENTS`]: a final merge would read
    /// and write the whole index again on one core, for about 5% of its
    /// size. Then, or after an ingest that more than doubled the index, the
    /// index is merged into one segment. Merges are atomic in tantivy, so a
    /// kill leaves the segments as they were.
    fn compact_index(&mut self, docs_before: u64, bulk: bool) -> Result<()> {
        if let Some(w) = self.writer.take() {
            w.wait_merging_threads()?;
        }
        let searcher = self.reader.searcher();
        let segments = searcher.segment_readers().len();
        let merge = if bulk { segments > MAX_SEGMENTS } else { segments > 1 && searcher.num_docs() >= 2 * docs_before };
        if !merge {
            return Ok(());
        }
        let ids = self.index.searchable_segment_ids()?;
        let w = self.writer()?;
        w.merge(&ids).wait()?;
        if let Some(w) = self.writer.take() {
            w.wait_merging_threads()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Finish background merges of the index and close it.
    pub fn close(mut self) -> Result<()> {
        if let Some(w) = self.writer.take() {
            w.wait_merging_threads()?;
        }
        Ok(())
    }

    fn story_ref(&self, row: &store::StoryRow) -> ArticleRef {
        ArticleRef {
            key: row.key.clone(),
            paper: row.paper.clone(),
            date: row.date.clone(),
            pages: row.pages.clone(),
            agency: row.agency.clone(),
            headline: row.headline.clone(),
        }
    }

    /// The search threads (one per core, up to 4), started on first use.
    fn search_threads(&self) -> Option<&Executor> {
        self.search_threads
            .get_or_init(|| {
                let n = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
                (n > 1).then(|| Executor::multi_thread(n, "baokan-search-").ok()).flatten()
            })
            .as_ref()
    }

    /// Search the archive.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let expr = query::parse(&req.query)?;
        let mut b = Builder {
            fields: &self.fields,
            jieba: &self.jieba,
            needles: Default::default(),
            boosts: Vec::new(),
            bigrams: self.bigrams.clone(),
        };
        let main = b.build(&expr, true);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        clauses.extend(std::mem::take(&mut b.boosts));
        clauses.extend(query::filter_clauses(&self.fields, &req.filters)?);
        let q = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        self.bigrams.retain(&searcher);
        let want = req.offset + req.limit;
        let fetch = if req.collapse { want * 3 + 10 } else { want }.max(1);
        let mut fc = FacetCollector::for_field("facets");
        for f in ["/paper", "/month", "/page", "/agency"] {
            fc.add_facet(f);
        }
        let parallel = searcher.num_docs() >= self.parallel_search_docs && searcher.segment_readers().len() > 1;
        let threads = if parallel { self.search_threads() } else { None };
        let run = Run { searcher: &searcher, query: &q, threads };
        let (top, total, facet_counts): (Vec<(f32, DocAddress)>, usize, Option<tantivy::collector::FacetCounts>) =
            match (req.sort, req.facets) {
                (SortOrder::Relevance, true) => {
                    let (t, c, f) = run.search(&(TopDocs::with_limit(fetch).order_by_score(), Count, fc))?;
                    (t, c, Some(f))
                }
                (SortOrder::Relevance, false) => {
                    let (t, c) = run.search(&(TopDocs::with_limit(fetch).order_by_score(), Count))?;
                    (t, c, None)
                }
                (order, facets) => {
                    let ord = if order == SortOrder::Newest { Order::Desc } else { Order::Asc };
                    let tc = TopDocs::with_limit(fetch).order_by_fast_field::<u64>("date", ord);
                    if facets {
                        let (t, c, f) = run.search(&(tc, Count, fc))?;
                        (t.into_iter().map(|(_, a)| (0.0, a)).collect(), c, Some(f))
                    } else {
                        let (t, c) = run.search(&(tc, Count))?;
                        (t.into_iter().map(|(_, a)| (0.0, a)).collect(), c, None)
                    }
                }
            };
        // One read transaction for the whole search, begun when the store
        // is first read: one snapshot, and one lock of the store instead of
        // one per statement.
        let mut read = None;
        let mut hits: Vec<Hit> = Vec::new();
        let mut groups: HashMap<String, usize> = HashMap::new();
        for (score, addr) in top {
            if hits.len() >= want {
                break;
            }
            // The stored key and hit data (the doc store caches its blocks;
            // the `key` fast field's dictionary decompresses a block per
            // lookup).
            let doc: TantivyDocument = searcher.doc(addr)?;
            let Some(key) = doc.get_first(self.fields.key).and_then(|v| v.as_str()) else {
                continue;
            };
            let data = self
                .fields
                .hit
                .and_then(|f| doc.get_first(f))
                .and_then(|v| v.as_str())
                .and_then(|j| serde_json::from_str::<index::HitData>(j).ok());
            // A story that is not wire copy is its own near-duplicate
            // group; wire copy reads its group by row id (falling back on
            // the key when the story was linked again since it was indexed).
            let group = match &data {
                Some(h) if !h.wire => Some(key.to_string()),
                Some(h) => {
                    if read.is_none() {
                        read = Some(self.db.unchecked_transaction()?);
                    }
                    store::dup_group_by_id(&self.db, h.id, key)?
                }
                None => None,
            };
            let row = match (data, group) {
                (Some(h), Some(dup_group)) => store::StoryRow {
                    key: key.to_string(),
                    issue_id: 0,
                    paper: h.paper.into_owned(),
                    date: h.date.into_owned(),
                    pages: h.pages.into_iter().map(Cow::into_owned).collect(),
                    headline: h.headline.map(Cow::into_owned),
                    agency: h.agency.map(Cow::into_owned),
                    dup_group,
                    wire: h.wire,
                },
                _ => {
                    if read.is_none() {
                        read = Some(self.db.unchecked_transaction()?);
                    }
                    let Some(row) = store::story_by_key(&self.db, key)? else {
                        continue;
                    };
                    row
                }
            };
            if req.collapse {
                if let Some(&h) = groups.get(&row.dup_group) {
                    if !hits[h].duplicates.contains(&row.key) {
                        hits[h].duplicates.push(row.key.clone());
                    }
                    continue;
                }
                groups.insert(row.dup_group.clone(), hits.len());
            }
            let mut hit = Hit {
                article: self.story_ref(&row),
                score,
                headline: Snippet::default(),
                snippet: Snippet::default(),
                duplicates: Vec::new(),
            };
            // Only wire copy has near-duplicates.
            if row.wire && hits.len() >= req.offset {
                hit.duplicates = store::duplicates(&self.db, &row.dup_group, &row.key)?;
            }
            hits.push(hit);
        }
        let mut out: Vec<Hit> = hits.into_iter().skip(req.offset).collect();
        let _read = match read {
            None if req.snippets && !out.is_empty() => Some(self.db.unchecked_transaction()?),
            r => r,
        };
        for h in &mut out {
            // Duplicates met while collapsing come first; the group's others follow.
            let mut seen = HashSet::new();
            h.duplicates.retain(|d| seen.insert(d.clone()));
            if req.snippets {
                let body = store::story_text(&self.db, &h.article.key)?;
                h.snippet = query::snippet(&body, &b.needles.body, 120);
                let head = h.article.headline.as_deref().unwrap_or_default();
                h.headline = query::snippet(head, &b.needles.headline, 200);
            }
        }
        let facets = facet_counts.map(|fc| {
            let get = |p: &str| -> Vec<FacetCount> {
                let mut v: Vec<FacetCount> = fc
                    .get(p)
                    .map(|(f, c)| FacetCount {
                        value: f.to_path().last().map_or(String::new(), |s| s.to_string()),
                        count: c,
                    })
                    .collect();
                v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                v
            };
            let mut month = get("/month");
            month.sort_by(|a, b| a.value.cmp(&b.value));
            Facets { paper: get("/paper"), month, page: get("/page"), agency: get("/agency") }
        });
        Ok(SearchResults { total, hits: out, facets })
    }

    /// A logical article by its archive id or the id of any of its parts.
    pub fn article(&self, key: &str) -> Result<Option<StoryView>> {
        let Some(row) = store::story(&self.db, key)? else {
            return Ok(None);
        };
        let parts = store::story_parts(&self.db, &row.key)?;
        let keys = store::part_keys(&self.db, &row.key)?;
        let (see_also, teased_by) = store::links(&self.db, &keys)?;
        let duplicates = store::duplicates(&self.db, &row.dup_group, &row.key)?;
        Ok(Some(StoryView { article: self.story_ref(&row), parts, see_also, teased_by, duplicates }))
    }

    /// Every logical article, in archive order (date, paper, page, position).
    pub fn export(&self, sink: &mut dyn FnMut(&StoryView) -> Result<()>) -> Result<u64> {
        let mut n = 0;
        for row in store::all_stories(&self.db)? {
            if let Some(v) = self.article(&row.key)? {
                sink(&v)?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// The stored raw input of a page (`paper/date/page`).
    pub fn raw_page(&self, paper: &str, date: &str, page: &str) -> Result<Option<Vec<u8>>> {
        use rusqlite::OptionalExtension;
        self.db
            .query_row(
                "SELECT pages.raw, pages.id FROM pages JOIN issues ON issues.id = pages.issue_id \
                 JOIN papers ON papers.id = issues.paper_id WHERE papers.name = ?1 AND issues.date = ?2 AND pages.label = ?3",
                rusqlite::params![paper, date, page],
                |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?)),
            )
            .optional()?
            .map(|(b, id)| store::page_raw(&self.db, id, &b))
            .transpose()
    }

    /// Archive-wide counts and sizes.
    pub fn stats(&self) -> Result<Stats> {
        let c = |sql: &str| store::count(&self.db, sql);
        Ok(Stats {
            papers: c("SELECT count(*) FROM papers")?,
            issues: c("SELECT count(*) FROM issues")?,
            pages: c("SELECT count(*) FROM pages")?,
            articles: c("SELECT count(*) FROM articles")?,
            stories: c("SELECT count(*) FROM stories")?,
            continued: c("SELECT count(*) FROM stories WHERE parts > 1")?,
            see_also: c("SELECT count(*) FROM links WHERE kind = 'see_also'")?,
            duplicate_groups: c(
                "SELECT count(*) FROM (SELECT dup_group FROM stories GROUP BY dup_group HAVING count(*) > 1)",
            )?,
            repairs: c("SELECT count(*) FROM repairs")?,
            raw_bytes: self.raw_bytes()?,
            store_bytes: ["archive.sqlite", "archive.sqlite-wal"].iter().map(|f| file_size(&self.dir.join(f))).sum(),
            index_bytes: dir_size(&self.dir.join(INDEX_DIR)),
            index_docs: self.reader.searcher().num_docs(),
        })
    }

    fn raw_bytes(&self) -> Result<u64> {
        let mut st = self.db.prepare("SELECT raw FROM pages")?;
        let mut q = st.query([])?;
        let mut n = 0u64;
        while let Some(r) = q.next()? {
            let b: Vec<u8> = r.get(0)?;
            n += zstd::zstd_safe::get_frame_content_size(&b).ok().flatten().unwrap_or(b.len() as u64);
        }
        Ok(n)
    }

    /// Verify that store and index agree: every stored article indexed once,
    /// every indexed document stored, raw pages intact. With `repair`, fix
    /// what can be fixed (index documents are rebuilt from the store) and
    /// check again.
    pub fn check(&mut self, repair: bool) -> Result<CheckReport> {
        let mut report = self.check_once()?;
        if repair && !report.problems.is_empty() {
            let mut issues: BTreeSet<i64> = BTreeSet::new();
            let mut relink: BTreeSet<i64> = BTreeSet::new();
            let mut orphans = Vec::new();
            for p in &report.problems {
                match p {
                    Problem::NotIndexed { key } | Problem::IndexedTwice { key, .. } => {
                        if let Some(r) = store::story(&self.db, key)? {
                            issues.insert(r.issue_id);
                        }
                    }
                    Problem::Orphan { key } => orphans.push(key.clone()),
                    Problem::Unlinked { key } => {
                        let id: Option<i64> = {
                            use rusqlite::OptionalExtension;
                            self.db
                                .query_row(
                                    "SELECT pages.issue_id FROM articles JOIN pages ON pages.id = articles.page_id WHERE articles.key = ?1",
                                    [key],
                                    |r| r.get(0),
                                )
                                .optional()?
                        };
                        relink.extend(id);
                    }
                    _ => {}
                }
            }
            issues.extend(store::dirty_issues(&self.db)?);
            if !relink.is_empty() {
                let tx = self.db.transaction()?;
                let mut dups = store::DupCache::default();
                store::relink_issues(&tx, relink.iter().copied(), &HashMap::new(), &HashMap::new(), &mut dups)?;
                tx.commit()?;
                issues.extend(relink);
            }
            let key_field = self.fields.key;
            if !orphans.is_empty() {
                let w = self.writer()?;
                for k in &orphans {
                    w.delete_term(Term::from_field_text(key_field, k));
                }
            }
            // Documents of a stored story may also sit under a stale issue term.
            let dupes: Vec<String> = report
                .problems
                .iter()
                .filter_map(|p| match p {
                    Problem::IndexedTwice { key, .. } => Some(key.clone()),
                    _ => None,
                })
                .collect();
            if !dupes.is_empty() {
                let w = self.writer()?;
                for k in &dupes {
                    w.delete_term(Term::from_field_text(key_field, k));
                }
            }
            let issues: Vec<i64> = issues.into_iter().collect();
            if issues.is_empty() {
                self.writer()?.commit()?;
                self.reader.reload()?;
            } else {
                self.index_issues(&issues, &HashMap::new())?;
            }
            report = self.check_once()?;
            report.repaired = true;
        }
        Ok(report)
    }

    fn check_once(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let msg: String = self.db.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if msg != "ok" {
            problems.push(Problem::StoreIntegrity { message: msg });
        }
        for page in store::bad_hashes(&self.db)? {
            problems.push(Problem::PageHash { page });
        }
        {
            let mut st = self
                .db
                .prepare("SELECT key FROM articles WHERE story IS NULL OR story NOT IN (SELECT key FROM stories)")?;
            for k in st.query_map([], |r| r.get::<_, String>(0))? {
                problems.push(Problem::Unlinked { key: k? });
            }
        }
        for i in store::dirty_issues(&self.db)? {
            problems.push(Problem::Pending { issue: store::issue_term(&self.db, i)? });
        }
        // Count index documents per key.
        let searcher = self.reader.searcher();
        let mut counts: HashMap<String, u64> = HashMap::new();
        let mut docs = 0u64;
        for seg in searcher.segment_readers() {
            let Some(col) = seg.fast_fields().str("key")? else {
                continue;
            };
            let alive = seg.alive_bitset();
            let mut buf = String::new();
            for d in 0..seg.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(d)) {
                    continue;
                }
                docs += 1;
                for ord in col.term_ords(d) {
                    buf.clear();
                    col.ord_to_str(ord, &mut buf).map_err(|e| Error::Internal(e.to_string()))?;
                    *counts.entry(buf.clone()).or_default() += 1;
                }
            }
        }
        let stories = store::all_stories(&self.db)?;
        let mut stored: HashSet<&str> = HashSet::with_capacity(stories.len());
        for s in &stories {
            stored.insert(&s.key);
            match counts.get(&s.key).copied().unwrap_or(0) {
                0 => problems.push(Problem::NotIndexed { key: s.key.clone() }),
                1 => {}
                n => problems.push(Problem::IndexedTwice { key: s.key.clone(), count: n }),
            }
        }
        let mut orphans: Vec<&String> = counts.keys().filter(|k| !stored.contains(String::as_str(k))).collect();
        orphans.sort();
        for k in orphans {
            problems.push(Problem::Orphan { key: k.clone() });
        }
        Ok(CheckReport { stories: stories.len() as u64, index_docs: docs, problems, repaired: false })
    }
}

/// One search over the segments of a searcher, on the calling thread or in
/// parallel.
struct Run<'a> {
    searcher: &'a tantivy::Searcher,
    query: &'a dyn Query,
    threads: Option<&'a Executor>,
}

impl Run<'_> {
    fn search<C: tantivy::collector::Collector>(&self, collector: &C) -> tantivy::Result<C::Fruit> {
        let Some(threads) = self.threads else {
            return self.searcher.search(self.query, collector);
        };
        let scoring = if collector.requires_scoring() {
            tantivy::query::EnableScoring::enabled_from_searcher(self.searcher)
        } else {
            tantivy::query::EnableScoring::disabled_from_searcher(self.searcher)
        };
        self.searcher.search_with_executor(self.query, collector, threads, scoring)
    }
}

/// The parsed articles of a batch, by key.
fn known_articles(recs: &[PageRecord]) -> HashMap<&str, &Article> {
    recs.iter().flat_map(|r| r.page.articles.iter().map(|a| (a.id.as_str(), a))).collect()
}

fn file_size(p: &Path) -> u64 {
    p.metadata().map_or(0, |m| m.len())
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p).map_or(0, |rd| {
        rd.filter_map(|e| e.ok())
            .map(|e| {
                let path = e.path();
                if path.is_dir() {
                    dir_size(&path)
                } else {
                    file_size(&path)
                }
            })
            .sum()
    })
}

fn is_json(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(io(dir))?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("json")) {
            out.push(p);
        }
    }
    Ok(())
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-') || (b.len() == 8 && b.iter().all(u8::is_ascii_digit))
}

/// Page metadata from a path: the file name as `baokan parse` reads it, or
/// the layout `PAPER/YYYY-MM-DD/PAGE.txt`.
pub(crate) fn path_meta(path: &Path) -> PageMeta {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let meta = PageMeta::from_file_name(&name);
    if meta.date.is_some() {
        return meta;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parent = abs.parent();
    let date = parent.and_then(|p| p.file_name()).map(|s| s.to_string_lossy().to_string());
    let paper = parent.and_then(|p| p.parent()).and_then(|p| p.file_name()).map(|s| s.to_string_lossy().to_string());
    if let (Some(date), Some(paper)) = (date, paper) {
        if looks_like_date(&date) {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            let mut m = PageMeta::from_file_name(&format!("{paper}-{date}-{stem}.txt"));
            m.source = Some(name);
            return m;
        }
    }
    meta
}

fn complete_key(meta: &PageMeta) -> Option<PageKey> {
    Some(PageKey { paper: meta.paper.clone()?, date: meta.date.clone()?, label: meta.page.clone()? })
}

/// One input file, read and parsed.
enum Prepared {
    /// Stored already with the same content.
    Unchanged,
    /// Could not be read or parsed.
    Failed(String),
    /// Ready to store.
    Page(Box<PageRecord>),
}

/// Read a file, skip it when the store has it unchanged (when its name says
/// which page it is), else parse it.
fn read_and_prepare(
    parser: &Parser,
    known: &HashMap<PageKey, String>,
    path: &Path,
    dict: Option<Option<&store::Dict>>,
) -> Prepared {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Prepared::Failed(e.to_string()),
    };
    let meta = path_meta(path);
    if let Some(key) = complete_key(&meta) {
        if !is_json(path) {
            if let Some(h) = known.get(&key) {
                if *h == content_hash(&bytes) {
                    return Prepared::Unchanged;
                }
            }
        }
    }
    match prepare(parser, &path.display().to_string(), meta, bytes, dict) {
        Ok(r) => Prepared::Page(Box::new(r)),
        Err(e) => Prepared::Failed(e),
    }
}

/// Read one input page into a record for the store. Its articles are
/// compressed with `dict` (`Some(None)`: without one), or not yet (`None`:
/// see [`store::Packed::of`]).
fn prepare(
    parser: &Parser,
    name: &str,
    meta: PageMeta,
    bytes: Vec<u8>,
    dict: Option<Option<&store::Dict>>,
) -> std::result::Result<PageRecord, String> {
    let json = name.to_ascii_lowercase().ends_with(".json");
    let hash = content_hash(&bytes);
    let page: Page = if json {
        let mut p: Page = serde_json::from_slice(&bytes).map_err(|e| format!("{name}: not page JSON: {e}"))?;
        p.paper = p.paper.or(meta.paper.clone());
        p.date = p.date.or(meta.date.clone());
        p.page = p.page.or(meta.page.clone());
        p
    } else {
        parser.parse_bytes(&bytes, &meta).map_err(|e| format!("{name}: not a page dump: {e}"))?
    };
    let key = PageKey {
        paper: page.paper.clone().or(meta.paper.clone()).unwrap_or_else(|| "-".into()),
        date: page.date.clone().or(meta.date.clone()).unwrap_or_else(|| "-".into()),
        label: page.page.clone().or(meta.page.clone()).unwrap_or_else(|| "-".into()),
    };
    let mut page = page;
    for (i, a) in page.articles.iter_mut().enumerate() {
        a.id = store::article_key(&key, i + 1);
    }
    let packed = store::Packed::of(&bytes, &page, dict)?;
    let sigs = store::article_sigs(&key.paper, &page);
    Ok(PageRecord {
        key,
        source: page.source.clone().or(meta.source),
        format: if json { "json" } else { "txt" },
        hash,
        page,
        packed,
        sigs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCES: [&str; 8] = [
        "市委常委会召开会议研究部署当前重点工作",
        "全市上下要坚定信心迎难而上确保完成全年目标任务",
        "农业农村部有关负责人表示各地抓住农时组织农机手跨区作业",
        "推动制造业高质量发展加快建设现代化产业体系",
        "各级各部门要压实责任强化督查狠抓落实",
        "持续优化营商环境激发市场主体活力",
        "加强生态环境保护守住绿水青山",
        "切实保障和改善民生办好群众身边的实事",
    ];

    /// `n` deterministic pages of varied text, 10 to an issue.
    fn write_pages(dir: &Path, n: usize) -> Vec<(PathBuf, Vec<u8>)> {
        let mut seed = 11u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut out = Vec::new();
        for i in 0..n {
            let d = dir.join("株洲日报").join(format!("2021-03-{:02}", 1 + i / 10));
            std::fs::create_dir_all(&d).unwrap();
            let mut text = String::new();
            for a in 0..3 {
                text.push_str(&format!("第{i}版第{a}篇{}\n\n株洲日报讯 ", SENTENCES[next() % 8]));
                for _ in 0..4 {
                    for _ in 0..6 {
                        text.push_str(SENTENCES[next() % 8]);
                        text.push_str(&format!("，完成任务的{}%。", next() % 100));
                    }
                    text.push_str("\n\n");
                }
            }
            let path = d.join(format!("A{}.txt", i % 10 + 1));
            std::fs::write(&path, &text).unwrap();
            out.push((path, text.into_bytes()));
        }
        out
    }

    /// Every hit of a search that matches every story, uncollapsed.
    fn all_hits(a: &Archive) -> Vec<Hit> {
        let req = SearchRequest { limit: 10_000, collapse: false, ..SearchRequest::new("完成任务") };
        let found = a.search(&req).unwrap();
        assert_eq!(found.hits.len(), found.total);
        found.hits
    }

    #[test]
    fn a_parallel_search_finds_what_a_serial_one_does() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("pages");
        write_pages(&input, 30);
        let mut a = Archive::create(tmp.path().join("a.archive")).unwrap();
        // Two ingests of different pages: two commits, several segments.
        let (first, second) = (input.join("株洲日报/2021-03-01"), input.join("株洲日报/2021-03-02"));
        for dir in [&first, &second] {
            a.ingest_path(dir, &IngestOptions { batch_pages: 3, ..Default::default() }, &mut |_| {}).unwrap();
        }
        assert!(a.reader.searcher().segment_readers().len() > 1);
        for query in ["完成任务", "\"农机手跨区\"", "绿水青山 OR 营商环境", "-市委 全年"] {
            for (sort, facets) in
                [(SortOrder::Relevance, false), (SortOrder::Relevance, true), (SortOrder::Newest, true)]
            {
                let req = SearchRequest { sort, facets, limit: 7, ..SearchRequest::new(query) };
                a.parallel_search_docs = u64::MAX;
                let serial = a.search(&req).unwrap();
                a.parallel_search_docs = 0;
                let parallel = a.search(&req).unwrap();
                assert!(serial.total > 0, "{query}");
                assert_eq!(serial.total, parallel.total, "{query}");
                assert_eq!(serial.facets, parallel.facets, "{query}");
                let keys = |r: &SearchResults| r.hits.iter().map(|h| h.article.key.clone()).collect::<Vec<_>>();
                assert_eq!(keys(&serial), keys(&parallel), "{query}");
            }
        }
        assert!(a.search_threads.get().is_some());
    }

    #[test]
    fn hits_read_from_the_index_match_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("pages");
        write_pages(&input, 20);
        let mut a = Archive::create(tmp.path().join("a.archive")).unwrap();
        a.ingest_path(&input, &IngestOptions { batch_pages: 7, ..Default::default() }, &mut |_| {}).unwrap();
        assert!(a.fields.hit.is_some());
        let hits = all_hits(&a);
        assert_eq!(hits.len() as u64, store::count(&a.db, "SELECT count(*) FROM stories").unwrap());
        for h in &hits {
            let row = store::story_by_key(&a.db, &h.article.key).unwrap().unwrap();
            assert!(!row.wire);
            assert_eq!(h.article, a.story_ref(&row));
            assert!(h.article.headline.is_some());
        }
        // Wire copy reads its group by row id, checked against the key.
        let (id, key): (i64, String) =
            a.db.query_row("SELECT id, key FROM stories ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
        assert_eq!(store::dup_group_by_id(&a.db, id, &key).unwrap().as_deref(), Some(key.as_str()));
        assert_eq!(store::dup_group_by_id(&a.db, id + 1, &key).unwrap(), None);
    }

    #[test]
    fn an_index_without_hit_data_is_searched_through_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("pages");
        write_pages(&input, 20);
        // An index as written before hits were stored in it.
        let dir = tmp.path().join("a.archive");
        std::fs::create_dir_all(dir.join(INDEX_DIR)).unwrap();
        Index::builder()
            .schema(index::schema_with(false))
            .register_plugin(Arc::new(crate::bigram::BigramPlugin))
            .create_in_dir(dir.join(INDEX_DIR))
            .unwrap();
        let mut old = Archive::create(&dir).unwrap();
        assert!(old.fields.hit.is_none());
        let opts = IngestOptions { batch_pages: 7, ..Default::default() };
        old.ingest_path(&input, &opts, &mut |_| {}).unwrap();
        let mut new = Archive::create(tmp.path().join("b.archive")).unwrap();
        new.ingest_path(&input, &opts, &mut |_| {}).unwrap();
        let key = |h: &Hit| h.article.key.clone();
        let (mut x, mut y) = (all_hits(&old), all_hits(&new));
        x.sort_by_key(key);
        y.sort_by_key(key);
        assert_eq!(x.len(), y.len());
        for (p, q) in x.iter().zip(&y) {
            assert_eq!(p.article, q.article);
        }
        assert!(old.check(false).unwrap().problems.is_empty());
    }

    #[test]
    fn article_dictionary_is_trained_stored_and_used() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("pages");
        let pages = write_pages(&input, 30);
        let dir = tmp.path().join("a.archive");
        let mut a = Archive::create(&dir).unwrap();
        let opts = IngestOptions { batch_pages: 10, ..Default::default() };
        let r = a.ingest_path(&input, &opts, &mut |_| {}).unwrap();
        assert_eq!(r.added, 30);
        let dict = store::current_dict(&a.db).unwrap().expect("a dictionary was trained");
        let ids: Vec<Option<u32>> =
            a.db.prepare("SELECT json FROM articles")
                .unwrap()
                .query_map([], |r| r.get::<_, Vec<u8>>(0))
                .unwrap()
                .map(|b| zstd::zstd_safe::get_dict_id_from_frame(&b.unwrap()).map(|i| i.get()))
                .collect();
        assert_eq!(ids.len(), 90);
        assert!(ids.iter().all(|&i| i == Some(dict.id)), "{ids:?}");
        assert!(a.check(false).unwrap().problems.is_empty());
        a.close().unwrap();

        // Reopened with the dictionary read back from the store.
        store::forget_dicts();
        let a = Archive::open(&dir).unwrap();
        let found = a.search(&SearchRequest::new("农机手")).unwrap();
        assert!(found.total > 0);
        assert!(found.hits[0].snippet.text.contains("农机手"));
        let story = a.article("株洲日报/2021-03-01/A1/1").unwrap().unwrap();
        assert!(story.merged().body.iter().any(|b| b.text.contains("完成任务的")));
        for (path, bytes) in &pages {
            let label = path.file_stem().unwrap().to_str().unwrap();
            let date = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
            assert_eq!(a.raw_page("株洲日报", date, label).unwrap().as_ref(), Some(bytes));
        }

        // Snippets read only the text fields of the stored JSON: the same
        // text as the whole articles give.
        for row in store::all_stories(&a.db).unwrap() {
            let parts = store::story_parts(&a.db, &row.key).unwrap();
            let refs: Vec<&Article> = parts.iter().collect();
            let text = store::story_text(&a.db, &row.key).unwrap();
            assert!(!text.is_empty());
            assert_eq!(text, store::body_text(&refs), "{}", row.key);
        }

        // A second ingest of changed pages uses the stored dictionary.
        let mut a = a;
        std::fs::write(&pages[0].0, "改过的一版\n\n株洲日报讯 加强生态环境保护守住绿水青山。\n").unwrap();
        let r = a.ingest_path(&input, &opts, &mut |_| {}).unwrap();
        assert_eq!((r.replaced, r.unchanged), (1, 29));
        assert_eq!(store::count(&a.db, "SELECT count(*) FROM dicts").unwrap(), 1);
        assert!(a.check(false).unwrap().problems.is_empty());
    }

    /// Wire copy for the near-duplicate tests: the clauses `from..to` of a
    /// long story, each of its own characters, so that stories sharing most
    /// clauses are near copies and others are not.
    fn wire_story(from: usize, to: usize) -> String {
        const HANZI: &str = "国家经济发展建设人民群众工作会议企业市场生产农业科技教育文化卫生城市乡村交通水利能源环境保护改革开放政策法律安全社会服务";
        let pool: Vec<char> = HANZI.chars().collect();
        let mut text = String::from("新华社北京3月1日电 ");
        for c in from..to {
            let mut x = c as u64 + 1;
            for _ in 0..14 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push(pool[(x >> 33) as usize % pool.len()]);
            }
            text.push('。');
        }
        text
    }

    fn dup_groups(a: &Archive) -> Vec<(String, String)> {
        let mut st = a.db.prepare("SELECT key, dup_group FROM stories ORDER BY key").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn near_duplicate_groups_do_not_depend_on_what_the_writer_remembers() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("pages");
        // Stories A (clauses 0..20) and B (6..26) overlap too little to be
        // near copies; C (0..26), a near copy of both, merges their groups.
        // B' (8..28) and B'' (9..29) are near copies of B only, so they must
        // find B in the merged group. The other stories are near copies of A
        // or C, or stories of their own. Pages go in two to a batch: the last issue
        // is relinked again in the batch of its page 9, which comes first
        // in the issue (its stories are stored anew, in another order).
        type WirePage<'a> = (&'a str, &'a str, &'a [(usize, usize)]);
        let pages_of: [WirePage; 7] = [
            ("01", "1", &[(0, 20), (6, 26)]),
            ("01", "2", &[(40, 60), (0, 26)]),
            ("02", "1", &[(8, 28), (70, 90)]),
            ("02", "2", &[(1, 20)]),
            ("03", "10", &[(0, 22)]),
            ("03", "11", &[(41, 60)]),
            ("03", "9", &[(71, 90), (9, 29)]),
        ];
        let mut pages = Vec::new();
        for (day, label, spans) in pages_of {
            let d = input.join("人民日报").join(format!("2021-03-{day}"));
            std::fs::create_dir_all(&d).unwrap();
            let mut text = String::new();
            for (k, &(from, to)) in spans.iter().enumerate() {
                text.push_str(&format!("第{label}版第{k}篇新闻\n\n{}\n\n", wire_story(from, to)));
            }
            let path = d.join(format!("{label}.txt"));
            std::fs::write(&path, &text).unwrap();
            pages.push(path);
        }
        let mut kept = Archive::create(tmp.path().join("kept.archive")).unwrap();
        kept.ingest_path(&input, &IngestOptions { batch_pages: 2, ..Default::default() }, &mut |_| {}).unwrap();
        // The same pages, one ingest each: every lookup reads the store.
        let mut fresh = Archive::create(tmp.path().join("fresh.archive")).unwrap();
        for p in &pages {
            fresh.ingest_path(p, &IngestOptions::default(), &mut |_| {}).unwrap();
        }
        let groups = dup_groups(&kept);
        assert_eq!(groups, dup_groups(&fresh));
        let group = |key: &str| groups.iter().find(|(k, _)| k == key).map(|(_, g)| g.clone()).unwrap();
        let (a, b, c, b2) = (
            "人民日报/2021-03-01/1/1",
            "人民日报/2021-03-01/1/2",
            "人民日报/2021-03-01/2/2",
            "人民日报/2021-03-02/1/1",
        );
        let sig = |key: &str| -> Vec<u32> {
            let m: Vec<u8> =
                kept.db.query_row("SELECT minhash FROM stories WHERE key = ?1", [key], |r| r.get(0)).unwrap();
            crate::link::sig_from_bytes(&m)
        };
        let near = |x: &str, y: &str| crate::link::similarity(&sig(x), &sig(y)) >= crate::link::DUP_THRESHOLD;
        let b3 = "人民日报/2021-03-03/9/2";
        assert!(!near(a, b) && near(a, c) && near(b, c));
        for x in [b2, b3] {
            assert!(near(x, b) && !near(x, c) && !near(x, a), "{x}");
        }
        for y in ["人民日报/2021-03-02/2/1", "人民日报/2021-03-03/10/1"] {
            assert!(near(y, a) && !near(y, b), "{y}");
        }
        assert_eq!((group(b), group(c), group(b2), group(b3)), (group(a), group(a), group(a), group(a)));
        let distinct: HashSet<String> = groups.iter().map(|(_, g)| g.clone()).collect();
        assert_eq!(distinct.len(), 3, "{groups:?}");

        // A page changed while the writer goes on: its issue's stories are
        // deleted and stored again.
        std::fs::write(&pages[1], format!("改过的一版\n\n{}\n", wire_story(70, 89))).unwrap();
        kept.ingest_path(&input, &IngestOptions { batch_pages: 2, ..Default::default() }, &mut |_| {}).unwrap();
        fresh.ingest_path(&pages[1], &IngestOptions::default(), &mut |_| {}).unwrap();
        assert_eq!(dup_groups(&kept), dup_groups(&fresh));
    }
}
