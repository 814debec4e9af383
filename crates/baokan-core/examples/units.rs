//! Print the blocks of a page dump with their roles, join scores and the
//! article segmentation puts them in (a debugging aid).
use baokan_core::{
    assign_roles, build_blocks, continuation, page_cohesion, segment, split_lines, LanguageModel, Lexicon,
};

fn main() {
    let path = std::env::args().nth(1).expect("usage: units PAGE.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let lex = Lexicon::builtin();
    let lm = LanguageModel::builtin();
    let units = assign_roles(build_blocks(&split_lines(&text), lex), lex, lm);
    let seg = segment(&units, &page_cohesion(&units), lex, lm);
    // each unit's article and its place in it: T title, B byline, C caption, J jump, I intertitle, V verse, p body
    let mut place = vec![String::from("  -"); units.len()];
    for (n, a) in seg.articles.iter().enumerate() {
        let mark = |ks: &[usize], c: char, place: &mut Vec<String>| {
            for &k in ks {
                place[k] = format!("{n:2}{c}");
            }
        };
        mark(&a.body, 'p', &mut place);
        mark(&a.titles, 'T', &mut place);
        mark(&a.bylines, 'B', &mut place);
        mark(&a.captions, 'C', &mut place);
        mark(&a.jumps, 'J', &mut place);
        mark(&a.intertitles, 'I', &mut place);
        mark(&a.verse, 'V', &mut place);
    }
    for (i, u) in units.iter().enumerate() {
        let c = if i > 0 { continuation(units[i - 1].text(), u, lex, lm) } else { 0.0 };
        let j = if i > 0 { lm.junction(units[i - 1].text(), u.text()) } else { 0.0 };
        let role = format!("{:?}", u.role);
        let t: String = u.text().chars().take(30).collect();
        let tail: String = u.text().chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        println!(
            "{i:3} {} {:<8} sp={:<11} c={c:5.1} j={j:5.1} {t} … {tail}",
            place[i],
            &role[..role.len().min(8)],
            format!("{:?}", u.block.starts_paragraph)
        );
    }
}
