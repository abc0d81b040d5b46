//! Each page's Markdown, and its photo's caption, through the passes: the
//! part of a page that depends only on its own source, given the glossary
//! and the routes. Pages are independent here, so they render in parallel.

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostic;
use crate::load::{Photo, Source};
use crate::markdown::{self, Found, Link, Origin, PageLinks, RenderContext};
use crate::sources::Work;

use super::{Site, reader};

/// One page's Markdown, rendered.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    pub caption: Option<String>,
    /// The photo's URL, if the article has one and its file exists.
    pub photo_url: Option<String>,
    /// The photo's width and height, if its file says.
    pub photo_size: Option<(u32, u32)>,
    pub mentions: BTreeSet<usize>,
    pub found: Found,
    /// The targets of the caption's and body's links, as written in their
    /// `href`s, in order: what the page's previews are looked up by.
    pub hrefs: Vec<String>,
    /// The start of the page's text, for the search index.
    pub excerpt: String,
    /// The works the page cites, as its list of sources shows them.
    pub works: Vec<Work>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders the Markdown of `source` (and the caption of `photo`); `term` is
/// the glossary index of the page's own term, which it never links to.
pub fn render(site: &Site, source: &Source, photo: Option<&Photo>, term: Option<usize>) -> Body {
    let ctx = RenderContext {
        glossary: site.glossary,
        routes: site.routes,
        base: &site.config.base_url,
        mode: site.config.glossary.link,
        term_tags: site.term_tags,
        this_term: term,
        source,
        sources: site.sources,
        unsafe_html: site.config.markdown.unsafe_html,
    };
    let mut diagnostics = Vec::new();
    let mut links = PageLinks::default();
    let mut found = Found::default();
    if let Some(url) = photo.and_then(|p| p.source.as_ref()) {
        found.links.push(Link {
            at: source.toml_start + url.span().start,
            written: url.get_ref().clone(),
            href: url.get_ref().clone(),
        });
    }
    let photo_url = photo.and_then(|p| {
        let at = source.toml_start + p.src.span().start;
        markdown::static_url(p.src.get_ref(), &ctx, at)
            .map_err(|d| diagnostics.push(d))
            .ok()
    });
    // The caption comes first on the page, so it takes the first mentions.
    let caption = photo.and_then(|p| p.caption.as_ref()).map(|c| {
        let at = Origin::Value(source.toml_start + c.span().start);
        let r = markdown::render(c.get_ref(), at, &ctx, &mut links);
        diagnostics.extend(r.diagnostics);
        found.extend(r.found);
        r.html
    });
    let r = markdown::render(source.body(), Origin::Body, &ctx, &mut links);
    diagnostics.extend(r.diagnostics);
    found.extend(r.found);
    let hrefs = (caption.iter().map(String::as_str))
        .chain([r.html.as_str()])
        .flat_map(reader::hrefs)
        .collect();
    Body {
        photo_size: photo.and_then(|p| super::photo_size(site, p.src.get_ref())),
        excerpt: reader::excerpt(&r.html),
        html: r.html,
        caption,
        photo_url,
        mentions: links.mentions,
        found,
        hrefs,
        works: r.works,
        diagnostics,
    }
}
