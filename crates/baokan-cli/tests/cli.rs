//! The `baokan parse` command, run as a user would run it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn baokan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baokan"))
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/zhuzhou-2020-05-15-A1.txt")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("baokan runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child =
        baokan().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    // a command that fails on its flags exits before it reads: the pipe may be closed
    if let Err(e) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// A small page with a headline, for stdin and folder tests.
const PAGE: &str = "老旧小区改造让居民住得更舒心\n\n株洲日报记者 陈思远\n\n株洲日报讯 3月5日，市住建局组织专家对芦淞区一处老旧小区开展安全排查，相关部门已制定了初步治理方案。\n\n居民张阿姨说，如今出门就能买到新鲜蔬菜，生活方便多了。\n";

#[test]
fn sample_to_json() {
    let o = run(baokan().arg("parse").arg(sample()));
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["paper"], "株洲日报");
    assert_eq!(v["date"], "2020-05-15");
    assert_eq!(v["page"], "A1");
    assert_eq!(v["source"], "zhuzhou-2020-05-15-A1.txt");
    let arts = v["articles"].as_array().expect("articles array");
    assert!(arts.len() > 5 && arts.len() <= 12, "{} articles", arts.len());
    assert!(arts.iter().all(|a| a["spans"].as_array().is_some_and(|s| !s.is_empty())));
    let heads: Vec<&str> = arts.iter().filter_map(|a| a["headline"].as_str()).collect();
    assert!(heads.contains(&"毛腾飞到醴陵包案下访处理信访问题"), "{heads:?}");
    assert!(v["unassigned"].is_array());
}

#[test]
fn sample_to_text_and_markdown() {
    let o = run(baokan().arg("parse").arg(sample()).args(["--format", "text"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("毛腾飞到醴陵包案下访处理信访问题"), "{text}");
    assert!(!text.trim_start().starts_with('{'), "text output is not JSON");

    let o = run(baokan().arg("parse").arg(sample()).args(["--format", "markdown"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.lines().any(|l| l.starts_with('#') && l.contains("毛腾飞到醴陵包案下访处理信访问题")), "{md}");
}

#[test]
fn stdin_with_metadata_flags() {
    let o = run_stdin(&["parse", "-", "--paper", "人民日报", "--date", "1998-01-05", "--page", "3"], PAGE.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["paper"], "人民日报");
    assert_eq!(v["date"], "1998-01-05");
    assert_eq!(v["page"], "3");
    assert_eq!(v["articles"][0]["headline"], "老旧小区改造让居民住得更舒心");
    assert_eq!(v["articles"][0]["id"], "人民日报/1998-01-05/3/1");
}

#[test]
fn no_repair_keeps_the_doubling() {
    let page = "商家让利\n\n株洲日报讯 在领导带头堂食、商家让利让利、消费券多轮发放等促消费措施的带动下，夜经济正重新被点亮。\n";
    let fixed: serde_json::Value = serde_json::from_slice(&run_stdin(&["parse", "-"], page.as_bytes()).stdout).unwrap();
    let kept: serde_json::Value =
        serde_json::from_slice(&run_stdin(&["parse", "-", "--no-repair"], page.as_bytes()).stdout).unwrap();
    let body = |v: &serde_json::Value| v["articles"][0]["body"][0]["text"].as_str().unwrap_or_default().to_string();
    assert!(!body(&fixed).contains("让利让利"), "{}", body(&fixed));
    assert!(body(&kept).contains("让利让利"), "{}", body(&kept));
    assert_eq!(kept["articles"][0]["repairs"][0]["applied"], false);
}

#[test]
fn empty_file_is_a_page_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("zhuzhou-2020-05-15-A3.txt");
    std::fs::write(&f, "").unwrap();
    let o = run(baokan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["page"], "A3");
    let err = stderr(&o);
    assert!(err.contains("warning") && err.contains("zhuzhou-2020-05-15-A3.txt"), "{err}");
}

#[test]
fn binary_file_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("scan.txt");
    std::fs::write(&f, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let o = run(baokan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing on stdout for a refused file");
    let err = stderr(&o);
    assert!(err.contains("scan.txt") && err.contains("binary"), "{err}");
}

#[test]
fn oversized_single_line_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("huge.txt");
    // a sparse 100 MB file: refused by its size, never read into memory
    std::fs::File::create(&f).unwrap().set_len(100 * 1024 * 1024).unwrap();
    let o = run(baokan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("huge.txt") && err.contains("limit"), "{err}");
}

#[test]
fn missing_file_is_a_clear_error() {
    let o = run(baokan().args(["parse", "/nonexistent/baokan/page.txt"]));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("/nonexistent/baokan/page.txt") && err.contains("error"), "{err}");
}

#[test]
fn bad_date_flag_is_a_clear_error() {
    for bad in ["garbage", "abcd-ef-gh", "2020-13-01", "2020-05-32", "20200515"] {
        let o = run_stdin(&["parse", "-", "--date", bad], PAGE.as_bytes());
        assert!(!o.status.success(), "--date {bad} accepted");
        let err = stderr(&o);
        assert!(err.contains("--date") && err.contains(bad), "--date {bad}: {err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn folder_with_a_good_and_a_binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir_all(input.join("2020/05")).unwrap();
    std::fs::write(input.join("2020/05/zhuzhou-2020-05-15-A1.txt"), PAGE).unwrap();
    std::fs::write(input.join("broken.txt"), b"abc\0\0\0def").unwrap();
    std::fs::write(input.join("notes.md"), "not a page").unwrap();
    let o = run(baokan().arg("parse").arg(&input).arg("--out").arg(&out));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let written = out.join("2020/05/zhuzhou-2020-05-15-A1.json");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&written).expect("good page written")).expect("valid JSON");
    assert_eq!(v["paper"], "株洲日报");
    assert_eq!(v["articles"][0]["headline"], "老旧小区改造让居民住得更舒心");
    assert!(!out.join("broken.json").exists());
    assert!(!out.join("notes.json").exists(), "only *.txt files are pages");
    let err = stderr(&o);
    assert!(err.contains("broken.txt"), "{err}");
    assert!(err.contains("1 pages parsed, 1 failed"), "{err}");
}

#[test]
fn folder_needs_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), PAGE).unwrap();
    let o = run(baokan().arg("parse").arg(dir.path()));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
}

/// A reader that goes away before the output ends (`| head`) is no error: the
/// command stops quietly.
#[test]
fn a_closed_output_pipe_ends_quietly() {
    let page = PAGE.repeat(2000);
    let mut child = baokan()
        .args(["parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(page.as_bytes()).unwrap();
    drop(stdin);
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{:?} {}", o.status, stderr(&o));
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
}
