//! Lines to blocks: undo hard wraps, find the pieces the extractor printed.
//!
//! A block is one paragraph, or one column's part of a paragraph, or one
//! title or byline line: the smallest unit whose role can be decided. Dumps
//! come in two shapes: a paragraph per text line (blank lines or not between
//! them), or hard-wrapped, one printed line per text line, where most lines
//! have the column width. The shape is measured on the page itself.

use crate::lexicon::Lexicon;
use crate::lines::Line;
use crate::text::MappedText;

/// A run of text the extractor printed as one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The text, lines joined, with the source offset of every character.
    pub text: MappedText,
    /// Whether the block visibly starts a paragraph (`Some(true)`), visibly
    /// continues one (`Some(false)`), or the page does not say (`None`).
    pub starts_paragraph: Option<bool>,
    /// Number of source lines joined into it.
    pub line_count: usize,
    /// Whether the page is hard-wrapped and this block's line is wider than
    /// the column: text printed outside the columns (titles, bylines).
    pub wider_than_column: bool,
    /// Whether the block is printed with a paragraph's indent on a page that
    /// marks paragraph starts so (head lines are set flush).
    pub indented: bool,
}

/// How the page's lines were printed, measured on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Column width in characters, when the dump is hard-wrapped.
    pub wrap_width: Option<usize>,
    /// Whether paragraph starts are marked by an indent.
    pub indents: bool,
    /// Whether a paragraph's first line is two characters short of the
    /// column (the room of an indent that was not printed), as measured on
    /// the lines that follow a finished paragraph.
    pub short_first_lines: bool,
    /// Whether blank lines part the printed pieces of a hard-wrapped page, so
    /// that every piece (a paragraph or its part in one column, a title line)
    /// starts after a blank line, and lines between blanks are one piece.
    pub blank_separated: bool,
    /// Whether the page indents its paragraphs and prints other lines flush
    /// (more than its first): its heads, set flush, tell themselves from text.
    pub flush_heads: bool,
}

/// Fewest lines printed flush on an indenting page for the indent to tell text from heads.
const FLUSH_HEAD_LINES: usize = 2;

/// Measure the layout of a page from its lines.
pub fn measure_layout(lines: &[Line]) -> Layout {
    let lens: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    measure_layout_of(lines, &lens)
}

/// [`measure_layout`] with the lines' widths measured already.
fn measure_layout_of(lines: &[Line], lens: &[usize]) -> Layout {
    // lines by width (a column is narrower than this; wider lines are paragraphs)
    const WIDEST_COLUMN: usize = 128;
    let mut counts = [0usize; WIDEST_COLUMN];
    for &n in lens {
        if (6..WIDEST_COLUMN).contains(&n) {
            counts[n] += 1;
        }
    }
    let wrap_width = (6..WIDEST_COLUMN)
        .map(|w| (w, counts[w]))
        .max_by_key(|&(w, c)| (c, w))
        .filter(|&(_, c)| lines.len() >= 8 && c >= 4 && c * 4 >= lines.len())
        .map(|(w, _)| w);
    let indented = lines.iter().filter(|l| l.indented).count();
    let lex = Lexicon::builtin();
    let (mut short, mut full) = (0usize, 0usize);
    if let Some(w) = wrap_width {
        for (k, pair) in lines.windows(2).enumerate() {
            if lens[k] < w && lex.ends_sentence(&pair[0].text) && !pair[1].indented {
                match lens[k + 1] {
                    n if n + 2 == w => short += 1,
                    n if n == w => full += 1,
                    _ => {}
                }
            }
        }
    }
    let after_blank = lines.iter().filter(|l| l.after_blank).count();
    let indents = indented >= 2 && indented * 20 >= lines.len();
    Layout {
        wrap_width,
        indents,
        flush_heads: indents && lines.len() - indented >= FLUSH_HEAD_LINES,
        short_first_lines: short > full,
        blank_separated: wrap_width.is_some() && after_blank * 20 >= lines.len(),
    }
}

/// Punctuation a typesetter lets hang past the right edge of a column (the
/// small marks of a running sentence; a title may end wide on ？ or ！).
const HANGING: [char; 4] = ['，', '。', '、', '；'];

/// Join the lines of a page into blocks.
pub fn build_blocks(lines: &[Line], lex: &Lexicon) -> Vec<Block> {
    let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    let layout = measure_layout_of(lines, &widths);
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur: Option<(MappedText, Option<bool>, usize)> = None;
    let mut indented = false;
    let mut wide = false;
    let mut prev_full = false;
    let mut prev_len = 0usize;
    let mut prev_stray = false;
    for (k, line) in lines.iter().enumerate() {
        let n = match layout.wrap_width {
            // punctuation that hangs past the column's edge (标点悬挂) leaves a full line
            Some(w) if widths[k] == w + 1 && line.text.ends_with(HANGING) => w,
            _ => widths[k],
        };
        let starts = match layout.wrap_width {
            None => true,
            Some(w) if layout.blank_separated => line.after_blank || line.indented || n > w || prev_len > w,
            Some(w) => {
                let prev_ended = cur.as_ref().map(|(t, _, _)| lex.ends_sentence(t.as_str())).unwrap_or(true);
                let first_line_width = n + 2 == w && (line.indented || (!layout.indents && layout.short_first_lines));
                // a short line that ends no sentence is no paragraph's last line:
                // it is a line of a title block, printed unwrapped
                // (and so is a short line naming its photo: 石油工人战隆冬（图片）)
                let stray = n < w && (!lex.ends_paragraph(&line.text) || names_photo(&line.text, lex));
                // a full line after a sentence's end, ending none itself, over a paragraph's
                // first line is no paragraph's last line either: it is a title as wide as the column
                let next_opens = lines.get(k + 1).is_some_and(|l| !l.after_blank && l.indented);
                let lone_title = prev_ended && n == w && next_opens && !lex.ends_paragraph(&line.text);
                let starts = line.after_blank
                    || line.indented
                    || !prev_full
                    || n > w
                    || prev_len > w
                    || (prev_ended && first_line_width)
                    || stray
                    || lone_title
                    || prev_stray;
                prev_stray = (stray || lone_title) && !first_line_width;
                starts
            }
        };
        if starts {
            if let Some((t, s, c)) = cur.take() {
                blocks.push(Block { text: t, starts_paragraph: s, line_count: c, wider_than_column: wide, indented });
            }
            let sp = if layout.indents {
                Some(line.indented)
            } else if let (Some(w), true) = (layout.wrap_width, layout.short_first_lines) {
                if n + 2 == w {
                    Some(true)
                } else if n == w {
                    Some(false)
                } else {
                    None
                }
            } else {
                None
            };
            cur = Some((MappedText::from_first_line(line), sp, 1));
            indented = layout.flush_heads && line.indented;
            wide = layout.wrap_width.is_some_and(|w| n > w);
            prev_full = match layout.wrap_width {
                Some(w) => n == w || (n + 2 == w && (line.indented || (!layout.indents && layout.short_first_lines))),
                None => false,
            };
        } else if let Some((t, _, c)) = cur.as_mut() {
            t.push_line(line);
            *c += 1;
            prev_full = Some(n) == layout.wrap_width;
        }
        prev_len = n;
    }
    if let Some((t, s, c)) = cur.take() {
        blocks.push(Block { text: t, starts_paragraph: s, line_count: c, wider_than_column: wide, indented });
    }
    blocks
}

/// Whether a line is a photo item's title, ending on its marker (…（图片）, …（附图片２张）).
fn names_photo(text: &str, lex: &Lexicon) -> bool {
    text.trim_end().ends_with(['）', ')']) && lex.is_photo_title(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn texts(page: &str) -> Vec<String> {
        build_blocks(&split_lines(page), Lexicon::builtin()).into_iter().map(|b| b.text.as_str().to_string()).collect()
    }

    /// The blocks of `page` printed `copies` times, a hard-wrapped page of
    /// column `width` (checked).
    fn wrapped(page: &str, copies: usize, width: usize) -> Vec<String> {
        let lines = page.repeat(copies);
        assert_eq!(measure_layout(&split_lines(&lines)).wrap_width, Some(width));
        texts(&lines)
    }

    #[test]
    fn paragraph_per_line_keeps_lines() {
        assert_eq!(texts("标题\n\n正文第一段。\n\n第二段。"), ["标题", "正文第一段。", "第二段。"]);
    }

    #[test]
    fn a_photo_title_line_is_no_paragraphs_last_line() {
        // width 12, paragraphs indented: a full line ending a sentence may go on in the
        // next line, but a short line naming its photo is a title of its own
        let page = "　　第一段的文字写在这里\n一直写到了这里为止大家都\n很好的一天也很好的结束。\n石油工人战隆冬（图片）\n　　钻井队打井一百三十口\n以上。\n";
        let t = wrapped(page, 4, 12);
        assert_eq!(t[0], "第一段的文字写在这里一直写到了这里为止大家都很好的一天也很好的结束。");
        assert_eq!(t[1], "石油工人战隆冬（图片）");
    }

    #[test]
    fn half_width_digits_take_half_a_cell() {
        // width 12 cells, paragraphs indented; lines holding half-width digits
        // have more characters than cells and are full all the same
        let page = "　　今年1至5月新增企业2.\n1万家，同比增长18.6%，其\n中科技型企业占比超过四成\n以上，增速居全省前列。\n　　全区化肥储备已达到春\n耕需求的九成以上，价格总\n体平稳。\n";
        let t = wrapped(page, 3, 12);
        assert_eq!(t[0], "今年1至5月新增企业2.1万家，同比增长18.6%，其中科技型企业占比超过四成以上，增速居全省前列。");
        assert_eq!(t[1], "全区化肥储备已达到春耕需求的九成以上，价格总体平稳。");
    }

    #[test]
    fn punctuation_hanging_past_the_column_leaves_a_full_line() {
        // width 10; the second line holds 11 cells, its comma hanging
        let page = "　　村里坚持改进工作\n作风干部每周进组入户，\n帮助果农解决技术难题\n等问题。\n　　今年村里还计划新\n建一座冷库延长销售期\n等设施。\n";
        assert_eq!(wrapped(page, 3, 10)[0], "村里坚持改进工作作风干部每周进组入户，帮助果农解决技术难题等问题。");
    }

    #[test]
    fn a_title_as_wide_as_the_column_is_no_paragraphs_last_line() {
        // width 12, paragraphs indented: a full line after a sentence's end that ends no
        // sentence itself, over an indented line, is a title, not the paragraph's tail
        let page = "　　第一段的文字写在这里\n一直写到了这里为止大家都\n很好的一天也很好的结束。\n省城冬季供暖全面达标了啊\n　　新华社北京１月１７日\n电今天天气很好。\n";
        let t = wrapped(page, 4, 12);
        assert_eq!(t[0], "第一段的文字写在这里一直写到了这里为止大家都很好的一天也很好的结束。");
        assert_eq!(t[1], "省城冬季供暖全面达标了啊");
        assert_eq!(t[2], "新华社北京１月１７日电今天天气很好。");
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        // width 8; a paragraph's first line is 6 wide (room for an unprinted indent)
        let page = "一个很长的标题行在这里超过宽度\n本报讯今天天\n气很好大家都出门\n了。\n第二段开始写\n到这里为止的大家\n都好。\n";
        let t = wrapped(page, 3, 8);
        assert_eq!(t[0], "一个很长的标题行在这里超过宽度");
        assert_eq!(t[1], "本报讯今天天气很好大家都出门了。");
        assert_eq!(t[2], "第二段开始写到这里为止的大家都好。");
        let layout = measure_layout(&split_lines(&page.repeat(3)));
        assert!(layout.short_first_lines && !layout.indents);
    }
}
