//! Traditional characters: pages printed in them (Hong Kong, Taiwan, Macao
//! papers, and older mainland ones) are read through their Simplified form.
//!
//! The language knowledge of the engine (title words, byline and dateline
//! patterns, the word dictionary) is written in Simplified characters. A page
//! in Traditional characters is folded to Simplified one character for one
//! (table in `data/t2s.txt`, derived from OpenCC's `TSCharacters.txt`,
//! Apache-2.0), parsed, and every text of the result is given back its
//! characters as printed: folding keeps every character's place, so spans
//! hold, and a folded character that stood for more than one printed
//! character on the page (后 for 後 and 后) takes the one printed where its
//! context is found.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::Page;

static T2S_TABLE: &str = include_str!("../data/t2s.txt");

/// Simplified form of every character from U+3400 to U+FFFF (the table
/// covers the BMP; rarer planes go through a map).
struct T2s {
    bmp: Vec<char>,
    rest: HashMap<char, char>,
}

const BMP_FROM: u32 = 0x3400;

fn t2s() -> &'static T2s {
    static MAP: OnceLock<T2s> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut bmp: Vec<char> = (BMP_FROM..=0xFFFF).map(|u| char::from_u32(u).unwrap_or('\u{FFFD}')).collect();
        let mut rest = HashMap::new();
        for line in T2S_TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cs = line.chars();
            if let (Some(t), Some(s)) = (cs.next(), cs.next()) {
                let u = t as u32;
                if (BMP_FROM..=0xFFFF).contains(&u) {
                    bmp[(u - BMP_FROM) as usize] = s;
                } else {
                    rest.insert(t, s);
                }
            }
        }
        T2s { bmp, rest }
    })
}

/// The Simplified form of a character (itself when it has none).
#[inline]
pub fn simplified(c: char) -> char {
    match c as u32 {
        u if u < BMP_FROM => c,
        u if u <= 0xFFFF => t2s().bmp[(u - BMP_FROM) as usize],
        _ => t2s().rest.get(&c).copied().unwrap_or(c),
    }
}

/// Share of a page's Han characters that must be Traditional forms for the
/// page to be read as printed in Traditional characters (a Simplified page
/// holds a few only in names: 乾隆).
const TRADITIONAL_SHARE: usize = 20;

/// Han characters looked at to tell a page's script.
const SAMPLE: usize = 600;

/// Whether a text is printed in Traditional characters: among its first Han
/// characters, at least one in twenty, and five in all, have a Simplified
/// form of their own.
pub fn is_traditional(text: &str) -> bool {
    let (mut han, mut traditional) = (0usize, 0usize);
    for c in text.chars().filter(|&c| crate::lm::is_han(c)).take(SAMPLE) {
        han += 1;
        traditional += usize::from(simplified(c) != c);
    }
    traditional >= 5 && traditional * TRADITIONAL_SHARE >= han
}

/// A text folded to Simplified, one character for one.
pub(crate) fn to_simplified(text: &str) -> String {
    text.chars().map(simplified).collect()
}

/// Gives a parse of a folded page back the characters printed on the page.
pub(crate) struct Restorer {
    /// For each folded character that differs from what was printed: the one
    /// character it stood for, or `None` where it stood for several.
    back: HashMap<char, Option<char>>,
    /// For a folded character that stood for several: what was printed for it
    /// between two given neighbours, after one, before one, and most often.
    between: HashMap<(char, char, char), char>,
    after: HashMap<(char, char), char>,
    before: HashMap<(char, char), char>,
    most: HashMap<char, char>,
}

impl Restorer {
    /// A restorer for a page `printed` and its folded form (time and memory
    /// linear in the page).
    pub(crate) fn new(printed: &str, folded: &str) -> Restorer {
        let printed: Vec<char> = printed.chars().collect();
        let folded: Vec<char> = folded.chars().collect();
        let mut seen: HashMap<char, Vec<char>> = HashMap::new();
        for (&f, &p) in folded.iter().zip(&printed) {
            let v = seen.entry(f).or_default();
            if !v.contains(&p) {
                v.push(p);
            }
        }
        let back: HashMap<char, Option<char>> = seen
            .into_iter()
            .filter(|(f, ps)| ps.len() > 1 || ps[0] != *f)
            .map(|(f, ps)| (f, if ps.len() == 1 { Some(ps[0]) } else { None }))
            .collect();
        // (first come in each context; counts decide the fallback)
        let (mut between, mut after, mut before) = (HashMap::new(), HashMap::new(), HashMap::new());
        let mut counts: HashMap<(char, char), usize> = HashMap::new();
        let at = |i: usize| folded.get(i).copied().unwrap_or('\0');
        for (i, (&f, &p)) in folded.iter().zip(&printed).enumerate() {
            if back.get(&f) != Some(&None) {
                continue;
            }
            let left = if i > 0 { at(i - 1) } else { '\0' };
            between.entry((left, f, at(i + 1))).or_insert(p);
            after.entry((left, f)).or_insert(p);
            before.entry((f, at(i + 1))).or_insert(p);
            *counts.entry((f, p)).or_default() += 1;
        }
        let mut most: HashMap<char, (char, usize)> = HashMap::new();
        for ((f, p), n) in counts {
            let e = most.entry(f).or_insert((p, 0));
            if n > e.1 || (n == e.1 && p < e.0) {
                *e = (p, n);
            }
        }
        let most = most.into_iter().map(|(f, (p, _))| (f, p)).collect();
        Restorer { back, between, after, before, most }
    }

    /// A text of the folded parse, in the characters printed.
    pub(crate) fn restore(&self, text: &str) -> String {
        let cs: Vec<char> = text.chars().collect();
        (0..cs.len())
            .map(|i| match self.back.get(&cs[i]) {
                None => cs[i],
                Some(Some(p)) => *p,
                Some(None) => self.in_context(&cs, i),
            })
            .collect()
    }

    /// What was printed for `cs[i]` where its neighbours stood by it.
    fn in_context(&self, cs: &[char], i: usize) -> char {
        let f = cs[i];
        let left = if i > 0 { cs[i - 1] } else { '\0' };
        let right = cs.get(i + 1).copied().unwrap_or('\0');
        self.between
            .get(&(left, f, right))
            .or_else(|| self.after.get(&(left, f)))
            .or_else(|| self.before.get(&(f, right)))
            .or_else(|| self.most.get(&f))
            .copied()
            .unwrap_or(f)
    }

    /// Every text of a parsed page, restored.
    pub(crate) fn restore_page(&self, page: &mut Page) {
        let opt = |s: &mut Option<String>| {
            if let Some(t) = s.as_mut() {
                *t = self.restore(t);
            }
        };
        for u in &mut page.unassigned {
            u.text = self.restore(&u.text);
        }
        for a in &mut page.articles {
            opt(&mut a.kicker);
            opt(&mut a.headline);
            for s in &mut a.subheadlines {
                *s = self.restore(s);
            }
            for b in &mut a.bylines {
                opt(&mut b.role);
                opt(&mut b.outlet);
                for n in &mut b.names {
                    *n = self.restore(n);
                }
            }
            if let Some(d) = a.dateline.as_mut() {
                d.text = self.restore(&d.text);
                opt(&mut d.agency);
                opt(&mut d.place);
            }
            for b in &mut a.body {
                b.text = self.restore(&b.text);
            }
            for c in &mut a.captions {
                c.text = self.restore(&c.text);
                opt(&mut c.credit);
            }
            for j in &mut a.jumps {
                j.text = self.restore(&j.text);
            }
            for r in &mut a.repairs {
                r.original = self.restore(&r.original);
                r.replacement = self.restore(&r.replacement);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_one_for_one() {
        assert_eq!(to_simplified("本報訊 記者從發展局獲悉"), "本报讯 记者从发展局获悉");
        assert!(is_traditional("本報訊 記者從發展局獲悉，新界東北發展提速。"));
        assert!(!is_traditional("本报讯 记者从发展局获悉，乾隆年间的古建筑修缮完工。"));
    }

    #[test]
    fn a_character_standing_for_two_takes_the_one_of_its_context() {
        let printed = "會後發表聲明。皇后像前有頭髮。";
        let r = Restorer::new(printed, &to_simplified(printed));
        assert_eq!(r.restore("会后发表声明。"), "會後發表聲明。");
        assert_eq!(r.restore("皇后像前有头发"), "皇后像前有頭髮");
    }
}
