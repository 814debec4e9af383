//! # baokan-archive
//!
//! A searchable archive of reconstructed Chinese newspaper pages, in one
//! folder: a SQLite store (`archive.sqlite`: papers, issues, pages with their
//! raw input, articles, repairs, links) and a tantivy index (`index/`) beside
//! it. No server.
//!
//! - **Ingest**: page dumps or page JSON go in; pages group into issues by
//!   paper and date; re-ingesting the same content changes nothing, a
//!   changed page replaces its older version, and an interrupted ingest
//!   leaves a consistent archive that the next run completes.
//! - **Linking**: continuations inside an issue (下转A2版 → 上接A1版, or a
//!   repeated title) join into one logical article; teasers (详见B1版) point
//!   to their story; wire copy printed in several papers or issues is grouped
//!   as near-duplicates (MinHash over character shingles).
//! - **Search**: headline, body and bylines are indexed as character
//!   bigrams with positions (by a tantivy segment plugin of the crate's
//!   own, which sorts a segment's tokens instead of hashing each one), so
//!   any substring of two or more characters is found (`处理` finds
//!   `待处理`); headlines are also indexed as jieba search-mode words. Phrases, AND/OR/NOT, `headline:`/`byline:`/
//!   `body:` scopes, filters on paper, date range, page and agency, facets,
//!   Traditional/Simplified folding, and snippets whose highlight offsets
//!   are right in UTF-8 Chinese text.
//!
//! ```
//! use baokan_archive::{Archive, SearchRequest};
//! use baokan_core::ParseOptions;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut archive = Archive::create(dir.path().join("my.archive")).unwrap();
//! let page = "毛腾飞到醴陵包案下访处理信访问题\n\n株洲日报记者 胡文洁\n\n\
//!             株洲日报讯 5月14日，市委书记毛腾飞到醴陵包案下访，要求加快项目建设进度，\
//!             督促有关部门及时处理群众反映的问题。\n";
//! archive.ingest_bytes("zhuzhou-2020-05-15-A1.txt", page.as_bytes(), ParseOptions::default()).unwrap();
//!
//! // A substring of a word, in Traditional characters, still finds it.
//! let found = archive.search(&SearchRequest::new("醴陵 處理")).unwrap();
//! assert_eq!(found.total, 1);
//! let hit = &found.hits[0];
//! assert_eq!(hit.article.key, "株洲日报/2020-05-15/A1/1");
//! let h = hit.snippet.highlights[0];
//! assert_eq!(&hit.snippet.text[h.start..h.end], "醴陵");
//!
//! // The whole article, by id.
//! let story = archive.article("株洲日报/2020-05-15/A1/1").unwrap().unwrap();
//! assert!(story.merged().body[0].text.contains("处理群众反映的问题"));
//! assert!(archive.check(false).unwrap().problems.is_empty());
//! ```
#![deny(missing_docs)]

mod archive;
mod bigram;
mod error;
mod index;
mod link;
mod postings;
mod query;
mod store;
mod text;

pub use archive::{
    Archive, ArticleRef, CheckReport, FacetCount, Facets, Hit, IngestEvent, IngestOptions, IngestReport, IssueKey,
    OpenOptions, PageOutcome, Problem, SearchRequest, SearchResults, SortOrder, Stats, StoryView,
};
pub use error::{Error, Result};
pub use query::{Filters, Highlight, Snippet};
