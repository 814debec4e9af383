//! Headline or intertitle: whether a lone title line inside an article's
//! text starts a new article.
//!
//! Segmentation gathers the evidence (how much vocabulary the text after the
//! line shares with the article so far, how long the article and the section
//! after the line are, the line's own shape) and this module weighs it with a
//! logistic model. The weights are data, in `data/headline_model.txt`, fitted
//! by `bench/train_headline_model.py` on generated 1–15 January 1998 pages.

use std::sync::OnceLock;

use crate::logistic::Logistic;

/// What is known about a lone title line inside an article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TitleEvidence {
    /// Characters of the line.
    pub chars: usize,
    /// Cosine similarity of the article so far and the text after the line.
    pub cosine: f64,
    /// Cosine similarity of the line and the text after it.
    pub title_after: f64,
    /// Cosine similarity of the line and the article's body so far.
    pub title_body: f64,
    /// Whether the text before the line ends a sentence.
    pub prev_ends_sentence: bool,
    /// Whether the line holds a dash (主题——副题).
    pub dash: bool,
    /// Whether the line holds sentence punctuation or quotes (：，！？“『).
    pub punctuated: bool,
    /// Whether the page's articles open with a byline or dateline as a rule.
    pub bylined_page: bool,
    /// Body units of the article so far.
    pub paragraphs: usize,
    /// Characters of running text from the line to the next head.
    pub section_chars: usize,
    /// Characters of the article's body so far.
    pub body_chars: usize,
    /// Whether the article so far has a headline.
    pub has_title: bool,
    /// Whether the article so far has an intertitle.
    pub has_intertitle: bool,
    /// Share of the line's rarity-weighted bigrams found in the article so far.
    pub title_covered: f64,
    /// Whether the line is printed with a paragraph's indent (`Some(true)`), flush
    /// (`Some(false)`), or the page marks no indents (`None`). An intertitle is a
    /// paragraph of the text and takes its indent; a headline is set apart from it.
    pub indented: Option<bool>,
}

/// The model's features, by name, in the order of [`TitleEvidence::features`].
pub const FEATURES: [&str; 18] = [
    "log_chars",
    "cosine",
    "sqrt_cosine",
    "title_after",
    "title_body",
    "prev_ends_sentence",
    "dash",
    "punctuated",
    "bylined_page",
    "log_paragraphs",
    "log_section",
    "log_body",
    "has_title",
    "has_intertitle",
    "short_section",
    "title_covered",
    "flush",
    "indented",
];

/// Sections shorter than this (characters) are typical of short items, not of
/// the parts of a long article.
const SHORT_SECTION: usize = 200;

impl TitleEvidence {
    /// The feature vector the model weighs.
    pub fn features(&self) -> [f64; 18] {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        [
            (self.chars.max(1) as f64).ln(),
            self.cosine * 10.0,
            self.cosine.sqrt() * 3.0,
            self.title_after * 10.0,
            self.title_body * 10.0,
            flag(self.prev_ends_sentence),
            flag(self.dash),
            flag(self.punctuated),
            flag(self.bylined_page),
            (self.paragraphs as f64).ln_1p(),
            (self.section_chars as f64).ln_1p() / 5.0,
            (self.body_chars as f64).ln_1p() / 5.0,
            flag(self.has_title),
            flag(self.has_intertitle),
            flag(self.section_chars < SHORT_SECTION),
            self.title_covered * 3.0,
            flag(self.indented == Some(false)),
            flag(self.indented == Some(true)),
        ]
    }

    /// Log-odds that the line is a headline (positive) rather than an intertitle.
    pub fn headline_log_odds(&self) -> f64 {
        model().log_odds(&self.features())
    }
}

/// The weights and bias, read once from the table compiled in.
fn model() -> &'static Logistic {
    static MODEL: OnceLock<Logistic> = OnceLock::new();
    MODEL.get_or_init(|| Logistic::parse(include_str!("../data/headline_model.txt"), &FEATURES))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence() -> TitleEvidence {
        TitleEvidence {
            chars: 8,
            cosine: 0.1,
            title_after: 0.1,
            title_body: 0.05,
            prev_ends_sentence: true,
            dash: false,
            punctuated: false,
            bylined_page: false,
            paragraphs: 6,
            section_chars: 600,
            body_chars: 1200,
            has_title: true,
            has_intertitle: false,
            title_covered: 0.5,
            indented: None,
        }
    }

    #[test]
    fn the_table_weighs_every_feature() {
        Logistic::covers(include_str!("../data/headline_model.txt"), &FEATURES).unwrap();
    }

    #[test]
    fn shared_vocabulary_speaks_for_an_intertitle() {
        let near = evidence();
        let far = TitleEvidence { cosine: 0.0, title_body: 0.0, ..near };
        assert!(near.headline_log_odds() < far.headline_log_odds());
        // an article that already has intertitles gets another one more easily
        let sectioned = TitleEvidence { has_intertitle: true, ..near };
        assert!(sectioned.headline_log_odds() < near.headline_log_odds());
    }

    #[test]
    fn a_flush_line_on_an_indenting_page_reads_as_a_headline() {
        // an intertitle is a paragraph of the text and takes its indent; a headline does not
        let unmarked = evidence();
        let flush = TitleEvidence { indented: Some(false), ..unmarked };
        let indented = TitleEvidence { indented: Some(true), ..unmarked };
        assert!(flush.headline_log_odds() > unmarked.headline_log_odds());
        assert!(indented.headline_log_odds() < unmarked.headline_log_odds());
    }
}
