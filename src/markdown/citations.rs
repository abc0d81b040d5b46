//! Citations: `[@afary1996, p. 212]` and the rest of Pandoc's syntax (see
//! `sources::syntax`). Such brackets parse as a shortcut reference with no
//! definition, which pulldown-cmark hands to [`callback`]; everything else
//! keeps its meaning: code, an escaped `\[@x]`, a real link `[@x](url)`, and
//! brackets whose reference is defined. The pass then formats the page's
//! citations together, as a style needs (a work's first note in full, later
//! ones short): with a note style each becomes a footnote numbered with the
//! author's own, and the notes are gathered at the end in order; with an
//! in-text style each becomes text linking to the work in the page's list
//! of sources.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Tag, TagEnd};

use super::{Events, Origin, RenderContext, notes};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::sources::syntax::{self, Citation};
use crate::sources::{Cite, Sources, Work, capitalize_first};

/// The target the callback gives a citation, which only citations have.
const MARKER: &str = "gloss:citation";

/// Makes a citation of bracketed text that is one (`markdown` is the text
/// parsed): a link to [`MARKER`], found again by [`place`].
pub fn callback<'a>(markdown: &str, link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    let inner = markdown.get(link.span.start + 1..link.span.end.checked_sub(1)?)?;
    (link.link_type == LinkType::Shortcut && syntax::is_citation(inner))
        .then_some((CowStr::Borrowed(MARKER), CowStr::Borrowed("")))
}

/// A citation found in the events.
struct Found {
    /// The events of its link, start and end included.
    events: Range<usize>,
    /// Where it is in the Markdown parsed.
    span: Range<usize>,
    citation: Citation,
}

/// Formats the citations among `events` in place; the works they cite, as
/// the page's list of sources shows them.
pub fn place<'a>(
    mut events: Events<'a>,
    markdown: &str,
    ctx: &RenderContext,
    origin: Origin,
    to_file: &dyn Fn(usize) -> usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Events<'a>, Vec<Work>) {
    let mut found = Vec::new();
    let mut broken = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (
            Event::Start(Tag::Link {
                link_type: LinkType::ShortcutUnknown,
                dest_url,
                ..
            }),
            span,
        ) = &events[i]
        else {
            i += 1;
            continue;
        };
        if dest_url.as_ref() != MARKER {
            i += 1;
            continue;
        }
        let span = span.clone();
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Link)))
            .unwrap_or(events.len() - 1);
        let inner = &markdown[span.start + 1..span.end - 1];
        let at = |offset: usize| to_file(span.start + 1 + offset);
        match check(inner, ctx, origin, &at) {
            Ok(citation) => found.push(Found {
                events: i..end + 1,
                span,
                citation,
            }),
            Err(problems) => {
                diagnostics.extend(problems);
                broken.push(i..end + 1);
            }
        }
        i = end + 1;
    }
    // A citation with a problem keeps its text, for the errors to point at:
    // its link's start and end go, in one pass over the events.
    if !broken.is_empty() {
        let mut cut = broken.iter().flat_map(|r| [r.start, r.end - 1]).peekable();
        let mut i = 0;
        events.retain(|_| {
            let keep = cut.next_if_eq(&i).is_none();
            i += 1;
            keep
        });
    }
    let Some(sources) = ctx.sources.ok().flatten().filter(|_| !found.is_empty()) else {
        return (events, Vec::new());
    };
    let found = shifted(found, &broken);
    if sources.notes() {
        as_notes(events, found, sources, &ctx.source.path)
    } else {
        in_text(events, found, sources, &ctx.source.path)
    }
}

/// A citation's items, with every problem: its syntax, keys the bibliography
/// does not have, or a place citations cannot be.
fn check(
    inner: &str,
    ctx: &RenderContext,
    origin: Origin,
    at: &dyn Fn(usize) -> usize,
) -> Result<Citation, Vec<Diagnostic>> {
    let source = ctx.source;
    let citation = syntax::parse(inner).map_err(|errors| {
        (errors.into_iter())
            .map(|e| source.error_at(at(e.at), e.message).with_help_opt(e.help))
            .collect::<Vec<_>>()
    })?;
    if let Origin::Value(_) = origin {
        return Err(vec![
            source
                .error_at(at(0), "a citation in front matter")
                .with_help("cite in the text of the page"),
        ]);
    }
    let sources = match ctx.sources {
        Ok(Some(sources)) => sources,
        Err(_) => return Err(Vec::new()),
        Ok(None) => {
            return Err(vec![
                source
                    .error_at(
                        at(0),
                        format!("`[{inner}]` cites a work, but the site has no bibliography"),
                    )
                    .with_help(
                        "add content/sources.bib or content/sources.yaml; \
                     to write the brackets as they are, escape the first: `\\[`",
                    ),
            ]);
        }
    };
    let unknown: Vec<Diagnostic> = (citation.items.iter())
        .filter(|item| !sources.has(&item.key))
        .map(|item| {
            let help = match did_you_mean(&item.key, sources.keys()) {
                Some(key) => format!("did you mean `@{key}`?"),
                None => format!("{} has no work with this key", sources.path.display()),
            };
            source
                .error_at(at(item.key_at - 1), format!("unknown work `@{}`", item.key))
                .with_help(help)
        })
        .collect();
    if unknown.is_empty() {
        Ok(citation)
    } else {
        Err(unknown)
    }
}

/// The citations' event ranges after the broken ones' start and end events
/// were removed.
/// Both lists are in order, so one walk through them does.
fn shifted(found: Vec<Found>, broken: &[Range<usize>]) -> Vec<Found> {
    let mut before = 0;
    (found.into_iter())
        .map(|f| {
            while broken.get(before).is_some_and(|r| r.start < f.events.start) {
                before += 1;
            }
            let shift = 2 * before;
            Found {
                events: f.events.start - shift..f.events.end - shift,
                ..f
            }
        })
        .collect()
}

fn cite(found: &Found, note: Option<usize>) -> Cite<'_> {
    let items = &found.citation.items;
    Cite {
        items: (items.iter())
            .map(|i| (i.key.as_str(), i.locator.as_ref()))
            .collect(),
        prefixes: items.iter().map(|i| i.prefix.clone()).collect(),
        note,
    }
}

/// In-text citations: each replaced by its text, linked to the works.
fn in_text<'a>(
    events: Events<'a>,
    found: Vec<Found>,
    sources: &Sources,
    file: &Path,
) -> (Events<'a>, Vec<Work>) {
    let cites: Vec<Cite> = found.iter().map(|f| cite(f, None)).collect();
    let formatted = sources.format(file, &cites);
    let mut out = Vec::with_capacity(events.len());
    let mut next = found.iter().zip(formatted.citations).peekable();
    let mut events = events.into_iter().enumerate();
    while let Some((i, event)) = events.next() {
        match next.peek() {
            Some((f, _)) if f.events.start == i => {
                let (f, html) = next.next().expect("peeked");
                let html = format!("<span class=\"citation\">{html}</span>");
                out.push((Event::InlineHtml(html.into()), f.span.clone()));
                // Skip the rest of the link.
                for _ in f.events.start + 1..f.events.end {
                    events.next();
                }
            }
            _ => out.push(event),
        }
    }
    (out, formatted.works)
}

/// Citations as notes: each replaced by a reference to a note of its own,
/// numbered in one sequence with the author's notes; every note then listed
/// at the end, in order. A citation inside an author's note is written in
/// that note instead.
fn as_notes<'a>(
    events: Events<'a>,
    found: Vec<Found>,
    sources: &Sources,
    file: &Path,
) -> (Events<'a>, Vec<Work>) {
    let mut taken: HashSet<String> = (events.iter())
        .filter_map(|(e, _)| match e {
            Event::FootnoteReference(l) | Event::Start(Tag::FootnoteDefinition(l)) => {
                Some(l.to_string())
            }
            _ => None,
        })
        .collect();
    let labels: Vec<String> = (1..=found.len())
        .map(|n| {
            let mut label = format!("cite-{n}");
            while taken.contains(&label) {
                label.push('x');
            }
            taken.insert(label.clone());
            label
        })
        .collect();
    // The text, with each citation a reference, and the notes apart.
    let mut text: Events = Vec::with_capacity(events.len());
    let mut notes: Vec<Events> = Vec::new();
    // The label of the author's note being read, and of the one each
    // citation is in.
    let mut reading: Option<String> = None;
    let mut within: Vec<Option<String>> = vec![None; found.len()];
    let mut next = found.iter().enumerate().peekable();
    let mut events = events.into_iter().enumerate();
    while let Some((i, (event, range))) = events.next() {
        if let Some(&(j, f)) = next.peek().filter(|(_, f)| f.events.start == i) {
            match (&reading, notes.last_mut()) {
                (Some(label), Some(note)) => {
                    within[j] = Some(label.clone());
                    note.push((marker(j), f.span.clone()));
                }
                _ => {
                    let label = CowStr::from(labels[j].clone());
                    text.push((Event::FootnoteReference(label), f.span.clone()));
                }
            }
            for _ in f.events.start + 1..f.events.end {
                events.next();
            }
            next.next();
            continue;
        }
        match &event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                reading = Some(label.to_string());
                notes.push(vec![(event, range)]);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                reading = None;
                if let Some(note) = notes.last_mut() {
                    note.push((event, range));
                }
            }
            _ => match (&reading, notes.last_mut()) {
                (Some(_), Some(note)) => note.push((event, range)),
                _ => text.push((event, range)),
            },
        }
    }
    for (j, f) in found
        .iter()
        .enumerate()
        .filter(|(j, _)| within[*j].is_none())
    {
        let label = CowStr::from(labels[j].clone());
        notes.push(vec![
            (Event::Start(Tag::FootnoteDefinition(label)), f.span.clone()),
            (Event::Start(Tag::Paragraph), f.span.clone()),
            (marker(j), f.span.clone()),
            (Event::End(TagEnd::Paragraph), f.span.clone()),
            (Event::End(TagEnd::FootnoteDefinition), f.span.clone()),
        ]);
    }
    // With the notes after the text, references number them.
    let mut all = text;
    all.extend(notes.iter().flatten().cloned());
    let numbers = notes::numbers(&all);
    let number_of = |note: &Events| match note.first() {
        Some((Event::Start(Tag::FootnoteDefinition(label)), _)) => numbers.get(label.as_ref()),
        _ => None,
    };
    notes.sort_by_key(|note| number_of(note).copied().unwrap_or(usize::MAX));
    let note_of = |j: usize| {
        numbers
            .get(within[j].as_ref().unwrap_or(&labels[j]))
            .copied()
    };
    // The style chooses a full or a short form, or "Ibid.", by what came
    // before: citations go to it in the order readers meet their notes,
    // which is not the order of the source when an author's note is
    // written at the end of the file.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&j| (note_of(j).unwrap_or(usize::MAX), j));
    let cites: Vec<Cite> = (order.iter())
        .map(|&j| cite(&found[j], note_of(j)))
        .collect();
    let mut formatted = sources.format(file, &cites);
    let mut in_source_order = vec![String::new(); found.len()];
    for (k, &j) in order.iter().enumerate() {
        in_source_order[j] = std::mem::take(&mut formatted.citations[k]);
    }
    formatted.citations = in_source_order;
    all.truncate(all.len() - notes.iter().map(Vec::len).sum::<usize>());
    for (event, range) in notes.into_iter().flatten() {
        let event = match marked(&event) {
            // A note of its own starts a sentence; in the author's, it goes on one.
            Some(j) if within[j].is_none() => {
                Event::InlineHtml(capitalize_first(&formatted.citations[j]).into())
            }
            Some(j) => Event::InlineHtml(CowStr::from(formatted.citations[j].clone())),
            None => event,
        };
        all.push((event, range));
    }
    (all, formatted.works)
}

/// Where the `j`th citation's text goes, once formatted.
fn marker(j: usize) -> Event<'static> {
    Event::InlineHtml(CowStr::from(format!("\0cite:{j}")))
}

fn marked(event: &Event) -> Option<usize> {
    match event {
        Event::InlineHtml(html) => html.strip_prefix("\0cite:")?.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::CitationStyle;

    const BIB: &str = "@book{a,\n author = {Afary, Janet},\n title = {The Iranian Constitutional Revolution},\n \
                       publisher = {Columbia University Press},\n year = {1996},\n}\n";

    /// The body's HTML, with the sources in `style`, and every problem.
    fn rendered(body: &str, style: &str) -> (String, Vec<String>) {
        let library = hayagriva::io::from_biblatex_str(BIB).unwrap();
        let style =
            CitationStyle::Bundled(hayagriva::archive::ArchivedStyle::by_name(style).unwrap());
        let sources =
            Sources::new(PathBuf::from("content/sources.bib"), library, &style, "en").unwrap();
        let r = super::super::render_alone(body, "/", Some(&sources));
        let problems = r
            .diagnostics
            .iter()
            .map(|d| d.headline(false).to_string())
            .collect();
        (r.html, problems)
    }

    #[test]
    fn a_citation_in_an_authors_note_is_written_in_that_note() {
        let (html, problems) = rendered(
            "Text.[^n]\n\n[^n]: For the date, [see @a, p. 5]\n",
            "chicago-notes",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            html.matches("class=\"footnote-reference\"").count(),
            1,
            "{html}"
        );
        assert!(
            html.contains("<p>For the date, see Janet Afary, <i>The Iranian Constitutional Revolution</i> (Columbia University Press, 1996), 5.</p>"),
            "{html}"
        );
    }

    #[test]
    fn the_first_note_a_reader_meets_cites_in_full() {
        // The author's note is numbered 1 but written after the text's citation.
        let body = "Text.[^n] More.[@a]\n\n[^n]: See [@a, p. 5]\n";
        let (html, problems) = rendered(body, "chicago-notes");
        assert!(problems.is_empty(), "{problems:?}");
        let full = html.find("Janet Afary, <i>The Iranian Constitutional Revolution</i> (Columbia University Press, 1996), 5.").unwrap_or_else(|| panic!("note 1 in full: {html}"));
        let note_two = html.find("id=\"fn-cite-1\"").unwrap();
        assert!(full < note_two, "{html}");
        let second = &html[note_two..];
        assert!(
            second.contains("<p>Afary, <i>The Iranian Constitutional Revolution</i>.</p>"),
            "note 2 short: {html}"
        );
    }

    #[test]
    fn citation_notes_take_labels_the_author_left_free() {
        let body = "One.[^cite-1] Two.[@a]\n\n[^cite-1]: Mine.\n";
        let (html, problems) = rendered(body, "chicago-notes");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            html.contains("href=\"#fn-cite-1\" id=\"fnref-cite-1\">1</a>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"#fn-cite-1x\" id=\"fnref-cite-1x\">2</a>"),
            "{html}"
        );
        let mine = html.find("id=\"fn-cite-1\"").unwrap();
        let cited = html.find("id=\"fn-cite-1x\"").unwrap();
        assert!(mine < cited, "notes in the order of their numbers: {html}");
    }

    #[test]
    fn notes_written_first_are_gathered_after_the_text_in_order() {
        let body = "[^b]: The second.\n\nText.[@a] More.[^b]\n";
        let (html, _) = rendered(body, "chicago-notes");
        let text = html.find("<p>Text.").unwrap();
        let first = html.find("id=\"fn-cite-1\"").unwrap();
        let second = html.find("id=\"fn-b\"").unwrap();
        assert!(text < first && first < second, "{html}");
        assert!(
            html.contains("href=\"#fn-b\" id=\"fnref-b\">2</a>"),
            "{html}"
        );
    }

    #[test]
    fn in_text_citations_link_to_the_list() {
        let (html, _) = rendered("As shown [@a, pp. 3–4].\n", "apa");
        assert!(
            html.contains(
                "<span class=\"citation\">(<a href=\"#ref-a\">Afary, 1996, pp. 3–4</a>)</span>"
            ),
            "{html}"
        );
    }

    #[test]
    fn problems_keep_the_text_and_say_where() {
        let (html, problems) = rendered("Text [@b] and [@a, pgx 3].\n", "apa");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("content/articles/a.md:4:7: error: unknown work `@b`"));
        assert!(
            problems[1].contains("unknown locator `pgx`"),
            "{problems:?}"
        );
        assert!(html.contains("Text @b and @a, pgx 3."), "{html}");
    }
}
