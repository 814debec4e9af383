//! Text that remembers where each of its characters came from.

use crate::lines::Line;
use crate::model::Span;

/// A string with the page-text offset of every character.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MappedText {
    text: String,
    /// page offsets as u32: a page is at most 16 MiB (`MAX_PAGE_BYTES`)
    src: Vec<u32>,
}

impl MappedText {
    /// The text of one line.
    pub fn from_line(line: &Line) -> Self {
        let mut t = MappedText::default();
        t.push_line(line);
        t
    }

    /// The text of a line that more lines of the same unit are likely to
    /// follow: room is made for a few of them at once (a paragraph of a
    /// column runs to several lines, and growing line by line copies it).
    pub fn from_first_line(line: &Line) -> Self {
        const ROOM_IN_LINES: usize = 4;
        let mut t = MappedText {
            text: String::with_capacity(ROOM_IN_LINES * line.text.len()),
            src: Vec::with_capacity(ROOM_IN_LINES * line.text.len() / 3),
        };
        t.push_line(line);
        t
    }

    /// Append a line, as a continuation of the same printed unit.
    pub fn push_line(&mut self, line: &Line) {
        if self.needs_space(line.text.chars().next()) {
            let last = self.src.last().copied().unwrap_or(line.start as u32);
            self.text.push(' ');
            self.src.push(last);
        }
        self.text.push_str(&line.text);
        match &line.offsets {
            Some(offsets) => self.src.extend(offsets.iter().map(|&o| o as u32)),
            None => {
                let n = line.text.chars().count();
                self.src.extend(line.start as u32..(line.start + n) as u32);
            }
        }
    }

    /// Whether a line break between two Latin words (S84 / project) stood for a space;
    /// a number broken over two lines (约31 / 0万标箱) is one number.
    fn needs_space(&self, next: Option<char>) -> bool {
        let last = self.text.chars().next_back();
        matches!((last, next), (Some(a), Some(b))
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && !(a.is_ascii_digit() && b.is_ascii_digit()))
    }

    /// Append another mapped text.
    pub fn push(&mut self, other: &MappedText) {
        self.text.push_str(&other.text);
        self.src.extend_from_slice(&other.src);
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.src.len()
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.src.is_empty()
    }

    /// Source offset of character `i`.
    pub fn src(&self, i: usize) -> usize {
        self.src[i] as usize
    }

    /// Characters `[from, to)` as a new mapped text.
    pub fn slice(&self, from: usize, to: usize) -> MappedText {
        // (the characters' bytes copied whole, found by stepping over lead bytes)
        let start = char_byte(&self.text, 0, from);
        let end = char_byte(&self.text, start, to.saturating_sub(from));
        MappedText { text: self.text[start..end].to_string(), src: self.src[from..to].to_vec() }
    }

    /// Character indices where a new source line begins inside the text
    /// (lines joined by [`MappedText::push_line`]).
    pub fn line_starts(&self) -> Vec<usize> {
        (1..self.src.len()).filter(|&i| self.src[i] > self.src[i - 1] + 1).collect()
    }

    /// Drop leading and trailing white space.
    pub fn trim(&self) -> MappedText {
        let chars: Vec<char> = self.text.chars().collect();
        let start = chars.iter().position(|c| !crate::lines::is_blank(*c)).unwrap_or(chars.len());
        let end = chars.iter().rposition(|c| !crate::lines::is_blank(*c)).map_or(start, |e| e + 1);
        self.slice(start, end)
    }

    /// The page-text span from the first to the last character (end exclusive).
    pub fn outer_span(&self, from: usize, to: usize) -> Span {
        [self.src[from] as usize, self.src[to - 1] as usize + 1]
    }

    /// Contiguous page-text spans covered by the text, merged.
    pub fn spans(&self) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        let src = &self.src;
        let mut i = 0;
        while let Some(&s) = src.get(i) {
            let s = s as usize;
            i += 1;
            match out.last_mut() {
                Some(last) if s >= last[0] && s <= last[1] => {
                    last[1] = last[1].max(s + 1);
                    // (the characters after it that follow on in the page text, at one go:
                    // eight at a time while all eight do, compared without a branch each)
                    let mut next = last[1] as u32;
                    while let Some(block) = src.get(i..i + 8) {
                        let on = block.iter().zip(next..).fold(true, |on, (&t, want)| on & (t == want));
                        if !on {
                            break;
                        }
                        i += 8;
                        next += 8;
                    }
                    while src.get(i).is_some_and(|&t| t == next) {
                        next += 1;
                        i += 1;
                    }
                    last[1] = next as usize;
                }
                _ => out.push([s, s + 1]),
            }
        }
        out
    }
}

/// From `(character, byte)` offsets `from` in `s` (a character boundary), the
/// offsets of character `char_at` (at or after it), or of the end of `s`.
pub(crate) fn advance_to_char(s: &str, from: (usize, usize), char_at: usize) -> (usize, usize) {
    let (mut c, mut b) = from;
    let bytes = s.as_bytes();
    // (whole blocks of bytes first, counting the bytes that start a character)
    const BLOCK: usize = 64;
    while let Some(block) = bytes.get(b..b + BLOCK) {
        let starts = block.iter().filter(|&&x| (x as i8) >= -0x40).count();
        if c + starts > char_at {
            break;
        }
        c += starts;
        b += BLOCK;
    }
    // (a block may end inside a character: its last bytes are skipped as such)
    while b < bytes.len() && (bytes[b] as i8) < -0x40 {
        b += 1;
    }
    while c < char_at && b < bytes.len() {
        b += crate::roles::utf8_len(bytes[b]);
        c += 1;
    }
    (c, b.min(bytes.len()))
}

/// The byte offset in `s` of the character `n` characters after byte offset
/// `from` (a character boundary), or the end of `s`.
fn char_byte(s: &str, from: usize, n: usize) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    for _ in 0..n {
        match b.get(i) {
            Some(&x) => i += crate::roles::utf8_len(x),
            None => break,
        }
    }
    i.min(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn joining_lines_keeps_offsets() {
        let lines = split_lines("该处地质\n灾害隐患点");
        let mut t = MappedText::from_line(&lines[0]);
        t.push_line(&lines[1]);
        assert_eq!(t.as_str(), "该处地质灾害隐患点");
        assert_eq!(t.src(4), 5);
        assert_eq!(t.spans(), vec![[0, 4], [5, 10]]);
        assert_eq!(t.slice(2, 6).as_str(), "地质灾害");
    }

    #[test]
    fn slices_and_spans_by_the_characters() {
        let lines = split_lines("Ａ股é上涨\n\n𠀀成交\n量3亿");
        let mut t = MappedText::from_line(&lines[0]);
        for l in &lines[1..] {
            t.push_line(l);
        }
        let chars: Vec<char> = t.as_str().chars().collect();
        for from in 0..=chars.len() {
            for to in from..=chars.len() {
                let s = t.slice(from, to);
                assert_eq!(s.as_str(), chars[from..to].iter().collect::<String>());
                assert_eq!(s.len(), to - from);
            }
        }
        assert_eq!(t.spans(), vec![[0, 5], [7, 10], [11, 14]]);
        // offsets that go back or repeat start a span or stay in one
        let mut u = t.slice(4, 7);
        u.push(&t.slice(0, 2));
        u.push(&t.slice(1, 3));
        assert_eq!(u.spans(), vec![[4, 5], [7, 9], [0, 3]]);
    }

    #[test]
    fn long_runs_of_characters_make_one_span_each() {
        // runs longer than a block of eight, broken in and after a block
        let lines = split_lines(
            "长江三峡工程今年实现大江截流的目标
全国人民
为之欢欣鼓舞喜讯传遍大江南北",
        );
        let mut t = MappedText::from_line(&lines[0]);
        for l in &lines[1..] {
            t.push_line(l);
        }
        assert_eq!(t.spans(), vec![[0, 17], [18, 22], [23, 37]]);
        let mut u = t.slice(0, 12);
        u.push(&t.slice(3, 20));
        assert_eq!(u.spans(), vec![[0, 17], [18, 21]]);
        let mut v = t.slice(10, 30);
        v.push(&t.slice(0, 9));
        assert_eq!(v.spans(), vec![[10, 17], [18, 22], [23, 32], [0, 9]]);
    }

    #[test]
    fn character_offsets_are_found_in_blocks_of_bytes() {
        let s = "a春é节𠀀x".repeat(40);
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let n = starts.len() - 1;
        for target in 0..=n + 2 {
            let (c, b) = advance_to_char(&s, (0, 0), target);
            assert_eq!((c, b), (target.min(n), starts[target.min(n)]), "{target}");
            // and on from a character before it
            let from = (target.min(n) / 2, starts[target.min(n) / 2]);
            assert_eq!(advance_to_char(&s, from, target), (c, b));
        }
    }

    #[test]
    fn latin_words_keep_a_space() {
        let lines = split_lines("S84\nproject");
        let mut t = MappedText::from_line(&lines[0]);
        t.push_line(&lines[1]);
        assert_eq!(t.as_str(), "S84 project");
        let lines = split_lines("吞吐量约31\n0万标箱");
        let mut t = MappedText::from_line(&lines[0]);
        t.push_line(&lines[1]);
        assert_eq!(t.as_str(), "吞吐量约310万标箱", "a number broken over two lines is one number");
    }
}
