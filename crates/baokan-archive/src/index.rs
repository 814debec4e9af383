//! The tantivy side: schema, tokenizers, and one document per logical article.
//!
//! Headline, body and bylines together are one custom field (`body_g`)
//! that the archive's own segment plugin indexes as overlapping character
//! bigrams with positions ([`crate::bigram`]), so that any substring of two
//! or more characters is an exact match of bigrams at fixed offsets. The
//! headline and the bylines are also tantivy text fields of bigrams
//! (`headline_c`, `byline_c`: the `headline:` and `byline:` scopes, and the
//! headline's weight in ranking), and the headline is indexed as jieba
//! search-mode words (`headline_w`, frequencies only, for ranking). Text is
//! folded first (Traditional to Simplified, full-width to ASCII, lower
//! case), and token offsets are byte offsets into the original UTF-8 text.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, TantivyDocument};

use crate::text::{each_gram, fold};

/// Name of the word tokenizer.
pub(crate) const WORD_TOKENIZER: &str = "baokan_word";
/// Name of the bigram tokenizer.
pub(crate) const BIGRAM_TOKENIZER: &str = "baokan_bigram";

/// The fields of the index.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub key: Field,
    pub issue: Field,
    pub paper: Field,
    pub date: Field,
    pub page: Field,
    pub agency: Field,
    pub facets: Field,
    pub headline_w: Field,
    pub headline_c: Field,
    /// Headline, body and bylines, as bigrams in the segment plugin
    /// ([`crate::bigram`]).
    pub body_g: Field,
    pub byline_c: Field,
    /// What a search hit shows of the story ([`HitData`], JSON), stored so
    /// that a hit needs no store lookup. Indexes written before it lack it.
    pub hit: Option<Field>,
}

pub(crate) fn schema() -> Schema {
    schema_with(true)
}

/// The schema; `hit` adds the stored hit data (see [`Fields::hit`]).
pub(crate) fn schema_with(hit: bool) -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("key", STRING | STORED | FAST);
    if hit {
        b.add_text_field("hit", STORED);
    }
    b.add_text_field("issue", STRING);
    b.add_text_field("paper", STRING | FAST);
    b.add_u64_field("date", INDEXED | FAST);
    b.add_text_field("page", STRING);
    b.add_text_field("agency", STRING);
    b.add_facet_field("facets", FacetOptions::default());
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(WORD_TOKENIZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BIGRAM_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // Bodies have no word field: it was a fifth of the index and much of
    // the indexing time, and body ranking is BM25 over the bigrams.
    b.add_text_field("headline_w", words);
    b.add_text_field("headline_c", grams.clone());
    b.add_custom_field("body_g", crate::bigram::TYPE_NAME, serde_json::json!({}));
    b.add_text_field("byline_c", grams);
    b.build()
}

impl Fields {
    pub(crate) fn of(schema: &Schema) -> Option<Fields> {
        let f = |n: &str| schema.get_field(n).ok();
        Some(Fields {
            key: f("key")?,
            issue: f("issue")?,
            paper: f("paper")?,
            date: f("date")?,
            page: f("page")?,
            agency: f("agency")?,
            facets: f("facets")?,
            headline_w: f("headline_w")?,
            headline_c: f("headline_c")?,
            body_g: crate::bigram::field_of(schema).filter(|b| Some(*b) == f("body_g"))?,
            byline_c: f("byline_c")?,
            hit: f("hit"),
        })
    }
}

/// The jieba segmenter of an archive's word field and of its queries.
#[derive(Clone)]
pub(crate) enum Segmenter {
    /// jieba's bundled dictionary, as baokan-core's parser loads it (once,
    /// shared): an ingest then loads the dictionary once, not twice (about
    /// 0.1–0.15 s before the first page, and its memory).
    Builtin,
    /// The bundled dictionary with the archive's user words.
    Own(Arc<Jieba>),
}

impl std::ops::Deref for Segmenter {
    type Target = Jieba;
    fn deref(&self) -> &Jieba {
        match self {
            Segmenter::Builtin => baokan_core::LanguageModel::builtin().jieba(),
            Segmenter::Own(j) => j,
        }
    }
}

/// jieba search-mode words over folded text, offsets in the original text.
#[derive(Clone)]
pub(crate) struct WordTokenizer {
    pub jieba: Segmenter,
    tokens: Vec<Token>,
}

impl WordTokenizer {
    pub(crate) fn new(jieba: Segmenter) -> Self {
        WordTokenizer { jieba, tokens: Vec::new() }
    }
}

/// Overlapping character bigrams over folded text.
#[derive(Clone, Default)]
pub(crate) struct BigramTokenizer {
    tokens: Vec<Token>,
}

/// A token stream over a prepared vector.
pub(crate) struct VecStream<'a> {
    tokens: &'a mut [Token],
    i: usize,
}

impl TokenStream for VecStream<'_> {
    fn advance(&mut self) -> bool {
        if self.i < self.tokens.len() {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.i - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.i - 1]
    }
}

/// Words of `text` for the word field: (folded word, byte range in `text`).
pub(crate) fn words(jieba: &Jieba, text: &str) -> Vec<(String, usize, usize)> {
    let folded = fold(text);
    // Folding only shortens full-width characters; map offsets back when it did.
    let map: Option<Vec<usize>> = (folded.len() != text.len()).then(|| {
        let mut m = vec![0usize; folded.len() + 1];
        let mut ob = text.char_indices().map(|(b, _)| b);
        for (fb, _) in folded.char_indices() {
            m[fb] = ob.next().unwrap_or(text.len());
        }
        m[folded.len()] = text.len();
        m
    });
    let at = |b: usize| map.as_ref().map_or(b, |m| m[b]);
    jieba
        .cut_for_search(&folded, false)
        .into_iter()
        .filter(|t| t.word.chars().any(crate::text::is_text_char))
        .map(|t| (t.word.to_string(), at(t.byte_start), at(t.byte_end)))
        .collect()
}

/// Set the `i`th token of a reused buffer (its text buffer is reused too).
fn put(tokens: &mut Vec<Token>, i: usize, from: usize, to: usize, position: usize) -> &mut String {
    if i == tokens.len() {
        tokens.push(Token::default());
    }
    let t = &mut tokens[i];
    t.offset_from = from;
    t.offset_to = to;
    t.position = position;
    t.position_length = 1;
    t.text.clear();
    &mut t.text
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream<'a> {
        // Words of one character are never queried in the word fields (the
        // bigram fields find them), so they are not indexed here.
        let mut n = 0;
        for (w, from, to) in words(&self.jieba, text) {
            if w.chars().nth(1).is_none() {
                continue;
            }
            put(&mut self.tokens, n, from, to, n).push_str(&w);
            n += 1;
        }
        VecStream { tokens: &mut self.tokens[..n], i: 0 }
    }
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream<'a> {
        // Same tokens as `text::bigrams`, without an allocation per token.
        let mut n = 0;
        let tokens = &mut self.tokens;
        each_gram(text, |a, b, from, to, position| {
            let t = put(tokens, n, from, to, position);
            t.push(a);
            t.extend(b);
            n += 1;
        });
        VecStream { tokens: &mut self.tokens[..n], i: 0 }
    }
}

/// Register the tokenizers on an index.
pub(crate) fn register(index: &Index, jieba: Segmenter) {
    index.tokenizers().register(WORD_TOKENIZER, WordTokenizer::new(jieba));
    index.tokenizers().register(BIGRAM_TOKENIZER, BigramTokenizer::default());
}

/// Open the index in `dir`, creating it when the folder holds none.
pub(crate) fn open_or_create(dir: &Path) -> tantivy::Result<Index> {
    if dir.join("meta.json").exists() {
        let mut index = Index::open_in_dir(dir)?;
        index.register_plugin(Arc::new(crate::bigram::BigramPlugin));
        Ok(index)
    } else {
        std::fs::create_dir_all(dir)?;
        // Stored documents hold only the key and the hit data (about 200
        // bytes); a search reads one per hit, and small blocks (five or six
        // documents) make that one cheap to decompress: 1 KiB blocks took
        // 6–7% off the median search against 4 KiB, for 0.7% more index.
        let settings = tantivy::IndexSettings { docstore_blocksize: 1024, ..Default::default() };
        Index::builder()
            .schema(schema())
            .settings(settings)
            .register_plugin(Arc::new(crate::bigram::BigramPlugin))
            .create_in_dir(dir)
    }
}

/// What the index holds of one logical article.
#[derive(Debug, Clone, Default)]
pub(crate) struct StoryDoc {
    pub key: String,
    pub issue: String,
    pub paper: String,
    pub date: String,
    pub pages: Vec<String>,
    pub agency: Option<String>,
    pub headline: String,
    pub body: String,
    pub bylines: String,
    /// Whether the story is wire copy with a MinHash signature (it may have
    /// near-duplicates).
    pub wire: bool,
    /// The story's row id in the store.
    pub id: i64,
}

/// What a search hit shows of a story, as the index stores it: the story's
/// row in the store, except its near-duplicate group, which may change
/// without the story being indexed again. A story that is not wire copy is
/// its own group, so its hit needs nothing from the store.
/// (One-letter names: it is stored once per document.)
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct HitData<'a> {
    #[serde(borrow, rename = "p")]
    pub paper: Cow<'a, str>,
    #[serde(borrow, rename = "d")]
    pub date: Cow<'a, str>,
    #[serde(rename = "g")]
    pub pages: Vec<Cow<'a, str>>,
    #[serde(borrow, rename = "h", default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "a", default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Cow<'a, str>>,
    #[serde(rename = "w", default, skip_serializing_if = "std::ops::Not::not")]
    pub wire: bool,
    /// The story's row id in the store (its key is checked against it).
    #[serde(rename = "i", default)]
    pub id: i64,
}

impl StoryDoc {
    fn hit_json(&self) -> String {
        let h = HitData {
            paper: Cow::Borrowed(&self.paper),
            date: Cow::Borrowed(&self.date),
            pages: self.pages.iter().map(|p| Cow::Borrowed(p.as_str())).collect(),
            headline: (!self.headline.is_empty()).then_some(Cow::Borrowed(&self.headline)),
            agency: self.agency.as_deref().map(Cow::Borrowed),
            wire: self.wire,
            id: self.id,
        };
        serde_json::to_string(&h).unwrap_or_default()
    }
}

/// A date `YYYY-MM-DD` as the number YYYYMMDD (0 when unknown).
pub(crate) fn date_number(date: &str) -> u64 {
    let d: String = date.chars().filter(char::is_ascii_digit).collect();
    if d.len() == 8 {
        d.parse().unwrap_or(0)
    } else {
        0
    }
}

pub(crate) fn document(f: &Fields, s: &StoryDoc) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, &s.key);
    if let Some(h) = f.hit {
        d.add_text(h, s.hit_json());
    }
    d.add_text(f.issue, &s.issue);
    d.add_text(f.paper, &s.paper);
    d.add_u64(f.date, date_number(&s.date));
    d.add_facet(f.facets, Facet::from_path(["paper", s.paper.as_str()]));
    let ym = if s.date.len() >= 7 { &s.date[..7] } else { "-" };
    d.add_facet(f.facets, Facet::from_path(["month", ym]));
    for p in &s.pages {
        d.add_text(f.page, p);
        d.add_facet(f.facets, Facet::from_path(["page", p.as_str()]));
    }
    if let Some(a) = &s.agency {
        // (one agency whatever the script it was printed in: 本報 is 本报)
        let a = agency_key(a);
        d.add_text(f.agency, &a);
        d.add_facet(f.facets, Facet::from_path(["agency", a.as_str()]));
    }
    d.add_text(f.headline_w, &s.headline);
    d.add_text(f.headline_c, &s.headline);
    d.add_custom(f.body_g, crate::bigram::value(&s.headline, &s.body, &s.bylines).as_bytes());
    d.add_text(f.byline_c, &s.bylines);
    d
}

/// An agency's name as indexed, filtered and counted: in Simplified characters.
pub(crate) fn agency_key(agency: &str) -> String {
    agency.chars().map(baokan_core::simplified).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigram_tokenizer_matches_bigrams() {
        let mut t = BigramTokenizer::default();
        for text in ["待处理，A", "國家發展ＡＢ１ 中 x 农业银行。", "", "一", "ab cd"] {
            let want = crate::text::bigrams(text);
            let mut got = Vec::new();
            let mut s = t.token_stream(text);
            while s.advance() {
                let k = s.token();
                got.push((k.text.clone(), k.offset_from, k.offset_to, k.position));
            }
            let want: Vec<_> = want.into_iter().map(|p| (p.text, p.from, p.to, p.position)).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
