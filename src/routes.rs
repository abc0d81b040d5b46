//! Which source becomes which URL, and what a link may point at: every page's
//! site path, the drafts left out, and the files under `static/`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::load::{Content, Source};

#[derive(Debug, Default, Clone)]
pub struct Routes {
    /// Path under `content/` -> site path (`articles/x.md` -> `articles/x/`).
    by_source: HashMap<String, String>,
    drafts: HashSet<String>,
    /// Paths under `static/`, with `/` separators.
    static_files: HashSet<String>,
}

/// The site path a content file is published at: pretty URLs mirroring the
/// folder layout, `_index.md` standing for its folder.
pub fn site_path(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let path = match stem.strip_suffix("_index") {
        Some(folder) => folder.to_string(),
        None => format!("{stem}/"),
    };
    path.split('/')
        .map(|segment| segment.split_whitespace().collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join("/")
}

/// Site paths the build writes itself; only an `_index.md` may give them text.
const GENERATED: &[&str] = &["", "glossary/"];

impl Routes {
    pub fn new(root: &Path, content: &Content) -> (Routes, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut routes = Routes {
            drafts: content.drafts.iter().cloned().collect(),
            ..Routes::default()
        };
        let sources = content
            .articles
            .iter()
            .map(|a| &a.source)
            .chain(content.terms.iter().map(|t| &t.source))
            .chain(content.sections.iter().map(|s| &s.source));
        // Folded to lower case: two URLs differing only by case overwrite each
        // other on case-insensitive file systems (macOS, Windows).
        let mut claimed: HashMap<String, &Source> = HashMap::new();
        for source in sources {
            let path = site_path(&source.rel);
            let is_index = source.rel == "_index.md" || source.rel.ends_with("/_index.md");
            if !is_index && GENERATED.contains(&path.to_lowercase().as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        format!("this file maps to /{path}, where the build writes its own page"),
                    )
                    .with_help(format!(
                        "to give /{path} its text, write content/{path}_index.md"
                    )),
                );
                continue;
            }
            if let Some(first) = claimed.get(&path.to_lowercase()) {
                let first_path = site_path(&first.rel);
                let how = if first_path == path {
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
            claimed.insert(path.to_lowercase(), source);
            routes.by_source.insert(source.rel.clone(), path);
        }
        diagnostics.extend(routes.collect_static(root));
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
                    let rel = e
                        .path()
                        .strip_prefix(&dir)
                        .expect("walked below static/")
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    self.static_files.insert(rel);
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

    pub fn is_draft(&self, rel: &str) -> bool {
        self.drafts.contains(rel)
    }

    pub fn has_static(&self, rel: &str) -> bool {
        self.static_files.contains(rel)
    }

    pub fn static_files(&self) -> impl Iterator<Item = &str> {
        self.static_files.iter().map(String::as_str)
    }

    /// Known content paths, for "did you mean" on a broken link.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.by_source.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_urls_mirror_the_path() {
        assert_eq!(
            site_path("articles/siege-of-tabriz.md"),
            "articles/siege-of-tabriz/"
        );
        assert_eq!(site_path("_index.md"), "");
        assert_eq!(site_path("articles/_index.md"), "articles/");
        assert_eq!(site_path("glossary/majlis.md"), "glossary/majlis/");
        assert_eq!(site_path("notes/a page.md"), "notes/a-page/");
    }
}
