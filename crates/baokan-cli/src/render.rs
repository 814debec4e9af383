//! Reader-facing renderings of a page: plain text and Markdown.

use baokan_core::{Article, BlockKind, Caption, JumpKind, Page};

fn jump_words(kind: JumpKind) -> &'static str {
    match kind {
        JumpKind::ContinuedOn => "continued on",
        JumpKind::ContinuedFrom => "continued from",
        JumpKind::SeeAlso => "see",
    }
}

/// The bylines as one line, without those the dateline prints already
/// (新华社北京6月11日电（记者 张旭）).
fn byline_line(a: &Article) -> Option<String> {
    let dateline: String = a.dateline.as_ref().map_or(String::new(), |d| d.text.split_whitespace().collect());
    let parts: Vec<String> = a
        .bylines
        .iter()
        .filter(|b| b.names.is_empty() || !b.names.iter().all(|n| dateline.contains(n.as_str())))
        .map(|b| {
            format!("{}{} {}", b.outlet.as_deref().unwrap_or(""), b.role.as_deref().unwrap_or(""), b.names.join(" "))
                .trim()
                .to_string()
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn flagged(a: &Article) -> Vec<String> {
    a.repairs
        .iter()
        .map(|r| {
            let state = if r.applied { "fixed" } else { "flagged" };
            format!("{state}: {} → {} ({:.2})", r.original, r.replacement, r.confidence)
        })
        .collect()
}

/// The articles as plain text for a terminal.
pub fn text(page: &Page) -> String {
    let mut s = String::new();
    let head = [page.paper.as_deref(), page.date.as_deref(), page.page.as_deref()];
    s.push_str(&format!("{}\n\n", head.iter().map(|x| x.unwrap_or("?")).collect::<Vec<_>>().join(" · ")));
    for a in &page.articles {
        s.push_str(&format!("━━ {} ━━\n", a.id));
        if let Some(k) = &a.kicker {
            s.push_str(&format!("  {k}\n"));
        }
        s.push_str(&format!("【{}】\n", a.headline.as_deref().unwrap_or("(no headline)")));
        for sub in &a.subheadlines {
            s.push_str(&format!("  —— {sub}\n"));
        }
        if let Some(b) = byline_line(a) {
            s.push_str(&format!("{b}\n"));
        }
        if let Some(d) = &a.dateline {
            s.push_str(&format!("[{}]\n", d.text));
        }
        s.push('\n');
        for p in &a.body {
            match p.kind {
                BlockKind::Intertitle => s.push_str(&format!("  ▍{}\n\n", p.text)),
                BlockKind::Paragraph => s.push_str(&format!("　　{}\n\n", p.text)),
            }
        }
        for c in separate_captions(a) {
            s.push_str(&format!("[图] {} {}\n", c.text, c.credit.as_deref().unwrap_or("")));
        }
        for j in &a.jumps {
            s.push_str(&format!("→ {} {} ({})\n", jump_words(j.kind), j.page.as_deref().unwrap_or("?"), j.text));
        }
        for f in flagged(a) {
            s.push_str(&format!("  ⚑ {f}\n"));
        }
        s.push('\n');
    }
    if !page.unassigned.is_empty() {
        s.push_str("── not in any article ──\n");
        for u in &page.unassigned {
            s.push_str(&format!("{}\n", u.text));
        }
    }
    s
}

/// The articles as Markdown.
pub fn markdown(page: &Page) -> String {
    let mut s = String::new();
    let head = [page.paper.as_deref(), page.date.as_deref(), page.page.as_deref()];
    s.push_str(&format!("# {}\n\n", head.iter().map(|x| x.unwrap_or("?")).collect::<Vec<_>>().join(" · ")));
    for a in &page.articles {
        if let Some(k) = &a.kicker {
            s.push_str(&format!("*{k}*\n\n"));
        }
        s.push_str(&format!("## {}\n\n", a.headline.as_deref().unwrap_or("(no headline)")));
        for sub in &a.subheadlines {
            s.push_str(&format!("### {sub}\n\n"));
        }
        if let Some(b) = byline_line(a) {
            s.push_str(&format!("**{b}**\n\n"));
        }
        for (i, p) in a.body.iter().enumerate() {
            match p.kind {
                BlockKind::Intertitle => s.push_str(&format!("#### {}\n\n", p.text)),
                BlockKind::Paragraph if i == 0 && a.dateline.is_some() => {
                    s.push_str(&format!("**{}** {}\n\n", a.dateline.as_ref().map_or("", |d| d.text.as_str()), p.text))
                }
                BlockKind::Paragraph => s.push_str(&format!("{}\n\n", p.text)),
            }
        }
        for c in separate_captions(a) {
            s.push_str(&format!("> {} — {}\n\n", c.text, c.credit.as_deref().unwrap_or("")));
        }
        for j in &a.jumps {
            s.push_str(&format!("*→ {} {}*\n\n", jump_words(j.kind), j.page.as_deref().unwrap_or("?")));
        }
        for f in flagged(a) {
            s.push_str(&format!("- ⚑ {f}\n"));
        }
        s.push_str("\n---\n\n");
    }
    s
}

/// The captions not already printed as the article's text (a picture item's
/// captions are its paragraphs too).
fn separate_captions(a: &Article) -> impl Iterator<Item = &Caption> {
    a.captions.iter().filter(|c| !a.body.iter().any(|p| p.text.contains(c.text.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use baokan_core::{Byline, Dateline};

    #[test]
    fn a_byline_the_dateline_prints_is_not_printed_again() {
        let byline = |name: &str| Byline { role: Some("记者".into()), outlet: None, names: vec![name.into()] };
        let a = Article {
            bylines: vec![byline("张旭")],
            dateline: Some(Dateline {
                text: "新华社北京6月11日电 （记者 张旭）".into(),
                agency: Some("新华社".into()),
                place: Some("北京".into()),
                date: None,
            }),
            ..Article::default()
        };
        assert_eq!(byline_line(&a), None);
        let b = Article { bylines: vec![byline("张旭"), byline("王小明")], ..a };
        assert_eq!(byline_line(&b).as_deref(), Some("记者 王小明"));
    }
}
