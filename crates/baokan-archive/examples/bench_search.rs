//! Search latency over a fixed list of queries (used by bench/archive.sh):
//!
//!     cargo run --release -p baokan-archive --example bench_search -- ARCHIVE QUERIES.txt [ROUNDS]
//!
//! A query line is the query, then optionally a tab and filters:
//! `from=YYYY-MM-DD to=YYYY-MM-DD`, `page=P`, `agency=A`, `paper=P`.
//!
//! Prints p50/p99/mean latency in milliseconds (full hits with snippets; the
//! same without snippets, which is the work the peers' timings do: top ten
//! keys and the total; and with facets) and the hit count of each query (to
//! QUERIES.txt.baokan.tsv) for the recall comparison with the peers.

use std::time::Instant;

use baokan_archive::{Archive, Filters, SearchRequest};

/// The request of a query line (see the crate doc above).
fn request(line: &str) -> Result<SearchRequest, String> {
    let (query, spec) = line.split_once('\t').unwrap_or((line, ""));
    let mut filters = Filters::default();
    for kv in spec.split_whitespace() {
        let (k, v) = kv.split_once('=').ok_or_else(|| format!("not a filter: {kv:?}"))?;
        let slot = match k {
            "from" => &mut filters.from,
            "to" => &mut filters.to,
            "page" => &mut filters.page,
            "agency" => &mut filters.agency,
            "paper" => &mut filters.paper,
            _ => return Err(format!("unknown filter {k:?}")),
        };
        *slot = Some(v.to_string());
    }
    Ok(SearchRequest { filters, ..SearchRequest::new(query) })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench_search ARCHIVE QUERIES.txt [ROUNDS]");
        std::process::exit(2);
    }
    let archive = Archive::open(&args[1])?;
    let lines: Vec<String> =
        std::fs::read_to_string(&args[2])?.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let queries: Vec<SearchRequest> = lines.iter().map(|l| request(l)).collect::<Result<_, _>>()?;
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut counts = Vec::new();
    // Warm-up round (page cache, reader), then timed rounds.
    for q in &queries {
        counts.push(archive.search(q)?.total);
    }
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            let r = archive.search(q)?;
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
            let r = archive.search(&SearchRequest { snippets: false, ..q.clone() })?;
            bare_times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(r);
        }
    }
    let mut facet_times = Vec::new();
    for q in &queries {
        let t = Instant::now();
        let r = archive.search(&SearchRequest { facets: true, ..q.clone() })?;
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
    // (The count last: a line may hold a tab before its filters.)
    let tsv: String = lines.iter().zip(&counts).map(|(q, c)| format!("{q}\t{c}\n")).collect();
    std::fs::write(format!("{}.baokan.tsv", args[2]), tsv)?;
    Ok(())
}
