//! Language knowledge as data: agencies, role words, credit words, sentence
//! ends, reduplication tables, furniture, and the patterns built from them.
//!
//! The tables live in `data/*.txt` (one entry a line or a space-separated
//! list, `#` starts a comment) and are compiled into the library.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::JumpKind;

/// The language tables and the patterns built from them.
#[derive(Debug)]
pub struct Lexicon {
    sentence_ends: CharSet,
    non_initial: CharSet,
    non_final: HashSet<String>,
    clause_non_final: HashSet<String>,
    pub(crate) enumerator: Regex,
    sign_off: Regex,
    photo_markers: Vec<String>,
    /// the first Han character of each photo marker, each once; none when a
    /// marker holds no Han character (and any line may then hold it)
    photo_marker_firsts: Option<Vec<char>>,
    outlet_finals: CharSet,
    role_chars: CharSet,
    unsigned_roles: HashSet<String>,
    report_words: HashSet<String>,
    function_chars: CharSet,
    artwork_forms: Vec<String>,
    attribution_leads: Vec<String>,
    hearsay_leads: Vec<String>,
    team_words: Vec<String>,
    roundup_words: Vec<String>,
    separators: CharSet,
    announcing_ends: Vec<String>,
    speech_verbs: Vec<String>,
    bullets: CharSet,
    credit_marks: HashSet<String>,
    kicker_labels: HashSet<String>,
    picture_references: Vec<String>,
    head_photo_notes: Vec<String>,
    salutations: Vec<String>,
    picture_lists: Vec<String>,
    picture_count: Regex,
    reduplicable_tags: HashSet<String>,
    listed_reduplicable_tags: HashSet<String>,
    never_doubled_tags: Vec<String>,
    never_before_own_word_tags: Vec<String>,
    separable_verbs: Vec<String>,
    news_lead: Vec<NewsLead>,
    doubling_suffixes: CharSet,
    numerals: CharSet,
    surnames: HashSet<String>,
    pub(crate) dateline: Regex,
    pub(crate) jump: Regex,
    pub(crate) trailing_jump: Regex,
    jumps_from: HashSet<String>,
    jumps_see: HashSet<String>,
    /// A note referring to another page (名单见１２版, 全文详见第二版), inside its brackets.
    cross_reference: Regex,
    pub(crate) caption_credit: Regex,
    pub(crate) byline_segment: Regex,
    pub(crate) byline_first: Regex,
    pub(crate) furniture: Regex,
    pub(crate) date: Regex,
}

/// One opening of a news item ([`Lexicon::opens_news_item`]), as the table
/// gives it. An opening that lets any characters of the clause but its marks
/// come first (`^[^，。]{0,N}?…`) is searched for anywhere, and holds when
/// it first starts within N characters: the same answer, where the pattern's
/// leading run of characters would make the automaton count them one by one.
#[derive(Debug)]
struct NewsLead {
    pattern: Regex,
    /// The most characters before the rest of the pattern, when it is searched for anywhere.
    within: Option<usize>,
}

impl NewsLead {
    fn new(entry: &str) -> NewsLead {
        let re = |s: &str| Regex::new(s).expect("built-in pattern");
        let unanchored = entry.strip_prefix("^[^，。]{0,").and_then(|rest| {
            let (n, rest) = rest.split_once("}?")?;
            let n: usize = n.parse().ok()?;
            // (only a rest that is one whole alternative, without anchors of its own)
            let (mut depth, mut in_class) = (0i32, false);
            for c in rest.chars() {
                match c {
                    '[' if in_class => return None,
                    '[' => in_class = true,
                    ']' => in_class = false,
                    _ if in_class => {}
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    '|' if depth == 0 => return None,
                    '^' | '\\' => return None,
                    _ => {}
                }
            }
            Some((re(rest), n))
        });
        match unanchored {
            Some((pattern, n)) => NewsLead { pattern, within: Some(n) },
            None => NewsLead { pattern: re(entry), within: None },
        }
    }

    /// Whether a clause (no ， or 。 in it) opens so.
    fn matches(&self, clause: &str) -> bool {
        match self.within {
            // (the leftmost match starts first: if it starts too late, so do all)
            Some(n) => self.pattern.find(clause).is_some_and(|m| clause[..m.start()].chars().count() <= n),
            None => self.pattern.is_match(clause),
        }
    }
}

fn entries(table: &str) -> Vec<String> {
    table
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(|l| l.split_whitespace())
        .map(str::to_string)
        .collect()
}

/// The entries of a table before and after a line that holds `marker`.
fn sections(table: &str, marker: &str) -> (Vec<String>, Vec<String>) {
    let all = entries(table);
    match all.iter().position(|e| e == marker) {
        Some(at) => (all[..at].to_vec(), all[at + 1..].to_vec()),
        None => (all, Vec::new()),
    }
}

fn chars(table: &str) -> CharSet {
    entries(table).iter().filter_map(|e| e.chars().next()).collect()
}

/// A set of characters, tested by a bit per code point of the Basic
/// Multilingual Plane, where every character of the tables stands: a shift
/// and a load, where a hash set hashes and probes.
#[derive(Debug, Clone, Default)]
struct CharSet {
    /// a bit by code point, up to the highest of the set in the plane
    bits: Vec<u64>,
    /// the characters of the set beyond the plane
    beyond: Vec<char>,
}

impl CharSet {
    #[inline]
    fn contains(&self, c: &char) -> bool {
        let u = *c as usize;
        match self.bits.get(u / 64) {
            Some(w) => w >> (u % 64) & 1 == 1,
            None => u > 0xFFFF && self.beyond.contains(c),
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut set = CharSet::default();
        for c in chars {
            let u = c as usize;
            if u > 0xFFFF {
                if !set.beyond.contains(&c) {
                    set.beyond.push(c);
                }
                continue;
            }
            if set.bits.len() <= u / 64 {
                set.bits.resize(u / 64 + 1, 0);
            }
            set.bits[u / 64] |= 1 << (u % 64);
        }
        set
    }
}

fn alternation(mut words: Vec<String>) -> String {
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

const NUM: &str = "[0-9一二三四五六七八九十〇零两]";

impl Lexicon {
    /// The tables compiled into baokan, shared.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let (reduplicable, rest) = sections(include_str!("../data/reduplicable_tags.txt"), "@listed");
        let (listed_reduplicable, rest) = sections(&rest.join("\n"), "@never");
        let (never_doubled, never_before_own_word) = sections(&rest.join("\n"), "@before_own_word");
        let agency_list = entries(include_str!("../data/agencies.txt"));
        let photo_markers: Vec<String> =
            entries(include_str!("../data/photo_markers.txt")).into_iter().map(|m| fold(&m)).collect();
        let suffix_list = entries(include_str!("../data/outlet_suffixes.txt"));
        let outlet_finals = agency_list.iter().chain(&suffix_list).filter_map(|w| w.chars().next_back()).collect();
        let agencies = alternation(agency_list);
        // (a paper's name alone, 经济日报, is its masthead)
        let paper_names = alternation(suffix_list.iter().filter(|w| w.ends_with('报')).cloned().collect());
        let suffixes = alternation(suffix_list);
        let unsigned_roles = entries(include_str!("../data/unsigned_roles.txt"));
        let roles: Vec<String> = entries(include_str!("../data/byline_roles.txt"))
            .into_iter()
            .chain(unsigned_roles.iter().cloned())
            .collect();
        let role_chars = roles.iter().flat_map(|r| r.chars()).collect();
        let role_alt = alternation(roles.clone());
        let (credit_words, lone_credit_words) = sections(include_str!("../data/credit_words.txt"), "@alone");
        let credits = alternation(credit_words);
        let lone_credits = alternation(lone_credit_words);
        let furniture = alternation(entries(include_str!("../data/furniture.txt")));
        let page_sections = alternation(entries(include_str!("../data/sections.txt")));
        let (on_verbs, rest) = sections(include_str!("../data/jump_verbs.txt"), "@from");
        let (from_verbs, rest) = sections(&rest.join("\n"), "@see");
        let (see_verbs, jump_lead_list) = sections(&rest.join("\n"), "@lead");
        let jump_verbs = alternation(on_verbs.iter().chain(&from_verbs).chain(&see_verbs).cloned().collect());
        let jump_leads = alternation(jump_lead_list);
        let outlet = format!(r"(?:{agencies}|\p{{Han}}{{1,8}}?(?:{suffixes}))");
        let date = format!(r"(?:{NUM}{{2,4}}年)?{NUM}{{1,3}}月{NUM}{{1,3}}日");
        let re = |s: &str| Regex::new(s).expect("built-in pattern");
        let (non_final, clause_only) = sections(include_str!("../data/non_final.txt"), "@clause");
        let (picture_lists, count_words) = sections(include_str!("../data/picture_lists.txt"), "@count");
        Lexicon {
            sentence_ends: chars(include_str!("../data/sentence_ends.txt")),
            non_initial: chars(include_str!("../data/non_initial.txt")),
            non_final: non_final.iter().cloned().collect(),
            clause_non_final: non_final.into_iter().chain(clause_only).collect(),
            outlet_finals,
            role_chars,
            unsigned_roles: unsigned_roles.into_iter().collect(),
            report_words: entries(include_str!("../data/report_words.txt")).into_iter().collect(),
            function_chars: chars(include_str!("../data/function_chars.txt")),
            artwork_forms: entries(include_str!("../data/artwork_forms.txt")),
            attribution_leads: entries(include_str!("../data/attribution_leads.txt")),
            hearsay_leads: entries(include_str!("../data/hearsay_leads.txt")),
            team_words: entries(include_str!("../data/team_words.txt")),
            roundup_words: entries(include_str!("../data/roundup_words.txt")),
            separators: chars(include_str!("../data/separators.txt")),
            announcing_ends: entries(include_str!("../data/announcing_ends.txt")),
            speech_verbs: entries(include_str!("../data/speech_verbs.txt")),
            bullets: chars(include_str!("../data/bullets.txt")),
            credit_marks: entries(include_str!("../data/credit_marks.txt")).into_iter().collect(),
            kicker_labels: entries(include_str!("../data/kicker_labels.txt")).into_iter().collect(),
            picture_references: entries(include_str!("../data/picture_references.txt")),
            head_photo_notes: entries(include_str!("../data/head_photo_notes.txt")),
            salutations: entries(include_str!("../data/salutations.txt")),
            picture_lists,
            picture_count: re(&format!("(?:{})([0-9一二三四五六七八九十两]{{1,3}})[张幅]", alternation(count_words))),
            reduplicable_tags: reduplicable.into_iter().collect(),
            listed_reduplicable_tags: listed_reduplicable.into_iter().collect(),
            never_doubled_tags: never_doubled,
            never_before_own_word_tags: never_before_own_word,
            separable_verbs: entries(include_str!("../data/separable_verbs.txt")),
            photo_marker_firsts: photo_markers.iter().map(|m| m.chars().find(|&c| crate::lm::is_han(c))).try_fold(
                Vec::new(),
                |mut firsts, c| {
                    let c = c?;
                    if !firsts.contains(&c) {
                        firsts.push(c);
                    }
                    Some(firsts)
                },
            ),
            photo_markers,
            news_lead: entries(include_str!("../data/news_leads.txt")).iter().map(|e| NewsLead::new(e)).collect(),
            enumerator: re(&entries(include_str!("../data/enumerators.txt")).join("|")),
            sign_off: re(&entries(include_str!("../data/sign_offs.txt")).join("|")),
            doubling_suffixes: chars(include_str!("../data/doubling_suffixes.txt")),
            numerals: chars(include_str!("../data/numerals.txt")),
            surnames: entries(include_str!("../data/surnames.txt")).into_iter().collect(),
            dateline: re(&format!(
                r"^(?:据)?(?P<agency>{outlet})(?:驻\p{{Han}}{{1,8}}?记者)?(?P<place>[\p{{Han}}&&[^讯电]]{{1,8}}?)?(?P<date>{date})?(?P<kind>电|讯)"
            )),
            jump: re(&format!(
                r"^(?:[→▶►]\s*)?[（(]?(?:{jump_leads})?(?P<verb>{jump_verbs})\s*(?P<page>第?[A-Z]?{NUM}{{1,3}}(?:版|页|面)|[A-Z]{NUM}{{1,2}}(?:版|页|面)?)[）)]?$"
            )),
            cross_reference: re(&format!(
                r"^\p{{Han}}{{0,6}}?(?:{jump_verbs})\s*(?:第?[A-Z]?{NUM}{{1,3}}(?:版|页|面)|[A-Z]{NUM}{{1,2}}(?:版|页|面)?)$"
            )),
            trailing_jump: re(&format!(
                r"[（(](?:{jump_leads})?(?P<verb>{jump_verbs})\s*(?P<page>第?[A-Z]?{NUM}{{1,3}}(?:版|页|面)|[A-Z]{NUM}{{1,2}}(?:版|页|面)?)[）)]$"
            )),
            jumps_from: from_verbs.into_iter().collect(),
            jumps_see: see_verbs.into_iter().collect(),
            caption_credit: re(&format!(
                r"(?:^|[。！？!?\s（(])(?P<credit>(?:{outlet})?(?:{role_alt})?\s*[\p{{Han}}A-Za-z·]{{1,12}}(?:[\s、][\p{{Han}}·]{{1,6}}){{0,3}}\s*(?:{credits})|(?:{lone_credits}))[）)]?$"
            )),
            byline_first: re(&format!(
                r"^(?P<outlet>{outlet}|\p{{Han}}{{1,10}}?)??(?P<post>驻\p{{Han}}{{1,8}}?)?(?P<role>{role_alt})"
            )),
            byline_segment: re(&format!(r"(?P<outlet>{outlet})?(?P<post>驻\p{{Han}}{{1,8}}?)?(?P<role>{role_alt})")),
            furniture: re(&format!(
                r"^(?:(?:\p{{Han}}{{1,8}}报\s*)?(?:第?\s*[A-Z]?{NUM}{{1,3}}\s*版\s*)?{NUM}{{4}}年{NUM}{{1,2}}月{NUM}{{1,3}}日\s*(?:(?:星期|周|礼拜)[一二三四五六日天])?(?:\s*农历\S+)?(?:\s*(?:第?\s*[A-Z]?{NUM}{{1,3}}\s*版|[A-Z]?{NUM}{{1,3}}))?|第\s*[A-Z]?{NUM}{{1,3}}\s*版|[A-Z]{NUM}{{1,2}}|\p{{Han}}{{1,6}}(?:{paper_names})|[（(]?(?:本版)?(?:{furniture})\s*[:：/].{{0,24}}|(?:(?:{furniture})\s+\p{{Han}}{{2,4}}\s*)+|(?:{page_sections})(?:新闻)?(?:[·\s]*(?:{page_sections}))?版?)$"
            )),
            date: re(&format!(r"(?:(?P<y>{NUM}{{2,4}})年)?(?P<m>{NUM}{{1,3}})月(?P<d>{NUM}{{1,3}})日")),
        }
    }

    /// Whether text ends where a paragraph can end (。！？…” and so on).
    pub fn ends_sentence(&self, text: &str) -> bool {
        let mut rev = text.trim_end().chars().rev();
        match rev.next() {
            // (an OCR'd page may print the full stop half-width: …繁忙景象. but not 1.)
            Some('.') => rev.next().is_some_and(|p| !p.is_ascii_alphanumeric() && !p.is_whitespace()),
            Some(c) => self.sentence_ends.contains(&c),
            None => false,
        }
    }

    /// Whether text ends where a printed line can end a paragraph: like
    /// [`Lexicon::ends_sentence`], except that a closing quote only ends one
    /// after a sentence end (…。” yes, 感受『李宁』 no: a title).
    pub fn ends_paragraph(&self, text: &str) -> bool {
        let t = text.trim_end();
        let inner = t.trim_end_matches(['”', '’', '」', '』', '》', '"']);
        if inner.len() == t.len() {
            return self.ends_sentence(t);
        }
        self.ends_sentence(inner)
    }

    /// Whether a character is a sentence end.
    #[inline]
    pub fn is_sentence_end(&self, c: char) -> bool {
        self.sentence_ends.contains(&c)
    }

    /// Whether text starts with a character no sentence starts with.
    pub fn starts_mid_sentence(&self, text: &str) -> bool {
        text.chars().next().is_some_and(|c| self.non_initial.contains(&c))
    }

    /// Whether a part-of-speech tag is one no title line after a comma ends on:
    /// those of [`Lexicon::is_non_final_tag`], adverbs, pronouns and locatives.
    pub fn is_clause_non_final_tag(&self, tag: &str) -> bool {
        self.clause_non_final.contains(tag)
    }

    /// Whether a part-of-speech tag is one no title line ends on (particles, prepositions).
    pub fn is_non_final_tag(&self, tag: &str) -> bool {
        self.non_final.contains(tag)
    }

    /// Whether a title line marks a photo item (（图片）, （附图片１张）).
    pub fn is_photo_title(&self, text: &str) -> bool {
        // (most lines hold no marker: fold only those that hold its Han characters)
        // (a marker is held only if its first Han character is: most lines hold none of those)
        if self.photo_marker_firsts.as_ref().is_some_and(|firsts| !firsts.iter().any(|&c| text.contains(c)))
            || !self.photo_markers.iter().any(|m| m.chars().filter(|&c| crate::lm::is_han(c)).all(|c| text.contains(c)))
        {
            return false;
        }
        let f = fold(text);
        self.photo_markers.iter().any(|m| f.contains(m.as_str()))
    }

    /// Whether a title line is a photo item of its own (…（图片）), whose next line is its caption.
    pub fn is_photo_item(&self, text: &str) -> bool {
        // (folding leaves brackets and Han alone: no need to fold)
        text.contains("（图片）") || text.contains("(图片)")
    }

    /// Whether a title line names a picture item by its art form in brackets at
    /// its end (虎（中国画）, 迎虎年（书法）, …（图片）): an item of its own.
    pub fn is_picture_item(&self, text: &str) -> bool {
        let Some((_, form)) = last_bracketed(text) else {
            return false;
        };
        form.chars().count() <= 6 && self.artwork_forms.iter().any(|f| form.ends_with(f.as_str()))
    }

    /// Whether text ends with the note that closes an article: a bracketed
    /// signature, source or credit standing alone or after a sentence end
    /// (…。（新华社北京１２月３１日电）, （李志勇）, （本报记者蒋铎摄）), not a note
    /// of the text itself (（附图片１张）, （蒙古族）, （Ａ、Ｄ）).
    pub fn ends_with_signature(&self, text: &str) -> bool {
        let Some((before, inner)) = last_bracketed(text) else {
            return false;
        };
        let n = inner.chars().count();
        let before_ok = before.trim().is_empty() || self.ends_sentence(before);
        let letters = inner.chars().any(|c| c.is_ascii_alphabetic() || ('Ａ'..='ｚ').contains(&c));
        // (a reference to another page, （名单见１２版）, signs nothing)
        let reference = self.cross_reference.is_match(&fold(inner));
        before_ok && (2..=30).contains(&n) && !letters && !reference && !self.is_photo_title(&format!("（{inner}）"))
    }

    /// Whether a paragraph opens like a news item (据…, 本报…, a date or 近日 in its first clause).
    pub fn opens_news_item(&self, text: &str) -> bool {
        // the leads look no further than the first clause
        let head = &text[..crate::text::advance_to_char(text, (0, 0), 48).1];
        let clause = fold(&head[..head.find(['，', '。']).unwrap_or(head.len())]);
        self.news_lead.iter().any(|lead| lead.matches(&clause))
    }

    /// Whether text is a date alone in brackets, as printed under a speech's
    /// or document's title: （１９９７年１２月２３日）, （一九九七年十二月三十一日）.
    pub fn is_bracketed_date(&self, text: &str) -> bool {
        let f = fold(text.trim());
        let Some(inner) = f.strip_prefix(['（', '(']).and_then(|r| r.strip_suffix(['）', ')'])) else {
            return false;
        };
        self.date.find(inner).is_some_and(|m| m.start() == 0 && m.end() == inner.len())
    }

    /// Whether text opens on no named source or on a tally (据悉，… 据统计，…).
    pub fn opens_with_hearsay(&self, text: &str) -> bool {
        let t = text.trim_start();
        self.hearsay_leads.iter().any(|w| t.strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with(['，', ','])))
    }

    /// Whether text holds a character of some byline role word (记者, 通讯员…): a cheap
    /// test before the byline pattern.
    pub fn may_hold_role(&self, text: &str) -> bool {
        text.chars().any(|c| self.role_chars.contains(&c))
    }

    /// Whether a word closes a credit printed names first (邢永臣摄影报道).
    pub fn is_report_word(&self, word: &str) -> bool {
        self.report_words.contains(word)
    }

    /// Whether a byline role is printed with the outlet alone, naming no one (评论员).
    pub fn is_unsigned_role(&self, role: &str) -> bool {
        self.unsigned_roles.contains(role)
    }

    /// Whether single characters of this part of speech are doubled on purpose (棵棵, 说说).
    pub fn is_reduplicable_tag(&self, tag: &str) -> bool {
        self.reduplicable_tags.contains(tag)
    }

    /// Whether single characters of this part of speech are doubled on purpose
    /// only in set forms the dictionary lists (家家, 人人; not 旗旗, 钱钱).
    pub fn is_listed_reduplicable_tag(&self, tag: &str) -> bool {
        self.listed_reduplicable_tags.contains(tag)
    }

    /// The number of a numbered paragraph or heading (２、… → 2, （三）… → 3), when it is one.
    pub fn list_number(&self, text: &str) -> Option<u32> {
        if !self.is_enumerated(text) {
            return None;
        }
        let head: String = text
            .chars()
            .skip_while(|c| matches!(c, '（' | '(' | '第' | '之'))
            .take_while(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(c)
                    || matches!(c, '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
            })
            .collect();
        numeral_value(&head)
    }

    /// Whether a part-of-speech tag is of a class Chinese never doubles
    /// (conjunctions, prepositions, particles, adverbs, locatives).
    pub fn is_never_doubled_tag(&self, tag: &str) -> bool {
        self.never_doubled_tags.iter().any(|t| tag.starts_with(t.as_str()))
    }

    /// Whether a part-of-speech tag is of a class that never stands alone
    /// before a word beginning with the same character (就|就是, 这|这样).
    pub fn is_never_before_own_word_tag(&self, tag: &str) -> bool {
        self.never_before_own_word_tags.iter().any(|t| tag.starts_with(t.as_str()))
    }

    /// Whether text starts with a verb-object compound whose verb is doubled
    /// for "a little" (打分 after 打: 打打分, 散步 after 散: 散散步).
    pub fn starts_with_separable_verb(&self, text: &[char]) -> bool {
        self.separable_verbs
            .iter()
            .any(|v| v.chars().count() <= text.len() && v.chars().zip(text).all(|(a, &b)| a == b))
    }

    /// Whether text opens by naming its source (据…).
    pub fn opens_with_attribution(&self, text: &str) -> bool {
        self.attribution_leads.iter().any(|w| text.starts_with(w.as_str()))
    }

    /// What a jump line's verb says: continued from (上接), see also (详见),
    /// or continued on (下转).
    pub fn jump_kind(&self, verb: &str) -> JumpKind {
        if self.jumps_from.contains(verb) {
            JumpKind::ContinuedFrom
        } else if self.jumps_see.contains(verb) {
            JumpKind::SeeAlso
        } else {
            JumpKind::ContinuedOn
        }
    }

    /// Text without the bullet marks and space a paper sets before a byline
    /// or a label (□ 本报记者 X, ■ 相关新闻).
    pub fn strip_bullets<'t>(&self, text: &'t str) -> &'t str {
        text.trim_start_matches(|c: char| self.bullets.contains(&c) || c.is_whitespace())
    }

    /// Whether text opens with a bullet mark, as the items of a list or a
    /// column of news in brief do (▲韩国总统…, ●一九九七年…).
    pub fn opens_with_bullet(&self, text: &str) -> bool {
        text.trim_start().starts_with(|c: char| self.bullets.contains(&c))
    }

    /// A byline without the marks of what it credits (文/记者 王小明 图/记者 李大伟,
    /// 本报记者 王小明 文/图): the marks dropped, tokens parted by spaces.
    pub fn strip_credit_marks(&self, byline: &str) -> String {
        let marked = |tok: &str| self.credit_marks.contains(tok) || tok.contains(['/', '／']);
        if !byline.split_whitespace().any(marked) {
            return byline.to_string();
        }
        let mut out: Vec<&str> = Vec::new();
        for tok in byline.split_whitespace() {
            if self.credit_marks.contains(tok) {
                continue;
            }
            let bare = tok
                .split_once(['/', '／'])
                .filter(|(mark, rest)| self.credit_marks.contains(*mark) && !rest.is_empty())
                .map_or(tok, |(_, rest)| rest);
            out.push(bare);
        }
        // (a mark that is the only role of the line stays: 文/图 王小明)
        let stripped = out.join(" ");
        if self.byline_segment.is_match(&stripped) {
            stripped
        } else {
            byline.to_string()
        }
    }

    /// Whether a title line is a kicker: a label naming the kind of item or
    /// the column (相关新闻, 记者手记), or any line set after a bullet mark.
    pub fn is_kicker_label(&self, text: &str) -> bool {
        let t = text.trim();
        let bare = self.strip_bullets(t);
        (bare.len() < t.len() && !bare.is_empty()) || self.names_kicker(bare)
    }

    /// Whether a title line, bullets aside, is one of the labels of
    /// `kicker_labels.txt` (■记者手记: never a byline, though it holds 记者).
    pub fn names_kicker(&self, text: &str) -> bool {
        self.kicker_labels.contains(self.strip_bullets(text.trim()).trim_end_matches(['：', ':']))
    }

    /// Whether a line is a separator (＊＊＊) parting an article's text from a note on it.
    pub fn is_separator(&self, text: &str) -> bool {
        let t = text.trim();
        !t.is_empty() && t.chars().all(|c| self.separators.contains(&c) || c.is_whitespace())
    }

    /// Whether text ends on a mark announcing what follows (以下几点：, 试举一例———).
    pub fn ends_announcing(&self, text: &str) -> bool {
        let t = text.trim_end();
        self.announcing_ends.iter().any(|e| t.ends_with(e.as_str()))
    }

    /// Whether text holds a verb of reported speech (尉健行强调，…, 声明表示…).
    pub fn reports_speech(&self, text: &str) -> bool {
        self.speech_verbs.iter().any(|v| text.contains(v.as_str()))
    }

    /// Whether a line is a bare date (１９９７年６月, 一九九八年一月五日), as an entry
    /// of a chronology (大事记) is headed.
    pub fn is_date_heading(&self, text: &str) -> bool {
        let t = text.trim();
        // (a paragraph is counted no further than the longest heading)
        t.chars().nth(DATE_HEADING_CHARS).is_none()
            && (t.contains('年') || t.contains('月'))
            && t.chars().all(|c| matches!(c, '年' | '月' | '日') || self.is_numeral(fold_char(c)))
            && t.starts_with(|c: char| self.is_numeral(fold_char(c)))
    }

    /// Whether text ends inside a number or a list of them (…由１９９, 一、).
    pub fn ends_in_number(&self, text: &str) -> bool {
        text.trim_end().chars().next_back().is_some_and(|c| c == '、' || self.is_numeral(fold_char(c)))
    }

    /// Whether a line is a bare section mark: a number (１, 二) or a separator
    /// (＊＊＊) standing alone over the part of a text it opens.
    pub fn is_section_mark(&self, text: &str) -> bool {
        let t = text.trim();
        !t.is_empty()
            && t.chars().nth(SECTION_MARK_CHARS).is_none()
            && t.chars().all(|c| self.separators.contains(&c) || self.is_numeral(fold_char(c)))
    }

    /// Whether the first clause of text names a team (辽宁沈飞客车队客场挑战…).
    pub fn names_team_first(&self, text: &str) -> bool {
        // (the clause as a slice of the text: its first 24 characters, to its first comma or stop)
        let end = text
            .char_indices()
            .take(24)
            .find(|&(_, c)| matches!(c, '，' | '。' | ','))
            .map_or_else(|| crate::text::advance_to_char(text, (0, 0), 24).1, |(i, _)| i);
        let clause = &text[..end];
        self.team_words.iter().any(|w| clause.contains(w.as_str()))
    }

    /// Whether a headline announces a roundup of many places (各地群众喜庆元旦, 各国的年夜饭).
    pub fn announces_roundup(&self, title: &str) -> bool {
        self.roundup_words.iter().any(|w| title.contains(w.as_str()))
    }

    /// Whether a paragraph opens by describing the picture beside it (图为…, 上图：…).
    pub fn opens_with_picture_reference(&self, text: &str) -> bool {
        self.picture_references.iter().any(|w| text.starts_with(w.as_str()))
    }

    /// Whether a paragraph opens as a note on the photo over the headline
    /// (压题照片为…, 压题照片：…), which stands at the top of the article's text.
    pub fn opens_with_head_photo_note(&self, text: &str) -> bool {
        let t = text.trim_start();
        self.head_photo_notes.iter().any(|w| t.starts_with(w.as_str()))
    }

    /// Whether a paragraph is a salutation (邢玉飞同志：) to the writer whose name
    /// closes `signed` in brackets (…（河北某工厂邢玉飞）): an answer to that letter.
    pub fn addresses_signer(&self, text: &str, signed: &str) -> bool {
        let t = text.trim();
        let Some(addressee) = t.strip_suffix('：').or_else(|| t.strip_suffix(':')) else {
            return false;
        };
        let Some((_, signature)) = last_bracketed(signed) else {
            return false;
        };
        self.salutations.iter().any(|h| {
            addressee
                .strip_suffix(h.as_str())
                .is_some_and(|name| (2..=4).contains(&name.chars().count()) && signature.ends_with(name))
        })
    }

    /// Whether a line heads the list of an article's pictures (图片：).
    pub fn is_picture_list(&self, text: &str) -> bool {
        let t = text.trim();
        self.picture_lists.iter().any(|w| t == w.as_str())
    }

    /// How many pictures a headline says its article has (…（附图片３张）).
    pub fn picture_count(&self, title: &str) -> Option<usize> {
        let f = fold(title);
        let n = self.picture_count.captures(&f)?.get(1)?.as_str();
        n.parse().ok().or_else(|| numeral_value(n).map(|v| v as usize))
    }

    /// Whether a short line closes a piece rather than heads one: a writing
    /// date or issue (１９９７年岁暮), an editorial unit's signature (文艺部).
    pub fn is_sign_off(&self, line: &str) -> bool {
        let t = line.trim();
        t.chars().count() <= 12 && self.sign_off.is_match(&fold(t))
    }

    /// Whether a character is a function word no run of names holds (的, 了, 是).
    #[inline]
    pub fn is_function_char(&self, c: char) -> bool {
        self.function_chars.contains(&c)
    }

    /// Whether a character ends some agency or paper name (社, 报, 台, 网…).
    #[inline]
    pub fn ends_outlet_name(&self, c: char) -> bool {
        self.outlet_finals.contains(&c)
    }

    /// Whether a line opens with a section number (一、 （二） 3.).
    pub fn is_enumerated(&self, text: &str) -> bool {
        let first = text.chars().next().unwrap_or(' ');
        let may = first.is_ascii_digit()
            || ('０'..='９').contains(&first)
            || matches!(
                first,
                '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '（' | '(' | '之' | '第'
            );
        may && self.enumerator.is_match(&fold_prefix(text, 8))
    }

    /// Whether a place or organisation suffix may stand twice (村村民).
    #[inline]
    pub fn is_doubling_suffix(&self, c: char) -> bool {
        self.doubling_suffixes.contains(&c)
    }

    /// Whether a character is a Chinese numeral or number word.
    #[inline]
    pub fn is_numeral(&self, c: char) -> bool {
        self.numerals.contains(&c) || c.is_ascii_digit()
    }

    /// Whether a string starts with a common surname.
    pub fn starts_with_surname(&self, s: &str) -> bool {
        let mut it = s.chars();
        let one: String = it.next().into_iter().collect();
        let two: String = s.chars().take(2).collect();
        self.surnames.contains(&one) || self.surnames.contains(&two)
    }
}

/// Text that ends with a bracketed group, split into what stands before the
/// group and what it holds: 迎虎年（书法） → (迎虎年, 书法).
fn last_bracketed(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let body = t.strip_suffix('）').or_else(|| t.strip_suffix(')'))?;
    let open = body.rfind(['（', '('])?;
    let opener = body[open..].chars().next().map_or(1, char::len_utf8);
    Some((&body[..open], &body[open + opener..]))
}

/// Fold full-width digits, Latin letters and the ideographic space to ASCII,
/// one character for one, so that character offsets stay the same.
pub fn fold(s: &str) -> String {
    // (the characters folded are three bytes, led by EF or E3: the text between
    // them is copied whole)
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for i in memchr::memchr2_iter(0xEF, 0xE3, b) {
        let folded = match (b[i], b[i + 1], b[i + 2]) {
            // ０–９, Ａ–Ｚ, ａ–ｚ (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A)
            (0xEF, 0xBC, d @ 0x90..=0x99) => b'0' + (d - 0x90),
            (0xEF, 0xBC, d @ 0xA1..=0xBA) => b'A' + (d - 0xA1),
            (0xEF, 0xBD, d @ 0x81..=0x9A) => b'a' + (d - 0x81),
            // the ideographic space
            (0xE3, 0x80, 0x80) => b' ',
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push(char::from(folded));
        copied = i + 3;
    }
    out.push_str(&s[copied..]);
    out
}

/// [`fold`] of the first `n` characters of `s`.
pub(crate) fn fold_prefix(s: &str, n: usize) -> String {
    fold(&s[..crate::text::advance_to_char(s, (0, 0), n).1])
}

fn fold_char(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Character index of a byte offset in `s`.
pub fn char_index(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// The most characters of a bare date heading (一九九八年十二月三十一日).
const DATE_HEADING_CHARS: usize = 12;

/// The most characters of a bare section mark (一, １２, ＊＊＊).
const SECTION_MARK_CHARS: usize = 5;

/// The value of a number written in digits or Chinese numerals (一九九八, 十二, 5).
pub fn numeral_value(s: &str) -> Option<u32> {
    let s = fold(s);
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| {
        "〇一二三四五六七八九".chars().position(|d| d == c).or(if c == '零' {
            Some(0)
        } else if c == '两' {
            Some(2)
        } else {
            None
        })
    };
    if !s.contains('十') {
        // digit by digit: 一九九八
        let mut v = 0u32;
        for c in s.chars() {
            v = v * 10 + digit(c)? as u32;
        }
        return Some(v);
    }
    let (tens, ones) = s.split_once('十')?;
    let t = if tens.is_empty() { 1 } else { digit(tens.chars().next()?)? as u32 };
    let o = if ones.is_empty() { 0 } else { digit(ones.chars().next()?)? as u32 };
    Some(t * 10 + o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_set_holds_what_it_was_made_of_and_nothing_else() {
        let set: CharSet = ['。', '！', '?', '𠀀', '\u{ffee}'].into_iter().collect();
        for c in ['。', '！', '?', '𠀀', '\u{ffee}'] {
            assert!(set.contains(&c), "{c}");
        }
        for c in ['，', '!', 'a', '\u{ffef}', '\u{10000}', '𠀁', '中'] {
            assert!(!set.contains(&c), "{c}");
        }
        assert!(!CharSet::default().contains(&'。'));
    }

    #[test]
    fn a_photo_title_holds_a_marker_whatever_the_line_else_holds() {
        let lex = Lexicon::builtin();
        assert!(lex.photo_marker_firsts.as_ref().is_some_and(|f| !f.is_empty()));
        assert!(lex.is_photo_title("雪后的长城（图片）"));
        assert!(lex.is_photo_title("春运第一天（附图片）"));
        assert!(!lex.is_photo_title("这幅图画的是春天的田野"));
        assert!(!lex.is_photo_title("江南农村的新年"));
    }

    #[test]
    fn folding_copies_all_but_full_width_letters_digits_and_spaces() {
        let by_chars = |s: &str| s.chars().map(fold_char).collect::<String>();
        let text = "Ａ股ａｂｚ０９，１２。\u{3000}Ｚ＠［｀｛é𠀀ｚ\u{3001}\u{3002}\u{ff0f}\u{ff1a}\u{ff40}\u{ff5b}";
        assert_eq!(fold(text), by_chars(text));
        assert_eq!(fold(text), "A股abz09，12。 Z＠［｀｛é𠀀z、。／：｀｛");
        for n in 0..30 {
            let head: String = text.chars().take(n).collect();
            assert_eq!(fold_prefix(text, n), by_chars(&head));
        }
    }

    #[test]
    fn a_team_is_named_in_the_first_clause_only() {
        let lex = Lexicon::builtin();
        assert!(lex.names_team_first("辽宁沈飞客车队客场挑战广东宏远队"));
        assert!(!lex.names_team_first("本报记者昨天在体育场看到，辽宁队客场挑战"));
        assert!(!lex.names_team_first("今年春节前后这座城市里的许多单位和个人都在忙着做同一件事情球队"));
        // (the 24th character is still in it, the 25th not)
        assert!(lex.names_team_first("一二三四五六七八九十一二三四五六七八九十一二三队"));
        assert!(!lex.names_team_first("一二三四五六七八九十一二三四五六七八九十一二三四队"));
        assert!(lex.names_team_first("这家俱乐部"));
    }

    #[test]
    fn news_leads_are_found_as_the_table_has_them() {
        let lex = Lexicon::builtin();
        // the table's patterns as one alternation, anchored as written
        let table = Regex::new(&entries(include_str!("../data/news_leads.txt")).join("|")).unwrap();
        assert!(lex.news_lead.iter().filter(|l| l.within.is_some()).count() >= 2);
        let subject = "东南亚国家联盟第三次经济部长非正式会议";
        let mut clauses = vec![
            "据新华社报道".to_string(),
            "本报讯".to_string(),
            "他说这些产品去年已经投放市场".to_string(),
            "最近".to_string(),
            "12月30日".to_string(),
            "一二三四五月".to_string(),
            String::new(),
        ];
        for pad in 20..40 {
            let head: String = subject.chars().cycle().take(pad).collect();
            clauses.push(format!("{head}１５日在吉隆坡闭幕"));
            clauses.push(format!("{head}15日在吉隆坡闭幕"));
            clauses.push(format!("{head}近日在吉隆坡闭幕"));
            clauses.push(format!("{head}在吉隆坡闭幕"));
        }
        for clause in clauses {
            let clause = fold(&clause);
            let ours = lex.news_lead.iter().any(|l| l.matches(&clause));
            assert_eq!(ours, table.is_match(&clause), "{clause}");
        }
    }

    #[test]
    fn date_headings_and_section_marks_are_short() {
        let lex = Lexicon::builtin();
        // twelve characters at most for a date heading, five for a section mark
        assert!(lex.is_date_heading("１９９７年１２月３１日"));
        assert!(lex.is_date_heading("一九九七年十二月三十一日"));
        assert!(!lex.is_date_heading("一九九七年十二月三十一日日"));
        assert!(!lex.is_date_heading("１９９７年６月，国务院发出通知，要求各地做好粮食收购工作。"));
        assert!(lex.is_section_mark("＊＊＊＊＊"));
        assert!(!lex.is_section_mark("＊＊＊＊＊＊"));
        assert!(lex.is_section_mark(" 二 "));
        assert!(!lex.is_section_mark("二、工作取得的成绩"));
    }

    #[test]
    fn separator_lines_are_only_separator_characters() {
        let lex = Lexicon::builtin();
        assert!(lex.is_separator("＊＊＊"));
        assert!(lex.is_separator("　※※※ "));
        assert!(!lex.is_separator("＊编后"));
        assert!(!lex.is_separator(""));
    }

    #[test]
    fn list_numbers_are_read_in_digits_and_numerals() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.list_number("２、从１月１３日开始，智利全国开展宣传活动。"), Some(2));
        assert_eq!(lex.list_number("（三）加强管理"), Some(3));
        assert_eq!(lex.list_number("十二、附则"), Some(12));
        assert_eq!(lex.list_number("２０００年的目标"), None);
    }

    #[test]
    fn a_news_lead_names_its_date_after_a_long_subject() {
        // the first clause holds the actor, however long its name, then the day
        let lex = Lexicon::builtin();
        assert!(lex.opens_news_item("东南亚国家联盟第三次经济部长非正式会议１５日在吉隆坡闭幕，各国代表同意加强合作。"));
        assert!(lex.opens_news_item("本省首批自行设计制造的八十多台大型联合收割机２８日在哈尔滨顺利交付使用。"));
        assert!(!lex.opens_news_item("他说，这些产品去年１２月已经投放市场，反应很好。"));
    }

    #[test]
    fn sentence_ends_and_starts() {
        let lex = Lexicon::builtin();
        assert!(lex.ends_sentence("满了……"));
        assert!(lex.ends_sentence("高峰。"));
        assert!(!lex.ends_sentence("该处地质"));
        assert!(lex.starts_mid_sentence("的“好恰客”越来越多"));
        assert!(!lex.starts_mid_sentence("这里汇入。"));
    }

    #[test]
    fn picture_items() {
        let lex = Lexicon::builtin();
        for s in ["虎（中国画）", "迎虎年(书法)", "盗书（马得画）", "怪病袭击肯尼亚（图片）"]
        {
            assert!(lex.is_picture_item(s), "{s}");
        }
        for s in ["制定发展规划（草案）", "图片新闻（附图片１张）", "红楼梦", "（）"] {
            assert!(!lex.is_picture_item(s), "{s}");
        }
    }

    #[test]
    fn paragraph_ends() {
        let lex = Lexicon::builtin();
        for s in ["好了。", "他说：“好。”", "（新华社北京１月５日电）", "真的吗？』"] {
            assert!(lex.ends_paragraph(s), "{s}");
        }
        for s in ["感受『李宁』", "读《红楼梦》", "本轮比赛"] {
            assert!(!lex.ends_paragraph(s), "{s}");
        }
    }

    #[test]
    fn signatures_close_articles() {
        let lex = Lexicon::builtin();
        for s in
            ["谢谢！（新华社北京１２月３１日电）", "（李志勇）", "属１０多个国家。（龚永泉）", "发展。(据新华社电)"]
        {
            assert!(lex.ends_with_signature(s), "{s}");
        }
        for s in ["图片新闻（附图片１张）", "、鞠雅莲（女，蒙古族）", "（Ａ、Ｄ）", "没有括号。", "（）", "）"]
        {
            assert!(!lex.ends_with_signature(s), "{s}");
        }
    }

    #[test]
    fn folding_keeps_length() {
        assert_eq!(fold("１２月３１日"), "12月31日");
        assert_eq!(fold("ＡＢ\u{3000}c").chars().count(), 4);
    }

    #[test]
    fn numerals() {
        assert_eq!(numeral_value("１９９８"), Some(1998));
        assert_eq!(numeral_value("一九九八"), Some(1998));
        assert_eq!(numeral_value("十二"), Some(12));
        assert_eq!(numeral_value("二十一"), Some(21));
        assert_eq!(numeral_value("十"), Some(10));
        assert_eq!(numeral_value("abc"), None);
    }

    #[test]
    fn furniture_lines() {
        let lex = Lexicon::builtin();
        for s in [
            "1998年1月1日 星期四",
            "第7版",
            "A1",
            "责任编辑：王明",
            "第１２版",
            "长沙晚报 2021年3月8日 星期一 A02版",
            "第3版 1998年1月3日 星期六",
            "南方日报 2023年6月12日 星期一 A3",
            "要闻",
            "国际·时评",
            "体育版",
            "经济日报",
            "（本版责编：张 虎）",
            "编辑 周文 美编 李想",
            "湖南日报 2025年6月10日 星期二 04",
            "本市新闻",
            "本版责任编辑：刘 洋 孙 颖",
            "国际新闻",
        ] {
            assert!(lex.furniture.is_match(&fold(s)), "{s}");
        }
        assert!(!lex.furniture.is_match("5月13日下午6时许，钟鼓岭夜市又开始“动”起来。"));
        assert!(!lex.furniture.is_match("要闻回顾"));
        assert!(!lex.furniture.is_match("３"), "a bare number is a section's mark");
        assert!(!lex.furniture.is_match("读报"));
    }
}
