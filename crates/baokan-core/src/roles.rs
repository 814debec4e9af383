//! Block roles: what each printed unit is (title line, byline, dateline,
//! jump line, caption, page furniture or running text), and the parsers for
//! the structured ones.

use crate::lexicon::{char_index, fold, numeral_value, Lexicon};
use crate::lm::is_han;
use crate::model::{Byline, Caption, Dateline, Jump, JumpKind};

/// What a block is, by its own text.
#[derive(Debug, Clone)]
pub enum Role {
    /// Page furniture: date line, page label, editor line.
    Furniture,
    /// A jump line (下转A2版).
    Jump(Jump),
    /// A byline (株洲日报记者 叶新福 胡文洁).
    Byline(Vec<Byline>),
    /// A photo caption with its credit.
    Caption(Caption),
    /// A title line: kicker, headline, subheadline or intertitle.
    Title,
    /// Running text.
    Text,
}

// (as derived, but inlined: most comparisons are with a role without data,
// `role == Role::Text`, which then costs one comparison of the variant)
impl PartialEq for Role {
    #[inline]
    fn eq(&self, other: &Role) -> bool {
        match (self, other) {
            (Role::Furniture, Role::Furniture) | (Role::Title, Role::Title) | (Role::Text, Role::Text) => true,
            (Role::Jump(_), Role::Jump(_))
            | (Role::Byline(_), Role::Byline(_))
            | (Role::Caption(_), Role::Caption(_)) => self.same_data(other),
            _ => false,
        }
    }
}

impl Role {
    /// Whether two roles of the same variant hold the same data (kept out of
    /// line, so that the comparison of variants is small enough to inline).
    #[inline(never)]
    fn same_data(&self, other: &Role) -> bool {
        match (self, other) {
            (Role::Jump(a), Role::Jump(b)) => a == b,
            (Role::Byline(a), Role::Byline(b)) => a == b,
            (Role::Caption(a), Role::Caption(b)) => a == b,
            _ => false,
        }
    }
}

/// Decide the role of a block from its text alone.
pub fn classify(text: &str, lex: &Lexicon) -> Role {
    // the patterns below only fit short lines (a caption ends on its credit)
    let n = text.chars().count();
    if n <= 48 {
        // furniture is a date (年), a page label (版, A1) or a credit line (责任编辑：)
        if n <= 4 || text.contains(['年', '版', '报', ':', '：', '/', ' ']) {
            let folded = fold(text);
            let compact: String = folded.split_whitespace().collect();
            if lex.furniture.is_match(folded.trim()) || lex.furniture.is_match(&compact) {
                return Role::Furniture;
            }
        }
        if text.contains(['转', '接', '见', '看']) {
            if let Some(j) = parse_jump(text, lex) {
                return Role::Jump(j);
            }
        }
        if lex.may_hold_role(text) && !lex.names_kicker(text) {
            if let Some(b) = parse_byline(text, lex) {
                return Role::Byline(b);
            }
            // a writer's sign-off set apart in brackets ((记者 张小雨 通讯员 王磊)), not a
            // photo's credit, is a byline when it names the writers' roles
            if let Some(b) = sign_off_byline(text, lex) {
                return Role::Byline(b);
            }
        }
    }
    if n <= 200 && text.trim_end().ends_with(['摄', '图', '片', '发', '供', '）', ')']) {
        if let Some(c) = parse_caption(text, lex) {
            return Role::Caption(c);
        }
    }
    if is_title_shaped(text, lex) {
        Role::Title
    } else {
        Role::Text
    }
}

/// The bylines of a sign-off printed as a paragraph of its own, in brackets,
/// naming at least one writer's role: （记者 张小雨 通讯员 王磊）.
pub(crate) fn sign_off_byline(text: &str, lex: &Lexicon) -> Option<Vec<Byline>> {
    let inner = text.trim().strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    if inner.contains(['摄', '（', '(']) {
        return None;
    }
    parse_byline(inner, lex).filter(|b| b.iter().any(|x| x.role.is_some()))
}

/// Whether text has the shape of a title line: short, no sentence inside,
/// quotes balanced, not starting mid-sentence.
pub fn is_title_shaped(text: &str, lex: &Lexicon) -> bool {
    // (a picture's title opens with any word: 过新闸（图片）, a verb, not the particle 过)
    is_title_shaped_after(text) && (!lex.starts_mid_sentence(text) || lex.is_photo_item(text))
}

/// [`is_title_shaped`] but for its first character, which may be one that
/// begins no sentence as a particle but begins words (过好…, 地方…): the
/// caller asks the dictionary.
pub(crate) fn is_title_shaped_after(text: &str) -> bool {
    if text.len() > 52 * 4 {
        return false; // over 52 characters whatever their width
    }
    // one pass: characters, Han characters and digits (dates and numbers are at
    // home in titles: 明天气象预报（１月１２日２０时—１３日２０时）), and no 。
    let Some((n, han, digits)) = shape_counts(text) else {
        return false;
    };
    // (a half-width full stop after a word, as OCR prints it: …卖得出去".)
    if text.contains('.') && holds_ocr_full_stop(text) {
        return false;
    }
    // (a row of figures is no title)
    if !(2..=52).contains(&n) || (han + digits) * 2 < n || figures_outweigh_words(digits, han) {
        return false;
    }
    let last = text.chars().next_back().unwrap_or(' ');
    if last == '…' {
        return false;
    }
    // a line with several clauses, or one that exclaims at length, is a sentence; a
    // dash parts a headline from its subtitle (饭桌上，谁先动筷子？——孩子，还是老人？),
    // each with its own clauses
    let sentence_like = |part: &str| {
        let commas = part.chars().filter(|&c| matches!(c, '，' | ',')).count();
        let n = part.chars().count();
        let last = part.trim_end().chars().next_back().unwrap_or(' ');
        commas >= 2 || (matches!(last, '！' | '？' | '!' | '?') && commas > 0 && n > 16)
    };
    // (a line without a dash is one part: the split on it, set up anew on every call, is spared)
    let parts_sentence_like =
        if text.contains('—') { text.split("——").any(sentence_like) } else { sentence_like(text) };
    if parts_sentence_like {
        return false;
    }
    if matches!(last, '，' | '、' | '：' | ':' | ',' | '；' | ';') {
        return false;
    }
    quotes_balanced(text)
}

/// The characters of a text other than white space, its Han characters and
/// its digits (ASCII or full-width); `None` when it holds a 。.
/// Whether a text holds a half-width full stop after a word or a closing mark.
fn holds_ocr_full_stop(text: &str) -> bool {
    let mut prev = ' ';
    for c in text.chars() {
        if c == '.' && (is_han(prev) || matches!(prev, '"' | '”' | '）' | ')')) {
            return true;
        }
        prev = c;
    }
    false
}

fn shape_counts(text: &str) -> Option<(usize, usize, usize)> {
    // (read from the bytes: a character by its lead byte)
    let (mut n, mut han, mut digits) = (0usize, 0usize, 0usize);
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            0..0x80 => {
                // (white space as char::is_whitespace has it: \t \n \v \f \r and space)
                n += usize::from(!matches!(x, b'\t'..=b'\r' | b' '));
                digits += usize::from(x.is_ascii_digit());
                i += 1;
            }
            0x80..0xE0 => {
                // (U+0085, U+00A0)
                n += usize::from(!(x == 0xC2 && matches!(b[i + 1], 0x85 | 0xA0)));
                i += 2;
            }
            0xE0..0xF0 => {
                let (b1, b2) = (b[i + 1], b[i + 2]);
                // 。
                if (x, b1, b2) == (0xE3, 0x80, 0x82) {
                    return None;
                }
                // (U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)
                let blank = matches!(
                    (x, b1, b2),
                    (0xE1, 0x9A, 0x80)
                        | (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
                        | (0xE2, 0x81, 0x9F)
                        | (0xE3, 0x80, 0x80)
                );
                n += usize::from(!blank);
                han += usize::from(crate::lm::is_han_utf8(x, b1));
                // (a full-width digit, ０ to ９)
                digits += usize::from(x == 0xEF && b1 == 0xBC && (0x90..=0x99).contains(&b2));
                i += 3;
            }
            _ => {
                n += 1;
                i += 4;
            }
        }
    }
    Some((n, han, digits))
}

/// Whether a line is a row of figures with a word or two, as tables print
/// them (东部地区１９０２１．５４８４．８２): more than twice as many digits as
/// other characters, give or take a few.
pub fn is_figure_row(text: &str) -> bool {
    // (a row of a table is short: a paragraph is no row)
    if text.len() > 80 * 3 {
        return false;
    }
    let digits = text.chars().filter(|&c| c.is_ascii_digit() || ('０'..='９').contains(&c)).count();
    let words = text.chars().filter(|&c| is_han(c)).count();
    figures_outweigh_words(digits, words)
}

/// Whether a line's digits outweigh its Han characters as a table row's do.
fn figures_outweigh_words(digits: usize, han: usize) -> bool {
    digits > 2 * han + 4
}

/// A line that may stand in a title block though it reads like a sentence
/// (昔日富港村的食堂，一年招待费少说一两万；如今，这里实行了———): short, not ended.
pub fn is_title_like_line(text: &str, lex: &Lexicon) -> bool {
    let n = text.chars().count();
    (n <= 60
        && !text.contains('。')
        && !lex.ends_sentence(text)
        && quotes_balanced(text)
        && !lex.starts_mid_sentence(text))
        || is_title_shaped(text, lex)
}

/// Whether every opening quote or bracket in the text is closed in it.
pub fn quotes_balanced(text: &str) -> bool {
    quote_depth(text) == (0, 0)
}

/// Unclosed openers and unopened closers of quotes and brackets in the text.
pub fn quote_depth(text: &str) -> (usize, usize) {
    // every quote and bracket is ASCII or three bytes (E2 80 .., E3 80 .., EF BC ..):
    // the bytes are read directly, found by their lead byte
    let (mut open, mut unopened) = (0usize, 0usize);
    let b = text.as_bytes();
    let mut at = |i: usize| {
        let mut close = |open: &mut usize| {
            if *open > 0 {
                *open -= 1
            } else {
                unopened += 1
            }
        };
        match b[i] {
            b'(' => open += 1,
            b')' => close(&mut open),
            x @ (0xE2 | 0xE3 | 0xEF) => {
                match (x, b[i + 1], b[i + 2]) {
                    // “ ‘ 《 「 『 【 （
                    (0xE2, 0x80, 0x9C | 0x98) | (0xE3, 0x80, 0x8A | 0x8C | 0x8E | 0x90) | (0xEF, 0xBC, 0x88) => {
                        open += 1
                    }
                    // ’ before digits is the apostrophe of a year (’９９世界邮展), not a quote
                    (0xE2, 0x80, 0x99) => {
                        let digit = match b.get(i + 3..) {
                            Some([d, ..]) if d.is_ascii_digit() => true,
                            // (a full-width digit, ０ to ９)
                            Some([0xEF, 0xBC, d, ..]) => (0x90..=0x99).contains(d),
                            _ => false,
                        };
                        if !digit {
                            close(&mut open);
                        }
                    }
                    // ” 》 」 』 】 ）
                    (0xE2, 0x80, 0x9D) | (0xE3, 0x80, 0x8B | 0x8D | 0x8F | 0x91) | (0xEF, 0xBC, 0x89) => {
                        close(&mut open)
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    };
    if memchr::memchr2(b'(', b')', b).is_none() {
        // (no ASCII bracket: the lead bytes of the others are searched for; a lead byte
        // never stands inside another character)
        memchr::memchr3_iter(0xE2, 0xE3, 0xEF, b).for_each(&mut at);
    } else {
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            at(i);
            i += utf8_len(x);
        }
    }
    (open, unopened)
}

/// The length in bytes of the UTF-8 character that starts with byte `lead`.
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Normalise a page label as printed: 第一版 → 1, Ａ２ → A2, 第3版 → 3.
pub fn page_label(s: &str) -> Option<String> {
    let f = fold(s);
    let core = f.trim_start_matches('第').trim_end_matches(['版', '页', '面']).trim();
    if core.is_empty() {
        return None;
    }
    let letter: String = core.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let rest = &core[letter.len()..];
    let num = numeral_value(rest)?;
    Some(format!("{}{}", letter.to_ascii_uppercase(), num))
}

/// Parse a whole-line jump (下转A2版, 上接第一版, 详见B1版).
pub fn parse_jump(text: &str, lex: &Lexicon) -> Option<Jump> {
    let f = fold(text.trim());
    let c = lex.jump.captures(&f)?;
    Some(jump_from(&c, text.trim().to_string(), lex))
}

/// A continuation mark printed in front of a paragraph's text ((上接第1版)另外，…):
/// the character index where the text after it starts.
pub fn leading_jump_end(text: &str, lex: &Lexicon) -> Option<usize> {
    if !text.starts_with(['（', '(']) {
        return None;
    }
    let close = text.chars().take(LEADING_JUMP_CHARS).position(|c| matches!(c, '）' | ')'))?;
    let mark: String = text.chars().take(close + 1).collect();
    let rest = text.chars().skip(close + 1).any(|c| !c.is_whitespace());
    (rest && parse_jump(&mark, lex).is_some_and(|j| j.kind == JumpKind::ContinuedFrom)).then_some(close + 1)
}

/// The longest continuation mark looked for in front of a paragraph (（紧接第一版）).
const LEADING_JUMP_CHARS: usize = 14;

/// A jump at the end of a paragraph (…消费者。（下转A2版）): the jump and
/// the character index where it starts.
pub fn parse_trailing_jump(text: &str, lex: &Lexicon) -> Option<(Jump, usize)> {
    if !text.trim_end().ends_with(['）', ')']) {
        return None;
    }
    let f = fold(text.trim_end());
    let c = lex.trailing_jump.captures(&f)?;
    let m = c.get(0)?;
    let start = char_index(&f, m.start());
    let jump_text: String = text.chars().skip(start).collect::<String>().trim().to_string();
    Some((jump_from(&c, jump_text, lex), start))
}

fn jump_from(c: &regex::Captures, text: String, lex: &Lexicon) -> Jump {
    Jump { kind: lex.jump_kind(&c["verb"]), page: page_label(&c["page"]), text }
}

/// Parse a byline line: one or more `outlet? role names` groups.
pub fn parse_byline(text: &str, lex: &Lexicon) -> Option<Vec<Byline>> {
    let t = lex.strip_bullets(text.trim());
    let n = t.chars().count();
    if n > 40 || t.chars().any(|c| matches!(c, '。' | '，' | '；' | '！' | '？' | '：' | ':' | '“' | '”' | '《' | '》'))
    {
        return None;
    }
    let f = lex.strip_credit_marks(&fold(t));
    // the first group may name any outlet (中国国防报记者); later ones a known one
    let first = lex.byline_first.captures(&f)?;
    let first_end = first.get(0)?.end();
    let mut ms: Vec<regex::Captures> = vec![first];
    ms.extend(lex.byline_segment.captures_iter(&f[first_end..]).map(|c| {
        // re-run on the full string at the right offset so that positions line up
        let start = first_end + c.get(0).map_or(0, |m| m.start());
        lex.byline_segment.captures_at(&f, start).expect("matched before")
    }));
    let mut out = Vec::new();
    // an outlet the names before it ran into (记者成元生国际广播电台记者陆永江)
    let mut carried: Option<String> = None;
    for (i, c) in ms.iter().enumerate() {
        let end = ms.get(i + 1).map_or(f.len(), |next| next.get(0).map_or(f.len(), |m| m.start()));
        let names_str = &f[c.get(0)?.end()..end];
        let mut names = split_names(names_str);
        let outlet = carried.take().or_else(|| c.name("outlet").map(|m| m.as_str().to_string()));
        let role = c["role"].to_string();
        if let Some(next) = ms.get(i + 1) {
            match next.name("outlet") {
                // the next outlet took this one's name in (记者 | 成元生国际广播电台记者)
                Some(o) if names.is_empty() => {
                    if let Some((name, next_outlet)) = name_then_outlet(o.as_str(), lex) {
                        names.push(name);
                        carried = Some(next_outlet);
                    }
                }
                None => {
                    if let Some((name, next_outlet)) = names.last().and_then(|n| name_then_outlet(n, lex)) {
                        *names.last_mut().expect("some") = name;
                        carried = Some(next_outlet);
                    }
                }
                _ => {}
            }
        }
        // names printed together (罗昌爱胡跃平任维东) are parted by their surnames
        names = names
            .into_iter()
            .flat_map(|n| match n.chars().count() > 4 {
                true => split_run_together_names(&n, lex).unwrap_or_else(|| vec![n]),
                false => vec![n],
            })
            .collect();

        if names.is_empty() {
            // an outlet's unsigned commentary (本报评论员) names no one
            let outlet_named =
                outlet.as_deref().and_then(|o| o.chars().next_back()).is_some_and(|c| lex.ends_outlet_name(c));
            if ms.len() == 1 && outlet_named && lex.is_unsigned_role(&role) {
                out.push(Byline { role: Some(role), outlet, names });
                continue;
            }
            return None;
        }
        if names.iter().any(|n| n.chars().count() > 8 || !n.chars().all(|c| is_han(c) || c == '·')) {
            return None;
        }
        // words before the role that name no outlet (中国大饭店请首都记者健身, 乒乓球擂台赛摄影
        // 比赛征稿) make a sentence of the line unless a person's name follows the role
        let free_lead = i == 0
            && c.name("post").is_none()
            && c.name("outlet")
                .is_some_and(|o| o.as_str().chars().next_back().is_some_and(|l| !lex.ends_outlet_name(l)));
        if free_lead && !names.iter().all(|n| n.contains('·') || lex.starts_with_surname(n)) {
            // …or the names come first (邢永臣摄影报道, 周朝荣钱云强摄影报道)
            let lead = outlet.clone().unwrap_or_default();
            if ms.len() > 1 || names.len() != 1 || !lex.is_report_word(&names[0]) || !lex.starts_with_surname(&lead) {
                return None;
            }
            let names = match lead.chars().count() > 4 {
                true => split_run_together_names(&lead, lex)?,
                false => vec![lead],
            };
            out.push(Byline { role: Some(role), outlet: None, names });
            continue;
        }
        out.push(Byline { role: Some(role), outlet, names });
    }
    Some(out)
}

/// A name run into the outlet of the byline after it (成元生国际广播电台):
/// a two- or three-character name led by a surname, then a name ending as
/// outlets end.
fn name_then_outlet(s: &str, lex: &Lexicon) -> Option<(String, String)> {
    let c: Vec<char> = s.chars().collect();
    if c.len() < 5 || !lex.ends_outlet_name(*c.last()?) {
        return None;
    }
    [3, 2].into_iter().find_map(|k| {
        let name: String = c[..k].iter().collect();
        (lex.starts_with_surname(&name) && c.len() - k >= 2).then(|| (name, c[k..].iter().collect()))
    })
}

fn split_names(s: &str) -> Vec<String> {
    let parts: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || "/／、,，".contains(c)).filter(|p| !p.is_empty()).collect();
    // a name of two characters printed with a space between them, to stand as
    // wide as a name of three (本报记者　刘　洋): two single characters are one name
    let single = |p: &str| p.chars().count() == 1 && p.chars().all(is_han);
    let mut names = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        if single(parts[i]) && parts.get(i + 1).is_some_and(|p| single(p)) {
            names.push(format!("{}{}", parts[i], parts[i + 1]));
            i += 2;
        } else {
            names.push(parts[i].to_string());
            i += 1;
        }
    }
    names
}

/// A bare line of person names under a headline (张三, 李四 王五, 李德润葛洪).
/// Names without separators are accepted when the dictionary finds no
/// ordinary word in them.
pub fn parse_name_line(text: &str, lex: &Lexicon, lm: &crate::lm::LanguageModel) -> Option<Byline> {
    let names = split_names(text.trim());
    let name_like = |n: &String| n.chars().all(is_han) && lex.starts_with_surname(n);
    if names.is_empty() || !names.iter().all(name_like) {
        return None;
    }
    let separated = names.iter().all(|n| (2..=4).contains(&n.chars().count()));
    if separated {
        return Some(Byline { role: None, outlet: None, names });
    }
    if names.len() != 1 || !(5..=12).contains(&names[0].chars().count()) {
        return None;
    }
    // names printed without a space between them (李彦生陈爱国): the line parts
    // whole into names of two or three characters, each led by a surname, or
    // the dictionary finds nothing but names in it
    match split_run_together_names(&names[0], lex) {
        Some(parted) => Some(Byline { role: None, outlet: None, names: parted }),
        None => lm.only_names(&names[0]).then_some(Byline { role: None, outlet: None, names }),
    }
}

/// Part a run of names printed together into names of two or three
/// characters, each led by a surname, preferring three-character names;
/// `None` when no such parting exists or the run holds a function word.
fn split_run_together_names(s: &str, lex: &Lexicon) -> Option<Vec<String>> {
    let c: Vec<char> = s.chars().collect();
    if c.iter().any(|&x| lex.is_function_char(x)) {
        return None;
    }
    // best[i]: a parting of c[i..] into names
    let n = c.len();
    let mut best: Vec<Option<Vec<usize>>> = vec![None; n + 1];
    best[n] = Some(Vec::new());
    for i in (0..n).rev() {
        let lead: String = c[i..].iter().take(2).collect();
        if !lex.starts_with_surname(&lead) {
            continue;
        }
        for len in [3, 2] {
            if i + len <= n {
                if let Some(rest) = &best[i + len] {
                    let mut v = vec![len];
                    v.extend(rest);
                    best[i] = Some(v);
                    break;
                }
            }
        }
    }
    let lens = best[0].take()?;
    let mut at = 0;
    let names = lens
        .into_iter()
        .map(|len| {
            let name: String = c[at..at + len].iter().collect();
            at += len;
            name
        })
        .collect::<Vec<_>>();
    (2..=4).contains(&names.len()).then_some(names)
}

/// Parse a caption: a short text ending in a photo credit.
pub fn parse_caption(text: &str, lex: &Lexicon) -> Option<Caption> {
    let t = text.trim();
    let n = t.chars().count();
    if !(4..=200).contains(&n) {
        return None;
    }
    let f = fold(t);
    let c = lex.caption_credit.captures(&f)?;
    let credit = c.name("credit")?;
    let credit_start = char_index(&f, credit.start());
    let credit_text: String = t.chars().skip(credit_start).collect::<String>();
    let credit_text = credit_text.trim_end_matches(['）', ')']).trim().to_string();
    let body: String = t.chars().take(credit_start).collect::<String>();
    let body = body.trim().trim_end_matches(['（', '(']).trim().to_string();
    // a caption describes a picture: its text is short and its credit names someone
    if body.chars().count() < 4 || credit_text.chars().count() < 2 || credit_text.chars().count() > 24 {
        return None;
    }
    if !lex.ends_sentence(&body) && !t.contains(['（', '(']) && !credit_text.contains(char::is_whitespace) {
        return None;
    }
    Some(Caption { text: body, credit: Some(credit_text) })
}

/// How far into a paragraph the outlet of a dateline can end, in characters.
const OUTLET_REACH: usize = 16;

/// A dateline at the start of a paragraph, and how many characters it and
/// the space after it take.
pub fn parse_dateline(text: &str, issue_date: Option<&str>, lex: &Lexicon) -> Option<(Dateline, usize)> {
    let f = dateline_head(text, lex)?;
    let c = lex.dateline.captures(&f)?;
    let m = c.get(0)?;
    let end = char_index(&f, m.end());
    let printed: String = text.chars().take(end).collect();
    let agency = c.name("agency").map(|a| a.as_str().to_string());
    let place = c.name("place").map(|p| p.as_str().to_string()).filter(|p| !p.is_empty());
    if !place_fits(&c) {
        return None;
    }
    let date = c.name("date").and_then(|d| resolve_date(d.as_str(), issue_date, lex));
    let skip = text.chars().skip(end).take_while(|c| c.is_whitespace()).count();
    Some((Dateline { text: printed, agency, place, date }, end + skip))
}

/// Whether text opens with a dateline: [`parse_dateline`] finds one.
pub(crate) fn is_dateline(text: &str, lex: &Lexicon) -> bool {
    dateline_head(text, lex).is_some_and(|f| lex.dateline.captures(&f).is_some_and(|c| place_fits(&c)))
}

/// The text's first characters folded, when a dateline may open it.
fn dateline_head(text: &str, lex: &Lexicon) -> Option<String> {
    // a dateline names an agency or paper (…社, …报, …台, …网: the tables' last characters) and ends on
    // 讯 or 电 after it, within its first few dozen characters
    // the outlet's name ends within its first characters (据 + a name of up to 8 + a suffix)
    let outlet = text.chars().take(OUTLET_REACH).position(|c| lex.ends_outlet_name(c))?;
    if !text.chars().take(40).skip(outlet).any(|c| c == '讯' || c == '电') {
        return None;
    }
    Some(crate::lexicon::fold_prefix(text, 48))
}

/// Whether a dateline's place looks like a place, not the start of a sentence.
fn place_fits(c: &regex::Captures) -> bool {
    c.name("place").is_none_or(|p| p.as_str().chars().count() <= 6)
}

/// A credit that opens a paragraph in place of a dateline, its writers
/// named and then 报道 (本报记者 王小明 报道 昨日…, 株洲日报全媒体记者 X
/// 通讯员 Y 报道：…): the credit as a dateline of the writers' outlet, the
/// bylines, and how many characters they and the space after them take.
pub fn parse_lead_credit(text: &str, lex: &Lexicon) -> Option<(Dateline, Vec<Byline>, usize)> {
    let head = &text[..crate::text::advance_to_char(text, (0, 0), 48).1];
    let at = head.find("报道")?;
    let after = &head[at + "报道".len()..];
    let sep = after.chars().next().filter(|c| matches!(c, '：' | ':') || c.is_whitespace())?;
    let bylines = parse_byline(head[..at].trim(), lex)?;
    if bylines.iter().any(|b| b.role.is_none() || b.names.is_empty()) {
        return None;
    }
    let end = char_index(head, at + "报道".len() + sep.len_utf8());
    let printed: String = text.chars().take(end).collect::<String>().trim_end().to_string();
    let skip = end + text.chars().skip(end).take_while(|c| c.is_whitespace()).count();
    let agency = bylines[0].outlet.clone();
    Some((Dateline { text: printed, agency, place: None, date: None }, bylines, skip))
}

/// The writers named right after a dateline, in brackets (新华社北京３月７日电（记者
/// 张三）…) or as a report (本报北京１月５日讯记者李明报道：…): the bylines and how many
/// characters they and the space after them take.
pub fn parse_dateline_credit(rest: &str, lex: &Lexicon) -> Option<(Vec<Byline>, usize)> {
    let head = &rest[..crate::text::advance_to_char(rest, (0, 0), 48).1];
    let (inner, end) = if let Some(open) = head.strip_prefix(['（', '(']) {
        let close = open.find(['）', ')'])?;
        let end = head.len() - open.len() + close + open[close..].chars().next()?.len_utf8();
        (&open[..close], end)
    } else if let Some(end) = spaced_credit_end(head, lex) {
        (&head[..end], end)
    } else {
        let at = head.find("报道")?;
        let after = &head[at + "报道".len()..];
        let colon = after.chars().next().filter(|c| matches!(c, '：' | ':'))?;
        (&head[..at], at + "报道".len() + colon.len_utf8())
    };
    let bylines = parse_byline(inner.trim(), lex)?;
    let chars = char_index(head, end);
    let skip = rest.chars().skip(chars).take_while(|c| c.is_whitespace()).count();
    Some((bylines, chars + skip))
}

/// Where a credit set off by spaces after a dateline ends (本报讯 记者 胡新桥
/// 9月2日，…): the role and names, each a run of Han characters, with space
/// after them and text after that.
fn spaced_credit_end(head: &str, lex: &Lexicon) -> Option<usize> {
    let mut tokens = Vec::new();
    let mut at = 0;
    for tok in head.split_whitespace() {
        let start = at + head[at..].find(tok)?;
        at = start + tok.len();
        tokens.push((tok, at));
    }
    let han_run = |t: &str| t.chars().all(is_han);
    // the last name of the credit: a run of 2 to 4 characters, then more text
    (1..tokens.len().min(5)).rev().find_map(|k| {
        let (last, end) = tokens[k - 1];
        let names_ok = tokens[..k].iter().all(|(t, _)| han_run(t)) && (2..=4).contains(&last.chars().count());
        let b = names_ok.then(|| parse_byline(&head[..end], lex)).flatten()?;
        b.iter().all(|b| b.role.is_some() && !b.names.is_empty()).then_some(end)
    })
}

/// Resolve a written date (5月14日, 一九九八年一月五日) against the issue date:
/// a date without a year is the latest such date not after the issue.
pub fn resolve_date(written: &str, issue_date: Option<&str>, lex: &Lexicon) -> Option<String> {
    let f = fold(written);
    let c = lex.date.captures(&f)?;
    let m = numeral_value(&c["m"])?;
    let d = numeral_value(&c["d"])?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let issue: Option<(u32, u32, u32)> = issue_date.and_then(|s| {
        let mut it = s.split('-').map(|p| p.parse::<u32>().ok());
        Some((it.next()??, it.next()??, it.next()??))
    });
    let y = match c.name("y").and_then(|y| numeral_value(y.as_str())) {
        Some(y) if y >= 1000 => y,
        Some(y) if y < 100 => {
            let century = issue.map_or(2000, |(iy, _, _)| iy / 100 * 100);
            century + y
        }
        _ => {
            let (iy, im, id) = issue?;
            // a date well after the issue date is from the year before (12月31日 in a 1 January issue)
            let ahead = (m * 31 + d) as i64 - (im * 31 + id) as i64;
            if ahead > 45 {
                iy - 1
            } else {
                iy
            }
        }
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::builtin()
    }

    #[test]
    fn roles_are_equal_by_variant_and_data() {
        let byline = |name: &str| {
            Role::Byline(vec![Byline { role: Some("记者".into()), outlet: None, names: vec![name.into()] }])
        };
        assert_eq!(Role::Text, Role::Text);
        assert_ne!(Role::Text, Role::Title);
        assert_ne!(Role::Furniture, byline("李华"));
        assert_eq!(byline("李华"), byline("李华"));
        assert_ne!(byline("李华"), byline("王芳"));
    }

    #[test]
    fn names_printed_together_are_parted() {
        let lm = crate::lm::LanguageModel::builtin();
        let names = |t: &str| parse_name_line(t, lex(), lm).map(|b| b.names);
        assert_eq!(names("李彦生陈爱国"), Some(vec!["李彦生".to_string(), "陈爱国".to_string()]));
        assert_eq!(names("张印东周庆新焦守云").map(|n| n.len()), Some(3));
        assert_eq!(names("张三 李四"), Some(vec!["张三".to_string(), "李四".to_string()]));
        // a title line is no name line
        for t in ["军中走出的虎", "天气趋势分析", "清水河大桥", "重塑交警新形象", "黄得像黄土层"]
        {
            assert_eq!(names(t), None, "{t}");
        }
    }

    #[test]
    fn bracketed_dates() {
        assert!(lex().is_bracketed_date("（１９９７年１２月２３日）"));
        assert!(lex().is_bracketed_date("(一九九七年十二月三十一日)"));
        assert!(!lex().is_bracketed_date("（１９９７年１２月２３日摄）"));
        assert!(!lex().is_bracketed_date("１９９７年１２月２３日"));
    }

    #[test]
    fn a_dash_parts_a_title_from_its_subtitle() {
        // each side of the dash has its own clauses
        assert!(is_title_shaped("春节回家，坐火车还是坐飞机？——游子们，各有各的选择", lex()));
        // the same clauses without the dash make a sentence
        assert!(!is_title_shaped("谁来照看老房子？古城里，一场保护与开发之争，还在继续", lex()));
    }

    #[test]
    fn a_picture_title_opens_with_any_word() {
        // 过 opens no sentence as a particle, but a picture's title may open with the verb
        assert!(is_title_shaped("过大桥（图片）", lex()));
        assert!(!is_title_shaped("过大桥的车辆", lex()));
    }

    #[test]
    fn rows_of_figures_are_no_titles() {
        assert!(is_figure_row("华北地区２３４５１．６７８９．１２３３４．５６"));
        assert!(!is_title_shaped("华北地区２３４５１．６７８９．１２３３４．５６", lex()));
        // a title with a date or a count keeps its words
        assert!(!is_figure_row("明天气象预报（１月１２日２０时—１月１３日２０时）"));
        assert!(!is_figure_row("１９９７中国十大科技进展"));
    }

    #[test]
    fn dates_in_a_title_line() {
        assert!(is_title_shaped("明天气象预报（１月１２日２０时—１月１３日２０时）", lex()));
        assert!(is_title_shaped("１９９７中国十大科技进展", lex()));
        // the apostrophe of a year is no closing quote
        assert!(is_title_shaped("’９９世界邮展筹备正酣", lex()));
        assert_eq!(quote_depth("’97年会“开幕”"), (0, 0));
        assert_eq!(quote_depth("他说’好"), (0, 1));
        // every kind of quote and bracket, read from the bytes, as by the characters
        assert_eq!(quote_depth("“春‘晚’《联欢》「一」『二』【三】（四）(5)”"), (0, 0));
        assert_eq!(quote_depth("）”》」』】)’"), (0, 8));
        assert_eq!(quote_depth("“‘《「『【（("), (8, 0));
        assert_eq!(quote_depth("’９８春节”"), (0, 1));
        assert_eq!(quote_depth("é’x"), (0, 1));
        // with an ASCII bracket the text is read a character at a time, alike
        assert_eq!(quote_depth("(“春‘晚’《联欢》「一」『二』【三】（四）”"), (1, 0));
        assert_eq!(quote_depth("）”》(」』】)’９８"), (0, 6));
    }

    #[test]
    fn a_title_shape_is_counted_from_the_bytes_as_by_the_characters() {
        // the characters counted one by one, as before the bytes were read
        let by_chars = |text: &str| {
            let (mut n, mut han, mut digits) = (0usize, 0usize, 0usize);
            for c in text.chars() {
                if c == '。' {
                    return None;
                }
                n += usize::from(!c.is_whitespace());
                han += usize::from(is_han(c));
                digits += usize::from(c.is_ascii_digit() || ('０'..='９').contains(&c));
            }
            Some((n, han, digits))
        };
        let blanks = "\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";
        for text in [
            "明天气象预报（１月１２日２０时—１３日２０时）",
            "东部地区１９０２１．５４８４．８２",
            "Ａ股 é 𠀀 2022年0.2%",
            blanks,
            "\u{200b}\u{2060}\u{180e}\u{3001}\u{4dc0}\u{3400}\u{f900}\u{4dbf}\u{9fff}\u{a000}",
            "句子。后来",
            "",
        ] {
            assert_eq!(shape_counts(text), by_chars(text), "{text}");
        }
    }

    #[test]
    fn a_dateline_is_told_as_it_is_parsed() {
        for text in [
            "新华社北京5月14日电 中共中央政治局",
            "本报讯 记者李明报道：近日，",
            "本报上海１月５日电今天上午，",
            "据新华社东京１月４日电日本政府",
            "他说，新华社记者到场时已是深夜。",
            "新华社这座城市的人们都在谈论的那条街道１月５日电",
            "",
        ] {
            assert_eq!(is_dateline(text, lex()), parse_dateline(text, None, lex()).is_some(), "{text}");
        }
        assert!(is_dateline("本报上海１月５日电今天上午，", lex()));
    }

    #[test]
    fn datelines() {
        let (d, n) = parse_dateline("新华社北京5月14日电 中共中央政治局", Some("2020-05-15"), lex()).unwrap();
        assert_eq!(d.text, "新华社北京5月14日电");
        assert_eq!(
            (d.agency.as_deref(), d.place.as_deref(), d.date.as_deref()),
            (Some("新华社"), Some("北京"), Some("2020-05-14"))
        );
        assert_eq!(n, 12);
        let (d, _) = parse_dateline("株洲日报讯 5月13日至14日", Some("2020-05-15"), lex()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.agency.as_deref(), d.place, d.date),
            ("株洲日报讯", Some("株洲日报"), None, None)
        );
        let (d, _) = parse_dateline("新华社纽约１２月３１日电（记者周锡生）在过去", Some("1998-01-01"), lex()).unwrap();
        assert_eq!(d.date.as_deref(), Some("1997-12-31"));
        assert_eq!(d.place.as_deref(), Some("纽约"));
        let (d, _) = parse_dateline("本报北京１月５日讯记者张三报道：", Some("1998-01-06"), lex()).unwrap();
        assert_eq!((d.agency.as_deref(), d.date.as_deref()), (Some("本报"), Some("1998-01-05")));
        // 讯 ends the dateline: the 电 of a word after it (电气化, 电话) makes no place of its text
        let (d, n) = parse_dateline("本报讯铁道部电气化工程局近日通过认证", None, lex()).unwrap();
        assert_eq!((d.text.as_str(), d.place, n), ("本报讯", None, 3));
        let (d, _) = parse_dateline("本报讯中国国际广播电台去年收到来信", None, lex()).unwrap();
        assert_eq!(d.text, "本报讯");
        assert!(parse_dateline("本报今日推出“高质量发展的株洲实践”专题报道。", None, lex()).is_none());
        assert!(parse_dateline("近日，国务院办公厅对2019年落实有关重大政策", None, lex()).is_none());
    }

    #[test]
    fn a_two_character_name_printed_spaced_is_one_name() {
        let b = parse_byline("本报记者　刘　洋", lex()).unwrap();
        assert_eq!(b[0].names, ["刘洋"]);
        let b = parse_byline("本报记者　刘　洋　王晓东", lex()).unwrap();
        assert_eq!(b[0].names, ["刘洋", "王晓东"]);
        let c = parse_caption("图为农机手在检修播种机。　本报记者　刘　洋摄", lex()).unwrap();
        assert_eq!(c.text, "图为农机手在检修播种机。");
    }

    #[test]
    fn a_bulleted_byline_and_a_spaced_credit_after_a_dateline() {
        let b = parse_byline("□ 本报记者 赵红旗", lex()).unwrap();
        assert_eq!((b[0].role.as_deref(), b[0].names.clone()), (Some("记者"), vec!["赵红旗".to_string()]));
        let rest = "记者 胡新桥 9月2日，武汉市电梯智慧监管平台正式上线运行。";
        let (b, n) = parse_dateline_credit(rest, lex()).unwrap();
        assert_eq!(b[0].names, ["胡新桥"]);
        assert!(rest.chars().skip(n).collect::<String>().starts_with("9月2日"));
        // a sentence after the dateline is no credit
        assert!(parse_dateline_credit("记者从省交通运输厅获悉，端午假期全省高速公路车流量将增加。", lex()).is_none());
        // a credit in brackets, the text after it running far past the first 48 characters
        let rest = format!("（记者周锡生）{}", "在过去的一年里，这座城市的面貌发生了很大变化。".repeat(4));
        let (b, n) = parse_dateline_credit(&rest, lex()).unwrap();
        assert_eq!((b[0].names.clone(), n), (vec!["周锡生".to_string()], 7));
        let (dl, b, n) =
            parse_lead_credit("本报记者 王小明 报道：在过去的一年里，这座城市的面貌发生了很大变化。", lex()).unwrap();
        assert_eq!((dl.agency.as_deref(), b[0].names.clone(), n), (Some("本报"), vec!["王小明".to_string()], 12));
    }

    #[test]
    fn marks_of_what_a_byline_credits_are_no_names() {
        let b = parse_byline("文/记者 王小明 图/记者 李大伟", lex()).unwrap();
        assert_eq!(b.iter().map(|b| b.names.clone()).collect::<Vec<_>>(), [["王小明"], ["李大伟"]]);
        let b = parse_byline("本报记者 王小明 文/图", lex()).unwrap();
        assert_eq!(b[0].names, ["王小明"]);
        let b = parse_byline("记者 王小明 报道", lex()).unwrap();
        assert_eq!(b[0].names, ["王小明"]);
        // a mark that is the line's only role stays its role
        let b = parse_byline("文/图 王小明", lex()).unwrap();
        assert_eq!((b[0].role.as_deref(), b[0].names.clone()), (Some("文/图"), vec!["王小明".to_string()]));
        // a qualified role is the role, not an outlet
        let b = parse_byline("首席记者 王小明", lex()).unwrap();
        assert_eq!((b[0].role.as_deref(), b[0].outlet.as_deref()), (Some("首席记者"), None));
    }

    #[test]
    fn jump_forms_from_the_verb_table() {
        let kind = |t: &str| parse_jump(t, lex()).map(|j| (j.kind, j.page.unwrap_or_default()));
        assert_eq!(kind("→下转A2版"), Some((JumpKind::ContinuedOn, "A2".to_string())));
        assert_eq!(kind("（下接第5版）"), Some((JumpKind::ContinuedOn, "5".to_string())));
        assert_eq!(kind("（紧接A1版）"), Some((JumpKind::ContinuedFrom, "A1".to_string())));
        assert_eq!(kind("相关报道见第4版"), Some((JumpKind::SeeAlso, "4".to_string())));
        assert_eq!(kind("更多报道详见A3版"), Some((JumpKind::SeeAlso, "A3".to_string())));
        assert_eq!(kind("相关报道"), None);
    }

    #[test]
    fn bylines() {
        let b = parse_byline("株洲日报记者 叶新福 胡文洁", lex()).unwrap();
        assert_eq!(
            b,
            vec![Byline {
                role: Some("记者".into()),
                outlet: Some("株洲日报".into()),
                names: vec!["叶新福".into(), "胡文洁".into()]
            }]
        );
        let b = parse_byline("通讯员/易礼毅", lex()).unwrap();
        assert_eq!(
            (b[0].role.as_deref(), b[0].outlet.as_deref(), b[0].names.clone()),
            (Some("通讯员"), None, vec!["易礼毅".to_string()])
        );
        let b = parse_byline("本报驻美国记者张亮", lex()).unwrap();
        assert_eq!((b[0].outlet.as_deref(), b[0].names.clone()), (Some("本报"), vec!["张亮".to_string()]));
        let b = parse_byline("本报记者 张三 通讯员 李四", lex()).unwrap();
        assert_eq!(b.len(), 2);
        // names printed together are parted by surnames; a name run into the next outlet is cut off it
        let b = parse_byline("本报记者罗昌爱胡跃平任维东", lex()).unwrap();
        assert_eq!(b[0].names, ["罗昌爱", "胡跃平", "任维东"]);
        let b = parse_byline("本报驻泰国记者成元生国际广播电台记者陆永江", lex()).unwrap();
        assert_eq!(
            b.iter().map(|x| (x.outlet.as_deref(), x.names.clone())).collect::<Vec<_>>(),
            [(Some("本报"), vec!["成元生".to_string()]), (Some("国际广播电台"), vec!["陆永江".to_string()])]
        );
        let b = parse_byline("本报评论员", lex()).unwrap();
        assert_eq!((b[0].outlet.as_deref(), b[0].role.as_deref(), b[0].names.len()), (Some("本报"), Some("评论员"), 0));
        // an unsigned role needs an outlet's name before it, and a signed one a name after it
        assert!(parse_byline("做人民满意的评论员", lex()).is_none());
        assert!(parse_byline("本报记者", lex()).is_none());
        assert!(parse_byline("记者节到了，大家好", lex()).is_none());
        assert!(parse_byline("毛腾飞到醴陵包案下访处理信访问题", lex()).is_none());
    }

    #[test]
    fn a_headline_holding_a_role_word_is_no_byline() {
        // words before the role that name no outlet, and no person's name after it
        for t in ["市体育馆邀请本地记者联欢", "全国钓鱼大赛摄影作品展开幕", "少儿绘画摄影展览"]
        {
            assert!(parse_byline(t, lex()).is_none(), "{t}");
        }
        // a person's name after the role keeps the byline, and so does a photo report signed names first
        assert_eq!(parse_byline("湖南日报特派记者王小川", lex()).unwrap()[0].names, ["王小川"]);
        assert_eq!(parse_byline("刘志强摄影报道", lex()).unwrap()[0].names, ["刘志强"]);
        assert_eq!(parse_byline("张文华李明摄影报道", lex()).unwrap()[0].names, ["张文华", "李明"]);
    }

    #[test]
    fn jumps() {
        let j = parse_jump("下转A2版", lex()).unwrap();
        assert_eq!((j.kind, j.page.as_deref()), (JumpKind::ContinuedOn, Some("A2")));
        assert_eq!(parse_jump("上接第一版", lex()).unwrap().page.as_deref(), Some("1"));
        assert_eq!(parse_jump("详见B1版", lex()).unwrap().kind, JumpKind::SeeAlso);
        assert_eq!(parse_jump("（转第３版）", lex()).unwrap().page.as_deref(), Some("3"));
        assert!(parse_jump("详见上文", lex()).is_none());
        let (j, at) = parse_trailing_jump("吸引消费者。（下转第二版）", lex()).unwrap();
        assert_eq!((j.page.as_deref(), at), (Some("2"), 6));
    }

    #[test]
    fn captions() {
        let c = parse_caption("国内最长纯玻纤海上风电叶片下线。受访企业 供图", lex()).unwrap();
        assert_eq!(c.text, "国内最长纯玻纤海上风电叶片下线。");
        assert_eq!(c.credit.as_deref(), Some("受访企业 供图"));
        let c = parse_caption("工人们在检修线路。（新华社记者刘宇摄）", lex()).unwrap();
        assert_eq!(c.credit.as_deref(), Some("新华社记者刘宇摄"));
        assert!(parse_caption("他说，这是一个好的开始。", lex()).is_none());
    }

    #[test]
    fn roles_of_lines() {
        assert_eq!(classify("1998年1月1日 星期四", lex()), Role::Furniture);
        assert_eq!(classify("责任编辑：王明", lex()), Role::Furniture);
        assert_eq!(classify("加快推进老旧小区改造", lex()), Role::Title);
        assert_eq!(classify("“好恰客”回流 点亮“夜经济”", lex()), Role::Title);
        assert_eq!(classify("“3月底市委、市政府领导带头", lex()), Role::Text);
        assert_eq!(classify("堂食以来，愿意在门店就餐的市民越来越多。”", lex()), Role::Text);
    }
}
