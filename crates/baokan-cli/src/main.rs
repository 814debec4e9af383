//! The `baokan` command: thin wiring of the baokan libraries.

mod archive_cmd;
mod render;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use baokan_core::{Page, PageMeta, ParseOptions, Parser};
use clap::{Parser as ClapParser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

// Parsing makes many small, short-lived allocations (lines, units, words):
// mimalloc serves them about 15% faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, the same
/// in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep freed memory instead of giving it back to the system at once: a
/// batch frees and takes again the same memory page after page, and every
/// page given back has to be faulted in and zeroed again (an ingest took 40%
/// fewer page faults and about 10% less CPU without purging).
fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// No transparent huge pages for this process (Linux; elsewhere nothing).
/// An ingest takes about a gigabyte of fresh memory; as huge pages, every
/// fault zeroes 2 MB, and when the host's memory is fragmented (as right
/// after a big archive was deleted) the kernel compacts it first: the 100k
/// benchmark's ingest took 3.3–3.4 s of system time and ran at 16.8–17.1
/// MB/s with them, 1.2–1.3 s and 19.1–19.2 MB/s without (user time +0.2 s).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only this
    // process's paging policy; a failure (an old kernel) is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// baokan (报刊): Chinese newspaper pages in, whole articles out.
#[derive(ClapParser, Debug)]
#[command(name = "baokan", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Reconstruct the articles of page dumps (a file, a folder, or - for stdin).
    Parse(ParseArgs),
    /// Store page dumps (or page JSON) in an archive; resumable.
    Ingest(archive_cmd::IngestArgs),
    /// Search an archive: ranked hits with highlighted snippets.
    Search(archive_cmd::SearchArgs),
    /// Show one article, whole, across its pages.
    Show(archive_cmd::ShowArgs),
    /// Write every article of an archive (page JSON fields plus archive ids).
    Export(archive_cmd::ExportArgs),
    /// Count papers, issues, pages, articles; sizes on disk.
    Stats(archive_cmd::StatsArgs),
    /// Verify that an archive's store and index agree; --repair fixes them.
    Check(archive_cmd::CheckArgs),
}

#[derive(clap::Args, Debug)]
struct ParseArgs {
    /// A page dump, a folder of *.txt page dumps, or - for standard input.
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Folder for the output of a folder input (<out>/<same path>.json).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Masthead name, when the file name does not give it.
    #[arg(long)]
    paper: Option<String>,
    /// Issue date (YYYY-MM-DD), when the file name does not give it.
    #[arg(long)]
    date: Option<String>,
    /// Page label, when the file name does not give it.
    #[arg(long)]
    page: Option<String>,
    /// Do not change the text: every repair is only flagged.
    #[arg(long)]
    no_repair: bool,
    /// Worker threads for a folder (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Page JSON (shared/formats/page-json.md).
    Json,
    /// The articles as a reader would want them, in a terminal.
    Text,
    /// The articles as Markdown.
    Markdown,
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse_cmd(args),
        Command::Ingest(args) => {
            no_huge_pages();
            archive_cmd::ingest(args)
        }
        Command::Search(args) => archive_cmd::search(args),
        Command::Show(args) => archive_cmd::show(args),
        Command::Export(args) => archive_cmd::export(args),
        Command::Stats(args) => archive_cmd::stats(args),
        Command::Check(args) => archive_cmd::check(args),
    };
    match result {
        Ok(code) => code,
        // (the reader went away, as `| head` does: nothing more to say)
        Err(e) if e.chain().any(is_broken_pipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("baokan: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error is a write to a pipe whose reader has gone, however wrapped.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) == pipe
        || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind) == pipe
}

fn flag_meta(args: &ParseArgs) -> Result<PageMeta> {
    if let Some(d) = &args.date {
        let b = d.as_bytes();
        let num = |r: std::ops::Range<usize>| {
            d.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<u32>().ok())
        };
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && num(0..4).is_some()
            && num(5..7).is_some_and(|m| (1..=12).contains(&m))
            && num(8..10).is_some_and(|d| (1..=31).contains(&d));
        if !ok {
            bail!("--date must be YYYY-MM-DD, not {d:?}");
        }
    }
    Ok(PageMeta { paper: args.paper.clone(), date: args.date.clone(), page: args.page.clone(), source: None })
}

fn parse_cmd(args: ParseArgs) -> Result<ExitCode> {
    let parser = Parser::new(ParseOptions { repair: !args.no_repair });
    let flags = flag_meta(&args)?;
    if args.input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
        let page = parse_one(&parser, &bytes, flags, "<stdin>")?;
        emit(&page, args.format, &mut std::io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    let input = Path::new(&args.input);
    if input.is_dir() {
        return parse_folder(&parser, input, &args, flags);
    }
    let bytes = read_page(input)?;
    let meta = flags.or(PageMeta::from_file_name(&args.input));
    let page = parse_one(&parser, &bytes, meta, &args.input)?;
    match &args.out {
        Some(out) => write_page(&page, args.format, out),
        None => emit(&page, args.format, &mut std::io::stdout().lock()),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// Read a page file, refusing one over the page size limit before reading it.
fn read_page(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
    if size > baokan_core::MAX_PAGE_BYTES as u64 {
        bail!(
            "{}: {size} bytes is over the {} MiB limit for one page; is it a page dump?",
            path.display(),
            baokan_core::MAX_PAGE_BYTES >> 20
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn parse_one(parser: &Parser, bytes: &[u8], meta: PageMeta, name: &str) -> Result<Page> {
    let page = parser.parse_bytes(bytes, &meta).with_context(|| format!("{name}: not a page dump"))?;
    if page.articles.is_empty() && page.unassigned.is_empty() {
        eprintln!("baokan: warning: {name}: no text on the page");
    }
    Ok(page)
}

fn emit(page: &Page, format: Format, w: &mut dyn Write) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, page)?;
            writeln!(w)?;
        }
        Format::Text => w.write_all(render::text(page).as_bytes())?,
        Format::Markdown => w.write_all(render::markdown(page).as_bytes())?,
    }
    Ok(())
}

fn write_page(page: &Page, format: Format, path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
    );
    emit(page, format, &mut f)?;
    f.flush()?;
    Ok(())
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            collect_txt(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

fn parse_folder(parser: &Parser, input: &Path, args: &ParseArgs, flags: PageMeta) -> Result<ExitCode> {
    let Some(out_dir) = &args.out else {
        bail!("a folder input needs --out DIR");
    };
    let mut files = Vec::new();
    collect_txt(input, &mut files)?;
    if files.is_empty() {
        eprintln!("baokan: warning: no *.txt files under {}", input.display());
    }
    let ext = match args.format {
        Format::Json => "json",
        Format::Text => "txt",
        Format::Markdown => "md",
    };
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} pages {per_sec} eta {eta}").expect("template"));
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build()?;
    let failures: Vec<String> = pool.install(|| {
        files
            .par_iter()
            .filter_map(|path| {
                let rel = path.strip_prefix(input).unwrap_or(path);
                let target = out_dir.join(rel).with_extension(ext);
                let name = path.display().to_string();
                let result = read_page(path)
                    .and_then(|bytes| {
                        parse_one(parser, &bytes, flags.clone().or(PageMeta::from_file_name(&name)), &name)
                    })
                    .and_then(|page| write_page(&page, args.format, &target));
                bar.inc(1);
                result.err().map(|e| format!("{e:#}"))
            })
            .collect()
    });
    bar.finish_and_clear();
    for f in &failures {
        eprintln!("baokan: error: {f}");
    }
    eprintln!("baokan: {} pages parsed, {} failed", files.len() - failures.len(), failures.len());
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
