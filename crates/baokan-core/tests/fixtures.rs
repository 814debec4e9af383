//! Fixture tests: small hand-written pages (tests/fixtures) with known
//! structure, in paragraph-per-line form, hard-wrapped form and GB18030.

use baokan_core::{
    decode, BlockKind, DecodeError, Encoding, JumpKind, Page, PageMeta, ParseOptions, Parser, RepairKind,
    MAX_PAGE_BYTES,
};

/// Paragraph-per-line page: three articles, date line and editor line.
const PARA_NAME: &str = "zhuzhou-2021-03-08-A1.txt";
/// Hard-wrapped page, 14 characters a line, one paragraph cut by a column break.
const WRAP_NAME: &str = "19980109-07.txt";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn parse(name: &str) -> (String, Page) {
    let text = fixture(name);
    let page = Parser::default().parse_text(&text, &PageMeta::from_file_name(name));
    (text, page)
}

fn slice(text: &str, span: [usize; 2]) -> String {
    text.chars().skip(span[0]).take(span[1] - span[0]).collect()
}

fn headlines(page: &Page) -> Vec<&str> {
    page.articles.iter().map(|a| a.headline.as_deref().unwrap_or("")).collect()
}

fn body_text(page: &Page) -> String {
    page.articles.iter().flat_map(|a| a.body.iter().map(|b| b.text.as_str())).collect::<Vec<_>>().join("\n")
}

#[test]
fn paragraph_page_metadata_and_ids() {
    let (_, page) = parse(PARA_NAME);
    assert_eq!(page.paper.as_deref(), Some("株洲日报"));
    assert_eq!(page.date.as_deref(), Some("2021-03-08"));
    assert_eq!(page.page.as_deref(), Some("A1"));
    assert_eq!(page.source.as_deref(), Some(PARA_NAME));
    let ids: Vec<&str> = page.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["株洲日报/2021-03-08/A1/1", "株洲日报/2021-03-08/A1/2", "株洲日报/2021-03-08/A1/3"]);
}

#[test]
fn paragraph_page_headlines_bylines_datelines() {
    let (_, page) = parse(PARA_NAME);
    assert_eq!(headlines(&page), ["绿水青山间走出致富路", "老旧小区改造让居民住得更舒心", "全国春耕备耕有序推进"]);
    let a = &page.articles[0];
    assert_eq!(a.kicker, None);
    assert!(a.subheadlines.is_empty());
    assert_eq!(a.bylines.len(), 2, "{:?}", a.bylines);
    assert_eq!(a.bylines[0].role.as_deref(), Some("记者"));
    assert_eq!(a.bylines[0].outlet.as_deref(), Some("株洲日报"));
    assert_eq!(a.bylines[0].names, ["李明轩"]);
    assert_eq!(a.bylines[1].role.as_deref(), Some("通讯员"));
    assert_eq!(a.bylines[1].names, ["王晓丽"]);
    let dl = a.dateline.as_ref().expect("dateline of article 1");
    assert_eq!(dl.text, "株洲日报讯");
    assert_eq!(dl.agency.as_deref(), Some("株洲日报"));
    assert_eq!(dl.date, None, "株洲日报讯 has no date of its own");
    // the dateline is not repeated in the body
    assert!(a.body[0].text.starts_with("3月7日，记者走进炎陵县十都镇"), "{}", a.body[0].text);
    assert_eq!(a.body.len(), 3);
    assert!(a.body.iter().all(|b| b.kind == BlockKind::Paragraph));

    let c = &page.articles[2];
    assert!(c.bylines.is_empty());
    let dl = c.dateline.as_ref().expect("dateline of article 3");
    assert_eq!(dl.text, "新华社北京3月7日电");
    assert_eq!(dl.agency.as_deref(), Some("新华社"));
    assert_eq!(dl.place.as_deref(), Some("北京"));
    assert_eq!(dl.date.as_deref(), Some("2021-03-07"), "resolved against the issue date");
    assert!(c.body[0].text.starts_with("记者从农业农村部获悉"));
}

#[test]
fn paragraph_cut_by_column_break_is_rejoined() {
    let (_, page) = parse(PARA_NAME);
    let b = &page.articles[1].body;
    assert_eq!(b.len(), 2, "{b:?}");
    assert_eq!(
        b[0].text,
        "3月5日，市住建局组织专家对芦淞区一处老旧小区开展安全排查。经过现场勘查，专家认定该处地质灾害隐患点需要尽快治理，相关部门已制定了初步治理方案，计划在汛期前完成。"
    );
}

#[test]
fn jump_line_becomes_a_jump() {
    let (_, page) = parse(PARA_NAME);
    let a = &page.articles[1];
    assert_eq!(a.jumps.len(), 1, "{:?}", a.jumps);
    assert_eq!(a.jumps[0].kind, JumpKind::ContinuedOn);
    assert_eq!(a.jumps[0].page.as_deref(), Some("A2"));
    assert_eq!(a.jumps[0].text, "下转A2版");
    assert!(!body_text(&page).contains("下转"), "the jump line must not stay in a body");
    assert!(page.articles[0].jumps.is_empty() && page.articles[2].jumps.is_empty());
}

#[test]
fn furniture_goes_to_unassigned() {
    let (text, page) = parse(PARA_NAME);
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(un, ["2021年3月8日 星期一", "责任编辑：周文涛"]);
    for u in &page.unassigned {
        assert_eq!(slice(&text, u.span), u.text);
    }
    let all = body_text(&page);
    assert!(!all.contains("责任编辑") && !all.contains("星期一"));
    assert!(headlines(&page).iter().all(|h| !h.contains("星期") && !h.contains("责任编辑")));
}

#[test]
fn fake_bold_doubling_is_repaired_with_a_record() {
    let (text, page) = parse(PARA_NAME);
    let a = &page.articles[1];
    assert!(a.body[1].text.starts_with("改造完成后，小区周边商家纷纷让利，吸引居民前来消费。"), "{}", a.body[1].text);
    assert!(!body_text(&page).contains("让利让利"));
    assert_eq!(a.repairs.len(), 1, "{:?}", a.repairs);
    let r = &a.repairs[0];
    assert_eq!(r.kind, RepairKind::Duplicate);
    assert_eq!(r.original, "让利让利");
    assert_eq!(r.replacement, "让利");
    assert!(r.applied);
    assert!((0.0..=1.0).contains(&r.confidence));
    assert_eq!(slice(&text, r.span), "让利让利", "the span points at the doubled text in the input");
    let other: usize = page.articles.iter().map(|a| a.repairs.len()).sum();
    assert_eq!(other, 1, "no other repair on this page");
}

#[test]
fn no_repair_flags_but_keeps_the_text() {
    let text = fixture(PARA_NAME);
    let page = Parser::new(ParseOptions { repair: false }).parse_text(&text, &PageMeta::from_file_name(PARA_NAME));
    let a = &page.articles[1];
    assert!(a.body[1].text.contains("商家纷纷让利让利，"), "{}", a.body[1].text);
    assert_eq!(a.repairs.len(), 1);
    assert!(!a.repairs[0].applied);
    assert_eq!(a.repairs[0].original, "让利让利");
    assert_eq!(slice(&text, a.repairs[0].span), "让利让利");
}

#[test]
fn legitimate_repetition_is_kept() {
    for name in [PARA_NAME, WRAP_NAME] {
        let (_, page) = parse(name);
        let all = body_text(&page);
        assert!(all.contains("热腾腾的"), "{name}: {all}");
        for r in page.articles.iter().flat_map(|a| &a.repairs) {
            assert!(!r.original.contains("腾腾") && !r.original.contains("作风"), "{name}: bad repair {r:?}");
        }
    }
    let (_, page) = parse(PARA_NAME);
    assert!(page.articles[0].body[1].text.starts_with("村里坚持改进工作作风，"));
    let (_, page) = parse(WRAP_NAME);
    assert!(body_text(&page).contains("一砖一瓦") && body_text(&page).contains("蹦蹦跳跳"));
}

#[test]
fn wrapped_page_title_block_and_furniture() {
    let (text, page) = parse(WRAP_NAME);
    assert_eq!(page.date.as_deref(), Some("1998-01-09"));
    assert_eq!(page.page.as_deref(), Some("7"));
    assert_eq!(headlines(&page), ["山村小学有了新校舍"]);
    let a = &page.articles[0];
    assert_eq!(a.bylines.len(), 1);
    assert_eq!(a.bylines[0].outlet.as_deref(), Some("本报"));
    assert_eq!(a.bylines[0].role.as_deref(), Some("记者"));
    assert_eq!(a.bylines[0].names, ["赵文博"]);
    let dl = a.dateline.as_ref().expect("dateline");
    assert_eq!(dl.text, "本报长沙1月8日电");
    assert_eq!(dl.place.as_deref(), Some("长沙"));
    assert_eq!(dl.date.as_deref(), Some("1998-01-08"));
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(un, ["1998年1月9日 星期五", "第7版", "责任编辑：刘敏"]);
    for u in &page.unassigned {
        assert_eq!(slice(&text, u.span), u.text);
    }
}

#[test]
fn wrapped_lines_and_column_cut_are_rejoined() {
    let (_, page) = parse(WRAP_NAME);
    let all = body_text(&page);
    // line wraps inside a paragraph leave no break behind
    assert!(all.contains("看到崭新的教学楼已经投入使用。"), "{all}");
    assert!(all.contains("由乡亲们一砖一瓦建起来的。"), "{all}");
    // and the paragraph cut at the column break is whole again
    assert!(all.contains("专家们认定该处地质灾害隐患点已经排除，孩子们上学的路更安全了。"), "{all}");
    assert!(!all.contains('\n') || all.split('\n').all(|p| !p.is_empty()));
}

#[test]

fn wrapped_page_keeps_paragraph_breaks() {
    let (_, page) = parse(WRAP_NAME);
    let body: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(body.len(), 3, "{body:#?}");
    assert!(body[0].ends_with("还配上了图书角。"));
    assert!(body[1].starts_with("村民们说") && body[1].ends_with("孩子们上学的路更安全了。"));
    assert!(body[2].starts_with("傍晚放学时"));
}

#[test]
fn gb18030_page_parses_like_utf8() {
    let text = fixture(PARA_NAME);
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not also be valid UTF-8");
    let (decoded, enc) = decode(&bytes).expect("GB18030 decodes");
    assert_eq!(enc, Encoding::Gb18030);
    assert_eq!(decoded, text);
    let meta = PageMeta::from_file_name(PARA_NAME);
    let from_gb = Parser::default().parse_bytes(&bytes, &meta).expect("GB18030 page parses");
    let from_utf8 = Parser::default().parse_text(&text, &meta);
    assert_eq!(from_gb, from_utf8);
    assert_eq!(from_gb.articles.len(), 3);
}

#[test]
fn crlf_and_bom_do_not_change_the_structure() {
    let text = fixture(PARA_NAME);
    let meta = PageMeta::from_file_name(PARA_NAME);
    let plain = Parser::default().parse_text(&text, &meta);
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    let crlf = Parser::default().parse_bytes(&bytes, &meta).expect("parses");
    assert_eq!(headlines(&crlf), headlines(&plain));
    assert_eq!(body_text(&crlf), body_text(&plain));
    let un = |p: &Page| p.unassigned.iter().map(|u| u.text.clone()).collect::<Vec<_>>();
    assert_eq!(un(&crlf), un(&plain));
    // spans count code points of the decoded text: each CR shifts later offsets by one
    let r = &crlf.articles[1].repairs[0];
    let decoded = decode(&bytes).unwrap().0;
    assert_eq!(slice(&decoded, r.span), "让利让利");
}

#[test]
fn empty_and_blank_input_give_a_page_without_articles() {
    let meta = PageMeta::from_file_name(PARA_NAME);
    for text in ["", "\n", "\n\n\u{3000}\u{3000}\n \t\r\n", "\u{feff}", "\u{feff}\n\n"] {
        let page = Parser::default().parse_text(text, &meta);
        assert!(page.articles.is_empty(), "{text:?}: {:?}", page.articles);
        assert!(page.unassigned.is_empty(), "{text:?}: {:?}", page.unassigned);
        assert_eq!(page.date.as_deref(), Some("2021-03-08"), "metadata still set");
    }
    let page = Parser::default().parse_bytes(b"", &PageMeta::default()).expect("empty bytes are a page");
    assert!(page.articles.is_empty() && page.unassigned.is_empty());
}

#[test]
fn binary_and_oversized_bytes_are_refused() {
    let p = Parser::default();
    let meta = PageMeta::default();
    assert_eq!(p.parse_bytes("株洲日报讯\0\0".as_bytes(), &meta), Err(DecodeError::Binary { offset: 15 }));
    let big = vec![b'a'; MAX_PAGE_BYTES + 1];
    assert!(matches!(p.parse_bytes(&big, &meta), Err(DecodeError::TooLarge { size }) if size == MAX_PAGE_BYTES + 1));
}

fn parse_inline(text: &str) -> Page {
    Parser::default().parse_text(text, &PageMeta::default())
}

/// An article that signs off (…。（新华社北京１月５日电）) is over: a short title after
/// it starts the next article even on the same subject, and so does a paragraph after
/// a signature (…。（李明）), as a brief of its own.
#[test]
fn a_signature_closes_the_article() {
    let page = parse_inline(
        "农村电网改造进展顺利\n\n\
         今年以来，全省农村电网改造工程进展顺利，农村电网改造后电价明显下降，农民用电更加方便。\n\n\
         农村电网改造工程还带动了农村家电消费，农民用电量比去年增长两成。（新华社北京１月５日电）\n\n\
         电网改造惠农家\n\n\
         农村电网改造让农民用上了放心电，电价下降以后，农民用电的积极性明显提高。\n\n\
         不少农户新买了电视机和洗衣机，农村用电量增长很快。（李明）\n\n\
         本市图书馆日前开始延长开放时间，每天晚上开放到九点，方便读者夜间借阅。\n",
    );
    assert_eq!(headlines(&page), ["农村电网改造进展顺利", "电网改造惠农家", ""], "{page:#?}");
    assert!(page.articles[2].body[0].text.starts_with("本市图书馆"));
}

/// A note on the photo over the headline, signed with the feature's dateline
/// (压题照片为…。（本报加拉加斯电）), opens the article's text: the signature does
/// not close the article.
#[test]
fn a_signed_head_photo_note_opens_the_article() {
    let page = parse_inline(
        "咖啡飘香醉人心\n\n\
         本报特派记者　管彦忠\n\n\
         压题照片为哥斯达黎加咖啡园。（本报加拉加斯电）\n\n\
         在一个阳光明媚的上午，我们离开首都圣何塞，前往埃雷迪亚省的布里特咖啡园。\n\n\
         布里特咖啡园并不大，只有一公顷半地，但一年可采咖啡果十五吨，远销欧洲各地。\n",
    );
    assert_eq!(headlines(&page), ["咖啡飘香醉人心"], "{page:#?}");
    assert!(body_text(&page).ends_with("远销欧洲各地。"));
}

/// An answer that opens by addressing the writer who signed the letter before it
/// (…（河北某工厂邢玉飞） then 邢玉飞同志：) goes on the same piece.
#[test]
fn an_answer_to_the_signed_letter_goes_on() {
    let page = parse_inline(
        "征收排污费是否属于行政处罚？\n\n\
         编辑同志：\n\n\
         前不久，我厂收到县环保局的一份征收排污费通知书，请问征收排污费是否属于行政处罚？（河北某工厂邢玉飞）\n\n\
         邢玉飞同志：\n\n\
         行政处罚是行政机关对违反行政法律规范的相对人实施的制裁，征收排污费不属于行政处罚。\n",
    );
    assert_eq!(headlines(&page), ["征收排污费是否属于行政处罚？"], "{page:#?}");
    assert!(body_text(&page).ends_with("征收排污费不属于行政处罚。"));
}

/// A roundup under one headline files its reports under the same dateline: a
/// paragraph after a signature that opens under the very dateline of a paragraph
/// before it (本报南京１月８日电… （梁文龙） 本报南京１月８日电…) goes on the article.
#[test]
fn a_repeated_dateline_after_a_signature_goes_on_the_roundup() {
    let page = parse_inline(
        "江苏各地纪念周恩来诞辰\n\n\
         本报南京１月８日电　连日来，坐落于淮安的周恩来同志故居、纪念馆前来参观的群众络绎不绝。（梁文龙）\n\n\
         本报南京１月８日电　淮安周恩来遗物陈列馆于今天建成开馆，前来参观周恩来遗物的群众络绎不绝。\n\n\
         （周德会　夏立凯）\n",
    );
    assert_eq!(headlines(&page), ["江苏各地纪念周恩来诞辰"], "{page:#?}");
    assert!(body_text(&page).contains("遗物陈列馆"));
}

/// A page head that names the paper, the date and the page label without 版
/// (南方日报 2023年6月12日 星期一 A3), and the section name under it (要闻),
/// are page furniture: the title block below them is read whole.
#[test]
fn a_page_head_and_its_section_name_are_furniture() {
    let page = parse_inline(
        "南方日报 2023年6月12日 星期一 A3\n\n\
         要闻\n\n\
         聚焦高质量发展\n\n\
         广州南沙：打造湾区“新引擎”\n\n\
         今年前5个月新增注册企业超2万家\n\n\
         南方日报记者 黄晓明\n\n\
         本报讯 6月11日，记者从广州南沙区获悉，今年1至5月，南沙新增注册企业2.1万家，同比增长18.6%。\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("聚焦高质量发展"));
    assert_eq!(a.headline.as_deref(), Some("广州南沙：打造湾区“新引擎”"));
    assert_eq!(a.subheadlines, ["今年前5个月新增注册企业超2万家"]);
    let furniture: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(furniture, ["南方日报 2023年6月12日 星期一 A3", "要闻"]);
}

/// A headline printed after its story (e-paper text layers often put it below
/// the columns) goes on top of the headless story whose words it holds.
#[test]
fn a_headline_printed_after_its_story_goes_on_top() {
    let page = parse_inline(
        "新华社北京6月11日电 国家统计局11日发布数据，5月份全国居民消费价格同比上涨0.2%，环比下降0.2%。\n\n\
         从环比看，食品价格由上月持平转为下降1.0%，其中鲜菜价格下降5.6%。\n\n\
         5月居民消费价格同比上涨0.2%\n",
    );
    assert_eq!(headlines(&page), ["5月居民消费价格同比上涨0.2%"], "{page:#?}");
    assert!(body_text(&page).contains("鲜菜价格下降"));
}

/// A label over a headline (■ 相关新闻, 记者手记) is the article's kicker.
#[test]
fn a_label_over_the_headline_is_its_kicker() {
    let page = parse_inline(
        "■ 相关新闻\n\n\
         武汉：智慧监管平台上线\n\n\
         本报讯 记者 胡新桥 9月2日，武汉市电梯智慧监管平台正式上线运行，全市6.8万台电梯纳入实时监测。\n",
    );
    let a = &page.articles[0];
    assert_eq!((a.kicker.as_deref(), a.headline.as_deref()), (Some("■ 相关新闻"), Some("武汉：智慧监管平台上线")));
    assert_eq!(a.bylines[0].names, ["胡新桥"]);
    assert!(a.body[0].text.starts_with("9月2日"), "{a:#?}");
}

/// A credit that opens the text in place of a dateline (本报记者 X 报道 …) is
/// the article's byline, kept as printed in its dateline; an online outlet
/// files datelines too (中新网9月2日电).
#[test]
fn a_lead_credit_and_an_online_outlet_dateline() {
    let page = parse_inline(
        "市里部署下一阶段工作\n\n\
         株洲日报全媒体记者 王小明 通讯员 李四 报道 昨日，市里召开会议，部署下一阶段工作。\n\n\
         电梯监管平台上线\n\n\
         中新网9月2日电 武汉市电梯智慧监管平台正式上线运行，全市电梯纳入实时监测。\n",
    );
    let a = &page.articles[0];
    assert_eq!(a.bylines.iter().map(|b| b.names.clone()).collect::<Vec<_>>(), [["王小明"], ["李四"]]);
    assert_eq!(a.dateline.as_ref().map(|d| d.text.as_str()), Some("株洲日报全媒体记者 王小明 通讯员 李四 报道"));
    assert!(a.body[0].text.starts_with("昨日"), "{a:#?}");
    let b = &page.articles[1];
    assert_eq!(b.dateline.as_ref().and_then(|d| d.agency.as_deref()), Some("中新网"));
}

/// Two modern pages in other papers' styles (written for these tests): a page
/// head with a bare page label and a section name, kicker and subheadline,
/// bulleted bylines, a label kicker, credits after datelines, a caption
/// credited 供图, jumps, and a headline printed after its story.
#[test]
fn modern_pages_of_other_papers() {
    let (_, page) = parse("nanfang-2023-06-12-A3.txt");
    assert_eq!(headlines(&page), ["广州南沙：打造湾区“新引擎”", "", "", "5月CPI同比上涨0.2%"], "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("聚焦高质量发展"));
    assert_eq!(a.bylines.iter().map(|b| b.names.concat()).collect::<Vec<_>>(), ["黄晓明", "林可欣"]);
    assert_eq!((a.captions.len(), a.jumps.len()), (1, 1));
    assert_eq!(page.articles[2].jumps[0].kind, JumpKind::SeeAlso);
    assert_eq!(page.unassigned.len(), 3);

    let (_, page) = parse("fazhi-2024-09-03-03.txt");
    assert_eq!(headlines(&page), ["老旧电梯更新改造提速", "武汉：智慧监管平台上线"], "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.subheadlines, ["多地出台办法明确资金分担"]);
    assert_eq!(a.bylines.iter().map(|b| b.names.concat()).collect::<Vec<_>>(), ["赵红旗", "孙丽娜"]);
    assert_eq!(a.body.iter().filter(|b| b.kind == BlockKind::Intertitle).count(), 1);
    let b = &page.articles[1];
    assert_eq!(b.kicker.as_deref(), Some("■ 相关新闻"));
    assert_eq!(b.bylines[0].names, ["胡新桥"]);
    assert_eq!(b.captions[0].credit.as_deref(), Some("受访者供图"));
    assert_eq!(page.unassigned.len(), 1);
}

/// A bare 本报讯 names no place or day: briefs under it, one after another in a
/// column, are separate items, not one roundup.
#[test]
fn briefs_under_a_bare_dateline_stay_apart() {
    let page = parse_inline(
        "交通银行实现利润近４８亿元\n\n\
         本报讯　交通银行坚持改革，加强管理，去年实现利润近四十八亿元。（施明慎）\n\n\
         本报讯　辽河油田在稳定石油、天然气生产的同时，以国家利益为重，克服资金困难。（刘玉柱）\n\n\
         本报讯　茂名石化三十万吨乙烯装置投料试车第一年成功地生产三十万吨乙烯。（马明）\n",
    );
    assert_eq!(page.articles.len(), 3, "{page:#?}");
    assert_eq!(page.articles[2].dateline.as_ref().map(|d| d.text.as_str()), Some("本报讯"));
}

/// A column printed before the page's first headline goes back to the end of the
/// article it continues.
#[test]
fn a_column_before_the_first_headline_goes_back() {
    let page = parse_inline(
        "售，村民们的日子越过越红火，今年全村人均收入比去年增加了三成。\n\n\
         山村种茶致富\n\n\
         本报讯　青山村的村民这几年种上了茶叶，茶园面积扩大到两千亩，茶叶远销各地。\n\n\
         村里办起了茶叶合作社，统一收购统一销\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    let body = body_text(&page);
    assert!(body.ends_with("村民们的日子越过越红火，今年全村人均收入比去年增加了三成。"), "{body}");
}

/// Hard-wrapped pages whose pieces are parted by blank lines keep each piece whole,
/// even where its last line is short and ends no sentence (an intertitle).
#[test]
fn blank_separated_wrapped_pieces_stay_whole() {
    let mut page = String::new();
    for _ in 0..3 {
        page.push_str("山村小学有了新校舍\n\n本报讯今年秋天青\n山村小学的孩子们搬进\n了新校舍。\n\n新校舍宽敞明亮真\n漂亮\n\n学校还配上了图书\n角孩子们课余时间都喜\n欢去那里读书。\n\n");
    }
    let page = parse_inline(&page);
    let all: Vec<String> = page.articles.iter().flat_map(|a| a.body.iter().map(|b| b.text.replace('\n', ""))).collect();
    assert!(all.iter().any(|p| p == "新校舍宽敞明亮真漂亮"), "{all:#?}");
}

/// A column printed before its headline, after a photo item and cut into two
/// paragraphs, goes back into the gap its article was left with.
#[test]
fn a_column_after_a_photo_item_fills_its_articles_gap() {
    let page = parse_inline(
        "冬泳迎新年（图片）\n\n\
         元旦这天，冬泳爱好者在湖中畅游，迎接新年的到来。（新华社记者王明摄）\n\n\
         抄本和孤本藏文古籍经典都得到了抢救，珍贵的藏文古籍经典均得到保护。\n\n\
         在抢救出版的古籍经典中，有藏文医学经典和藏文历史经典等。\n\n\
         藏文古籍经典得到整理保护\n\n\
         新华社拉萨１月２日电　西藏自治区已经整理出版了一大批藏文古籍经典。\n\n\
         西藏于１９８９年专门成立了古籍出版社，抢救整理藏文古籍经典，主要是抢救濒临失传的古代手\n\n\
         据介绍，古籍出版社出版的藏文古籍经典，内容丰富，记述详实可信。\n",
    );
    assert_eq!(headlines(&page), ["冬泳迎新年（图片）", "藏文古籍经典得到整理保护"], "{page:#?}");
    let body: Vec<&str> = page.articles[1].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(body.len(), 4, "{body:#?}");
    assert!(
        body[1]
            .ends_with("主要是抢救濒临失传的古代手抄本和孤本藏文古籍经典都得到了抢救，珍贵的藏文古籍经典均得到保护。"),
        "{body:#?}"
    );
    assert!(body[3].starts_with("据介绍"), "{body:#?}");
    assert!(body[2].starts_with("在抢救出版的古籍经典中"), "{body:#?}");
}

/// A photo item's caption is all its text: a paragraph on another subject after
/// it is an article of its own, and a photo title with a comma in it is still a title.
#[test]
fn a_photo_item_ends_with_its_caption() {
    let page = parse_inline(
        "乡村图书馆开馆\n\n\
         本报讯　青山镇第一家乡村图书馆昨天开馆，藏书两万册，村民可以免费借阅。\n\n\
         （李明）\n\n\
         画漫画，咱也会！（图片）\n\n\
         新界埠乡的农民擅长漫画创作，农闲时节人人动笔。（王华摄）\n\n\
         歌颂爱国拥军模范的五集电视连续剧近日在省电视台播出，受到观众好评。\n",
    );
    assert_eq!(headlines(&page), ["乡村图书馆开馆", "画漫画，咱也会！（图片）", ""], "{page:#?}");
    assert!(page.articles[2].body[0].text.starts_with("歌颂爱国拥军模范"));
}

/// A byline printed under an article's lead paragraph belongs to that article.
#[test]
fn a_byline_under_the_lead_stays_in_the_article() {
    let page = parse_inline(
        "国产数字彩电来了\n\n\
         西湖电子集团研制生产的我国第一代全数字彩电日前问世。（附图片１张）\n\n\
         本报记者王政\n\n\
         去年十二月，第二届全国电子新产品展览会在北京举行，国产数字彩电显示出其独有的优势。\n\n\
         据介绍，这种数字彩电将于今年年初投放市场。\n",
    );
    assert_eq!(headlines(&page), ["国产数字彩电来了"], "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.bylines.len(), 1);
    assert_eq!(a.bylines[0].names, ["王政"]);
    assert_eq!(a.body.len(), 3);
}

/// News briefs printed after an article, each on its own subject, are articles
/// of their own, though not every one of them opens with a date or a source.
#[test]
fn a_run_of_briefs_after_an_article_is_split() {
    let page = parse_inline(
        "日本成立三个新政党\n\n\
         新华社东京１月４日电　日本三个新政党今天分别举行成立大会，新党和平选举神崎武法为代表。\n\n\
         新党和平的基本政策是推进创造性的和平外交，黎明俱乐部共有十八名成员，国民之声推选前总务厅长官为代表。\n\n\
         越南国防部三日为一批高级将领授衔，二十多名军官被授予少将军衔，五名军官被授予中将军衔。\n\n\
         鉴于阿尔巴尼亚严峻的治安形势，阿内务部决定加强警察力量，严厉打击走私和贩毒等各类犯罪活动。\n\n\
         据刚果民主共和国国家电视台报道，卡比拉总统三日对政府进行了改组，任命了六位新部长。\n",
    );
    assert_eq!(headlines(&page), ["日本成立三个新政党", "", "", ""], "{page:#?}");
    assert!(page.articles[2].body[0].text.starts_with("鉴于阿尔巴尼亚"));
}

/// A headline printed over a displaced piece of its own text and then its dateline
/// paragraph (…标题 / 的家电和建材… / 本报讯…) is a headline, though the piece under
/// it starts mid-sentence: the piece runs on from the end of its article's text.
#[test]
fn a_headline_over_a_displaced_piece_and_its_dateline_stays_a_headline() {
    let page = parse_inline(
        "全省春耕生产进展顺利\n\n\
         本报讯今年以来，全省各地抓紧春耕备耕，化肥、种子等农资供应充足，春播面积比去年同期增加一成。\n\n\
         专业市场整顿见成效\n\n\
         的家电和建材等商品问题仍较突出，国家技术监督局决定，明年重点整治的专业市场将增加到五十个。\n\n\
         本报讯记者从国家技术监督局获悉，经过半年多的治理整顿，六类商品专业市场的商品质量明显提高，但部分市场\n",
    );
    assert_eq!(headlines(&page), ["全省春耕生产进展顺利", "专业市场整顿见成效"], "{page:#?}");
    assert!(page.articles[1].body[0].text.ends_with("增加到五十个。"), "{page:#?}");
}

/// A lone title inside an article on the same subject heads a new one when its
/// dateline paragraph follows a displaced piece of its text (…标题 / 的游泳运动员… /
/// 新华社珀斯…电): a dateline under a head opens an article, piece or no piece.
#[test]
fn a_title_over_a_displaced_piece_and_a_dateline_is_no_intertitle() {
    let page = parse_inline(
        "游泳世锦赛今天开幕\n\n\
         新华社珀斯１月１１日电　第八届世界游泳锦标赛今天在这里开幕，来自一百多个国家和地区的运动员参加比赛。\n\n\
         开幕式上，澳大利亚总理致辞，祝愿各国游泳运动员在比赛中取得好成绩，创造新的世界纪录。\n\n\
         本届锦标赛共设四十多个比赛项目，游泳、跳水、水球和花样游泳的比赛将在两周内全部结束。\n\n\
         中国游泳队派出了三十多名运动员参加比赛，中国游泳队的目标是力争多拿金牌。\n\n\
         中国游泳队力争多拿金牌\n\n\
         的游泳运动员被取消参赛资格，国际泳联将成立一个小组对这件事进行调查。\n\n\
         新华社珀斯１月１２日电　中国游泳队今天宣布，取消两名游泳运动员参加本届世界游泳锦标赛的资格，由于这两名游泳运动员\n",
    );
    assert_eq!(headlines(&page), ["游泳世锦赛今天开幕", "中国游泳队力争多拿金牌"], "{page:#?}");
}

/// A headline may open with a word whose first character begins no sentence as a
/// particle (地方戏曲…, 过好…): the dictionary reads the word, and the line is a title.
#[test]
fn a_headline_opening_with_a_particle_character_is_a_title() {
    let page = parse_inline(
        "县城新建一座图书馆\n\n\
         本报讯县城新建的图书馆日前正式开放，馆内藏书二十多万册，每天接待读者上千人次，深受群众欢迎。\n\n\
         图书馆还开设了少儿阅览室和电子阅览室，孩子们在这里可以免费阅读各种图书和报刊。\n\n\
         地方戏曲走进校园\n\n\
         本省各地中小学今年开设了地方戏曲课，聘请剧团的老艺人为学生们讲授传统剧目，学生们学得十分认真。\n\n\
         不少学校还成立了戏曲兴趣小组，利用课余时间排练节目，准备在春节期间为乡亲们演出。\n",
    );
    assert_eq!(headlines(&page), ["县城新建一座图书馆", "地方戏曲走进校园"], "{page:#?}");
}

/// On a page that indents its paragraphs, a run of indented head lines after running
/// text is still a head when a dateline paragraph follows it (标题 / 记者李明 / 本报讯…).
#[test]
fn an_indented_head_over_a_dateline_heads_an_article() {
    let paragraphs = [
        "游泳世锦赛今天开幕",
        "新华社珀斯１月１１日电　第八届世界游泳锦标赛今天在这里开幕，来自一百多个国家和地区的运动员参加比赛。",
        "开幕式上，澳大利亚总理致辞，祝愿各国游泳运动员在比赛中取得好成绩，创造新的世界纪录。",
        "排球联赛升班马势头不减",
        "记者李明",
        "本报讯　全国排球联赛战罢第三轮，两支升班马男排在主场连胜两场，以全胜战绩暂列积分榜前两位。",
        "几支升班马能连胜老牌劲旅，令人刮目相看。",
    ];
    // every line printed with a paragraph's indent
    let text: String = paragraphs.iter().map(|p| format!("\u{3000}\u{3000}{p}\n\n")).collect();
    let page = parse_inline(&text);
    assert_eq!(headlines(&page), ["游泳世锦赛今天开幕", "排球联赛升班马势头不减"], "{page:#?}");
}

/// A title right over a dateline paragraph (建行分行存款创新高 / 本报讯…) heads a new
/// article, though it closes a run of title-shaped lines (a ranked table) that reads as verse.
#[test]
fn a_title_over_a_dateline_after_a_table_heads_an_article() {
    let page = parse_inline(
        "沪市本周成交前五名（亿元）\n\n１青岛啤酒３．２１\n\n２东方航空２．８７\n\n３上海石化２．５５\n\n\
         ４马鞍山钢２．１０\n\n５仪征化纤１．９８\n\n建行分行存款创新高\n\n\
         本报讯建设银行上海分行去年各项存款余额突破五百亿元，比年初增加一百二十亿元，创历史新高。\n",
    );
    assert_eq!(headlines(&page), ["沪市本周成交前五名（亿元）", "建行分行存款创新高"], "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 5);
}

/// Briefs printed after an article cut into sections (二、…) are items of their own:
/// the article's last section ends before them.
#[test]
fn briefs_after_an_article_with_intertitles_are_split() {
    let page = parse_inline(
        "山区小学有了新校舍\n\n\
         今年秋天，县里十二所山区小学的孩子们搬进了宽敞明亮的新校舍，家长们喜笑颜开。县教育局局长说，山区小学的校舍问题终于解决了。\n\n\
         新校舍由县财政和社会各界共同出资建设，每所山区小学都配备了图书室和实验室，孩子们再也不用在危房里上课了。\n\n\
         二、老师住上新宿舍\n\n\
         山区小学还为外地来的老师盖起了宿舍，老师们说，住得安心了，在山区小学教书也更有劲头了。\n\n\
         县教育局还从城里学校选派了三十名骨干老师到山区小学任教，山区小学的教学质量明显提高。\n\n\
         西藏日喀则地区今年新建的二十座小型水电站日前全部建成发电，解决了三万多户农牧民的用电问题。\n\n\
         铁道部最近发出通知，要求各铁路局在春运期间增开临时旅客列车，确保旅客走得了、走得好。\n",
    );
    assert_eq!(headlines(&page), ["山区小学有了新校舍", "", ""], "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 5);
    assert!(page.articles[1].body[0].text.starts_with("西藏日喀则"));
}

/// Under a headline announcing a roundup (各国…, 各地…) every paragraph opens on a
/// place of its own (日本人…, 西班牙人…, 法国人…): they stay in the article.
#[test]
fn a_roundup_of_places_stays_whole() {
    let page = parse_inline(
        "各国的年夜饭\n\n\
         每当新年快要到来的时候，世界各国的人们都要忙着准备一顿丰盛的年夜饭，各有各的讲究，也各有各的寓意。\n\n\
         日本人在除夕钟声敲响之际，各家各户就竞相吃起荞麦面条，祝愿家中的老人健康长寿，子孙兴旺，年年有余。\n\n\
         西班牙人在午夜的钟声里每人吃下十二粒葡萄，一粒代表一个月，以祈求来年的每个月都吉祥如意、顺顺利利。\n\n\
         法国人过年要喝光家里所有的葡萄酒，他们认为剩下的酒会给来年带来坏运气，所以常常有人喝得酩酊大醉。\n",
    );
    assert_eq!(headlines(&page), ["各国的年夜饭"], "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 4);
}

/// A brief whose news lead opens on a country the article before it never names
/// (肯尼亚总统莫伊２７日…) is an item of its own, though it shares the article's
/// common words of politics (总统, 国会, 就职誓词) more than other briefs do.
#[test]
fn a_brief_on_a_new_place_may_share_the_articles_common_words() {
    let page = parse_inline(
        "秘鲁新总统宣誓就职\n\n\
         新华社利马７月２８日电　新当选的秘鲁总统今天在国会大厦宣誓就职，成为秘鲁历史上第六十任总统。\n\n\
         就职仪式由国会主席主持，新总统在仪式上宣读了总统就职誓词，随后发表了就职演说。\n\n\
         肯尼亚总统莫伊２７日在国会宣读就职誓词，开始他的第五个总统任期，数千名群众在国会大厦外庆祝。\n\n\
         智利全国２７日开始为期一周的植树活动，首都圣地亚哥的数万名中小学生和老师纷纷参加。\n",
    );
    assert_eq!(headlines(&page), ["秘鲁新总统宣誓就职", "", ""], "{page:#?}");
    assert!(page.articles[1].body[0].text.starts_with("肯尼亚总统莫伊"));
}

/// A brief that opens by naming a place the article before it never mentions
/// (新疆吐鲁番…, 香港股市…) opens like a news item, though it names no date or
/// source; a match report's paragraphs opening with teams named for their
/// places (辽宁…队) stay in the report.
#[test]
fn a_brief_opening_with_a_new_place_is_split() {
    let page = parse_inline(
        "伊朗总统发表电视讲话\n\n         新华社德黑兰１月８日电　伊朗总统哈塔米今天通过电视发表讲话，呼吁两国人民加强文化交流。\n\n         哈塔米在讲话中说，不同文明之间的对话十分重要，伊朗愿意同各国人民发展友好往来。\n\n         新疆吐鲁番地区的葡萄种植面积已经超过二十万亩，葡萄干远销东南亚和欧洲的十多个国家和地区。\n\n         摩洛哥新一届议会７日选出第一任参议院议长，新议长在当选后表示将全力推动本国的司法改革。\n\n         智利全国７日开始为期一周的植树活动，首都圣地亚哥的数万名中小学生和他们的老师纷纷参加。\n",
    );
    assert_eq!(headlines(&page), ["伊朗总统发表电视讲话", "", "", ""], "{page:#?}");
    assert!(page.articles[1].body[0].text.starts_with("新疆吐鲁番"));
    let page = parse_inline(
        "男篮联赛强队新年都过关\n\n         本报北京１月１日讯　全国男篮甲Ａ联赛今天开始第二循环的比赛，各支强队都取得了胜利。\n\n         辽宁沈飞客车队客场挑战济南军区队，直到终场前两分钟才锁定胜局，最终以五分的优势取胜。\n\n         四川蓝剑队本轮以三分之差败给八一队，但是他们在下半场顽强追分的表现令在场观众印象深刻。\n\n         上海东方队主场迎战北京首钢队，双方的比分一直十分接近，上海东方队最后凭借罚球以两分险胜。\n",
    );
    assert_eq!(headlines(&page), ["男篮联赛强队新年都过关"], "{page:#?}");
}

/// A numbered list of photo items (图片新闻: １、…（新华社发） ２、…) keeps its
/// items together, though each closes on its picture's source.
#[test]
fn the_next_item_of_a_numbered_list_goes_on_after_a_signature() {
    let page = parse_inline(
        "图片新闻\n\n         １、１３日，在伊拉克的联合国武器核查小组成员核对可疑的武器基地名单。（新华社发美联社照片）\n\n         ２、从１月１３日开始，智利全国开展为期一个月的大型巡回宣传活动，旨在引起全社会的重视。\n\n         （新华社记者韩晓华摄）\n",
    );
    assert_eq!(headlines(&page), ["图片新闻"], "{page:#?}");
    assert!(page.articles[0].body[1].text.starts_with("２、从１月１３日"));
}

/// A photo spread numbers the headings of its pictures (１、大江截流展宏图 …
/// ２、棉堆如山喜煞人): a heading numbered next after one of the article's is
/// its own, though the caption before it closed an item.
#[test]
fn the_next_numbered_heading_of_a_photo_spread_stays_in_it() {
    let page = parse_inline(
        "阔步迈向新世纪（附图片３张）\n\n         １、大江截流展宏图\n\n         长江三峡工程实施大江截流，成为一期工程圆满完成的里程碑。（李舸摄）\n\n         ２、棉堆如山喜煞人\n\n         我国最大的棉产区新疆去年棉花再获丰收，孩子们在棉花堆前乐开了怀。（武斌摄）\n\n         ３、百年老矿创新绩\n\n         百年老矿江西萍乡矿务局近年来建立起行之有效的管理机制，效益逐年提高。（王明摄）\n",
    );
    assert_eq!(headlines(&page), ["阔步迈向新世纪（附图片３张）"], "{page:#?}");
}

/// An editor's note set under a separator (＊＊＊ 编后) belongs to the article
/// above it, even when the article's text closed on its writer's name.
#[test]
fn an_editors_note_under_a_separator_stays_with_its_article() {
    let page = parse_inline(
        "中国农科院送金钥匙上高原\n\n         本报讯　中国农科院把贵州作为向中西部地区转移科技力量的重点，派出科技人员帮助工作。\n\n         水稻所青年科技人员方向在丹寨县任科技副县长一年多来，为该县引进了水稻新品种。（林勇）\n\n         ＊＊＊\n\n         编后\n\n         一年来，全国各地各部门普遍开展了文化科技卫生“三下乡”活动，中国农科院表现不凡。\n",
    );
    assert_eq!(headlines(&page), ["中国农科院送金钥匙上高原"], "{page:#?}");
}

/// A line of verse that a surname happens to lead (和鞋子, 沙沙，沙沙) is no
/// poet's name under a new poem's title: on a page that indents its text the
/// title and the line are indented like the verse, and no poet is named twice.
#[test]
fn verse_lines_led_by_a_surname_are_no_poets_names() {
    let indented = parse_inline(
        "黄土地上的蒲公英（外一首）\n\n         \u{3000}\u{3000}李瑛\n\n         \u{3000}\u{3000}归来的雁阵飞过渭水\n\n         \u{3000}\u{3000}陕北，蒲公英就开放了\n\n         \u{3000}\u{3000}挣扎着开放在\n\n         \u{3000}\u{3000}窑洞向阳的墙角\n\n         \u{3000}\u{3000}一只只憨态可掬的布老虎\n\n         \u{3000}\u{3000}是给孩子们做的帽子\n\n         \u{3000}\u{3000}和鞋子\n\n         \u{3000}\u{3000}期望他们从头到脚\n\n         \u{3000}\u{3000}强悍又英武\n",
    );
    assert_eq!(headlines(&indented), ["黄土地上的蒲公英（外一首）"], "{indented:#?}");
    let plain = parse_inline(
        "雪融黄河不断流\n\n         吴恭让\n\n         雪落在霍去病泉里\n\n         立马就融化了\n\n         雪落在西路军纪念塔\n\n         立马就融化了\n\n         听雪的脚步\n\n         沙沙，沙沙\n\n         雪，以严冬为父\n\n         雪，以暖春为母\n",
    );
    assert_eq!(headlines(&plain), ["雪融黄河不断流"], "{plain:#?}");
}

/// Ranked lists printed line by line (沪市上周上涨前五名（％） / １四川制药… /
/// ５上柴股份…) are items of their own: in a run of them, an unnumbered line
/// over a row numbered １, under a row numbered higher, heads the next list.
#[test]
fn each_ranked_list_of_a_run_of_tables_is_an_item() {
    let page = parse_inline(
        "股市行情说明\n\n         本报讯　这些琳琅满目的股市行情数据，都是投资者每天必看的内容，下面是上周的排名。\n\n         沪市上周上涨前五名（％）\n\n         １四川制药１９．６３\n\n         ２新亚快餐１５．０９\n\n         ３云南马龙１５．０１\n\n         ４自仪股份１４．７４\n\n         ５上柴股份１４．０３\n\n         深市上周下跌前五名（％）\n\n         １富龙热力５２．１１\n\n         ２万向钱潮１１．００\n\n         ３张家界１０．６１\n\n         ４美达股份１０．２５\n\n         ５海虹控股１０．０９\n",
    );
    let last = page.articles.last().expect("articles");
    assert_eq!(last.headline.as_deref(), Some("深市上周下跌前五名（％）"), "{page:#?}");
    assert!(last.body[0].text.starts_with("１富龙热力"));
    assert!(!body_text(&page).contains("深市上周下跌前五名"));
}

/// A headline with a colon (重视：私营企业工伤事故多) after a letter its writer
/// signed is a headline, not the first clause of a paragraph: the text before
/// it has ended.
#[test]
fn a_colon_headline_after_a_signed_letter_opens_an_article() {
    let page = parse_inline(
        "“人情债”越来越沉重\n\n         近年来，随着农村经济的发展，农民生活水平的提高，“人情债”也越来越重，希望有关部门予以重视，加强\n\n         教育引导，防止其愈演愈烈。（四川省达川市委安全东）\n\n         重视：私营企业工伤事故多\n\n         １９９７年１月至１１月，我院共受理个体私营企业工伤事故损害赔偿案７件，其中受害者死亡１件。\n",
    );
    assert_eq!(headlines(&page), ["“人情债”越来越沉重", "重视：私营企业工伤事故多"], "{page:#?}");
}

/// A title with a colon that ends on a word no title ends on by the dictionary
/// (…航班正常, 正常 read as an adverb) is still a headline when a dateline
/// paragraph follows it: no clause cut at a column goes on in a dateline.
#[test]
fn a_colon_title_over_a_dateline_is_a_headline() {
    let page = parse_inline(
        "银行卡业务快速发展\n\n         本报北京１月１４日讯　１９９７年中国银行的信用卡发卡量达到三百万张，直接消费额一百二十亿元，分别比去年增长６６％。\n\n         首都机场：大雪纷飞航班正常\n\n         本报北京１月１４日讯　持续了一天多的降雪令北京街道上行驶的车辆小心翼翼地放慢了速度，首都机场的航班却一切正常。\n",
    );
    assert_eq!(headlines(&page), ["银行卡业务快速发展", "首都机场：大雪纷飞航班正常"], "{page:#?}");
}

/// Headless wire briefs under datelines of one agency are items of their own,
/// however alike their subjects.
#[test]
fn a_series_of_wire_briefs_is_split_by_dateline() {
    let page = parse_inline(
        "山村小学有了新校舍\n\n\
         本报讯　今年秋天，青山村小学的孩子们搬进了新校舍，教室宽敞明亮。\n\n\
         学校还配上了图书角，孩子们课余时间都喜欢去那里读书。\n\n\
         村民们说，这是他们多年的心愿，如今终于实现了。\n\n\
         新华社石家庄１月１３日电　政协河北省第八届委员会第一次全体会议今天闭幕，会议选举产生了政协河北省第八届委员会主席、副主席。\n\n\
         新华社贵阳１月１３日电　政协贵州省第八届委员会第一次全体会议今天闭幕，会议选举产生了政协贵州省第八届委员会主席、副主席。\n",
    );
    assert_eq!(page.articles.len(), 3, "{page:#?}");
    let places: Vec<Option<&str>> =
        page.articles.iter().map(|a| a.dateline.as_ref().and_then(|d| d.place.as_deref())).collect();
    assert_eq!(places, [None, Some("石家庄"), Some("贵阳")]);
}

/// A clause cut at a column break that opens like a news item (去年１２月１６日，…)
/// is the first piece of a paragraph, not a headline.
#[test]
fn a_news_lead_cut_at_a_column_is_no_headline() {
    let page = parse_inline(
        "国产数字彩电来了\n\n\
         本报记者王政\n\n\
         去年１２月１６日，第二届全国电子新产品展览交易会西湖电子集团\n\n\
         一台全数字彩电吸引了众多观众，不少观众仔细比较了两台电视的图像。\n",
    );
    assert_eq!(headlines(&page), ["国产数字彩电来了"], "{page:#?}");
    assert!(page.articles[0].subheadlines.is_empty(), "{page:#?}");
    assert!(page.articles[0].body[0].text.starts_with("去年１２月１６日"), "{page:#?}");
}

/// Writers named right after the dateline, in brackets or as a report, are the
/// article's bylines and part of its dateline as printed; a masthead line
/// (paper, date, weekday, page) is furniture.
#[test]
fn a_credit_after_the_dateline_gives_bylines() {
    let page = parse_inline(
        "长沙晚报 2021年3月8日 星期一 A02版\n\n\
         春耕时节农事忙\n\n\
         新华社北京3月7日电（记者 张三 李四）眼下正值春耕时节，各地农民抢抓农时，田间地头一派繁忙景象。\n\n\
         全国政协委员视察农村\n\n\
         本报北京3月7日讯记者王五报道：全国政协委员今天到京郊农村视察春耕生产。\n",
    );
    assert_eq!(page.unassigned.len(), 1, "{page:#?}");
    let a = &page.articles[0];
    let dl = a.dateline.as_ref().expect("dateline");
    assert_eq!(dl.text, "新华社北京3月7日电（记者 张三 李四）");
    assert_eq!(dl.agency.as_deref(), Some("新华社"));
    assert_eq!(a.bylines.len(), 1, "{:?}", a.bylines);
    assert_eq!(a.bylines[0].names, ["张三", "李四"]);
    assert!(a.body[0].text.starts_with("眼下正值春耕时节"));
    let b = &page.articles[1];
    assert_eq!(b.bylines[0].names, ["王五"], "{b:#?}");
    assert!(b.body[0].text.starts_with("全国政协委员今天"), "{b:#?}");
}

/// A place name over a dateline inside an article is a section of a roundup,
/// not a new article.
#[test]
fn a_place_name_over_a_dateline_is_a_roundup_section() {
    let page = parse_inline(
        "不忘群众疾苦温暖送进万家\n\n\
         本报成都电　岁末年初，四川省党政领导纷纷深入工厂、农村，走访慰问困难群众，送去党和政府的温暖。\n\n\
         省委领导在慰问中要求各级干部把困难群众的冷暖放在心上，切实解决他们的实际困难。\n\n\
         云南\n\n\
         本报昆明电　云南省解困与再就业领导小组日前与九家单位签订协议，帮助困难职工过好春节。\n",
    );
    assert_eq!(headlines(&page), ["不忘群众疾苦温暖送进万家"], "{page:#?}");
    let kinds: Vec<BlockKind> = page.articles[0].body.iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BlockKind::Intertitle), "{page:#?}");
}

/// A caption printed before the next item's title is the caption of the item
/// before it; the next photo item keeps its own text.
#[test]
fn a_caption_before_a_title_closes_the_item_before_it() {
    let page = parse_inline(
        "三国总统签署伙伴关系宪章\n\n\
         美国总统同波罗的海三国总统在白宫签署了伙伴关系宪章，宪章规定了各方的合作原则。\n\n\
         １月１６日，三国总统在白宫签署伙伴关系宪章。（新华社记者王明摄）\n\n\
         示威（图片）\n\n\
         １月１５日，一个人道主义组织的成员在街头示威，要求解除对伊拉克的制裁。\n",
    );
    assert_eq!(headlines(&page), ["三国总统签署伙伴关系宪章", "示威（图片）"], "{page:#?}");
    assert_eq!(page.articles[0].captions.len(), 1, "{page:#?}");
    assert!(page.articles[1].captions.is_empty(), "{page:#?}");
    assert!(page.articles[1].body[0].text.starts_with("１月１５日"), "{page:#?}");
}

/// A title may end on a particle (…想到的) when a head follows it.
#[test]
fn a_title_ending_on_a_particle_over_a_byline() {
    let page = parse_inline(
        "中国跳水队在世界锦标赛上再次取得了好成绩，但是面对悉尼奥运会，中国跳水还有许多问号。\n\n\
         从踢『雪地足球』想到的\n\n\
         本报记者李中文\n\n\
         前些天，北京地区普降瑞雪。这一场雪不仅给人们带来了欢乐，也让孩子们踢起了雪地足球。\n",
    );
    assert!(headlines(&page).contains(&"从踢『雪地足球』想到的"), "{page:#?}");
}

/// A place name over a dateline after a signed-off article opens an article
/// of its own: the signature closed the one before.
#[test]
fn a_place_name_over_a_dateline_after_a_signature_is_an_article() {
    let page = parse_inline(
        "铁路职工帮困\n\n\
         本报讯　全国铁路系统送温暖活动注重开发性帮困解困，取得了明显效果，全路已累计帮困七万户。\n\n\
         铁路系统各级领导认为，帮助职工排忧解难，直接关系到钢铁大动脉的安全畅通。（张福纯）\n\n\
         萍乡\n\n\
         本报南昌电　春节临近，江西省萍乡市采取措施开展扶贫济困工作，帮助农村受灾群众过好春节。\n",
    );
    assert_eq!(headlines(&page), ["铁路职工帮困", "萍乡"], "{page:#?}");
}

/// A paragraph that describes the picture (图为…) stays with its photo item,
/// however little it shares with the item's words.
#[test]
fn a_picture_description_stays_with_its_photo_item() {
    let page = parse_inline(
        "美一州遭受暴雨灾害（图片）\n\n\
         连日来的暴雨造成美国得克萨斯州部分地区河水泛滥，泛区居民纷纷迁移到附近地区的高地。\n\n\
         图为两位年轻人从住所收拾自己的简单物品，转移到安全地方。\n\n\
         （新华社发美联社照片）\n\n\
         南非将起诉前总统\n\n\
         本报约翰内斯堡１月８日电　南非西开普省司法当局７日宣布，前总统博塔将因拒绝传唤而受到起诉。\n",
    );
    assert_eq!(headlines(&page), ["美一州遭受暴雨灾害（图片）", "南非将起诉前总统"], "{page:#?}");
    assert_eq!(page.articles.len(), 2, "{page:#?}");
}

/// A combined headline announces every report under it: a later dateline
/// whose text holds the headline's words for it continues the article.
#[test]
fn a_section_announced_by_a_combined_headline_stays_in_the_article() {
    let page = parse_inline(
        "纽约股市开门红印尼菲律宾货币汇率再跌\n\n\
         据新华社纽约１月２日电　华尔街股市在新年的第一个交易日里交投平稳，道琼斯指数收盘上扬五十点。\n\n\
         投资者操作谨慎，指数在大部分时间内小幅波动，成交量比上个交易日明显减少。\n\n\
         新华社雅加达１月３日电　据此间媒体今天报道，印尼盾对美元比价２日再次大幅度下跌，创下新低。\n\n\
         新华社马尼拉１月３日电　菲律宾比索对美元的比价２日跌至历史最低点，央行下令各银行限制交易。\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 4, "{page:#?}");
}

/// The captions listed under 图片： belong to the article, as many as its
/// headline counts; the item after them is an article of its own.
#[test]
fn a_picture_list_closes_its_article() {
    let page = parse_inline(
        "黄河腹地的回声——山西画院作品展在京举行（附图片２张）\n\n\
         山西画院作品展日前在中国美术馆举行，参展的一百六十多幅作品出自十七位画家之手。（闻力）\n\n\
         图片：\n\n\
         矿工（石膏）（孙宝田）\n\n\
         走出黄土地（套色木刻）（曹美）\n\n\
         万象更新（篆刻）\n\n\
         （陈云龙）\n",
    );
    assert_eq!(
        headlines(&page),
        ["黄河腹地的回声——山西画院作品展在京举行（附图片２张）", "万象更新（篆刻）"],
        "{page:#?}"
    );
    let first: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(first.len(), 4, "{page:#?}");
    assert_eq!(first[3], "走出黄土地（套色木刻）（曹美）", "{page:#?}");
}

/// A list counting more pictures than it prints ends at a title over a bare
/// name line: the next article's headline and its writer.
#[test]
fn a_picture_list_ends_at_a_title_over_a_name() {
    let page = parse_inline(
        "山村小学的新课桌（附图片２张）\n\n\
         今年秋天，县里给山村小学送来了二百套新课桌椅，孩子们高兴极了。\n\n\
         图片：\n\n\
         图为孩子们在新教室里读书。\n\n\
         冬夜话读书\n\n\
         郑秋林\n\n\
         冬夜漫长，最宜读书。一盏灯，一杯茶，一本好书，便是一个温暖的晚上。\n",
    );
    assert_eq!(headlines(&page), ["山村小学的新课桌（附图片２张）", "冬夜话读书"], "{page:#?}");
    assert_eq!(page.articles[1].bylines[0].names, ["郑秋林"], "{page:#?}");
}

/// A speech's head: headline, the occasion after a dash, the date in brackets
/// and the speaker's name, then the text: one article, the date a title line.
#[test]
fn a_dated_speech_head_is_one_article() {
    let page = parse_inline(
        "携手共建美好家园\n\n\
         ——在全省农村工作会议上的讲话\n\n\
         （１９９７年１２月２０日）\n\n\
         赵明远\n\n\
         同志们：这次会议的主要任务是总结今年的农村工作，部署明年的任务。\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.headline.as_deref(), Some("携手共建美好家园"), "{page:#?}");
    assert!(a.subheadlines.iter().any(|s| s == "（１９９７年１２月２０日）"), "{page:#?}");
    assert_eq!(a.bylines[0].names, ["赵明远"], "{page:#?}");
}

/// Titles print no indent: on a page that indents its paragraphs, an indented
/// line cut at a column foot over the next headline is a piece of text, not a kicker.
#[test]
fn an_indented_piece_over_a_headline_is_no_kicker() {
    let page = parse_inline(
        "山区公路通到家门口\n\n\
         \u{3000}\u{3000}今年以来，全县新修乡村公路三百多公里，九成以上的行政村通了班车。\n\n\
         \u{3000}\u{3000}在这次会议上全县三十多个乡镇的负责人\n\n\
         城市绿地面积逐年扩大\n\n\
         \u{3000}\u{3000}本报讯去年全市新增公共绿地二百公顷，人均公共绿地面积达到八平方米。\n",
    );
    let titles: Vec<&str> =
        page.articles.iter().flat_map(|a| a.kicker.iter().chain(a.headline.iter())).map(String::as_str).collect();
    assert_eq!(titles, ["山区公路通到家门口", "城市绿地面积逐年扩大"], "{page:#?}");
}

/// A line that exclaims is no headline right after text cut mid-sentence: it
/// goes on with that text (…他起码 / 比真实的年龄少十岁！).
#[test]
fn an_exclaiming_line_after_cut_text_goes_on_with_it() {
    let page = parse_inline(
        "老中医的养生经\n\n\
         \u{3000}\u{3000}张大爷今年七十岁了，每天清早都要去公园打太极拳。\n\n\
         \u{3000}\u{3000}可是看他走路的样子，谁都会觉得他\n\n\
         至少年轻了二十岁！\n\n\
         \u{3000}\u{3000}问起养生的秘诀，他笑着说，无非是吃得清淡，睡得安稳，心里不存事。\n",
    );
    assert_eq!(headlines(&page), ["老中医的养生经"], "{page:#?}");
    assert!(body_text(&page).contains("至少年轻了二十岁！"), "{page:#?}");
}

/// A line under a title that ends on a dash leads into the text: a
/// subheadline, however many clauses it holds, with the writer's name under it.
#[test]
fn a_line_leading_in_with_a_dash_is_a_subheadline() {
    let page = parse_inline(
        "老街换新颜\n\n\
         本溪钢厂有一条老街。三十年来，老街的住户一直盼着修路。\n\n\
         修路不用等\n\n\
         从前，街上的路坑坑洼洼，雨天一身泥；如今，居民们说———\n\n\
         孟庆丰\n\n\
         清早七点，我走进南关街，路面平整，两旁的店铺都开了门。\n",
    );
    let a = page.articles.iter().find(|a| a.headline.as_deref() == Some("修路不用等")).expect("second article");
    assert_eq!(a.subheadlines, ["从前，街上的路坑坑洼洼，雨天一身泥；如今，居民们说———"], "{page:#?}");
    assert_eq!(a.bylines[0].names, ["孟庆丰"], "{page:#?}");
}

/// A news clause between a headline and the dateline paragraph is the
/// subheadline (…进入“快车道” / 去年…，生产原油… / 本报…电).
#[test]
fn a_news_clause_over_the_dateline_is_a_subheadline() {
    let page = parse_inline(
        "沿海港口吞吐量创新高\n\n\
         去年全省港口货物吞吐量达２．３亿吨，集装箱运量增长两成\n\n\
         本报杭州１月９日电记者从省交通厅获悉，去年全省沿海港口货物吞吐量再创历史新高。\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    assert_eq!(page.articles[0].subheadlines, ["去年全省港口货物吞吐量达２．３亿吨，集装箱运量增长两成"], "{page:#?}");
}

/// A kicker holds no comma: a comma-bearing line between running text and a
/// headline is a piece of that text cut at a column foot; a headline with a
/// comma over its writer's pen name stays a headline.
#[test]
fn a_comma_line_over_a_headline_is_a_cut_piece() {
    let page = parse_inline(
        "小城春来早\n\n\
         今年立春以后，小城的天气一天比一天暖和，街上的行人也多了起来。\n\n\
         在城东的菜市场门口，几位老人正在\n\n\
         铁路沿线绿化工程完工\n\n\
         本报讯经过两年施工，铁路沿线绿化工程日前全部完工，共栽种树木五十万株。\n\n\
         乡愁，留在老屋里\n\n\
         云溪\n\n\
         老屋还在，只是门前那棵枣树已经老了。\n",
    );
    let titles: Vec<&str> =
        page.articles.iter().flat_map(|a| a.kicker.iter().chain(a.headline.iter())).map(String::as_str).collect();
    assert_eq!(titles, ["小城春来早", "铁路沿线绿化工程完工", "乡愁，留在老屋里"], "{page:#?}");
}

/// A long exclamation after text closes that text; only a short slogan over
/// a headline is its kicker.
#[test]
fn a_long_exclamation_over_a_headline_closes_the_text() {
    let page = parse_inline(
        "社区里的读书角\n\n\
         读书角开放半年来，借阅图书的居民已有三千多人次。\n\n\
         书香飘进了千家万户———这就是读书的乐趣！\n\n\
         一位老教师的来信\n\n\
         编辑同志：我是一名退休教师，想给大家讲讲我们学校的变化。\n",
    );
    assert_eq!(headlines(&page), ["社区里的读书角", "一位老教师的来信"], "{page:#?}");
    assert!(page.articles[1].kicker.is_none(), "{page:#?}");
}

/// A writer's afterword in square brackets closes the text: no kicker of the
/// next article.
#[test]
fn an_afterword_in_square_brackets_closes_the_text() {
    let page = parse_inline(
        "故乡的桥\n\n\
         小时候，我每天都要从那座石桥上走过，去河对岸的学校上学。\n\n\
         ［附记：作者的散文集《故乡的桥》将由本地出版社出版］\n\n\
         冬日说菜\n\n\
         北方的冬天，白菜是餐桌上的主角，家家户户都要储存几百斤。\n",
    );
    assert_eq!(headlines(&page), ["故乡的桥", "冬日说菜"], "{page:#?}");
    assert!(page.articles[1].kicker.is_none(), "{page:#?}");
    assert!(body_text(&page).contains("［附记："), "{page:#?}");
}

/// A table under its title: the head line and the rows of figures are the
/// article's text, not title lines of their own.
#[test]
fn a_table_under_its_title_is_text() {
    let page = parse_inline(
        "各地区粮食产量\n\n\
         地区产量增长播种面积\n\n\
         华北地区２３４５１．６７８９．１２３３４．５６\n\n\
         东北地区１９８７６．５４６７．８９２２３．４５\n\n\
         单位万吨千公顷\n\n\
         华东地区２８７６５．４３５６．７８４４５．６７\n",
    );
    assert_eq!(headlines(&page), ["各地区粮食产量"], "{page:#?}");
    assert!(page.articles[0].subheadlines.is_empty(), "{page:#?}");
    assert!(body_text(&page).contains("地区产量增长播种面积"), "{page:#?}");
}

/// After a poem printed with an indent, a flush line over the next headline
/// and its writer's name is that article's kicker, not a line of verse.
#[test]
fn a_flush_kicker_after_indented_verse_heads_the_next_article() {
    let page = parse_inline(
        "故乡的河\n\n\
         林小溪\n\n\
         \u{3000}\u{3000}河水弯弯绕过村庄\n\n\
         \u{3000}\u{3000}岸边的柳树长高了\n\n\
         \u{3000}\u{3000}我在梦里又看见\n\n\
         \u{3000}\u{3000}母亲站在桥头\n\n\
         \u{3000}\u{3000}喊我回家吃饭\n\n\
         \u{3000}\u{3000}炊烟升起的地方\n\n\
         海港纪事\n\n\
         一位老船长的四十年\n\n\
         郑海生\n\n\
         \u{3000}\u{3000}清晨五点，码头上已经热闹起来，老船长照例第一个登上了甲板。\n",
    );
    assert_eq!(page.articles.len(), 2, "{page:#?}");
    let a = &page.articles[1];
    let titles: Vec<&str> =
        a.kicker.iter().chain(a.headline.iter()).chain(a.subheadlines.iter()).map(String::as_str).collect();
    assert_eq!(titles, ["海港纪事", "一位老船长的四十年"], "{page:#?}");
}

/// A line after text that ends on a word no title ends on (…以来) is a cut
/// piece of that text, not the kicker of the headline under it.
#[test]
fn a_line_trailing_off_over_a_headline_is_no_kicker() {
    let page = parse_inline(
        "边境口岸客流增长\n\n\
         今年一月，边境口岸出入境旅客达十二万人次，比去年同期增长三成。\n\n\
         自两国在边境地区开通旅游专线以来\n\n\
         农民画展在京开幕\n\n\
         本报讯来自全国各地的二百多幅农民画近日在中国美术馆展出。\n",
    );
    assert_eq!(headlines(&page), ["边境口岸客流增长", "农民画展在京开幕"], "{page:#?}");
    assert!(page.articles[1].kicker.is_none(), "{page:#?}");
}

/// Only a picture note alone goes with the headline over it: a long
/// exclamation after text over a picture's title closes the text.
#[test]
fn a_long_exclamation_over_a_picture_title_closes_the_text() {
    let page = parse_inline(
        "老字号的新招牌\n\n\
         百年老店换了新门面，生意比往年红火了不少。\n\n\
         愿老字号在新时代焕发出更加动人的光彩！\n\n\
         雪后长城（图片）\n\n\
         一场大雪过后，八达岭长城银装素裹，吸引了众多游客。（李冬摄）\n",
    );
    let a = page.articles.iter().find(|a| a.headline.as_deref() == Some("雪后长城（图片）"));
    let a = a.unwrap_or_else(|| panic!("{page:#?}"));
    assert!(a.kicker.is_none(), "{page:#?}");
}

/// A line after text that ends a question and goes on is a cut piece of the
/// text, not a kicker of the headline under it.
#[test]
fn a_line_going_on_after_a_question_is_no_kicker() {
    let page = parse_inline(
        "春运期间铁路加开列车\n\n\
         今年春运，全国铁路计划加开临时旅客列车三百多对。\n\n\
         返乡的旅客怎样才能买到票？怎样才能走得安全舒心\n\n\
         读书使人明智\n\n\
         一个人的见识，往往来自他读过的书和走过的路。\n",
    );
    assert_eq!(headlines(&page), ["春运期间铁路加开列车", "读书使人明智"], "{page:#?}");
    assert!(page.articles[1].kicker.is_none(), "{page:#?}");
}

/// Sayings wholly in quotes between a headline and its writers' names are
/// subheadlines; quoted talk under an intertitle stays text.
#[test]
fn quoted_sayings_under_a_headline_are_subheadlines() {
    let page = parse_inline(
        "社区调解室\n\n\
         “有了调解室，邻里之间有话好好说了，矛盾也少多了！”\n\n\
         周卫东吴小平\n\n\
         去年，城南社区设立了调解室，请退休干部轮流值班。\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    assert_eq!(page.articles[0].subheadlines, ["“有了调解室，邻里之间有话好好说了，矛盾也少多了！”"], "{page:#?}");
}

/// A caption that ends on its credit ends its paragraph, even where the next
/// piece was cut from a column.
#[test]
fn a_credit_ends_its_paragraph() {
    let page = parse_inline(
        "住房分配货币化走近我们（附图片１张）\n\n\
         要预防住房分配货币化在实行过程中走样，住房补贴只能用于买房或租房。\n\n\
         图片：\n\n\
         图为北京石景山海特花园小区。（宋连峰摄）\n\n\
         房补贴。一九九六年度购房补贴实行最高限额，职工要购房时，由单位计算购房补贴款额。\n",
    );
    let paragraphs: Vec<&str> = page.articles.iter().flat_map(|a| a.body.iter()).map(|b| b.text.as_str()).collect();
    assert!(paragraphs.contains(&"图为北京石景山海特花园小区。（宋连峰摄）"), "{page:#?}");
    assert_eq!(page.articles[0].body.last().map(|b| b.text.as_str()), Some("图为北京石景山海特花园小区。（宋连峰摄）"));
}

/// A clause cut at a column that ends on an adverb is text, even where the
/// next article's headline follows it.
#[test]
fn a_clause_ending_on_an_adverb_is_no_title() {
    let page = parse_inline(
        "以撤军仍无具体方案\n\n\
         美国中东和谈特别协调员罗斯今天离开以色列，他未能说服以方拿出撤军的具体方案。\n\n\
         此间观察家指出，以政府迟迟拿不出撤军方案并不\n\n\
         俄官员会晤车臣领导人\n\n\
         据新华社莫斯科１月１０日电　俄罗斯副总理今天在格罗兹尼会晤车臣领导人，讨论稳定局势问题。\n",
    );
    assert_eq!(headlines(&page), ["以撤军仍无具体方案", "俄官员会晤车臣领导人"], "{page:#?}");
}

/// The captions of an item that names its pictures are its text as well as
/// its captions; an article that names none keeps its caption apart.
#[test]
fn a_picture_items_captions_are_its_text() {
    let page = parse_inline(
        "挂起红灯迎新年（图片）\n\n\
         元旦来临，安徽省合肥市长江路悬挂起三千三百盏大红灯笼，为节日增添了喜庆气氛。（新华社记者戴浩摄）\n\n\
         （传真照片）\n\n\
         风电叶片下线\n\n\
         国内最长纯玻纤海上风电叶片下线。受访企业　供图\n\n\
         株洲日报讯　近日，株洲时代新材科技股份有限公司研制的海上风电叶片顺利下线，标志着企业迈上新台阶。\n",
    );
    assert_eq!(headlines(&page), ["挂起红灯迎新年（图片）", "风电叶片下线"], "{page:#?}");
    let photo = &page.articles[0];
    assert_eq!(photo.captions.len(), 1, "{page:#?}");
    assert!(photo.body.first().is_some_and(|b| b.text.starts_with("元旦来临")), "{page:#?}");
    let story = &page.articles[1];
    assert_eq!(story.captions.len(), 1, "{page:#?}");
    assert!(story.body.iter().all(|b| !b.text.contains("供图")), "{page:#?}");
}

/// Lay paragraphs out as a hard-wrapped column: a first line two characters
/// short, then full lines of `width` characters.
fn wrap(paragraphs: &[&str], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for p in paragraphs {
        let chars: Vec<char> = p.chars().collect();
        let mut at = 0;
        let mut w = width - 2;
        while at < chars.len() {
            let end = (at + w).min(chars.len());
            lines.push(chars[at..end].iter().collect());
            at = end;
            w = width;
        }
    }
    lines
}

/// On a hard-wrapped page a column printed before its own headline leaves
/// no visible gap where it was cut out (the lines around the cut were joined
/// into one block); it goes back between those lines.
#[test]
fn a_column_cut_from_inside_a_wrapped_block_goes_back() {
    let first = wrap(
        &[
            "海口市的领导近年来一直把教育放在优先发展的位置，全市财政性基建投入有三成用于学校建设。",
            "一幢幢新建的教师住宅拔地而起，许多外地教师慕名而来，海口的学校面貌焕然一新。",
        ],
        12,
    );
    let second = wrap(
        &[
            "两年前，一位去过南极的朋友给我讲述过你的故事，说你八年间七下南极，出色地完成了科考任务。",
            "早晨的会堂阳光厅色调明亮，朝阳透过天窗从你的肩上升起，你沉静的目光渐渐地将我带进了冰雪南极的世界里，那里的风雪常年不停，你在那里度过了五个夏天，又度过了两个漫长的冬天，观测获得了从智利到长城站的重力基点值。",
            "临别时，你深有感悟地说，只要祖国需要，我还要再去南极。",
        ],
        12,
    );
    // the moved column: two full lines from the middle of the second paragraph
    let start = second.iter().position(|l| l.contains("世界")).expect("line") + 1;
    let moved: Vec<String> = second[start..start + 2].to_vec();
    let mut lines = vec!["海口重教育".to_string()];
    lines.extend(first);
    lines.extend(moved.iter().cloned());
    lines.push("难忘南极风雪夜".to_string());
    lines.extend(second[..start].iter().cloned());
    lines.extend(second[start + 2..].iter().cloned());
    let page = parse_inline(&(lines.join("\n") + "\n"));
    assert_eq!(headlines(&page), ["海口重教育", "难忘南极风雪夜"], "{page:#?}");
    let south: Vec<&str> = page.articles[1].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(south.len(), 3, "{page:#?}");
    assert!(south[1].contains("冰雪南极的世界里，那里的风雪常年不停"), "{page:#?}");
    assert!(south[1].ends_with("观测获得了从智利到长城站的重力基点值。"), "{page:#?}");
    assert!(page.articles[0].body.iter().all(|b| !b.text.contains("南极")), "{page:#?}");
}

/// A poem's lines stay one article however their shapes vary (short title-like
/// lines, lines with commas); a title over its author's name opens the next.
#[test]
fn a_poem_stays_whole_until_the_next_title_and_author() {
    let page = parse_inline(
        "江边的芦苇（外一首）\n\n\
         林青\n\n\
         秋风吹过江边\n\n\
         芦苇就白了头\n\n\
         站在水里，站在风里\n\n\
         守着渡口的小船\n\n\
         守着归来的渔火\n\n\
         一年又一年的潮水\n\n\
         从它的脚下流过\n\n\
         它不说话，也不低头\n\n\
         只把月光\n\n\
         轻轻地摇进梦里\n\n\
         春江晚景（中国画）\n\n\
         （李可）\n\n\
         冬天的故事\n\n\
         王明\n\n\
         小时候，每到冬天，祖父就在火炉边给我们讲故事，一讲就是一个晚上。\n",
    );
    assert_eq!(headlines(&page), ["江边的芦苇（外一首）", "春江晚景（中国画）", "冬天的故事"], "{page:#?}");
    let poem: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert!(poem.contains(&"轻轻地摇进梦里"), "{page:#?}");
}

/// A clause that ends its sentence inside quotes is a paragraph, not a title.
#[test]
fn a_quoted_sentence_is_no_title() {
    let page = parse_inline(
        "使馆来了小客人\n\n\
         元旦前夜，中国驻阿联酋使馆内一片欢声笑语，小客人给大使带来一个三层大花篮表示祝贺。\n\n\
         有人问他想不想到中国去玩，他说：“我还要到中国去上学呢！”\n\n\
         （本报阿布扎比１月１日电）\n",
    );
    assert_eq!(headlines(&page), ["使馆来了小客人"], "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 3, "{page:#?}");
}

/// A headless column of whole paragraphs printed right before an article's
/// headline joins that article when it is about the same things.
#[test]
fn a_headless_column_about_the_next_article_joins_it() {
    let page = parse_inline(
        "中南两国外长举行会谈\n\n\
         新华社比勒陀利亚１月１日电　两国外长今天在比勒陀利亚举行会谈，就双边关系和共同关心的国际问题交换了意见。\n\n\
         会谈在友好的气氛中进行，双方对两国建交表示满意。（李明）\n\n\
         塔拉尔１９２９年出生于旁遮普省，早年在拉合尔学习法律，曾任巴基斯坦最高法院法官。\n\n\
         塔拉尔将出任巴基斯坦总统\n\n\
         新华社伊斯兰堡１月１日电　巴基斯坦穆斯林联盟提名的候选人塔拉尔今天在总统选举中获胜，将出任巴基斯坦总统。\n\n\
         塔拉尔在当选后表示，他将维护宪法，推动巴基斯坦的经济发展。\n",
    );
    assert_eq!(headlines(&page), ["中南两国外长举行会谈", "塔拉尔将出任巴基斯坦总统"], "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 2, "{page:#?}");
    assert!(page.articles[1].body.iter().any(|b| b.text.starts_with("塔拉尔１９２９年")), "{page:#?}");
}

/// The last paragraph of an article that is about the next article, far more
/// than about its own (a column printed before its headline), goes there.
#[test]
fn a_tail_about_the_next_article_goes_there() {
    let page = parse_inline(
        "全国男篮甲Ａ联赛波澜不兴\n\n\
         １月１１日，希尔顿全国男篮甲Ａ联赛进行了第十轮比赛，各队之间的比赛结果大都在意料之中。\n\n\
         八一队在主场以大比分战胜对手，继续排在积分榜的首位，辽宁队和上海队分列二三位。\n\n\
         本轮比赛的观众人数比上一轮有所增加，各赛区的组织工作井然有序。\n\n\
         余卓成在比赛中发挥稳定，他的最后一跳获得了全场最高分，以领先对手二十多分的成绩获得跳水冠军。\n\n\
         世界游泳锦标赛余卓成一米板夺冠\n\n\
         中国跳水名将余卓成１０日在世界游泳锦标赛男子一米板跳水决赛中夺得冠军，这是中国跳水队在本届锦标赛上获得的第一枚金牌。\n\n\
         获得亚军的是美国选手，季军由俄罗斯选手获得。\n",
    );
    assert_eq!(headlines(&page), ["全国男篮甲Ａ联赛波澜不兴", "世界游泳锦标赛余卓成一米板夺冠"], "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 3, "{page:#?}");
    assert!(page.articles[1].body.iter().any(|b| b.text.starts_with("余卓成在比赛中")), "{page:#?}");
}

/// A writing date or an editorial unit's signature after a piece's text is
/// that piece's last line, not the next item's head.
#[test]
fn a_sign_off_line_is_text() {
    let page = parse_inline(
        "年底能不能下基层\n\n\
         年底了，许多机关干部忙着总结、评比、开会，下基层的少了，可基层恰恰在年底最需要帮助。\n\n\
         １９９７年岁暮\n\n\
         读者来信\n\n\
         编辑同志：我们单位年底又要评先进了，可是评来评去还是那几个人，请问这样的评比有什么意义？\n\n\
         本报群众工作部\n",
    );
    assert_eq!(headlines(&page), ["年底能不能下基层", "读者来信"], "{page:#?}");
    assert!(page.articles[0].body.iter().any(|b| b.text == "１９９７年岁暮"), "{page:#?}");
    assert!(page.articles[1].body.iter().any(|b| b.text == "本报群众工作部"), "{page:#?}");
}

/// On a page that indents its paragraphs, a short title-shaped line printed with
/// a paragraph's indent, whose text goes on unindented in the next piece, is a
/// paragraph's first piece cut at the foot of a column (对西部地区 / 来说，…):
/// headlines and intertitles print no indent.
#[test]
fn an_indented_piece_cut_at_a_column_foot_is_text() {
    let page = parse_inline(
        "山区县走出发展新路\n\n\
         \u{3000}\u{3000}本报讯　这个山区县几年来调整产业结构，发展特色农业，农民收入逐年增加，县财政收入翻了一番。\n\n\
         \u{3000}\u{3000}县里还改造了全县的中小学校，办起了农民技术学校，每年培训农民上万人次。\n\n\
         \u{3000}\u{3000}对西部资源富集地区\n\n\
         来说，这个县的探索具有普遍意义，它的经验值得各地借鉴。\n\n\
         \u{3000}\u{3000}回顾几年来的发展历程，县委县政府认为，资源型地区要协调好开发和保护的关系。\n",
    );
    assert_eq!(headlines(&page), ["山区县走出发展新路"], "{page:#?}");
    let body: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert!(body.iter().any(|t| t.starts_with("对西部资源富集地区来说，")), "{body:?}");
    assert!(page.articles[0].body.iter().all(|b| b.kind == baokan_core::BlockKind::Paragraph), "{page:#?}");
}

/// On a page that indents its paragraphs, an intertitle is a paragraph of the
/// text and takes the indent, a headline is set flush: the same lone line after
/// an article on the same subject is a section of it when indented, and the next
/// article's headline when flush.
#[test]
fn an_indent_tells_an_intertitle_from_a_headline() {
    let page = |title: &str| {
        parse_inline(&format!(
            "农村电网改造进展顺利\n\n\
             \u{3000}\u{3000}今年以来，全省农村电网改造工程进展顺利，农村电网改造后电价明显下降，农民用电更加方便。\n\n\
             \u{3000}\u{3000}农村电网改造工程还带动了农村家电消费，农民用电量比去年增长两成，农村电网负荷明显增加。\n\n\
             \u{3000}\u{3000}全省今年还将改造一批农村电网，争取年底前让所有乡镇用上放心电。\n\n\
             {title}\n\n\
             \u{3000}\u{3000}农村电网改造让农民用上了放心电，电价下降以后，农民用电的积极性明显提高。\n\n\
             \u{3000}\u{3000}不少农户新买了电视机和洗衣机，农村用电量增长很快，家电下乡成了新话题。\n"
        ))
    };
    let flush = page("电网改造惠农家");
    assert_eq!(headlines(&flush), ["农村电网改造进展顺利", "电网改造惠农家"], "{flush:#?}");
    let indented = page("\u{3000}\u{3000}电网改造惠农家");
    assert_eq!(headlines(&indented), ["农村电网改造进展顺利"], "{indented:#?}");
    assert_eq!(indented.articles[0].body[3].kind, baokan_core::BlockKind::Intertitle, "{indented:#?}");
}

/// On a page that indents its paragraphs, a run of head-shaped lines all printed
/// with the indent after running text (a section's title over its writer's name,
/// lines of a list) is the text's own, not the head of a new article.
#[test]
fn an_indented_title_and_name_after_text_stay_in_the_article() {
    let page = parse_inline(
        "一九九七年文坛回顾\n\n\
         \u{3000}\u{3000}又是一年春草绿。回首去年的文坛，长篇、中篇、短篇和散文各有收获，诗歌也有新的气象。\n\n\
         \u{3000}\u{3000}长篇创作题材多样，中篇创作寄希望于新生代作家，短篇创作则有积极意义的新作。\n\n\
         \u{3000}\u{3000}散文保持扎实平稳\n\n\
         \u{3000}\u{3000}白烨\n\n\
         \u{3000}\u{3000}去年的散文创作，仍然保持着扎实平稳的姿态，名家新作不断，新人新作也时有所见。\n",
    );
    assert_eq!(headlines(&page), ["一九九七年文坛回顾"], "{page:#?}");
    assert!(page.articles[0].body.iter().any(|b| b.text.starts_with("去年的散文创作")), "{page:#?}");
}

/// A closing quote cut off its sentence end by a column break (…就想哭。 /
/// ”负责…) goes on the quote: one paragraph, not a new one.
#[test]
fn a_closing_quote_after_a_column_break_continues_the_quote() {
    let page = parse_inline(
        "周邓纪念馆在津落成\n\n\
         本报讯　纪念馆今天正式开放，前来瞻仰的群众络绎不绝。\n\n\
         文物征集组组长李爱华告诉记者：“我们把这张会议桌搬进馆里来的时候，就想哭。\n\n\
         ”负责陈列的工作人员掀开桌布，将周总理用过的文具一一指给记者看。\n",
    );
    assert_eq!(headlines(&page), ["周邓纪念馆在津落成"], "{page:#?}");
    let body: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert!(body.iter().any(|t| t.contains("就想哭。”负责陈列")), "{body:#?}");
}

/// A headless column printed before an article's headline, after an article
/// closed by its signature, goes back to the end of the article whose last
/// sentence dangles into it, when it shares that article's words.
#[test]
fn a_headless_column_goes_to_the_dangling_end_of_the_next_article() {
    let page = parse_inline(
        "一封表扬信\n\n\
         年前，市分行办公室收到了一封表扬信，信中称赞分行机关作风扎实。\n\n\
         这样的表扬信，分行机关去年收到了十多封。（王明）\n\n\
         现迟到早退的现象，甚至科室唱起了空城计，人找不到，事办不了。一年十二个月，再松个把月，工作时间还有多少？\n\n\
         给部门单位提个醒过年莫刮“三风”\n\n\
         本报记者　郝龙\n\n\
         春节将至，这里提醒各机关单位，过年莫刮“三风”。\n\n\
         三是莫刮“工作松扣”风。节前，机关适当调剂一下时间不是不行，但切不可整体松动，以至\n",
    );
    assert_eq!(headlines(&page), ["一封表扬信", "给部门单位提个醒过年莫刮“三风”"], "{page:#?}");
    let last = page.articles[1].body.last().map(|b| b.text.as_str()).unwrap_or("");
    assert!(last.contains("以至现迟到早退"), "{page:#?}");
}

/// A sentence's own punctuation after a closing quote (…发展” / 。这是…) goes
/// on the sentence: one paragraph.
#[test]
fn punctuation_after_a_closing_quote_continues_the_sentence() {
    let page = parse_inline(
        "波兰总统发表新年贺词\n\n\
         新年前夕，各国领导人纷纷发表新年贺词，回顾过去一年，展望新的一年。\n\n\
         波兰总统克瓦希涅夫斯基在贺词中说，过去的一年里波兰经济增长较快，新的一年波兰将继续“保持稳定和发展”\n\n\
         。这是全体波兰人的共同心愿，大家一起建设更加美好的波兰。\n",
    );
    assert_eq!(headlines(&page), ["波兰总统发表新年贺词"], "{page:#?}");
    let body: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert!(body.iter().any(|t| t.contains("保持稳定和发展”。这是")), "{body:#?}");
}

/// The last paragraphs of an article that dangle into a paragraph of the
/// next article left starting mid-paragraph after a sentence end (…对话促 /
/// 成了…), and share its words, are a column of it printed out of place.
#[test]
fn a_dangling_tail_goes_before_the_next_article_s_cut_paragraph() {
    let page = parse_inline(
        "利比亚赞扬南非与中国建交\n\n\
         \u{3000}\u{3000}新华社突尼斯１月３日电　利比亚官方通讯社今天发表评论，赞扬南非同中国建立外交关系。\n\n\
         \u{3000}\u{3000}评论说，南非总统曼德拉坚持一个中国的原则，这是明智的决定。\n\n\
         \u{3000}\u{3000}评论指出，南非此举顺应了历史潮流，深受利比亚各界的欢迎。\n\n\
         \u{3000}\u{3000}在谈到吉对外关系时，阿卡耶夫指出，吉尔吉斯斯坦同中国有着共同的边界，睦邻友好是吉尔吉斯斯坦外交的首要方向。\n\n\
         \u{3000}\u{3000}阿卡耶夫同时指出，睦邻关系将吉尔吉斯斯坦与最大的邻国中国联系在一起。吉中之间积极的政治对话促\n\n\
         吉总统谈内政外交强调与中国保持睦邻关系\n\n\
         \u{3000}\u{3000}新华社阿拉木图１月４日电　吉尔吉斯斯坦总统阿卡耶夫日前接受采访，谈到吉尔吉斯斯坦的内政和外交。\n\n\
         \u{3000}\u{3000}阿卡耶夫说，吉尔吉斯斯坦去年经济增长较快，通货膨胀保持在较低水平。\n\n\
         成了吉中两国历史遗留边界问题的解决，吉中两国签署了巩固边境地区信任的文件。\n",
    );
    assert_eq!(headlines(&page), ["利比亚赞扬南非与中国建交", "吉总统谈内政外交强调与中国保持睦邻关系"], "{page:#?}");
    assert!(page.articles[0].body.iter().all(|b| !b.text.contains("阿卡耶夫")), "{page:#?}");
    assert!(page.articles[1].body.iter().all(|b| !b.text.contains("评论")), "{page:#?}");
    let body: Vec<&str> = page.articles[1].body.iter().map(|b| b.text.as_str()).collect();
    assert!(body.iter().any(|t| t.contains("对话促成了吉中两国")), "{body:#?}");
}

/// Text after an article's signature that runs on into the next article's
/// cut sentence is a column of that article, even on the same subject.
#[test]
fn a_run_after_a_signature_goes_to_the_article_it_continues() {
    let page = parse_inline(
        "以色列预算之争与内阁危机\n\n\
         \u{3000}\u{3000}在以色列内阁围绕财政预算的激烈争吵中，外长利维宣布辞职，内阁危机一触即发。\n\n\
         \u{3000}\u{3000}预算之争的焦点是外长利维和财长的尖锐分歧。利维认为，预算没有顾及以色列普通劳动阶层的利益。\n\n\
         \u{3000}\u{3000}内塔尼亚胡在记者招待会上表示，内阁要员将同利维商讨预算问题，内阁危机可望化解。\n\n\
         \u{3000}\u{3000}内塔尼亚胡政府面临的困难还有很多，以色列政局的走向值得关注。\n\n\
         \u{3000}\u{3000}（本报开罗１月５日电）\n\n\
         记者招待会上说，他同其他内阁要员已一致同意根据利维的要求增加预算，以化解内阁危机。\n\n\
         \u{3000}\u{3000}在谈到中东和平进程问题时，内塔尼亚胡说，以色列的立场没有变。他说，推动和平\n\n\
         以总理希望利维收回辞呈\n\n\
         \u{3000}\u{3000}新华社耶路撒冷１月４日电　以色列总理内塔尼亚胡４日希望外长利维收回辞呈。\n\n\
         \u{3000}\u{3000}内塔尼亚胡在总统府举行的\n\n\
         进程需要以巴双方共同作出努力。他希望巴方采取措施打击暴力。\n",
    );
    assert_eq!(headlines(&page), ["以色列预算之争与内阁危机", "以总理希望利维收回辞呈"], "{page:#?}");
    let body = |i: usize| page.articles[i].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(!body(0).contains("记者招待会上说"), "{page:#?}");
    assert!(body(1).contains("推动和平进程需要"), "{page:#?}");
}

/// A headless column printed before an article's headline goes into the gap
/// it fills inside that article on weaker evidence than a titled article's
/// tail, when its words are that article's rather than the one before it.
#[test]
fn a_headless_column_fills_the_gap_inside_the_next_article() {
    let page = parse_inline(
        "一封表扬信\n\n\
         年前，市分行办公室收到了一封表扬信，信中称赞分行机关作风扎实。\n\n\
         这样的表扬信，分行机关去年收到了十多封。（王明）\n\n\
         现迟到早退的现象，甚至科室唱起了空城计，工作松扣，人找不到，事办不了，\n\n\
         给部门单位提个醒过年莫刮“三风”\n\n\
         本报记者　郝龙\n\n\
         春节将至，这里提醒各机关单位，过年莫刮“三风”。\n\n\
         三是莫刮“工作松扣”风。节前，机关适当调剂一下时间不是不行，但切不可整体松动，以至\n\n\
         这个问题不能不引起重视，各单位要严格执行考勤制度。\n",
    );
    assert_eq!(headlines(&page), ["一封表扬信", "给部门单位提个醒过年莫刮“三风”"], "{page:#?}");
    let body = page.articles[1].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("以至现迟到早退"), "{page:#?}");
    assert!(body.contains("事办不了，这个问题"), "{page:#?}");
}

/// On a page that indents its paragraphs and sets its heads flush, a
/// title-shaped line printed with the indent is never a head: here the last
/// piece of a column printed before its article's headline (…首先是), which
/// would otherwise read as that article's first title line.
#[test]
fn an_indented_line_over_a_flush_head_is_no_headline() {
    let page = parse_inline(
        "山区公路通到家门口\n\n\
         \u{3000}\u{3000}本报讯　今年全县新修公路二百多公里，村村通了公路，山里的土特产运得出去了。\n\n\
         \u{3000}\u{3000}县交通局长说，明年还要把公路修到每一个自然村。\n\n\
         \u{3000}\u{3000}总理在阐述明年的任务时强调要解决好各种问题，首先是\n\n\
         河内总理谈今年工作方针\n\n\
         \u{3000}\u{3000}新华社河内１２月３１日电　总理今天在这里说，明年将大力挖掘国内潜力，保持经济增长。\n\n\
         就业问题和农村问题。总理说，明年还要继续改善投资环境，吸引更多外资。\n",
    );
    assert_eq!(headlines(&page), ["山区公路通到家门口", "河内总理谈今年工作方针"], "{page:#?}");
    assert!(page.articles.iter().all(|a| a.subheadlines.is_empty() && a.kicker.is_none()), "{page:#?}");
}

/// Where heads are set flush, the captions listed under 图片： are printed as
/// paragraphs, each with its indent: an unfinished caption line does not run
/// on into the next indented one, and the list ends after as many as the
/// headline counts, before the next article's flush headline.
#[test]
fn indented_captions_under_a_picture_list_are_items_of_their_own() {
    let page = parse_inline(
        "图表怎么看（附图片２张）\n\n\
         \u{3000}\u{3000}图表，是把每天的价格变化用图形画出来，再按时间顺序排列起来的一种方法。\n\n\
         \u{3000}\u{3000}图片：\n\n\
         \u{3000}\u{3000}南方城市物价周线图\n\n\
         \u{3000}\u{3000}北方城市物价周线图\n\n\
         学理财\n\n\
         利息\n\n\
         \u{3000}\u{3000}利息是借款人付给贷款人的报酬，它的多少取决于本金、期限和利率三个因素。\n",
    );
    assert_eq!(headlines(&page), ["图表怎么看（附图片２张）", "学理财"], "{page:#?}");
}

/// An indented lone line between a finished paragraph and a new one, on a page
/// that sets its heads flush, is an intertitle of the article's prose.
#[test]
fn an_indented_lone_line_in_prose_is_an_intertitle() {
    let page = parse_inline(
        "村里来了技术员\n\n\
         \u{3000}\u{3000}今年春天，县农技站派来三名技术员，在村里办起了培训班，教大家科学种田。\n\n\
         \u{3000}\u{3000}培训班开了一个月，全村二百多户都有人参加，不少人拿到了绿色证书。\n\n\
         \u{3000}\u{3000}大棚里的新故事\n\n\
         \u{3000}\u{3000}技术员帮村里建起了三十个蔬菜大棚，冬天也能种出新鲜蔬菜，每棚收入上万元。\n\n\
         县里表彰科技示范户\n\n\
         \u{3000}\u{3000}本报讯　县委县政府日前召开大会，表彰了一百名科技示范户，每户奖励一千元。\n",
    );
    assert_eq!(headlines(&page), ["村里来了技术员", "县里表彰科技示范户"], "{page:#?}");
    let kinds: Vec<BlockKind> = page.articles[0].body.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[2], BlockKind::Intertitle, "{page:#?}");
}

/// A title-shaped line that ends a sentence (谱吗！) right after text cut
/// mid-sentence (…电价还有) is that sentence's end, cut off by a column break;
/// the same line over a byline is a headline.
#[test]
fn an_exclamation_after_text_cut_mid_sentence_ends_that_sentence() {
    let page = |next: &str| {
        parse_inline(&format!(
            "农村电价该降了\n\n\
             本报讯　记者日前在几个县调查发现，农村电价普遍偏高，一些地方每度电要一元多钱。\n\n\
             乡村电工说，层层加价的地方，电价还有\n\n\
             谱吗！\n\n\
             {next}\n\n\
             以上情况说明，整顿农村电价已经刻不容缓，有关部门应当尽快拿出办法来。\n"
        ))
    };
    let cut = page("调查组建议，各地要认真清理农村电价，取消一切不合理的收费。");
    assert_eq!(headlines(&cut), ["农村电价该降了"], "{cut:#?}");
    assert!(body_text(&cut).contains("电价还有谱吗！"), "{cut:#?}");
    let bylined = page("本报记者　王小明");
    assert_eq!(headlines(&bylined), ["农村电价该降了", "谱吗！"], "{bylined:#?}");
}

/// A column cut from inside a wrapped block that ends one paragraph and opens
/// the next (和社会进步…抓好。 / 如果说过去…门路上来，) reads into a hidden gap
/// only moderately at either end, yet better than the lines around the gap
/// read into each other: it goes back into that article, not the one before.
#[test]
fn a_column_spanning_two_paragraphs_goes_back_into_a_hidden_gap() {
    let first = wrap(
        &[
            "海口市的领导近年来一直把教育放在优先发展的位置，全市财政性基建投入有三成用于学校建设。",
            "一幢幢新建的教师住宅拔地而起，许多外地教师慕名而来，海口的学校面貌焕然一新。",
        ],
        12,
    );
    let second = wrap(
        &[
            "下岗职工再就业是反映经济状况的一个晴雨表，它是一个极为重要的民生问题，是衡量一个地区经济发展和社会进步的重要标志，各级党政领导都要把它当作一项重大政治任务来抓好。",
            "如果说过去的再就业工作重点是安排几个人，那么今天则必须尽快转到培训职工开辟新的就业门路上来，实现经济的持续快速健康发展才是我们努力的方向。",
        ],
        12,
    );
    // the moved column: the end of the first paragraph and the start of the second
    let start = second.iter().position(|l| l.starts_with("和社会进步")).expect("line");
    let stop = second.iter().position(|l| l.starts_with("实现经济")).expect("line");
    let moved: Vec<String> = second[start..stop].to_vec();
    let mut lines = vec!["海口重教育".to_string()];
    lines.extend(first);
    lines.extend(moved.iter().cloned());
    lines.push("再就业是大事".to_string());
    lines.extend(second[..start].iter().cloned());
    lines.extend(second[stop..].iter().cloned());
    let text = lines.join("\n") + "\n";
    let page = parse_inline(&text);
    assert_eq!(headlines(&page), ["海口重教育", "再就业是大事"], "{text}\n{page:#?}");
    // (which of the block's line breaks it fills, the words alone cannot always tell)
    let body = page.articles[1].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("和社会进步的重要标志") && body.contains("就业门路上来，"), "{text}\n{page:#?}");
    assert!(page.articles[0].body.iter().all(|b| !b.text.contains("就业")), "{page:#?}");
}

/// An article's first column printed after its second, which ends with the
/// writer's signature (…（章文）), is no article of its own: the article's
/// text opens mid-paragraph, and the headless column's last piece reads into
/// it, so the column goes back to the front.
#[test]
fn a_lead_column_printed_after_a_signed_one_goes_back_to_the_front() {
    let page = parse_inline(
        "山区公路通到家门口\n\n\
         \u{3000}\u{3000}本报讯　今年全县新修公路二百多公里，村村通了公路，山里的土特产运得出去了。\n\n\
         观众评说获奖影片\n\n\
         由观众来评说这些影片的得失。这次征文的一等奖获得者，将应邀参加今年的颁奖晚会。（章文）\n\n\
         \u{3000}\u{3000}去年岁末，一场围绕观众看过的获奖影片的征文比赛在全国展开，组织者请各地影院放映这些影片，\n\n\
         专家研讨电视新栏目\n\n\
         \u{3000}\u{3000}本报讯　中央电视台新栏目开播一年来，播出节目三百多期，专家们日前对栏目进行了研讨。\n",
    );
    assert_eq!(headlines(&page), ["山区公路通到家门口", "观众评说获奖影片", "专家研讨电视新栏目"], "{page:#?}");
    let film = &page.articles[1].body;
    assert!(film[0].text.starts_with("去年岁末") && film[0].text.contains("放映这些影片，由观众来评说"), "{page:#?}");
}

/// Two sports articles, the second cut by a column break (…康威、格威), with a
/// headless `column` printed between them.
fn two_sports_articles(column: &str) -> Page {
    parse_inline(&format!(
        "排球联赛才战两轮\n\n\
         \u{3000}\u{3000}本报讯　上届冠军四川男排本轮又负一场，十六支参赛队都已有过败绩，联赛悬念迭起。\n\n\
         \u{3000}\u{3000}本轮其他几场比赛的结果是，辽宁男排与浙江男排各胜一场，上海女排两胜八一女排。\n\n\
         {column}\n\n\
         感受李宁牌\n\n\
         \u{3000}\u{3000}提起李宁牌运动服，人们会想起那个红色的徽记，它多像一面迎风招展的旗帜。\n\n\
         \u{3000}\u{3000}近年来国内涌现出了康威、格威\n\n\
         \u{3000}\u{3000}为此，李宁牌在南方成立了鞋业开发中心，李宁牌运动鞋已经走向了世界。\n"
    ))
}

/// A column of an article printed at the end of the article before it, which
/// ends its sentences and opens mid-paragraph (a line set flush on a page that
/// indents its paragraphs), fills the gap it left inside its own article
/// (…康威、格威 / 特等高水准…), though neither article's text dangles at its end.
#[test]
fn a_column_opening_mid_paragraph_fills_a_gap_inside_the_next_article() {
    let page = two_sports_articles(
        "特等高水准的竞争对手，也是促使这家公司不断创新突破的一个诱因。面对强手，他们的信心更足了。",
    );
    assert_eq!(headlines(&page), ["排球联赛才战两轮", "感受李宁牌"], "{page:#?}");
    let body = page.articles[1].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("格威特等高水准"), "{page:#?}");
}

/// A headless column that goes to the next article on its words alone is not
/// put between two pieces of that article that visibly run on (…在用活阅报栏 /
/// 的同时…): what it would part counts against a place.
#[test]
fn a_moved_column_does_not_part_text_that_runs_on() {
    let page = parse_inline(
        "清丰县农村党员读报用报蔚然成风，阅报栏、座谈会遍布各村，全县经济有了长足的发展。据统计，清丰县农村党员去年通过读报用报增收八百多万元。（张芳）\n\n\
         报刊引来致富路\n\n\
         本报讯　近年来，清丰县三千多名农村党员通过订阅报刊，掌握致富信息，走上了致富路。\n\n\
         各级党组织结合农村特点，在读报和用报上下功夫，在用活阅报栏\n\n\
         的同时，举办了多种形式的读报用报座谈会，农村党员说，报中自有致富路。\n",
    );
    assert_eq!(headlines(&page), ["报刊引来致富路"], "{page:#?}");
    let body = page.articles[0].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("在用活阅报栏的同时"), "{page:#?}");
    assert!(body.ends_with("增收八百多万元。（张芳）"), "{page:#?}");
}

/// A paragraph ending with a colon (新年有“三愿”：) announces the paragraphs
/// after it: they are not briefs split off the article, however little they
/// share its words; news items after them still are.
#[test]
fn paragraphs_announced_by_a_colon_are_no_briefs() {
    let page = parse_inline(
        "社长的新年“三愿”\n\n\
         李明\n\n\
         \u{3000}\u{3000}新年有“三愿”：\n\n\
         \u{3000}\u{3000}最大的心愿是希望有关政权交接的重大问题在今年有重大突破，包括公务员本地化和中文官方地位等问题。\n\n\
         \u{3000}\u{3000}第二个心愿是希望经济能够得到较好的发展，社会维持安定，使广大居民过一个幸福平安的年份。\n\n\
         \u{3000}\u{3000}第三个心愿是希望全体居民能更好地学习基本法，更积极地参与各项事务，为平稳过渡作出贡献。\n\n\
         \u{3000}\u{3000}据台湾“内政部”最新发布的人口统计，截至去年十一月底，台湾地区人口总数为二千一百多万人。\n\n\
         \u{3000}\u{3000}去年香港的整体治安状况进一步改善，犯罪案件较上年同期下降百分之十五，青少年犯罪案件也有减少。\n",
    );
    assert_eq!(page.articles[0].headline.as_deref(), Some("社长的新年“三愿”"), "{page:#?}");
    let body = page.articles[0].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("最大的心愿") && body.contains("第三个心愿"), "{page:#?}");
    assert!(!body.contains("人口统计"), "{page:#?}");
}

/// A bracketed reference to another page after a sentence (…共１３人。（名单见
/// １２版）) is no signature: the article goes on after it.
#[test]
fn a_reference_to_another_page_signs_nothing() {
    let page = parse_inline(
        "征文评奖揭晓\n\n\
         本报讯　本报征文获奖作品日前评选揭晓，获得一、二、三等奖的作者共１３人。（名单见１２版）\n\n\
         这次征文历时１０个月，先后收到来稿近万件，作品形式包括诗词、散文、报告文学等。\n\n\
         山区公路通到家门口\n\n\
         本报讯　今年全县新修公路二百多公里，村村通了公路，山里的土特产运得出去了。\n",
    );
    assert_eq!(headlines(&page), ["征文评奖揭晓", "山区公路通到家门口"], "{page:#?}");
    assert!(page.articles[0].body.iter().any(|b| b.text.starts_with("这次征文历时")), "{page:#?}");
}

/// A titled article's last column that ends with its signature (…。（本报珀斯
/// １月１２日电）) closes that article: however it opens, it fills no gap
/// inside the next one.
#[test]
fn a_signed_last_column_fills_no_gap_inside_the_next_article() {
    let page = two_sports_articles(
        "特等高水准的竞争对手，也是促使这些球队不断创新突破的一个诱因。面对强手，他们的信心更足了。（本报珀斯１月１２日电）",
    );
    assert_eq!(headlines(&page), ["排球联赛才战两轮", "感受李宁牌"], "{page:#?}");
    let body = page.articles[0].body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("特等高水准"), "{page:#?}");
}

/// A title over bulleted items (▲…), after an article none of whose text is
/// bulleted, heads a column of news in brief of its own, however much of the
/// article's vocabulary the items share.
#[test]
fn a_title_over_bulleted_items_heads_a_column() {
    let page = parse_inline(
        "侨报举办创刊十周年庆典\n\n\
         本报巴黎１月９日电　旅法华人创办的华文报纸日前在巴黎举行创刊十周年庆典，各国侨胞代表和友好人士五百多人出席。\n\n\
         报社社长在庆典上回顾了十年来的历程，表示报纸将继续为侨社服务，增进中法两国人民的了解和友谊。\n\n\
         中国驻法国大使在庆典上致辞，祝贺报纸创刊十周年，希望报纸为发展中法友好关系作出新的贡献。\n\n\
         出席庆典的还有法国政府官员和巴黎市议员，他们称赞报纸在促进两国交往方面所起的作用。\n\n\
         国际交往\n\n\
         ▲法国总统８日在巴黎会见了来访的中国友好代表团，双方就发展两国友好关系交换了意见。\n\n\
         ▲泰国总理７日在曼谷会见了中国贸易代表团，表示愿意进一步扩大两国的经贸合作和友好交往。\n",
    );
    assert_eq!(headlines(&page), ["侨报举办创刊十周年庆典", "国际交往"], "{page:#?}");
}

/// A last paragraph that opens on no named source or on a tally (据统计，…)
/// goes on the report before it, however few of its words it shares: a news
/// item of its own names its source.
#[test]
fn a_tally_after_a_report_is_no_brief() {
    let page = parse_inline(
        "城市信用社服务上新台阶\n\n\
         本报讯　某市城市信用社抓服务促业务，去年各项工作取得明显成效，受到了广大市民和中小企业的普遍欢迎。\n\n\
         据统计，上年末人民币资产总额达到三百零二亿元，各项存款二百七十五亿元，比上年末增加三十七亿元。\n",
    );
    assert_eq!(headlines(&page), ["城市信用社服务上新台阶"], "{page:#?}");
}

/// A run of the next article's text printed after an article's last finished
/// sentence, dangling into that article's head (…居次席，), goes back into the
/// gap it fills in the next article's text.
#[test]
fn a_dangling_run_after_a_finished_article_goes_on_to_the_next() {
    let page = parse_inline(
        "全国女排联赛战罢三轮\n\n\
         本报讯记者李明报道：全国女排联赛第三轮比赛昨天结束，上届冠军天津队以三比零战胜江苏队。\n\n\
         上海队本轮以二比三负于八一队，在积分榜上仍仅次于天津队排在第二。\n\n\
         本轮其余比赛结果是：四川队主场以三比一战胜浙江队，辽宁队客场以三比二战胜福建队。\n\n\
         还有上届跳水金牌获得者俄罗斯的波波娃等。在裁判明显压分的不利情况下，王小红沉着应战，最后以四百零二分夺得跳水金牌。\n\n\
         美国的史密斯仅以一分之差居次席，\n\n\
         世界跳水锦标赛王小红十米台夺冠\n\n\
         本报珀斯１月１１日电记者张华报道：中国跳水选手王小红１０日在女子十米台决赛中夺得金牌。\n\n\
         八名进入决赛的选手均实力强劲，除中国的王小红、刘芳外，\n\n\
         俄罗斯的波波娃名列第三，中国的刘芳列第四。\n",
    );
    assert_eq!(headlines(&page), ["全国女排联赛战罢三轮", "世界跳水锦标赛王小红十米台夺冠"], "{page:#?}");
    let first = body_text(&page);
    assert!(!page.articles[0].body.iter().any(|b| b.text.contains("史密斯")), "{first}");
}

/// Headless wire briefs of one agency under their own datelines stay apart
/// however alike their subjects, even when a piece finishing a sentence of the
/// first (a lone 。 cut off at a column foot) stands in it.
#[test]
fn a_lone_stop_keeps_wire_briefs_apart() {
    let page = parse_inline(
        "春运首日客流平稳\n\n\
         本报讯　今年春运第一天，全国铁路发送旅客二百三十万人，客流总体平稳有序，各地车站秩序良好。\n\n\
         据新华社北京１月９日电（记者王平）国务委员兼国防部长今天下午在北京会见了来访的荷兰国防大臣，双方就两国两军关系交换了意见\n\n\
         。\n\n\
         据新华社北京１月９日电（记者李强）总后勤部部长今天在北京会见了来访的荷兰国防大臣一行，双方就两军后勤交流交换了意见。\n",
    );
    assert_eq!(page.articles.len(), 3, "{page:#?}");
    assert!(page.articles[2].body[0].text.contains("总后勤部部长"), "{page:#?}");
}

/// On a page whose articles each carry a byline or a dateline, a short line set
/// flush over more of a bylined story's text, with no byline of its own, is an
/// intertitle of that story (种子备足了), not the headline of a new one.
#[test]
fn flush_intertitles_on_a_bylined_page_stay_in_their_story() {
    let (_, page) = parse("renmin-2022-03-15-04.txt");
    assert_eq!(page.articles.len(), 3, "{:#?}", headlines(&page));
    let a = &page.articles[1];
    assert_eq!(a.bylines[0].names, ["刘洋"]);
    let inter: Vec<&str> = a.body.iter().filter(|b| b.kind == BlockKind::Intertitle).map(|b| b.text.as_str()).collect();
    assert_eq!(inter, ["种子备足了", "农资供应稳"]);
    let body = body_text(&page);
    let (said, store) = (body.find("“今年我们新添了").unwrap(), body.find("在合作社的仓库里").unwrap());
    assert!(said < store, "{body}");
    assert_eq!(page.articles[2].headline.as_deref(), Some("水利部部署春灌工作"));
}

/// A page's masthead (the paper's name), its bare page number over all its
/// text and an editor's credit in brackets are furniture, not articles.
#[test]
fn masthead_page_number_and_bracketed_editor_are_furniture() {
    let (_, page) = parse("jingji-2025-11-28-03.txt");
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(un, ["经济日报", "2025年11月28日 星期五", "3", "综合", "（本版责编：张 虎）"]);
    assert_eq!(headlines(&page)[..3], ["新型储能装机规模持续扩大", "“双十一”快递业务量创新高", "专家建言"]);
    let wire = &page.articles[1];
    assert_eq!(wire.dateline.as_ref().and_then(|d| d.date.as_deref()), Some("2025-11-27"));
    assert_eq!(wire.captions[0].credit.as_deref(), Some("新华社记者 李博 摄"));
    assert_eq!(page.articles[0].jumps[0].page.as_deref(), Some("4"));
}

/// A writers' sign-off printed in brackets as a paragraph of its own names the
/// article's bylines (and once only, where the head named them too); an
/// editors' line of names without a colon is furniture.
#[test]
fn bracketed_sign_off_is_the_articles_byline() {
    let (_, page) = parse("chengdu-2025-11-28-A04.txt");
    // (and the page signing its articles, the line over the signed story's last
    // section is its intertitle)
    assert_eq!(headlines(&page), ["地铁30号线一期主体结构完工", "社区食堂开进老旧小区"], "{page:#?}");
    let station = &page.articles[0];
    assert!(station.body.iter().any(|b| b.kind == BlockKind::Intertitle && b.text == "站点设计融入本土文化"));
    let names: Vec<String> =
        station.bylines.iter().map(|b| format!("{}{}", b.role.as_deref().unwrap_or(""), b.names.concat())).collect();
    assert_eq!(names, ["记者张小雨", "通讯员王磊"]);
    assert!(station.body.iter().all(|b| !b.text.contains("通讯员")));
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert!(un.contains(&"编辑 周文 美编 李想"), "{un:?}");

    let page = parse_inline(
        "社区食堂开进老旧小区\n\n记者 张小雨 通讯员 王磊\n\n居民说，食堂的饭菜很合口味，价格也实惠。\n\n（记者 张小雨 通讯员 王磊）\n",
    );
    assert_eq!(page.articles.len(), 1, "{page:#?}");
    assert_eq!(page.articles[0].bylines.len(), 2, "{page:#?}");
    assert_eq!(page.articles[0].body.len(), 1, "{page:#?}");
    // a photo's credit in brackets is no writer's sign-off
    let page = parse_inline("图片新闻\n\n小朋友们在公园里放风筝。\n\n（姜伟 尚占摄影报道）\n");
    assert!(page.articles[0].bylines.is_empty(), "{page:#?}");
}

/// A masthead line ending on a bare page number is furniture; an interview's
/// speaker lines (记者：…) are text, not bylines; bullet-led and trainee bylines
/// keep their roles.
#[test]
fn masthead_with_bare_page_number_and_interview_lines() {
    let (_, page) = parse("hunan-2025-06-10-04.txt");
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(un, ["湖南日报 2025年6月10日 星期二 04", "要闻"]);
    assert_eq!(page.articles[0].headline, None);
    assert_eq!(page.articles[0].jumps[0].kind, JumpKind::ContinuedFrom);
    let night = &page.articles[2];
    let roles: Vec<&str> = night.bylines.iter().filter_map(|b| b.role.as_deref()).collect();
    assert_eq!(roles, ["全媒体记者", "见习记者"]);
    assert!(night.body.iter().any(|b| b.text.starts_with("记者：今年夜间消费")), "{night:#?}");
}

/// A hard-wrapped modern page: a section label over a displaced column is
/// furniture, not text the column carries back into its story; a number broken
/// over two lines is joined without a space.
#[test]
fn section_label_over_a_displaced_column_stays_furniture() {
    let (_, page) = parse("xiamen-2024-04-18-A2.txt");
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(un, ["厦门日报 2024年4月18日 星期四 A2", "本市新闻"]);
    assert_eq!(headlines(&page), ["五缘湾片区打造滨海休闲新地标", "厦门港集装箱吞吐量同比增长"]);
    let body = body_text(&page);
    assert!(body.contains("不少市民带着孩子来这里散步"), "{body}");
    assert!(body.contains("约310万标箱"), "{body}");
    assert_eq!(page.articles[0].jumps[0].page.as_deref(), Some("A3"));
}

/// A column label after a bullet (■记者手记) is its story's kicker, not a
/// byline naming a 记者 called 手记; 本版责任编辑 is an editors' credit.
#[test]
fn reporters_notebook_label_is_a_kicker() {
    let (_, page) = parse("guangming-2023-09-05-07.txt");
    let note = &page.articles[1];
    assert_eq!(note.kicker.as_deref(), Some("■记者手记"), "{note:#?}");
    assert_eq!(note.headline.as_deref(), Some("合作共赢是最好的答案"));
    assert!(note.bylines.is_empty(), "{note:#?}");
    assert!(page.unassigned.iter().any(|u| u.text == "本版责任编辑：刘 洋 孙 颖"));
    let wire = &page.articles[0];
    assert_eq!(wire.dateline.as_ref().and_then(|d| d.agency.as_deref()), Some("新华社"));
    assert_eq!(wire.jumps[0].kind, JumpKind::SeeAlso);
}

/// An OCR'd page printing its punctuation half-width (,.") still ends its
/// sentences and paragraphs on `.`, and a paragraph's tail cut by a column
/// break (…确保农民"有 / 地方卖粮、卖得出去".) is text, not a title.
#[test]
fn half_width_punctuation_of_an_ocr_page() {
    let (_, page) = parse("zhuzhou-2022-07-01-A3.txt");
    assert_eq!(headlines(&page), ["全市夏粮收购工作有序推进", "醴陵瓷博会8月开幕"], "{page:#?}");
    let body: Vec<&str> = page.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(body.len(), 3, "{body:#?}");
    assert!(body[2].ends_with("确保农民\"有地方卖粮、卖得出去\"."), "{body:#?}");
    assert_eq!(page.articles[1].bylines[0].names, ["王芳"]);
}

/// A column's last piece that looks like a title line, whose last word runs on
/// into the text under it (…生产线全面投 / 产。…), is that text cut at the
/// column's foot: the numbered photo items stay one article.
#[test]
fn title_shaped_piece_whose_word_runs_on_is_text() {
    let page = parse_inline(
        "新春走基层（附图片３张）\n\n\
         １、港口一派繁忙\n\n\
         元旦刚过，港区码头上吊机林立，一艘艘货轮正在装卸集装箱。（王明摄）\n\n\
         ２、新厂房里机器轰鸣\n\n\
         新建的汽车零部件厂房里，一条条生产线全面投\n\n\
         产。工人们正在调试设备，确保订单按期交付。（李华摄）\n\n\
         ３、乡村学校添新书\n\n\
         山区小学的孩子们收到了爱心人士捐赠的图书，个个爱不释手。（张强摄）\n",
    );
    assert_eq!(headlines(&page), ["新春走基层（附图片３张）"], "{page:#?}");
    assert!(body_text(&page).contains("生产线全面投产。"), "{page:#?}");
}

/// A page printed in Traditional characters is read like a Simplified one
/// (byline, dateline, jump, furniture), and its texts come out as printed.
#[test]
fn traditional_page_reads_like_a_simplified_one() {
    let (text, page) = parse("wenwei-2024-03-08-A12.txt");
    assert_eq!(headlines(&page), ["新界東北發展提速"], "{page:#?}");
    let a = &page.articles[0];
    assert_eq!(a.subheadlines, ["首批公屋明年入伙"]);
    assert_eq!(a.bylines[0].role.as_deref(), Some("記者"));
    assert_eq!(a.bylines[0].names, ["陳家樂"]);
    assert_eq!(a.dateline.as_ref().map(|d| d.text.as_str()), Some("本報訊"));
    assert_eq!((a.jumps[0].kind, a.jumps[0].page.as_deref()), (JumpKind::ContinuedOn, Some("A13")));
    assert!(a.body[0].text.starts_with("特區政府昨日公布"));
    let un: Vec<&str> = page.unassigned.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(un, ["香港文匯報 2024年3月8日 星期五 A12", "港聞", "責任編輯：李 明"]);
    // the spans still point at the characters as printed: the text they cover
    // holds the article's paragraphs
    let covered: String = a.spans.iter().map(|s| slice(&text, *s)).collect::<String>().split_whitespace().collect();
    for b in &a.body {
        assert!(covered.contains(&b.text), "{} not in {covered}", b.text);
    }
}

/// A continuation mark printed in front of a paragraph ((上接第1版)另外，…) is a
/// jump, cut from the text, and after a finished story it opens the part of
/// the other story that goes on here.
#[test]
fn continuation_mark_in_front_of_a_paragraph_opens_a_part() {
    let page = parse_inline(
        "各地积极备战春运\n\n\
         本报讯 春运即将开始，各地交通部门提前部署，确保旅客平安出行。\n\n\
         （上接第1版）另外，交通部门还开通了多条临时线路。\n\n\
         铁路部门也增开了夜间列车。\n",
    );
    assert_eq!(page.articles.len(), 2, "{page:#?}");
    let part = &page.articles[1];
    assert_eq!(part.headline, None);
    assert_eq!((part.jumps[0].kind, part.jumps[0].page.as_deref()), (JumpKind::ContinuedFrom, Some("1")));
    assert_eq!(part.jumps[0].text, "（上接第1版）");
    assert_eq!(part.body[0].text, "另外，交通部门还开通了多条临时线路。");
    assert!(page.articles[0].jumps.is_empty());
}

/// A byline led by 文·图 (text and pictures by) keeps its trainees' roles, and a
/// file photo's caption ends on its credit 资料图片, which names no one.
#[test]
fn text_and_pictures_byline_and_file_photo_credit() {
    let page = parse_inline(
        "科技馆新馆开放\n\n文·图 见习记者 李想 实习生 王一鸣\n\n\
         科技馆新馆昨日正式对外开放，首日接待观众超过八千人次。\n\n\
         图为观众在新馆体验互动展项。 资料图片\n",
    );
    let a = &page.articles[0];
    let roles: Vec<&str> = a.bylines.iter().filter_map(|b| b.role.as_deref()).collect();
    assert_eq!(roles, ["见习记者", "实习生"], "{page:#?}");
    assert_eq!(a.captions[0].credit.as_deref(), Some("资料图片"), "{page:#?}");
    assert_eq!(a.captions[0].text, "图为观众在新馆体验互动展项。");
}
