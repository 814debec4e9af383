//! Print the last word of each stdin line and its part-of-speech tag (a tuning aid).
use std::io::BufRead;
fn main() {
    let lm = baokan_core::LanguageModel::builtin();
    for line in std::io::stdin().lock().lines() {
        let l = line.expect("line");
        let tail: String = l.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
        let tags = lm.jieba().tag(&tail, true);
        let last = tags.last().map(|t| (t.word.to_string(), t.tag.to_string())).unwrap_or_default();
        println!("{}\t{}\t{}", last.1, last.0, l);
    }
}
