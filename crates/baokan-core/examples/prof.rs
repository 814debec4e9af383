use baokan_core::{LanguageModel, PageMeta, Parser};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let t0 = std::time::Instant::now();
    let _ = LanguageModel::builtin();
    eprintln!("dict load {:?}", t0.elapsed());
    let mut pages = vec![];
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            pages.push((p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    let parser = Parser::default();
    let t = std::time::Instant::now();
    let reps = 5;
    for _ in 0..reps {
        for (n, t) in &pages {
            std::hint::black_box(parser.parse_text(t, &PageMeta::from_file_name(n)));
        }
    }
    let el = t.elapsed();
    eprintln!("{} pages/s", (pages.len() * reps) as f64 / el.as_secs_f64());
}
