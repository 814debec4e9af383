//! Single-thread throughput of parse + repair, dictionary load excluded.
//!
//! usage: throughput DIR [ROUNDS]
//! Loads the tables and the dictionary first (and reports how long that took),
//! reads and decodes every *.txt page under DIR into memory, then parses all
//! of them ROUNDS times (default 3) on this thread and prints pages/s, by wall
//! time and (on Linux) by this thread's CPU time.
use std::time::Instant;

// the allocator the `baokan` binary uses
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use baokan_core::{decode, LanguageModel, Lexicon, PageMeta, Parser};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: throughput DIR [ROUNDS]");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("ROUNDS is a number"));

    let t = Instant::now();
    Lexicon::builtin();
    LanguageModel::builtin();
    let load_ms = t.elapsed().as_secs_f64() * 1e3;

    let mut pages = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read DIR") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                let name = p.to_string_lossy().to_string();
                if let Ok((text, _)) = decode(&std::fs::read(&p).expect("read page")) {
                    pages.push((text, PageMeta::from_file_name(&name)));
                }
            }
        }
    }
    assert!(!pages.is_empty(), "no *.txt pages under {dir}");
    let chars: usize = pages.iter().map(|(t, _)| t.chars().count()).sum();

    let parser = Parser::default();
    // warm-up: one pass, so caches and allocator are settled
    let mut articles = 0usize;
    for (text, meta) in &pages {
        articles += parser.parse_text(text, meta).articles.len();
    }
    let t = Instant::now();
    let cpu0 = thread_cpu_seconds();
    for _ in 0..rounds {
        for (text, meta) in &pages {
            std::hint::black_box(parser.parse_text(text, meta));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let n = pages.len() * rounds;
    println!("pages\t{}", pages.len());
    println!("chars_per_page\t{}", chars / pages.len());
    println!("articles\t{articles}");
    println!("dict_load_ms\t{load_ms:.0}");
    println!("ms_per_page\t{:.3}", secs * 1e3 / n as f64);
    println!("pages_per_s\t{:.0}", n as f64 / secs);
    // on a busy machine wall time counts other processes' turns: CPU time does not
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!("cpu_pages_per_s\t{:.0}", n as f64 / cpu);
    }
}

/// CPU seconds this thread has used (Linux: /proc/thread-self/stat), if known.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // fields after the command name (which is in parentheses): utime and stime are the 12th and 13th
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
