//! Article segmentation: where one article ends and the next begins.
//!
//! An article starts at a head run (title lines, bylines, captions, in any
//! order: e-paper dumps print a byline before its headline as often as
//! after), or at a paragraph that opens with a dateline. A lone title line
//! inside an article is an intertitle when it is numbered, a headline when a
//! signature closed the text before it, and otherwise as the headline model
//! (`headline.rs`) weighs the evidence: shared vocabulary, the lengths of the
//! article and of the section after the line, the line's shape. A long run of
//! title-shaped lines is verse: a headline, then lines of body.

use crate::blocks::Block;
use crate::headline::TitleEvidence;
use crate::lexicon::Lexicon;
use crate::lm::{Cohesion, LanguageModel, Profile};
use crate::model::JumpKind;
use crate::roles::{classify, parse_dateline, parse_name_line, Role};

/// A block with its role.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The printed block.
    pub block: Block,
    /// What it is.
    pub role: Role,
    /// Whether its text opens with a dateline (新华社北京5月14日电, 本报讯).
    pub dateline: bool,
    /// Whether it heads or is one of the captions listed under an article (图片：).
    pub picture_list: bool,
    /// Closing quotes or brackets near its start that it does not open
    /// ([`early_closers`](crate::order::early_closers)): a sign it continues text before it.
    pub early_closers: usize,
}

/// The vocabulary statistics of a page's running text, which segmentation
/// and reading-order repair both consult.
pub fn page_cohesion(units: &[Unit]) -> Cohesion {
    // only running text and title lines are ever compared
    let texts: Vec<&str> =
        units.iter().map(|u| if matches!(u.role, Role::Text | Role::Title) { u.text() } else { "" }).collect();
    Cohesion::counting(&texts, |i| units[i].role == Role::Text)
}

impl Unit {
    /// The block's text.
    pub fn text(&self) -> &str {
        self.block.text.as_str()
    }
}

/// The units of one article, by what they are; indices into the page's units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleDraft {
    /// Title lines in printed order (kicker, headline, subheadlines).
    pub titles: Vec<usize>,
    /// Byline units.
    pub bylines: Vec<usize>,
    /// Caption units.
    pub captions: Vec<usize>,
    /// Jump units.
    pub jumps: Vec<usize>,
    /// Body units in reading order: paragraph pieces, intertitles, verse lines.
    pub body: Vec<usize>,
    /// The body units that are intertitles.
    pub intertitles: Vec<usize>,
    /// The body units that are lines of verse (never joined).
    pub verse: Vec<usize>,
    /// Whether this headless article is a brief in a run of them after a photo item.
    pub briefs_after_item: bool,
}

/// The page cut into articles, plus the units no article takes.
#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    /// Articles in page order.
    pub articles: Vec<ArticleDraft>,
    /// Furniture and stray units.
    pub unassigned: Vec<usize>,
}

/// Give every block its role.
pub fn assign_roles(blocks: Vec<Block>, lex: &Lexicon, lm: &LanguageModel) -> Vec<Unit> {
    let mut units: Vec<Unit> = split_leading_jumps(blocks, lex)
        .into_iter()
        .map(|b| {
            let role = classify(b.text.as_str(), lex);
            let dateline = crate::roles::is_dateline(b.text.as_str(), lex);
            let early_closers = crate::order::early_closers(b.text.as_str());
            Unit { block: b, role, dateline, picture_list: false, early_closers }
        })
        .collect();
    for u in units.iter_mut() {
        // a line that opens with a word whose first character begins no sentence on its
        // own (过好『廉政节』, 地方…) has a title's shape when the dictionary reads the word
        if u.role == Role::Text
            && u.text().starts_with(|c: char| crate::lm::is_han(c))
            && lex.starts_mid_sentence(u.text())
            && !lm.starts_mid_sentence(u.text(), lex)
            && crate::roles::is_title_shaped_after(u.text())
        {
            u.role = Role::Title;
        }
        // on a hard-wrapped page, text wider than the columns is a title block line,
        // and text wrapped over several lines is not
        if u.block.wider_than_column && u.role == Role::Text && crate::roles::is_title_like_line(u.text(), lex) {
            u.role = Role::Title;
        }
        if u.block.line_count > 1 && u.role == Role::Title {
            u.role = Role::Text;
        }
    }
    // a title-shaped line whose last word runs on into the text under it (…改革见成 /
    // 效。位于…) is a piece of that text cut at a column's foot
    for i in 1..units.len() {
        if units[i - 1].role == Role::Title
            && matches!(units[i].role, Role::Text | Role::Caption(_))
            && lm.junction(units[i - 1].text(), units[i].text()) >= CUT_WORD_JUNCTION
        {
            units[i - 1].role = Role::Text;
        }
    }
    // on a page that indents its paragraphs, heads are set flush: a title-shaped line
    // printed with the indent is the text's own (a paragraph, a line of verse, a cut
    // piece, at most an intertitle: see `mark_intertitles`)
    for u in units.iter_mut() {
        if u.block.indented && u.role == Role::Title {
            u.role = Role::Text;
        }
    }
    // a line under a title that ends on a dash leads into the text or the next line
    // (昔日…的食堂，一年招待费少说一两万；如今，这里实行了———): a subheadline, however
    // many clauses it holds; no paragraph ends on a dash
    let leads_in = |units: &[Unit], i: usize| {
        i > 0
            && units[i - 1].role == Role::Title
            && units[i].block.line_count == 1
            && units[i].text().trim_end().ends_with("——")
            && {
                let t = units[i].text().trim_end().trim_end_matches('—');
                // (one sentence: …怎么抓？他们从…入手，干了３件事——— is a lead paragraph)
                t.chars().count() <= 60
                    && !t.contains(['。', '？', '！', '?', '!'])
                    && !lex.ends_sentence(t)
                    && crate::roles::quotes_balanced(t)
                    && !lm.starts_mid_sentence(t, lex)
            }
    };
    // and a short saying wholly in quotes under a title is a subheadline
    // (警长公开栏 / “看到这个栏，就像看到了警察，感到安全多了！”)
    // over the writer's name or a byline, not over more talk (a dialogue under an intertitle)
    let saying = |u: &Unit| {
        let t = u.text().trim();
        u.block.line_count == 1
            && t.chars().count() <= 40
            && t.starts_with('“')
            && t.ends_with('”')
            && t.chars().filter(|&c| c == '“').count() == 1
    };
    let quoted_saying = |units: &[Unit], i: usize| {
        let mut j = i;
        while j < units.len() && saying(&units[j]) {
            j += 1;
        }
        i > 0
            && j > i
            && units[i - 1].role == Role::Title
            && units.get(j).is_some_and(|n| matches!(n.role, Role::Title | Role::Byline(_)))
    };
    for i in 1..units.len() {
        if units[i].role == Role::Text && (leads_in(&units, i) || quoted_saying(&units, i)) {
            units[i].role = Role::Title;
        }
    }
    for i in 0..units.len() {
        if units[i].role != Role::Title
            || units[i].block.wider_than_column
            || leads_in(&units, i)
            || quoted_saying(&units, i)
        {
            continue;
        }
        // a comma-bearing line after running text is a paragraph's first piece, cut by a
        // column break, unless an article visibly starts after it
        let after_text = i > 0 && units[i - 1].role == Role::Text;
        // (text signed off by its writer or source has ended: …（四川省达川市委安全东）)
        let after_signature = after_text && signs_off(lex, units[i - 1].text());
        let clause = units[i].text().contains(['，', ',', '：']) && !lex.is_photo_title(units[i].text());
        let article_follows = units
            .get(i + 1)
            .is_some_and(|n| matches!(n.role, Role::Byline(_) | Role::Title) || (n.role == Role::Text && n.dateline));
        let after_title = i > 0 && units[i - 1].role == Role::Title;
        // the line between a title and a table's first row of figures is the table's head
        // (上周股市概览 / 名称前周收盘上周开盘… / 沪市１２３４．５６…), and one between rows
        // of figures a piece of it: text
        let figures =
            |k: usize| units.get(k).is_some_and(|n| n.role == Role::Text && crate::roles::is_figure_row(n.text()));
        let table_head = (after_title || (i > 0 && figures(i - 1))) && figures(i + 1);
        // a subheadline does not end a sentence (新年好！ under a headline is text), nor
        // does a line after text cut mid-sentence (…电价还有 / 谱吗！): it is that
        // sentence's end, unless an article visibly follows (a byline, a dateline)
        let ends_exclaiming = units[i].text().trim_end().ends_with(['！', '？', '…', '!', '?', '。']);
        let after_cut_text = after_text && !lex.ends_sentence(units[i - 1].text()) && !after_signature;
        let exclaims = ends_exclaiming && (after_title || (after_cut_text && !article_follows));
        // and the line under a photo item's title is its caption
        let caption_line = after_title && lex.is_photo_item(units[i - 1].text());
        // a short name in brackets under a title is an artwork's credit: the item's text
        // (a date in brackets is the date of a speech or document under its title)
        let credit = is_end_note(units[i].text())
            && units[i].block.text.len() <= 14
            && !lex.is_photo_title(units[i].text())
            && !(after_title && lex.is_bracketed_date(units[i].text()));
        // an end note: (杨国平), ———李卫斌（湖北）, （作者系…）
        let end_note = after_text && is_end_note(units[i].text());
        // a sentence signed off (再次祝愿各位新春愉快！（编者）) ends the text before it
        let signed = signs_off(lex, units[i].text()) || (after_text && lex.is_sign_off(units[i].text()));
        // a title-shaped block that the text around it runs into is a cut piece of text,
        // and so is one that ends on a particle or preposition (…国有企业的); these ask
        // the language model, so they come last
        // (a headline over a displaced piece of its own text, then its dateline paragraph:
        // 六类商品专业市场整顿见成效 / 的汽车农机配件…。 / 本报讯…, the piece runs on from nothing before it)
        let over_displaced = !clause
            && i > 0
            && lex.ends_sentence(units[i - 1].text())
            && units.get(i + 2).is_some_and(|n| n.role == Role::Text && n.dateline);
        let runs_into = || {
            (!over_displaced && units.get(i + 1).is_some_and(|n| runs_on(&units[i], n, lex, lm)))
                || (i > 0 && runs_on(&units[i - 1], &units[i], lex, lm))
                || (!article_follows
                    && lm.last_single_char_tag(units[i].text()).is_some_and(|t| lex.is_non_final_tag(&t)))
        };
        // a clause that opens like a news item (去年１２月１６日，…), or a line that opens
        // with its source (据新华社马尼拉１月５日), is a paragraph's first piece
        // (but one between a title and the dateline paragraph is a subheadline: 新疆石油
        //工业进入“快车道” / 去年三大油田探明…，生产原油… / 本报乌鲁木齐…电)
        let over_dateline = after_title && units.get(i + 1).is_some_and(|n| n.role == Role::Text && n.dateline);
        let news_clause = (clause || lex.opens_with_attribution(units[i].text()))
            && lex.opens_news_item(units[i].text())
            && !over_dateline;
        // a clause that ends on a word no title ends on is text, whatever follows it
        let dangling_clause = || {
            after_text
                && clause
                && !units.get(i + 1).is_some_and(|n| n.role == Role::Text && n.dateline)
                && lm.last_word_tag(units[i].text()).is_some_and(|t| lex.is_clause_non_final_tag(&t))
        };
        // a clause that ends a sentence inside its quotes (…他说：“我还要去上学呢！”) is text
        let quoted_sentence = clause && after_text && lex.ends_paragraph(units[i].text());
        // a line printed with a paragraph's indent, whose text goes on unindented in the
        // next piece, is a paragraph's first piece cut at a column foot: titles print no indent
        let indented_piece = units[i].block.starts_paragraph == Some(true)
            && units.get(i + 1).is_some_and(|n| n.role == Role::Text && n.block.starts_paragraph == Some(false));
        // titles print no indent: a line with a paragraph's indent over a flush title
        // line is a paragraph's first piece cut at a column foot, not a kicker
        // (captions listed under 图片： are indented lines in a row)
        let indented_over_title =
            !(i > 0 && units[i - 1].role == Role::Title && units[i - 1].block.starts_paragraph == Some(true))
                && units[i].block.starts_paragraph == Some(true)
                && units.get(i + 1).is_some_and(|n| n.role == Role::Title && n.block.starts_paragraph == Some(false));
        // a title over it is no sign of an article starting: a comma-bearing line
        // over a title is a cut piece (…检查组发现两辆车号明显是 / 宁波突击检查…), since a
        // kicker holds no comma; a picture note under it (（附图片１张）) is a headline's
        let commas = units[i].text().contains(['，', ',']);
        // (a headline names its pictures, or stands over its writer's name or pen name:
        // 思念，根植在军营 / 马利; a line of two or three characters reads as a name, four
        // make a headline as often: 焊花如血)
        let name_like = |t: &str| {
            let t = t.trim();
            parse_name_line(t, lex, lm).is_some()
                || ((2..=3).contains(&t.chars().count()) && t.chars().all(crate::lm::is_han))
        };
        // (a picture note alone, （附图片１张）, goes with the headline over it)
        let photo_note = |t: &str| is_end_note(t) && lex.is_photo_title(t);
        let over_title_only = !lex.is_photo_title(units[i].text())
            && units.get(i + 1).is_some_and(|n| n.role == Role::Title && !photo_note(n.text()) && !name_like(n.text()));
        // a long exclamation after text closes that text (愿…成为市场上一道亮丽的风景！):
        // a kicker that exclaims is a short slogan (优先百姓好！)
        let closing_exclamation = after_text
            && over_title_only
            && units[i].text().trim_end().ends_with(['！', '!'])
            && units[i].text().trim().chars().count() >= EXCLAIMING_KICKER_CHARS;
        // and a line after text that ends on a word no title ends on (…建立“安全区”以来)
        // is a cut piece, not a kicker of the title under it
        let trails_into_title = || {
            after_text
                && over_title_only
                && lm.last_word_tag(units[i].text()).is_some_and(|t| lex.is_clause_non_final_tag(&t))
        };
        // and so is one that ends a sentence and goes on (…如何给自己“充电”？如何在日常工作中巧):
        // a title's question or exclamation ends it, or its part before a dash
        let two_sentences = || {
            let t: Vec<char> = units[i].text().trim_end().chars().collect();
            after_text
                && over_title_only
                && t.iter().enumerate().any(|(k, c)| {
                    matches!(c, '？' | '！' | '?' | '!') && t.get(k + 1).is_some_and(|n| crate::lm::is_han(*n))
                })
        };
        if (after_text && clause && !article_follows && !after_signature)
            || (after_text && commas && over_title_only && !after_signature)
            || closing_exclamation
            || table_head
            || trails_into_title()
            || two_sentences()
            || quoted_sentence
            || indented_piece
            || indented_over_title
            || news_clause
            || end_note
            || signed
            || exclaims
            || caption_line
            || credit
            || runs_into()
            || dangling_clause()
        {
            units[i].role = Role::Text;
        }
    }
    mark_picture_lists(&mut units, lex, lm);
    units
}

/// Mark as intertitles the lone title-shaped lines that a page setting its
/// heads flush printed with a paragraph's indent, standing between a finished
/// sentence and a new paragraph of an article's prose (not its verse or lists:
/// neighbours of the same shape make them lines of those).
pub fn mark_intertitles(units: &[Unit], arts: &mut [ArticleDraft], lex: &Lexicon) {
    let shaped = |k: usize| {
        let u = &units[k];
        u.role == Role::Text
            && u.block.indented
            && u.block.line_count == 1
            && !lex.ends_sentence(u.text())
            && classify(u.text(), lex) == Role::Title
    };
    for a in arts.iter_mut() {
        let found: Vec<usize> = (1..a.body.len().saturating_sub(1))
            .filter(|&p| {
                let (prev, k, next) = (a.body[p - 1], a.body[p], a.body[p + 1]);
                shaped(k)
                    && !shaped(prev)
                    && !shaped(next)
                    && !a.intertitles.contains(&prev)
                    && lex.ends_sentence(units[prev].text())
                    && units[next].block.starts_paragraph == Some(true)
            })
            .map(|p| a.body[p])
            .collect();
        a.intertitles.extend(found);
    }
}

/// The captions listed under a picture-list line (图片：) after an article's
/// text are that article's text, however they are shaped: as many as its
/// headline counts (…（附图片３张）), else one and any numbered ones after it.
fn mark_picture_lists(units: &mut [Unit], lex: &Lexicon, lm: &LanguageModel) {
    let mut i = 0;
    while i < units.len() {
        if units[i].role != Role::Text || !lex.is_picture_list(units[i].text()) {
            i += 1;
            continue;
        }
        units[i].picture_list = true;
        // the count in the article's headline: the nearest title before that names
        // pictures, unless a title over a byline or dateline (another article's) comes first
        let mut counted = None;
        for k in (0..i).rev().filter(|&k| units[k].role == Role::Title) {
            if lex.is_photo_title(units[k].text()) {
                counted = lex.picture_count(units[k].text());
                break;
            }
            if units.get(k + 1).is_some_and(|n| matches!(n.role, Role::Byline(_)) || n.dateline) {
                break;
            }
        }
        let want = counted.unwrap_or(1);
        // captions counted as they start: after one that ended, or at a number (１、…)
        let (mut items, mut unfinished) = (0, false);
        let mut j = i + 1;
        while j < units.len() {
            let u = &units[j];
            let t = u.text().trim_end();
            // a title that names its pictures, or stands over a byline, a bare name line
            // (想起了剧组评优 / 向兵) or a dateline, heads an article
            let heads = u.role == Role::Title
                && (lex.is_photo_title(t)
                    || units.get(j + 1).is_some_and(|n| {
                        matches!(n.role, Role::Byline(_))
                            || (n.role == Role::Text && n.dateline)
                            || (n.role == Role::Title && parse_name_line(n.text(), lex, lm).is_some())
                    }));
            if heads || !matches!(u.role, Role::Text | Role::Title | Role::Caption(_)) {
                break;
            }
            // (a title line that the caption does not run into is no piece of it, nor is
            // a line printed with a paragraph's indent)
            let piece =
                unfinished && ((u.role != Role::Title && !u.block.indented) || runs_on(&units[j - 1], u, lex, lm));
            if (!piece || lex.is_enumerated(t)) && !is_end_note(t) {
                let numbered = counted.is_none() && (lex.is_enumerated(t) || lex.opens_with_picture_reference(t));
                if items >= want && !numbered {
                    break;
                }
                items += 1;
            }
            unfinished = !(lex.ends_sentence(t) || t.ends_with(['）', ')']));
            units[j].role = Role::Text;
            units[j].picture_list = true;
            j += 1;
        }
        i = j;
    }
}

/// Paragraph text that ends with a signature or source note after its last
/// sentence (…。（新华社北京１月５日电）): the article ends with it.
fn signs_off(lex: &Lexicon, t: &str) -> bool {
    lex.ends_with_signature(t) && !is_end_note(t)
}

/// Whether the line under a title in a poem is its poet's name, not a line of
/// verse that a surname happens to lead: no name twice (沙沙，沙沙), and on a
/// page that indents its text, a title and name both indented like the verse
/// are lines of it (是给孩子们做的帽子 / 和鞋子) unless the dictionary reads the
/// name as names only (李瑛); head lines are set flush (观雪 over 胡世宗).
fn is_poets_name(title: &Unit, name: &Unit, lex: &Lexicon, lm: &LanguageModel) -> bool {
    let Some(b) = parse_name_line(name.text(), lex, lm) else { return false };
    let repeated = b.names.iter().enumerate().any(|(k, n)| b.names[..k].contains(n));
    let indented = |u: &Unit| u.block.starts_paragraph == Some(true);
    !repeated && (!indented(title) || !indented(name) || lm.only_names(name.text().trim()))
}

/// The number a line of a ranked list or table opens with (１四川制药１９．６３ → 1).
fn row_number(text: &str) -> Option<u32> {
    let digits: String =
        text.trim_start().chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).collect();
    let rest = text.trim_start().chars().nth(digits.chars().count());
    if digits.is_empty() || digits.chars().count() > 2 || !rest.is_some_and(crate::lm::is_han) {
        return None;
    }
    crate::lexicon::numeral_value(&digits)
}

/// Whether title line `m` heads a new list in a run of lines of lists or
/// tables: unnumbered, over a row numbered 1, under a row numbered higher
/// (…５上柴股份１４．０３ / 深市上周下跌前五名（％） / １富龙热力５２．１１).
fn heads_new_list(units: &[Unit], m: usize) -> bool {
    m > 0
        && units[m].role == Role::Title
        && row_number(units[m].text()).is_none()
        && units.get(m + 1).is_some_and(|n| row_number(n.text()) == Some(1))
        && row_number(units[m - 1].text()).is_some_and(|n| n > 1)
}

/// A signature or source note closing an article: wholly in brackets, or led
/// by a dash; a writer's afterword in square brackets (［附记：…］) as well.
pub(crate) fn is_end_note(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(['—', '-'])
        || (t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
        || (t.starts_with(['［', '[']) && t.ends_with(['］', ']']))
}

/// Whether `next` visibly continues the text of `prev`, whatever their shapes:
/// it starts mid-sentence, or a word runs across the break.
pub fn runs_on(prev: &Unit, next: &Unit, lex: &Lexicon, lm: &LanguageModel) -> bool {
    if !matches!(prev.role, Role::Title | Role::Text) || !matches!(next.role, Role::Title | Role::Text) {
        return false;
    }
    if lex.ends_sentence(prev.text()) {
        return false;
    }
    // a closing quote or bracket continues only text that opened one
    let closes = next.text().starts_with(['》', '”', '）', ')', '』', '」', '’']);
    if closes && crate::roles::quote_depth(prev.text()).0 == 0 {
        return false;
    }
    lm.starts_mid_sentence(next.text(), lex) || lm.junction(prev.text(), next.text()) > JOIN_EVIDENCE
}

/// How much a word across a break must gain (in log probability) to count as evidence of a join.
pub const JOIN_EVIDENCE: f64 = 3.0;
/// From this cosine similarity with the article before it on, a paragraph
/// under a new dateline goes on the same report (0.1 until the vocabulary
/// moves of the third session, 0.06 since: measured on the 1998 development pages).
pub const SAME_REPORT_COSINE: f64 = 0.06;
/// Below this cosine similarity with the rest of its article, a paragraph
/// at the article's end is a brief of its own, when most of the run of such
/// paragraphs open like news items (a quarter of it for a lone paragraph;
/// measured on the 1998 development pages).
pub const BRIEF_COSINE: f64 = 0.05;
/// Fewest bigrams of an article's head, absent from its text so far, that a
/// later section must hold to be announced by the head (…印尼菲律宾货币汇率再跌).
pub const ANNOUNCED_BIGRAMS: usize = 2;
/// How many times more vocabulary a brief opening on a place its article never
/// names may share with the article.
const NEW_PLACE_FACTOR: f64 = 2.0;
/// The least length of a brief.
pub const BRIEF_MIN_CHARS: usize = 40;
/// The most briefs split off the end of one article.
const MAX_BRIEFS: usize = 8;
/// Fewest lines of text before an article can read as verse.
const VERSE_MIN_LINES: usize = 4;
/// Longest line of verse, in characters.
const VERSE_LINE_CHARS: usize = 18;
/// From this many characters on, a line after text that ends on an
/// exclamation mark, over a title, closes the text rather than heading the
/// next article: kickers that exclaim are short slogans (优先百姓好！).
const EXCLAIMING_KICKER_CHARS: usize = 12;
/// Title lines in a row beyond which the run is verse, not a title block.
pub const MAX_TITLE_LINES: usize = 4;

fn is_head(role: &Role) -> bool {
    matches!(
        role,
        Role::Title
            | Role::Byline(_)
            | Role::Caption(_)
            | Role::Jump(crate::model::Jump { kind: JumpKind::ContinuedFrom, .. })
    )
}

/// Head runs: maximal runs of head units, as index ranges.
fn head_runs(units: &[Unit]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if is_head(&units[i].role) {
            let s = i;
            while i < units.len() && is_head(&units[i].role) {
                i += 1;
            }
            runs.push(s..i);
        } else {
            i += 1;
        }
    }
    runs
}

/// A junction score (see [`LanguageModel::junction`]) past which a word surely
/// runs across the break between a title-shaped line and the text under it.
const CUT_WORD_JUNCTION: f64 = 5.0;

/// A paragraph printed with its continuation mark in front ((上接第1版)另外，…)
/// is two blocks: the jump line, and the text that goes on from the page named.
fn split_leading_jumps(blocks: Vec<Block>, lex: &Lexicon) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match crate::roles::leading_jump_end(b.text.as_str(), lex) {
            Some(end) => {
                let n = b.text.len();
                out.push(Block { text: b.text.slice(0, end), line_count: 1, ..b.clone() });
                out.push(Block { text: b.text.slice(end, n).trim(), wider_than_column: false, ..b });
            }
            None => out.push(b),
        }
    }
    out
}

/// Whether a line is nothing but a page number (3, A3, １２).
fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_uppercase());
    t.len() - digits.len() <= 1 && (1..=3).contains(&digits.chars().count()) && digits.chars().all(|c| c.is_numeric())
}

/// The longest intertitle a page signing its articles is taken to print
/// without a byline under it (种子备足了, 农资供应稳); a longer line is weighed.
const INTERTITLE_CHARS: usize = 10;

/// Cut the page's units into articles.
pub fn segment(units: &[Unit], cohesion: &Cohesion, lex: &Lexicon, lm: &LanguageModel) -> Segmentation {
    let ctx = Context::new(units, cohesion, lex, lm);
    let mut seg = Segmentation::default();
    let mut cur: Option<ArticleDraft> = None;
    let mut pending_jumps: Vec<usize> = Vec::new();
    let mut i = 0;
    let open = |cur: &mut Option<ArticleDraft>, seg: &mut Segmentation, pending: &mut Vec<usize>| {
        if let Some(a) = cur.take() {
            seg.articles.push(a);
        }
        *cur = Some(ArticleDraft { jumps: std::mem::take(pending), ..Default::default() });
    };
    while i < units.len() {
        match &units[i].role {
            Role::Furniture => {
                seg.unassigned.push(i);
                i += 1;
            }
            Role::Jump(j) if j.kind != JumpKind::ContinuedFrom => {
                match cur.as_mut() {
                    Some(a) => a.jumps.push(i),
                    None => pending_jumps.push(i),
                }
                i += 1;
            }
            // a bare number over all the page's text is its page number (经济日报 / 3)
            Role::Text if cur.is_none() && is_page_number(units[i].text()) => {
                seg.unassigned.push(i);
                i += 1;
            }
            Role::Text => {
                let has_body = cur.as_ref().is_some_and(|a| !a.body.is_empty());
                // a dateline paragraph starts an article, unless all before it is a photo and its credit
                let after_photo =
                    i > 0 && is_end_note(units[i - 1].text()) && units[i - 1].text().contains(['摄', '照']);
                // (a section of a roundup opens with its own dateline under its intertitle)
                let under_intertitle = cur.as_ref().is_some_and(|a| i > 0 && a.intertitles.last() == Some(&(i - 1)));
                let dateline_item = has_body
                    && !under_intertitle
                    && ctx.opens_with_dateline(i)
                    && ctx.follows_sentence_end(i)
                    && !after_photo
                    && cur.as_ref().is_some_and(|a| !ctx.continues_topic(a, i) || ctx.next_in_wire_series(a, i));
                // a photo item's text is its caption; paragraphs after it, up to the
                // next title, are briefs of their own, each on its own subject
                let has_caption = cur.as_ref().is_some_and(|a| !a.captions.is_empty());
                let after_item = (has_body || has_caption)
                    && ctx.follows_sentence_end(i)
                    && !is_end_note(units[i].text())
                    && cur.as_ref().is_some_and(|a| ctx.closes_item(a, i));
                // text after a closing signature or dateline belongs to the next article, unless
                // it is the next item of a numbered list the article holds (１、…（新华社发） ２、…)
                let next_in_list = || cur.as_ref().is_some_and(|a| ctx.next_in_list(a, i));
                let after_signature = has_body
                    && units[i - 1].role == Role::Text
                    && signs_off(lex, units[i - 1].text())
                    && units[i].block.starts_paragraph.is_none_or(|s| s)
                    && !next_in_list()
                    // (an answer addressed to the letter's writer: …（某工厂邢玉飞） 邢玉飞同志：)
                    && !lex.addresses_signer(units[i].text(), units[i - 1].text())
                    && !(units[i].dateline && cur.as_ref().is_some_and(|a| ctx.repeats_dateline(a, i)))
                    // (a note on the photo over the headline opens the text, signed with
                    // the feature's dateline: 压题照片为…。（本报加拉加斯电）)
                    && !cur.as_ref().is_some_and(|a| a.body == [i - 1] && lex.opens_with_head_photo_note(units[i - 1].text()))
                    // (a separator sets an editor's note on the article under it: ＊＊＊ 编后)
                    && !lex.is_separator(units[i].text());
                // the list of an article's pictures ends its text
                let listed = units[i].picture_list && cur.is_some();
                let after_list = i > 0 && units[i - 1].picture_list && !units[i].picture_list;
                if cur.is_none() || after_list || (!listed && (dateline_item || after_item || after_signature)) {
                    open(&mut cur, &mut seg, &mut pending_jumps);
                    if let Some(a) = cur.as_mut() {
                        a.briefs_after_item = after_item;
                    }
                }
                if let Some(a) = cur.as_mut() {
                    a.body.push(i);
                }
                i += 1;
            }
            // a sign-off in brackets after the text ((记者 张小雨 通讯员 王磊)) names its writers
            Role::Byline(_) if cur.as_ref().is_some_and(|a| !a.body.is_empty()) && ctx.is_sign_off(i) => {
                cur.as_mut().expect("has body").bylines.push(i);
                i += 1;
            }
            _ => {
                let mut end = i;
                let mut seen_title = false;
                while end < units.len() && is_head(&units[end].role) {
                    seen_title |= units[end].role == Role::Title;
                    end += 1;
                    // a picture item (title and caption, or a title naming its art form,
                    // 虎（中国画）, …（图片）) ends where the next title begins
                    let item_ends = matches!(units[end - 1].role, Role::Caption(_))
                        || (units[end - 1].role == Role::Title && lex.is_picture_item(units[end - 1].text()));
                    if seen_title && item_ends && units.get(end).is_some_and(|u| u.role == Role::Title) {
                        break;
                    }
                }
                // in a poem (or a run of title lines too long for a head: verse), a title
                // over its author's name, or one naming a picture, opens the next poem,
                // article or item; the lines before it are more verse
                let mut kicker_over_author = false;
                if end - i > MAX_TITLE_LINES + 1 || cur.as_ref().is_some_and(|a| ctx.is_verse(a)) {
                    let over_author = |m: usize| {
                        units[m].role == Role::Title
                            && units.get(m + 1).is_some_and(|n| {
                                matches!(n.role, Role::Byline(_))
                                    || (n.role == Role::Title && is_poets_name(&units[m], n, lex, lm))
                            })
                    };
                    let pictured = |m: usize| {
                        units[m].role == Role::Title
                            && (lex.is_picture_item(units[m].text()) || lex.is_photo_title(units[m].text()))
                    };
                    // (no verse goes on under a dateline: the title over one is a headline)
                    let over_dateline = |m: usize| {
                        m + 1 == end && ctx.opens_with_dateline(end) && row_number(units[m].text()).is_none()
                    };
                    let heads =
                        |m: usize| over_author(m) || pictured(m) || heads_new_list(units, m) || over_dateline(m);
                    if let Some(m) = (i + 1..end).find(|&m| heads(m)) {
                        // a flush line over it, after verse printed with an indent, is its kicker
                        // (…是唤你回家的那种声音 / 珠江奏鸣曲 / 一位陌生老人所知道的童志成 / 朱相达)
                        let indent = |k: usize| units[k].block.starts_paragraph;
                        let kicker = |k: usize| k > 0 && indent(k) == Some(false) && indent(k - 1) == Some(true);
                        if m >= i + 2 && kicker(m - 1) {
                            end = m - 1;
                        } else if m == i + 1 && kicker(i) {
                            kicker_over_author = true;
                        } else {
                            end = m;
                        }
                    }
                }
                let run = i..end;
                let titles: Vec<usize> = run.clone().filter(|&k| units[k].role == Role::Title).collect();
                let has_byline = run.clone().any(|k| matches!(units[k].role, Role::Byline(_)));
                if titles.is_empty() && !has_byline {
                    // captions (and 上接 lines) alone stay with the article they stand in,
                    // but a 上接 line after finished text opens the part of another story
                    // that goes on here ((上接第1版)另外，…)
                    let continues_other = run
                        .clone()
                        .any(|k| matches!(&units[k].role, Role::Jump(j) if j.kind == JumpKind::ContinuedFrom))
                        && cur.as_ref().is_some_and(|a| {
                            a.body.last().is_some_and(|&k| lex.ends_sentence(units[k].text()))
                                || a.jumps.iter().any(
                                    |&k| matches!(&units[k].role, Role::Jump(j) if j.kind == JumpKind::ContinuedOn),
                                )
                        });
                    if cur.is_none() || continues_other {
                        open(&mut cur, &mut seg, &mut pending_jumps);
                    }
                    let a = cur.as_mut().expect("opened");
                    for k in run {
                        attach_head_unit(a, units, k, lex, lm);
                    }
                    i = end;
                    continue;
                }
                // a byline under an article's lead paragraph (headline, lead, byline, text) is its own
                let byline_after_lead = titles.is_empty()
                    && cur.as_ref().is_some_and(|a| {
                        !a.titles.is_empty() && a.bylines.is_empty() && a.body.len() == 1 && a.captions.is_empty()
                    })
                    && units.get(end).is_some_and(|u| u.role == Role::Text && !u.dateline);
                // on a page that indents its paragraphs, lines of a head are set flush: a run
                // of several lines all printed with a paragraph's indent, after running text,
                // is the text's own (a list, a section and its writer), whatever their shapes,
                // unless a dateline paragraph opens under it
                let indented_run = end - i >= 2
                    && i > 0
                    && !ctx.opens_with_dateline(end)
                    && units[i - 1].role == Role::Text
                    && cur.as_ref().is_some_and(|a| !a.body.is_empty())
                    && (i..end).all(|k| {
                        matches!(units[k].role, Role::Title | Role::Byline(_))
                            && units[k].block.starts_paragraph == Some(true)
                    });
                let starts_article = !byline_after_lead
                    && !indented_run
                    && (has_byline || kicker_over_author || !ctx.inside_article(cur.as_ref(), &titles, end));
                // captions before the run's first title or byline close the article before it
                let mut run = run;
                if starts_article {
                    if let Some(a) = cur.as_mut() {
                        while run.start < run.end && matches!(units[run.start].role, Role::Caption(_)) {
                            a.captions.push(run.start);
                            run.start += 1;
                        }
                    }
                    open(&mut cur, &mut seg, &mut pending_jumps);
                }
                let verse = titles.len() > MAX_TITLE_LINES
                    || (!starts_article && cur.as_ref().is_some_and(|a| ctx.is_verse(a)));
                let a = cur.as_mut().expect("opened");
                for k in run {
                    let is_title = units[k].role == Role::Title;
                    if is_title && !starts_article {
                        a.body.push(k);
                        if verse {
                            a.verse.push(k);
                        } else {
                            a.intertitles.push(k);
                        }
                    } else if is_title && verse && a.titles.len() == 1 {
                        a.body.push(k);
                        a.verse.push(k);
                    } else {
                        attach_head_unit(a, units, k, lex, lm);
                    }
                }
                i = end;
            }
        }
    }
    if let Some(a) = cur.take() {
        seg.articles.push(a);
    }
    seg.articles = std::mem::take(&mut seg.articles).into_iter().flat_map(|a| ctx.split_trailing_briefs(a)).collect();
    if !pending_jumps.is_empty() {
        match seg.articles.last_mut() {
            Some(a) => a.jumps.extend(pending_jumps),
            None => seg.unassigned.extend(pending_jumps),
        }
    }
    seg.unassigned.sort_unstable();
    seg
}

fn attach_head_unit(a: &mut ArticleDraft, units: &[Unit], k: usize, lex: &Lexicon, lm: &LanguageModel) {
    match &units[k].role {
        Role::Title if !a.titles.is_empty() && parse_name_line(units[k].text(), lex, lm).is_some() => a.bylines.push(k),
        Role::Title => a.titles.push(k),
        Role::Byline(_) => a.bylines.push(k),
        Role::Caption(_) => a.captions.push(k),
        Role::Jump(_) => a.jumps.push(k),
        _ => a.body.push(k),
    }
}

/// What segmentation decisions consult about the page.
struct Context<'a> {
    units: &'a [Unit],
    lex: &'a Lexicon,
    lm: &'a LanguageModel,
    cohesion: &'a Cohesion,
    /// Whether the page's articles open with a byline or dateline as a rule.
    bylined_style: bool,
    /// Whether every article the page visibly opens (with more than a lone
    /// title line) carries a byline or a dateline, as modern papers print them.
    signs_articles: bool,
}

impl<'a> Context<'a> {
    fn new(units: &'a [Unit], cohesion: &'a Cohesion, lex: &'a Lexicon, lm: &'a LanguageModel) -> Self {
        let mut ctx = Context { units, lex, lm, cohesion, bylined_style: false, signs_articles: false };
        let runs = head_runs(units);
        let marked = runs.iter().filter(|r| ctx.run_is_marked(r)).count();
        ctx.bylined_style = runs.len() >= 3 && marked * 4 >= runs.len() * 3;
        // the runs that visibly open an article (a lone title line says nothing: it may
        // be an intertitle), each signed over its text or in a sign-off after it
        let opening: Vec<std::ops::Range<usize>> = runs
            .into_iter()
            .map(|r| if ctx.is_sign_off(r.start) { r.start + 1..r.end } else { r })
            .filter(|r| r.len() > 1 || (!r.is_empty() && ctx.run_is_marked(r)))
            .collect();
        ctx.signs_articles =
            opening.len() >= 2 && opening.iter().all(|r| ctx.run_is_marked(r) || ctx.signed_after(r.end));
        ctx
    }

    /// Whether unit `k` is a writers' sign-off in brackets after running text.
    fn is_sign_off(&self, k: usize) -> bool {
        k > 0
            && matches!(self.units[k].role, Role::Byline(_))
            && self.units[k - 1].role == Role::Text
            && crate::roles::sign_off_byline(self.units[k].text(), self.lex).is_some()
    }

    /// Whether the text from `k` on, through lone title lines (intertitles), ends
    /// in a sign-off before another head opens.
    fn signed_after(&self, k: usize) -> bool {
        let mut k = k;
        while k < self.units.len() {
            if self.is_sign_off(k) {
                return true;
            }
            let u = &self.units[k];
            let lone_title = u.role == Role::Title && self.units.get(k + 1).is_some_and(|n| n.role == Role::Text);
            if is_head(&u.role) && !lone_title {
                return false;
            }
            k += 1;
        }
        false
    }

    /// A head run with a byline in it or a dateline right after it.
    fn run_is_marked(&self, r: &std::ops::Range<usize>) -> bool {
        r.clone().any(|k| matches!(self.units[k].role, Role::Byline(_))) || self.opens_with_dateline(r.end)
    }

    fn opens_with_dateline(&self, i: usize) -> bool {
        self.units.get(i).is_some_and(|u| u.role == Role::Text && u.dateline)
    }

    fn follows_sentence_end(&self, i: usize) -> bool {
        i == 0 || self.lex.ends_sentence(self.units[i - 1].text()) || self.units[i - 1].role != Role::Text
    }

    /// Whether the article is a photo item with its caption given, or a
    /// brief after one, that paragraph `i` (on another subject) does not continue.
    fn closes_item(&self, a: &ArticleDraft, i: usize) -> bool {
        let photo = a.titles.iter().any(|&k| self.lex.is_photo_item(self.units[k].text()));
        if photo && self.lex.opens_with_picture_reference(self.units[i].text()) {
            // 图为… describes the item's own picture
            return false;
        }
        if photo && a.body.is_empty() && !a.captions.is_empty() {
            // the caption is all the text a photo item has
            return self.cohesion.cosine_of(&a.captions, &[i]) < SAME_REPORT_COSINE;
        }
        let brief = a.titles.is_empty() && a.bylines.is_empty() && a.briefs_after_item;
        if !(photo || brief) || !a.body.iter().any(|&k| self.lex.ends_sentence(self.units[k].text())) {
            return false;
        }
        self.cohesion.cosine_of(&a.body, &[i]) < SAME_REPORT_COSINE
    }

    /// Split off a run of two or more briefs at the end of an article: its
    /// last paragraphs, each sharing almost no vocabulary with anything else
    /// in the article, are news items of their own (a page's 简讯 column).
    fn split_trailing_briefs(&self, mut a: ArticleDraft) -> Vec<ArticleDraft> {
        if !a.verse.is_empty() {
            return vec![a];
        }
        // paragraphs as runs of units, by sentence ends and visible starts
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &k in &a.body {
            let starts = groups.last().is_none_or(|g| {
                let prev = *g.last().expect("non-empty");
                self.lex.ends_sentence(self.units[prev].text()) && self.units[k].block.starts_paragraph != Some(false)
                    || self.units[k].block.starts_paragraph == Some(true)
            });
            if starts {
                groups.push(vec![k]);
            } else if let Some(g) = groups.last_mut() {
                g.push(k);
            }
        }
        if groups.len() < 2 {
            return vec![a];
        }
        // the smallest cut after which every paragraph is long enough for a news item and
        // foreign to the article before the cut, the first and most of them opening like one
        let long = |g: &Vec<usize>| g.iter().map(|&k| self.units[k].block.text.len()).sum::<usize>() >= BRIEF_MIN_CHARS;
        // (in an article cut into sections, briefs follow the first paragraph of its last one)
        let last_section = a.body.iter().rposition(|k| a.intertitles.contains(k)).and_then(|t| {
            let first = a.body[t + 1..].iter().find(|k| !a.intertitles.contains(k))?;
            groups.iter().position(|g| g.contains(first))
        });
        let lowest = groups.len().saturating_sub(MAX_BRIEFS).max(last_section.map_or(1, |s| s + 1));
        let (mut cut, mut leads) = (groups.len(), 0);
        // (under a headline announcing a roundup, every paragraph opens on a place of its own)
        let roundup = a.titles.iter().any(|&k| self.lex.announces_roundup(self.units[k].text()));
        // each paragraph's vocabulary, news lead and leading place, made when first needed
        let mut profiles: Vec<Option<Profile>> = vec![None; groups.len()];
        let mut leads_news: Vec<Option<bool>> = vec![None; groups.len()];
        let mut places: Vec<Option<Option<String>>> = vec![None; groups.len()];
        let lead_of = |g: usize| self.units[groups[g][0]].text();
        let mut news_lead = |g: usize| *leads_news[g].get_or_insert_with(|| self.lex.opens_news_item(lead_of(g)));
        let mut new_place = |g: usize, c: usize| {
            let place = places[g].get_or_insert_with(|| self.leading_place(lead_of(g)));
            let mut before = a.titles.iter().chain(groups[..c].iter().flatten()).map(|&k| self.units[k].text());
            place.as_ref().is_some_and(|p| !before.any(|t| t.contains(p.as_str())))
        };
        for c in (lowest..groups.len()).rev() {
            if !long(&groups[c]) {
                break;
            }
            // a news item opens with its source or date, or names a place the article before
            // it never mentions (新疆吐鲁番…, 香港股市…)
            // (a paragraph opening on no named source, 据悉，… 据统计，…, goes on a report)
            let news = (news_lead(c) && !self.lex.opens_with_hearsay(lead_of(c))) || (!roundup && new_place(c, c));
            leads += usize::from(news);
            let run_len = groups.len() - c;
            if !news || leads * 2 < run_len {
                continue;
            }
            // the article keeps text enough for one, and a paragraph announcing what
            // follows (新年有“三愿”：) keeps what it announces
            let before = groups[..c].concat();
            let announces = before.last().is_some_and(|&k| self.units[k].text().trim_end().ends_with(['：', ':']));
            if announces || !long(&before) {
                continue;
            }
            let host: Vec<usize> = a.titles.iter().copied().chain(groups[..c].iter().flatten().copied()).collect();
            let host = self.cohesion.profile(&host);
            // a lone brief must be all the more foreign
            let limit = if run_len == 1 { BRIEF_COSINE / 4.0 } else { BRIEF_COSINE };
            let foreign = (c..groups.len()).all(|g| {
                let p = profiles[g].get_or_insert_with(|| self.cohesion.profile(&groups[g]));
                // a brief whose news lead opens on a place the article never names may share
                // more of its common words (总统, 政府) and still be news of its own
                let cosine = p.cosine(&host);
                if cosine < limit {
                    return true;
                }
                let elsewhere = !roundup && news_lead(g) && new_place(g, c);
                elsewhere && cosine < limit * NEW_PLACE_FACTOR
            });
            // a combined headline announcing the run's subject keeps it (…印尼菲律宾货币汇率再跌)
            let announced = || {
                let (before, run) = (groups[..c].concat(), groups[c..].concat());
                self.cohesion.announced(&a.titles, &before, &run) >= ANNOUNCED_BIGRAMS
            };
            if foreign && !announced() {
                cut = c;
            }
        }
        if cut == groups.len() {
            return vec![a];
        }
        let tail: Vec<Vec<usize>> = groups.drain(cut..).collect();
        a.body = groups.concat();
        let mut out = vec![a];
        out.extend(tail.into_iter().map(|g| ArticleDraft { body: g, ..Default::default() }));
        out
    }

    /// The place name a text opens with (新疆…, 香港…), not a team's (辽宁沈飞客车队).
    fn leading_place(&self, text: &str) -> Option<String> {
        if self.lex.names_team_first(text) {
            return None;
        }
        self.lm.leading_place_name(text)
    }

    /// Whether the text from unit `i` on goes on with the vocabulary of the
    /// article so far (a report filed from two places, under two datelines).
    fn continues_topic(&self, a: &ArticleDraft, i: usize) -> bool {
        let after = self.text_after(i);
        self.cohesion.cosine_of(&self.article_units(a), &after) >= SAME_REPORT_COSINE
            || self.cohesion.announced(&a.titles, &a.body, &after) >= ANNOUNCED_BIGRAMS
    }

    /// Whether paragraph `i` opens the next item of a series of headless wire
    /// briefs: the article has no head and opens under a dateline of the same
    /// agency (新华社石家庄１月１３日电… then 新华社呼和浩特１月１３日电…), however
    /// alike their subjects.
    fn next_in_wire_series(&self, a: &ArticleDraft, i: usize) -> bool {
        let agency = |k: usize| parse_dateline(self.units[k].text(), None, self.lex).and_then(|(d, _)| d.agency);
        let Some(&first) = a.body.first() else { return false };
        a.titles.is_empty()
            && a.bylines.is_empty()
            && self.units[first].dateline
            && !self.lex.starts_mid_sentence(self.units[first].text())
            // (a piece that finishes the sentence before it, even a lone 。, is no displaced one)
            && a.body.windows(2).all(|w| {
                !self.lex.starts_mid_sentence(self.units[w[1]].text())
                    || runs_on(&self.units[w[0]], &self.units[w[1]], self.lex, self.lm)
            })
            && agency(first).is_some_and(|x| agency(i).is_some_and(|y| x == y))
    }

    /// Whether paragraph `i` opens under the very dateline (agency, place and date) of
    /// a paragraph of the headed article so far: one more report of a roundup filed
    /// under its headline (本报南京１月８日电… （梁文龙） 本报南京１月８日电…).
    fn repeats_dateline(&self, a: &ArticleDraft, i: usize) -> bool {
        // a bare outlet (本报讯) names no place or day, and heads every brief of a column
        let dl = |k: usize| {
            parse_dateline(self.units[k].text(), None, self.lex)
                .filter(|(d, _)| d.place.is_some() || d.text.contains('日'))
                .map(|(d, _)| d.text)
        };
        !a.titles.is_empty()
            && dl(i).is_some_and(|d| a.body.iter().any(|&k| self.units[k].dateline && dl(k).as_ref() == Some(&d)))
    }

    /// Whether unit `k` is numbered next after a numbered unit of the article (１、… then ２、…).
    fn next_in_list(&self, a: &ArticleDraft, k: usize) -> bool {
        let n = self.lex.list_number(self.units[k].text()).filter(|&n| n > 1);
        n.is_some_and(|n| {
            a.titles.iter().chain(&a.body).any(|&j| self.lex.list_number(self.units[j].text()) == Some(n - 1))
        })
    }

    /// The article's title and body units.
    fn article_units(&self, a: &ArticleDraft) -> Vec<usize> {
        a.titles.iter().chain(a.body.iter()).copied().collect()
    }

    /// Up to three units of running text from `i` on.
    fn text_after(&self, i: usize) -> Vec<usize> {
        (i..self.units.len()).take_while(|&k| self.units[k].role == Role::Text).take(3).collect()
    }

    /// Whether an article so far reads as verse: lines of it marked so, or
    /// most of its text in short lines printed one by one.
    fn is_verse(&self, a: &ArticleDraft) -> bool {
        if !a.verse.is_empty() {
            return true;
        }
        let lines: Vec<usize> = a.body.iter().copied().filter(|k| !a.intertitles.contains(k)).collect();
        let short = lines.iter().filter(|&&k| self.is_verse_line(&self.units[k])).count();
        lines.len() >= VERSE_MIN_LINES && short * 4 >= lines.len() * 3
    }

    /// A line that may be a line of verse: printed alone, and short.
    fn is_verse_line(&self, u: &Unit) -> bool {
        matches!(u.role, Role::Text | Role::Title) && u.block.line_count == 1 && u.block.text.len() <= VERSE_LINE_CHARS
    }

    /// Whether title lines (ending before `after`) belong inside the current article.
    fn inside_article(&self, cur: Option<&ArticleDraft>, titles: &[usize], after: usize) -> bool {
        let Some(a) = cur else { return false };
        // the next numbered heading of a list the article opened (１、大江截流… ２、棉堆如山…)
        if titles.len() == 1 && self.next_in_list(a, titles[0]) {
            return true;
        }
        if a.body.is_empty() {
            return false;
        }
        // the list of an article's pictures ends it
        if titles[0] > 0 && self.units[titles[0] - 1].picture_list {
            return false;
        }
        let signed_off = titles[0] > 0 && self.lex.ends_with_signature(self.units[titles[0] - 1].text());
        // (a displaced piece of the article's text, starting mid-sentence, may stand
        // between its head and its dateline paragraph)
        let displaced = || {
            self.units[after].role == Role::Text
                && (self.units[after].block.starts_paragraph == Some(false)
                    || self.lm.starts_mid_sentence(self.units[after].text(), self.lex))
                && self.opens_with_dateline(after + 1)
        };
        if self.opens_with_dateline(after) || (after < self.units.len() && displaced()) {
            // a place name over a dateline is a section of a roundup (四川 / 本报成都电…)
            // unless the text before it was signed off
            return !signed_off && titles.len() == 1 && self.lm.is_place_name(self.units[titles[0]].text());
        }
        // more lines of a poem go on it, unless a new poem opens with its author's name
        let more_verse = titles.len() > MAX_TITLE_LINES || self.units.get(after).is_some_and(|u| self.is_verse_line(u));
        if more_verse && self.is_verse(a) {
            if heads_new_list(self.units, titles[0]) {
                return false;
            }
            // (the author's line is the one under the new poem's title)
            let author = titles.get(1).map(|&k| &self.units[k]).or_else(|| self.units.get(after));
            let title = &self.units[titles[0]];
            let named = author.is_some_and(|u| is_poets_name(title, u, self.lex, self.lm));
            let pictured = titles.iter().any(|&k| {
                let t = self.units[k].text();
                self.lex.is_photo_title(t) || self.lex.is_picture_item(t)
            });
            return !named && !pictured;
        }
        if titles.len() > MAX_TITLE_LINES {
            // verse inside an article goes on its text; a poem after prose starts one
            return false;
        }
        if titles.len() != 1 {
            return false;
        }
        let t = self.units[titles[0]].text();
        if t.chars().count() > 24 || self.lex.is_photo_title(t) {
            return false;
        }
        if self.lex.is_enumerated(t) {
            return true;
        }
        // after a closing signature or dateline (…。（新华社…电）, （李志勇）) a new article begins
        if signed_off {
            return false;
        }
        // a title over bulleted items (友好往来 / ▲韩国总统… ▲斯里兰卡…), under an article
        // none of whose text is bulleted, heads a column of items of its own; a place
        // name over them is a section of a roundup (顺德市 / ▲一九九四年起…)
        let bulleted =
            |k: &usize| self.units[*k].role == Role::Text && self.lex.opens_with_bullet(self.units[*k].text());
        if self.units.get(after).is_some_and(|u| u.role == Role::Text && self.lex.opens_with_bullet(u.text()))
            && !a.body.iter().any(bulleted)
            && !self.lm.is_place_name(t)
        {
            return false;
        }
        // on a page whose articles carry bylines or datelines, a short lone line over a
        // new paragraph of an article that carried one is a section of it (a line over
        // text cut mid-sentence may head an article whose first column was displaced)
        let signed = !a.bylines.is_empty()
            || a.body.first().is_some_and(|&k| self.units[k].dateline)
            || self.signed_after(after);
        let opens_paragraph = self.units.get(after).is_some_and(|u| match u.block.starts_paragraph {
            Some(s) => s,
            None => !self.lm.starts_mid_sentence(u.text(), self.lex),
        });
        if self.signs_articles
            && signed
            && opens_paragraph
            && t.chars().count() <= INTERTITLE_CHARS
            && !t.contains("——")
        {
            return true;
        }
        let e = self.title_evidence(a, titles[0], after);
        #[cfg(feature = "trace")]
        eprintln!("HEADLINE\t{t}\t{}", e.features().iter().map(|x| format!("{x:.5}")).collect::<Vec<_>>().join("\t"));
        e.headline_log_odds() < 0.0
    }

    /// The evidence on a lone title line `title` inside article `a`, whose text goes on at `after`.
    fn title_evidence(&self, a: &ArticleDraft, title: usize, after: usize) -> TitleEvidence {
        let t = self.units[title].text();
        let chars = |k: usize| self.units[k].block.text.len();
        let following = self.text_after(after);
        let section_end =
            (after..self.units.len()).find(|&k| self.units[k].role != Role::Text).unwrap_or(self.units.len());
        let (after_words, title_words) = (self.cohesion.profile(&following), self.cohesion.profile(&[title]));
        // the article's vocabulary, and its body's: the article's without its head
        let article = self.cohesion.profile(&self.article_units(a));
        let body = article.without(&self.cohesion.profile(&a.titles));
        TitleEvidence {
            chars: t.chars().count(),
            cosine: article.cosine(&after_words),
            title_after: title_words.cosine(&after_words),
            title_body: title_words.cosine(&body),
            prev_ends_sentence: title > 0 && self.lex.ends_sentence(self.units[title - 1].text()),
            dash: t.contains("——"),
            punctuated: t.contains(['！', '？', '：', '『', '“', '，', '!', '?']),
            bylined_page: self.bylined_style,
            paragraphs: a.body.len(),
            section_chars: (after..section_end).map(chars).sum(),
            body_chars: a.body.iter().map(|&k| chars(k)).sum(),
            has_title: !a.titles.is_empty(),
            has_intertitle: !a.intertitles.is_empty(),
            title_covered: self.cohesion.share_in_profile(title, &article),
            indented: self.units[title].block.starts_paragraph,
        }
    }
}
