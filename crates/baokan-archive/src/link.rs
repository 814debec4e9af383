//! Links inside an issue (continuations and teasers) and near-duplicates
//! across the archive (MinHash over character shingles).

use std::collections::HashSet;

use baokan_core::{Article, JumpKind};

use crate::text::{fold, is_text_char};

/// One article of an issue as the linker sees it.
pub(crate) struct Part<'a> {
    /// Page label (A1, 2).
    pub page: &'a str,
    /// The article.
    pub article: &'a Article,
}

/// The logical articles of an issue and its teaser links.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Linked {
    /// Each logical article: indices of its parts, in reading order.
    pub stories: Vec<Vec<usize>>,
    /// (teaser, story it points to), as part indices.
    pub see_also: Vec<(usize, usize)>,
}

/// Sort key of a page label: letter prefix, then number, then the label.
pub(crate) fn page_order(label: &str) -> (String, u32, String) {
    let n = normalize_page(label);
    let letters: String = n.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let digits: String = n.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    (letters, digits.parse().unwrap_or(u32::MAX), n)
}

fn normalize_page(label: &str) -> String {
    fold(label).to_uppercase().replace(['第', '版', ' '], "")
}

/// Whether a jump's page label names `actual`: equal, or the same number
/// where one side has no section letter (上接第一版 names A1).
pub(crate) fn page_matches(named: &str, actual: &str) -> bool {
    let (a, b) = (page_order(named), page_order(actual));
    if a.2 == b.2 {
        return true;
    }
    a.1 != u32::MAX && a.1 == b.1 && (a.0.is_empty() || b.0.is_empty())
}

fn title(a: &Article) -> String {
    let mut t = String::new();
    for s in a.kicker.iter().chain(a.headline.iter()).chain(a.subheadlines.iter()) {
        t.push_str(s);
        t.push('\n');
    }
    t
}

fn lead(a: &Article, max_chars: usize) -> String {
    let mut t = title(a);
    for b in &a.body {
        t.push_str(&b.text);
        t.push('\n');
        if t.chars().count() > max_chars {
            break;
        }
    }
    t
}

fn gram_set(s: &str) -> HashSet<(char, char)> {
    let cs: Vec<char> = fold(s).chars().filter(|&c| is_text_char(c)).collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Dice coefficient of the character bigrams of two strings.
pub(crate) fn dice(a: &str, b: &str) -> f64 {
    let (x, y) = (gram_set(a), gram_set(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

/// Share of the bigrams of `a` that also occur in `b`.
fn containment(a: &str, b: &str) -> f64 {
    let (x, y) = (gram_set(a), gram_set(b));
    if x.is_empty() {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / x.len() as f64
}

fn has_jump(a: &Article, kind: JumpKind, page: &str) -> bool {
    a.jumps.iter().any(|j| j.kind == kind && j.page.as_deref().is_some_and(|p| page_matches(p, page)))
}

fn title_repeats(a: &Article, b: &Article) -> bool {
    let (ta, tb) = (title(a), title(b));
    !ta.trim().is_empty() && !tb.trim().is_empty() && dice(&ta, &tb) >= 0.5
}

/// Link the articles of one issue. `parts` must be in reading order (page
/// order, then order on the page).
pub(crate) fn link_issue(parts: &[Part]) -> Linked {
    let n = parts.len();
    let mut next: Vec<Option<usize>> = vec![None; n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    // 下转 → 上接 (or a repeated title) on the named page.
    for i in 0..n {
        let a = parts[i].article;
        for j in a.jumps.iter().filter(|j| j.kind == JumpKind::ContinuedOn) {
            let Some(target) = j.page.as_deref() else {
                continue;
            };
            if next[i].is_some() {
                break;
            }
            let mut best: Option<(u32, usize)> = None;
            for k in 0..n {
                if k == i || prev[k].is_some() || parts[k].page == parts[i].page || !page_matches(target, parts[k].page)
                {
                    continue;
                }
                let b = parts[k].article;
                let mut score = 0;
                if has_jump(b, JumpKind::ContinuedFrom, parts[i].page) {
                    score += 2;
                }
                if title_repeats(a, b) {
                    score += 1;
                }
                if score > 0 && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, k));
                }
            }
            if let Some((_, k)) = best {
                next[i] = Some(k);
                prev[k] = Some(i);
            }
        }
    }
    // 上接 with no matching 下转: accept an unlinked article on the named page
    // whose title the continuation repeats.
    for k in 0..n {
        if prev[k].is_some() {
            continue;
        }
        let b = parts[k].article;
        for j in b.jumps.iter().filter(|j| j.kind == JumpKind::ContinuedFrom) {
            let Some(from) = j.page.as_deref() else {
                continue;
            };
            let found = (0..n).find(|&i| {
                i != k
                    && next[i].is_none()
                    && parts[i].page != parts[k].page
                    && page_matches(from, parts[i].page)
                    && title_repeats(parts[i].article, b)
            });
            if let Some(i) = found {
                next[i] = Some(k);
                prev[k] = Some(i);
                break;
            }
        }
    }
    let mut linked = Linked::default();
    let mut seen = vec![false; n];
    for start in 0..n {
        if prev[start].is_some() || seen[start] {
            continue;
        }
        let mut story = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            if seen[c] {
                break;
            }
            seen[c] = true;
            story.push(c);
            cur = next[c];
        }
        linked.stories.push(story);
    }
    // Anything left is in a cycle: give each its own story.
    for (i, s) in seen.iter().enumerate() {
        if !s {
            linked.stories.push(vec![i]);
        }
    }
    // 详见B1版: the most similar story starting on that page.
    for i in 0..n {
        let a = parts[i].article;
        for j in a.jumps.iter().filter(|j| j.kind == JumpKind::SeeAlso) {
            let Some(target) = j.page.as_deref() else {
                continue;
            };
            let teaser = lead(a, 400);
            let mut best: Option<(f64, usize)> = None;
            for story in &linked.stories {
                let k = story[0];
                if k == i || parts[k].page == parts[i].page || !page_matches(target, parts[k].page) {
                    continue;
                }
                let b = parts[k].article;
                let s = containment(&teaser, &lead(b, 2000)).max(dice(&title(a), &title(b)));
                if best.is_none_or(|(bs, _)| s > bs) {
                    best = Some((s, k));
                }
            }
            if let Some((s, k)) = best {
                if s >= 0.15 {
                    linked.see_also.push((i, k));
                }
            }
        }
    }
    linked
}

/// Number of hash functions in a MinHash signature.
pub(crate) const MINHASH_LEN: usize = 64;
/// LSH bands (of `MINHASH_LEN / BANDS` rows each).
pub(crate) const BANDS: usize = 16;
/// Estimated Jaccard similarity from which two articles are near-duplicates.
pub(crate) const DUP_THRESHOLD: f64 = 0.7;
/// Shingle length in characters.
const SHINGLE: usize = 5;
/// Shortest text (in text characters) that takes part in near-duplicate grouping.
const MIN_CHARS: usize = 60;

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// MinHash signature of the character 5-shingles of `text`, or `None` when
/// the text is too short to compare.
pub(crate) fn minhash(text: &str) -> Option<Vec<u32>> {
    let cs: Vec<char> = fold(text).chars().filter(|&c| is_text_char(c)).collect();
    if cs.len() < MIN_CHARS {
        return None;
    }
    let hashes: Vec<u64> = cs.windows(SHINGLE).map(shingle_hash).collect();
    let mut sig = [u32::MAX; MINHASH_LEN];
    fold_hashes(&hashes, &mut sig);
    Some(sig.to_vec())
}

/// The hash of one shingle (FNV-1a over its code points, then mixed).
fn shingle_hash(w: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in w {
        h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    splitmix(h)
}

/// The seed of each of the signature's hash functions.
fn seeds() -> &'static [u64; MINHASH_LEN] {
    static SEEDS: std::sync::OnceLock<[u64; MINHASH_LEN]> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| std::array::from_fn(|i| splitmix(i as u64 + 1) | 1))
}

/// Lower each signature slot to the least value of its hash function over
/// the shingle hashes: 64 independent lanes of 64-bit arithmetic, which the
/// compiler vectorizes where the processor has 64-bit vector multiplies
/// (checked at run time; the same values either way).
fn fold_hashes(hashes: &[u64], sig: &mut [u32; MINHASH_LEN]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512dq") && std::arch::is_x86_feature_detected!("avx512vl") {
            // SAFETY: the processor has the features the function is compiled for.
            unsafe { fold_hashes_avx512(hashes, sig) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            unsafe { fold_hashes_avx2(hashes, sig) };
            return;
        }
    }
    fold_hashes_plain(hashes, sig);
}

#[inline(always)]
fn fold_hashes_plain(hashes: &[u64], sig: &mut [u32; MINHASH_LEN]) {
    let seeds = seeds();
    for &h in hashes {
        for (s, seed) in sig.iter_mut().zip(seeds) {
            let v = (splitmix(h ^ seed) >> 32) as u32;
            *s = (*s).min(v);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn fold_hashes_avx512(hashes: &[u64], sig: &mut [u32; MINHASH_LEN]) {
    fold_hashes_plain(hashes, sig)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn fold_hashes_avx2(hashes: &[u64], sig: &mut [u32; MINHASH_LEN]) {
    fold_hashes_plain(hashes, sig)
}

/// Estimated Jaccard similarity of two signatures.
pub(crate) fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// One bucket per LSH band.
pub(crate) fn bands(sig: &[u32]) -> Vec<i64> {
    let rows = MINHASH_LEN / BANDS;
    sig.chunks(rows)
        .enumerate()
        .map(|(b, c)| {
            let mut h = splitmix(b as u64);
            for &v in c {
                h = splitmix(h ^ v as u64);
            }
            h as i64
        })
        .collect()
}

pub(crate) fn sig_to_bytes(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(crate) fn sig_from_bytes(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_match_loosely() {
        assert!(page_matches("A2", "A2"));
        assert!(page_matches("1", "A1"));
        assert!(page_matches("第1版", "1"));
        assert!(!page_matches("A2", "B2"));
        assert!(!page_matches("2", "A1"));
    }

    #[test]
    fn minhash_sees_near_copies() {
        let a = "新华社北京5月14日电 中共中央政治局常务委员会5月14日召开会议，分析国内外新冠肺炎疫情防控形势，研究部署抓好常态化疫情防控措施落地见效，研究提升产业链供应链稳定性和竞争力。";
        let b = format!("{a}会议还研究了其他事项。");
        let c = "株洲日报讯 5月13日至14日，市委书记、市人大常委会主任毛腾飞在醴陵调研并主持召开县域经济发展座谈会，他寄语醴陵市切实抓好产业发展，切实推进乡村振兴。";
        let (sa, sb, sc) = (minhash(a).unwrap(), minhash(&b).unwrap(), minhash(c).unwrap());
        assert!(similarity(&sa, &sb) >= DUP_THRESHOLD);
        assert!(similarity(&sa, &sc) < 0.2);
        assert!(minhash("太短").is_none());
    }

    /// The signature as first written (one scalar loop), which stored
    /// signatures were made with: the vectorized one must equal it.
    fn minhash_reference(text: &str) -> Option<Vec<u32>> {
        let cs: Vec<char> = fold(text).chars().filter(|&c| is_text_char(c)).collect();
        if cs.len() < MIN_CHARS {
            return None;
        }
        let mut sig = vec![u32::MAX; MINHASH_LEN];
        let seeds: Vec<u64> = (0..MINHASH_LEN as u64).map(|i| splitmix(i + 1) | 1).collect();
        for w in cs.windows(SHINGLE) {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &c in w {
                h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
            }
            let h = splitmix(h);
            for (s, seed) in sig.iter_mut().zip(&seeds) {
                let v = (splitmix(h ^ seed) >> 32) as u32;
                if v < *s {
                    *s = v;
                }
            }
        }
        Some(sig)
    }

    #[test]
    fn minhash_is_the_reference_signature() {
        let mut x = 7u64;
        for n in [59, 60, 61, 64, 100, 333, 2000] {
            let text: String = (0..n)
                .map(|_| {
                    x = splitmix(x);
                    char::from_u32(0x4E00 + (x % 300) as u32).unwrap()
                })
                .collect();
            assert_eq!(minhash(&text), minhash_reference(&text), "{n}");
            let mut sig = [u32::MAX; MINHASH_LEN];
            let hashes: Vec<u64> = fold(&text).chars().collect::<Vec<_>>().windows(SHINGLE).map(shingle_hash).collect();
            fold_hashes_plain(&hashes, &mut sig);
            if let Some(m) = minhash(&text) {
                assert_eq!(m, sig.to_vec());
            }
        }
    }
}
