//! Check: what `gloss check` finds beyond what rendering reports, looking at
//! what rendering made and found and writing nothing. Links whose
//! `#fragment` or path leads nowhere (errors), images without alt text,
//! terms no page mentions and pages no chain of links from the home page
//! reaches (warnings), and a count of the links to other sites.
//!
//! Ids and the links between pages are read from the rendered HTML, since
//! templates and raw HTML add both; links are placed in the Markdown by what
//! the passes recorded.

mod href;
mod html;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::render::{PageFound, Site, SiteRender};
use crate::url::BaseUrl;

use href::Target;
use html::Anchors;

/// What `gloss check` found.
#[derive(Debug)]
pub struct Report {
    /// Every problem, the build's and the check's, by file and position.
    pub diagnostics: Diagnostics,
    /// Every URL of another site linked to, most linked first.
    pub external: Vec<ExternalLink>,
    /// How many pages the site has.
    pub pages: usize,
    /// How many pictures of `static/` pages show, and how many of those
    /// lack a credit and a licence on some page.
    pub pictures: PictureCounts,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct PictureCounts {
    pub shown: usize,
    pub without_credit: usize,
    pub without_license: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    /// How many links lead to it, across the site.
    pub count: usize,
}

/// Checks a rendered site; `diagnostics` are the problems rendering found.
pub fn check(site: &Site, rendered: &SiteRender, mut diagnostics: Diagnostics) -> Report {
    // The pages of a language other than the default are under its folder,
    // which links are resolved within, as if it were a site of its own.
    let base = &BaseUrl::parse(&site.config.base_url.absolute())
        .unwrap_or_else(|_| site.config.base_url.clone());
    let map_page = crate::map::has_places(&site.glossary.terms).then_some(crate::map::PAGE);
    let map = SiteMap::new(rendered, site.routes.static_files(), map_page);
    for page in &rendered.pages {
        diagnostics.extend(broken_links(page, &map, base));
        diagnostics.extend(page.found.images_without_alt.iter().map(|&at| {
            page.source
                .warning_at(at, "image has no alt text")
                .with_help("describe the picture between the brackets: ![A map of the city](…)")
        }));
    }
    let (found, pictures) = picture_rights(site, rendered);
    diagnostics.extend(found);
    diagnostics.extend(unmentioned_terms(site, rendered));
    diagnostics.extend(unreachable_pages(rendered, &map, base));
    Report {
        diagnostics: diagnostics.sorted(),
        external: external_links(rendered),
        pages: map.pages.len(),
        pictures,
    }
}

impl Report {
    /// This report with `other`'s, of the same site in another language.
    pub fn merge(mut self, other: Report) -> Report {
        self.diagnostics.extend(other.diagnostics);
        self.diagnostics = self.diagnostics.sorted();
        let mut external: BTreeMap<String, usize> = BTreeMap::new();
        for link in self.external.into_iter().chain(other.external) {
            *external.entry(link.url).or_default() += link.count;
        }
        let mut external: Vec<ExternalLink> = (external.into_iter())
            .map(|(url, count)| ExternalLink { url, count })
            .collect();
        external.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.url.cmp(&b.url)));
        self.external = external;
        self.pages += other.pages;
        self.pictures.shown = self.pictures.shown.max(other.pictures.shown);
        self.pictures.without_credit =
            (self.pictures.without_credit).max(other.pictures.without_credit);
        self.pictures.without_license =
            (self.pictures.without_license).max(other.pictures.without_license);
        self
    }
}

/// A warning at each use of a picture that gives no credit or no licence,
/// and how many pictures do so.
fn picture_rights(site: &Site, rendered: &SiteRender) -> (Vec<Diagnostic>, PictureCounts) {
    let mut found = Vec::new();
    let mut shown = std::collections::BTreeSet::new();
    let mut without_credit = std::collections::BTreeSet::new();
    let mut without_license = std::collections::BTreeSet::new();
    for page in &rendered.pages {
        for used in &page.found.pictures {
            shown.insert(used.picture);
            let rel = &site.pictures.all()[used.picture].rel;
            let missing = match (used.credited, used.licensed) {
                (true, true) => continue,
                (false, true) => "a credit",
                (true, false) => "a licence",
                (false, false) => "a credit or a licence",
            };
            if !used.credited {
                without_credit.insert(used.picture);
            }
            if !used.licensed {
                without_license.insert(used.picture);
            }
            found.push(
                page.source
                    .warning_at(
                        used.at,
                        format!("picture static/{rel} is shown without {missing}"),
                    )
                    .with_help(format!(
                        "give `credit` and `license` in static/{rel}.toml, its sidecar, \
                         and they apply wherever it is shown"
                    )),
            );
        }
    }
    let counts = PictureCounts {
        shown: shown.len(),
        without_credit: without_credit.len(),
        without_license: without_license.len(),
    };
    (found, counts)
}

/// Every path the site publishes: its pages, by site path (`""`,
/// `articles/siege/`), with what their HTML offers once rendered; and its
/// other files.
struct SiteMap<'a> {
    pages: HashMap<&'a str, Option<Anchors>>,
    files: HashSet<&'a str>,
}

enum Lookup<'m> {
    /// A page, by its key, and its anchors if it was rendered.
    Page(&'m str, Option<&'m Anchors>),
    File,
    Nothing,
}

impl<'a> SiteMap<'a> {
    /// `map_page` is the map page's path, if the site has one.
    fn new(
        rendered: &'a SiteRender,
        static_files: impl Iterator<Item = &'a str>,
        map_page: Option<&'a str>,
    ) -> Self {
        let mut pages: HashMap<&str, Option<Anchors>> = HashMap::new();
        let mut files: HashSet<&str> = static_files.collect();
        for file in &rendered.files {
            match file.path.strip_suffix("index.html") {
                Some(page) if page.is_empty() || page.ends_with('/') => {
                    let html = String::from_utf8_lossy(&file.contents);
                    pages.insert(page, Some(html::anchors(&html)));
                }
                _ => {
                    files.insert(&file.path);
                }
            }
        }
        // Pages whose template failed are still pages, only unseen.
        let written = rendered.pages.iter().map(|p| p.source.site_path.as_str());
        for page in written
            .chain(["", "glossary/", crate::render::CREDITS])
            .chain(map_page)
        {
            pages.entry(page).or_default();
        }
        SiteMap { pages, files }
    }

    /// What is published at `path`. As on a web server, a folder's path
    /// with or without its slash names its `index.html`, so
    /// `articles/siege`, `articles/siege/` and `articles/siege/index.html`
    /// all name the page `articles/siege/`.
    fn lookup(&self, path: &str) -> Lookup<'_> {
        let folder = match path.strip_suffix("index.html") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
            _ if path.is_empty() || path.ends_with('/') => path.to_string(),
            _ => format!("{path}/"),
        };
        let page = self.pages.get_key_value(path);
        if let Some((key, anchors)) = page.or_else(|| self.pages.get_key_value(folder.as_str())) {
            return Lookup::Page(key, anchors.as_ref());
        }
        let index = format!("{folder}index.html");
        if self.files.contains(path) || self.files.contains(index.as_str()) {
            Lookup::File
        } else {
            Lookup::Nothing
        }
    }

    /// Whether every page was rendered, so its links are known.
    fn all_rendered(&self) -> bool {
        self.pages.values().all(Option::is_some)
    }
}

/// Links on `page` to a path the site does not publish, or to a fragment
/// that is no id of the page it names.
fn broken_links(page: &PageFound, map: &SiteMap, base: &BaseUrl) -> Vec<Diagnostic> {
    let from = page.source.site_path.as_str();
    let mut found = Vec::new();
    for link in &page.found.links {
        let Target::Site { path, fragment } = href::resolve(&link.href, from, base) else {
            continue;
        };
        let problem = match map.lookup(&path) {
            Lookup::Page(key, Some(anchors)) => {
                let Some(id) = fragment.filter(|f| !lands_anywhere(f, anchors)) else {
                    continue;
                };
                let place = if key == from {
                    "this page".to_string()
                } else {
                    base.link(key)
                };
                let help = did_you_mean(&id, anchors.ids.iter().map(String::as_str))
                    .map(|s| format!("did you mean `#{s}`?"));
                (format!("no element on {place} has the id `{id}`"), help)
            }
            Lookup::Page(_, None) | Lookup::File => continue,
            Lookup::Nothing => (
                format!("nothing is published at {}", base.link(&path)),
                None,
            ),
        };
        let (problem, help) = problem;
        found.push(
            page.source
                .error_at(link.at, format!("link to `{}`: {problem}", link.written))
                .with_help_opt(help),
        );
    }
    found
}

/// Whether a browser finds somewhere to go for `#fragment`: an element with
/// that id, or the top of the page for `#` and `#top`.
fn lands_anywhere(fragment: &str, anchors: &Anchors) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || anchors.ids.contains(fragment)
}

/// Terms whose title and aliases no page's text mentions (nor links to).
fn unmentioned_terms(site: &Site, rendered: &SiteRender) -> Vec<Diagnostic> {
    let mentioned: HashSet<usize> = rendered
        .pages
        .iter()
        .flat_map(|p| p.mentions.iter().copied())
        .collect();
    site.glossary
        .terms
        .iter()
        .enumerate()
        .filter(|(i, _)| !mentioned.contains(i))
        .map(|(_, term)| {
            let title = term.source.toml_start + term.meta.title.span().start;
            term.source
                .warning_at(title, "no page mentions this term")
                .with_help(format!(
                    "mention its title or an alias in an article, or link it with [[{}]]",
                    term.slug
                ))
        })
        .collect()
}

/// Pages that no chain of links from the home page reaches, following every
/// link of the rendered pages: their text, the lists on the home page and
/// sections, the glossary, the site's navigation. Skipped when a page failed
/// to render, as its links are unknown.
fn unreachable_pages(rendered: &SiteRender, map: &SiteMap, base: &BaseUrl) -> Vec<Diagnostic> {
    if !map.all_rendered() {
        return Vec::new();
    }
    let mut reached: HashSet<&str> = HashSet::from([""]);
    let mut queue = vec![""];
    while let Some(from) = queue.pop() {
        let Lookup::Page(_, Some(anchors)) = map.lookup(from) else {
            continue;
        };
        for href in &anchors.hrefs {
            if let Target::Site { path, .. } = href::resolve(href, from, base)
                && let Lookup::Page(to, _) = map.lookup(&path)
                && reached.insert(to)
            {
                queue.push(to);
            }
        }
    }
    rendered
        .pages
        .iter()
        .filter(|p| !reached.contains(p.source.site_path.as_str()))
        .map(|p| {
            // The page's first line: its front matter, or its text.
            p.source
                .warning_at(0, "no chain of links from the home page leads to this page")
                .with_help("link to it from a page readers reach, such as the home page's text")
        })
        .collect()
}

/// Every link to another site on the site's pages, counted by URL.
fn external_links(rendered: &SiteRender) -> Vec<ExternalLink> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let links = rendered.pages.iter().flat_map(|p| &p.found.links);
    // Links to other sites: a `javascript:` or `tel:` target is not one.
    let is_site = |href: &str| {
        href.starts_with("//")
            || crate::url::scheme(href).is_some_and(|s| {
                ["http", "https", "mailto", "ftp"]
                    .iter()
                    .any(|w| s.eq_ignore_ascii_case(w))
            })
    };
    for link in links.filter(|l| is_site(&l.href)) {
        *counts.entry(&link.href).or_default() += 1;
    }
    let mut external: Vec<ExternalLink> = counts
        .into_iter()
        .map(|(url, count)| ExternalLink {
            url: url.to_string(),
            count,
        })
        .collect();
    // By count, most first; the BTreeMap already ordered equal counts by URL.
    external.sort_by_key(|link| std::cmp::Reverse(link.count));
    external
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn lookup(path: &str) -> &'static str {
        let file = |path: &str, html: &str| OutputFile {
            path: path.to_string(),
            contents: html.as_bytes().to_vec(),
        };
        let rendered = SiteRender {
            files: vec![
                file("index.html", ""),
                file("articles/siege/index.html", r#"<h2 id="x">"#),
                file("atom.xml", ""),
            ],
            pages: Vec::new(),
        };
        let static_files = ["images/map.svg", "docs/index.html"].into_iter();
        let map = SiteMap::new(&rendered, static_files, Some("map/"));
        match map.lookup(path) {
            Lookup::Page(key, Some(anchors)) if anchors.ids.contains("x") => {
                assert_eq!(key, "articles/siege/");
                "siege"
            }
            Lookup::Page(_, Some(_)) => "page",
            Lookup::Page(_, None) => "unrendered page",
            Lookup::File => "file",
            Lookup::Nothing => "nothing",
        }
    }

    #[test]
    fn folders_name_their_index() {
        for path in [
            "articles/siege/",
            "articles/siege",
            "articles/siege/index.html",
        ] {
            assert_eq!(lookup(path), "siege", "{path}");
        }
        assert_eq!(lookup(""), "page");
        assert_eq!(lookup("index.html"), "page");
        assert_eq!(lookup("glossary/"), "unrendered page");
        assert_eq!(lookup("map/"), "unrendered page");
        assert_eq!(lookup("articles/siege/x"), "nothing");
        assert_eq!(lookup("articles/"), "nothing");
    }

    #[test]
    fn files_and_static_files() {
        for path in [
            "atom.xml",
            "images/map.svg",
            "docs/",
            "docs",
            "docs/index.html",
        ] {
            assert_eq!(lookup(path), "file", "{path}");
        }
        assert_eq!(lookup("images/"), "nothing");
    }
}
