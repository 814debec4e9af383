//! Reading order and paragraph joins.
//!
//! Extraction cuts paragraphs at column breaks and sometimes prints a column
//! out of place, often before its own article's headline. Both are decided
//! from how text continues: sentence ends, characters no sentence starts
//! with, quote balance, words that run across the break, visible indents,
//! and the vocabulary a displaced run shares with each candidate article.

use rustc_hash::FxHashSet as HashSet;

use crate::blocks::Block;
use crate::lexicon::Lexicon;
use crate::lm::{Cohesion, LanguageModel, Profile};
use crate::model::{BlockKind, JumpKind};
use crate::roles::{quote_depth, Role};
use crate::segment::{ArticleDraft, Unit};
use crate::text::MappedText;

/// A paragraph or intertitle of an article body, with its source offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Paragraph or intertitle.
    pub kind: BlockKind,
    /// The text.
    pub text: MappedText,
}

/// How strongly `right` reads as the continuation of the text `left`.
/// Positive: join; negative: a new paragraph.
pub fn continuation(left: &str, right: &Unit, lex: &Lexicon, lm: &LanguageModel) -> f64 {
    weigh_continuation(left, right.text(), right.block.starts_paragraph, right.early_closers, lex, lm)
}

/// Closing quotes and brackets in the first characters of a text that it does not open.
pub fn early_closers(text: &str) -> usize {
    quote_depth(head_chars(text, QUOTE_REACH)).1
}

/// [`continuation`] of a text `rt` that visibly starts a paragraph, or not, or does not say.
fn continuation_of(left: &str, rt: &str, starts_paragraph: Option<bool>, lex: &Lexicon, lm: &LanguageModel) -> f64 {
    weigh_continuation(left, rt, starts_paragraph, early_closers(rt), lex, lm)
}

fn weigh_continuation(
    left: &str,
    rt: &str,
    starts_paragraph: Option<bool>,
    unopened: usize,
    lex: &Lexicon,
    lm: &LanguageModel,
) -> f64 {
    // a closing note (…。（新华社发）, …小区。（王明摄）) ends its paragraph, whatever
    // follows, and so does the line heading a list of pictures (图片：)
    if lex.ends_with_signature(left) || lex.is_picture_list(left) {
        return -3.0;
    }
    let ended = lex.ends_sentence(left);
    let mut s = if ended { -2.0 } else { 1.0 };
    // punctuation after a sentence end (…理念。 / 。你是…) is no continuation of it,
    // unless it closes a quote left open (…就想哭。 / ”负责…)
    let quote_open = || quote_depth(tail_chars(left, QUOTE_REACH)).0 > 0;
    if ended
        && rt.chars().next().is_some_and(|c| lex.is_sentence_end(c) || matches!(c, '，' | '、' | '；' | '：'))
        && !(unopened > 0 && rt.starts_with(['”', '’', '」', '』']) && quote_open())
        && !left.ends_with(CLOSERS)
    {
        s -= 4.0;
    }
    let mid = lm.starts_mid_sentence(rt, lex);
    if mid {
        s += 3.0;
    }
    match starts_paragraph {
        Some(false) => s += 3.0,
        Some(true) => s -= 3.0,
        None => {}
    }
    // quotes open near the break, and closers early in what follows, are what matter
    if unopened > 0 {
        let (open, _) = quote_depth(tail_chars(left, QUOTE_REACH));
        s += if open > 0 { 3.0 } else { -1.0 };
    }
    let crossing = if ended { 0.0 } else { lm.junction(left, rt).clamp(0.0, 8.0) / 2.0 };
    s += crossing;
    // a numbered item or a dash-led line starts a paragraph of its own
    // (unless a number or a dash was cut in two: …由１９９ / ２、１９９３…, 一半—— / —１５００元)
    let cut_number = lex.ends_in_number(left);
    let cut_dash = left.ends_with('—') && rt.starts_with('—');
    if (lex.is_enumerated(rt) && !cut_number) || (rt.starts_with(['—', '●', '■', '◆', '★', '△', '○']) && !cut_dash)
    {
        s -= 3.0;
    }
    // two short lines, neither running into the other, are lines of verse or a list
    let short = |t: &str| t.chars().nth(SHORT_LINE).is_none();
    // (the last line of the text before is looked for only when the rest holds)
    let last_line = || left.rsplit('\n').next().unwrap_or(left);
    if crossing < 1.0 && !mid && short(rt) && short(last_line()) {
        s -= 2.0;
    }
    s
}

/// Closing quotes and brackets, after which a sentence's own punctuation may follow (…发展” / 。这是…).
const CLOSERS: [char; 6] = ['”', '’', '）', '》', '」', '』'];

/// Lines this short on both sides of a break are verse or list lines, not a cut paragraph.
const SHORT_LINE: usize = 16;

/// How far from a break quotes are balanced, in characters.
const QUOTE_REACH: usize = 100;

/// The last `n` characters of `s` (at least one), as a slice.
fn tail_chars(s: &str, n: usize) -> &str {
    // (stepping back over the bytes that continue a character)
    let b = s.as_bytes();
    let mut i = b.len();
    for _ in 0..n.max(1) {
        if i == 0 {
            return s;
        }
        i -= 1;
        while i > 0 && b[i] & 0xC0 == 0x80 {
            i -= 1;
        }
    }
    &s[i..]
}

/// The first `n` characters of `s`, as a slice.
fn head_chars(s: &str, n: usize) -> &str {
    // (stepping over characters by their lead bytes)
    let b = s.as_bytes();
    let mut i = 0;
    for _ in 0..n {
        match b.get(i) {
            Some(&x) => i += crate::roles::utf8_len(x),
            None => return s,
        }
    }
    &s[..i.min(s.len())]
}

/// The least continuation score at which two pieces become one paragraph.
pub const JOIN_THRESHOLD: f64 = 0.5;

/// Whether a body unit visibly starts in the middle of a paragraph.
pub fn starts_mid_paragraph(u: &Unit, lex: &Lexicon) -> bool {
    u.block.starts_paragraph == Some(false) || lex.starts_mid_sentence(u.text()) || {
        let text = u.text();
        let first_clause = &text[..text.find(['，', '。']).unwrap_or(text.len())];
        quote_depth(first_clause).1 > 0
    }
}

/// An article whose body opens mid-paragraph, with its dateline paragraph
/// further down, had its first column printed after a later one: bring the
/// run from the dateline on to the front.
fn rotate_to_dateline(units: &[Unit], a: &mut ArticleDraft, lex: &Lexicon, lm: &LanguageModel) {
    let Some(&first) = a.body.first() else { return };
    if a.intertitles.contains(&first) || !starts_mid_paragraph(&units[first], lex) {
        return;
    }
    let Some(s) = a.body.iter().position(|&k| units[k].dateline) else {
        return;
    };
    let last = *a.body.last().expect("non-empty");
    if s == 0 || a.body[s..].iter().any(|k| a.intertitles.contains(k)) {
        return;
    }
    if continuation(units[last].text(), &units[first], lex, lm) > JOIN_THRESHOLD {
        a.body.rotate_left(s);
    }
}

/// The text of headless `h`, printed right after titled `a`, when it is `a`'s
/// first column printed after a later one: `a`'s text opens mid-paragraph and
/// `h`'s last piece reads into it (a column ending in a signature, …（章文）,
/// made `h` an article of its own).
fn swapped_lead(
    units: &[Unit],
    a: &ArticleDraft,
    h: &ArticleDraft,
    lex: &Lexicon,
    lm: &LanguageModel,
) -> Option<Vec<usize>> {
    let (&first, &h_first, &h_last) = (a.body.first()?, h.body.first()?, h.body.last()?);
    // (a photo item's text may yet move on whole: it is left as it is)
    if a.titles.is_empty()
        || gives_all(a)
        || a.intertitles.contains(&first)
        || !starts_mid_paragraph(&units[first], lex)
    {
        return None;
    }
    if !is_bare(h) || h.body.len() > MAX_RUN || !h.intertitles.is_empty() || starts_mid_paragraph(&units[h_first], lex)
    {
        return None;
    }
    (continuation(units[h_last].text(), &units[first], lex, lm) > JOIN_THRESHOLD).then(|| h.body.clone())
}

/// Put displaced runs of text back in the article they continue.
/// A unit may be cut in two where a displaced column left no visible gap;
/// the second half is added at the end of `units` (and of `cohesion`).
pub fn repair_order(
    units: &mut Vec<Unit>,
    arts: &mut [ArticleDraft],
    cohesion: &mut Cohesion,
    lex: &Lexicon,
    lm: &LanguageModel,
) {
    for a in arts.iter_mut() {
        rotate_to_dateline(units, a, lex, lm);
    }
    if arts.len() < 2 {
        return;
    }
    for i in 0..arts.len() - 1 {
        if let Some(run) = swapped_lead(units, &arts[i], &arts[i + 1], lex, lm) {
            arts[i + 1].body.clear();
            arts[i].body.splice(0..0, run);
        }
    }
    let mut ai = 0;
    let mut memo = ProfileMemo::default();
    while ai + 1 < arts.len() {
        // a draft that may give all its text away takes the headless drafts after it
        // along: a column printed before its headline, cut into paragraphs
        let mut end = ai + 1;
        if gives_all(&arts[ai]) {
            while end + 1 < arts.len() && is_bare(&arts[end]) {
                end += 1;
            }
        }
        let (p, owners) = joined(arts, ai, end);
        open_hidden_gap(units, &p, &mut arts[end], cohesion, lex, lm);
        let before = ai.checked_sub(1).map(|b| &arts[b]);
        // a headless run may move on weaker evidence when its words are the
        // next article's rather than the one printed before it
        let found = best_move(units, &p, &arts[end], lex, lm, cohesion)
            .filter(|&(t, _, _)| {
                t > MOVE_THRESHOLD
                    || (t > BARE_MOVE_THRESHOLD && gives_all(&p) && leans_to(&p, &arts[end], before, cohesion))
            })
            .map(|(_, s, j)| (s, j))
            .or_else(|| move_by_vocabulary(units, &p, &arts[end], cohesion, &mut memo, lex, lm))
            .or_else(|| headless_into_dangling_end(units, &p, &arts[end], before, cohesion, lex, lm));
        if let Some((s, j)) = found {
            move_run(arts, &p, &owners, s, j, end);
            // what a headless run keeps after a move may join the article on vocabulary
            let (rest, owners) = joined(arts, ai, end);
            let bare_move = || move_by_vocabulary(units, &rest, &arts[end], cohesion, &mut memo, lex, lm);
            if let Some((s, j)) = is_bare(&rest).then(bare_move).flatten() {
                move_run(arts, &rest, &owners, s, j, end);
            }
        }
        ai = end;
    }
    adopt_trailing_titles(arts, cohesion);
}

/// How many of a title's word pairs the story it heads must hold, beyond
/// what the article after it holds, for a title printed after its story.
const TRAILING_TITLE_BIGRAMS: usize = 2;

/// A title block printed after its story (the text layer of an e-paper
/// often puts a headline below the columns it heads): a title with no text
/// of its own goes on top of the headless article before it, when that
/// article holds its words and the one after it does not hold more.
fn adopt_trailing_titles(arts: &mut [ArticleDraft], cohesion: &Cohesion) {
    for j in 1..arts.len() {
        let t = &arts[j];
        let orphan = !t.titles.is_empty() && t.body.is_empty() && t.captions.is_empty() && t.bylines.is_empty();
        let prev = &arts[j - 1];
        if !orphan || !prev.titles.is_empty() || prev.body.is_empty() {
            continue;
        }
        let held = cohesion.announced(&t.titles, &[], &prev.body);
        let after = arts.get(j + 1).map_or(0, |n| cohesion.announced(&t.titles, &[], &n.body));
        if held >= TRAILING_TITLE_BIGRAMS && held > after {
            let titles = std::mem::take(&mut arts[j].titles);
            let jumps = std::mem::take(&mut arts[j].jumps);
            arts[j - 1].titles = titles;
            arts[j - 1].jumps.extend(jumps);
        }
    }
}

/// The vocabularies of the last few articles asked about: each article is
/// weighed as the one a run may go to, then as the one runs may leave.
#[derive(Default)]
struct ProfileMemo {
    recent: Vec<(Vec<usize>, std::rc::Rc<Profile>)>,
}

impl ProfileMemo {
    fn of(&mut self, cohesion: &Cohesion, units: Vec<usize>) -> std::rc::Rc<Profile> {
        if let Some((_, p)) = self.recent.iter().find(|(u, _)| *u == units) {
            return p.clone();
        }
        let p = std::rc::Rc::new(cohesion.profile(&units));
        if self.recent.len() >= 4 {
            self.recent.remove(0);
        }
        self.recent.push((units, p.clone()));
        p
    }
}

/// Drafts `ai..end` as one draft, and the draft each of its body units came from.
fn joined(arts: &[ArticleDraft], ai: usize, end: usize) -> (ArticleDraft, Vec<usize>) {
    let mut p = arts[ai].clone();
    let owners: Vec<usize> = (ai..end).flat_map(|d| std::iter::repeat_n(d, arts[d].body.len())).collect();
    for d in &arts[ai + 1..end] {
        p.body.extend_from_slice(&d.body);
    }
    (p, owners)
}

/// Move the run `p.body[s..]` from the drafts it came from into draft `end` at `j`.
fn move_run(arts: &mut [ArticleDraft], p: &ArticleDraft, owners: &[usize], s: usize, j: usize, end: usize) {
    let run: Vec<usize> = p.body[s..].to_vec();
    for (&k, &d) in run.iter().zip(&owners[s..]) {
        arts[d].body.retain(|&x| x != k);
    }
    let a = &mut arts[end];
    let at = j.min(a.body.len());
    a.body.splice(at..at, run);
}

/// A run at the end of `p` that the vocabulary alone says belongs to the
/// next article `a`, where no sentence dangles to say so: a headless run of
/// whole paragraphs printed right before `a`'s head that shares `a`'s
/// vocabulary, or the last paragraphs of an article that share far more of
/// `a`'s vocabulary than of their own (a column of `a` printed before its
/// headline). It goes where its ends read best into `a`'s text, else at
/// its end.
fn move_by_vocabulary(
    units: &[Unit],
    p: &ArticleDraft,
    a: &ArticleDraft,
    cohesion: &Cohesion,
    memo: &mut ProfileMemo,
    lex: &Lexicon,
    lm: &LanguageModel,
) -> Option<(usize, usize)> {
    let n = p.body.len();
    if n == 0 || a.titles.is_empty() || a.body.is_empty() {
        return None;
    }
    let s = if is_bare(p) {
        let a_words = memo.of(cohesion, a.titles.iter().chain(&a.body).copied().collect());
        (n <= MAX_RUN && cohesion.profile(&p.body).cosine(&a_words) >= BARE_COSINE).then_some(0)?
    } else {
        tail_by_vocabulary(p, a, cohesion, memo)?
    };
    Some((s, best_place(units, a, p.body[s], p.body[n - 1], lex, lm)))
}

/// Where the last paragraphs of titled `p` that are about `a` begin.
fn tail_by_vocabulary(
    p: &ArticleDraft,
    a: &ArticleDraft,
    cohesion: &Cohesion,
    memo: &mut ProfileMemo,
) -> Option<usize> {
    let n = p.body.len();
    if p.titles.is_empty() || n < 3 || !p.intertitles.is_empty() {
        return None;
    }
    // a cheap first look: the last paragraph shares words with the article's head and lead
    let lead: Vec<usize> = a.titles.iter().chain(a.body.iter().take(2)).copied().collect();
    if cohesion.share_of(p.body[n - 1], &cohesion.set_of(&lead)) < LEAD_SHARE {
        return None;
    }
    let a_words = memo.of(cohesion, a.titles.iter().chain(&a.body).copied().collect());
    let p_words = memo.of(cohesion, p.titles.iter().chain(&p.body).copied().collect());
    let mut cut = None;
    for s in (n.saturating_sub(MAX_RUN).max(n.div_ceil(2))..n).rev() {
        let run = cohesion.profile(&p.body[s..]);
        let (with_a, with_rest) = (run.cosine(&a_words), run.cosine(&p_words.without(&run)));
        if with_a < BARE_COSINE || with_a < TAIL_LEAD * with_rest {
            break;
        }
        cut = Some(s);
    }
    cut
}

/// Where in `a` a run from `first` to `last` reads best: after a unit it
/// continues, before one that continues it; at the end when nothing says.
fn best_place(units: &[Unit], a: &ArticleDraft, first: usize, last: usize, lex: &Lexicon, lm: &LanguageModel) -> usize {
    let text = |k: usize| units[k].text();
    // (what the run parts counts against it: a text that visibly runs on is no gap)
    let fit = |j: usize| {
        let into = continuation(text(a.body[j - 1]), &units[first], lex, lm);
        let out = a.body.get(j).map_or(0.0, |&y| continuation(text(last), &units[y], lex, lm));
        let as_is = a.body.get(j).map_or(0.0, |&y| continuation(text(a.body[j - 1]), &units[y], lex, lm));
        into.max(0.0) + out.max(0.0) - as_is.max(0.0)
    };
    (1..=a.body.len())
        .max_by(|&x, &y| fit(x).total_cmp(&fit(y)).then(x.cmp(&y)))
        .filter(|&j| fit(j) > 0.0)
        .unwrap_or(a.body.len())
}

/// A headless run of text (or a photo item's), printed right before `a`'s
/// head, that `a`'s dangling last sentence runs into: a column of `a`
/// printed out of place, when its vocabulary is `a`'s rather than that of
/// the article printed before it. It goes at `a`'s end.
fn headless_into_dangling_end(
    units: &[Unit],
    p: &ArticleDraft,
    a: &ArticleDraft,
    before: Option<&ArticleDraft>,
    cohesion: &Cohesion,
    lex: &Lexicon,
    lm: &LanguageModel,
) -> Option<(usize, usize)> {
    let (&first, &a_last) = (p.body.first()?, a.body.last()?);
    if !gives_all(p) || p.body.len() > MAX_RUN || !p.intertitles.is_empty() || a.titles.is_empty() {
        return None;
    }
    if a.intertitles.contains(&a_last) || continues_elsewhere(a, units) || lex.ends_sentence(units[a_last].text()) {
        return None;
    }
    if continuation(units[a_last].text(), &units[first], lex, lm) <= JOIN_THRESHOLD {
        return None;
    }
    leans_to(p, a, before, cohesion).then_some((0, a.body.len()))
}

/// Whether the body of headless `p` shares more words with `a` than with
/// the article printed before it.
fn leans_to(p: &ArticleDraft, a: &ArticleDraft, before: Option<&ArticleDraft>, cohesion: &Cohesion) -> bool {
    let words = |d: &ArticleDraft| -> Vec<usize> { d.titles.iter().chain(&d.body).copied().collect() };
    let with_before = before.map_or(0.0, |b| cohesion.cosine_of(&p.body, &words(b)));
    cohesion.cosine_of(&p.body, &words(a)) > with_before
}

/// The least share of a tail's last paragraph's vocabulary found in the next
/// article's head and lead before it is weighed as a moved tail at all.
const LEAD_SHARE: f64 = 0.04;

/// How many times more alike a moved tail must be to the next article than to its own.
const TAIL_LEAD: f64 = 3.0;

/// The least cosine similarity between such a run and the article it joins
/// (below it, a paragraph is foreign to an article: [`BRIEF_COSINE`](crate::segment::BRIEF_COSINE)).
const BARE_COSINE: f64 = 0.05;

/// On a hard-wrapped page a column cut out of an article may leave no
/// visible gap: the lines before and after it were joined into one block.
/// When the run at the end of `p` (starting mid-paragraph after a visible
/// cut, and dangling) reads into a line break inside a block of `a` far
/// better than that block's two lines read into each other, cut the block
/// there, so that [`best_move`] can weigh the gap like any other.
fn open_hidden_gap(
    units: &mut Vec<Unit>,
    p: &ArticleDraft,
    a: &mut ArticleDraft,
    cohesion: &mut Cohesion,
    lex: &Lexicon,
    lm: &LanguageModel,
) {
    let n = p.body.len();
    let Some(&last) = p.body.last() else { return };
    if a.body.is_empty() || p.intertitles.contains(&last) || lex.ends_sentence(units[last].text()) {
        return;
    }
    let visible_cut = |s: usize| {
        let u = &units[p.body[s]];
        let prev = (s > 0).then(|| units[p.body[s - 1]].text());
        starts_mid_paragraph(u, lex)
            && prev.is_none_or(|t| lex.ends_sentence(t) || continuation(t, u, lex, lm) <= JOIN_THRESHOLD)
    };
    let Some(s) = (n.saturating_sub(MAX_RUN)..n).rev().find(|&s| visible_cut(s)) else { return };
    if p.body[s..].iter().any(|k| p.intertitles.contains(k)) {
        return;
    }
    let first = p.body[s];
    let mut best: Option<(f64, usize, usize)> = None;
    for (at, &k) in a.body.iter().enumerate() {
        if a.intertitles.contains(&k) || units[k].role != Role::Text {
            continue;
        }
        let t = &units[k].block.text;
        let starts = t.line_starts();
        if starts.is_empty() {
            continue;
        }
        let bytes: Vec<usize> = t.as_str().char_indices().map(|(i, _)| i).collect();
        for b in starts {
            let (left, right) = t.as_str().split_at(bytes[b]);
            if lex.ends_sentence(left) {
                continue;
            }
            let as_is = continuation_of(left, right, None, lex, lm);
            let gain = continuation(left, &units[first], lex, lm)
                + continuation_of(units[last].text(), right, None, lex, lm)
                - as_is;
            if best.is_none_or(|(g, _, _)| gain > g) {
                best = Some((gain, at, b));
            }
        }
    }
    let Some((_, at, b)) = best.filter(|&(g, _, _)| g > HIDDEN_GAP_GAIN) else { return };
    // the run must also share more words with `a` than with the rest of `p`
    let run = &p.body[s..];
    let rest: Vec<usize> = p.titles.iter().chain(&p.body[..s]).copied().collect();
    let a_units: Vec<usize> = a.titles.iter().chain(&a.body).copied().collect();
    if cohesion.cosine_of(run, &a_units) <= cohesion.cosine_of(run, &rest) {
        return;
    }
    let k = a.body[at];
    let t = units[k].block.text.clone();
    let lines_left = 1 + t.line_starts().iter().filter(|&&x| x < b).count();
    let mut right = loose_piece(t.slice(b, t.len()));
    right.block.starts_paragraph = Some(false);
    right.block.line_count = units[k].block.line_count.saturating_sub(lines_left).max(1);
    units[k].block.text = t.slice(0, b);
    units[k].block.line_count = lines_left;
    units[k].early_closers = early_closers(units[k].text());
    cohesion.set_unit(k, units[k].text());
    cohesion.set_unit(units.len(), right.text());
    a.body.insert(at + 1, units.len());
    units.push(right);
}

/// A piece of running text cut from a block.
fn loose_piece(text: MappedText) -> Unit {
    let early_closers = early_closers(text.as_str());
    Unit {
        block: Block { text, starts_paragraph: None, line_count: 1, wider_than_column: false, indented: false },
        role: Role::Text,
        dateline: false,
        picture_list: false,
        early_closers,
    }
}

/// How much better a displaced run must read into a line break inside a
/// block than the block's own lines read into each other (5.0 until the
/// fifth session; 2.0 measures alike on the 1998 development pages).
const HIDDEN_GAP_GAIN: f64 = 3.0;

/// A draft of nothing but text.
fn is_bare(d: &ArticleDraft) -> bool {
    d.titles.is_empty() && d.bylines.is_empty() && d.captions.is_empty() && d.jumps.is_empty()
}

/// A draft whose text may move away whole: bare text, or a photo item, whose
/// caption is all the text it needs.
fn gives_all(d: &ArticleDraft) -> bool {
    is_bare(d) || (!d.captions.is_empty() && d.bylines.is_empty() && d.jumps.is_empty())
}

fn continues_elsewhere(a: &ArticleDraft, units: &[Unit]) -> bool {
    a.jumps.iter().any(|&j| matches!(&units[j].role, Role::Jump(x) if x.kind == JumpKind::ContinuedOn))
}

/// The best (evidence, cut point in `p`, insertion point in `a`) for a run
/// at the end of `p` that may belong in `a`.
fn best_move(
    units: &[Unit],
    p: &ArticleDraft,
    a: &ArticleDraft,
    lex: &Lexicon,
    lm: &LanguageModel,
    cohesion: &Cohesion,
) -> Option<(f64, usize, usize)> {
    let n = p.body.len();
    // a headless run of text alone (a column printed before the page's first
    // headline) may move whole
    let bare = gives_all(p);
    if n < if bare { 1 } else { 2 } || a.body.is_empty() || continues_elsewhere(p, units) {
        return None;
    }
    let inter: HashSet<usize> = p.intertitles.iter().chain(a.intertitles.iter()).copied().collect();
    let text = |k: usize| units[k].text();
    let last = p.body[n - 1];
    let p_dangles = !lex.ends_sentence(text(last)) && !inter.contains(&last);
    let a_last = *a.body.last()?;
    let a_dangles = !lex.ends_sentence(text(a_last)) && !inter.contains(&a_last) && !continues_elsewhere(a, units);
    // a piece of `a` left hanging inside it (…是以抢救濒临 / 据介绍…) may be where the run goes
    let a_gap = || {
        a.body.windows(2).any(|w| !inter.contains(&w[0]) && !inter.contains(&w[1]) && !lex.ends_sentence(text(w[0])))
    };
    if !(p_dangles || a_dangles || a_gap()) {
        return None;
    }
    // where only a gap inside `a` asks for it, a titled article's run must visibly
    // start mid-paragraph (a column of `a` printed at the end of the article before)
    let gap_only = !(p_dangles || a_dangles || bare);
    // and a run signed off (…。（本报珀斯１月１２日电）) ends an article: it fills no gap inside one
    if gap_only && lex.ends_with_signature(text(last)) {
        return None;
    }
    let a_units: Vec<usize> = a.titles.iter().chain(a.body.iter()).copied().collect();
    let a_words = cohesion.set_of(&a_units);
    // how each open junction of `a` reads as it stands, whatever run is tried;
    // a unit of `a` that starts mid-paragraph after a sentence end (…增长８·９％。
    // / 成了双方…) leaves a junction open too, for a run that dangles
    let open_junctions: Vec<(usize, Option<f64>)> = (1..=a.body.len())
        .filter(|&j| !inter.contains(&a.body[j - 1]))
        .filter_map(|j| {
            let ended = lex.ends_sentence(text(a.body[j - 1]));
            match a.body.get(j) {
                Some(&y) if inter.contains(&y) => None,
                Some(&y) if ended && !(p_dangles && starts_mid_paragraph(&units[y], lex)) => None,
                Some(&y) => Some((j, Some(continuation(text(a.body[j - 1]), &units[y], lex, lm)))),
                None if p_dangles || ended => None,
                None => Some((j, None)),
            }
        })
        .collect();
    // every run tried ends with `p`'s last unit: how that reads into each junction's
    // right side is asked once
    let out_of: Vec<f64> = open_junctions
        .iter()
        .map(|&(j, as_is)| as_is.map_or(0.0, |_| continuation(text(last), &units[a.body[j]], lex, lm)))
        .collect();
    // and so is how much of each unit's vocabulary `a` shares
    let shared_with_a: Vec<f64> = p.body.iter().map(|&k| cohesion.share_of(k, &a_words)).collect();
    if open_junctions.is_empty() {
        return None;
    }
    let mut best: Option<(f64, usize, usize)> = None;
    let lowest = n.saturating_sub(MAX_RUN).max(usize::from(!bare));
    // the vocabulary of `p` without the run tried, shrunk as the run grows
    let p_units: Vec<usize> = p.titles.iter().chain(p.body[..n - 1].iter()).copied().collect();
    let mut p_rest = cohesion.counts_of(&p_units);
    for s in (lowest..n).rev() {
        if s < n - 1 {
            cohesion.remove_unit(&mut p_rest, p.body[s]);
        }
        if p.body[s..].iter().any(|k| inter.contains(k)) {
            break;
        }
        let run = &p.body[s..];
        if gap_only && !starts_mid_paragraph(&units[run[0]], lex) {
            continue;
        }
        let coh: f64 = run
            .iter()
            .zip(&shared_with_a[s..])
            .map(|(&k, &with_a)| {
                let w = (units[k].block.text.len() as f64 / 40.0).min(1.0);
                w * (with_a - cohesion.share_in_counts(k, &p_rest))
            })
            .sum();
        // cutting where the text visibly runs on is unlikely
        let cut = if s > 0 { continuation(text(p.body[s - 1]), &units[run[0]], lex, lm) } else { 0.0 };
        let boundary = if cut > JOIN_THRESHOLD { -cut } else { 0.0 };
        // text after a signature is no more of the article it signs off
        let signed = s > 0 && lex.ends_with_signature(text(p.body[s - 1]));
        let boundary = if signed { boundary + SIGNED_OFF } else { boundary };
        // a dangling end cut off after a finished sentence leaves its article whole
        // (a run holding a dateline paragraph opens an article of its own)
        let clean = p_dangles && s > 0 && lex.ends_sentence(text(p.body[s - 1]));
        let boundary = if clean && !run.iter().any(|&k| units[k].dateline) { boundary + CLEAN_CUT } else { boundary };
        let r0 = &units[run[0]];
        for (&(j, as_is), &out) in open_junctions.iter().zip(&out_of) {
            // after a sentence end a run may as well start a paragraph, but its
            // words must then be `a`'s, and it must read far better into what follows
            let left_ended = lex.ends_sentence(text(a.body[j - 1]));
            if left_ended && (coh <= MID_START_COHESION || out - as_is.unwrap_or(0.0) < MID_START_LEAD) {
                continue;
            }
            let into = continuation(text(a.body[j - 1]), r0, lex, lm);
            let into = if left_ended { into.max(0.0) } else { into };
            let gain = match as_is {
                Some(as_is) => out - as_is + into,
                None => into,
            };
            let total = gain + COHESION_WEIGHT * coh + boundary;
            if best.is_none_or(|(b, _, _)| total > b) {
                best = Some((total, s, j));
            }
        }
    }
    best
}

/// The least vocabulary evidence for moving a run in front of a unit of the
/// next article that starts mid-paragraph after a sentence end.
const MID_START_COHESION: f64 = 0.2;
/// How much better such a run must read into that unit than the unit's own left side does.
const MID_START_LEAD: f64 = 4.0;

/// Evidence for moving a run that follows its article's signature (…。（本报开罗１月５日电）).
const SIGNED_OFF: f64 = 2.0;

/// Evidence for moving a dangling run cut off its article after a finished sentence
/// (0.6: 1.0 moved runs too readily on the 1998 development pages).
const CLEAN_CUT: f64 = 0.6;

/// The least total evidence for moving a headless run whose words lean to the article it joins.
const BARE_MOVE_THRESHOLD: f64 = 1.0;

/// The most units a displaced run can have (a column holds a few paragraphs).
const MAX_RUN: usize = 6;
/// Weight of vocabulary evidence against continuation evidence.
pub const COHESION_WEIGHT: f64 = 6.0;
/// The least total evidence for moving a run.
pub const MOVE_THRESHOLD: f64 = 2.5;

/// Whether body unit `u` continues the paragraph `left` of the same article.
/// Beyond [`continuation`], what only a paragraph's own end says: a bare
/// section mark (１, ＊＊＊) or date heads the part of the text after it, no
/// paragraph runs into a dateline, and a clause
/// announcing what follows (以下几点：, 试举一例———) ends its paragraph more
/// often than a column cuts one right there.
fn paragraph_continues(left: &str, u: &Unit, lex: &Lexicon, lm: &LanguageModel) -> bool {
    // a dateline opens a report: text left hanging before one had its end printed elsewhere
    if lex.is_section_mark(left) || u.dateline {
        return false;
    }
    // and a bare date over a chronology's entry (１９９７年６月 / 国务院发出…) heads it
    if lex.is_date_heading(left) && !u.text().starts_with(|c: char| lex.is_numeral(c) || ('０'..='９').contains(&c)) {
        return false;
    }
    let c = continuation(left, u, lex, lm);
    if !lex.ends_sentence(left) && lex.ends_announcing(left) {
        // no word runs across such a mark: only a visible cut or a start mid-sentence joins
        return c - lm.junction(left, u.text()).clamp(0.0, 8.0) / 2.0 - ANNOUNCING > JOIN_THRESHOLD;
    }
    c > JOIN_THRESHOLD
}

/// Whether a paragraph of one short line, printed after a finished paragraph,
/// reads as an intertitle over the text after it rather than as a paragraph's
/// first piece cut at a column foot: it holds no sentence end, opens like no
/// news item, ends on a word a phrase can end on (not 的, 在, 将, 一个), and
/// the first sentence after it takes up its words (房改：期待真改 / １９９７年房改…).
fn reads_as_intertitle(line: &str, next: &str, lex: &Lexicon, lm: &LanguageModel) -> bool {
    let n = line.chars().count();
    if !(INTERTITLE_CHARS.0..=INTERTITLE_CHARS.1).contains(&n)
        || line.chars().any(|c| lex.is_sentence_end(c) || c == '；')
        || quote_depth(line) != (0, 0)
        || lex.opens_news_item(line)
        || lex.opens_with_attribution(line)
        || lex.ends_in_number(line)
        || lex.reports_speech(line)
        || !line.trim_end().ends_with(|c: char| crate::lm::is_han(c) || matches!(c, '”' | '》' | '』'))
    {
        return false;
    }
    if lm.last_word_tag(line).is_none_or(|t| lex.is_clause_non_final_tag(&t) || matches!(t.as_str(), "m" | "q" | "t")) {
        return false;
    }
    let first: String = next.chars().take_while(|&c| !lex.is_sentence_end(c)).take(INTERTITLE_REACH).collect();
    let later = crate::lm::han_bigrams(&first);
    crate::lm::han_bigrams(line).iter().any(|b| later.contains(b))
}

/// How little more than a bare join (no word running across the break) the
/// evidence after a possible intertitle may be.
const INTERTITLE_SLACK: f64 = 0.75;

/// The fewest and most characters of an intertitle read by [`reads_as_intertitle`].
const INTERTITLE_CHARS: (usize, usize) = (4, 24);
/// How far into the text after an intertitle its words are looked for, in characters.
const INTERTITLE_REACH: usize = 60;

/// What a paragraph ending on an announcing mark (：, ———) counts against a join.
const ANNOUNCING: f64 = 2.0;

/// Join the body units of an article into paragraphs.
pub fn join_paragraphs(units: &[Unit], a: &ArticleDraft, lex: &Lexicon, lm: &LanguageModel) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev_inter = true;
    // whether the last paragraph is one unit
    let mut lone = false;
    for &k in &a.body {
        let u = &units[k];
        if a.intertitles.contains(&k) {
            out.push(Paragraph { kind: BlockKind::Intertitle, text: u.block.text.clone() });
            prev_inter = true;
            continue;
        }
        if a.verse.contains(&k) {
            out.push(Paragraph { kind: BlockKind::Paragraph, text: u.block.text.clone() });
            prev_inter = true;
            continue;
        }
        // a lone short line after a finished paragraph, that nothing visibly runs on from,
        // may be an intertitle
        let intertitle = || {
            let n = out.len();
            lone && n >= 2
                && out[n - 2].kind == BlockKind::Paragraph
                && lex.ends_sentence(out[n - 2].text.as_str())
                && continuation(out[n - 1].text.as_str(), u, lex, lm) < JOIN_THRESHOLD + INTERTITLE_SLACK
                && reads_as_intertitle(out[n - 1].text.as_str(), u.text(), lex, lm)
        };
        let join = !prev_inter
            && out.last().is_some_and(|p| paragraph_continues(p.text.as_str(), u, lex, lm))
            && !intertitle();
        lone = !join;
        if join {
            out.last_mut().expect("checked").text.push(&u.block.text);
        } else {
            out.push(Paragraph { kind: BlockKind::Paragraph, text: u.block.text.clone() });
        }
        prev_inter = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PageMeta, Parser};

    fn paragraphs(page: &str) -> Vec<String> {
        let page = Parser::default().parse_text(page, &PageMeta::from_file_name("test-2001-03-05-04.txt"));
        page.articles.iter().flat_map(|a| a.body.iter().map(|b| b.text.as_str().to_string())).collect()
    }

    #[test]
    fn a_clause_announcing_a_list_ends_its_paragraph() {
        let page = "山村小学换了新模样\n\n今年以来，县里多方筹集资金改善山村小学的办学条件，校长向我们介绍了学校的几个变化：\n\n\
                    教室里换上了崭新的课桌椅，孩子们再也不用挤在一张桌子上写字了。\n\n\
                    食堂每天供应热饭热菜，住校的学生吃得饱也吃得好。\n";
        let p = paragraphs(page);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].ends_with("变化："));
        assert!(p[1].starts_with("教室里"));
    }

    #[test]
    fn a_short_line_whose_words_the_next_sentence_takes_up_is_an_intertitle() {
        let page = "山区学校的新气象\n\n今年春天，县里为山区学校修好了操场，孩子们有了宽敞的活动场地。\n\n\
                    校园安全，责任重于泰山\n\n校园安全关系到每一个家庭的幸福，学校为此建立了每日巡查制度。\n";
        let p = paragraphs(page);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[1], "校园安全，责任重于泰山");
        // a paragraph's first piece cut at a column foot goes on
        let page = "山区学校的新气象\n\n今年春天，县里为山区学校修好了操场，孩子们有了宽敞的活动场地。\n\n\
                    校长对记者说，校园安全\n\n关系到每一个家庭的幸福，学校为此建立了每日巡查制度。\n";
        assert_eq!(paragraphs(page).len(), 2);
    }

    fn unit(text: &str) -> Unit {
        let line = crate::lines::split_lines(text).remove(0);
        loose_piece(MappedText::from_line(&line))
    }

    #[test]
    fn no_paragraph_runs_into_a_dateline_nor_out_of_a_bare_date() {
        let (lex, lm) = (Lexicon::builtin(), LanguageModel::builtin());
        let mut report = unit("本报北京３月４日电今天上午，全市春季植树活动在西山脚下启动。");
        assert!(paragraph_continues("市里还将继续加大", &report, lex, lm));
        report.dateline = true;
        assert!(!paragraph_continues("市里还将继续加大", &report, lex, lm));
        let entry = unit("国务院召开全国粮食工作会议，部署粮食生产和流通工作。");
        assert!(!paragraph_continues("１９９５年３月", &entry, lex, lm));
        assert!(paragraph_continues("１９９５年３月", &unit("５日，国务院召开全国粮食工作会议，部署工作。"), lex, lm));
    }

    #[test]
    fn a_bare_section_number_heads_the_text_after_it() {
        let page = "老街的四季\n\n春天来的时候，老街两旁的槐树开满了白花，空气里都是甜丝丝的香味。\n\n二\n\n\
                    到了夏天，街口那家小店的凉粉总是卖得最快，傍晚时分门前排起了长队。\n";
        let p = paragraphs(page);
        assert!(p.contains(&"二".to_string()), "{p:?}");
    }

    #[test]
    fn heads_and_tails_are_whole_characters() {
        let s = "a春é节𠀀x";
        for n in 0..8 {
            let head: String = s.chars().take(n).collect();
            assert_eq!(head_chars(s, n), head);
            let count = s.chars().count();
            let tail: String = s.chars().skip(count.saturating_sub(n.max(1))).collect();
            assert_eq!(tail_chars(s, n), tail);
        }
        assert_eq!((head_chars("", 3), tail_chars("", 3)), ("", ""));
    }

    #[test]
    fn two_short_lines_are_weighed_by_the_last_line_before() {
        let (lex, lm) = (Lexicon::builtin(), LanguageModel::builtin());
        let long = "很长很长很长很长很长很长很长很长很长很长很长";
        let lines = continuation_of(&format!("{long}\n秋日春风吹"), "夏雨落", None, lex, lm);
        let one = continuation_of(&format!("{long}秋日春风吹"), "夏雨落", None, lex, lm);
        assert!((one - lines - 2.0).abs() < 1e-9, "{one} {lines}");
    }

    #[test]
    fn a_number_or_a_dash_cut_in_two_starts_nothing() {
        let (lex, lm) = (Lexicon::builtin(), LanguageModel::builtin());
        let left = "全县粮食产量逐年增加，由１９９";
        assert!(continuation_of(left, "５、１９９６两年的三万吨增加到今年的五万吨。", None, lex, lm) > JOIN_THRESHOLD);
        let left = "工钱到年底还是没有付清，老板最后给了我们多少呢？一半—";
        assert!(continuation_of(left, "—一千五百元，理由是我们打碎了几块玻璃。", None, lex, lm) > JOIN_THRESHOLD);
    }
}
