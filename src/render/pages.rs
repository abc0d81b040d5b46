//! Every page through its template: what each kind of page shows, and the
//! files made from the site's lists (feed, sitemap). Each function makes one
//! file and touches nothing shared, so pages of a kind render in parallel.

use rayon::prelude::*;
use tera::Context;

use crate::assets::STYLESHEET;
use crate::diagnostics::Diagnostic;
use crate::lists::related::Related;
use crate::load::Role;
use crate::sources::cite_this;

use super::bodies::Body;
use super::lists::{self, MentionValues, PageId};
use super::maps::Maps;
use super::meta::MetaView;
use super::reader::Previews;
use super::views::*;
use super::{Bodies, OutputFile, Site, feed, timeline};

/// A file a template made, or why it could not; `None` when the templates
/// failed to load, so there is nothing to render with.
pub type Made = Option<Result<OutputFile, Diagnostic>>;

/// What pages are made from that takes the whole site to work out, worked
/// out once per render. It borrows nothing, so a server can keep it between
/// renders and update only what an edit changed.
pub struct Prepared {
    /// The `site` variable, converted for Tera once rather than per page.
    site_value: tera::Value,
    /// The `t` variable: the templates' words in the site's language.
    strings_value: tera::Value,
    pub previews: Previews,
    /// Each term as pages list it, converted for Tera once.
    term_values: Vec<tera::Value>,
    /// Article indices, newest first; undated articles after dated ones, by title.
    pub order: Vec<usize>,
    /// The newest article's date.
    pub newest: Option<String>,
    /// Whether the site has a timeline, which every page's navigation names.
    pub timeline: bool,
    /// The map page's map and the places' locators, if any term is a place.
    pub maps: Option<Maps>,
    /// Whether the site has a map page: it has places, or `content/map/_index.md`.
    pub map_page: bool,
    /// Whether the site has a list of sources: it has a bibliography, or
    /// `content/sources/_index.md`.
    pub sources_page: bool,
}

impl Prepared {
    pub fn new(site: &Site) -> Self {
        let timeline = timeline::has_timeline(site);
        let timeline_url = timeline.then(|| site.config.base_url.link(timeline::PATH));
        let maps = Maps::new(site);
        let mut view = SiteView::new(site.config, stylesheet_url(site), timeline_url);
        view.dir = site.language.dir();
        view.search_fallback = search_fallback(site);
        // The reader's script carries English; another language's words
        // come with each page.
        if site.language.code.split('-').next() != Some("en") {
            view.script_strings = Some(site.strings.script_json());
        }
        let map_page = maps.is_some() || has_section(site, crate::map::PAGE);
        if map_page {
            view.map_url = Some(site.config.base_url.link(crate::map::PAGE));
        }
        let sources_page = site.bibliography().is_some() || has_section(site, SOURCES_PAGE);
        if sources_page {
            view.sources_url = Some(site.config.base_url.link(SOURCES_PAGE));
        }
        if !site.lists.series.is_empty() {
            view.series_url = Some(site.config.base_url.link(crate::lists::SERIES));
        }
        if !site.lists.tags.is_empty() {
            view.tags_url = Some(site.config.base_url.link(crate::lists::TAGS));
        }
        let (order, newest) = lists::order(site);
        Prepared {
            site_value: tera::Value::from_serializable(&view),
            strings_value: strings_value(site.strings),
            previews: Previews::new(site),
            term_values: (0..site.glossary.terms.len())
                .into_par_iter()
                .map(|i| tera::Value::from_serializable(&lists::term_ref(site, i)))
                .collect(),
            order,
            newest,
            timeline,
            maps,
            map_page,
            sources_page,
        }
    }

    /// The articles the feed carries: the newest `limit`, or all for 0.
    pub fn in_feed(&self, limit: usize) -> &[usize] {
        match limit {
            0 => &self.order,
            n => &self.order[..n.min(self.order.len())],
        }
    }
}

/// The sentence that points a reader without JavaScript to the lists, its
/// two links in place.
fn search_fallback(site: &Site) -> String {
    use crate::html::{escape_href, escape_html};
    let home = site.config.base_url.link("");
    let link = |href: &str, key: &str| {
        let words = escape_html(site.strings.get(key));
        format!("<a href=\"{}\">{words}</a>", escape_href(href))
    };
    let articles = link(&home, "articles_in_text");
    let glossary = link(&format!("{home}glossary/"), "glossary_in_text");
    escape_html(site.strings.get("search_fallback"))
        .replace("{articles}", &articles)
        .replace("{glossary}", &glossary)
}

/// The `t` variable: each string escaped for HTML once, as Tera would
/// escape it on every page, and marked safe.
fn strings_value(strings: &crate::languages::strings::Strings) -> tera::Value {
    let escaped: std::collections::BTreeMap<String, tera::Value> = (strings.iter())
        .map(|(key, text)| {
            let html = crate::html::escape_html(text);
            (key.to_string(), tera::Value::safe_string(&html))
        })
        .collect();
    tera::Value::from(escaped)
}

/// Renders pages of one site with what was prepared for it.
pub struct Pages<'s, 'a> {
    pub(super) site: &'s Site<'a>,
    pub(super) prepared: &'s Prepared,
}

impl<'s, 'a> Pages<'s, 'a> {
    pub fn new(site: &'s Site<'a>, prepared: &'s Prepared) -> Self {
        Pages { site, prepared }
    }

    /// Every article's reference, newest first.
    pub fn listed(&self) -> Vec<PageRef<'a>> {
        (self.prepared.order.iter())
            .map(|&i| lists::page_ref(&self.site.articles[i], self.site))
            .collect()
    }

    /// A template context holding what every template sees.
    pub(super) fn context(&self, page_path: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.prepared.site_value.clone());
        ctx.insert_value("t", self.prepared.strings_value.clone());
        ctx.insert("page_path", page_path);
        let alternates = &self.site.alternates;
        let code = &self.site.language.code;
        let versions = alternates.of(page_path, code);
        // A page only one language has still leads to each language's home.
        let switch = if versions.is_empty() {
            alternates.homes(code)
        } else {
            versions.clone()
        };
        ctx.insert("alternates", &versions);
        ctx.insert("languages", &switch);
        ctx.insert("x_default", &alternates.default_version(page_path));
        ctx.insert("previews", &None::<String>);
        ctx.insert("pager", &None::<String>);
        ctx
    }

    /// Renders `template` into the file at `path`.
    pub(super) fn file(&self, template: &str, path: String, ctx: &Context) -> Made {
        let templates = self.site.templates?;
        Some(templates.render(template, ctx).map(|html| OutputFile {
            path,
            contents: html.into_bytes(),
        }))
    }

    /// A page's context with the previews of what its Markdown links to.
    pub(super) fn page_context(&self, page_path: &str, bodies: &[&Body]) -> Context {
        let mut ctx = self.context(page_path);
        let hrefs = bodies.iter().flat_map(|b| &b.hrefs);
        ctx.insert("previews", &self.prepared.previews.json_for(hrefs));
        ctx
    }

    /// Article `i`'s page, ending with its `related` reading.
    pub fn article(&self, i: usize, body: &Body, related: &[Related]) -> Made {
        let site = self.site;
        let article = &site.articles[i];
        let view = ArticleView {
            page: lists::page_ref(article, site),
            content: &body.html,
            photo: body.photo.as_ref().map(|p| PhotoView {
                url: &p.offered.src,
                srcset: p.offered.srcset.as_deref(),
                webp_srcset: p.offered.webp_srcset.as_deref(),
                element: &p.element,
                zoom: &p.offered.zoom,
                width: p.offered.width,
                height: p.offered.height,
                alt: &p.alt,
                caption: p.caption.as_deref().unwrap_or_default(),
                credit: p.credit.as_ref().map(|v| v.value.as_str()),
                source: p.source.as_ref().map(|v| v.value.as_str()),
                license: p.license.as_ref().map(|v| v.value.as_str()),
            }),
            terms: body
                .mentions
                .iter()
                .map(|&t| &self.prepared.term_values[t])
                .collect(),
            events: timeline::key_dates(site, &article.events),
            sources: &body.works,
            cite: site.cite_this.cite(&cite_this::Page {
                authors: &article.author_names(&site.config.author),
                translators: &article.names(Role::Translator),
                editors: &article.names(Role::Editor),
                title: &article.meta.title,
                site: &site.config.title,
                date: article.date.map(|d| d.iso()),
                modified: article.versions.modified().map(|d| d.iso()),
                url: &site.config.base_url.permalink(&article.source.site_path),
                series: (site.lists.series_of(i)).map(|(s, part)| (s.name.as_str(), part.number)),
            }),
            series: super::listing::series_nav(site, i),
            tags: super::listing::tag_links(site, i),
            toc: contents(article, &body.headings),
            related: super::listing::related_links(site, related),
            byline: article.meta.authors.is_some().then(|| Byline {
                authors: article.names(Role::Author),
                translators: article.names(Role::Translator),
                editors: article.names(Role::Editor),
            }),
            updated: (article.versions.modified())
                .filter(|&m| article.date.is_none_or(|d| m > d))
                .map(|d| DateView::of(d, site.language)),
            corrections: (article.versions.corrections.iter().zip(&body.corrections))
                .enumerate()
                .map(|(n, (c, html))| CorrectionView {
                    id: format!("correction-{}", n + 1),
                    date: DateView::of(c.date, site.language),
                    html,
                })
                .collect(),
        };
        let path = &article.source.site_path;
        let mut ctx = self.page_context(path, &[body]);
        ctx.insert("page", &view);
        ctx.insert("meta", &MetaView::article(site, i, body.photo.as_ref()));
        self.file("article.html", index_of(path), &ctx)
    }

    /// A term's page; `mentioned_by` lists the pages that mention it.
    pub fn term(
        &self,
        i: usize,
        body: &Body,
        mentioned_by: &[PageId],
        refs: &MentionValues,
    ) -> Made {
        let site = self.site;
        let term = &site.glossary.terms[i];
        let per_page = site.config.lists.per_page;
        let pages = crate::lists::paging::pages(mentioned_by.len(), per_page).count();
        let view = TermView {
            term: lists::term_ref(site, i),
            content: &body.html,
            life: LifeView::new(&term.life, site.language),
            events: timeline::key_dates(site, &term.events),
            mentions: (mentioned_by.iter().take(per_page))
                .map(|&p| refs.get(p))
                .collect(),
            mentions_pager: (pages > 1)
                .then(|| PagerView::new(&site.config.base_url, &term.source.site_path, 1, pages)),
            wikidata: (site.glossary.terms[i].meta.wikidata.as_ref())
                .map(|id| WikidataRef::new(id.get_ref())),
            locator: (self.prepared.maps.as_ref()).and_then(|m| m.locators[i].as_ref()),
            sources: &body.works,
        };
        let path = &term.source.site_path;
        let mut ctx = self.page_context(path, &[body]);
        ctx.insert("term", &view);
        ctx.insert("meta", &MetaView::term(site, i));
        self.file("term.html", index_of(path), &ctx)
    }

    pub fn glossary(&self, bodies: &Bodies) -> Made {
        let path = "glossary/";
        let (glossary, body) = self.section_view(bodies, path, "Glossary");
        let mut ctx = self.page_context(path, &body);
        ctx.insert(
            "meta",
            &MetaView::glossary(self.site, glossary.title, glossary.summary),
        );
        ctx.insert("section", &glossary);
        ctx.insert("groups", &lists::letter_groups(self.site));
        ctx.insert("kinds", &lists::kind_groups(self.site));
        self.file("glossary.html", index_of(path), &ctx)
    }

    /// Every dated event of the site, in order; `None` for a site without
    /// a timeline.
    pub fn timeline(&self, bodies: &Bodies) -> Option<Made> {
        if !self.prepared.timeline {
            return None;
        }
        let path = timeline::PATH;
        let (view, body) = self.section_view(bodies, path, "Timeline");
        let mut ctx = self.page_context(path, &body);
        ctx.insert(
            "meta",
            &MetaView::page(self.site, view.title, view.summary, path),
        );
        ctx.insert("section", &view);
        ctx.insert("groups", &timeline::groups(self.site));
        Some(self.file("timeline.html", index_of(path), &ctx))
    }

    /// The map page, with the text of `content/map/_index.md` if there is
    /// one; `None` when the site has no places.
    pub fn map(&self, bodies: &Bodies) -> Option<Made> {
        if !self.prepared.map_page {
            return None;
        }
        let path = crate::map::PAGE;
        let (section, body) = self.section_view(bodies, path, "Map");
        let mut ctx = self.page_context(path, &body);
        ctx.insert(
            "meta",
            &MetaView::page(self.site, section.title, section.summary, path),
        );
        ctx.insert("section", &section);
        if let Some(maps) = &self.prepared.maps {
            ctx.insert_value("map", maps.page.clone());
        }
        Some(self.file("map.html", index_of(path), &ctx))
    }

    /// Every picture the site shows, once, with every page showing it and its
    /// credit, source and licence, then the maps' data;
    /// `content/credits/_index.md` may add a text.
    pub fn credits(&self, bodies: &Bodies) -> Made {
        let site = self.site;
        let path = CREDITS;
        let figures = super::credits::figures(site, &self.prepared.order, bodies);
        let (view, body) = self.section_view(bodies, path, "Credits");
        let mut ctx = self.page_context(path, &body);
        ctx.insert(
            "meta",
            &MetaView::page(site, view.title, view.summary, path),
        );
        ctx.insert("section", &view);
        ctx.insert("figures", &figures);
        // The maps are drawn by the build, over data with its own credit.
        let maps: Vec<crate::map::Credit> = crate::map::credit(&site.glossary.terms)
            .into_iter()
            .collect();
        ctx.insert("maps", &maps);
        self.file("credits.html", index_of(path), &ctx)
    }

    /// The page of every work in the bibliography, each with the pages
    /// citing it; `None` when the site has no bibliography nor a text for
    /// the page.
    pub fn sources(&self, bodies: &Bodies, refs: &MentionValues) -> Option<Made> {
        if !self.prepared.sources_page {
            return None;
        }
        let all = self.site.bibliography().map_or(&[][..], |s| s.works());
        let cited_by = lists::cited_by(self.site, &self.prepared.order, |p| &bodies.of(p).works);
        let works: Vec<WorkView> = (all.iter())
            .map(|work| WorkView {
                work,
                cited_by: (cited_by.get(work.key.as_str()).into_iter().flatten())
                    .map(|&p| refs.get(p))
                    .collect(),
            })
            .collect();
        let path = SOURCES_PAGE;
        let (view, body) = self.section_view(bodies, path, "Sources");
        let mut ctx = self.page_context(path, &body);
        ctx.insert(
            "meta",
            &MetaView::page(self.site, view.title, view.summary, path),
        );
        ctx.insert("section", &view);
        ctx.insert("works", &works);
        Some(self.file("sources.html", index_of(path), &ctx))
    }

    pub fn not_found(&self) -> Made {
        let path = "404.html";
        let mut ctx = self.context(path);
        ctx.insert(
            "meta",
            &MetaView::page(self.site, self.site.strings.get("not_found"), "", path),
        );
        self.file("404.html", path.into(), &ctx)
    }

    /// The Atom feed, whose articles' bodies must still hold their HTML.
    pub fn feed(&self, bodies: &Bodies, listed: &[PageRef]) -> Made {
        let base = &self.site.config.base_url;
        let in_feed = self.prepared.in_feed(self.site.config.feed.limit);
        let entries: Vec<FeedEntry> = (in_feed.iter().zip(listed))
            .map(|(&i, page)| {
                let body = &bodies.articles[i];
                let photo = body.photo.as_ref().map(|p| feed::FeedPhoto {
                    url: &p.offered.src,
                    alt: &p.alt,
                    caption: p.caption.as_deref().unwrap_or_default(),
                    credit: p.credit.as_ref().map(|v| v.value.as_str()),
                });
                let article = &self.site.articles[i];
                let corrections: Vec<feed::FeedCorrection> =
                    (article.versions.corrections.iter().zip(&body.corrections))
                        .map(|(c, html)| feed::FeedCorrection {
                            iso: c.date.iso(),
                            words: c.date.words_in(self.site.language),
                            html,
                        })
                        .collect();
                // An entry without authors of its own has the feed's.
                let named = article.meta.authors.is_some() || article.meta.author.is_some();
                let mut contributors = article.names(Role::Translator);
                contributors.extend(article.names(Role::Editor));
                FeedEntry {
                    page,
                    content: feed::entry_html(
                        &body.html,
                        photo,
                        &corrections,
                        base,
                        &page.permalink,
                    ),
                    modified: article.versions.modified().map(|d| d.iso()),
                    authors: if named {
                        article.author_names("")
                    } else {
                        Vec::new()
                    },
                    contributors,
                }
            })
            .collect();
        let path = "atom.xml";
        let mut ctx = self.context(path);
        // The feed changed when its latest entry did.
        let updated = (entries.iter().filter_map(|e| e.modified.as_deref()))
            .chain(self.prepared.newest.as_deref())
            .max();
        ctx.insert("updated", updated.unwrap_or("1970-01-01"));
        ctx.insert("entries", &entries);
        self.file(path, path.into(), &ctx)
    }

    /// Every page of the site with its date, if it has one.
    pub fn sitemap(&self) -> Made {
        let site = self.site;
        let base = &site.config.base_url;
        let code = &site.language.code;
        let entry = |path: &str, lastmod: Option<String>| SitemapEntry {
            permalink: base.permalink(path),
            lastmod,
            alternates: site.alternates.of(path, code),
        };
        let articles = (site.articles.iter()).map(|a| {
            let changed = a.versions.modified().max(a.date);
            entry(&a.source.site_path, changed.map(|d| d.iso()))
        });
        let terms = (site.glossary.terms.iter()).map(|t| entry(&t.source.site_path, None));
        let timeline = (self.prepared.timeline).then(|| entry(timeline::PATH, None));
        let map = (self.prepared.map_page).then(|| entry(crate::map::PAGE, None));
        let lists = [
            Some(entry("", self.prepared.newest.clone())),
            Some(entry("glossary/", None)),
            Some(entry(CREDITS, None)),
            timeline,
            map,
            (self.prepared.sources_page).then(|| entry(SOURCES_PAGE, None)),
        ]
        .into_iter()
        .flatten();
        let sections = (site.sections.iter())
            .map(|s| s.source.site_path.as_str())
            .filter(|path| !is_generated_list(path))
            .map(|path| entry(path, None));
        let series = (site.lists.series.iter().map(|s| s.site_path.as_str()))
            .chain((!site.lists.series.is_empty()).then_some(crate::lists::SERIES));
        let tags = (site.lists.tags.iter().map(|t| t.site_path.as_str()))
            .chain((!site.lists.tags.is_empty()).then_some(crate::lists::TAGS));
        let collections = series.chain(tags).map(|path| entry(path, None));
        let entries: Vec<SitemapEntry> = (articles.chain(terms).chain(lists))
            .chain(sections)
            .chain(collections)
            .collect();
        let path = "sitemap.xml";
        let mut ctx = self.context(path);
        ctx.insert("entries", &entries);
        self.file(path, path.into(), &ctx)
    }

    /// The view of the `_index.md` published at `path`, or an empty one
    /// titled `fallback`; with its body, for the previews.
    pub(super) fn section_view<'b>(
        &self,
        bodies: &'b Bodies,
        path: &str,
        fallback: &'b str,
    ) -> (SectionView<'b>, Vec<&'b Body>)
    where
        'a: 'b,
    {
        let site = self.site;
        let url = site.config.base_url.link(path);
        match (site.sections.iter()).position(|s| s.source.site_path == path) {
            Some(i) => {
                let s = &site.sections[i];
                let view = SectionView {
                    title: s.meta.title.as_deref().unwrap_or(fallback),
                    summary: &s.meta.summary,
                    url,
                    content: &bodies.sections[i].html,
                    sources: &bodies.sections[i].works,
                };
                (view, vec![&bodies.sections[i]])
            }
            None => {
                let view = SectionView {
                    title: fallback,
                    summary: "",
                    url,
                    content: "",
                    sources: &[],
                };
                (view, Vec::new())
            }
        }
    }
}

/// The headings an article's table of contents lists: all of its `h2`
/// and `h3` headings when it has three sections or more (its `h2`s, or
/// its `h3`s if it has none) and does not turn the table off.
fn contents<'h>(
    article: &crate::load::Article,
    headings: &'h [crate::markdown::Heading],
) -> &'h [crate::markdown::Heading] {
    let top = if headings.iter().any(|h| h.level == 2) {
        2
    } else {
        3
    };
    let sections = headings.iter().filter(|h| h.level == top).count();
    if article.meta.toc && sections >= 3 {
        headings
    } else {
        &[]
    }
}

/// Where the credits page is published.
pub const CREDITS: &str = "credits/";

/// Whether an `_index.md` at `path` gives the text of a page the build makes
/// itself (the home, glossary, credits, timeline, map and sources pages)
/// rather than a section's.
pub fn is_generated_list(path: &str) -> bool {
    crate::routes::is_generated(path)
}

/// Whether the site has an `_index.md` giving the text of the page at `path`.
fn has_section(site: &Site, path: &str) -> bool {
    (site.sections.iter()).any(|s| s.source.site_path == path)
}

/// Where the list of every source is published.
pub const SOURCES_PAGE: &str = "sources/";

/// Where the page at `site_path` is written.
pub(super) fn index_of(site_path: &str) -> String {
    format!("{site_path}index.html")
}

/// Where pages link to the stylesheet: its fingerprinted name.
fn stylesheet_url(site: &Site) -> String {
    let path = site.assets.fingerprinted(STYLESHEET).unwrap_or(STYLESHEET);
    site.config.base_url.file_link(path)
}

#[derive(serde::Serialize)]
struct FeedEntry<'a> {
    #[serde(flatten)]
    page: &'a PageRef<'a>,
    /// The photo and body, with absolute links.
    content: String,
    /// `2025-05-03`, when it changed after its date.
    modified: Option<String>,
    /// Its authors, if it names them; translators and editors.
    authors: Vec<&'a str>,
    contributors: Vec<&'a str>,
}
