//! gloss: a static site generator for annotated historical articles.
//!
//! The build runs in one direction, one module a stage:
//! [`config`] and [`load`] read the site, [`glossary`] indexes its terms,
//! [`routes`] decides every URL, [`markdown`] renders and links each page,
//! [`render`] puts pages through their templates, and [`output`] writes the
//! result in place of the previous site only if everything succeeded.

pub mod config;
pub mod diagnostics;
pub mod glossary;
pub mod load;
pub mod markdown;
pub mod output;
pub mod render;
pub mod routes;
pub mod url;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use glossary::Glossary;
use render::{Site, Templates};
use routes::Routes;

/// What `gloss build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's folder, holding `site.toml`, `content/` and the rest.
    pub root: PathBuf,
    /// Where to write the site; `public/` under the root if not given.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Builds pages and terms marked `draft = true`.
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub articles: usize,
    pub terms: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
}

/// Builds the site, or reports every problem found and leaves the output as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let root = options.root.as_path();
    let output =
        output::check_output(root, options.output.as_deref()).map_err(Diagnostics::from)?;
    let mut diagnostics = Diagnostics::new();
    // A broken site.toml still lets the rest of the site be checked, with
    // default settings, so the run reports everything at once.
    let mut config = Config::load(root).unwrap_or_else(|found| {
        diagnostics.push(found);
        Config::default()
    });
    if let Some(url) = &options.base_url
        && let Err(e) = config.set_base_url(url)
    {
        diagnostics.push(Diagnostic::error("--base-url", e));
    }
    if !config.base_url.has_origin() {
        diagnostics.push(
            Diagnostic::warning(
                "site.toml",
                "base_url names no host, so the sitemap and feed cannot give full URLs",
            )
            .with_help("set base_url = \"https://your.domain/\" in site.toml, or pass --base-url"),
        );
    }

    let (content, found) = load::load_content(root, options.drafts);
    diagnostics.extend(found);
    let (routes, found) = Routes::new(root, &content);
    diagnostics.extend(found);
    let (glossary, found) = Glossary::new(content.terms);
    diagnostics.extend(found);
    let templates = match Templates::load(root) {
        Ok(t) => Some(t),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    };
    let site = Site {
        config: &config,
        articles: &content.articles,
        sections: &content.sections,
        glossary: &glossary,
        routes: &routes,
        templates: templates.as_ref(),
    };
    let (files, found) = render::render_site(&site);
    diagnostics.extend(found);
    let diagnostics = diagnostics.sorted();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }

    let mut static_files: Vec<&str> = routes.static_files().collect();
    static_files.sort_unstable();
    let written = output::publish(root, &output, &files, &static_files).map_err(|d| {
        let mut all = diagnostics.clone();
        all.push(d);
        all
    })?;
    Ok(BuildReport {
        output,
        articles: content.articles.len(),
        terms: glossary.terms.len(),
        files: written.files,
        bytes: written.bytes,
        elapsed: started.elapsed(),
        warnings: diagnostics,
    })
}

/// The root given, or the current folder.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
