//! `kill -9` during `baokan ingest`: the archive must still open, answer
//! searches and pass `baokan check` after every kill, and ingesting again
//! must end with exactly the counts of an uninterrupted run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_baokan");

const SENTENCES: &[&str] = &[
    "市委常委会议研究部署常态化疫情防控工作，要求各地压实责任",
    "农业农村部门组织农机手跨区作业，确保春播粮食不误农时",
    "中国农业发展银行加大对中小微企业的信贷投放力度",
    "全市重点项目加快复工复产，帮助企业解决用工和资金困难",
    "动力谷一批企业以标准引领产品升级，株洲质量走向全国",
    "社区工作人员逐户走访，对群众反映的待处理事项逐项销号",
    "醴陵陶瓷产业集群持续壮大，带动当地群众就业增收",
    "城市管理部门整治背街小巷，改善居民出行条件",
    "学校细化复学防控方案，保障师生安全和健康",
    "文化旅游部门推出夜间消费新场景，点亮夜经济",
    "交通部门推进高速公路建设，完善区域路网结构",
    "生态环境部门开展河道巡查，守护一江清水",
];

/// A small deterministic generator of varied paragraphs.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn paragraph(&mut self, n: usize) -> String {
        let mut p = String::new();
        for _ in 0..n {
            p.push_str(SENTENCES[self.next() % SENTENCES.len()]);
            p.push_str(&format!("，完成年度任务的{}%。", 10 + self.next() % 90));
        }
        p
    }
}

fn write_pages(dir: &Path, issues: usize) {
    let mut g = Gen(7);
    for i in 0..issues {
        let date = format!("2020-{:02}-{:02}", 6 + i / 28, 1 + i % 28);
        let d = dir.join("株洲日报").join(&date);
        std::fs::create_dir_all(&d).unwrap();
        let wire = "新华社北京6月1日电 记者从农业农村部获悉，当前全国夏收夏种有序推进，小麦机收进度快于去年同期。农业农村部有关负责人表示，各地抓住农时，组织农机手跨区作业，确保颗粒归仓，为全年粮食丰收打下坚实基础。";
        let a1 = format!(
            "第{i}次专题会议部署重点工作\n\n株洲日报记者 李明\n\n株洲日报讯 {}\n\n{}（下转A2版）\n\n高质量发展的株洲实践第{i}篇\n\n{}\n\n详见B1版\n",
            g.paragraph(3),
            g.paragraph(2),
            g.paragraph(1)
        );
        let a2 = format!(
            "（上接A1版）\n\n第{i}次专题会议部署重点工作\n\n{}\n\n{}\n\n全国夏收夏种有序推进\n\n{wire}\n",
            g.paragraph(2),
            g.paragraph(2)
        );
        let b1 = format!(
            "高质量发展的株洲实践第{i}篇\n\n株洲日报记者 王芳\n\n株洲日报讯 {}\n\n{}\n",
            g.paragraph(3),
            g.paragraph(2)
        );
        std::fs::write(d.join("A1.txt"), a1).unwrap();
        std::fs::write(d.join("A2.txt"), a2).unwrap();
        std::fs::write(d.join("B1.txt"), b1).unwrap();
    }
}

fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN).args(args).stdin(Stdio::null()).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr))
}

fn counts(archive: &Path) -> serde_json::Value {
    let (ok, out) = run(&["stats", "--json", "--archive", archive.to_str().unwrap()]);
    assert!(ok, "{out}");
    let mut v: serde_json::Value = serde_json::from_str(&out[..out.rfind('}').unwrap() + 1]).unwrap();
    // Sizes on disk differ between runs; the counts must not.
    for k in ["raw_bytes", "store_bytes", "index_bytes"] {
        v.as_object_mut().unwrap().remove(k);
    }
    v
}

fn ingest_args<'a>(input: &'a str, archive: &'a str) -> Vec<&'a str> {
    vec!["ingest", input, "--archive", archive, "--batch", "6"]
}

#[test]
fn kill_9_during_ingest_leaves_a_consistent_resumable_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("pages");
    write_pages(&input, 40);
    let input_s = input.to_str().unwrap();

    // Uninterrupted run, for reference.
    let reference = tmp.path().join("ref.archive");
    let started = Instant::now();
    let (ok, out) = run(&ingest_args(input_s, reference.to_str().unwrap()));
    assert!(ok, "{out}");
    let full_time = started.elapsed();
    let want = counts(&reference);
    assert_eq!(want["pages"], 120, "{want}");
    assert_eq!(want["continued"], 40, "{want}");
    assert_eq!(want["see_also"], 40, "{want}");
    assert_eq!(want["duplicate_groups"], 1, "{want}");

    // Killed runs, at delays spread over the length of a full run.
    let archive = tmp.path().join("killed.archive");
    let archive_s = archive.to_str().unwrap();
    let mut kills_mid_ingest = 0;
    // steps of a twentieth of a full run, so that several kills land inside one however fast it is
    let step = full_time / 20;
    let mut delay = Duration::from_millis(60);
    for round in 0..40 {
        let mut child = Command::new(BIN)
            .args(ingest_args(input_s, archive_s))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap(); // SIGKILL
        }
        child.wait().unwrap();
        if finished {
            break;
        }
        if !archive.join("archive.sqlite").exists() {
            delay += step;
            continue;
        }
        // The archive opens, answers a search and passes check after every kill.
        let (ok, out) = run(&["check", "--archive", archive_s]);
        assert!(ok, "round {round}: check failed after kill: {out}");
        if out.contains("interrupted") {
            eprintln!("round {round}: {}", out.lines().next().unwrap_or(""));
        }
        let (ok, out) = run(&["search", "专题会议", "--json", "--archive", archive_s]);
        assert!(ok, "round {round}: search failed after kill: {out}");
        // the process was killed before it finished, with the archive begun: mid-ingest
        // (its pages may all be stored while the index still waits for its commit)
        let pages = counts(&archive)["pages"].as_u64().unwrap();
        assert!(pages <= 120, "round {round}: {pages} pages");
        kills_mid_ingest += 1;
        delay += step + Duration::from_millis(7 * (round % 3));
    }
    eprintln!("{kills_mid_ingest} kills inside an ingest (a full run takes {full_time:?})");
    assert!(kills_mid_ingest >= 2, "only {kills_mid_ingest} kills landed inside an ingest");

    // Resume to the end: the same counts as the uninterrupted run.
    let (ok, out) = run(&ingest_args(input_s, archive_s));
    assert!(ok, "{out}");
    assert_eq!(counts(&archive), want);
    let (ok, out) = run(&["check", "--archive", archive_s]);
    assert!(ok && out.contains("ok"), "{out}");
    // And once more: nothing changes.
    let (ok, out) = run(&ingest_args(input_s, archive_s));
    assert!(ok && out.contains("0 added, 0 replaced, 120 unchanged"), "{out}");
    assert_eq!(counts(&archive), want);
}

#[test]
fn cli_reports_bad_archives_without_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("archive.sqlite"), b"this is not a database, just text").unwrap();
    for cmd in [&["search", "疫情"][..], &["stats"], &["check"], &["show", "a/b/c/1"], &["export"]] {
        let mut args: Vec<&str> = cmd.to_vec();
        args.extend(["--archive", foreign.to_str().unwrap()]);
        let out = Command::new(BIN).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("not a baokan archive") && !err.contains("panicked"), "{args:?}: {err}");
    }
}
