//! Parse + repair time per page, after warm-up (criterion).
//!
//! Pages: the dev pages that `../shared/eval/mkpages.py` makes from the 1998
//! People's Daily corpus when `../shared` is present (generated into a temp
//! dir), else the hand-written test fixtures and the bundled sample.
//! Run: `cargo bench -p baokan-core --bench parse`.
use std::path::{Path, PathBuf};
use std::process::Command;

use baokan_core::{decode, LanguageModel, Lexicon, PageMeta, ParseOptions, Parser};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_pages(dir: &Path) -> Vec<(String, PageMeta)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let (text, _) = decode(&std::fs::read(p).ok()?).ok()?;
            Some((text, PageMeta::from_file_name(&p.to_string_lossy())))
        })
        .collect()
}

/// The dev pages, generated from ../shared, or `None` when it is absent.
fn shared_pages(tmp: &Path) -> Option<Vec<(String, PageMeta)>> {
    let shared = root().join("../shared");
    let corpus = shared.join("corpus/pfr1998/pages-1998-01-01_15.jsonl");
    let script = shared.join("eval/mkpages.py");
    if !corpus.exists() || !script.exists() {
        eprintln!("bench: ../shared absent; using the test fixtures");
        return None;
    }
    let ok = Command::new("python3")
        .arg(&script)
        .arg(&corpus)
        .arg(tmp)
        .args(["--profile", "dev", "--seed", "1"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("bench: mkpages.py failed; using the test fixtures");
        return None;
    }
    Some(read_pages(tmp)).filter(|p| !p.is_empty())
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let pages = shared_pages(tmp.path()).unwrap_or_else(|| {
        let mut p = read_pages(&root().join("crates/baokan-core/tests/fixtures"));
        p.extend(read_pages(&root().join("samples")));
        p
    });
    assert!(!pages.is_empty(), "no pages to bench");
    // load the dictionary before timing anything
    Lexicon::builtin();
    LanguageModel::builtin();

    let mut g = c.benchmark_group("parse");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pages.len() as u64));
    for (name, repair) in [("pages_with_repair", true), ("pages_no_repair", false)] {
        let parser = Parser::new(ParseOptions { repair });
        g.bench_function(name, |b| {
            b.iter(|| {
                for (text, meta) in &pages {
                    std::hint::black_box(parser.parse_text(text, meta));
                }
            })
        });
    }
    g.finish();

    let sample = std::fs::read_to_string(root().join("samples/zhuzhou-2020-05-15-A1.txt")).expect("sample page");
    let meta = PageMeta::from_file_name("zhuzhou-2020-05-15-A1.txt");
    let parser = Parser::default();
    c.bench_function("sample_page", |b| b.iter(|| parser.parse_text(std::hint::black_box(&sample), &meta)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
