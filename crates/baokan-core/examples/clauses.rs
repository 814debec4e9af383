//! Print what the dictionary says at the break after title-shaped clause
//! lines, read as `label<TAB>line<TAB>next line` from stdin (a tuning aid).
use baokan_core::{LanguageModel, Lexicon};
use std::io::BufRead;

fn main() {
    let lex = Lexicon::builtin();
    let lm = LanguageModel::builtin();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("line");
        let mut f = line.split('\t');
        let (Some(label), Some(piece), Some(next)) = (f.next(), f.next(), f.next()) else { continue };
        let j = lm.junction(piece, next);
        let mid = lm.starts_mid_sentence(next, lex);
        let tag = lm.last_word_tag(piece).unwrap_or_default();
        let news = lex.opens_news_item(next);
        let words: Vec<(usize, usize)> = lm.words(piece);
        let last_len = words.last().map_or(0, |&(s, e)| e - s);
        println!(
            "{label}\t{j:.1}\t{mid}\t{tag}\t{news}\t{last_len}\t{piece}\t{}",
            next.chars().take(12).collect::<String>()
        );
    }
}
