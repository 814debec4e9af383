//! The page JSON: the public data format of baokan (`shared/formats/page-json.md`).

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode code points in the decoded page text.
pub type Span = [usize; 2];

/// One reconstructed newspaper page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Page {
    /// Masthead name (株洲日报), or `None` when unknown.
    pub paper: Option<String>,
    /// Issue date, ISO 8601.
    pub date: Option<String>,
    /// Page label as printed (A1, B1; 第3版 gives "3").
    pub page: Option<String>,
    /// Name of the input file, when there was one.
    pub source: Option<String>,
    /// The articles, in reading order of their first line.
    pub articles: Vec<Article>,
    /// Page furniture and anything that belongs to no article: nothing is dropped.
    pub unassigned: Vec<Unassigned>,
}

/// Text of the page that belongs to no article (dates, page labels, editor lines).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unassigned {
    /// The text as it stands in the input.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// One article, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable id: `paper/date/page/n`.
    pub id: String,
    /// 引题: the line above the headline.
    pub kicker: Option<String>,
    /// 主题: the headline, or `None` when the page text has none.
    pub headline: Option<String>,
    /// 副题 lines, in order.
    pub subheadlines: Vec<String>,
    /// Who wrote it.
    pub bylines: Vec<Byline>,
    /// Where and when it was filed.
    pub dateline: Option<Dateline>,
    /// Paragraphs and intertitles, repaired, in reading order.
    pub body: Vec<BodyBlock>,
    /// Photo captions with their credits.
    pub captions: Vec<Caption>,
    /// Continuation lines (下转A2版, 上接A1版, 详见B1版).
    pub jumps: Vec<Jump>,
    /// Every change made to the input characters, applied or only flagged.
    pub repairs: Vec<Repair>,
    /// Where in the input page text this article came from.
    pub spans: Vec<Span>,
}

/// A byline: role word, outlet and names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    /// The role word as printed: 记者, 通讯员, 实习生, 摄影, 摄.
    pub role: Option<String>,
    /// The paper or agency before the role word (株洲日报记者 gives 株洲日报).
    pub outlet: Option<String>,
    /// One entry per person.
    pub names: Vec<String>,
}

/// A dateline: 新华社北京5月14日电, 株洲日报讯, 本报北京1月5日讯.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline as printed.
    pub text: String,
    /// The agency or paper (新华社, 株洲日报, 本报).
    pub agency: Option<String>,
    /// The place it was filed from.
    pub place: Option<String>,
    /// The date written in the dateline, resolved against the issue date.
    pub date: Option<String>,
}

/// What a body block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Running text.
    Paragraph,
    /// A heading inside the body (小标题).
    Intertitle,
}

/// A paragraph or intertitle of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyBlock {
    /// Paragraph or intertitle.
    pub kind: BlockKind,
    /// The repaired text.
    pub text: String,
}

/// A photo caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    /// What the photo shows.
    pub text: String,
    /// Who took or gave it (记者 X 摄, 受访企业 供图), if printed.
    pub credit: Option<String>,
}

/// Which way a jump line points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JumpKind {
    /// 下转A2版, 转第3版: the article goes on there.
    ContinuedOn,
    /// 上接A1版, 上接第一版: the article comes from there.
    ContinuedFrom,
    /// 详见B1版, 见第5版: a teaser for a story there.
    SeeAlso,
}

/// A jump line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jump {
    /// Which way it points.
    pub kind: JumpKind,
    /// The page label it names (A2, 3).
    pub page: Option<String>,
    /// The jump line as printed.
    pub text: String,
}

/// What kind of extraction error a repair mends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// Fake-bold text printed twice (让利让利 → 让利).
    Duplicate,
}

/// A change to the input characters, applied or only flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repair {
    /// What it mends.
    pub kind: RepairKind,
    /// The text as it stands in the input (the whole doubled form).
    pub original: String,
    /// The text it becomes.
    pub replacement: String,
    /// Where `original` stands in the input.
    pub span: Span,
    /// How sure the repair is, in `[0, 1]`.
    pub confidence: f64,
    /// Whether the body text has the replacement (`true`) or still the original.
    pub applied: bool,
}
