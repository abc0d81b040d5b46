//! Pictures in Markdown. An image alone in its paragraph is a figure: the
//! picture, numbered ("Figure 2"), captioned (by the image's title, else its
//! sidecar's caption) and credited (its sidecar's credit, linked to its
//! source, and licence), with a link to the original to zoom into. An image
//! in running text stays inline. Both are written with their width and
//! height and every size the build makes of them.
//!
//! A figure's id is `fig-` and its file's name (`fig-siege` for
//! `images/siege.jpg`, `fig-siege-2` for a second on the page), and a link
//! to it with no text, `[](#fig-siege)`, reads "Figure 2"; a link to a
//! figure the page does not have is an error.
//!
//! The pass runs before links are rewritten and terms linked, so a
//! caption's links and terms are treated as the body's are.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{Events, RenderContext, parser_options, trust};
use crate::diagnostics::Diagnostic;
use crate::html::{escape_href, escape_html};
use crate::images::markup::{self, Shown};
use crate::images::{Picture, Valued};

/// What a figure's link text reads before its number.
const LABEL: &str = "Figure";
/// Images starting this close to the top of a page's Markdown are on its
/// first screen, and load at once; the rest load as the reader nears them.
const FIRST_SCREEN: usize = 400;

/// A picture of `static/` a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureUse {
    /// Its index among the site's pictures.
    pub picture: usize,
    /// Where the image starts in the source file.
    pub at: usize,
    /// Its figure number, if it is a figure.
    pub figure: Option<usize>,
    /// Its alt text on the page.
    pub alt: String,
    /// Whether the use names who to credit, and under what licence.
    pub credited: bool,
    pub licensed: bool,
}

/// What the pass found.
#[derive(Debug, Default)]
pub struct Found {
    pub uses: Vec<PictureUse>,
    /// Where each image without alt text (in the Markdown or its sidecar) starts.
    pub without_alt: Vec<usize>,
}

/// One image of the page, from its start event to its end.
struct Image {
    start: usize,
    end: usize,
    /// Whether it is alone in its paragraph, which is `start - 1` to `end + 1`.
    figure: bool,
}

/// A figure, by the number and id it is given.
struct Numbered {
    number: usize,
    id: String,
}

/// Writes every image of the page, and fills in links to its figures.
pub fn place<'a>(
    events: Events<'a>,
    in_body: bool,
    ctx: &RenderContext,
    to_file: &dyn Fn(usize) -> usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Events<'a>, Found) {
    let images = find(&events);
    let mut found = Found::default();
    if images.is_empty() && !has_figure_links(&events) {
        return (events, found);
    }
    // Ids are unique on the page, headings' among them.
    let mut taken: HashSet<String> = (events.iter())
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let headings = taken.clone();
    let mut numbered: HashMap<usize, Numbered> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut tried: HashMap<String, usize> = HashMap::new();
    for image in images.iter().filter(|i| i.figure) {
        let number = numbered.len() + 1;
        // A figure's `start` is its paragraph's: the image's own is next.
        let base = format!("fig-{}", stem(dest(&events[image.start + 1].0)));
        // Each name's count goes on from where it stopped, so that a page
        // of many pictures of one name takes linear time.
        let next = tried.entry(base.clone()).or_insert(1);
        let id = loop {
            let id = match *next {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            };
            *next += 1;
            if !taken.contains(&id) {
                break id;
            }
        };
        taken.insert(id.clone());
        by_id.insert(id.clone(), number);
        numbered.insert(image.start, Numbered { number, id });
    }
    let mut out = Vec::with_capacity(events.len());
    let mut next = images.iter().peekable();
    let mut events = events.into_iter().enumerate().peekable();
    while let Some((i, (event, range))) = events.next() {
        if let Some(image) = next.next_if(|im| im.start == i) {
            let mut inner = Vec::new();
            let mut image_range = range.clone();
            let mut start_event = event;
            if image.figure {
                // The paragraph's start: the image's own comes next.
                let (_, (e, r)) = events.next().expect("an image follows");
                start_event = e;
                image_range = r;
            }
            while events.peek().is_some_and(|(j, _)| *j < image.end) {
                let (_, (e, _)) = events.next().expect("peeked");
                inner.push(e);
            }
            events.next(); // the image's end
            if image.figure {
                events.next(); // the paragraph's end
            }
            let written = Written {
                start: &start_event,
                alt: alt_text(&inner),
                range: image_range,
            };
            let number = numbered.get(&image.start);
            write(
                &written,
                number,
                ctx,
                to_file,
                diagnostics,
                &mut found,
                &mut out,
            );
            continue;
        }
        if let Event::Start(Tag::Link { dest_url, .. }) = &event
            && let Some(id) = dest_url
                .strip_prefix('#')
                .filter(|id| id.starts_with("fig-"))
        {
            let empty = matches!(events.peek(), Some((_, (Event::End(TagEnd::Link), _))));
            // A heading may have an id starting `fig-` too; and a value of
            // the front matter (a photo's caption) has no figures of its own.
            if headings.contains(id) || !in_body {
                out.push((event, range));
                continue;
            }
            match by_id.get(id) {
                Some(&number) => {
                    out.push((event, range.clone()));
                    if empty {
                        out.push((Event::Text(format!("{LABEL} {number}").into()), range));
                    }
                }
                None => {
                    let mut known: Vec<&str> = by_id.keys().map(String::as_str).collect();
                    known.sort_by_key(|id| by_id[*id]);
                    let help = match crate::diagnostics::did_you_mean(id, known.iter().copied()) {
                        Some(best) => format!("did you mean `#{best}`?"),
                        None if known.is_empty() => {
                            "this page has no figures: a figure is an image alone in its paragraph"
                                .into()
                        }
                        None => format!("this page's figures are {}", list(&known)),
                    };
                    diagnostics.push(
                        ctx.source
                            .error_at(
                                to_file(range.start),
                                format!("link to figure `#{id}`, which this page does not have"),
                            )
                            .with_help(help),
                    );
                    out.push((event, range));
                }
            }
            continue;
        }
        out.push((event, range));
    }
    (out, found)
}

fn list(ids: &[&str]) -> String {
    let mut ids: Vec<String> = ids.iter().map(|id| format!("`#{id}`")).collect();
    ids.sort();
    ids.join(", ")
}

/// Whether any link names a figure, which is an error on a page with none.
fn has_figure_links(events: &Events) -> bool {
    events.iter().any(|(e, _)| {
        matches!(e, Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("#fig-"))
    })
}

/// Every outermost image, in order.
fn find(events: &Events) -> Vec<Image> {
    let mut images = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i].0, Event::Start(Tag::Image { .. })) {
            let mut depth = 0usize;
            let mut end = i + 1;
            while end < events.len() {
                match events[end].0 {
                    Event::Start(Tag::Image { .. }) => depth += 1,
                    Event::End(TagEnd::Image) if depth == 0 => break,
                    Event::End(TagEnd::Image) => depth -= 1,
                    _ => {}
                }
                end += 1;
            }
            let figure = i > 0
                && matches!(events[i - 1].0, Event::Start(Tag::Paragraph))
                && matches!(
                    events.get(end + 1),
                    Some((Event::End(TagEnd::Paragraph), _))
                );
            images.push(Image {
                start: if figure { i - 1 } else { i },
                end,
                figure,
            });
            i = end + 1;
        } else {
            i += 1;
        }
    }
    // `start` is the paragraph's for a figure, the image's otherwise.
    images
}

fn dest<'e>(event: &'e Event) -> &'e str {
    match event {
        Event::Start(Tag::Image { dest_url, .. }) => dest_url,
        _ => "",
    }
}

/// The name of the file a path ends in, without its extension, as an id.
fn stem(dest: &str) -> String {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let name = super::percent_decode(name);
    if name.chars().any(char::is_alphanumeric) {
        super::anchor(&name)
    } else {
        "picture".into()
    }
}

/// The text of an image's alt, as a screen reader would read it.
fn alt_text(inner: &[Event]) -> String {
    let mut text = String::new();
    for event in inner {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// An image as the page wrote it.
struct Written<'w, 'a> {
    start: &'w Event<'a>,
    alt: String,
    range: Range<usize>,
}

/// Writes one image, as a figure if it has a number.
fn write<'a>(
    image: &Written,
    number: Option<&Numbered>,
    ctx: &RenderContext,
    to_file: &dyn Fn(usize) -> usize,
    diagnostics: &mut Vec<Diagnostic>,
    found: &mut Found,
    out: &mut Events<'a>,
) {
    let Event::Start(Tag::Image {
        dest_url, title, ..
    }) = image.start
    else {
        return;
    };
    let at = to_file(image.range.start);
    let range = image.range.clone();
    let picture = picture_of(dest_url, ctx);
    let url = match super::static_url(dest_url, ctx, at) {
        Ok(url) => url,
        Err(d) => {
            diagnostics.push(d);
            dest_url.to_string()
        }
    };
    let rights = picture.map(|(_, p)| &p.rights);
    let alt = match rights.and_then(|r| r.alt.as_deref()) {
        Some(alt) if image.alt.is_empty() => alt.to_string(),
        _ => image.alt.clone(),
    };
    if alt.is_empty() {
        found.without_alt.push(at);
    }
    let shown = Shown {
        alt: &alt,
        lazy: image.range.start >= FIRST_SCREEN,
    };
    let (element, zoom) = match picture {
        Some((i, picture)) => {
            ctx.pictures.mark_used(i);
            found.uses.push(PictureUse {
                picture: i,
                at,
                figure: number.map(|n| n.number),
                alt: alt.clone(),
                credited: picture.rights.credit.is_some(),
                licensed: picture.rights.license.is_some(),
            });
            let offered = markup::offered(picture, ctx.base);
            (markup::element(&offered, shown), offered.zoom)
        }
        None => (markup::plain_element(&url, shown), url.clone()),
    };
    let Some(number) = number else {
        out.push((Event::InlineHtml(element.into()), range));
        return;
    };
    out.push((
        Event::Html(
            format!(
                "<figure class=\"figure\" id=\"{}\"><a class=\"zoom\" href=\"{}\">{element}</a>\
                 <figcaption><span class=\"figure-label\">{LABEL} {}.</span> ",
                escape_html(&number.id),
                escape_href(&zoom),
                number.number
            )
            .into(),
        ),
        range.clone(),
    ));
    let caption = Some(title.as_ref())
        .filter(|t| !t.trim().is_empty())
        .or(rights.and_then(|r| r.caption.as_deref()));
    if let Some(caption) = caption {
        out.push((
            Event::Html("<span class=\"caption\">".into()),
            range.clone(),
        ));
        out.extend(caption_events(caption, ctx, at, diagnostics, &range));
        out.push((Event::Html("</span>".into()), range.clone()));
    }
    let credit = rights.map(credit_line).unwrap_or_default();
    out.push((
        Event::Html(format!("{credit}</figcaption></figure>\n").into()),
        range,
    ));
}

/// The credit line of a picture: its credit linked to its source, then its
/// licence; empty if it has neither.
pub fn credit_line(rights: &crate::images::Rights) -> String {
    let credit = rights
        .credit
        .as_ref()
        .map(|Valued { value, .. }| match &rights.source {
            Some(source) => format!(
                "<a href=\"{}\" rel=\"external\">{}</a>",
                escape_href(&source.value),
                escape_html(value)
            ),
            None => escape_html(value),
        });
    let license = rights.license.as_ref().map(|l| escape_html(&l.value));
    let parts: Vec<String> = credit.into_iter().chain(license).collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(" <span class=\"credit\">{}</span>", parts.join(" · "))
}

/// The picture of `static/` an image names, if it names one.
fn picture_of<'c>(dest: &str, ctx: &RenderContext<'c>) -> Option<(usize, &'c Picture)> {
    if dest.is_empty() || crate::url::is_external(dest) {
        return None;
    }
    let path = dest.split(['?', '#']).next()?.trim_start_matches('/');
    ctx.pictures.get(&super::percent_decode(path))
}

/// A caption's Markdown as inline events, put through the content-trust
/// pass like the body, every event placed at the image.
fn caption_events(
    caption: &str,
    ctx: &RenderContext,
    at: usize,
    diagnostics: &mut Vec<Diagnostic>,
    range: &Range<usize>,
) -> Vec<(Event<'static>, Range<usize>)> {
    // A caption is a line of text inside the figure's caption: its blocks
    // (paragraphs, lists, headings...) become the spaces between them.
    let parsed = Parser::new_ext(caption, parser_options())
        .into_offset_iter()
        .filter(|(e, _)| !matches!(e, Event::Start(tag) if !is_inline(tag)))
        .filter(|(e, _)| !matches!(e, Event::Rule | Event::TaskListMarker(_)))
        .map(|(e, r)| match e {
            Event::End(end) if !is_inline_end(end) => (Event::Text(CowStr::Borrowed(" ")), r),
            Event::SoftBreak | Event::HardBreak => (Event::Text(CowStr::Borrowed(" ")), r),
            other => (other, r),
        });
    let events: Vec<(Event, Range<usize>)> = if ctx.unsafe_html {
        parsed.collect()
    } else {
        let to_file = |_| at;
        let mut report = trust::Report::new(ctx.source, &to_file, diagnostics);
        trust::apply(parsed, &mut report)
    };
    let mut events: Vec<(Event<'static>, Range<usize>)> = events
        .into_iter()
        .map(|(e, _)| (e.into_static(), range.clone()))
        .collect();
    // One space between blocks, none at the end.
    let space = |e: &Event| matches!(e, Event::Text(t) if t.as_ref() == " ");
    events.dedup_by(|(this, _), (before, _)| space(this) && space(before));
    while events.last().is_some_and(|(e, _)| space(e)) {
        events.pop();
    }
    events
}

/// The tags that stay inside a line of text.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use crate::markdown::render_alone;

    #[test]
    fn ids_are_unique_on_the_page_headings_included() {
        let body = "## Fig A\n\n![x](https://e.org/a.png)\n\n![y](https://e.org/a-2.png)\n\n\
                    ![z](https://e.org/a.png)\n\nSee [](#fig-a-3), [](#fig-a-2) and [the heading](#fig-a).\n";
        let rendered = render_alone(body, "/", None);
        assert!(
            rendered.diagnostics.is_empty(),
            "{:?}",
            rendered.diagnostics
        );
        let ids: Vec<&str> = rendered
            .html
            .match_indices("<figure class=\"figure\" id=\"")
            .map(|(at, m)| {
                let rest = &rendered.html[at + m.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(ids, ["fig-a-2", "fig-a-2-2", "fig-a-3"]);
        for markup in [
            "<h2 id=\"fig-a\">",
            "<a href=\"#fig-a-3\">Figure 3</a>",
            "<a href=\"#fig-a-2\">Figure 1</a>",
            "<a href=\"#fig-a\">the heading</a>",
        ] {
            assert!(
                rendered.html.contains(markup),
                "{markup} in {}",
                rendered.html
            );
        }
    }

    #[test]
    fn a_name_with_nothing_to_read_is_a_picture() {
        let rendered = render_alone("![x](https://e.org/%2D%2D.png)\n", "/", None);
        assert!(
            rendered.html.contains("id=\"fig-picture\""),
            "{}",
            rendered.html
        );
    }
}
