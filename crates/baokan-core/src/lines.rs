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
        let half: usize = self.text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        half.div_ceil(2)
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
            let lead_str: String = body.chars().take(lead).collect();
            out.push(Line {
                text: trimmed.to_string(),
                start: offset + lead,
                indented: lead_str.contains('\u{3000}') || lead >= 2,
                after_blank,
                bbox: None,
            });
            after_blank = false;
        }
        offset += n + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
