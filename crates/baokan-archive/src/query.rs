//! Queries: the query language, filters, facets and highlighted snippets.
//!
//! The language: words separated by spaces must all occur (AND); `OR` (or
//! `|`) between terms means either; `NOT term` or `-term` excludes;
//! `"…"` (or `“…”`, `「…」`) is an exact phrase; parentheses group;
//! `headline:`, `byline:` and `body:` scope a term to one field. Every term
//! is matched as a substring of the folded text (phrase queries over
//! character bigrams), so `处理` finds `待处理`. A bare term longer than three
//! characters is first cut into words with jieba, each of which must occur;
//! quote it to require it whole.

use std::ops::Bound;
use std::sync::Arc;

use jieba_rs::Jieba;
use serde::Serialize;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::bigram::{BigramQuery, Pattern, SegmentCache, Zone};

use crate::error::{Error, Result};
use crate::index::{date_number, words, Fields};
use crate::text::{char_starts, fold, runs};

/// Which text a term is searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    All,
    Headline,
    Byline,
    Body,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Term { scope: Scope, text: String, phrase: bool },
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    All,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Or,
    And,
    Not,
    Term { scope: Scope, text: String, phrase: bool },
}

fn scope_of(name: &str) -> Option<Scope> {
    match name.to_ascii_lowercase().as_str() {
        "headline" | "title" | "标题" => Some(Scope::Headline),
        "byline" | "author" | "作者" => Some(Scope::Byline),
        "body" | "text" | "正文" => Some(Scope::Body),
        _ => None,
    }
}

fn is_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        _ => None,
    }
}

fn lex(q: &str) -> Vec<Tok> {
    let cs: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut scope = Scope::All;
    let mut negate_next = false;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() || c == '\u{3000}' {
            i += 1;
            continue;
        }
        if c == '(' || c == '（' {
            out.push(Tok::Open);
            i += 1;
            continue;
        }
        if c == ')' || c == '）' {
            out.push(Tok::Close);
            i += 1;
            continue;
        }
        if let Some(close) = is_quote(c) {
            let start = i + 1;
            let mut j = start;
            while j < cs.len() && cs[j] != close {
                j += 1;
            }
            let text: String = cs[start..j].iter().collect();
            if negate_next {
                out.push(Tok::Not);
                negate_next = false;
            }
            out.push(Tok::Term { scope, text, phrase: true });
            scope = Scope::All;
            i = j + 1;
            continue;
        }
        let start = i;
        while i < cs.len()
            && !cs[i].is_whitespace()
            && cs[i] != '\u{3000}'
            && !matches!(cs[i], '(' | ')' | '（' | '）')
            && is_quote(cs[i]).is_none()
        {
            i += 1;
        }
        let mut word: String = cs[start..i].iter().collect();
        match word.as_str() {
            "OR" | "|" => {
                out.push(Tok::Or);
                continue;
            }
            "AND" | "&" => {
                out.push(Tok::And);
                continue;
            }
            "NOT" => {
                out.push(Tok::Not);
                continue;
            }
            _ => {}
        }
        if let Some(rest) = word.strip_prefix('-') {
            if rest.is_empty() {
                continue;
            }
            word = rest.to_string();
            negate_next = true;
        }
        if let Some((name, rest)) = word.split_once([':', '：']) {
            if let Some(s) = scope_of(name) {
                scope = s;
                word = rest.to_string();
                if word.is_empty() {
                    // headline:"..." — the phrase follows
                    if negate_next {
                        out.push(Tok::Not);
                        negate_next = false;
                    }
                    continue;
                }
            }
        }
        if negate_next {
            out.push(Tok::Not);
            negate_next = false;
        }
        out.push(Tok::Term { scope, text: word, phrase: false });
        scope = Scope::All;
    }
    out
}

struct ParseState {
    toks: Vec<Tok>,
    i: usize,
}

impl ParseState {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }
    fn or(&mut self) -> Result<Expr> {
        let mut v = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.i += 1;
            v.push(self.and()?);
        }
        Ok(if v.len() == 1 { v.pop().unwrap_or(Expr::All) } else { Expr::Or(v) })
    }
    fn and(&mut self) -> Result<Expr> {
        let mut v = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.i += 1;
                    v.push(self.unary()?);
                }
                Some(Tok::Open | Tok::Not | Tok::Term { .. }) => v.push(self.unary()?),
                _ => break,
            }
        }
        Ok(if v.len() == 1 { v.pop().unwrap_or(Expr::All) } else { Expr::And(v) })
    }
    fn unary(&mut self) -> Result<Expr> {
        match self.toks.get(self.i).cloned() {
            Some(Tok::Not) => {
                self.i += 1;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Tok::Open) => {
                self.i += 1;
                let e = self.or()?;
                if self.peek() == Some(&Tok::Close) {
                    self.i += 1;
                }
                Ok(e)
            }
            Some(Tok::Term { scope, text, phrase }) => {
                self.i += 1;
                Ok(Expr::Term { scope, text, phrase })
            }
            Some(t) => Err(Error::Query(format!("unexpected {t:?}"))),
            None => Err(Error::Query("the query ends too early".into())),
        }
    }
}

/// Parse the query language (see the module doc). An empty query matches everything.
pub(crate) fn parse(q: &str) -> Result<Expr> {
    let toks: Vec<Tok> =
        lex(q).into_iter().filter(|t| !matches!(t, Tok::Term { text, .. } if runs(&fold(text)).is_empty())).collect();
    if toks.is_empty() {
        return Ok(Expr::All);
    }
    let mut p = ParseState { toks, i: 0 };
    let e = p.or()?;
    if p.i < p.toks.len() {
        return Err(Error::Query(format!("unexpected {:?}", p.toks[p.i])));
    }
    Ok(e)
}

/// The substrings a bare term stands for: jieba words of a long term, with
/// one-character words joined to a neighbour.
pub(crate) fn pieces(jieba: &Jieba, text: &str, phrase: bool) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    for run in runs(&folded) {
        if phrase || run.chars().count() <= 3 {
            out.push(run);
            continue;
        }
        let mut cur: Vec<String> = Vec::new();
        for t in jieba.cut(&run, false) {
            let w = t.word.to_string();
            match cur.last_mut() {
                Some(last) if w.chars().count() == 1 || last.chars().count() == 1 => last.push_str(&w),
                _ => cur.push(w),
            }
        }
        out.extend(cur);
    }
    out
}

fn substring_query(field: Field, run: &str) -> Box<dyn Query> {
    // The same bigrams as the bigram plugin's searches ([`Pattern`]).
    match Pattern::substring(run) {
        Pattern::Char(c) => {
            // One character: a unigram, or the first or second half of a bigram.
            let pattern = format!("{c}.?|.{c}");
            match RegexQuery::from_pattern(&pattern, field) {
                Ok(q) => Box::new(q),
                Err(_) => {
                    Box::new(TermQuery::new(Term::from_field_text(field, &c.to_string()), IndexRecordOption::WithFreqs))
                }
            }
        }
        Pattern::Grams(g) if g.len() == 1 => {
            Box::new(TermQuery::new(Term::from_field_text(field, &g[0].1), IndexRecordOption::WithFreqs))
        }
        Pattern::Grams(g) if g.is_empty() => Box::new(EmptyQuery),
        Pattern::Grams(g) => Box::new(PhraseQuery::new_with_offset(
            g.iter().map(|(o, t)| (*o as usize, Term::from_field_text(field, t))).collect(),
        )),
    }
}

/// What to highlight: folded substrings, for headlines and for bodies.
#[derive(Debug, Default, Clone)]
pub(crate) struct Needles {
    pub headline: Vec<String>,
    pub body: Vec<String>,
}

/// Builds tantivy queries from parsed ones.
pub(crate) struct Builder<'a> {
    pub fields: &'a Fields,
    pub jieba: &'a Jieba,
    pub needles: Needles,
    pub boosts: Vec<(Occur, Box<dyn Query>)>,
    /// The opened bigram files of the index's segments.
    pub bigrams: Arc<SegmentCache>,
}

impl Builder<'_> {
    /// One exact substring in a scope. Headline, body and bylines are all
    /// in the bigram field ([`crate::bigram`]), so a search of all of them
    /// is one bigram search, with the headline's own field ranking a match
    /// there higher.
    fn run_query(&self, scope: Scope, run: &str) -> Box<dyn Query> {
        let f = self.fields;
        let bigrams = |zone| -> Box<dyn Query> {
            Box::new(BigramQuery::new(f.body_g, Pattern::substring(run), zone, self.bigrams.clone()))
        };
        match scope {
            Scope::All => Box::new(BooleanQuery::new(vec![
                (Occur::Must, bigrams(Zone::All)),
                (Occur::Should, Box::new(BoostQuery::new(substring_query(f.headline_c, run), 3.0))),
            ])),
            Scope::Body => bigrams(Zone::Body),
            Scope::Headline => substring_query(f.headline_c, run),
            Scope::Byline => substring_query(f.byline_c, run),
        }
    }

    pub(crate) fn build(&mut self, e: &Expr, positive: bool) -> Box<dyn Query> {
        match e {
            Expr::All => Box::new(AllQuery),
            Expr::Term { scope, text, phrase } => {
                let pieces = pieces(self.jieba, text, *phrase);
                let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for p in &pieces {
                    let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                    for r in runs(p) {
                        alts.push((Occur::Must, self.run_query(*scope, &r)));
                        if positive {
                            if matches!(scope, Scope::All | Scope::Headline) {
                                self.needles.headline.push(r.clone());
                            }
                            if matches!(scope, Scope::All | Scope::Body) {
                                self.needles.body.push(r.clone());
                            }
                        }
                    }
                    must.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
                    if positive && matches!(scope, Scope::All | Scope::Headline) {
                        for (w, _, _) in words(self.jieba, p) {
                            if w.chars().count() < 2 {
                                continue;
                            }
                            let t = Term::from_field_text(self.fields.headline_w, &w);
                            let q = BoostQuery::new(Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)), 2.0);
                            self.boosts.push((Occur::Should, Box::new(q)));
                        }
                    }
                }
                if must.len() == 1 {
                    must.pop().map(|(_, q)| q).unwrap_or_else(|| Box::new(AllQuery))
                } else {
                    Box::new(BooleanQuery::new(must))
                }
            }
            Expr::And(v) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for x in v {
                    match x {
                        Expr::Not(inner) => clauses.push((Occur::MustNot, self.build(inner, !positive))),
                        _ => clauses.push((Occur::Must, self.build(x, positive))),
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Or(v) => {
                let clauses = v
                    .iter()
                    .map(|x| {
                        let q = self.build(x, positive);
                        (Occur::Should, q)
                    })
                    .collect();
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => {
                let q = self.build(inner, !positive);
                Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, q)]))
            }
        }
    }
}

/// Filters on where and when an article was printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Masthead name (株洲日报).
    pub paper: Option<String>,
    /// First issue date, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last issue date, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Page label (A1); an article matches if any of its parts is on it.
    pub page: Option<String>,
    /// Dateline agency (新华社).
    pub agency: Option<String>,
}

fn valid_date(d: &str) -> Result<u64> {
    let n = date_number(d);
    let ok = d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' && n > 0;
    if ok {
        Ok(n)
    } else {
        Err(Error::Query(format!("a date must be YYYY-MM-DD, not {d:?}")))
    }
}

pub(crate) fn filter_clauses(f: &Fields, filters: &Filters) -> Result<Vec<(Occur, Box<dyn Query>)>> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut term = |field: Field, v: &str| {
        let q = TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic);
        out.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(q), 0.0))));
    };
    if let Some(p) = &filters.paper {
        term(f.paper, p);
    }
    if let Some(p) = &filters.page {
        term(f.page, p);
    }
    if let Some(a) = &filters.agency {
        term(f.agency, &crate::index::agency_key(a));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let lo = match &filters.from {
            Some(d) => Bound::Included(Term::from_field_u64(f.date, valid_date(d)?)),
            None => Bound::Unbounded,
        };
        let hi = match &filters.to {
            Some(d) => Bound::Included(Term::from_field_u64(f.date, valid_date(d)?)),
            None => Bound::Unbounded,
        };
        out.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(RangeQuery::new(lo, hi)), 0.0))));
    }
    Ok(out)
}

/// A highlighted stretch of a snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// Byte offset of the start in [`Snippet::text`].
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Character (code point) offset of the start.
    pub char_start: usize,
    /// Character offset of the end (exclusive).
    pub char_end: usize,
}

/// A piece of text with the matched stretches marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text (ellipses mark where it was cut).
    pub text: String,
    /// The matched stretches, in order, not overlapping.
    pub highlights: Vec<Highlight>,
}

impl Snippet {
    /// The text with each highlight wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut s = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        let mut at = 0;
        for h in &self.highlights {
            s.push_str(&self.text[at..h.start]);
            s.push_str(open);
            s.push_str(&self.text[h.start..h.end]);
            s.push_str(close);
            at = h.end;
        }
        s.push_str(&self.text[at..]);
        s
    }
}

/// A snippet of at most `width` characters of `text` around the densest
/// matches of `needles` (folded substrings).
pub(crate) fn snippet(text: &str, needles: &[String], width: usize) -> Snippet {
    let folded = fold(text);
    let fstarts = char_starts(&folded);
    let ostarts = char_starts(text);
    let n = ostarts.len() - 1;
    let to_char = |b: usize| fstarts.binary_search(&b).unwrap_or_else(|i| i);
    let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // char start, char end, needle
    for (k, nd) in needles.iter().enumerate() {
        if nd.is_empty() {
            continue;
        }
        let len = nd.chars().count();
        for (b, _) in folded.match_indices(nd.as_str()) {
            let s = to_char(b);
            hits.push((s, s + len, k));
        }
    }
    hits.sort();
    let (ws, we) = if n <= width {
        (0, n)
    } else if hits.is_empty() {
        (0, width)
    } else {
        let mut best = (0usize, 0usize, 0usize); // distinct, total, start
        let mut best_key = (0usize, 0usize);
        for &(s, _, _) in &hits {
            let ws = s.saturating_sub(width / 5).min(n - width);
            let inside: Vec<&(usize, usize, usize)> = hits.iter().filter(|h| h.0 >= ws && h.1 <= ws + width).collect();
            let mut ks: Vec<usize> = inside.iter().map(|h| h.2).collect();
            ks.sort_unstable();
            ks.dedup();
            let key = (ks.len(), inside.len());
            if key > best_key {
                best_key = key;
                best = (key.0, key.1, ws);
            }
        }
        (best.2, best.2 + width)
    };
    let mut out = Snippet::default();
    let prefix = if ws > 0 { "…" } else { "" };
    out.text.push_str(prefix);
    out.text.push_str(&text[ostarts[ws]..ostarts[we]].replace(['\n', '\r', '\t'], " "));
    if we < n {
        out.text.push('…');
    }
    let pchars = prefix.chars().count();
    let mut last_end = 0usize;
    for &(s, e, _) in &hits {
        if s < ws || e > we {
            continue;
        }
        let s = s.max(last_end);
        if s >= e {
            continue;
        }
        if let Some(h) = out.highlights.last_mut() {
            if h.char_end - pchars + ws >= s {
                let add_end = e;
                h.end = prefix.len() + ostarts[add_end] - ostarts[ws];
                h.char_end = pchars + add_end - ws;
                last_end = e;
                continue;
            }
        }
        out.highlights.push(Highlight {
            start: prefix.len() + ostarts[s] - ostarts[ws],
            end: prefix.len() + ostarts[e] - ostarts[ws],
            char_start: pchars + s - ws,
            char_end: pchars + e - ws,
        });
        last_end = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_boolean_queries() {
        let e = parse("毛腾飞 醴陵").unwrap();
        assert!(matches!(e, Expr::And(ref v) if v.len() == 2));
        let e = parse("疫情 OR 防控 -北京").unwrap();
        let Expr::Or(v) = e else { panic!("{e:?}") };
        assert!(matches!(&v[1], Expr::And(w) if matches!(w[1], Expr::Not(_))));
        let e = parse("headline:\"常态化疫情防控\"").unwrap();
        assert_eq!(e, Expr::Term { scope: Scope::Headline, text: "常态化疫情防控".into(), phrase: true });
        assert_eq!(parse("  ").unwrap(), Expr::All);
        assert!(parse("(疫情").is_ok());
    }

    #[test]
    fn snippets_highlight_utf8_offsets() {
        let text = "株洲日报讯 5月14日，市委书记毛腾飞到醴陵包案下访。要严肃处理。";
        let s = snippet(text, &["毛腾飞".into(), "处理".into()], 100);
        assert_eq!(s.highlights.len(), 2);
        for h in &s.highlights {
            let t = &s.text[h.start..h.end];
            assert!(t == "毛腾飞" || t == "处理", "{t}");
            let c: String = s.text.chars().skip(h.char_start).take(h.char_end - h.char_start).collect();
            assert_eq!(c, t);
        }
        assert_eq!(s.marked("[", "]"), "株洲日报讯 5月14日，市委书记[毛腾飞]到醴陵包案下访。要严肃[处理]。");
        let long = format!("{}毛腾飞{}", "甲".repeat(300), "乙".repeat(300));
        let s = snippet(&long, &["毛腾飞".into()], 50);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(&s.text[s.highlights[0].start..s.highlights[0].end], "毛腾飞");
    }

    #[test]
    fn traditional_needles_fold() {
        let s = snippet("国家发展改革委", &[fold("發展")], 100);
        assert_eq!(&s.text[s.highlights[0].start..s.highlights[0].end], "发展");
    }
}
