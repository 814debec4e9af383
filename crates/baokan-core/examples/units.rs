//! Print the blocks of a page dump with their roles and join scores (a debugging aid).
use baokan_core::{assign_roles, build_blocks, continuation, split_lines, LanguageModel, Lexicon};

fn main() {
    let path = std::env::args().nth(1).expect("usage: units PAGE.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let lex = Lexicon::builtin();
    let lm = LanguageModel::builtin();
    let units = assign_roles(build_blocks(&split_lines(&text), lex), lex, lm);
    for (i, u) in units.iter().enumerate() {
        let c = if i > 0 { continuation(units[i - 1].text(), u, lex, lm) } else { 0.0 };
        let j = if i > 0 { lm.junction(units[i - 1].text(), u.text()) } else { 0.0 };
        let role = format!("{:?}", u.role);
        let t: String = u.text().chars().take(30).collect();
        let tail: String = u.text().chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        println!(
            "{i:3} {:<8} sp={:<11} c={c:5.1} j={j:5.1} {t} … {tail}",
            &role[..role.len().min(8)],
            format!("{:?}", u.block.starts_paragraph)
        );
    }
}
