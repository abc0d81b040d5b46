//! Which source becomes which URL, and what a link may point at: every page's
//! site path, the drafts left out, and the files under `static/`; the old
//! URLs pages keep (aliases.rs) and the ledger of every URL the site has
//! published (ledger.rs).

pub mod aliases;
pub mod ledger;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::load::{Content, Source, slash_path};

#[derive(Debug, Default, Clone)]
pub struct Routes {
    /// Path under `content/` -> site path (`articles/x.md` -> `articles/x/`).
    by_source: HashMap<String, String>,
    drafts: HashSet<String>,
    broken: HashSet<String>,
    /// Paths under `static/`, with `/` separators.
    static_files: HashSet<String>,
    /// The old URLs pages keep, by path.
    aliases: Vec<aliases::Alias>,
    /// In a language other than the default, the pages it has no
    /// translation of: their original's link, by path under `content/`.
    elsewhere: HashMap<String, String>,
}

/// Pages the build writes itself; only an `_index.md` may give them text.
/// The timeline, map and sources pages are written only for a site with
/// dates, places or a bibliography (or an `_index.md` for them), but their URLs are kept for them on every site, so adding the
/// first date or place never turns a working page into an error.
pub const GENERATED_PAGES: &[&str] = &[
    "",
    "glossary/",
    "credits/",
    "timeline/",
    "map/",
    "sources/",
    crate::lists::SERIES,
    crate::lists::TAGS,
];

/// Whether the build writes its own page at `path`: one of
/// [`GENERATED_PAGES`], a series' or a tag's page.
pub fn is_generated(path: &str) -> bool {
    GENERATED_PAGES.contains(&path)
        || [crate::lists::SERIES, crate::lists::TAGS]
            .iter()
            .any(|list| path.strip_prefix(list).is_some_and(|rest| !rest.is_empty()))
}

/// Files the build writes at the root, which no page's folder may shadow.
const GENERATED_FILES: &[&str] = &[
    "404.html",
    "sitemap.xml",
    "atom.xml",
    "glossary.json",
    "robots.txt",
    "favicon.svg",
    crate::search::FOLDER,
    crate::assets::STYLESHEET,
    crate::assets::SCRIPT,
];

impl Routes {
    pub fn new(root: &Path, content: &Content) -> (Routes, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut routes = Routes {
            drafts: content.drafts.iter().cloned().collect(),
            broken: content.broken.iter().cloned().collect(),
            ..Routes::default()
        };
        // A file that failed to load still has its URL, so links to it
        // resolve and only its own errors are reported.
        for rel in &content.broken {
            routes
                .by_source
                .insert(rel.clone(), crate::url::site_path(rel));
        }
        let sources = content
            .articles
            .iter()
            .map(|a| &a.source)
            .chain(content.terms.iter().map(|t| &t.source))
            .chain(content.sections.iter().map(|s| &s.source));
        // Folded to lower case: two URLs differing only by case overwrite each
        // other on case-insensitive file systems (macOS, Windows).
        let mut claimed: HashMap<String, &Source> = HashMap::new();
        let generated = is_generated;
        for source in sources {
            let path = source.site_path.clone();
            let lower = path.to_lowercase();
            let is_index = source.rel == "_index.md" || source.rel.ends_with("/_index.md");
            let first_segment = lower.split('/').next().unwrap_or_default();
            if crate::lists::paging::is_page_path(&lower) {
                diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        format!(
                            "this file maps to /{path}, where the build writes a page of a list"
                        ),
                    )
                    .with_help(
                        "rename or move the file: a list's later pages are at page/2/, page/3/...",
                    ),
                );
                continue;
            }
            let under_lists = [crate::lists::SERIES, crate::lists::TAGS]
                .iter()
                .any(|list| lower.starts_with(list));
            if (!is_index && (generated(&lower) || under_lists))
                || GENERATED_FILES.contains(&first_segment)
            {
                diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        format!("this file maps to /{path}, where the build writes its own page"),
                    )
                    .with_help(if generated(&lower) {
                        format!("to give /{path} its text, write content/{path}_index.md")
                    } else {
                        "rename or move the file".to_string()
                    }),
                );
                continue;
            }
            if let Some(first) = claimed.get(&lower) {
                let first_path = &first.site_path;
                let how = if *first_path == path {
                    format!("the same URL /{path}")
                } else {
                    format!("URLs that differ only by case (/{first_path} and /{path})")
                };
                diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        format!("this file and {} map to {how}", first.path.display()),
                    )
                    .with_help("rename or move one of them"),
                );
                // Still routed, so links to it are not reported as broken too.
                routes.by_source.insert(source.rel.clone(), path);
                continue;
            }
            claimed.insert(lower, source);
            routes.by_source.insert(source.rel.clone(), path);
        }
        diagnostics.extend(routes.collect_static(root));
        diagnostics.extend(routes.collect_aliases(content));
        (routes, diagnostics)
    }

    fn collect_static(&mut self, root: &Path) -> Diagnostics {
        let mut diagnostics = Diagnostics::new();
        let dir = root.join("static");
        if !dir.is_dir() {
            return diagnostics;
        }
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_symlink() => diagnostics.push(Diagnostic::warning(
                    display_path(root, e.path()),
                    "symbolic links in static/ are not followed or copied",
                )),
                Ok(e) if e.file_type().is_file() => {
                    self.static_files.insert(slash_path(&dir, e.path()));
                }
                Ok(_) => {}
                Err(e) => diagnostics.push(Diagnostic::error(
                    display_path(root, e.path().unwrap_or(&dir)),
                    format!("cannot read: {e}"),
                )),
            }
        }
        diagnostics
    }

    /// The site path of a content file, given its path under `content/`.
    pub fn page(&self, rel: &str) -> Option<&str> {
        self.by_source.get(rel).map(String::as_str)
    }

    /// The link to the original of a page this language has no translation
    /// of, by its path under `content/`.
    pub fn elsewhere(&self, rel: &str) -> Option<&str> {
        self.elsewhere.get(rel).map(String::as_str)
    }

    /// Leads links to the pages of `original` (the default language's
    /// routes, whose links `base` makes) that this language lacks.
    pub fn link_originals(&mut self, original: &Routes, base: &crate::url::BaseUrl) {
        for (rel, path) in &original.by_source {
            if !self.by_source.contains_key(rel) && !original.broken.contains(rel) {
                self.elsewhere.insert(rel.clone(), base.link(path));
            }
        }
    }

    pub fn is_draft(&self, rel: &str) -> bool {
        self.drafts.contains(rel)
    }

    /// Whether a file exists but failed to load (its errors are reported).
    pub fn is_broken(&self, rel: &str) -> bool {
        self.broken.contains(rel)
    }

    pub fn has_static(&self, rel: &str) -> bool {
        self.static_files.contains(rel)
    }

    pub fn static_files(&self) -> impl Iterator<Item = &str> {
        self.static_files.iter().map(String::as_str)
    }

    /// The old URLs pages keep, sorted by path.
    pub fn aliases(&self) -> &[aliases::Alias] {
        &self.aliases
    }

    /// Every page's site path, with its path under `content/`.
    pub fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        (self.by_source.iter()).map(|(rel, path)| (path.as_str(), rel.as_str()))
    }

    /// Known content paths, for "did you mean" on a broken link.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.by_source.keys().map(String::as_str)
    }
}
