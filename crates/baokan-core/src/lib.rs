//! # baokan-core
//!
//! Page reconstruction for Chinese daily newspapers. A page as text
//! extraction leaves it (articles run together, columns cut and out of
//! order, fake-bold text printed twice, jump lines and page furniture mixed
//! in) goes in; every article comes out whole: kicker, headline,
//! subheadlines, bylines, dateline, paragraphs in reading order, captions,
//! jumps, and the repairs made, each with its span in the input.
//!
//! The pipeline is a chain of plain functions over plain data:
//! input → [`Line`]s → blocks → roles → articles → reading order →
//! paragraphs → repairs → [`Page`]. Input readers implement [`LineSource`],
//! so text dumps, PDF text layers and OCR XML feed the same pipeline.
//!
//! ```
//! use baokan_core::{PageMeta, Parser};
//!
//! let text = "毛腾飞到醴陵包案下访处理信访问题\n\n株洲日报记者 胡文洁\n\n\
//!             株洲日报讯 5月14日，市委书记毛腾飞到醴陵包案下访。得知该处地质\n\n\
//!             灾害隐患点已制定了治理初步方案，他要求加快项目建设进度。\n\n\
//!             商家让利让利，吸引消费者。\n";
//! let meta = PageMeta::from_file_name("zhuzhou-2020-05-15-A1.txt");
//! let page = Parser::default().parse_text(text, &meta);
//! let article = &page.articles[0];
//! assert_eq!(article.headline.as_deref(), Some("毛腾飞到醴陵包案下访处理信访问题"));
//! assert_eq!(article.bylines[0].names, ["胡文洁"]);
//! assert_eq!(article.dateline.as_ref().unwrap().agency.as_deref(), Some("株洲日报"));
//! assert!(article.body[0].text.contains("该处地质灾害隐患点"));
//! assert_eq!(article.body[1].text, "商家让利，吸引消费者。");
//! assert!(article.repairs[0].applied);
//! ```
#![deny(missing_docs)]

mod blocks;
mod decode;
mod headline;
mod lexicon;
mod lines;
mod lm;
mod logistic;
mod meta;
mod model;
mod order;
mod parse;
mod repair;
mod roles;
mod script;
mod segment;
mod text;

pub use blocks::{build_blocks, measure_layout, Block, Layout};
pub use decode::{decode, DecodeError, Encoding, MAX_PAGE_BYTES};
pub use lexicon::{fold, Lexicon};
pub use lines::{split_lines, BBox, Line, LineSource, TextDump};
pub use lm::{Cohesion, GramCounts, GramSet, LanguageModel, Profile};
pub use meta::PageMeta;
pub use model::{
    Article, BlockKind, BodyBlock, Byline, Caption, Dateline, Jump, JumpKind, Page, Repair, RepairKind, Span,
    Unassigned,
};
pub use order::{continuation, join_paragraphs, repair_order, Paragraph};
pub use parse::{ParseOptions, Parser};
pub use repair::{find_doublings, repair_text, Doubling, APPLY_CONFIDENCE};
pub use roles::{classify, parse_byline, parse_caption, parse_dateline, parse_jump, resolve_date, Role};
pub use script::{is_traditional, simplified};
pub use segment::{assign_roles, page_cohesion, segment, ArticleDraft, Segmentation, Unit};
pub use text::MappedText;
