//! Footnotes with a way back: each reference gets an id (`fnref-<label>`)
//! and each definition ends in a link back to its first reference. The
//! numbers are those pulldown-cmark would give: by first appearance of a
//! reference or a definition.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Events, RenderContext, escape_html};

/// The prefix the heading pass gives footnote labels, kept in ids.
const NOTE_PREFIX: &str = "fn-";

/// Writes footnote references and definitions as HTML of their own.
pub fn link_back<'e>(mut events: Events<'e>, ctx: &RenderContext) -> Events<'e> {
    let numbers = numbers(&events);
    if numbers.is_empty() {
        return events;
    }
    // Numbers as the page's language writes them.
    let written = |n: usize| {
        if ctx.language.is_persian() {
            crate::languages::persian::number(n)
        } else {
            n.to_string()
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut open: Vec<String> = Vec::new();
    // Notes are few among many events: they are replaced where they stand.
    for (event, _) in events.iter_mut() {
        let html = match &*event {
            Event::FootnoteReference(label) => {
                let n = written(numbers[label.as_ref()]);
                let count = seen.entry(label.to_string()).or_insert(0);
                *count += 1;
                let id = reference_id(label, *count);
                Some(format!(
                    "<sup class=\"footnote-reference\"><a href=\"#{}\" id=\"{}\">{n}</a></sup>",
                    escape_html(label),
                    escape_html(&id),
                ))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = written(numbers[label.as_ref()]);
                open.push(label.to_string());
                Some(format!(
                    "<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{n}</sup>\n",
                    escape_html(label)
                ))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let label = open.pop().unwrap_or_default();
                let back = if seen.contains_key(&label) {
                    let n = written(numbers.get(&label).copied().unwrap_or_default());
                    let back = ctx.strings.fill("note_back", &[("n", &n)]);
                    format!(
                        "<a class=\"footnote-back\" href=\"#{}\" aria-label=\"{}\">↩</a>",
                        escape_html(&reference_id(&label, 1)),
                        escape_html(&back),
                    )
                } else {
                    String::new()
                };
                Some(format!("{back}</div>\n"))
            }
            _ => None,
        };
        let inline = matches!(event, Event::FootnoteReference(_));
        match html {
            Some(html) if inline => *event = Event::InlineHtml(CowStr::from(html)),
            Some(html) => *event = Event::Html(CowStr::from(html)),
            None => {}
        }
    }
    events
}

/// Each note's number, by its label: by first appearance of a reference or
/// a definition.
pub fn numbers(events: &Events<'_>) -> HashMap<String, usize> {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    for (event, _) in events {
        if let Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) =
            event
        {
            let next = numbers.len() + 1;
            numbers.entry(label.to_string()).or_insert(next);
        }
    }
    numbers
}

/// `fnref-<label>` for a note's first reference, `fnref-<label>-2` for the second.
pub fn reference_id(label: &str, count: usize) -> String {
    let bare = label.strip_prefix(NOTE_PREFIX).unwrap_or(label);
    if count <= 1 {
        format!("fnref-{bare}")
    } else {
        format!("fnref-{bare}-{count}")
    }
}
