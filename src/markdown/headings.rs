//! Gives every heading a stable `id`, so sections can be linked to. An id
//! written in the source (`## Title {#id}`) is kept; otherwise it comes from
//! the heading's text, made unique on the page and apart from the ids the
//! templates and footnotes use.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Events;

/// Ids the built-in templates give their own elements.
pub(super) const RESERVED: &[&str] = &[
    "main",
    "mentions",
    "mentions-heading",
    "terms-heading",
    "articles-heading",
    "sources",
    "sources-heading",
    "cite-this",
    "cite-this-heading",
    "key-dates-heading",
    "dates-heading",
    "kind-all",
    "figures",
    "maps",
    "map-title",
    "places-heading",
    "locator-title",
    "gloss-previews",
    "gloss-previews-toggle",
    "gloss-popover",
    "gloss-search",
    "gloss-search-label",
    "gloss-search-results",
    "gloss-search-status",
    "toc-heading",
    "series-heading",
];

/// The id prefix of footnotes, so `[^1]` cannot clash with a heading "1".
const FOOTNOTE_PREFIX: &str = "fn-";

pub fn assign_ids(mut events: Events<'_>) -> Events<'_> {
    let mut taken: HashSet<String> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Some(format!("{FOOTNOTE_PREFIX}{label}"))
            }
            Event::FootnoteReference(label) => Some(format!("fnref-{label}")),
            _ => None,
        })
        .chain(RESERVED.iter().map(|r| r.to_string()))
        .collect();
    let mut next = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        match &mut events[i].0 {
            Event::FootnoteReference(label) => {
                *label = CowStr::from(format!("{FOOTNOTE_PREFIX}{label}"));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                *label = CowStr::from(format!("{FOOTNOTE_PREFIX}{label}"));
            }
            _ => {}
        }
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i].0 {
            let mut text = String::new();
            for (event, _) in &events[i + 1..] {
                match event {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let id = unique(anchor(&text), &mut taken, &mut next);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
    events
}

/// A section heading, as a table of contents lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    pub id: String,
    /// Its words, without markup.
    pub text: String,
}

/// The `h2` and `h3` headings of events whose headings have their ids, in order.
pub fn outline(events: &Events<'_>) -> Vec<Heading> {
    use pulldown_cmark::HeadingLevel;
    let mut headings = Vec::new();
    let mut open: Option<Heading> = None;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading {
                level: level @ (HeadingLevel::H2 | HeadingLevel::H3),
                id: Some(id),
                ..
            }) => {
                open = Some(Heading {
                    level: if *level == HeadingLevel::H2 { 2 } else { 3 },
                    id: id.to_string(),
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut open {
                    h.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = &mut open {
                    h.text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = open.take() {
                    h.text = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    headings.push(h);
                }
            }
            _ => {}
        }
    }
    headings
}

/// Lower case letters and digits of any script, words joined by `-`.
pub fn anchor(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "section".to_string()
    } else {
        out.to_string()
    }
}

/// `base`, or `base-1`, `base-2`, ...: the first not taken. The number to
/// try next for each base is remembered (ids once taken stay taken), so a
/// page repeating one heading n times costs n tries, not n².
fn unique(base: String, taken: &mut HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    let n = next.entry(base.clone()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_keep_letters_of_any_script() {
        assert_eq!(
            anchor("From constitution to coup!"),
            "from-constitution-to-coup"
        );
        assert_eq!(anchor("The 1909 siege — Tabriz"), "the-1909-siege-tabriz");
        assert_eq!(anchor("مجلس شورای ملی"), "مجلس-شورای-ملی");
        assert_eq!(anchor("???"), "section");
    }

    fn ids(markdown: &str) -> Vec<String> {
        let events = pulldown_cmark::Parser::new_ext(markdown, super::super::parser_options())
            .into_offset_iter()
            .collect();
        (assign_ids(events).into_iter())
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn ids_from_text_keep_clear_of_written_ids_and_notes() {
        let text = "## Intro\n\n## Preface {#intro}\n\n## fn 1\n\n## fnref 1\n\n## a_b\n\n\
                    Text.[^1]\n\n[^1]: A note.\n";
        assert_eq!(
            ids(text),
            ["intro-1", "intro", "fn-1-1", "fnref-1-1", "a-b"]
        );
    }

    #[test]
    fn repeated_headings_get_the_next_free_number() {
        let mut taken: HashSet<String> = ["a-b-2".to_string()].into();
        let mut next = HashMap::new();
        let mut ids: Vec<String> = Vec::new();
        for base in ["a-b", "a-b", "a-b", "a-b", "a-b-1"] {
            ids.push(unique(base.into(), &mut taken, &mut next));
        }
        assert_eq!(ids, ["a-b", "a-b-1", "a-b-3", "a-b-4", "a-b-1-1"]);
    }
}
