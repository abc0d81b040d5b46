//! The site as `gloss serve` keeps it between builds: rendered in memory
//! with what it was rendered from, so that an edit to the text of existing
//! articles renders only the pages it touches. Any other change (a new,
//! removed or renamed file, a term, a template, a setting, an edit that
//! brings a problem) renders the whole site again. Either way the files are
//! those a clean build makes, byte for byte.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostics;
use crate::load::{self, slash_path};
use crate::render::{self, OutputFile};
use crate::{Kept, RenderOptions, RenderedSite, render_kept};

/// What a rebuild made.
#[derive(Debug)]
// One is made a rebuild and none is held in bulk: its size costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Rebuilt {
    /// The whole site.
    Whole(RenderedSite),
    /// Only the files that may have changed (every other file is as it was),
    /// with the problems the site still has.
    Changed {
        files: Vec<OutputFile>,
        warnings: Diagnostics,
    },
}

pub struct Session {
    options: RenderOptions,
    /// The last render, if it succeeded and nothing has failed since, with
    /// its warnings.
    last: Option<(Kept, Diagnostics)>,
}

impl Session {
    pub fn new(options: RenderOptions) -> Self {
        Session {
            options,
            last: None,
        }
    }

    /// Renders after `changed` (paths of files that changed, under the site's
    /// root), the whole site unless only the text of articles changed; with
    /// `None`, the whole site.
    pub fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Result<Rebuilt, Diagnostics> {
        if let Some((files, warnings)) = changed.and_then(|paths| self.render_edit(paths)) {
            return Ok(Rebuilt::Changed { files, warnings });
        }
        self.last = None;
        let (site, kept) = render_kept(&self.options, true)?;
        self.last = Some((kept, site.warnings.clone()));
        Ok(Rebuilt::Whole(site))
    }

    /// Renders an edit to the text of existing articles alone, with the
    /// site's warnings; or returns `None` for the whole site to be rendered.
    fn render_edit(&mut self, paths: &[PathBuf]) -> Option<(Vec<OutputFile>, Diagnostics)> {
        let root = &self.options.root;
        let (kept, warnings) = self.last.as_mut()?;
        let content = root.join("content");
        let articles = &kept.loaded.content.articles;
        let mut edited: Vec<usize> = Vec::new();
        for path in paths {
            if !path.starts_with(&content) {
                return None;
            }
            let rel = slash_path(&content, path);
            let i = articles.iter().position(|a| a.source.rel == rel)?;
            if !edited.contains(&i) {
                edited.push(i);
            }
        }
        // Problems reported on an edited page must be reported again, or
        // cleared, by a whole render.
        let shown: Vec<&Path> = (edited.iter())
            .map(|&i| articles[i].source.path.as_path())
            .collect();
        if warnings.iter().any(|d| shown.contains(&d.path.as_path())) {
            return None;
        }
        let mut changed = Vec::new();
        for i in edited {
            let rel = &kept.loaded.content.articles[i].source.rel;
            let Some(now) = load::reload_article(root, rel, self.options.drafts) else {
                // The site in memory is part edited now.
                self.last = None;
                return None;
            };
            let before = std::mem::replace(&mut kept.loaded.content.articles[i], now);
            changed.push((i, before));
        }
        let files = Mutex::new(Vec::new());
        let emit = |file| files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        let site = kept.loaded.site();
        if render::render_changed(&site, &mut kept.state, &changed, &emit).is_err() {
            self.last = None;
            return None;
        }
        // A picture the edit shows for the first time needs its sizes made
        // and served: the whole site is rendered for it.
        let (derived, found) = kept.loaded.pictures.derive(root);
        if !found.is_empty() || derived != kept.derived {
            self.last = None;
            return None;
        }
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        kept.loaded.minify_pages(&mut files);
        Some((files, warnings.clone()))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The server keeps formatted citations for the renders of edits; a
    /// render that none will follow does not.
    #[test]
    fn the_server_keeps_formatted_citations_and_a_render_does_not() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/citations");
        let options = RenderOptions {
            root,
            ..Default::default()
        };
        let keeps = |kept: &Kept| match &kept.loaded.sources {
            Ok(Some(sources)) => sources.keeps_formatted(),
            _ => panic!("the fixture has a bibliography"),
        };
        let mut session = Session::new(options.clone());
        assert!(matches!(session.rebuild(None), Ok(Rebuilt::Whole(_))));
        let (kept, _) = session.last.as_ref().expect("kept");
        assert!(keeps(kept));
        let (_, kept) = render_kept(&options, false).expect("a render");
        assert!(!keeps(&kept));
    }
}
