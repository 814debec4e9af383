//! Lines: what every input reader gives the pipeline.
//!
//! A text dump, a PDF text layer and ALTO/hOCR OCR all come down to lines of
//! text in extraction order, each with the place of its characters in the
//! page text and, where the source has one, a box on the page.

/// A rectangle on the printed page, in the source's units (PDF points, ALTO pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

/// One printed line as the extractor gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, without leading and trailing white space.
    pub text: String,
    /// Code-point offset of the first character of `text` in the page text.
    pub start: usize,
    /// Whether white space (an indent) stood before the text.
    pub indented: bool,
    /// Whether a blank line (or the start of the page) comes right before it.
    pub after_blank: bool,
    /// Where the line stands on the page, when the source knows.
    pub bbox: Option<BBox>,
    /// The page-text offset of every character of `text`, when they do not
    /// run on from `start` (a letter-spaced line with its spaces taken out).
    pub offsets: Option<Vec<usize>>,
}

impl Line {
    /// Number of characters in the line.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Printed width of the line in full-width cells: a half-width character
    /// (ASCII digits and letters, as modern papers set 2022 or 0.2%) takes
    /// half a cell, so that the full lines of a justified column measure
    /// alike whatever digits they hold. Rounded to the nearest cell.
    pub fn width(&self) -> usize {
        // (two passes the compiler runs wide: characters, and ASCII bytes among them)
        let ascii = self.text.bytes().filter(|b| b.is_ascii()).count();
        (2 * self.text.chars().count() - ascii).div_ceil(2)
    }

    /// Whether the line has no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Anything that can give the lines of a page: a text dump, a PDF, OCR XML.
pub trait LineSource {
    /// The page text that line offsets count into.
    fn page_text(&self) -> &str;
    /// The lines of the page, in extraction order.
    fn lines(&self) -> Vec<Line>;
}

/// A plain text dump of a page: one printed line, or one paragraph, per text line.
#[derive(Debug, Clone)]
pub struct TextDump {
    text: String,
}

impl TextDump {
    /// Wrap decoded page text.
    pub fn new(text: impl Into<String>) -> Self {
        TextDump { text: text.into() }
    }
}

impl LineSource for TextDump {
    fn page_text(&self) -> &str {
        &self.text
    }

    fn lines(&self) -> Vec<Line> {
        split_lines(&self.text)
    }
}

/// Whether a character counts as blank: white space or a byte-order mark.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Split page text into non-blank lines with their code-point offsets.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0usize; // code points before the current line
    let mut after_blank = true;
    for raw in text.split('\n') {
        let n = raw.chars().count();
        let body = raw.trim_end_matches(['\r']);
        let lead: usize = body.chars().take_while(|&c| is_blank(c)).count();
        let trimmed = body.trim_matches(is_blank);
        if trimmed.is_empty() {
            after_blank = true;
        } else {
            let (text, offsets) = match unspaced(trimmed, offset + lead) {
                Some((t, o)) => (t, Some(o)),
                None => (trimmed.to_string(), None),
            };
            out.push(Line {
                text,
                start: offset + lead,
                indented: lead >= 2 || body.chars().take(lead).any(|c| c == '\u{3000}'),
                after_blank,
                bbox: None,
                offsets,
            });
            after_blank = false;
        }
        offset += n + 1;
    }
    out
}

/// Fewest characters of a line that can be told letter-spaced.
const SPACED_MIN_CHARS: usize = 6;

/// A letter-spaced line (会 议 强 调 ， 要 坚 持, as some PDF extractors print
/// a justified Chinese column) without the spaces between its characters:
/// the text, and the page offset of each character kept. A run of two or
/// more blanks was a space in the line, and stays one. `None` when the line
/// is not letter-spaced: most gaps between its characters must be one blank.
fn unspaced(line: &str, start: usize) -> Option<(String, Vec<usize>)> {
    // (most lines hold few blanks: count them before looking closer)
    if !line.contains(' ') {
        return None;
    }
    let blanks = line.bytes().filter(|&b| b == b' ').count();
    if blanks + 1 < SPACED_MIN_CHARS || blanks * 4 < line.len() / 3 {
        return None;
    }
    let c: Vec<char> = line.chars().collect();
    let solid = c.iter().filter(|&&x| !is_blank(x)).count();
    if solid < SPACED_MIN_CHARS {
        return None;
    }
    let single_gaps = (1..c.len().saturating_sub(1))
        .filter(|&i| is_blank(c[i]) && !is_blank(c[i - 1]) && !is_blank(c[i + 1]))
        .count();
    if single_gaps * 5 < (solid - 1) * 4 {
        return None;
    }
    let (mut text, mut offsets) = (String::new(), Vec::new());
    let mut i = 0;
    while i < c.len() {
        if !is_blank(c[i]) {
            text.push(c[i]);
            offsets.push(start + i);
            i += 1;
            continue;
        }
        let run = c[i..].iter().take_while(|&&x| is_blank(x)).count();
        if run >= 2 {
            // the space of the line itself: an ideographic one if it is there
            let k = (i..i + run).find(|&k| c[k] == '\u{3000}').unwrap_or(i + run / 2);
            text.push(c[k]);
            offsets.push(start + k);
        }
        i += run;
    }
    Some((text, offsets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_spaced_line_loses_its_spaces_not_its_offsets() {
        let page = "本 报 讯   记 者   胡 新 桥   9 月 2 日 ， 平 台 上 线 。\n株洲日报记者 叶新福 胡文洁\n";
        let lines = split_lines(page);
        assert_eq!(lines[0].text, "本报讯 记者 胡新桥 9月2日，平台上线。");
        let offsets = lines[0].offsets.as_ref().expect("collapsed");
        let chars: Vec<char> = page.chars().collect();
        for (c, &o) in lines[0].text.chars().zip(offsets) {
            assert_eq!(chars[o], c);
        }
        // words parted by single spaces are no letter-spacing
        assert_eq!(lines[1].text, "株洲日报记者 叶新福 胡文洁");
        assert!(lines[1].offsets.is_none());
    }

    #[test]
    fn offsets_count_code_points() {
        let lines = split_lines("\u{feff}\n株洲日报讯\r\n\n\u{3000}\u{3000}近日，x\n");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "株洲日报讯");
        assert_eq!(lines[0].start, 2);
        assert!(lines[0].after_blank);
        assert_eq!(lines[1].text, "近日，x");
        assert!(lines[1].indented && lines[1].after_blank);
        let text: Vec<char> = "\u{feff}\n株洲日报讯\r\n\n\u{3000}\u{3000}近日，x\n".chars().collect();
        assert_eq!(text[lines[1].start], '近');
    }

    #[test]
    fn adjacent_lines_are_not_after_blank() {
        let lines = split_lines("a\nb\n\nc");
        assert_eq!(lines.iter().map(|l| l.after_blank).collect::<Vec<_>>(), [true, false, true]);
    }
}
