//! Print how the dictionary scores doubled forms read from stdin, one text a line (a tuning aid).
use baokan_core::{find_doublings, LanguageModel, Lexicon};
use std::io::BufRead;

fn main() {
    let lex = Lexicon::builtin();
    let lm = LanguageModel::builtin();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("line");
        let (label, text) = line.split_once('\t').unwrap_or(("", &line));
        for d in find_doublings(text, text, lex, lm) {
            let c: Vec<char> = text.chars().collect();
            let keep: String = c.iter().collect();
            let fixed: String = c[..d.start + d.unit].iter().chain(c[d.start + 2 * d.unit..].iter()).collect();
            let delta = lm.logp(&fixed) - lm.logp(&keep);
            let words: Vec<String> = lm.words(&keep).iter().map(|&(s, e)| c[s..e].iter().collect()).collect();
            println!("{label}\t{:.2}\t{delta:.1}\t{}\t{}", d.confidence, text, words.join("|"));
        }
    }
}
