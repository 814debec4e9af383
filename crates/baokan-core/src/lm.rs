//! Language statistics: a word dictionary with frequencies (jieba's, with
//! any user words) and the scores that join, order and repair decisions ask.
//!
//! The model is a unigram word model over the best segmentation, which is
//! what jieba itself uses: `logp` of a string is the log probability of its
//! most likely segmentation. It is loaded once, lazily, and shared.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use jieba_rs::Jieba;

/// Word statistics for Chinese text.
pub struct LanguageModel {
    jieba: Jieba,
    log_total: f64,
}

impl std::fmt::Debug for LanguageModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageModel").field("log_total", &self.log_total).finish()
    }
}

/// A cached junction: the model, and up to four characters each side of the break.
type JunctionKey = (usize, [char; 4], [char; 4]);

/// Total word count of jieba's bundled dictionary, should its `Debug` form change.
const DEFAULT_TOTAL: f64 = 60_101_967.0;

impl LanguageModel {
    /// The model on jieba's bundled dictionary, loaded on first use and shared.
    pub fn builtin() -> &'static LanguageModel {
        static LM: OnceLock<LanguageModel> = OnceLock::new();
        LM.get_or_init(|| LanguageModel::from_jieba(Jieba::new()))
    }

    /// A model on the bundled dictionary plus user words (`word [freq [tag]]` a line).
    pub fn with_user_words(words: &str) -> LanguageModel {
        let mut jieba = Jieba::new();
        for line in words.lines() {
            let mut it = line.split_whitespace();
            if let Some(w) = it.next() {
                let freq = it.next().and_then(|f| f.parse().ok());
                let tag = it.next();
                jieba.add_word(w, freq, tag);
            }
        }
        LanguageModel::from_jieba(jieba)
    }

    fn from_jieba(jieba: Jieba) -> LanguageModel {
        // jieba-rs keeps its total frequency private; its Debug form shows it.
        let dbg = format!("{jieba:?}");
        let total = dbg
            .split("total_freq: ")
            .nth(1)
            .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|&t| t > 0.0)
            .unwrap_or(DEFAULT_TOTAL);
        LanguageModel { jieba, log_total: total.ln() }
    }

    /// The underlying segmenter.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Whether a string is a dictionary word.
    pub fn is_word(&self, w: &str) -> bool {
        self.jieba.has_word(w)
    }

    /// Words of a string, as character ranges, by the dictionary alone (no HMM).
    pub fn words(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for tok in self.jieba.cut(s, false) {
            let n = tok.word.chars().count();
            out.push((pos, pos + n));
            pos += n;
        }
        out
    }

    /// The part-of-speech tag of the last word of `s`.
    pub fn last_word_tag(&self, s: &str) -> Option<String> {
        let tail = tail(s, 8);
        self.jieba.tag(&tail, false).last().map(|t| t.tag.to_string())
    }

    /// The part-of-speech tag of the last word of `s`, when that word is one character.
    pub fn last_single_char_tag(&self, s: &str) -> Option<String> {
        let tail = tail(s, 6);
        let tags = self.jieba.tag(&tail, false);
        let last = tags.last()?;
        (last.word.chars().count() == 1).then(|| last.tag.to_string())
    }

    /// Whether text starts where no sentence starts (，…, 的…), the dictionary
    /// deciding for a particle that may also begin a word (地方, 得到, 过去, 了解).
    pub fn starts_mid_sentence(&self, text: &str, lex: &crate::lexicon::Lexicon) -> bool {
        if !lex.starts_mid_sentence(text) {
            return false;
        }
        let first = text.chars().next().unwrap_or(' ');
        if !is_han(first) {
            return true;
        }
        let head = |n: usize| text.chars().take(n).collect::<String>();
        !(self.is_word(&head(2)) || self.is_word(&head(3)))
    }

    /// Whether a string is one place name by the dictionary (云南, 哈尔滨, 菲律宾).
    pub fn is_place_name(&self, s: &str) -> bool {
        let tags = self.jieba.tag(s.trim(), false);
        tags.len() == 1 && tags[0].tag.starts_with("ns")
    }

    /// The place name a text opens with, by the dictionary (新疆吐鲁番… → 新疆), when
    /// its first word is one of two characters or more.
    pub fn leading_place_name(&self, s: &str) -> Option<String> {
        let s = s.trim_start();
        let head = &s[..crate::text::advance_to_char(s, (0, 0), 8).1];
        let tags = self.jieba.tag(head, false);
        let first = tags.first()?;
        if first.tag.starts_with("ns") && first.word.chars().count() >= 2 && tags.len() > 1 {
            return Some(first.word.to_string());
        }
        // a compound the dictionary lists whole may open with a place (香港股市 → 香港)
        let n = first.word.chars().count();
        (2..n).rev().map(|k| first.word.chars().take(k).collect::<String>()).find(|p| self.is_place_name(p))
    }

    /// Whether a string reads as person names only: every word the dictionary
    /// finds in it is a single character or a person name.
    pub fn only_names(&self, s: &str) -> bool {
        self.jieba.tag(s, false).iter().all(|t| t.word.chars().count() == 1 || t.tag.starts_with("nr"))
    }

    /// Log probability of the most likely segmentation of `s` under the
    /// unigram word model: the sum over its words of `ln(freq / total)`.
    pub fn logp(&self, s: &str) -> f64 {
        self.jieba.cut(s, false).iter().map(|t| self.word_logp(t.word)).sum()
    }

    /// Log probability of one word (`ln(1 / total)` for an unknown one).
    pub fn word_logp(&self, w: &str) -> f64 {
        thread_local! {
            static CACHE: std::cell::RefCell<FxHashMap<usize, FxHashMap<String, f64>>> =
                std::cell::RefCell::new(FxHashMap::default());
        }
        // one cache per thread and model, kept small; looked up without allocating
        let model = self as *const LanguageModel as usize;
        if let Some(v) = CACHE.with(|c| c.borrow().get(&model).and_then(|m| m.get(w)).copied()) {
            return v;
        }
        // for a dictionary word suggest_freq gives its frequency (+1)
        let v = (self.jieba.suggest_freq(w).max(1) as f64).ln() - self.log_total;
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let m = c.entry(model).or_default();
            if m.len() > 200_000 {
                m.clear();
            }
            m.insert(w.to_string(), v);
        });
        v
    }

    /// How much better `left` and `right` read as one text than as two:
    /// positive when a word runs across the junction (地质|灾害 → 地质灾害),
    /// about zero at a word boundary.
    pub fn junction(&self, left: &str, right: &str) -> f64 {
        if !left.chars().next_back().is_some_and(is_han) {
            return 0.0;
        }
        // up to four Han characters each side of the break, kept in place (no allocation)
        let mut l = ['\0'; 4];
        for (k, c) in left.chars().rev().take(4).filter(|c| is_han(*c)).enumerate() {
            l[3 - k] = c;
        }
        let mut r = ['\0'; 4];
        for (k, c) in right.chars().take(4).take_while(|c| is_han(*c)).enumerate() {
            r[k] = c;
        }
        if r[0] == '\0' {
            return 0.0;
        }
        thread_local! {
            static CACHE: std::cell::RefCell<FxHashMap<JunctionKey, f64>> = std::cell::RefCell::new(FxHashMap::default());
        }
        let key = (self as *const LanguageModel as usize, l, r);
        if let Some(v) = CACHE.with(|c| c.borrow().get(&key).copied()) {
            return v;
        }
        let ls: String = l.iter().filter(|&&c| c != '\0').collect();
        let rs: String = r.iter().filter(|&&c| c != '\0').collect();
        // (each side meets many others: its own log probability is kept apart)
        let v = self.logp(&format!("{ls}{rs}")) - self.part_logp(&ls) - self.part_logp(&rs);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() > 100_000 {
                c.clear();
            }
            c.insert(key, v);
        });
        v
    }
}

impl LanguageModel {
    /// [`LanguageModel::logp`] of one side of a junction (up to four characters),
    /// cached per thread and model.
    fn part_logp(&self, s: &str) -> f64 {
        thread_local! {
            static CACHE: std::cell::RefCell<FxHashMap<(usize, [char; 4]), f64>> =
                std::cell::RefCell::new(FxHashMap::default());
        }
        let mut part = ['\0'; 4];
        for (k, c) in s.chars().enumerate() {
            if k == 4 {
                return self.logp(s);
            }
            part[k] = c;
        }
        let key = (self as *const LanguageModel as usize, part);
        if let Some(v) = CACHE.with(|c| c.borrow().get(&key).copied()) {
            return v;
        }
        let v = self.logp(s);
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() > 100_000 {
                c.clear();
            }
            c.insert(key, v);
        });
        v
    }
}

/// The last `n` characters of `s`.
pub fn tail(s: &str, n: usize) -> String {
    // (stepping back from the end over the bytes that continue a character)
    let b = s.as_bytes();
    let mut i = b.len();
    for _ in 0..n {
        if i == 0 {
            break;
        }
        i -= 1;
        while i > 0 && (b[i] as i8) < -0x40 {
            i -= 1;
        }
    }
    s[i..].to_string()
}

/// Whether a character is a CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// A Han bigram packed in one integer (two code points of the Basic Multilingual Plane).
pub type Bigram = u64;

/// Character bigrams of the Han runs of a text, for lexical cohesion.
pub fn han_bigrams(s: &str) -> Vec<Bigram> {
    let mut out = Vec::with_capacity(s.len() / 3);
    each_han_bigram(s, |b| out.push(b));
    out
}

fn each_han_bigram(s: &str, mut f: impl FnMut(Bigram)) {
    // every Han character is three bytes in UTF-8: the bytes are read directly,
    // skipping other characters by their lead byte (0 is no character before)
    let mut rest = s.as_bytes();
    let mut prev: u32 = 0;
    while let [x, tail @ ..] = rest {
        let x = *x;
        if !(0xE0..0xF0).contains(&x) {
            prev = 0;
            rest = tail.get(usize::from(x >= 0x80) + 2 * usize::from(x >= 0xF0)..).unwrap_or(&[]);
            continue;
        }
        let [b1, b2, tail @ ..] = tail else { break };
        rest = tail;
        if is_han_utf8(x, *b1) {
            let c = (u32::from(x & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            if prev != 0 {
                f((u64::from(prev) << 16) | u64::from(c));
            }
            prev = c;
        } else {
            prev = 0;
        }
    }
}

/// [`is_han`] of a three-byte character by its first two bytes: U+4E00–U+9FFF,
/// U+3400–U+4DBF and U+F900–U+FAFF.
pub(crate) fn is_han_utf8(lead: u8, second: u8) -> bool {
    match lead {
        0xE5..=0xE9 => true,
        // (U+4DC0–U+4DFF, E4 B7 .., are hexagrams)
        0xE4 => second != 0xB7,
        0xE3 => second >= 0x90,
        0xEF => (0xA4..=0xAB).contains(&second),
        _ => false,
    }
}

/// A page's bigrams are numbered densely as they are first seen, so that
/// weights, sets and counts over them are plain arrays.
type GramId = u32;

/// Bigram numbers by bigram while a page is counted: a table of open
/// addressing, probed linearly, at most half full, kept by the thread from
/// page to page and emptied slot by slot at the start of the next count (a
/// page's bigrams are counted once per parse: a general hash map spends more
/// on each than the rest of the counting, and a wide table waits on memory).
#[derive(Default)]
struct GramTable {
    /// (bigram, its number) by slot; bigram 0 (no bigram is 0) marks an empty slot
    slots: Vec<(u32, GramId)>,
    /// the slots taken since the table was last emptied
    used: Vec<u32>,
}

impl GramTable {
    /// Start a new count of at most `n` bigrams: every slot is free, and
    /// more than twice `n` of them, so that the table never fills.
    fn start(&mut self, n: usize) {
        for &i in &self.used {
            self.slots[i as usize] = (0, 0);
        }
        self.used.clear();
        let want = (2 * n + 2).next_power_of_two().max(1024);
        if self.slots.len() < want {
            self.slots = vec![(0, 0); want];
        }
    }

    #[inline]
    fn slot_of(b: u32, mask: usize) -> usize {
        // (Fibonacci hashing: the high bits of the product)
        (u64::from(b).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    /// The number of a bigram, given number `next` if it has none yet (no
    /// more bigrams are put in than [`GramTable::start`] was told of).
    #[inline]
    fn get_or_insert(&mut self, b: u32, next: GramId) -> GramId {
        let mask = self.slots.len() - 1;
        let mut i = Self::slot_of(b, mask);
        loop {
            let (k, id) = self.slots[i];
            if k == b {
                return id;
            }
            if k == 0 {
                self.slots[i] = (b, next);
                self.used.push(i as u32);
                return next;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The lists a page's count fills ([`Cohesion::counting`]), each made long
/// enough at the start. (The loop over a unit's bigrams runs in a method of
/// its own, on lists it borrows alone: it then keeps their lengths in
/// registers, where a closure over the fields of a [`Cohesion`] stores them
/// back at every bigram.)
struct Numbering {
    /// by bigram number: units counted that hold it, and the last unit seen with it
    seen: Vec<(u32, u32)>,
    /// bigrams by number
    by_id: Vec<Bigram>,
    /// the bigrams of each unit, end to end
    grams: Vec<GramId>,
    /// the distinct bigrams of each unit, end to end
    distinct: Vec<GramId>,
}

impl Numbering {
    /// Count the bigrams of unit `unit`, text `t`: the lengths of the lists
    /// of bigrams and of distinct bigrams after it.
    fn count(&mut self, t: &str, unit: u32, counts: bool, table: &mut GramTable) -> (usize, usize) {
        let Numbering { seen, by_id, grams, distinct } = self;
        each_han_bigram(t, |b| {
            let next = seen.len() as GramId;
            // (a bigram is two characters of the Basic Multilingual Plane: 32 bits)
            let id = table.get_or_insert(b as u32, next);
            grams.push(id);
            if id == next {
                seen.push((u32::from(counts), unit));
                by_id.push(b);
                distinct.push(id);
            } else {
                let (df, last) = &mut seen[id as usize];
                if *last != unit {
                    *last = unit;
                    distinct.push(id);
                    *df += u32::from(counts);
                }
            }
        });
        (grams.len(), distinct.len())
    }
}

/// The rarity-weighted vocabulary of a group of units ([`Cohesion::profile`]).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Weighted counts, sorted by bigram number.
    weights: Vec<(GramId, f64)>,
    norm: f64,
}

impl Profile {
    /// Whether a bigram is in the vocabulary.
    fn holds(&self, b: GramId) -> bool {
        self.weights.binary_search_by(|(x, _)| x.cmp(&b)).is_ok()
    }

    /// The vocabulary of these units without that of `part`, a subset of them.
    pub fn without(&self, part: &Profile) -> Profile {
        let mut weights = Vec::with_capacity(self.weights.len());
        let mut j = 0;
        for &(b, w) in &self.weights {
            while j < part.weights.len() && part.weights[j].0 < b {
                j += 1;
            }
            let left = match part.weights.get(j) {
                Some(&(pb, pw)) if pb == b => w - pw,
                _ => w,
            };
            if left > 1e-9 {
                weights.push((b, left));
            }
        }
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Profile { weights, norm }
    }

    /// Cosine similarity of two profiles, in `[0, 1]`.
    pub fn cosine(&self, other: &Profile) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let (va, vb) = (&self.weights, &other.weights);
        // both are sorted by bigram: a merge finds the shared ones
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < va.len() && j < vb.len() {
            match va[i].0.cmp(&vb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += va[i].1 * vb[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot / (self.norm * other.norm)
    }
}

/// The set of bigrams of a group of units ([`Cohesion::set_of`]).
#[derive(Debug, Clone, Default)]
pub struct GramSet(Vec<u64>);

impl GramSet {
    fn contains(&self, b: GramId) -> bool {
        // (a bit set, by bigram number)
        self.0.get(b as usize / 64).is_some_and(|w| w >> (b % 64) & 1 == 1)
    }
}

/// Bigram counts of a group of units ([`Cohesion::counts_of`]).
#[derive(Debug, Clone, Default)]
pub struct GramCounts(Vec<u32>);

/// Lexical cohesion of text units on a page: how much of one unit's
/// vocabulary (Han bigrams, weighted by rarity on the page) another shares.
/// Units are numbered in the order given; the bigrams of each are kept.
#[derive(Debug, Default)]
pub struct Cohesion {
    /// bigrams by number
    by_id: Vec<Bigram>,
    /// bigram -> its number, made from `by_id` when first asked
    ids: std::sync::OnceLock<FxHashMap<Bigram, GramId>>,
    /// idf by bigram number
    idf: Vec<f64>,
    units: f64,
    /// the bigrams of each unit, in text order, end to end ([`Cohesion::grams`])
    grams: Vec<GramId>,
    /// the distinct bigrams of each unit, in order of first occurrence, end to end
    distinct: Vec<GramId>,
    /// where each unit's bigrams lie in `grams`, and its distinct ones in `distinct`
    at: Vec<(usize, usize, usize, usize)>,
}

impl Cohesion {
    /// Count in how many of the units each bigram occurs.
    pub fn new<'a>(units: impl IntoIterator<Item = &'a str>) -> Self {
        let texts: Vec<&str> = units.into_iter().collect();
        Cohesion::counting(&texts, |_| true)
    }

    /// Keep the bigrams of every unit, counting document frequencies over
    /// the units `counted` accepts (the running text of a page, say).
    pub fn counting(texts: &[&str], counted: impl Fn(usize) -> bool) -> Self {
        thread_local! {
            static TABLE: std::cell::RefCell<GramTable> = std::cell::RefCell::new(GramTable::default());
        }
        let mut c = Cohesion::default();
        // (a text of n bytes holds fewer than n / 3 bigrams: no list grows)
        let total: usize = texts.iter().map(|t| t.len() / 3).sum();
        let mut n = Numbering {
            seen: Vec::with_capacity(total),
            by_id: Vec::with_capacity(total),
            grams: Vec::with_capacity(total),
            distinct: Vec::with_capacity(total),
        };
        let (mut ng, mut nd) = (0, 0);
        c.at.reserve(texts.len());
        TABLE.with(|table| {
            let table = &mut *table.borrow_mut();
            table.start(total);
            table.used.reserve(total);
            for (i, t) in texts.iter().enumerate() {
                let counts = counted(i);
                let (g0, d0) = (ng, nd);
                (ng, nd) = n.count(t, i as u32, counts, table);
                if counts {
                    c.units += 1.0;
                }
                c.at.push((g0, ng, d0, nd));
            }
        });
        let Numbering { seen, by_id, grams, distinct } = n;
        (c.by_id, c.grams, c.distinct) = (by_id, grams, distinct);
        // idf by document frequency: a bigram no counted unit holds weighs as one in a unit of its own
        let units = c.units as f32;
        let by_df: Vec<f64> = (0..=c.units as usize)
            .map(|d| if d == 0 { c.unseen_idf() } else { f64::from(((units + 1.0) / (d as f32 + 1.0)).ln()) })
            .collect();
        c.idf = seen.iter().map(|&(d, _)| by_df[d as usize]).collect();
        c
    }

    fn unseen_idf(&self) -> f64 {
        (self.units + 1.0).ln()
    }

    /// The bigrams of unit `k`, in text order.
    fn grams(&self, k: usize) -> &[GramId] {
        let (a, b, _, _) = self.at[k];
        &self.grams[a..b]
    }

    /// The distinct bigrams of unit `k`, in order of first occurrence.
    fn distinct(&self, k: usize) -> &[GramId] {
        let (_, _, a, b) = self.at[k];
        &self.distinct[a..b]
    }

    /// Bigram numbers by bigram.
    fn ids(&self) -> &FxHashMap<Bigram, GramId> {
        self.ids.get_or_init(|| self.by_id.iter().enumerate().map(|(id, &b)| (b, id as GramId)).collect())
    }

    fn idf_of(&self, b: &Bigram) -> f64 {
        self.ids().get(b).map_or_else(|| self.unseen_idf(), |&id| self.idf[id as usize])
    }

    fn vector<'a>(&self, grams: impl Iterator<Item = &'a Bigram>) -> FxHashMap<Bigram, f64> {
        let grams = grams.into_iter();
        let mut m: FxHashMap<Bigram, f64> =
            FxHashMap::with_capacity_and_hasher(grams.size_hint().0, Default::default());
        for &bg in grams {
            *m.entry(bg).or_default() += 1.0;
        }
        for (k, v) in m.iter_mut() {
            *v *= self.idf_of(k);
        }
        m
    }

    fn cos(va: &FxHashMap<Bigram, f64>, vb: &FxHashMap<Bigram, f64>) -> f64 {
        let dot: f64 = va.iter().map(|(k, v)| v * vb.get(k).unwrap_or(&0.0)).sum();
        let na = va.values().map(|v| v * v).sum::<f64>().sqrt();
        let nb = vb.values().map(|v| v * v).sum::<f64>().sqrt();
        if na > 0.0 && nb > 0.0 {
            dot / (na * nb)
        } else {
            0.0
        }
    }

    /// Cosine similarity of the rarity-weighted bigram counts of two texts, in `[0, 1]`.
    pub fn cosine(&self, a: &str, b: &str) -> f64 {
        let (ga, gb) = (han_bigrams(a), han_bigrams(b));
        Cohesion::cos(&self.vector(ga.iter()), &self.vector(gb.iter()))
    }

    /// Cosine similarity of two groups of units, by their numbers.
    pub fn cosine_of(&self, a: &[usize], b: &[usize]) -> f64 {
        self.profile(a).cosine(&self.profile(b))
    }

    /// The vocabulary of a group of units, for comparing it with several others.
    pub fn profile(&self, units: &[usize]) -> Profile {
        let weights = self.weighted(units);
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Profile { weights, norm }
    }

    /// The rarity-weighted bigram counts of a group of units, sorted by bigram number.
    fn weighted(&self, units: &[usize]) -> Vec<(GramId, f64)> {
        thread_local! {
            // counts by bigram number, all zero between calls (a page's vocabulary
            // is thousands of bigrams; profiles are asked for often)
            // (and a bit set of the bigrams counted, all clear between calls)
            static COUNTS: std::cell::RefCell<(Vec<u32>, Vec<u64>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        COUNTS.with(|cell| {
            let (counts, held) = &mut *cell.borrow_mut();
            if counts.len() < self.idf.len() {
                counts.resize(self.idf.len(), 0);
                held.resize(self.idf.len().div_ceil(64), 0);
            }
            // the bigrams held are marked in a bit set, read back in order of number
            let (mut lo, mut hi, mut distinct) = (usize::MAX, 0, 0);
            for &k in units {
                for &id in self.grams(k) {
                    let n = &mut counts[id as usize];
                    if *n == 0 {
                        let w = id as usize / 64;
                        held[w] |= 1 << (id % 64);
                        lo = lo.min(w);
                        hi = hi.max(w);
                        distinct += 1;
                    }
                    *n += 1;
                }
            }
            let mut out = Vec::with_capacity(distinct);
            // (none when nothing is held: lo is then usize::MAX)
            for (w, bits) in held.iter_mut().enumerate().take(hi.wrapping_add(1)).skip(lo) {
                let mut bits = std::mem::take(bits);
                while bits != 0 {
                    let id = (w * 64) as GramId + bits.trailing_zeros();
                    bits &= bits - 1;
                    let n = std::mem::take(&mut counts[id as usize]);
                    out.push((id, f64::from(n) * self.idf[id as usize]));
                }
            }
            out
        })
    }

    /// Replace the text of unit `k` (a unit cut in two), or add a unit when
    /// `k` is one past the last; document frequencies stay as counted.
    pub fn set_unit(&mut self, k: usize, text: &str) {
        let unseen = self.unseen_idf();
        self.ids();
        let ids = self.ids.get_mut().expect("made above");
        let mut seen: FxHashSet<GramId> = FxHashSet::default();
        let (g0, d0) = (self.grams.len(), self.distinct.len());
        each_han_bigram(text, |b| {
            let next = self.idf.len() as GramId;
            let id = *ids.entry(b).or_insert(next);
            if id == next {
                self.idf.push(unseen);
                self.by_id.push(b);
            }
            if seen.insert(id) {
                self.distinct.push(id);
            }
            self.grams.push(id);
        });
        let at = (g0, self.grams.len(), d0, self.distinct.len());
        if k < self.at.len() {
            self.at[k] = at;
        } else {
            self.at.push(at);
        }
    }

    /// The set of bigrams of a group of units.
    pub fn set_of(&self, units: &[usize]) -> GramSet {
        let mut set = vec![0u64; self.idf.len().div_ceil(64)];
        for &k in units {
            for &id in self.distinct(k) {
                set[id as usize / 64] |= 1 << (id % 64);
            }
        }
        GramSet(set)
    }

    /// How many distinct bigrams of the `head` units are missing from the
    /// `before` units and found in the `section` units: words a combined
    /// headline (纽约股市开门红印尼菲律宾货币汇率再跌) announces for a later
    /// section of its article and not for the text before it.
    pub fn announced(&self, head: &[usize], before: &[usize], section: &[usize]) -> usize {
        // a head holds few bigrams: look them up by binary search
        let mut wanted: Vec<GramId> = head.iter().flat_map(|&k| self.distinct(k).iter().copied()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut alive = vec![true; wanted.len()];
        for &k in before {
            for id in self.distinct(k) {
                if let Ok(p) = wanted.binary_search(id) {
                    alive[p] = false;
                }
            }
        }
        if !alive.contains(&true) {
            return 0;
        }
        let mut found = 0;
        for &k in section {
            for id in self.distinct(k) {
                if let Ok(p) = wanted.binary_search(id) {
                    if alive[p] {
                        alive[p] = false;
                        found += 1;
                    }
                }
            }
        }
        found
    }

    /// Bigram counts of a group of units, which [`Cohesion::remove_unit`] can shrink.
    pub fn counts_of(&self, units: &[usize]) -> GramCounts {
        let mut counts = vec![0u32; self.idf.len()];
        for &k in units {
            for &id in self.grams(k) {
                counts[id as usize] += 1;
            }
        }
        GramCounts(counts)
    }

    /// Take one unit's bigrams out of counts made by [`Cohesion::counts_of`].
    pub fn remove_unit(&self, counts: &mut GramCounts, unit: usize) {
        for &id in self.grams(unit) {
            if let Some(n) = counts.0.get_mut(id as usize) {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// Share of a unit's weighted bigrams that occur in counts of other units, in `[0, 1]`.
    pub fn share_in_counts(&self, unit: usize, other: &GramCounts) -> f64 {
        self.share_where(unit, |b| other.0.get(b as usize).is_some_and(|&n| n > 0))
    }

    /// Share of a unit's weighted bigrams that also occur in a profile, in `[0, 1]`.
    pub fn share_in_profile(&self, unit: usize, other: &Profile) -> f64 {
        self.share_where(unit, |b| other.holds(b))
    }

    /// Share of a unit's weighted bigrams that also occur in `other`, in `[0, 1]`.
    pub fn share_of(&self, unit: usize, other: &GramSet) -> f64 {
        self.share_where(unit, |b| other.contains(b))
    }

    fn share_where(&self, unit: usize, found: impl Fn(GramId) -> bool) -> f64 {
        let (mut total, mut shared) = (0.0, 0.0);
        for &id in self.distinct(unit) {
            let w = self.idf[id as usize];
            total += w;
            if found(id) {
                shared += w;
            }
        }
        if total > 0.0 {
            shared / total
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_may_open_with_a_place() {
        let lm = LanguageModel::builtin();
        assert_eq!(lm.leading_place_name("新疆吐鲁番进入因特网以来").as_deref(), Some("新疆"));
        // the dictionary lists 香港股市 whole, and it opens with 香港
        assert_eq!(lm.leading_place_name("香港股市连续两日上升").as_deref(), Some("香港"));
        assert_eq!(lm.leading_place_name("他们认为剩下的酒"), None);
    }

    #[test]
    fn a_particle_that_begins_a_word_begins_a_sentence() {
        let (lm, lex) = (LanguageModel::builtin(), crate::lexicon::Lexicon::builtin());
        assert!(lm.starts_mid_sentence("的“好恰客”越来越多", lex));
        assert!(lm.starts_mid_sentence("，这里汇入", lex));
        assert!(!lm.starts_mid_sentence("地方选区选民登记约二百八十万人", lex));
        assert!(!lm.starts_mid_sentence("得到了群众的好评", lex));
        assert!(!lm.starts_mid_sentence("这里汇入。", lex));
    }

    #[test]
    fn words_run_across_a_column_break() {
        let lm = LanguageModel::builtin();
        assert!(lm.junction("得知该处地质", "灾害隐患点已制定") > 1.0);
        assert!(lm.junction("正逐渐向", "堂食以来") < lm.junction("得知该处地质", "灾害隐患点已制定"));
    }

    #[test]
    fn a_junction_side_reads_as_it_does_alone() {
        let lm = LanguageModel::builtin();
        for s in ["地质", "灾害隐患", "堂", "正逐渐向", "北京天安门广场"] {
            assert_eq!(lm.part_logp(s), lm.logp(s));
            // (asked again, from the cache)
            assert_eq!(lm.part_logp(s), lm.logp(s));
        }
    }

    #[test]
    fn a_tail_is_the_last_characters() {
        let s = "a春é节𠀀x";
        for n in 0..9 {
            let count = s.chars().count();
            let expected: String = s.chars().skip(count.saturating_sub(n)).collect();
            assert_eq!(tail(s, n), expected);
        }
    }

    #[test]
    fn logp_prefers_words() {
        let lm = LanguageModel::builtin();
        assert!(lm.logp("工作") > lm.logp("工") + lm.logp("作"));
        assert!(lm.is_word("让利"));
    }

    #[test]
    fn cohesion_finds_shared_vocabulary() {
        let units = ["网红街排队的食客", "海上风电叶片下线", "网红街夜经济食客多"];
        let c = Cohesion::new(units);
        let other = c.set_of(&[2]);
        assert!(c.share_of(0, &other) > c.share_of(1, &other));
        assert!(c.cosine_of(&[0], &[2]) > c.cosine_of(&[1], &[2]));
        assert!((c.cosine(units[0], units[2]) - c.cosine_of(&[0], &[2])).abs() < 1e-9);
    }

    #[test]
    fn a_profile_without_a_part_is_the_profile_of_the_rest() {
        let units = ["网红街排队的食客", "海上风电叶片下线", "网红街夜经济食客多"];
        let c = Cohesion::new(units);
        let rest = c.profile(&[0, 1, 2]).without(&c.profile(&[2]));
        let direct = c.profile(&[0, 1]);
        let probe = c.profile(&[2]);
        assert!((rest.cosine(&probe) - direct.cosine(&probe)).abs() < 1e-9);
        assert!(rest.cosine(&probe) > 0.0);
    }

    #[test]
    fn a_headline_announces_what_the_text_before_a_section_does_not_say() {
        let units = ["纽约股市开门红印尼货币汇率再跌", "纽约股市昨天开盘上涨", "印尼货币汇率继续下跌"];
        let c = Cohesion::new(units);
        // 印尼, 货币, 汇率 … are new in the section; 纽约, 股市 were said before it
        let announced = c.announced(&[0], &[1], &[2]);
        assert!(announced >= 3, "{announced}");
        assert_eq!(c.announced(&[0], &[1, 2], &[2]), 0);
    }

    #[test]
    fn bigrams_read_from_bytes_are_those_of_the_characters() {
        // ASCII, two-byte, four-byte characters, full-width marks, extension A and
        // compatibility ideographs, and U+4DC0 (a hexagram, no Han character) between Han runs
        let text = "春节a联欢é晚会，𠀀北京䷀天安门㐀㐁丽\u{f900}更x";
        let mut by_chars = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            if is_han(w[0]) && is_han(w[1]) {
                by_chars.push(((w[0] as u64) << 16) | w[1] as u64);
            }
        }
        for c in [
            '\u{3400}', '\u{4dbf}', '\u{4dc0}', '\u{4dff}', '\u{4e00}', '\u{9fff}', '\u{f8ff}', '\u{f900}', '\u{faff}',
            '\u{fb00}', '\u{33ff}',
        ] {
            let mut b = [0u8; 4];
            c.encode_utf8(&mut b);
            assert_eq!(is_han_utf8(b[0], b[1]), is_han(c), "{c}");
        }
        assert_eq!(han_bigrams(text), by_chars);
        assert!(by_chars.len() >= 7);
    }

    #[test]
    fn a_page_of_many_bigrams_keeps_their_numbers_in_order_of_first_sight() {
        // more bigrams than the counting table first holds: it grows, numbers stay
        let chars: Vec<char> = (0x4e00u32..0x4e00 + 6000).filter_map(char::from_u32).collect();
        let texts: Vec<String> = chars.chunks(50).map(|c| c.iter().collect()).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = Cohesion::counting(&refs, |_| true);
        assert_eq!(c.grams(0), (0..49).collect::<Vec<GramId>>());
        let again = Cohesion::new([texts[3].as_str(), texts[0].as_str()]);
        assert_eq!(again.distinct(1), (49..98).collect::<Vec<GramId>>());
        // a profile lists its bigrams by number, counted
        let p = c.profile(&[2, 0, 2]);
        assert_eq!(p.weights.len(), 98);
        assert!(p.weights.windows(2).all(|w| w[0].0 < w[1].0));
        // a set of bigrams numbered past a word of bits holds them all and no others
        let set = c.set_of(&[1, 3]);
        assert!((c.share_of(1, &set) - 1.0).abs() < 1e-12 && (c.share_of(3, &set) - 1.0).abs() < 1e-12);
        assert_eq!((c.share_of(0, &set), c.share_of(2, &set)), (0.0, 0.0));
        let idf = c.idf[0];
        assert!((p.weights[50].1 - 2.0 * idf).abs() < 1e-12 && (p.weights[0].1 - idf).abs() < 1e-12);
    }

    #[test]
    fn counts_shrink_and_a_changed_unit_keeps_new_bigrams() {
        let mut c = Cohesion::new(["网红街排队的食客", "网红街夜经济", "株洲市政府融办"]);
        let mut counts = c.counts_of(&[1]);
        assert!(c.share_in_counts(0, &counts) > 0.0);
        c.remove_unit(&mut counts, 1);
        assert_eq!(c.share_in_counts(0, &counts), 0.0);
        // a unit given new text: its new bigrams weigh as unseen ones and still match
        c.set_unit(3, "海上风电叶片下线");
        c.set_unit(1, "风电叶片");
        assert!(c.share_of(1, &c.set_of(&[3])) > 0.99);
        assert!(c.cosine_of(&[1], &[3]) > 0.0);
        assert_eq!(c.share_of(1, &c.set_of(&[0])), 0.0);
    }
}
