//! Render: every page's Markdown through the passes, the backlinks that
//! result, and then every page through its template. Produces the files of
//! the site in memory, and what each page's Markdown held; writing the files
//! is the output stage's job, looking at the rest the check's.

mod exports;
mod feed;
mod meta;
mod reader;
mod templates;
mod views;

use std::collections::BTreeSet;

use tera::Context;

use crate::assets::{Assets, STYLESHEET};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::glossary::{Glossary, initial};
use crate::load::{Article, Section, Source};
use crate::markdown::{self, Found, Link, Origin, PageLinks, RenderContext};
use crate::routes::Routes;

use meta::MetaView;
pub use templates::Templates;
use views::*;

/// Written at the output root unless `static/` has its own.
const ROBOTS: &str = "robots.txt";

/// A file of the built site, by its path under the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Everything a render needs, borrowed.
pub struct Site<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    pub sections: &'a [Section],
    pub glossary: &'a Glossary,
    pub routes: &'a Routes,
    pub assets: &'a Assets,
    /// `None` when the templates failed to load: pages are still rendered
    /// from Markdown, so the run reports content problems too.
    pub templates: Option<&'a Templates>,
}

/// What rendering a site made, and what its pages held.
pub struct SiteRender<'a> {
    /// The generated files, by path under the output folder.
    pub files: Vec<OutputFile>,
    /// Every page written from a Markdown file: articles, then terms A–Z,
    /// then `_index.md` pages.
    pub pages: Vec<PageFound<'a>>,
}

/// One page's source and what its Markdown (and photo) held.
pub struct PageFound<'a> {
    pub source: &'a Source,
    /// Links (the photo's source among them) and images without alt text.
    pub found: Found,
    /// The terms the page mentions, by glossary index.
    pub mentions: BTreeSet<usize>,
}

/// One page's Markdown, rendered.
struct Body {
    html: String,
    caption: Option<String>,
    /// The photo's URL, if the article has one and its file exists.
    photo_url: Option<String>,
    mentions: BTreeSet<usize>,
    found: Found,
}

/// Every page's rendered Markdown, in the order of the site's lists.
struct Bodies {
    articles: Vec<Body>,
    terms: Vec<Body>,
    sections: Vec<Body>,
}

pub fn render_site<'a>(site: &Site<'a>) -> (SiteRender<'a>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let bodies = render_markdown(site, &mut diagnostics);
    let files = render_pages(site, &bodies, &mut diagnostics);
    let pages = pages_found(site, bodies);
    (SiteRender { files, pages }, diagnostics)
}

fn render_markdown(site: &Site, diagnostics: &mut Diagnostics) -> Bodies {
    let mut body_of = |source: &Source, photo: Option<&crate::load::Photo>, term| {
        let ctx = RenderContext {
            glossary: site.glossary,
            routes: site.routes,
            base: &site.config.base_url,
            mode: site.config.glossary.link,
            this_term: term,
            source,
        };
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
        Body {
            html: r.html,
            caption,
            photo_url,
            mentions: links.mentions,
            found,
        }
    };
    let articles = site
        .articles
        .iter()
        .map(|a| body_of(&a.source, a.meta.photo.as_ref(), None))
        .collect();
    let terms = site
        .glossary
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| body_of(&t.source, None, Some(i)))
        .collect();
    let sections = site
        .sections
        .iter()
        .map(|s| body_of(&s.source, None, None))
        .collect();
    Bodies {
        articles,
        terms,
        sections,
    }
}

fn render_pages(site: &Site, bodies: &Bodies, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let mut out = Output {
        templates: site.templates,
        site: SiteView::new(site.config, stylesheet_url(site)),
        diagnostics,
        files: Vec::new(),
        sitemap: Vec::new(),
    };
    let base = &site.config.base_url;
    let term_ref = |i: usize| term_ref(site, i);
    let page_ref = |a| page_ref(a, base);

    // Newest first; undated pages after dated ones, by title.
    let mut order: Vec<usize> = (0..site.articles.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&site.articles[x], &site.articles[y]);
        b.date
            .cmp(&a.date)
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    let listed: Vec<PageRef> = order.iter().map(|&i| page_ref(&site.articles[i])).collect();
    let newest = listed
        .iter()
        .find_map(|p| p.date.as_ref().map(|d| d.iso.clone()));
    let mentions = backlinks(site, bodies, &order);
    let previews = reader::Previews::new(site);

    for (i, article) in site.articles.iter().enumerate() {
        let body = &bodies.articles[i];
        let view = ArticleView {
            page: page_ref(article),
            content: body.html.clone(),
            photo: article.meta.photo.as_ref().map(|p| PhotoView {
                url: body.photo_url.clone().unwrap_or_default(),
                srcset: srcset(site, p.src.get_ref()),
                alt: &p.alt,
                caption: body.caption.clone().unwrap_or_default(),
                credit: p.credit.as_deref(),
                source: p.source.as_ref().map(|s| s.get_ref().as_str()),
                license: p.license.as_deref(),
            }),
            terms: body.mentions.iter().map(|&t| term_ref(t)).collect(),
        };
        let mut ctx = out.context(&article.source.site_path);
        let caption = body.caption.as_deref().unwrap_or_default();
        ctx.insert("previews", &previews.json_for(&[caption, &body.html]));
        ctx.insert("page", &view);
        ctx.insert(
            "meta",
            &MetaView::article(site, article, body.photo_url.as_deref()),
        );
        out.page(
            "article.html",
            &article.source.site_path,
            &ctx,
            article.date.map(|d| d.iso()),
        );
    }

    for (i, term) in site.glossary.terms.iter().enumerate() {
        let view = TermView {
            term: term_ref(i),
            content: bodies.terms[i].html.clone(),
            mentions: mentions[i].clone(),
        };
        let mut ctx = out.context(&term.source.site_path);
        ctx.insert("previews", &previews.json_for(&[&bodies.terms[i].html]));
        ctx.insert("term", &view);
        ctx.insert("meta", &MetaView::term(site, i));
        out.page("term.html", &term.source.site_path, &ctx, None);
    }

    let mut ctx = out.context("");
    let home = section_view(site, bodies, "", &site.config.title);
    ctx.insert("meta", &MetaView::page(site, home.title, home.summary, ""));
    ctx.insert("previews", &previews.json_for(&[&home.content]));
    ctx.insert("section", &home);
    ctx.insert("articles", &listed);
    out.page("index.html", "", &ctx, newest.clone());

    let mut ctx = out.context("glossary/");
    let glossary = section_view(site, bodies, "glossary/", "Glossary");
    ctx.insert(
        "meta",
        &MetaView::glossary(site, glossary.title, glossary.summary),
    );
    ctx.insert("previews", &previews.json_for(&[&glossary.content]));
    ctx.insert("section", &glossary);
    ctx.insert("groups", &letter_groups(site));
    out.page("glossary.html", "glossary/", &ctx, None);

    for section in site.sections {
        let path = &section.source.site_path;
        if path.is_empty() || path == "glossary/" {
            continue;
        }
        let pages: Vec<&PageRef> = order
            .iter()
            .zip(&listed)
            .filter(|&(&i, _)| site.articles[i].source.site_path.starts_with(path.as_str()))
            .map(|(_, page)| page)
            .collect();
        let mut ctx = out.context(path);
        let view = section_view(site, bodies, path, "Untitled");
        ctx.insert(
            "meta",
            &MetaView::page(site, view.title, view.summary, path),
        );
        ctx.insert("previews", &previews.json_for(&[&view.content]));
        ctx.insert("section", &view);
        ctx.insert("pages", &pages);
        out.page("section.html", path, &ctx, None);
    }

    let mut ctx = out.context("404.html");
    ctx.insert(
        "meta",
        &MetaView::page(site, "Page not found", "", "404.html"),
    );
    out.file("404.html", "404.html", &ctx);

    let feed: Vec<FeedEntry> = order
        .iter()
        .zip(&listed)
        .map(|(&i, page)| {
            let body = &bodies.articles[i];
            let photo = site.articles[i].meta.photo.as_ref().and_then(|p| {
                Some(feed::FeedPhoto {
                    url: body.photo_url.as_deref()?,
                    alt: &p.alt,
                    caption: body.caption.as_deref().unwrap_or_default(),
                    credit: p.credit.as_deref(),
                })
            });
            FeedEntry {
                page,
                content: feed::entry_html(&body.html, photo, base, &page.permalink),
            }
        })
        .collect();
    let mut ctx = out.context("atom.xml");
    ctx.insert("updated", newest.as_deref().unwrap_or("1970-01-01"));
    ctx.insert("entries", &feed);
    out.file("atom.xml", "atom.xml", &ctx);

    let mut ctx = out.context("sitemap.xml");
    ctx.insert("entries", &out.sitemap);
    out.file("sitemap.xml", "sitemap.xml", &ctx);

    out.files.push(OutputFile {
        path: "glossary.json".to_string(),
        contents: exports::glossary_json(site, &mentions),
    });

    out.files.push(OutputFile {
        path: reader::SEARCH_INDEX.to_string(),
        contents: reader::search_json(site, bodies),
    });

    if !site.routes.has_static(ROBOTS) {
        out.files.push(OutputFile {
            path: ROBOTS.to_string(),
            contents: robots_txt(&site.config.base_url).into_bytes(),
        });
    }
    out.files.extend_from_slice(site.assets.files());
    out.files
}

/// Where pages link to the stylesheet: its fingerprinted name.
fn stylesheet_url(site: &Site) -> String {
    let path = site.assets.fingerprinted(STYLESHEET).unwrap_or(STYLESHEET);
    site.config.base_url.link(path)
}

/// The photo's other sizes, from files beside it named `<stem>-<width>w.<ext>`
/// (`images/map-640w.jpg` beside `images/map.jpg`), narrowest first, as a
/// `srcset` value; `None` when there are none.
fn srcset(site: &Site, src: &str) -> Option<String> {
    if crate::url::is_external(src) {
        return None;
    }
    let path = markdown::percent_decode(src.split(['?', '#']).next()?.trim_start_matches('/'));
    let (folder, name) = match path.rsplit_once('/') {
        Some((folder, name)) => (format!("{folder}/"), name),
        None => (String::new(), path.as_str()),
    };
    let (stem, ext) = name.rsplit_once('.')?;
    let mut sizes: Vec<(u32, &str)> = site
        .routes
        .static_files()
        .filter_map(|rel| {
            let width = rel
                .strip_prefix(folder.as_str())?
                .strip_prefix(stem)?
                .strip_prefix('-')?
                .strip_suffix(ext)?
                .strip_suffix(".")?
                .strip_suffix('w')?;
            let digits = width.bytes().all(|b| b.is_ascii_digit());
            let width: u32 = width.parse().ok().filter(|w| digits && *w > 0)?;
            Some((width, rel))
        })
        .collect();
    if sizes.is_empty() {
        return None;
    }
    sizes.sort();
    let base = &site.config.base_url;
    let list: Vec<String> = sizes
        .iter()
        .map(|(w, rel)| format!("{} {w}w", base.link(&escape_url_path(rel))))
        .collect();
    Some(list.join(", "))
}

/// A path with the characters a `srcset` cannot hold (spaces, commas) escaped.
fn escape_url_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace(' ', "%20")
        .replace(',', "%2C")
}

/// Lets every crawler in and points it at the sitemap, which must be named
/// by a full URL (so a `base_url` without a host leaves the line out).
fn robots_txt(base: &crate::url::BaseUrl) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if base.has_origin() {
        text.push_str(&format!("\nSitemap: {}\n", base.permalink("sitemap.xml")));
    }
    text
}

/// Each page's source with what its Markdown held, in the order of [`SiteRender::pages`].
fn pages_found<'a>(site: &Site<'a>, bodies: Bodies) -> Vec<PageFound<'a>> {
    let sources = (site.articles.iter().map(|a| &a.source))
        .chain(site.glossary.terms.iter().map(|t| &t.source))
        .chain(site.sections.iter().map(|s| &s.source));
    let bodies = (bodies.articles.into_iter())
        .chain(bodies.terms)
        .chain(bodies.sections);
    sources
        .zip(bodies)
        .map(|(source, body)| PageFound {
            source,
            found: body.found,
            mentions: body.mentions,
        })
        .collect()
}

/// For each term, the pages that mention it: articles newest first, then
/// glossary entries A–Z, then index pages.
fn backlinks<'a>(site: &Site<'a>, bodies: &Bodies, order: &[usize]) -> Vec<Vec<MentionRef<'a>>> {
    let base = &site.config.base_url;
    let articles = order.iter().map(|&i| {
        let a = &site.articles[i];
        (
            &bodies.articles[i],
            &a.source,
            a.meta.title.as_str(),
            a.meta.summary.as_str(),
            "article",
        )
    });
    let terms = site
        .glossary
        .terms
        .iter()
        .zip(&bodies.terms)
        .map(|(t, body)| {
            (
                body,
                &t.source,
                t.meta.title.get_ref().as_str(),
                t.meta.summary.as_str(),
                "term",
            )
        });
    let sections = site.sections.iter().zip(&bodies.sections).map(|(s, body)| {
        let title = s.meta.title.as_deref().unwrap_or(&site.config.title);
        (body, &s.source, title, s.meta.summary.as_str(), "page")
    });
    let mut mentions = vec![Vec::new(); site.glossary.terms.len()];
    for (body, source, title, summary, kind) in articles.chain(terms).chain(sections) {
        for &term in &body.mentions {
            mentions[term].push(MentionRef {
                title,
                url: base.link(&source.site_path),
                summary,
                kind,
            });
        }
    }
    mentions
}

/// The glossary's terms under their initial letters, A–Z.
fn letter_groups<'a>(site: &Site<'a>) -> Vec<LetterGroup<'a>> {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for (i, term) in site.glossary.terms.iter().enumerate() {
        let letter = initial(term.meta.title.get_ref());
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.terms.push(term_ref(site, i)),
            _ => groups.push(LetterGroup {
                anchor: format!("letter-{}", markdown::anchor(&letter)),
                letter,
                terms: vec![term_ref(site, i)],
            }),
        }
    }
    groups
}

fn term_ref<'a>(site: &Site<'a>, i: usize) -> TermRef<'a> {
    let base = &site.config.base_url;
    let t = &site.glossary.terms[i];
    TermRef {
        slug: &t.slug,
        title: t.meta.title.get_ref(),
        url: base.link(&t.source.site_path),
        permalink: base.permalink(&t.source.site_path),
        summary: &t.meta.summary,
        native: t.meta.native.as_deref(),
        lang: t.meta.lang.as_deref(),
        dir: native_direction(t.meta.lang.as_deref(), t.meta.native.as_deref()),
        aliases: t.meta.aliases.iter().map(|a| a.get_ref().trim()).collect(),
    }
}

fn page_ref<'a>(a: &'a Article, base: &crate::url::BaseUrl) -> PageRef<'a> {
    let path = &a.source.site_path;
    PageRef {
        title: &a.meta.title,
        url: base.link(path),
        permalink: base.permalink(path),
        summary: &a.meta.summary,
        label: a.meta.label.as_deref(),
        date: a.date.map(DateView::from),
    }
}

/// The view of the `_index.md` published at `path`, or an empty one titled `fallback`.
fn section_view<'a>(
    site: &Site<'a>,
    bodies: &Bodies,
    path: &str,
    fallback: &'a str,
) -> SectionView<'a> {
    let url = site.config.base_url.link(path);
    match site
        .sections
        .iter()
        .position(|s| s.source.site_path == path)
    {
        Some(i) => {
            let s = &site.sections[i];
            SectionView {
                title: s.meta.title.as_deref().unwrap_or(fallback),
                summary: &s.meta.summary,
                url,
                content: bodies.sections[i].html.clone(),
            }
        }
        None => SectionView {
            title: fallback,
            summary: "",
            url,
            content: String::new(),
        },
    }
}

#[derive(serde::Serialize)]
struct FeedEntry<'a> {
    #[serde(flatten)]
    page: &'a PageRef<'a>,
    /// The photo and body, with absolute links.
    content: String,
}

/// Collects rendered files, sitemap entries and template errors.
struct Output<'a, 'd> {
    templates: Option<&'a Templates>,
    site: SiteView<'a>,
    diagnostics: &'d mut Diagnostics,
    files: Vec<OutputFile>,
    sitemap: Vec<SitemapEntry>,
}

impl Output<'_, '_> {
    /// A template context holding what every template sees.
    fn context(&self, page_path: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("page_path", page_path);
        ctx.insert("previews", &None::<String>);
        ctx
    }

    /// Renders `template` into the file at `path`.
    fn file(&mut self, template: &str, path: &str, ctx: &Context) {
        let Some(templates) = self.templates else {
            return;
        };
        match templates.render(template, ctx) {
            Ok(html) => self.files.push(OutputFile {
                path: path.to_string(),
                contents: html.into_bytes(),
            }),
            Err(d) => self.diagnostics.push(d),
        }
    }

    /// A page, published as `site_path/index.html` and listed in the sitemap.
    fn page(&mut self, template: &str, site_path: &str, ctx: &Context, lastmod: Option<String>) {
        self.file(template, &format!("{site_path}index.html"), ctx);
        self.sitemap.push(SitemapEntry {
            permalink: self.site.permalink(site_path),
            lastmod,
        });
    }
}
