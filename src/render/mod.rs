//! Render: every page's Markdown through the passes, the backlinks that
//! result, and then every page through its template. Produces the files of
//! the site in memory, and what each page's Markdown held; writing the files
//! is the output stage's job, looking at the rest the check's.

mod bodies;
mod changed;
mod credits;
mod exports;
mod feed;
mod listing;
mod lists;
mod maps;
mod meta;
mod pages;
mod reader;
mod redirects;
mod templates;
mod timeline;
mod views;

use std::collections::BTreeSet;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::assets::Assets;
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::glossary::Glossary;
use crate::lists::related::Related;
use crate::load::{Article, Section, Source};
use crate::markdown::Found;
use crate::routes::Routes;
use crate::sources::{Sources, Unread, cite_this};

use bodies::Body;
pub use changed::render_changed;
use lists::{MentionValues, PageId};
pub use pages::{CREDITS, SOURCES_PAGE};
use pages::{Made, Pages, Prepared};
pub use templates::Templates;

/// Written at the output root unless `static/` has its own.
const ROBOTS: &str = "robots.txt";
/// The site's icon, written at the output root unless `static/` has its
/// own: a file every page names and a browser fetches once.
pub const FAVICON: &str = "favicon.svg";

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
    /// The articles' series and tags.
    pub lists: &'a crate::lists::Lists,
    pub sections: &'a [Section],
    pub glossary: &'a Glossary,
    /// The opening tag of a link to each term.
    pub term_tags: &'a [String],
    pub routes: &'a Routes,
    /// The site's `static/` folder.
    pub static_dir: &'a std::path::Path,
    /// Its pictures, with their sizes and rights.
    pub pictures: &'a crate::images::Pictures,
    pub assets: &'a Assets,
    /// `None` when the templates failed to load: pages are still rendered
    /// from Markdown, so the run reports content problems too.
    pub templates: Option<&'a Templates>,
    /// The bibliography and its style, if the site has one.
    pub sources: Result<Option<&'a Sources>, Unread>,
    /// Formats each article's citation of itself.
    pub cite_this: &'a cite_this::Formatter,
    /// The language of the pages, and the words of the templates in it.
    pub language: &'a crate::languages::Language,
    pub strings: &'a crate::languages::strings::Strings,
    /// Which pages exist in which of the site's languages.
    pub alternates: &'a crate::languages::alternates::Alternates,
}

impl Site<'_> {
    /// The bibliography, if the site has one and it could be read.
    pub fn bibliography(&self) -> Option<&Sources> {
        self.sources.ok().flatten()
    }

    /// Whether these are the pages of the site's default language, which
    /// also writes the files of the whole site (stylesheets, icon, robots.txt).
    pub fn is_default_language(&self) -> bool {
        self.language.prefix.is_empty()
    }
}

/// The site paths of the pages a render of `site` makes that another
/// language may have too: every page written from a Markdown file, the
/// home, glossary and credits pages, and the timeline, map, sources, series
/// and tag pages the site has. Later pages of lists are left out.
pub fn published_pages(site: &Site) -> std::collections::HashSet<String> {
    let sources = (site.articles.iter().map(|a| &a.source))
        .chain(site.glossary.terms.iter().map(|t| &t.source))
        .chain(site.sections.iter().map(|s| &s.source));
    let mut pages: std::collections::HashSet<String> =
        sources.map(|s| s.site_path.clone()).collect();
    pages.extend(["", "glossary/", CREDITS].map(String::from));
    if timeline::has_timeline(site) {
        pages.insert(timeline::PATH.to_string());
    }
    if crate::map::has_places(&site.glossary.terms) {
        pages.insert(crate::map::PAGE.to_string());
    }
    if site.bibliography().is_some() {
        pages.insert(SOURCES_PAGE.to_string());
    }
    let lists = site.lists;
    if !lists.series.is_empty() {
        pages.insert(crate::lists::SERIES.to_string());
    }
    if !lists.tags.is_empty() {
        pages.insert(crate::lists::TAGS.to_string());
    }
    pages.extend(lists.series.iter().map(|s| s.site_path.clone()));
    pages.extend(lists.tags.iter().map(|t| t.site_path.clone()));
    pages
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

/// Every page's rendered Markdown, in the order of the site's lists.
#[derive(Debug, Default)]
pub struct Bodies {
    pub articles: Vec<Body>,
    pub terms: Vec<Body>,
    pub sections: Vec<Body>,
}

impl Bodies {
    fn of(&self, page: PageId) -> &Body {
        match page {
            PageId::Article(i) => &self.articles[i],
            PageId::Term(i) => &self.terms[i],
            PageId::Section(i) => &self.sections[i],
        }
    }
}

/// What a render keeps for the next: each page's rendered Markdown and what
/// was worked out from the whole site. It borrows nothing, so a server can
/// keep it with the site and render again only what an edit changed.
pub struct State {
    pub bodies: Bodies,
    prepared: Prepared,
    /// For each term, the pages that mention it.
    mentioned_by: Vec<Vec<PageId>>,
    /// Each article's related reading.
    related: Vec<Vec<Related>>,
    refs: MentionValues,
    /// The search index: articles are pages `0..`, terms follow them.
    search: crate::search::Index,
    /// What of each article's HTML was kept.
    keep: Keep,
}

/// Renders the site in memory: every file, sorted by path, and what each
/// page's Markdown held.
pub fn render_site<'a>(site: &Site<'a>) -> (SiteRender<'a>, Diagnostics) {
    let (files, state, diagnostics) = render_all(site);
    let pages = pages_found(site, state.bodies);
    (SiteRender { files, pages }, diagnostics)
}

/// Renders the site in memory: every file, sorted by path, with what a
/// later render of only what changed needs.
pub fn render_all(site: &Site) -> (Vec<OutputFile>, State, Diagnostics) {
    let files = Mutex::new(Vec::new());
    let emit = |file| files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    let (state, diagnostics) = render_each(site, &emit, Keep::Everything);
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_unstable_by(|a: &OutputFile, b| a.path.cmp(&b.path));
    (files, state, diagnostics)
}

/// What of each page's rendered Markdown a render keeps once its page is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// All of it, for a later render of only what changed.
    Everything,
    /// Only what later pages need: an article's HTML goes once its page is
    /// written, unless the feed carries it.
    Needed,
}

/// Renders every page, handing each file to `emit` as soon as it is made
/// (from any thread), and returns what the render keeps with every problem found.
pub fn render_each(
    site: &Site,
    emit: &(dyn Fn(OutputFile) + Sync),
    keep: Keep,
) -> (State, Diagnostics) {
    let prepared = Prepared::new(site);
    let pages = Pages::new(site, &prepared);
    let mut diagnostics = Diagnostics::new();
    let mut report = |made: Made| match made {
        Some(Ok(file)) => emit(file),
        Some(Err(d)) => diagnostics.push(d),
        None => {}
    };
    let mut kept = vec![keep == Keep::Everything; site.articles.len()];
    for &i in prepared.in_feed(site.config.feed.limit) {
        kept[i] = true;
    }
    // Each page goes into the search index as it renders, and its fragment
    // is written then.
    let index = crate::search::Builder::default();
    let fragments = crate::search::Fragments::new(search_pages(site));
    let emit_some = |file: Option<OutputFile>| {
        if let Some(file) = file {
            emit(file);
        }
    };
    // Articles are most of the work. Their pages need no other page's
    // Markdown, only what terms every article mentions, for the related
    // reading: all bodies are rendered first, then each page is written
    // and its HTML let go, unless kept.
    // The list of every work in the bibliography is formatted meanwhile:
    // with a long bibliography it costs as much as a long article.
    let (mut articles, _): (Vec<Body>, _) = rayon::join(
        || {
            (site.articles.par_iter())
                .map(|article| bodies::article(site, article))
                .collect()
        },
        || site.sources.ok().flatten().map(|s| s.works().len()),
    );
    let related = related_reading(site, &prepared, &articles);
    let made: Vec<Made> = (articles.par_iter_mut().enumerate())
        .map(|(i, body)| {
            let made = pages.article(i, body, &related[i]);
            // The page is written before the file of its text.
            let article = &site.articles[i];
            let fragments = reader::with_article_doc(site, article, body, |doc| {
                reader::index_page(&index, &fragments, i, doc)
            });
            if !kept[i] {
                body.html = String::new();
            }
            let made = match made {
                Some(Ok(file)) => {
                    emit(file);
                    None
                }
                other => other,
            };
            emit_some(fragments);
            made
        })
        .collect();
    made.into_iter().for_each(&mut report);
    let terms = (site.glossary.terms.par_iter().enumerate())
        .map(|(i, t)| {
            let body = bodies::render(site, &t.source, None, &[], Some(i));
            emit_some(reader::with_term_doc(site, i, &body, |doc| {
                reader::index_page(&index, &fragments, site.articles.len() + i, doc)
            }));
            body
        })
        .collect();
    let sections = (site.sections.par_iter())
        .map(|s| bodies::render(site, &s.source, None, &[], None))
        .collect();
    let mut bodies = Bodies {
        articles,
        terms,
        sections,
    };
    let mentioned_by = lists::backlinks(site, &prepared.order, |p| &bodies.of(p).mentions);
    let refs = MentionValues::new(site);
    let made: Vec<Made> = (bodies.terms.par_iter().enumerate())
        .flat_map_iter(|(i, body)| {
            let first = pages.term(i, body, &mentioned_by[i], &refs);
            std::iter::once(first).chain(pages.term_mentions(i, &mentioned_by[i], &refs))
        })
        .collect();
    made.into_iter().for_each(&mut report);
    // The site-wide pages and files are few but large; they render side by side.
    let (made, (glossary, search)) = rayon::join(
        || site_pages(&pages, site, &bodies, &refs, Refresh::all()),
        || {
            rayon::join(
                || exports::glossary_json(site, &mentioned_by),
                || {
                    let search = index.finish(search_pages(site));
                    for file in search.files() {
                        emit(OutputFile {
                            path: file.path,
                            contents: file.contents,
                        });
                    }
                    search
                },
            )
        },
    );
    made.into_iter().for_each(&mut report);
    emit(OutputFile {
        path: exports::GLOSSARY_JSON.to_string(),
        contents: glossary,
    });
    if site.is_default_language() {
        site_files(site, emit);
    }
    for alias in site.routes.aliases() {
        emit(redirects::page(
            alias,
            &site.config.base_url,
            &site.config.language,
        ));
    }
    for body in (bodies.articles.iter_mut())
        .chain(&mut bodies.terms)
        .chain(&mut bodies.sections)
    {
        diagnostics.extend(std::mem::take(&mut body.diagnostics));
    }
    let state = State {
        bodies,
        prepared,
        related,
        mentioned_by,
        refs,
        search,
        keep,
    };
    (state, diagnostics)
}

/// Each article's related reading, from the terms every article mentions.
fn related_reading(site: &Site, prepared: &Prepared, articles: &[Body]) -> Vec<Vec<Related>> {
    let mentions: Vec<Vec<usize>> = (articles.par_iter())
        .map(|b| b.mentions.iter().copied().collect())
        .collect();
    let mut rank = vec![0; articles.len()];
    for (r, &i) in prepared.order.iter().enumerate() {
        rank[i] = r;
    }
    crate::lists::related::related(&mentions, site.glossary.terms.len(), &rank)
}

/// How many pages the search index holds: every article, then every term.
fn search_pages(site: &Site) -> usize {
    site.articles.len() + site.glossary.terms.len()
}

/// Which of the pages made from the site's lists to render.
#[derive(Debug, Clone, Copy, Default)]
struct Refresh {
    /// The home, glossary, credits, map, timeline, section, series and tag
    /// pages, the
    /// sitemap, and the 404 page with them, since it changes with nothing.
    /// The map page is among them for its text, whose links may preview an
    /// article.
    lists: bool,
    feed: bool,
    /// The list of every source.
    sources: bool,
    /// The sitemap alone, for an article's new last change.
    sitemap: bool,
}

impl Refresh {
    fn all() -> Self {
        Refresh {
            lists: true,
            feed: true,
            sources: true,
            sitemap: true,
        }
    }
}

/// The pages made from the site's lists that `refresh` asks for.
fn site_pages(
    pages: &Pages,
    site: &Site,
    bodies: &Bodies,
    refs: &MentionValues,
    refresh: Refresh,
) -> Vec<Made> {
    let listed = pages.listed();
    let mut made = Vec::new();
    if refresh.lists {
        made.extend(pages.home(bodies, &listed));
        made.extend([pages.glossary(bodies), pages.credits(bodies)]);
        made.extend(pages.map(bodies));
        for (i, section) in site.sections.iter().enumerate() {
            if !pages::is_generated_list(&section.source.site_path) {
                made.extend(pages.section(i, bodies, &listed));
            }
        }
        made.extend(pages.series(bodies, &listed));
        made.extend(pages.tags(bodies, &listed));
        made.push(pages.not_found());
        made.extend(pages.timeline(bodies));
    }
    if refresh.lists || refresh.sitemap {
        made.push(pages.sitemap());
    }
    if refresh.sources {
        made.extend(pages.sources(bodies, refs));
    }
    if refresh.feed {
        made.push(pages.feed(bodies, &listed));
    }
    made
}

/// The files of the whole site, written once whatever its languages: the
/// icon, robots.txt, the stylesheets and scripts.
fn site_files(site: &Site, emit: &(dyn Fn(OutputFile) + Sync)) {
    if !site.routes.has_static(FAVICON) {
        emit(OutputFile {
            path: FAVICON.to_string(),
            contents: include_bytes!("assets/favicon.svg").to_vec(),
        });
    }
    if !site.routes.has_static(ROBOTS) {
        emit(OutputFile {
            path: ROBOTS.to_string(),
            contents: robots_txt(site).into_bytes(),
        });
    }
    for file in site.assets.files() {
        emit(file.clone());
    }
}

/// Lets every crawler in and points it at the sitemap of each language,
/// which must be named by a full URL (so a `base_url` without a host leaves
/// the lines out).
fn robots_txt(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if base.has_origin() {
        text.push('\n');
        for home in site.alternates.homes(&site.language.code) {
            text.push_str(&format!("Sitemap: {}sitemap.xml\n", home.permalink));
        }
        if !site.alternates.is_multilingual() {
            text.push_str(&format!("Sitemap: {}\n", base.permalink("sitemap.xml")));
        }
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
