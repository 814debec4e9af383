//! End-to-end tests of the archive on small fixture issues written for them:
//! a three-page 株洲日报 issue (下转/上接 continuation, 详见 teaser, a 新华社
//! story) and a 人民日报 page laid out as PAPER/DATE/PAGE.txt that reprints the
//! wire story and has a story in Traditional characters.

use std::path::{Path, PathBuf};

use baokan_archive::{Archive, Error, Filters, IngestOptions, OpenOptions, Problem, SearchRequest, SortOrder};
use baokan_core::{PageMeta, ParseOptions, Parser};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn build() -> (tempfile::TempDir, Archive) {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = Archive::create(tmp.path().join("a.archive")).unwrap();
    let r = a.ingest_path(&fixtures(), &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((r.files, r.added, r.unchanged), (4, 4, 0), "{r:?}");
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    (tmp, a)
}

fn keys(a: &Archive, req: &SearchRequest) -> Vec<String> {
    a.search(req).unwrap().hits.into_iter().map(|h| h.article.key).collect()
}

fn q(s: &str) -> SearchRequest {
    SearchRequest { collapse: false, limit: 50, ..SearchRequest::new(s) }
}

#[test]
fn groups_pages_into_issues_and_links_continuations_and_teasers() {
    let (_t, a) = build();
    let s = a.stats().unwrap();
    assert_eq!((s.papers, s.issues, s.pages, s.articles), (2, 2, 4, 7));
    // A1/1 continues on A2/1: six logical articles, one of them in two parts.
    assert_eq!((s.stories, s.continued, s.see_also, s.duplicate_groups), (6, 1, 1, 1));

    // Asking for the second part gives the whole article.
    let v = a.article("株洲日报/2020-05-15/A2/1").unwrap().unwrap();
    assert_eq!(v.article.key, "株洲日报/2020-05-15/A1/1");
    assert_eq!(v.article.pages, ["A1", "A2"]);
    assert_eq!(v.parts.len(), 2);
    let body: Vec<String> = v.merged().body.into_iter().map(|b| b.text).collect();
    assert_eq!(body.len(), 4, "{body:?}");
    assert!(body[0].contains("市政府召开常态化疫情防控工作会议"));
    assert!(body[1].contains("复工复产"));
    assert!(body[2].contains("中国农业发展银行"));
    assert!(body[3].contains("落到实处"));

    // The teaser on A1 points to the B1 story, and back.
    let teaser = a.article("株洲日报/2020-05-15/A1/2").unwrap().unwrap();
    assert_eq!(teaser.see_also, ["株洲日报/2020-05-15/B1/1"]);
    let target = a.article("株洲日报/2020-05-15/B1/1").unwrap().unwrap();
    assert_eq!(target.teased_by, ["株洲日报/2020-05-15/A1/2"]);

    // The wire story printed in both papers is one near-duplicate group.
    let wire = a.article("株洲日报/2020-05-15/A2/2").unwrap().unwrap();
    assert_eq!(wire.duplicates, ["人民日报/2020-05-16/2/1"]);
    assert!(a.article("株洲日报/2020-05-15/A9/1").unwrap().is_none());
}

#[test]
fn any_substring_of_two_characters_is_found() {
    let (_t, a) = build();
    // 处理 inside 待处理; 农业 inside 中国农业发展银行, on the continuation page,
    // which belongs to the logical article that starts on A1.
    assert_eq!(keys(&a, &q("处理")), ["株洲日报/2020-05-15/A1/1"]);
    let k = keys(&a, &q("农业发展银行"));
    assert_eq!(k, ["株洲日报/2020-05-15/A1/1"]);
    let k = keys(&a, &q("农业"));
    assert!(k.contains(&"株洲日报/2020-05-15/A1/1".to_string()) && k.len() == 3, "{k:?}");
    // A single character works too; nothing is found for text not there.
    assert!(keys(&a, &q("醴")).is_empty());
    assert_eq!(keys(&a, &q("谷")), ["株洲日报/2020-05-15/B1/1"]);
    assert!(keys(&a, &q("火星探测")).is_empty());
}

#[test]
fn phrases_booleans_and_field_scopes() {
    let (_t, a) = build();
    assert_eq!(keys(&a, &q("\"常态化疫情防控\"")), ["株洲日报/2020-05-15/A1/1"]);
    // The phrase must be contiguous: these characters occur, but not in this order.
    assert!(keys(&a, &q("\"防控疫情常态化\"")).is_empty());
    let mut k = keys(&a, &q("疫情防控"));
    k.sort();
    assert_eq!(k, ["人民日报/2020-05-16/2/2", "株洲日报/2020-05-15/A1/1"]);
    assert_eq!(keys(&a, &q("疫情防控 -常态化")), ["人民日报/2020-05-16/2/2"]);
    assert_eq!(keys(&a, &q("疫情防控 NOT 常态化")), ["人民日报/2020-05-16/2/2"]);
    let mut k = keys(&a, &q("春耕 OR 健身"));
    k.sort();
    assert_eq!(k, ["人民日报/2020-05-16/2/1", "人民日报/2020-05-16/2/2", "株洲日报/2020-05-15/A2/2"]);
    let mut k = keys(&a, &q("(春耕 OR 健身) 农业"));
    k.sort();
    assert_eq!(k, ["人民日报/2020-05-16/2/1", "株洲日报/2020-05-15/A2/2"]);
    let mut k = keys(&a, &q("headline:质量"));
    k.sort();
    assert_eq!(k, ["株洲日报/2020-05-15/A1/2", "株洲日报/2020-05-15/B1/1"]);
    assert_eq!(keys(&a, &q("byline:王芳")), ["株洲日报/2020-05-15/B1/1"]);
    assert!(keys(&a, &q("headline:王芳")).is_empty());
    assert!(matches!(a.search(&q("x")).map(|r| r.total), Ok(0)));
}

#[test]
fn filters_facets_and_sorting() {
    let (_t, a) = build();
    let mut r = q("春耕");
    r.filters = Filters { paper: Some("人民日报".into()), ..Default::default() };
    assert_eq!(keys(&a, &r), ["人民日报/2020-05-16/2/1"]);
    r.filters = Filters { from: Some("2020-05-01".into()), to: Some("2020-05-15".into()), ..Default::default() };
    assert_eq!(keys(&a, &r), ["株洲日报/2020-05-15/A2/2"]);
    r.filters = Filters { page: Some("A2".into()), agency: Some("新华社".into()), ..Default::default() };
    assert_eq!(keys(&a, &r), ["株洲日报/2020-05-15/A2/2"]);
    // an agency is one agency whatever the script it is written in
    r.filters = Filters { page: Some("A2".into()), agency: Some("新華社".into()), ..Default::default() };
    assert_eq!(keys(&a, &r), ["株洲日报/2020-05-15/A2/2"]);
    r.filters = Filters { from: Some("2020/05/01".into()), ..Default::default() };
    assert!(matches!(a.search(&r), Err(Error::Query(_))));

    // A page filter matches a continued article by any of its pages.
    let mut r = q("会议");
    r.filters.page = Some("A2".into());
    assert_eq!(keys(&a, &r), ["株洲日报/2020-05-15/A1/1"]);

    let mut r = q("");
    r.facets = true;
    let res = a.search(&r).unwrap();
    assert_eq!(res.total, 6);
    let f = res.facets.unwrap();
    let count = |v: &[baokan_archive::FacetCount], k: &str| v.iter().find(|c| c.value == k).map(|c| c.count);
    assert_eq!(count(&f.paper, "株洲日报"), Some(4));
    assert_eq!(count(&f.paper, "人民日报"), Some(2));
    assert_eq!(count(&f.month, "2020-05"), Some(6));
    assert_eq!(count(&f.agency, "新华社"), Some(2));
    assert_eq!(count(&f.page, "A2"), Some(2));

    r.sort = SortOrder::Newest;
    let k = keys(&a, &r);
    assert!(k[0].starts_with("人民日报/2020-05-16") && k[5].starts_with("株洲日报/2020-05-15"), "{k:?}");
    r.sort = SortOrder::Oldest;
    assert!(keys(&a, &r)[0].starts_with("株洲日报/2020-05-15"));
}

#[test]
fn near_duplicates_collapse_by_default() {
    let (_t, a) = build();
    let res = a.search(&SearchRequest::new("春耕备耕")).unwrap();
    assert_eq!(res.total, 2);
    assert_eq!(res.hits.len(), 1);
    assert_eq!(res.hits[0].duplicates.len(), 1);
    assert_eq!(keys(&a, &q("春耕备耕")).len(), 2);
}

#[test]
fn hits_without_snippets_are_the_same_hits() {
    let (_t, a) = build();
    for query in ["春耕备耕", "农业", "专题 OR 体育", "\"金融机构\""] {
        for collapse in [true, false] {
            let full = a.search(&SearchRequest { collapse, ..SearchRequest::new(query) }).unwrap();
            let bare = a.search(&SearchRequest { collapse, snippets: false, ..SearchRequest::new(query) }).unwrap();
            assert_eq!(full.total, bare.total, "{query}");
            assert!(!full.hits.is_empty(), "{query}");
            assert_eq!(full.hits.len(), bare.hits.len(), "{query}");
            for (f, b) in full.hits.iter().zip(&bare.hits) {
                assert_eq!(f.article, b.article);
                assert_eq!(f.duplicates, b.duplicates);
                assert_eq!(f.score, b.score);
                assert!(b.snippet.text.is_empty() && b.headline.text.is_empty());
            }
        }
    }
    // The wire story's duplicate is listed with or without collapsing.
    let res = a.search(&SearchRequest { collapse: false, snippets: false, ..SearchRequest::new("春耕备耕") }).unwrap();
    assert_eq!(res.hits.len(), 2);
    assert!(res.hits.iter().all(|h| h.duplicates.len() == 1), "{:?}", res.hits);
}

#[test]
fn traditional_and_simplified_fold() {
    let (_t, a) = build();
    // Stored in Traditional, found in both scripts.
    assert_eq!(keys(&a, &q("体育总局")), ["人民日报/2020-05-16/2/2"]);
    assert_eq!(keys(&a, &q("體育總局")), ["人民日报/2020-05-16/2/2"]);
    // Stored in Simplified, found by a Traditional query.
    assert_eq!(keys(&a, &q("農業發展銀行")), ["株洲日报/2020-05-15/A1/1"]);
    let res = a.search(&q("体育")).unwrap();
    let h = &res.hits[0].headline;
    assert_eq!(&h.text[h.highlights[0].start..h.highlights[0].end], "體育");
}

#[test]
fn snippet_highlights_are_utf8_offsets_of_the_matches() {
    let (_t, a) = build();
    let res = a.search(&q("农业 银行 “金融机构”")).unwrap();
    assert_eq!(res.hits.len(), 1);
    let s = &res.hits[0].snippet;
    let found: Vec<&str> = s.highlights.iter().map(|h| &s.text[h.start..h.end]).collect();
    assert!(found.contains(&"农业") && found.contains(&"银行") && found.contains(&"金融机构"), "{found:?}");
    for h in &s.highlights {
        let by_chars: String = s.text.chars().skip(h.char_start).take(h.char_end - h.char_start).collect();
        assert_eq!(by_chars, &s.text[h.start..h.end]);
    }
    assert!(s.marked("<", ">").contains("<农业>发展<银行>"), "{}", s.marked("<", ">"));
}

#[test]
fn reingest_is_idempotent_and_a_changed_page_replaces_the_old() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in ["zhuzhou-2020-05-15-A1.txt", "zhuzhou-2020-05-15-A2.txt", "zhuzhou-2020-05-15-B1.txt"] {
        std::fs::copy(fixtures().join("issue").join(f), input.join(f)).unwrap();
    }
    let dir = tmp.path().join("a.archive");
    let mut a = Archive::create(&dir).unwrap();
    let opts = IngestOptions::default();
    a.ingest_path(&input, &opts, &mut |_| {}).unwrap();
    let before = a.stats().unwrap();
    let r = a.ingest_path(&input, &opts, &mut |_| {}).unwrap();
    assert_eq!((r.added, r.replaced, r.unchanged), (0, 0, 3));
    let after = a.stats().unwrap();
    assert_eq!((before.pages, before.articles, before.stories, before.index_docs), (3, 5, 4, 4));
    assert_eq!((after.pages, after.articles, after.stories, after.index_docs), (3, 5, 4, 4));
    drop(a);

    // A changed B1 replaces the stored one.
    let b1 = input.join("zhuzhou-2020-05-15-B1.txt");
    let text = std::fs::read_to_string(&b1).unwrap().replace("动力谷", "航空城");
    std::fs::write(&b1, text).unwrap();
    let mut a = Archive::open(&dir).unwrap();
    let r = a.ingest_path(&input, &opts, &mut |_| {}).unwrap();
    assert_eq!((r.added, r.replaced, r.unchanged), (0, 1, 2));
    let s = a.stats().unwrap();
    assert_eq!((s.pages, s.articles, s.stories, s.index_docs, s.see_also), (3, 5, 4, 4, 1));
    assert_eq!(keys(&a, &q("航空城")), ["株洲日报/2020-05-15/B1/1"]);
    assert!(keys(&a, &q("动力谷")).is_empty());
    let raw = a.raw_page("株洲日报", "2020-05-15", "B1").unwrap().unwrap();
    assert!(String::from_utf8(raw).unwrap().contains("航空城"));
    assert!(a.check(false).unwrap().problems.is_empty());
}

#[test]
fn page_json_is_ingested_as_parsed() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "zhuzhou-2020-05-15-B1.txt";
    let bytes = std::fs::read(fixtures().join("issue").join(name)).unwrap();
    let page = Parser::default().parse_bytes(&bytes, &PageMeta::from_file_name(name)).unwrap();
    let json = tmp.path().join("zhuzhou-2020-05-15-B1.json");
    std::fs::write(&json, serde_json::to_vec(&page).unwrap()).unwrap();
    let mut a = Archive::create(tmp.path().join("a")).unwrap();
    let r = a.ingest_path(&json, &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(r.added, 1);
    assert_eq!(keys(&a, &q("株洲答卷")), ["株洲日报/2020-05-15/B1/1"]);
    // Not page JSON: reported, not a panic.
    std::fs::write(tmp.path().join("bad.json"), b"{\"articles\": 7}").unwrap();
    let r = a.ingest_path(&tmp.path().join("bad.json"), &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(r.failed.len(), 1);
    let out =
        a.ingest_bytes("zhuzhou-2020-05-15-B1.json", &serde_json::to_vec(&page).unwrap(), ParseOptions::default());
    assert!(matches!(out, Ok(baokan_archive::PageOutcome::Unchanged)));
}

#[test]
fn foreign_or_corrupt_folders_are_refused_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nothing");
    let e = Archive::open(&missing).unwrap_err();
    assert!(matches!(e, Error::NotAnArchive { .. }) && e.to_string().contains("no such folder"), "{e}");

    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "hello").unwrap();
    assert!(matches!(Archive::open(&foreign), Err(Error::NotAnArchive { .. })));
    assert!(matches!(Archive::create(&foreign), Err(Error::NotAnArchive { .. })));

    let garbage = tmp.path().join("garbage");
    std::fs::create_dir_all(&garbage).unwrap();
    std::fs::write(garbage.join("archive.sqlite"), vec![0x5a; 8192]).unwrap();
    let e = Archive::open(&garbage).unwrap_err();
    assert!(matches!(e, Error::NotAnArchive { .. }), "{e}");

    let other_db = tmp.path().join("otherdb");
    std::fs::create_dir_all(&other_db).unwrap();
    let c = make_foreign_sqlite(&other_db.join("archive.sqlite"));
    assert!(c);
    let e = Archive::open(&other_db).unwrap_err();
    assert!(e.to_string().contains("something else"), "{e}");

    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(matches!(Archive::create(&file), Err(Error::NotAnArchive { .. })));
}

/// A SQLite database of another application.
fn make_foreign_sqlite(path: &Path) -> bool {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos(name) VALUES ('x');")
        .is_ok()
}

#[test]
fn check_finds_and_repairs_a_lost_or_broken_index() {
    let (tmp, a) = build();
    let dir = tmp.path().join("a.archive");
    a.close().unwrap();
    let r = Archive::open(&dir).unwrap().check(false).unwrap();
    assert!(r.problems.is_empty() && r.stories == 6 && r.index_docs == 6, "{r:?}");

    // The index is gone: the store still opens, check sees every article missing.
    std::fs::remove_dir_all(dir.join("index")).unwrap();
    let mut a = Archive::open(&dir).unwrap();
    let r = a.check(false).unwrap();
    assert_eq!(r.problems.iter().filter(|p| matches!(p, Problem::NotIndexed { .. })).count(), 6, "{r:?}");
    assert_eq!(a.search(&q("春耕")).unwrap().total, 0);
    let r = a.check(true).unwrap();
    assert!(r.repaired && r.problems.is_empty(), "{r:?}");
    assert_eq!(a.search(&q("春耕")).unwrap().total, 2);
    a.close().unwrap();

    // The index is corrupt: opening says so; check --repair rebuilds it.
    std::fs::write(dir.join("index/meta.json"), b"{ not json").unwrap();
    let e = Archive::open(&dir).unwrap_err();
    assert!(e.to_string().contains("check --repair"), "{e}");
    let opts = OpenOptions { rebuild_broken_index: true, ..Default::default() };
    let mut a = Archive::open_with(&dir, &opts).unwrap();
    assert!(a.check(true).unwrap().problems.is_empty());
    assert_eq!(a.search(&q("春耕")).unwrap().total, 2);
}

#[test]
fn user_dictionary_is_kept_and_applied() {
    let tmp = tempfile::tempdir().unwrap();
    let dict = tmp.path().join("words.txt");
    std::fs::write(&dict, "包案下访 1000 v\n").unwrap();
    let dir = tmp.path().join("a");
    let opts = OpenOptions { create: true, user_dict: Some(dict), ..Default::default() };
    let mut a = Archive::open_with(&dir, &opts).unwrap();
    let page = "毛腾飞到醴陵包案下访\n\n株洲日报讯 5月14日，市委书记毛腾飞到醴陵包案下访，要求加快项目建设进度。\n";
    a.ingest_bytes("zhuzhou-2020-05-15-A3.txt", page.as_bytes(), ParseOptions::default()).unwrap();
    drop(a);
    assert!(std::fs::read_to_string(dir.join("userdict.txt")).unwrap().contains("包案下访"));
    let a = Archive::open(&dir).unwrap();
    assert_eq!(keys(&a, &q("包案下访")), ["株洲日报/2020-05-15/A3/1"]);
}

#[test]
fn a_phrase_whose_bigrams_all_occur_apart_is_not_a_hit() {
    // Every bigram of 农业发展银行 (农业 业发 发展 展银 银行) is in this body,
    // but never contiguously: a quoted phrase must not match it, in any scope.
    let tmp = tempfile::tempdir().unwrap();
    let mut a = Archive::create(tmp.path().join("a")).unwrap();
    let page = "县里召开春耕生产会议\n\n株洲日报讯 5月14日，县里召开春耕生产会议。全县农业发展很快，\
                各地发展银行贷款业务，支持农户购买农资。\n";
    a.ingest_bytes("zhuzhou-2020-05-15-A3.txt", page.as_bytes(), ParseOptions::default()).unwrap();
    let key = "株洲日报/2020-05-15/A3/1";
    // The pieces are there, each found as a phrase...
    assert_eq!(keys(&a, &q("\"农业发展\"")), [key]);
    assert_eq!(keys(&a, &q("body:\"发展银行贷款\"")), [key]);
    // ...and so are its words, all in one article...
    assert_eq!(keys(&a, &q("农业 发展 银行")), [key]);
    // ...but the phrase itself is not in the text.
    for s in ["\"农业发展银行\"", "body:\"农业发展银行\"", "\"业发展银\"", "body:\"展银\" body:\"农业发展银\""]
    {
        let r = a.search(&q(s)).unwrap();
        assert_eq!(r.total, 0, "{s}: {:?}", r.hits.iter().map(|h| &h.article.key).collect::<Vec<_>>());
    }
}

#[test]
fn a_phrase_of_one_repeated_bigram_needs_all_its_characters() {
    // A phrase is matched by the bigrams at every other position (and the
    // last): here they are all the same term, at different offsets. (Page
    // JSON, so that the text is exactly this.)
    let tmp = tempfile::tempdir().unwrap();
    let mut a = Archive::create(tmp.path().join("a")).unwrap();
    for (label, n) in [("A1", 3), ("A2", 6)] {
        let name = format!("zhuzhou-2020-05-15-{label}.txt");
        let text = "笑声一片\n\n株洲日报讯 台下观众笑了，掌声不断。\n";
        let mut page = Parser::default().parse_bytes(text.as_bytes(), &PageMeta::from_file_name(&name)).unwrap();
        page.articles[0].body[0].text = format!("台下观众{}，掌声不断。", "哈".repeat(n));
        let json = serde_json::to_vec(&page).unwrap();
        a.ingest_bytes(&name.replace(".txt", ".json"), &json, ParseOptions::default()).unwrap();
    }
    let (three, six) = ("株洲日报/2020-05-15/A1/1", "株洲日报/2020-05-15/A2/1");
    let mut both = keys(&a, &q("\"哈哈哈\""));
    both.sort();
    assert_eq!(both, [three, six]);
    for n in 4..=6 {
        let phrase = format!("\"{}\"", "哈".repeat(n));
        assert_eq!(keys(&a, &q(&phrase)), [six], "{phrase}");
    }
    assert_eq!(a.search(&q(&format!("\"{}\"", "哈".repeat(7)))).unwrap().total, 0);
}

#[test]
fn an_archive_with_the_old_duplicates_index_gets_the_covering_one_on_open() {
    let (t, a) = build();
    let dir = a.dir().to_path_buf();
    drop(a);
    let db = dir.join("archive.sqlite");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("DROP INDEX stories_dup_order; CREATE INDEX stories_dup ON stories(dup_group);").unwrap();
    drop(c);
    let a = Archive::open(&dir).unwrap();
    let wire = a.article("株洲日报/2020-05-15/A2/2").unwrap().unwrap();
    assert_eq!(wire.duplicates, ["人民日报/2020-05-16/2/1"]);
    drop(a);
    let c = rusqlite::Connection::open(&db).unwrap();
    let names: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stories' AND name LIKE 'stories_dup%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(names, ["stories_dup_order"]);
    let plan: String = c
        .query_row(
            "EXPLAIN QUERY PLAN SELECT key FROM stories WHERE dup_group = 'x' AND key != 'y' ORDER BY date, key",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("COVERING INDEX stories_dup_order"), "{plan}");
    drop(t);
}
