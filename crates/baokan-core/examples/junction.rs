//! Print the junction score of two texts (a tuning aid): junction LEFT RIGHT
use baokan_core::LanguageModel;
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let lm = LanguageModel::builtin();
    println!(
        "{:.2} logp(l)={:.2} logp(r)={:.2} logp(lr)={:.2} words={:?}",
        lm.junction(&a[0], &a[1]),
        lm.logp(&a[0]),
        lm.logp(&a[1]),
        lm.logp(&format!("{}{}", a[0], a[1])),
        lm.words(&format!("{}{}", a[0], a[1]))
    );
}
