//! Character folding shared by indexing, querying and highlighting.
//!
//! Folding maps one character to one character: full-width ASCII to ASCII,
//! Latin capitals to small letters, and Traditional characters to their
//! Simplified form ([`baokan_core::simplified`], from OpenCC's
//! `TSCharacters.txt`, Apache-2.0). Because every mapping is one character
//! for one, a character index in folded text is the same index in the
//! original text.

/// Fold one character (see the module doc).
#[inline]
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' | '0'..='9' => c,
        '０'..='９' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase(),
        '\u{3000}' => ' ',
        c => baokan_core::simplified(c),
    }
}

/// Fold a string, one character for one.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char));
    out
}

/// Whether a (folded) character is part of searchable text: letters, digits
/// and ideographs. Punctuation and spaces break runs.
#[inline]
pub(crate) fn is_text_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// A piece of a token stream: text and byte offsets in the original string.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: String,
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// Character bigrams of every run of text characters, with byte offsets in
/// `s`; a run of one character gives that character. Positions count
/// characters, so consecutive bigrams of a run have consecutive positions and
/// a phrase query of bigrams is an exact substring match. (The index's
/// tokenizer produces the same tokens without allocating; this is the
/// reference it is tested against.)
#[cfg(test)]
pub(crate) fn bigrams(s: &str) -> Vec<Piece> {
    let mut out = Vec::with_capacity(s.len() / 2);
    each_gram(s, |a, b, from, to, position| {
        let mut text = String::from(a);
        text.extend(b);
        out.push(Piece { text, from, to, position });
    });
    out
}

/// The tokens of the bigram fields, without allocating: `f(first, second,
/// from, to, position)` for each pair of neighbouring text characters
/// (folded), and `f(c, None, …)` for a text character standing alone;
/// `from..to` is the byte range in `s`, `position` the character index of
/// the first character.
pub(crate) fn each_gram(s: &str, mut f: impl FnMut(char, Option<char>, usize, usize, usize)) {
    let mut prev: Option<(char, usize)> = None; // folded char and its byte offset
    let mut run_len = 0usize;
    let mut iter = s.char_indices().enumerate().peekable();
    while let Some((pos, (b, c))) = iter.next() {
        let fc = fold_char(c);
        let end = b + c.len_utf8();
        if is_text_char(fc) {
            if let Some((pc, pb)) = prev {
                f(pc, Some(fc), pb, end, pos - 1);
            }
            run_len += 1;
            prev = Some((fc, b));
            if run_len == 1 && !iter.peek().is_some_and(|&(_, (_, n))| is_text_char(fold_char(n))) {
                f(fc, None, b, end, pos);
            }
        } else {
            prev = None;
            run_len = 0;
        }
    }
}

/// Runs of text characters in a folded query string.
pub(crate) fn runs(folded: &str) -> Vec<String> {
    folded.split(|c: char| !is_text_char(c)).filter(|r| !r.is_empty()).map(str::to_string).collect()
}

/// Byte offset of every character boundary of `s` (length: chars + 1).
pub(crate) fn char_starts(s: &str) -> Vec<usize> {
    let mut v = Vec::with_capacity(s.len() / 2 + 1);
    v.extend(s.char_indices().map(|(b, _)| b));
    v.push(s.len());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_and_width() {
        assert_eq!(fold("疫情防控體育ＡＢｃ１"), "疫情防控体育abc1");
        assert_eq!(fold("國家發展"), "国家发展");
    }

    #[test]
    fn bigrams_have_byte_offsets_and_char_positions() {
        let p = bigrams("待处理，A");
        let texts: Vec<&str> = p.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["待处", "处理", "a"]);
        assert_eq!((p[1].from, p[1].to, p[1].position), (3, 9, 1));
        assert_eq!((p[2].from, p[2].to, p[2].position), (12, 13, 4));
        assert_eq!(&"待处理，A"[p[1].from..p[1].to], "处理");
    }
}
