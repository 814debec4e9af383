//! Repair of fake-bold doubling: text printed twice by the extractor
//! (让利让利, 举一反三三, 蕉源村村村民), told apart from legitimate repetition
//! (热腾腾, 工作作风, 河西村村民, 一九九七) with the word dictionary and the
//! reduplication tables. Nothing is changed silently: every candidate becomes
//! a [`Repair`](crate::Repair), applied when confident, flagged otherwise.

use crate::lexicon::Lexicon;
use crate::lm::{is_han, LanguageModel};
use crate::model::{Repair, RepairKind};
use crate::text::MappedText;

/// A doubled form found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Doubling {
    /// Character index where the doubled form starts.
    pub start: usize,
    /// Length of the repeated unit.
    pub unit: usize,
    /// How many times the unit stands (2, or 3 for 村村村).
    pub copies: usize,
    /// Characters between the two copies: 0 when they stand together, 2 for
    /// a word repeated around another (压实压紧压实).
    pub gap: usize,
    /// How sure it is that the doubling is an extraction error, in `[0, 1]`.
    pub confidence: f64,
}

impl Doubling {
    /// Characters the doubled form takes.
    pub fn len(&self) -> usize {
        self.unit * self.copies + self.gap
    }

    /// The characters a repair removes: the last copy, or the first when
    /// another word stands between the copies.
    pub fn removed(&self) -> std::ops::Range<usize> {
        if self.gap == 0 {
            let s = self.start + self.unit * (self.copies - 1);
            s..s + self.unit
        } else {
            self.start..self.start + self.unit
        }
    }

    /// Whether the form is empty (never, for a found doubling).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The least confidence at which a repair is applied rather than flagged.
pub const APPLY_CONFIDENCE: f64 = 0.8;
/// Longest repeated unit looked for.
const MAX_UNIT: usize = 4;
// (`repeat_starts` compares the four characters after each one by one)
const _: () = assert!(MAX_UNIT == 4);
/// Context on each side given to the dictionary.
const CONTEXT: usize = 4;

/// Find doubled forms in `text` and judge each. `page` is the whole page
/// text: a doubled form that recurs on the page is less likely a random
/// fake-bold slip.
pub fn find_doublings(text: &str, page: &str, lex: &Lexicon, lm: &LanguageModel) -> Vec<Doubling> {
    let mut c: Vec<char> = Vec::with_capacity(text.len() / 3 + 1);
    c.extend(text.chars());
    // Nothing repeats at a character unless one of the next few is the same
    // character: the positions where one is are the only ones looked at.
    let hot = repeat_starts(&c);
    if hot.is_empty() {
        return Vec::new();
    }
    let repeat_at = |i: usize, n: usize| {
        i + 2 * n <= c.len() && c[i..i + n] == c[i + n..i + 2 * n] && c[i..i + n].iter().all(|&x| is_han(x))
    };
    let multi_at = |i: usize| {
        (2..=MAX_UNIT).rev().find(|&n| {
            i < c.len() && c.get(i + n) == Some(&c[i]) && repeat_at(i, n) && !c[i..i + n].iter().all(|&x| x == c[i])
        })
    };
    let mut out = Vec::new();
    let mut next = 0;
    for &i in &hot {
        if i < next {
            continue;
        }
        // a repeated run of several characters wins over a single one inside it
        let n = match multi_at(i) {
            Some(n) => n,
            None if repeat_at(i, 1) && multi_at(i + 1).is_none() && multi_at(i + 2).is_none() => 1,
            None => continue,
        };
        let copies = if n == 1 && c.get(i + 2) == Some(&c[i]) { 3 } else { 2 };
        let confidence = judge(&c, i, n, copies, page, lex, lm);
        out.push(Doubling { start: i, unit: n, copies, gap: 0, confidence });
        next = i + n * copies;
    }
    out.extend(interleaved(&c, &hot, lm));
    out.sort_by_key(|d| d.start);
    out
}

/// Whether `form` occurs at least twice in `page`, without overlapping.
fn occurs_twice(page: &str, form: &str) -> bool {
    memchr::memmem::find_iter(page.as_bytes(), form.as_bytes()).nth(1).is_some()
}

/// The positions whose character stands again within the next
/// [`MAX_UNIT`] characters: where a doubled form can start.
fn repeat_starts(c: &[char]) -> Vec<usize> {
    let mut hot = Vec::new();
    let full = c.len().saturating_sub(MAX_UNIT);
    for (i, w) in c.windows(MAX_UNIT + 1).enumerate() {
        // (MAX_UNIT is 4: the four characters after the first, compared one by one)
        if w[0] == w[1] || w[0] == w[2] || w[0] == w[3] || w[0] == w[4] {
            hot.push(i);
        }
    }
    for i in full..c.len() {
        if c[i + 1..].contains(&c[i]) {
            hot.push(i);
        }
    }
    hot
}

/// A two-character word printed again after a word sharing its first
/// character (压实压紧压实): likely a doubling, but only ever flagged.
/// Such a form starts at one of the `hot` positions ([`repeat_starts`]).
fn interleaved(c: &[char], hot: &[usize], lm: &LanguageModel) -> Vec<Doubling> {
    let mut out = Vec::new();
    let mut next = 0;
    for &i in hot {
        if i < next || i + 6 > c.len() || c[i] != c[i + 2] || c[i] != c[i + 4] {
            continue;
        }
        let w = &c[i..i + 2];
        let shaped = w == &c[i + 4..i + 6] && w != &c[i + 2..i + 4] && c[i..i + 6].iter().all(|&x| is_han(x));
        if shaped && lm.is_word(&w.iter().collect::<String>()) {
            out.push(Doubling { start: i, unit: 2, copies: 2, gap: 2, confidence: 0.5 });
            next = i + 6;
        }
    }
    out
}

/// Log-probability gain, in the dictionary's unigram model, that removing
/// one copy must bring before a single doubled character counts as fake,
/// by how the dictionary cuts the doubled text: a word ending in it then a
/// stray copy (举一反三|三), a stray copy then a word starting with it
/// (门|门下), or two stray copies.
const GAIN_WORD_STRAY: f64 = 7.0;
const GAIN_STRAY_WORD: f64 = 7.0;
const GAIN_STRAY_WORD_IN_NAME: f64 = 9.0;
const GAIN_STRAY_STRAY: f64 = 7.5;
/// A stray adverb or pronoun before a word that begins with it (就|就是, 我|我国).
const GAIN_STRAY_BEFORE_OWN_WORD: f64 = 5.0;
/// The gain that makes a slip of a character shared by two words (菜篮|篮子:
/// 菜篮篮子), which real text writes often (工作|作风, 组织部|部长).
const GAIN_SHARED: f64 = 12.0;

fn judge(c: &[char], i: usize, n: usize, copies: usize, page: &str, lex: &Lexicon, lm: &LanguageModel) -> f64 {
    let form: String = c[i..i + n * copies].iter().collect();
    if n >= 2 {
        if lm.is_word(&form) {
            return 0.0;
        }
        // one and a measure word, twice, before the adverb mark: one by one
        // (一件一件地, 一个一个地)
        if n == 2 && copies == 2 && c[i] == '一' && is_han(c[i + 1]) && c.get(i + 4) == Some(&'地') {
            return 0.05;
        }
        if occurs_twice(page, &form) {
            return 0.5;
        }
        return if n >= 3 { 0.95 } else { 0.9 };
    }
    let lo = i.saturating_sub(CONTEXT);
    let hi = (i + n * copies + CONTEXT).min(c.len());
    let ctx: String = c[lo..hi].iter().collect();
    let words = lm.words(&ctx);
    let p = i - lo; // first copy in ctx
    let word_at = |k: usize| words.iter().copied().find(|&(s, e)| s <= k && k < e).unwrap_or((k, k + 1));
    // a single character standing twice or three times
    let a = c[i];
    let (s1, e1) = word_at(p);
    let (s2, e2) = word_at(p + copies - 1);
    if s1 <= p && e1 >= p + copies && e1 - s1 >= 2 {
        return 0.0; // inside one word: 热腾腾, 实实在在
    }
    if copies == 3 {
        return 0.9;
    }
    let first_ends_word = e1 == p + 1 && e1 - s1 >= 2;
    let second_starts_word = s2 == p + 1 && e2 - s2 >= 2;
    let prev = i.checked_sub(1).map(|k| c[k]);
    let next = c.get(i + 2).copied();
    if lex.is_numeral(a) && (prev.is_some_and(|x| lex.is_numeral(x)) || next.is_some_and(|x| lex.is_numeral(x))) {
        return 0.05; // 一九九七, 一点六六万
    }
    let gain = || {
        let fixed: String = c[lo..i + 1].iter().chain(c[i + 2..hi].iter()).collect();
        lm.logp(&fixed) - lm.logp(&ctx)
    };
    if first_ends_word && second_starts_word {
        // a word ends and the next begins with it: 工作|作风, 协会|会长; unless
        // the text reads far better once (菜篮|篮子, 占优|优势)
        let g = gain();
        return if g >= GAIN_SHARED {
            0.85
        } else if g >= GAIN_SHARED - 2.0 {
            0.6
        } else {
            0.05
        };
    }
    if prev.is_some_and(|x| lex.is_numeral(x)) {
        return 0.1; // a numeral and a doubled measure word: 一只只, 一张张
    }
    let word_after = |len: usize| {
        let w: String = std::iter::once(a).chain(c[i + 2..].iter().take(len).copied()).collect();
        c.len() >= i + 2 + len && lm.is_word(&w)
    };
    if lex.is_doubling_suffix(a) && (word_after(1) || word_after(2)) {
        return 0.1; // a place or body and a title starting with its suffix: 河西村|村民, 统战部|部长
    }
    if lex.starts_with_separable_verb(&c[i + 1..]) {
        return 0.05; // a verb doubled before its object: 打打分, 散散步, 开开眼界
    }
    // reduplication on purpose: AABB (愉愉快快), a given name after a surname (张慧慧（左）),
    // or a doubled measure word, verb or adjective standing apart (棵棵茁壮, 瞅瞅)
    let aabb = c.get(i + 2).is_some_and(|&b| b != a && is_han(b) && c.get(i + 3) == Some(&b))
        || (i >= 2 && c[i - 1] == c[i - 2] && c[i - 1] != a && is_han(c[i - 1]));
    // (a surname that ends a longer word is none: 文库|库》)
    let apart = !first_ends_word && !second_starts_word;
    // (a name ends where text goes on with a mark, or with a word of its own:
    // 徐|媛|媛|等; not with a place suffix, 沙|埔|埔|村, nor inside a run of
    // single characters, 阿|荣|汗|汗, as a place or a foreign name is)
    let name_goes_on = || {
        let before_surname = p.checked_sub(2).map(&word_at);
        apart
            && next.is_none_or(|x| !lex.is_doubling_suffix(x))
            && before_surname.is_none_or(|(s, e)| e - s >= 2 || !is_han(ctx.chars().nth(s).unwrap_or(' ')))
    };
    let given_name = prev.is_some_and(|x| lex.starts_with_surname(&x.to_string()))
        && p > 0
        && word_at(p - 1).0 == p - 1
        && (next.is_none_or(|x| !is_han(x)) || name_goes_on());
    let tag = if apart { lm.last_single_char_tag(&a.to_string()) } else { None };
    let pair: String = [a, a].iter().collect();
    // (a noun doubled to mean "every" opens its clause: 站站有票, 路路车水马龙)
    let opens_clause = prev.is_none_or(|x| !x.is_alphanumeric());
    let on_purpose = |t: &str| {
        lex.is_reduplicable_tag(t) || (lex.is_listed_reduplicable_tag(t) && (opens_clause || lm.is_word(&pair)))
    };
    if aabb || given_name || tag.as_deref().is_some_and(on_purpose) {
        return 0.05;
    }
    // the same pair elsewhere on the page: a name (童童) or a word the dictionary
    // lacks, printed again; a slip is seldom made twice alike
    if occurs_twice(page, &pair) {
        return 0.5;
    }
    // a conjunction, preposition, particle, adverb or locative standing
    // twice on its own (和|和, 由|由, 就|就): Chinese never doubles these
    if tag.as_deref().is_some_and(|t| lex.is_never_doubled_tag(t)) {
        return 0.85;
    }
    let gain = gain();
    let needed = match (first_ends_word, second_starts_word) {
        // a place name's suffix then the suffix again (攸县|县): a slip, or a word cut short
        (true, false) if lex.is_doubling_suffix(a) => return 0.6,
        (true, false) => GAIN_WORD_STRAY,
        // a stray copy after another stray character of content (湖|电|电力): the
        // dictionary does not know the name they spell, which may hold AA
        (false, true) if after_content_stray(c, i, lo, &words, lex, lm) => GAIN_STRAY_WORD_IN_NAME,
        // (not an object pronoun before a plural one: 告诉我|我们)
        (false, true)
            if c.get(i + 2) != Some(&'们')
                && lm
                    .last_single_char_tag(&c[lo..=i].iter().collect::<String>())
                    .is_some_and(|t| lex.is_never_before_own_word_tag(&t)) =>
        {
            GAIN_STRAY_BEFORE_OWN_WORD
        }
        (false, true) => GAIN_STRAY_WORD,
        _ => GAIN_STRAY_STRAY,
    };
    if gain >= needed {
        0.85
    } else if gain >= needed - 1.5 {
        0.6
    } else {
        0.2
    }
}

/// Whether the character before position `i` of `c` is a Han character the
/// dictionary reads as a word of its own and of a content class (not 从, 由,
/// 的): with the stray copy at `i`, a run of unknown characters, as an
/// abbreviation or a name is. `words` cut `c[lo..]`.
fn after_content_stray(
    c: &[char],
    i: usize,
    lo: usize,
    words: &[(usize, usize)],
    lex: &Lexicon,
    lm: &LanguageModel,
) -> bool {
    let Some(k) = i.checked_sub(1).filter(|&k| k >= lo && is_han(c[k])) else {
        return false;
    };
    let single = words.iter().any(|&(s, e)| s == k - lo && e == k - lo + 1);
    single
        && !lex.is_function_char(c[k])
        && lm.last_single_char_tag(&c[k].to_string()).is_none_or(|t| !lex.is_never_doubled_tag(&t))
}

/// Apply confident repairs to a paragraph and record every candidate.
/// With `apply` false nothing is changed and every candidate is flagged.
pub fn repair_text(
    text: MappedText,
    page: &str,
    apply: bool,
    lex: &Lexicon,
    lm: &LanguageModel,
) -> (MappedText, Vec<Repair>) {
    let mut found = find_doublings(text.as_str(), page, lex, lm);
    found.retain(|d| d.confidence > 0.3);
    if found.is_empty() {
        return (text, Vec::new());
    }
    let chars: Vec<char> = text.as_str().chars().collect();
    // a doubled form is printed text only where its characters stand together in the
    // input, line breaks aside; pieces that joining put side by side are not one
    let printed_together = |d: &Doubling| {
        (d.start..d.start + d.len() - 1).all(|k| {
            let (a, b) = (text.src(k), text.src(k + 1));
            b == a + 1 || (b > a && page.chars().skip(a + 1).take(b - a - 1).all(crate::lines::is_blank))
        })
    };
    let mut repairs = Vec::new();
    let mut keep = vec![true; chars.len()];
    for d in found.iter().filter(|d| printed_together(d)) {
        let original: String = chars[d.start..d.start + d.len()].iter().collect();
        let gone = d.removed();
        let replacement: String = chars[d.start..d.start + d.len()]
            .iter()
            .enumerate()
            .filter(|(k, _)| !gone.contains(&(d.start + k)))
            .map(|(_, c)| c)
            .collect();
        let applied = apply && d.confidence >= APPLY_CONFIDENCE;
        if applied {
            for k in keep.iter_mut().skip(gone.start).take(gone.len()) {
                *k = false;
            }
        }
        repairs.push(Repair {
            kind: RepairKind::Duplicate,
            original,
            replacement,
            span: text.outer_span(d.start, d.start + d.len()),
            confidence: (d.confidence * 100.0).round() / 100.0,
            applied,
        });
    }
    let mut out = MappedText::default();
    let mut run_start = None;
    for (k, &kp) in keep.iter().enumerate() {
        match (kp, run_start) {
            (true, None) => run_start = Some(k),
            (false, Some(s)) => {
                out.push(&text.slice(s, k));
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        out.push(&text.slice(s, keep.len()));
    }
    (out, repairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_counts_twice_only_apart() {
        // occurrences are counted left to right without overlapping, as str::matches does
        assert!(!occurs_twice("他家村村村民", "村村"));
        assert!(occurs_twice("哈哈哈哈", "哈哈"));
        assert!(occurs_twice("让利让利，商家让利", "让利"));
        assert!(!occurs_twice("商家让利", "让利让利"));
    }

    #[test]
    fn repeats_are_found_within_four_characters() {
        let c: Vec<char> = "一二三四一，五五六七八九六".chars().collect();
        let naive: Vec<usize> =
            (0..c.len()).filter(|&i| c[i + 1..(i + 1 + MAX_UNIT).min(c.len())].contains(&c[i])).collect();
        assert_eq!(repeat_starts(&c), naive);
        assert_eq!(naive, [0, 6, 8]);
    }

    /// Repair a one-line page, which is its own page text.
    fn repaired(page: &str) -> (MappedText, Vec<Repair>) {
        let t = MappedText::from_line(&crate::lines::split_lines(page)[0]);
        repair_text(t, page, true, Lexicon::builtin(), LanguageModel::builtin())
    }

    fn fix(s: &str) -> String {
        repaired(s).0.as_str().to_string()
    }

    #[test]
    fn fake_bold_is_fixed() {
        assert_eq!(fix("在领导带头堂食、商家让利让利、消费券多轮发放"), "在领导带头堂食、商家让利、消费券多轮发放");
        assert_eq!(fix("毛腾飞叮嘱醴陵市要举一反三三解决问题"), "毛腾飞叮嘱醴陵市要举一反三解决问题");
        assert_eq!(fix("枫林镇蕉源村村村民庄某是建档立卡贫困户"), "枫林镇蕉源村村民庄某是建档立卡贫困户");
        assert_eq!(fix("学习掌握先进科学文化科学文化知识，成为"), "学习掌握先进科学文化知识，成为");
    }

    #[test]
    fn legitimate_repetition_is_kept() {
        for s in [
            "切实转变工作作风，凝心聚力",
            "通过产业链链长制办、产业协会",
            "确保碧水水质今年从Ⅲ类提升",
            "仙岳山街道河西村村民丁某",
            "牢牢把握对台工作的正确方向",
            "商家纷纷推出的优惠福利",
            "热腾腾的蒸汽腾腾着，热油“滋滋”作响",
            "市餐饮行业协会会长朱军表示",
            "座位已经满了……",
            "1000余亩迷迭香",
            "截至一九九七年十月",
            "原广播电影电视部部长孙家正",
            // reduplication on purpose: measure words, verbs, adjectives, AABB, given names
            "青菜棵棵茁壮，村里悬挂着盏盏红灯笼",
            "弯腰瞅瞅，让他们润润嗓子，送去，暖暖他们的心",
            "大群众愉愉快快过好年，打扮得鲜鲜亮亮",
            "服务员张慧慧（左）正在介绍",
            // one by one (一X一X), and bound morphemes doubled (萋萋, 冽冽)
            "问题要一个一个地解决，工作要一件一件地去做",
            "芳草萋萋，寒风冽冽。厚厚的冰层",
            // a particle after a word ending in its character
            "总是脚踏实地地为开辟未来努力",
        ] {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn recurring_doubling_is_only_flagged() {
        let page = "国家级电器电器产品质量监督检验中心。我市电器电器企业";
        let (out, reps) = repaired(page);
        assert_eq!(out.as_str(), page);
        assert_eq!(reps.len(), 2);
        assert!(reps.iter().all(|r| !r.applied && r.replacement == "电器"));
    }

    #[test]
    fn a_place_suffix_again_is_only_flagged() {
        let page = "目前，攸县县的装修、改造等设施建设已全部完成";
        let (out, reps) = repaired(page);
        assert_eq!(out.as_str(), page);
        assert_eq!((reps.len(), reps[0].original.as_str(), reps[0].applied), (1, "县县", false));
    }

    #[test]
    fn a_word_repeated_around_another_is_flagged() {
        let page = "要压实压紧压实责任，提升工作能力";
        let (out, reps) = repaired(page);
        assert_eq!(out.as_str(), page);
        assert_eq!(reps.len(), 1);
        assert_eq!(
            (reps[0].original.as_str(), reps[0].replacement.as_str(), reps[0].applied),
            ("压实压紧压实", "压紧压实", false)
        );
    }

    #[test]
    fn spans_point_at_the_original() {
        let page = "商家让利让利、消费券";
        let (_, reps) = repaired(page);
        assert_eq!(reps[0].span, [2, 6]);
        assert_eq!(reps[0].original, "让利让利");
    }

    #[test]
    fn a_function_word_printed_twice_is_fixed() {
        assert_eq!(fix("这所学校和和附近的医院都开了门"), "这所学校和附近的医院都开了门");
        assert_eq!(fix("明天的会议由由市政府主持召开"), "明天的会议由市政府主持召开");
    }

    #[test]
    fn a_noun_doubled_inside_its_clause_is_fixed() {
        assert_eq!(fix("孩子们举着旗旗，敲着鼓走进会场"), "孩子们举着旗，敲着鼓走进会场");
        assert_eq!(fix("每户每月需交七元钱钱。租彩电的人不少"), "每户每月需交七元钱。租彩电的人不少");
        // a noun doubled at the head of its clause means "every one"
        for s in ["春运期间车车有票，站站有票，服务周到", "大道两旁，路路车水马龙"] {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn a_character_shared_by_two_words_is_fixed_when_once_reads_far_better() {
        assert_eq!(fix("市里加强“菜篮篮子”工程建设"), "市里加强“菜篮子”工程建设");
        assert_eq!(fix("游客参观“西游游记宫”后说"), "游客参观“西游记宫”后说");
        // a weaker case is only flagged
        let (t, r) = repaired("他是一位著名的政治治家和诗人");
        assert_eq!(t.as_str(), "他是一位著名的政治治家和诗人");
        assert!(r.iter().any(|r| !r.applied && r.original == "治治"), "{r:?}");
    }

    #[test]
    fn a_stray_adverb_or_pronoun_before_its_own_word_is_fixed() {
        assert_eq!(fix("厂里为下岗职工创造新的就就业机会，大家很满意"), "厂里为下岗职工创造新的就业机会，大家很满意");
        assert_eq!(fix("这家服务公司不不得不关门了"), "这家服务公司不得不关门了");
        assert_eq!(fix("二十年间，我我国粮食产量稳步增长"), "二十年间，我国粮食产量稳步增长");
        // an object pronoun before a plural pronoun is real text
        assert_eq!(fix("他告诉我我们明天出发"), "他告诉我我们明天出发");
    }

    #[test]
    fn a_doubled_given_name_inside_a_sentence_is_kept() {
        for s in ["获奖的有张伟、徐媛媛等八人", "他的女儿李特特捐来三百元"] {
            assert_eq!(fix(s), s);
        }
        // a place suffix after the pair makes no name of it
        assert_eq!(fix("均安镇沙溪溪村农民在田里忙着"), "均安镇沙溪村农民在田里忙着");
    }

    #[test]
    fn a_stray_copy_before_its_word_is_fixed() {
        assert_eq!(fix("本报讯（记记者张三）昨天下午"), "本报讯（记者张三）昨天下午");
        assert_eq!(fix("今年全全国粮食产量再创新高"), "今年全国粮食产量再创新高");
    }

    #[test]
    fn a_verb_doubled_before_its_object_is_kept() {
        for s in ["晚饭后大家到河边散散步，聊聊天", "请老师给这些作文打打分吧", "带孩子去城里开开眼界"]
        {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn a_doubling_inside_an_unknown_name_is_not_applied() {
        // 赣|电|电力: the dictionary knows no 赣电, so the pair may be the name's own
        let page = "考察了江西赣电电力设备有限公司";
        let (out, _) = repaired(page);
        assert_eq!(out.as_str(), page);
    }

    #[test]
    fn a_surname_ending_a_word_heads_no_given_name() {
        // 者 is a surname, but here it ends 旅游者: the second 者 is a slip, not a name
        assert_eq!(fix("去年来华的外国旅游者者６８６万人次"), "去年来华的外国旅游者６８６万人次");
        assert_eq!(fix("右为张慧慧（左）"), "右为张慧慧（左）");
    }

    #[test]
    fn a_pair_printed_again_on_the_page_is_only_flagged() {
        let page = "那年冬天童童随父母来到北京，童童很快就适应了";
        let (out, reps) = repaired(page);
        assert_eq!(out.as_str(), page);
        assert!(reps.iter().all(|r| !r.applied && r.original == "童童"), "{reps:?}");
        assert_eq!(fix("那年冬天童童随父母来到北京"), "那年冬天童随父母来到北京");
    }
}
