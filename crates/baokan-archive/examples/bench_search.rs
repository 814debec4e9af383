//! Search latency over a fixed list of queries (used by bench/archive.sh):
//!
//!     cargo run --release -p baokan-archive --example bench_search -- ARCHIVE QUERIES.txt [ROUNDS]
//!
//! Prints p50/p99/mean latency in milliseconds (full hits with snippets; the
//! same without snippets, which is the work the peers' timings do: top ten
//! keys and the total; and with facets) and the hit count of each query (to
//! QUERIES.txt.baokan.tsv) for the recall comparison with the peers.

use std::time::Instant;

use baokan_archive::{Archive, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench_search ARCHIVE QUERIES.txt [ROUNDS]");
        std::process::exit(2);
    }
    let archive = Archive::open(&args[1])?;
    let queries: Vec<String> =
        std::fs::read_to_string(&args[2])?.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut counts = Vec::new();
    // Warm-up round (page cache, reader), then timed rounds.
    for q in &queries {
        counts.push(archive.search(&SearchRequest::new(q.as_str()))?.total);
    }
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            let r = archive.search(&SearchRequest::new(q.as_str()))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(r);
        }
    }
    // The same work as the peers' timings: the top ten keys and the total,
    // without snippets (which read and decompress each hit's text).
    let mut bare_times = Vec::new();
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            let r = archive.search(&SearchRequest { snippets: false, ..SearchRequest::new(q.as_str()) })?;
            bare_times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(r);
        }
    }
    let mut facet_times = Vec::new();
    for q in &queries {
        let t = Instant::now();
        let r = archive.search(&SearchRequest { facets: true, ..SearchRequest::new(q.as_str()) })?;
        facet_times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(r);
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    };
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "baokan search: {} queries x {rounds}: p50 {:.3} ms, p99 {:.2} ms, mean {:.3} ms; without snippets p50 {:.3} ms, p99 {:.2} ms; with facets p50 {:.3} ms, p99 {:.2} ms",
        queries.len(),
        pct(&mut times, 0.5),
        pct(&mut times, 0.99),
        mean,
        pct(&mut bare_times, 0.5),
        pct(&mut bare_times, 0.99),
        pct(&mut facet_times, 0.5),
        pct(&mut facet_times, 0.99)
    );
    let tsv: String = queries.iter().zip(&counts).map(|(q, c)| format!("{q}\t{c}\n")).collect();
    std::fs::write(format!("{}.baokan.tsv", args[2]), tsv)?;
    Ok(())
}
