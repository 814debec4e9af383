//! Page metadata: paper, issue date and page label, from flags or file names.

/// What is known about a page before its text is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Masthead name (株洲日报).
    pub paper: Option<String>,
    /// Issue date, ISO 8601.
    pub date: Option<String>,
    /// Page label (A1, 7).
    pub page: Option<String>,
    /// Input file name.
    pub source: Option<String>,
}

/// Known romanised paper names in file names and the masthead they stand for.
const PAPERS: &[(&str, &str)] = &[
    ("zhuzhou", "株洲日报"),
    ("rmrb", "人民日报"),
    ("peoples-daily", "人民日报"),
    ("gmrb", "光明日报"),
    ("jjrb", "经济日报"),
    ("hnrb", "湖南日报"),
];

impl PageMeta {
    /// Read metadata from a file name: `<paper>-<YYYY-MM-DD>-<page>.txt`
    /// (zhuzhou-2020-05-15-A1.txt) or `<YYYYMMDD>-<page>.txt` (19980109-07.txt).
    ///
    /// ```
    /// use baokan_core::PageMeta;
    /// let m = PageMeta::from_file_name("zhuzhou-2020-05-15-A1.txt");
    /// assert_eq!(m.paper.as_deref(), Some("株洲日报"));
    /// assert_eq!(m.date.as_deref(), Some("2020-05-15"));
    /// assert_eq!(m.page.as_deref(), Some("A1"));
    /// let m = PageMeta::from_file_name("pages/19980109-07.txt");
    /// assert_eq!((m.date.as_deref(), m.page.as_deref()), (Some("1998-01-09"), Some("7")));
    /// ```
    pub fn from_file_name(path: &str) -> PageMeta {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let stem = name.split('.').next().unwrap_or(name);
        let parts: Vec<&str> = stem.split('-').collect();
        let mut meta = PageMeta { source: Some(name.to_string()), ..Default::default() };
        let is_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        // <paper>-YYYY-MM-DD-<page>
        for k in 0..parts.len().saturating_sub(2) {
            if is_digits(parts[k], 4) && is_digits(parts[k + 1], 2) && is_digits(parts[k + 2], 2) {
                meta.date = valid_date(parts[k], parts[k + 1], parts[k + 2]);
                if k > 0 {
                    meta.paper = Some(paper_name(&parts[..k].join("-")));
                }
                if k + 3 < parts.len() {
                    meta.page = Some(page_name(&parts[k + 3..].join("-")));
                }
                return meta;
            }
        }
        // YYYYMMDD-<page>
        for k in 0..parts.len() {
            if is_digits(parts[k], 8) {
                let p = parts[k];
                meta.date = valid_date(&p[..4], &p[4..6], &p[6..]);
                if meta.date.is_some() {
                    if k > 0 {
                        meta.paper = Some(paper_name(&parts[..k].join("-")));
                    }
                    if k + 1 < parts.len() {
                        meta.page = Some(page_name(&parts[k + 1..].join("-")));
                    }
                    return meta;
                }
            }
        }
        meta
    }

    /// Fill what `self` lacks from `other`.
    pub fn or(mut self, other: PageMeta) -> PageMeta {
        self.paper = self.paper.or(other.paper);
        self.date = self.date.or(other.date);
        self.page = self.page.or(other.page);
        self.source = self.source.or(other.source);
        self
    }
}

fn valid_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (mm, dd): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&mm) && (1..=31).contains(&dd)).then(|| format!("{y}-{m}-{d}"))
}

/// Page labels as printed: 07 is page 7.
fn page_name(s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() > 1 {
        s.trim_start_matches('0').to_string()
    } else {
        s.to_string()
    }
}

fn paper_name(s: &str) -> String {
    PAPERS.iter().find(|(k, _)| k.eq_ignore_ascii_case(s)).map_or_else(|| s.to_string(), |(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_give_only_the_source() {
        let m = PageMeta::from_file_name("page.txt");
        assert_eq!(m, PageMeta { source: Some("page.txt".into()), ..Default::default() });
        assert_eq!(PageMeta::from_file_name("x-2020-13-01-A1.txt").date, None);
    }

    #[test]
    fn flags_win_over_file_names() {
        let flags = PageMeta { paper: Some("湖南日报".into()), ..Default::default() };
        let m = flags.or(PageMeta::from_file_name("zhuzhou-2020-05-15-A1.txt"));
        assert_eq!(m.paper.as_deref(), Some("湖南日报"));
        assert_eq!(m.page.as_deref(), Some("A1"));
    }
}
