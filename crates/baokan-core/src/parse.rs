//! The pipeline: lines → blocks → roles → articles → order → paragraphs →
//! repairs → page JSON.

use crate::blocks::build_blocks;
use crate::decode::{decode, DecodeError};
use crate::lexicon::Lexicon;
use crate::lines::{LineSource, TextDump};
use crate::lm::LanguageModel;
use crate::meta::PageMeta;
use crate::model::{Article, BodyBlock, Byline, Page, Span, Unassigned};
use crate::order::{join_paragraphs, repair_order};
use crate::repair::repair_text;
use crate::roles::{
    parse_dateline, parse_dateline_credit, parse_lead_credit, parse_name_line, parse_trailing_jump, Role,
};
use crate::segment::{assign_roles, mark_intertitles, page_cohesion, segment, ArticleDraft, Unit};

/// How to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Apply confident repairs (the rest are flagged). With `false`, every
    /// repair is only flagged and the text stays as printed.
    pub repair: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { repair: true }
    }
}

/// Turns page text into a [`Page`]. Cheap to create; the dictionary is
/// loaded once, on first use, and shared by all parsers.
#[derive(Debug, Clone, Copy)]
pub struct Parser {
    lex: &'static Lexicon,
    lm: Option<&'static LanguageModel>,
    options: ParseOptions,
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new(ParseOptions::default())
    }
}

impl Parser {
    /// A parser with the built-in tables and dictionary.
    pub fn new(options: ParseOptions) -> Parser {
        Parser { lex: Lexicon::builtin(), lm: None, options }
    }

    /// A parser that uses a given language model (with user words, say).
    /// The model must live as long as the program; leak a boxed one if need be.
    pub fn with_language_model(options: ParseOptions, lm: &'static LanguageModel) -> Parser {
        Parser { lex: Lexicon::builtin(), lm: Some(lm), options }
    }

    fn lm(&self) -> &'static LanguageModel {
        self.lm.unwrap_or_else(LanguageModel::builtin)
    }

    /// Parse the bytes of a page dump, detecting its encoding.
    pub fn parse_bytes(&self, bytes: &[u8], meta: &PageMeta) -> Result<Page, DecodeError> {
        let (text, _) = decode(bytes)?;
        Ok(self.parse_text(&text, meta))
    }

    /// Parse decoded page text. Offsets are kept in 32 bits: the text is
    /// taken to be a page, at most [`MAX_PAGE_BYTES`](crate::MAX_PAGE_BYTES)
    /// as [`Parser::parse_bytes`] enforces.
    /// A page printed in Traditional characters is read through its Simplified
    /// form, and its texts come out as printed.
    pub fn parse_text(&self, text: &str, meta: &PageMeta) -> Page {
        if !crate::script::is_traditional(text) {
            return self.parse_source(&TextDump::new(text), meta);
        }
        let folded = crate::script::to_simplified(text);
        let mut page = self.parse_source(&TextDump::new(&folded), meta);
        crate::script::Restorer::new(text, &folded).restore_page(&mut page);
        page
    }

    /// Parse any line source: a text dump, a PDF text layer, OCR.
    pub fn parse_source(&self, source: &dyn LineSource, meta: &PageMeta) -> Page {
        let lex = self.lex;
        let lm = self.lm();
        let page_text = source.page_text();
        let lines = source.lines();
        let blocks = build_blocks(&lines, lex);
        let mut units = assign_roles(blocks, lex, lm);
        let mut cohesion = page_cohesion(&units);
        let mut seg = segment(&units, &cohesion, lex, lm);
        repair_order(&mut units, &mut seg.articles, &mut cohesion, lex, lm);
        mark_intertitles(&units, &mut seg.articles, lex);
        let mut page = Page {
            paper: meta.paper.clone(),
            date: meta.date.clone(),
            page: meta.page.clone(),
            source: meta.source.clone(),
            articles: Vec::new(),
            unassigned: Vec::new(),
        };
        // (spans count characters: a cursor walks the page text to them, on from the
        // last one, or from the start for one before it)
        let mut cursor = (0usize, 0usize);
        let mut byte_at = |char_at: usize| {
            if char_at < cursor.0 {
                cursor = (0, 0);
            }
            cursor = crate::text::advance_to_char(page_text, cursor, char_at);
            cursor.1
        };
        for &k in &seg.unassigned {
            for span in units[k].block.text.spans() {
                let (from, to) = (byte_at(span[0]), byte_at(span[1]));
                page.unassigned.push(Unassigned { text: page_text[from..to].to_string(), span });
            }
        }
        for draft in seg.articles.iter().filter(|d| !is_empty(d)) {
            let n = page.articles.len() + 1;
            let mut art = self.build_article(&units, draft, page_text, meta, lm);
            art.id = format!(
                "{}/{}/{}/{}",
                meta.paper.as_deref().unwrap_or("-"),
                meta.date.as_deref().unwrap_or("-"),
                meta.page.as_deref().unwrap_or("-"),
                n
            );
            page.articles.push(art);
        }
        page
    }

    fn build_article(
        &self,
        units: &[Unit],
        d: &ArticleDraft,
        page_text: &str,
        meta: &PageMeta,
        lm: &LanguageModel,
    ) -> Article {
        let lex = self.lex;
        let mut art = Article::default();
        let titles: Vec<String> = d.titles.iter().map(|&k| units[k].text().to_string()).collect();
        let (kicker, headline, subs) = split_titles(titles, lex);
        art.kicker = kicker;
        art.headline = headline;
        art.subheadlines = subs;
        for &k in &d.bylines {
            let found = match &units[k].role {
                Role::Byline(b) => b.clone(),
                _ => vec![parse_name_line(units[k].text(), lex, lm).unwrap_or_else(|| Byline {
                    role: None,
                    outlet: None,
                    names: vec![units[k].text().to_string()],
                })],
            };
            // (writers named over the text and again in its sign-off are named once)
            for b in found {
                if !art.bylines.contains(&b) {
                    art.bylines.push(b);
                }
            }
        }
        for &k in &d.captions {
            if let Role::Caption(c) = &units[k].role {
                art.captions.push(c.clone());
            }
        }
        for &k in &d.jumps {
            if let Role::Jump(j) = &units[k].role {
                art.jumps.push(j.clone());
            }
        }
        // the captions of an item that names its pictures (…（图片）, …（附图片２张）, 图片新闻),
        // or that has no text but notes, are its text too, where they stand
        let pictured = d.titles.iter().any(|&k| lex.is_photo_title(units[k].text()))
            || d.body.iter().all(|&k| crate::segment::is_end_note(units[k].text()));
        let mut paragraphs = if pictured && !d.captions.is_empty() {
            let mut with_captions = d.clone();
            for &c in &d.captions {
                // before the first text printed after it, in reading order
                let at = with_captions.body.iter().position(|&k| k > c).unwrap_or(with_captions.body.len());
                with_captions.body.insert(at, c);
            }
            join_paragraphs(units, &with_captions, lex, lm)
        } else {
            join_paragraphs(units, d, lex, lm)
        };
        // repairs first, so that a dateline or credit printed twice over is mended too
        for p in paragraphs.iter_mut() {
            let (text, repairs) = repair_text(std::mem::take(&mut p.text), page_text, self.options.repair, lex, lm);
            art.repairs.extend(repairs);
            p.text = text;
        }
        if let Some(first) = paragraphs.first_mut() {
            if let Some((mut dl, mut skip)) = parse_dateline(first.text.as_str(), meta.date.as_deref(), lex) {
                // writers named right after the dateline are its bylines, and part of it as printed
                let text = first.text.as_str();
                let rest = &text[crate::text::advance_to_char(text, (0, 0), skip).1..];
                let credit = parse_dateline_credit(rest, lex).filter(|(_, taken)| skip + taken < first.text.len());
                if let Some((bylines, taken)) = credit {
                    skip += taken;
                    dl.text = first.text.as_str().chars().take(skip).collect::<String>().trim_end().to_string();
                    for b in bylines {
                        if !art.bylines.contains(&b) {
                            art.bylines.push(b);
                        }
                    }
                }
                if skip < first.text.len() {
                    first.text = first.text.slice(skip, first.text.len());
                    art.dateline = Some(dl);
                }
            } else if let Some((dl, bylines, skip)) = parse_lead_credit(first.text.as_str(), lex) {
                if skip < first.text.len() {
                    first.text = first.text.slice(skip, first.text.len());
                    art.dateline = Some(dl);
                    for b in bylines {
                        if !art.bylines.contains(&b) {
                            art.bylines.push(b);
                        }
                    }
                }
            }
        }
        for p in paragraphs.iter_mut() {
            if let Some((j, at)) = parse_trailing_jump(p.text.as_str(), lex) {
                if at > 0 {
                    p.text = p.text.slice(0, at).trim();
                    art.jumps.push(j);
                }
            }
        }
        for p in paragraphs {
            if !p.text.is_empty() {
                art.body.push(BodyBlock { kind: p.kind, text: p.text.as_str().to_string() });
            }
        }
        let mut spans: Vec<Span> = d
            .titles
            .iter()
            .chain(&d.bylines)
            .chain(&d.captions)
            .chain(&d.jumps)
            .chain(&d.body)
            .flat_map(|&k| units[k].block.text.spans())
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(m) if s[0] <= m[1] => m[1] = m[1].max(s[1]),
                _ => merged.push(s),
            }
        }
        art.spans = merged;
        art
    }
}

fn is_empty(d: &ArticleDraft) -> bool {
    d.titles.is_empty() && d.body.is_empty() && d.bylines.is_empty() && d.captions.is_empty() && d.jumps.is_empty()
}

/// Kicker, headline and subheadlines from the title lines in printed order.
/// A kicker is a short line over a short headline, in a block of three or more.
fn split_titles(mut titles: Vec<String>, lex: &Lexicon) -> (Option<String>, Option<String>, Vec<String>) {
    if titles.is_empty() {
        return (None, None, Vec::new());
    }
    // a label over the headline (■ 相关新闻, 记者手记) is its kicker
    if titles.len() >= 2 && lex.is_kicker_label(&titles[0]) {
        let kicker = titles.remove(0);
        let headline = titles.remove(0);
        return (Some(kicker), Some(headline), titles);
    }
    let len = |s: &String| s.chars().count();
    // a line led by a dash is a subheadline (——在…上的讲话), never the headline
    let dashed = |s: &String| s.trim_start().starts_with(['—', '-']);
    if titles.len() >= 3 && len(&titles[0]) < len(&titles[1]) && len(&titles[1]) <= 24 && !dashed(&titles[1]) {
        let kicker = titles.remove(0);
        let headline = titles.remove(0);
        return (Some(kicker), Some(headline), titles);
    }
    let headline = titles.remove(0);
    (None, Some(headline), titles)
}
