//! Each page's Markdown, and its photo's caption, through the passes: the
//! part of a page that depends only on its own source, given the glossary
//! and the routes. Pages are independent here, so they render in parallel.

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostic;
use crate::images::markup::{self, Offered, Shown};
use crate::images::{Picture, Valued};
use crate::load::{Correction, Photo, Source};
use crate::markdown::{self, Found, Link, Origin, PageLinks, PictureUse, RenderContext};
use crate::sources::Work;

use super::{Site, reader};

/// One page's Markdown, rendered.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    /// The article's photo, if it has one whose file exists.
    pub photo: Option<PhotoShown>,
    pub mentions: BTreeSet<usize>,
    pub found: Found,
    /// The targets of the caption's and body's links, as written in their
    /// `href`s, in order: what the page's previews are looked up by.
    pub hrefs: Vec<String>,
    /// The works the page cites, as its list of sources shows them.
    pub works: Vec<Work>,
    /// The body's `h2` and `h3` headings.
    pub headings: Vec<crate::markdown::Heading>,
    /// An article's corrections, each rendered, in the order shown.
    pub corrections: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// An article's photo as its page shows it: the front matter's values, each
/// missing one from the picture's sidecar or file.
#[derive(Debug, Clone, Default)]
pub struct PhotoShown {
    /// Its URL as written in the `src`, under the base path.
    pub url: String,
    pub offered: Offered,
    /// The `<img>` or `<picture>` element.
    pub element: String,
    pub alt: String,
    /// Rendered Markdown.
    pub caption: Option<String>,
    pub credit: Option<Valued>,
    pub source: Option<Valued>,
    pub license: Option<Valued>,
    /// The picture of `static/` it is, and where `src` is in the file.
    pub used: Option<PictureUse>,
}

/// Renders an article's Markdown: its photo's caption, its body and its
/// corrections.
pub fn article(site: &Site, article: &crate::load::Article) -> Body {
    let meta = &article.meta;
    render(
        site,
        &article.source,
        meta.photo.as_ref(),
        &article.versions.corrections,
        None,
    )
}

/// Renders the Markdown of `source` (the caption of `photo` before it, the
/// text of an article's `corrections` after it); `term` is the glossary
/// index of the page's own term, which it never links to.
pub fn render(
    site: &Site,
    source: &Source,
    photo: Option<&Photo>,
    corrections: &[Correction],
    term: Option<usize>,
) -> Body {
    let ctx = RenderContext {
        glossary: site.glossary,
        routes: site.routes,
        base: &site.config.base_url,
        mode: site.config.glossary.link,
        term_tags: site.term_tags,
        this_term: term,
        source,
        sources: site.sources,
        pictures: site.pictures,
        unsafe_html: site.config.markdown.unsafe_html,
        language: site.language,
        strings: site.strings,
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
    let mut shown = photo.and_then(|p| photo_shown(site, p, source, &ctx, &mut diagnostics));
    // The caption comes first on the page, so it takes the first mentions.
    // The front matter's caption, else the sidecar's, placed at the photo.
    let sidecar_caption = shown
        .as_ref()
        .and_then(|s| s.used.as_ref())
        .and_then(|u| site.pictures.all()[u.picture].rights.caption.as_ref());
    let caption = photo.and_then(|p| {
        let (text, at) = match (&p.caption, sidecar_caption) {
            (Some(c), _) => (c.get_ref().as_str(), c.span().start),
            (None, Some(c)) => (c.as_str(), p.src.span().start),
            (None, None) => return None,
        };
        let r = markdown::render(
            text,
            Origin::Value(source.toml_start + at),
            &ctx,
            &mut links,
        );
        diagnostics.extend(r.diagnostics);
        found.extend(r.found);
        Some(r.html)
    });
    if let Some(shown) = &mut shown {
        shown.caption = caption;
        found.pictures.extend(shown.used.clone());
    }
    let r = markdown::render(source.body(), Origin::Body, &ctx, &mut links);
    diagnostics.extend(r.diagnostics);
    found.extend(r.found);
    // Corrections come last on the page, after the text they correct.
    let corrections: Vec<String> = (corrections.iter())
        .map(|c| {
            let at = source.toml_start + c.at;
            if let Some(what) = beyond_a_notice(&c.text) {
                diagnostics.push(
                    source
                        .error_at(at, format!("a correction's text has {what}"))
                        .with_help("say it in a paragraph or two: its notes, headings and figures would be the page's"),
                );
            }
            let c = markdown::render(&c.text, Origin::Value(at), &ctx, &mut links);
            diagnostics.extend(c.diagnostics);
            found.extend(c.found);
            c.html
        })
        .collect();
    let caption = shown.as_ref().and_then(|s| s.caption.as_deref());
    let hrefs = (caption.into_iter())
        .chain([r.html.as_str()])
        .chain(corrections.iter().map(String::as_str))
        .flat_map(reader::hrefs)
        .collect();
    Body {
        html: r.html,
        photo: shown,
        mentions: links.mentions,
        found,
        hrefs,
        works: r.works,
        headings: r.headings,
        corrections,
        diagnostics,
    }
}

/// What a correction's Markdown may not hold, which would share the
/// numbers and ids of the body's: a note, a heading or a picture (a
/// figure when alone in its paragraph).
fn beyond_a_notice(text: &str) -> Option<&'static str> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, markdown::parser_options()).find_map(|event| match event {
        Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => Some("a note"),
        Event::Start(Tag::Heading { .. }) => Some("a heading"),
        Event::Start(Tag::Image { .. }) => Some("a picture"),
        _ => None,
    })
}

/// The photo as shown, if its `src` resolves; its URL, sizes and rights.
fn photo_shown(
    site: &Site,
    photo: &Photo,
    source: &Source,
    ctx: &RenderContext,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PhotoShown> {
    let at = source.toml_start + photo.src.span().start;
    let src = photo.src.get_ref();
    let url = markdown::static_url(src, ctx, at)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let picture: Option<(usize, &Picture)> = (!crate::url::is_external(src))
        .then(|| {
            let path = src.split(['?', '#']).next().unwrap_or_default();
            site.pictures
                .get(&markdown::percent_decode(path.trim_start_matches('/')))
        })
        .flatten();
    let rights = picture.map(|(_, p)| &p.rights);
    let from_page = |value: Option<&str>| {
        value.filter(|v| !v.trim().is_empty()).map(|v| Valued {
            value: v.to_string(),
            from: "page".into(),
        })
    };
    let alt = (photo.alt.clone())
        .filter(|alt| !alt.trim().is_empty())
        .or_else(|| rights.and_then(|r| r.alt.clone()))
        .unwrap_or_default();
    if alt.trim().is_empty() {
        diagnostics.push(
            source
                .error_at(at, "the photo has no alt text")
                .with_help("describe the picture in `alt` under [photo], or in its sidecar"),
        );
    }
    // The photo is at the top of its page: it loads at once.
    let shown = Shown {
        alt: &alt,
        lazy: false,
    };
    let credit =
        from_page(photo.credit.as_deref()).or_else(|| rights.and_then(|r| r.credit.clone()));
    let license =
        from_page(photo.license.as_deref()).or_else(|| rights.and_then(|r| r.license.clone()));
    let (offered, used) = match picture {
        Some((i, picture)) => {
            site.pictures.mark_used(i);
            let used = PictureUse {
                picture: i,
                at,
                figure: None,
                alt: alt.clone(),
                credited: credit.is_some(),
                licensed: license.is_some(),
            };
            (markup::offered(picture, &site.config.base_url), Some(used))
        }
        None => (
            Offered {
                src: url.clone(),
                zoom: url.clone(),
                ..Offered::default()
            },
            None,
        ),
    };
    Some(PhotoShown {
        element: markup::element(&offered, shown),
        url,
        offered,
        alt,
        caption: None,
        credit,
        source: from_page(photo.source.as_ref().map(|s| s.get_ref().as_str()))
            .or_else(|| rights.and_then(|r| r.source.clone())),
        license,
        used,
    })
}
