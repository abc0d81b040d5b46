//! Render: every page's Markdown through the passes, the backlinks that
//! result, and then every page through its template. Produces the files of
//! the site in memory; writing them is the output stage's job.

mod templates;
mod views;

use std::collections::BTreeSet;

use tera::Context;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::glossary::{Glossary, initial};
use crate::load::{Article, Section, Source};
use crate::markdown::{self, Origin, PageLinks, RenderContext};
use crate::routes::{Routes, site_path};

pub use templates::Templates;
use views::*;

/// The stylesheet written at the output root unless `static/` has its own.
pub const STYLESHEET: &str = "gloss.css";
const DEFAULT_STYLESHEET: &str = include_str!("assets/gloss.css");

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
    /// `None` when the templates failed to load: pages are still rendered
    /// from Markdown, so the run reports content problems too.
    pub templates: Option<&'a Templates>,
}

/// One page's Markdown, rendered.
struct Body {
    html: String,
    caption: Option<String>,
    mentions: BTreeSet<usize>,
}

pub fn render_site<'a>(site: &Site<'a>) -> (Vec<OutputFile>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut markdown_of = |source: &Source, caption: Option<(&str, usize)>, term: Option<usize>| {
        let ctx = RenderContext {
            glossary: site.glossary,
            routes: site.routes,
            base: &site.config.base_url,
            mode: site.config.glossary.link,
            this_term: term,
            source,
        };
        let mut links = PageLinks::default();
        // The caption comes first on the page, so it takes the first mentions.
        let caption = caption.map(|(text, at)| {
            let r = markdown::render(text, Origin::Value(at), &ctx, &mut links);
            diagnostics.extend(r.diagnostics);
            r.html
        });
        let r = markdown::render(source.body(), Origin::Body, &ctx, &mut links);
        diagnostics.extend(r.diagnostics);
        Body {
            html: r.html,
            caption,
            mentions: links.mentions,
        }
    };
    let article_bodies: Vec<Body> = site
        .articles
        .iter()
        .map(|a| {
            let caption = a
                .meta
                .photo
                .as_ref()
                .and_then(|p| p.caption.as_ref())
                .map(|c| (c.get_ref().as_str(), a.source.toml_start + c.span().start));
            markdown_of(&a.source, caption, None)
        })
        .collect();
    let term_bodies: Vec<Body> = site
        .glossary
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| markdown_of(&t.source, None, Some(i)))
        .collect();
    let section_bodies: Vec<Body> = site
        .sections
        .iter()
        .map(|s| markdown_of(&s.source, None, None))
        .collect();
    for article in site.articles {
        diagnostics.extend(check_photo(article, site.routes));
    }

    let mut out = Output::new(site.templates, &mut diagnostics);
    let site_view = SiteView::new(site.config);
    let base = &site.config.base_url;
    let term_ref = |i: usize| {
        let t = &site.glossary.terms[i];
        let path = site_path(&t.source.rel);
        TermRef {
            slug: &t.slug,
            title: t.meta.title.get_ref(),
            url: base.link(&path),
            permalink: base.permalink(&path),
            summary: &t.meta.summary,
            native: t.meta.native.as_deref(),
            lang: t.meta.lang.as_deref(),
            dir: direction(t.meta.lang.as_deref()),
            aliases: t
                .meta
                .aliases
                .iter()
                .map(|a| a.get_ref().as_str())
                .collect(),
        }
    };
    let page_ref = |a: &'a Article| page_ref(a, base);

    // Newest first; undated pages after dated ones, by title.
    let mut order: Vec<usize> = (0..site.articles.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&site.articles[x], &site.articles[y]);
        b.date
            .cmp(&a.date)
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    let listed: Vec<PageRef> = order.iter().map(|&i| page_ref(&site.articles[i])).collect();

    // Backlinks: which pages mention each term.
    let mut mentions: Vec<Vec<MentionRef>> = vec![Vec::new(); site.glossary.terms.len()];
    for &i in &order {
        for &term in &article_bodies[i].mentions {
            let a = &site.articles[i];
            mentions[term].push(MentionRef {
                title: &a.meta.title,
                url: base.link(&site_path(&a.source.rel)),
                summary: &a.meta.summary,
                kind: "article",
            });
        }
    }
    for (i, body) in term_bodies.iter().enumerate() {
        for &term in &body.mentions {
            let t = &site.glossary.terms[i];
            mentions[term].push(MentionRef {
                title: t.meta.title.get_ref(),
                url: base.link(&site_path(&t.source.rel)),
                summary: &t.meta.summary,
                kind: "term",
            });
        }
    }

    for (i, body) in section_bodies.iter().enumerate() {
        let s = &site.sections[i];
        let path = site_path(&s.source.rel);
        for &term in &body.mentions {
            mentions[term].push(MentionRef {
                title: s.meta.title.as_deref().unwrap_or(&site.config.title),
                url: base.link(&path),
                summary: &s.meta.summary,
                kind: "page",
            });
        }
    }

    let mut sitemap: Vec<SitemapEntry> = Vec::new();
    let mut sitemap_add = |path: &str, lastmod: Option<String>| {
        sitemap.push(SitemapEntry {
            permalink: base.permalink(path),
            lastmod,
        })
    };

    // Articles.
    for (i, article) in site.articles.iter().enumerate() {
        let path = site_path(&article.source.rel);
        let body = &article_bodies[i];
        let view = ArticleView {
            page: page_ref(article),
            content: body.html.clone(),
            photo: article.meta.photo.as_ref().map(|p| PhotoView {
                url: base.link(p.src.get_ref()),
                alt: &p.alt,
                caption: body.caption.clone().unwrap_or_default(),
                credit: p.credit.as_deref(),
                source: p.source.as_deref(),
                license: p.license.as_deref(),
            }),
            terms: body.mentions.iter().map(|&t| term_ref(t)).collect(),
        };
        let mut ctx = Context::new();
        ctx.insert("site", &site_view);
        ctx.insert("page", &view);
        ctx.insert("page_path", &path);
        out.page("article.html", &path, &ctx);
        sitemap_add(&path, article.date.map(|d| d.iso()));
    }

    // Terms and the glossary index.
    for (i, term) in site.glossary.terms.iter().enumerate() {
        let path = site_path(&term.source.rel);
        let view = TermView {
            term: term_ref(i),
            content: term_bodies[i].html.clone(),
            mentions: mentions[i].clone(),
        };
        let mut ctx = Context::new();
        ctx.insert("site", &site_view);
        ctx.insert("term", &view);
        ctx.insert("page_path", &path);
        out.page("term.html", &path, &ctx);
        sitemap_add(&path, None);
    }
    let mut groups: Vec<LetterGroup> = Vec::new();
    for i in 0..site.glossary.terms.len() {
        let letter = initial(site.glossary.terms[i].meta.title.get_ref());
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.terms.push(term_ref(i)),
            _ => groups.push(LetterGroup {
                anchor: format!("letter-{}", markdown::anchor(&letter)),
                letter,
                terms: vec![term_ref(i)],
            }),
        }
    }

    // Home, glossary and section pages, each with its `_index.md` if any.
    let section_view =
        |path: &str, fallback: &'a str| section_view(site, &section_bodies, path, fallback);
    let mut ctx = Context::new();
    ctx.insert("site", &site_view);
    ctx.insert("section", &section_view("", &site.config.title));
    ctx.insert("articles", &listed);
    ctx.insert("page_path", "");
    out.render("index.html", "index.html", &ctx);
    sitemap_add(
        "",
        listed
            .iter()
            .find_map(|p| p.date.as_ref().map(|d| d.iso.clone())),
    );

    let mut ctx = Context::new();
    ctx.insert("site", &site_view);
    ctx.insert("section", &section_view("glossary/", "Glossary"));
    ctx.insert("groups", &groups);
    ctx.insert("page_path", "glossary/");
    out.render("glossary.html", "glossary/index.html", &ctx);
    sitemap_add("glossary/", None);

    for section in site.sections {
        let path = site_path(&section.source.rel);
        if path.is_empty() || path == "glossary/" {
            continue;
        }
        let pages: Vec<PageRef> = order
            .iter()
            .map(|&i| &site.articles[i])
            .filter(|a| a.source.rel.starts_with(path.as_str()))
            .map(page_ref)
            .collect();
        let mut ctx = Context::new();
        ctx.insert("site", &site_view);
        ctx.insert("section", &section_view(&path, "Untitled"));
        ctx.insert("pages", &pages);
        ctx.insert("page_path", &path);
        out.page("section.html", &path, &ctx);
        sitemap_add(&path, None);
    }

    let mut ctx = Context::new();
    ctx.insert("site", &site_view);
    ctx.insert("page_path", "404.html");
    out.render("404.html", "404.html", &ctx);

    let mut ctx = Context::new();
    ctx.insert("site", &site_view);
    ctx.insert("entries", &sitemap);
    out.render("sitemap.xml", "sitemap.xml", &ctx);

    let feed: Vec<(PageRef, &str)> = order
        .iter()
        .map(|&i| (page_ref(&site.articles[i]), article_bodies[i].html.as_str()))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("site", &site_view);
    ctx.insert(
        "updated",
        &listed
            .iter()
            .find_map(|p| p.date.as_ref().map(|d| d.iso.clone()))
            .unwrap_or_else(|| "1970-01-01".into()),
    );
    ctx.insert(
        "entries",
        &feed
            .iter()
            .map(|(page, content)| FeedEntry { page, content })
            .collect::<Vec<_>>(),
    );
    out.render("atom.xml", "atom.xml", &ctx);

    if !site.routes.has_static(STYLESHEET) {
        out.files.push(OutputFile {
            path: STYLESHEET.to_string(),
            contents: DEFAULT_STYLESHEET.as_bytes().to_vec(),
        });
    }
    let files = out.files;
    (files, diagnostics)
}

fn page_ref<'a>(a: &'a Article, base: &crate::url::BaseUrl) -> PageRef<'a> {
    let path = site_path(&a.source.rel);
    PageRef {
        title: &a.meta.title,
        url: base.link(&path),
        permalink: base.permalink(&path),
        summary: &a.meta.summary,
        label: a.meta.label.as_deref(),
        date: a.date.map(DateView::from),
    }
}

/// The view of the `_index.md` published at `path`, or an empty one titled `fallback`.
fn section_view<'a>(
    site: &Site<'a>,
    bodies: &[Body],
    path: &str,
    fallback: &'a str,
) -> SectionView<'a> {
    let base = &site.config.base_url;
    match site
        .sections
        .iter()
        .position(|s| site_path(&s.source.rel) == path)
    {
        Some(i) => {
            let s = &site.sections[i];
            SectionView {
                title: s.meta.title.as_deref().unwrap_or(fallback),
                summary: &s.meta.summary,
                url: base.link(path),
                content: bodies[i].html.clone(),
            }
        }
        None => SectionView {
            title: fallback,
            summary: "",
            url: base.link(path),
            content: String::new(),
        },
    }
}

#[derive(serde::Serialize)]
struct FeedEntry<'a> {
    #[serde(flatten)]
    page: &'a PageRef<'a>,
    content: &'a str,
}

/// The photo's file must exist under `static/`.
fn check_photo(article: &Article, routes: &Routes) -> Option<Diagnostic> {
    let photo = article.meta.photo.as_ref()?;
    let src = photo.src.get_ref();
    let rel = src.trim_start_matches('/');
    if routes.has_static(rel) {
        return None;
    }
    Some(
        article
            .source
            .error_at(
                article.source.toml_start + photo.src.span().start,
                format!("photo `{src}` does not exist: looked for static/{rel}"),
            )
            .with_help("photo paths are read from the site's static/ folder"),
    )
}

/// Collects rendered files and template errors.
struct Output<'t, 'd> {
    templates: Option<&'t Templates>,
    diagnostics: &'d mut Diagnostics,
    files: Vec<OutputFile>,
}

impl<'t, 'd> Output<'t, 'd> {
    fn new(templates: Option<&'t Templates>, diagnostics: &'d mut Diagnostics) -> Self {
        Output {
            templates,
            diagnostics,
            files: Vec::new(),
        }
    }

    fn render(&mut self, template: &str, path: &str, ctx: &Context) {
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

    /// A content page, published as `site_path/index.html`.
    fn page(&mut self, template: &str, site_path: &str, ctx: &Context) {
        self.render(template, &format!("{site_path}index.html"), ctx);
    }
}
