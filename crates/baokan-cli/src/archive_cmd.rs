//! The archive subcommands: ingest, search, show, export, stats, check.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use baokan_archive::{
    Archive, Filters, IngestEvent, IngestOptions, OpenOptions, SearchRequest, Snippet, SortOrder, StoryView,
};
use baokan_core::ParseOptions;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

/// Arguments of `baokan ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// A folder of page dumps (*.txt) and page JSON (*.json), or one file.
    /// Folders may be laid out as PAPER/YYYY-MM-DD/PAGE.txt.
    input: PathBuf,
    /// The archive folder (created when missing).
    #[arg(long)]
    archive: PathBuf,
    /// A user dictionary for word segmentation (one word a line); kept in
    /// the archive and used by later searches too.
    #[arg(long)]
    dict: Option<PathBuf>,
    /// Do not change the text: every repair is only flagged.
    #[arg(long)]
    no_repair: bool,
    /// Pages per commit.
    #[arg(long, default_value_t = 1024)]
    batch: usize,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest issue first.
    Newest,
    /// Oldest issue first.
    Oldest,
}

/// Arguments of `baokan search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// The query: words (all must occur), "exact phrases", OR, NOT/-word,
    /// (groups), headline:/byline:/body: scopes.
    query: String,
    /// The archive folder.
    #[arg(long)]
    archive: PathBuf,
    /// Only issues from this date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only issues up to this date (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Only this paper (masthead name, 株洲日报).
    #[arg(long)]
    paper: Option<String>,
    /// Only articles on this page (A1).
    #[arg(long)]
    page: Option<String>,
    /// Only articles with this dateline agency (新华社).
    #[arg(long)]
    agency: Option<String>,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Show every near-duplicate (wire copy in several papers) as its own
    /// hit; by default each group shows once.
    #[arg(long)]
    no_collapse: bool,
    /// Count facets (paper, month, page, agency); always on with --json.
    #[arg(long)]
    facets: bool,
    /// Output JSON.
    #[arg(long)]
    json: bool,
    /// Extra user dictionary for this query.
    #[arg(long)]
    dict: Option<PathBuf>,
}

/// Arguments of `baokan show`.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Article id: paper/date/page/n (any part of a continued article).
    id: String,
    /// The archive folder.
    #[arg(long)]
    archive: PathBuf,
    /// Output JSON (the merged article plus archive fields).
    #[arg(long)]
    json: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ExportFormat {
    /// One JSON object per logical article per line.
    Jsonl,
}

/// Arguments of `baokan export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The archive folder.
    #[arg(long)]
    archive: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
}

/// Arguments of `baokan stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// The archive folder.
    #[arg(long)]
    archive: PathBuf,
    /// Output JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `baokan check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The archive folder.
    #[arg(long)]
    archive: PathBuf,
    /// Fix what can be fixed (the index is rebuilt from the store).
    #[arg(long)]
    repair: bool,
    /// Output JSON.
    #[arg(long)]
    json: bool,
}

fn open(dir: &PathBuf, dict: Option<&PathBuf>) -> Result<Archive> {
    let opts = OpenOptions { user_dict: dict.cloned(), ..Default::default() };
    Ok(Archive::open_with(dir, &opts)?)
}

/// `baokan ingest`.
pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let opts = OpenOptions { create: true, user_dict: args.dict.clone(), ..Default::default() };
    let mut archive = Archive::open_with(&args.archive, &opts)?;
    if archive.recovered_issues() > 0 {
        eprintln!("baokan: finished indexing {} issue(s) left by an interrupted ingest", archive.recovered_issues());
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}")
            .context("progress template")?,
    );
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let start = Instant::now();
    let ingest_opts = IngestOptions { parse: ParseOptions { repair: !args.no_repair }, batch_pages: args.batch };
    let mut pages = 0u64;
    let report = archive.ingest_path(&args.input, &ingest_opts, &mut |e| match e {
        IngestEvent::Found { bytes, .. } => bar.set_length(*bytes),
        IngestEvent::Page { bytes, error, path, .. } => {
            pages += 1;
            bar.inc(*bytes);
            bar.set_message(format!("{pages} pages"));
            if let Some(err) = error {
                bar.suspend(|| eprintln!("baokan: warning: {}: {err}", path.display()));
            }
        }
    })?;
    bar.finish_and_clear();
    archive.close()?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "baokan: {} files: {} added, {} replaced, {} unchanged, {} failed; {:.1} MB in {:.1} s ({:.1} MB/s)",
        report.files,
        report.added,
        report.replaced,
        report.unchanged,
        report.failed.len(),
        report.bytes as f64 / 1e6,
        secs,
        report.bytes as f64 / 1e6 / secs.max(1e-9)
    );
    Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn marks() -> (&'static str, &'static str) {
    if std::io::stdout().is_terminal() {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("«", "»")
    }
}

fn mark(s: &Snippet) -> String {
    let (o, c) = marks();
    s.marked(o, c)
}

/// `baokan search`.
pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let archive = open(&args.archive, args.dict.as_ref())?;
    let req = SearchRequest {
        query: args.query.clone(),
        filters: Filters {
            paper: args.paper.clone(),
            from: args.from.clone(),
            to: args.to.clone(),
            page: args.page.clone(),
            agency: args.agency.clone(),
        },
        sort: match args.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Newest => SortOrder::Newest,
            SortArg::Oldest => SortOrder::Oldest,
        },
        limit: args.limit,
        offset: args.offset,
        collapse: !args.no_collapse,
        facets: args.facets || args.json,
        snippets: true,
    };
    let res = archive.search(&req)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = json!({ "query": args.query, "total": res.total, "hits": res.hits, "facets": res.facets });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if res.hits.is_empty() {
        writeln!(out, "no articles match {:?}", args.query)?;
    } else {
        writeln!(out, "{} article(s) match; showing {}-{}", res.total, args.offset + 1, args.offset + res.hits.len())?;
    }
    for (i, h) in res.hits.iter().enumerate() {
        let a = &h.article;
        writeln!(out)?;
        writeln!(
            out,
            "{:>3}. {}  [{} {} {}{}]",
            args.offset + i + 1,
            a.key,
            a.paper,
            a.date,
            a.pages.join("→"),
            a.agency.as_deref().map(|g| format!(" {g}")).unwrap_or_default()
        )?;
        if !h.headline.text.is_empty() {
            writeln!(out, "     {}", mark(&h.headline))?;
        }
        writeln!(out, "     {}", mark(&h.snippet))?;
        if !h.duplicates.is_empty() {
            let more = h.duplicates.len().saturating_sub(3);
            let shown: Vec<&str> = h.duplicates.iter().take(3).map(String::as_str).collect();
            let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
            writeln!(out, "     also printed: {}{tail}", shown.join(", "))?;
        }
    }
    if let Some(f) = &res.facets {
        writeln!(out)?;
        for (name, v) in [("paper", &f.paper), ("month", &f.month), ("page", &f.page), ("agency", &f.agency)] {
            let items: Vec<String> = v.iter().take(12).map(|c| format!("{} ({})", c.value, c.count)).collect();
            writeln!(out, "{name:>7}: {}", items.join(", "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn story_json(v: &StoryView) -> serde_json::Value {
    let mut m = serde_json::to_value(v.merged()).unwrap_or_else(|_| json!({}));
    let parts: Vec<serde_json::Value> =
        v.parts.iter().map(|p| json!({ "id": p.id, "page": p.id.rsplit('/').nth(1), "spans": p.spans })).collect();
    if let Some(obj) = m.as_object_mut() {
        obj.insert(
            "archive".into(),
            json!({
                "key": v.article.key,
                "paper": v.article.paper,
                "date": v.article.date,
                "pages": v.article.pages,
                "parts": parts,
                "see_also": v.see_also,
                "teased_by": v.teased_by,
                "duplicates": v.duplicates,
            }),
        );
    }
    m
}

/// `baokan show`.
pub fn show(args: ShowArgs) -> Result<ExitCode> {
    let archive = open(&args.archive, None)?;
    let Some(v) = archive.article(&args.id)? else {
        eprintln!("baokan: error: no article {} in {}", args.id, args.archive.display());
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &story_json(&v))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let a = v.merged();
    writeln!(out, "{}  [{} {} {}]", v.article.key, v.article.paper, v.article.date, v.article.pages.join("→"))?;
    writeln!(out)?;
    if let Some(k) = &a.kicker {
        writeln!(out, "{k}")?;
    }
    if let Some(h) = &a.headline {
        writeln!(out, "{h}")?;
    }
    for s in &a.subheadlines {
        writeln!(out, "{s}")?;
    }
    for b in &a.bylines {
        let who = [b.outlet.clone().unwrap_or_default(), b.role.clone().unwrap_or_default(), b.names.join(" ")];
        writeln!(out, "{}", who.iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" "))?;
    }
    writeln!(out)?;
    if let Some(d) = &a.dateline {
        write!(out, "{} ", d.text)?;
    }
    for (i, p) in v.parts.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n    —— {} ——\n", p.id.rsplit('/').nth(1).unwrap_or(""))?;
        }
        for b in &p.body {
            writeln!(out, "{}\n", b.text)?;
        }
        for c in &p.captions {
            writeln!(out, "[图] {}{}", c.text, c.credit.as_deref().map(|x| format!(" ({x})")).unwrap_or_default())?;
        }
    }
    for s in &v.see_also {
        writeln!(out, "详见: {s}")?;
    }
    for s in &v.teased_by {
        writeln!(out, "导读: {s}")?;
    }
    if !v.duplicates.is_empty() {
        writeln!(out, "also printed: {}", v.duplicates.join(", "))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `baokan export`.
pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let archive = open(&args.archive, None)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let n = archive.export(&mut |v| {
        let line = serde_json::to_string(&story_json(v)).map_err(|e| baokan_archive::Error::Internal(e.to_string()))?;
        writeln!(out, "{line}").map_err(|e| baokan_archive::Error::Io { path: "<stdout>".into(), source: e })
    })?;
    out.flush()?;
    eprintln!("baokan: exported {n} articles");
    Ok(ExitCode::SUCCESS)
}

/// `baokan stats`.
pub fn stats(args: StatsArgs) -> Result<ExitCode> {
    let archive = open(&args.archive, None)?;
    let s = archive.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    writeln!(out, "papers      {}", s.papers)?;
    writeln!(out, "issues      {}", s.issues)?;
    writeln!(out, "pages       {}", s.pages)?;
    writeln!(
        out,
        "articles    {} printed, {} logical ({} continued across pages)",
        s.articles, s.stories, s.continued
    )?;
    writeln!(out, "links       {} teasers (详见), {} near-duplicate groups", s.see_also, s.duplicate_groups)?;
    writeln!(out, "repairs     {}", s.repairs)?;
    writeln!(out, "raw input   {}", mb(s.raw_bytes))?;
    writeln!(out, "store       {}", mb(s.store_bytes))?;
    writeln!(out, "index       {} ({} documents)", mb(s.index_bytes), s.index_docs)?;
    if s.raw_bytes > 0 {
        writeln!(out, "size/raw    {:.2}x", (s.store_bytes + s.index_bytes) as f64 / s.raw_bytes as f64)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `baokan check`.
pub fn check(args: CheckArgs) -> Result<ExitCode> {
    let opts = OpenOptions { rebuild_broken_index: args.repair, ..Default::default() };
    let mut archive = Archive::open_with(&args.archive, &opts)?;
    let recovered = archive.recovered_issues();
    let report = archive.check(args.repair)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        if recovered > 0 {
            writeln!(out, "finished indexing {recovered} issue(s) left by an interrupted ingest")?;
        }
        writeln!(out, "{} logical articles stored, {} index documents", report.stories, report.index_docs)?;
        for p in &report.problems {
            writeln!(out, "problem: {}", serde_json::to_string(p)?)?;
        }
        if report.problems.is_empty() {
            writeln!(out, "ok{}", if report.repaired { " (repaired)" } else { "" })?;
        } else {
            writeln!(
                out,
                "{} problem(s){}",
                report.problems.len(),
                if args.repair { " remain after repair" } else { "; run with --repair to fix" }
            )?;
        }
    }
    archive.close()?;
    Ok(if report.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
