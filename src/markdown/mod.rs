//! Markdown to HTML: pulldown-cmark events run through small named passes
//! (the content-trust policy, text merging, citations, heading ids, link
//! rewriting, glossary links, footnote back-links), then written
//! out. Rendering is a function of the page and a read-only context; what it
//! finds (term mentions, links, images without alt text, problems) comes back
//! in the result, for checking to look at.

mod citations;
mod depth;
mod figures;
mod headings;
mod links;
mod notes;
mod terms;
mod trust;

pub use figures::{PictureUse, credit_line};
pub use headings::{Heading, anchor};
pub use links::{percent_decode, resolve_relative, static_url};
pub use terms::term_tags;

pub(crate) use crate::html::{escape_href, escape_html};

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, TextMergeWithOffset};

use crate::config::LinkMode;
use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::load::Source;
use crate::routes::Routes;
use crate::sources::{Sources, Unread, Work};
use crate::url::BaseUrl;

/// Every Markdown extension gloss supports, set in this one place.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// What rendering a page may look at.
#[derive(Clone, Copy)]
pub struct RenderContext<'a> {
    pub glossary: &'a Glossary,
    pub routes: &'a Routes,
    pub base: &'a BaseUrl,
    pub mode: LinkMode,
    /// The opening tag of a link to each term, from [`term_tags`].
    pub term_tags: &'a [String],
    /// The term whose own page this is: it never links to itself.
    pub this_term: Option<usize>,
    /// The file the Markdown comes from, for links relative to it and errors.
    pub source: &'a Source,
    /// The site's bibliography, if it has one; `Err` if it could not be read.
    pub sources: Result<Option<&'a Sources>, Unread>,
    /// Every picture of `static/`, with its sizes and rights.
    pub pictures: &'a crate::images::Pictures,
    /// The site trusts its content: raw HTML and links of any scheme are
    /// published as written (`[markdown] unsafe_html`).
    pub unsafe_html: bool,
    /// The language of the page, which writes its note numbers, and the
    /// words gloss writes in it.
    pub language: &'a crate::languages::Language,
    pub strings: &'a crate::languages::strings::Strings,
}

/// Where a piece of Markdown lies in its source file, to point errors at it.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    /// The body: offsets count from the start of the body.
    Body,
    /// A front-matter value starting at this offset of the file; errors
    /// inside it point at its start.
    Value(usize),
}

/// Term links made so far on one page: the caption and the body share it, so
/// "first mention" means first on the page.
#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    linked: HashSet<usize>,
    /// Every term mentioned on the page, linked or not, by glossary index.
    pub mentions: BTreeSet<usize>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub diagnostics: Vec<Diagnostic>,
    pub found: Found,
    /// The works the Markdown cites, as its list of sources shows them.
    pub works: Vec<Work>,
    /// Its `h2` and `h3` headings, for a table of contents.
    pub headings: Vec<headings::Heading>,
}

/// What a page's Markdown holds that checking looks at, placed by byte
/// offsets in the source file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Found {
    /// Markdown links and autolinks whose target resolved, in order. Wiki
    /// links are the glossary's and not listed.
    pub links: Vec<Link>,
    /// Where each image without alt text (in the Markdown or its
    /// sidecar) starts.
    pub images_without_alt: Vec<usize>,
    /// Every picture of `static/` shown, in order.
    pub pictures: Vec<PictureUse>,
}

impl Found {
    pub fn extend(&mut self, other: Found) {
        self.links.extend(other.links);
        self.images_without_alt.extend(other.images_without_alt);
        self.pictures.extend(other.pictures);
    }
}

/// A link as written and as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where the link starts in the source file.
    pub at: usize,
    /// The target as the author wrote it: `siege.md#aftermath`.
    pub written: String,
    /// The target in the page's `href`: `/articles/siege/#aftermath`.
    pub href: String,
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Renders `markdown` to HTML with the site's links resolved.
pub fn render(
    markdown: &str,
    origin: Origin,
    ctx: &RenderContext,
    page: &mut PageLinks,
) -> Rendered {
    let mut diagnostics = Vec::new();
    let to_file = |offset: usize| match origin {
        Origin::Body => ctx.source.body_start + offset,
        Origin::Value(at) => at,
    };
    let callback = |link| citations::callback(markdown, link);
    let parser = Parser::new_with_broken_link_callback(markdown, parser_options(), Some(callback));
    let mut too_deep = None;
    let bounded = depth::bounded(parser.into_offset_iter(), &mut too_deep);
    let events = if ctx.unsafe_html {
        merge_text(bounded)
    } else {
        let mut report = trust::Report::new(ctx.source, &to_file, &mut diagnostics);
        merge_text(trust::apply(bounded, &mut report).into_iter())
    };
    if let Some(at) = too_deep {
        return depth::refused(ctx, to_file(at));
    }
    let (events, works) =
        citations::place(events, markdown, ctx, origin, &to_file, &mut diagnostics);
    let events = headings::assign_ids(events);
    let outline = headings::outline(&events);
    let in_body = matches!(origin, Origin::Body);
    let (mut events, pictures) = figures::place(events, in_body, ctx, &to_file, &mut diagnostics);
    let links = links::rewrite(&mut events, ctx, &to_file, &mut diagnostics);
    let events = terms::link(events, ctx, page, &to_file, &mut diagnostics);
    let events = notes::link_back(events, ctx);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    Rendered {
        html,
        diagnostics,
        found: Found {
            links,
            images_without_alt: pictures.without_alt,
            pictures: pictures.uses,
        },
        works,
        headings: outline,
    }
}

/// Joins adjacent text, with soft line breaks as the newlines they render to,
/// so a term name wrapped across two lines is still one run of text.
fn merge_text<'a>(events: impl Iterator<Item = (Event<'a>, Range<usize>)>) -> Events<'a> {
    let soft_breaks_as_text = events.map(|(event, range)| match event {
        Event::SoftBreak => (Event::Text(CowStr::Borrowed("\n")), range),
        other => (other, range),
    });
    TextMergeWithOffset::new(soft_breaks_as_text).collect()
}

/// Rendering a body on its own, as the page `articles/a.md` of a site with
/// no terms, for the tests of the passes.
#[cfg(test)]
pub(crate) fn render_alone(
    body: &str,
    base: &str,
    sources: Option<&crate::sources::Sources>,
) -> Rendered {
    render_alone_trusting(body, base, sources, false)
}

/// [`render_alone`] on a site whose `[markdown] unsafe_html` is `trusting`.
#[cfg(test)]
pub(crate) fn render_alone_trusting(
    body: &str,
    base: &str,
    sources: Option<&crate::sources::Sources>,
    trusting: bool,
) -> Rendered {
    let header = "+++\ntitle = \"A\"\n+++\n";
    let source = Source {
        path: "content/articles/a.md".into(),
        rel: "articles/a.md".into(),
        site_path: "articles/a/".into(),
        text: format!("{header}{body}"),
        toml_start: 4,
        body_start: header.len(),
        index: Default::default(),
    };
    let ctx = RenderContext {
        glossary: &Glossary::new(Vec::new()).0,
        routes: &Routes::default(),
        base: &BaseUrl::parse(base).expect("a valid base"),
        mode: LinkMode::First,
        term_tags: &[],
        this_term: None,
        source: &source,
        sources: Ok(sources),
        pictures: &crate::images::Pictures::default(),
        unsafe_html: trusting,
        language: &crate::languages::Language::default_language("en"),
        strings: &crate::languages::strings::Strings::english(),
    };
    render(body, Origin::Body, &ctx, &mut PageLinks::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `body` as the page `articles/a.md` of a site under `/history/`.
    fn found(body: &str) -> Found {
        render_alone(body, "/history/", None).found
    }

    #[test]
    fn links_are_found_as_written_and_as_published() {
        let body = "[a](#top) [b](/x/#y)\n\n<me@example.org> [c](https://e.org)\n\n\
                    [d](https://e.org/README.md)";
        let found = found(body);
        let links: Vec<_> = found
            .links
            .iter()
            .map(|l| (l.at, l.written.as_str(), l.href.as_str()))
            .collect();
        // Offsets in the file, whose front matter takes 20 bytes.
        let at = |s: &str| 20 + body.find(s).unwrap();
        assert_eq!(
            links,
            [
                (at("[a]"), "#top", "#top"),
                (at("[b]"), "/x/#y", "/history/x/#y"),
                (at("<me"), "me@example.org", "mailto:me@example.org"),
                (at("[c]"), "https://e.org", "https://e.org"),
                // Another site's Markdown file is not a page of this one.
                (
                    at("[d]"),
                    "https://e.org/README.md",
                    "https://e.org/README.md"
                ),
            ]
        );
    }

    /// An `<a>` cannot hold another, nor code a link: on a site that
    /// publishes raw HTML, a wiki link in one keeps its text, and says why
    /// it does not link.
    #[test]
    fn wiki_links_inside_raw_links_and_code_do_not_link() {
        for body in [
            "<a href=\"/x\">see [[majlis]]</a>",
            "<code>[[majlis]]</code>",
        ] {
            let rendered = render_alone_trusting(body, "/", None, true);
            assert!(!rendered.html.contains("<a class"), "{}", rendered.html);
            assert!(rendered.html.contains("majlis"), "{}", rendered.html);
            let [warning] = &rendered.diagnostics[..] else {
                panic!("{:?}", rendered.diagnostics);
            };
            assert!(!warning.is_error(), "{warning:?}");
            assert!(warning.message.contains("cannot link"), "{warning:?}");
        }
    }

    #[test]
    fn broken_links_are_reported_not_found() {
        let body = "A [gone](gone.md) page.";
        let rendered = render_alone(body, "/history/", None);
        assert!(rendered.found.links.is_empty(), "{:?}", rendered.found);
        let [error] = &rendered.diagnostics[..] else {
            panic!("one problem: {:?}", rendered.diagnostics);
        };
        assert!(error.is_error(), "{error:?}");
        assert_eq!(error.path, std::path::Path::new("content/articles/a.md"));
        // The body's first line is the file's fourth; the link starts at `[`.
        assert_eq!(error.position.map(|p| (p.line, p.column)), Some((4, 3)));
        assert_eq!(
            error.message,
            "link to `gone.md`: there is no content/articles/gone.md"
        );
    }
}
