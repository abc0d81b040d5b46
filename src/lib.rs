//! gloss: a static site generator for annotated historical articles.
//!
//! The build runs in one direction, one module a stage:
//! [`config`] and [`load`] read the site, [`lists`] gathers its articles
//! into series and tags, [`glossary`] indexes its terms,
//! [`routes`] decides every URL, [`images`] reads every picture (its size,
//! sidecar and rights) and later makes the smaller sizes pages showed,
//! [`assets`] names stylesheets and scripts
//! after their hashes, [`markdown`] renders and links each page, [`render`]
//! puts pages through their templates ([`search`] indexes their words,
//! [`map`] draws the places,
//! [`minify`] shrinks pages if asked),
//! and [`output`] writes the result in place of the previous site only if
//! everything succeeded.
//! Apart from the build, [`scaffold`] writes new sites and pages for
//! `gloss init` and `gloss new`.
//! [`check`] looks at what rendering made instead of writing it.

pub mod assets;
pub mod check;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod glossary;
pub mod html;
pub mod images;
pub mod languages;
pub mod lists;
pub mod load;
pub mod map;
pub mod markdown;
pub mod minify;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod sources;
pub mod url;
pub mod version;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use assets::Assets;
use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use glossary::Glossary;
use render::{OutputFile, Site, Templates};
use routes::Routes;

/// Which site to render, and how.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The site's folder, holding `site.toml`, `content/` and the rest.
    pub root: PathBuf,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Builds pages and terms marked `draft = true`.
    pub drafts: bool,
    /// Overrides `minify` from `site.toml`: minify HTML, CSS and JS or not.
    pub minify: Option<bool>,
}

/// What `gloss build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site: RenderOptions,
    /// Where to write the site; `public/` under the root if not given.
    pub output: Option<PathBuf>,
}

/// A site rendered in memory: the files `build` writes and `serve` serves.
#[derive(Debug)]
pub struct RenderedSite {
    /// Generated files, by path under the output folder.
    pub files: Vec<OutputFile>,
    /// The site's `static/` folder and the files in it (paths under it,
    /// sorted) published as they are: all but the stylesheets and scripts,
    /// which are among `files`.
    pub static_dir: PathBuf,
    pub static_files: Vec<String>,
    /// Each stylesheet's and script's fingerprinted path, by its own path.
    pub assets: std::collections::BTreeMap<String, String>,
    /// The smaller sizes and other formats of the pictures pages show, each
    /// a file of the picture cache.
    pub derived: Vec<images::derive::Made>,
    /// The base every URL of the site is under.
    pub base_url: url::BaseUrl,
    pub articles: usize,
    pub terms: usize,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    /// HTML pages written, every kind counted.
    pub pages: usize,
    pub articles: usize,
    pub terms: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// The site read and indexed, ready to render: the load, glossary and route
/// stages, with every problem they found.
pub(crate) struct Loaded {
    pub config: Config,
    pub content: load::Content,
    /// The articles' series and tags.
    pub lists: lists::Lists,
    pub routes: Routes,
    pub glossary: Glossary,
    pub term_tags: Vec<String>,
    pub static_dir: PathBuf,
    pub pictures: images::Pictures,
    pub assets: Assets,
    pub templates: Option<Templates>,
    /// The bibliography and its style, if the site has one.
    pub sources: Result<Option<sources::Sources>, sources::Unread>,
    pub cite_this: sources::cite_this::Formatter,
    /// Whether pages, stylesheets and scripts are minified.
    pub minify: bool,
    /// The ledger of published URLs as `build` writes it, if it changes.
    pub ledger: Option<String>,
    pub diagnostics: Diagnostics,
    /// The language of this site's pages; for a site in several, the
    /// pages of each other language are a `Loaded` of their own.
    pub language: languages::Language,
    /// The words the templates write, in the language.
    pub strings: languages::strings::Strings,
    /// Which pages exist in which of the site's languages.
    pub alternates: std::sync::Arc<languages::alternates::Alternates>,
}

impl Loaded {
    pub fn site(&self) -> Site<'_> {
        Site {
            config: &self.config,
            articles: &self.content.articles,
            lists: &self.lists,
            sections: &self.content.sections,
            glossary: &self.glossary,
            term_tags: &self.term_tags,
            routes: &self.routes,
            static_dir: &self.static_dir,
            pictures: &self.pictures,
            assets: &self.assets,
            templates: self.templates.as_ref(),
            sources: self.sources.as_ref().map(Option::as_ref).map_err(|e| *e),
            cite_this: &self.cite_this,
            language: &self.language,
            strings: &self.strings,
            alternates: &self.alternates,
        }
    }

    /// `file` placed in this language's folder of the output.
    pub fn placed(&self, mut file: OutputFile) -> OutputFile {
        if !self.language.prefix.is_empty() {
            file.path.insert_str(0, &self.language.prefix);
        }
        file
    }

    /// The render stage, handing each file to `emit` as it is made, with
    /// every problem found loading and rendering the site.
    pub fn render_each(
        &self,
        emit: &(dyn Fn(OutputFile) + Sync),
        keep: render::Keep,
    ) -> (render::State, Diagnostics) {
        let (state, found) = render::render_each(&self.site(), emit, keep);
        (state, self.with_diagnostics(found))
    }

    /// Every problem found loading the site, with `found` rendering it, in order.
    fn with_diagnostics(&self, found: Diagnostics) -> Diagnostics {
        let mut diagnostics = self.diagnostics.clone();
        diagnostics.extend(found);
        diagnostics.sorted()
    }

    /// Minifies the pages among `files`, if the site is minified.
    pub(crate) fn minify_pages(&self, files: &mut [OutputFile]) {
        if self.minify {
            (files.par_iter_mut())
                .filter(|f| f.path.ends_with(".html"))
                .for_each(|file| file.contents = minify::html(&file.contents));
        }
    }

    /// The files `static/` publishes as they are: all but the stylesheets
    /// and scripts, which are rendered. Sorted.
    pub fn static_files(&self) -> Vec<String> {
        let mut files: Vec<String> = (self.routes.static_files())
            .filter(|rel| self.assets.fingerprinted(rel).is_none())
            .filter(|rel| !images::is_sidecar(rel, &self.routes))
            .map(String::from)
            .collect();
        files.sort_unstable();
        files
    }

    /// The render stage, which every command shares: the site in memory and
    /// what its pages held, with every problem found loading and rendering it.
    pub fn render(&self) -> (render::SiteRender<'_>, Diagnostics) {
        let (mut rendered, found) = render::render_site(&self.site());
        self.minify_pages(&mut rendered.files);
        (rendered, self.with_diagnostics(found))
    }
}

/// Loads the site in each of its languages, the default first.
pub(crate) fn load_sites(options: &RenderOptions) -> Vec<Loaded> {
    let root = options.root.as_path();
    let mut diagnostics = Diagnostics::new();
    // A broken site.toml still lets the rest of the site be checked, with
    // default settings, so the run reports everything at once.
    let mut config = Config::load(root).unwrap_or_else(|found| {
        diagnostics.push(found);
        Config::default()
    });
    diagnostics.extend(std::mem::take(&mut config.problems));
    if let Some(url) = &options.base_url
        && let Err(e) = config.set_base_url(url)
    {
        diagnostics.push(Diagnostic::error("--base-url", e));
    }
    let others: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let tongue = load::Tongue {
        default: &config.language,
        others: &others,
        this: None,
        named: config.has_languages,
    };
    let mut sites = vec![load_site_in(options, &config, tongue, diagnostics)];
    for language in &config.languages {
        let tongue = load::Tongue {
            this: Some(&language.code),
            ..tongue
        };
        let config = config.in_language(language);
        sites.push(load_site_in(options, &config, tongue, Diagnostics::new()));
    }
    if sites.len() > 1 {
        join_languages(&mut sites);
    }
    sites
}

/// Tells each language's site which pages the others have, and warns of a
/// translation whose original is missing.
fn join_languages(sites: &mut [Loaded]) {
    let pages: Vec<std::collections::HashSet<String>> = sites
        .iter()
        .map(|loaded| render::published_pages(&loaded.site()))
        .collect();
    for loaded in &mut sites[1..] {
        let originals = &pages[0];
        let found: Vec<Diagnostic> = (loaded.content.articles.iter().map(|a| &a.source))
            .chain(loaded.content.terms.iter().map(|t| &t.source))
            .chain(loaded.content.sections.iter().map(|s| &s.source))
            .filter(|source| !originals.contains(&source.site_path))
            .filter(|source| !routes::is_generated(&source.site_path))
            .map(|source| {
                Diagnostic::warning(
                    &source.path,
                    format!(
                        "this translation has no original: there is no content/{}",
                        source.rel
                    ),
                )
                .with_help("it is built all the same; name it after the file it translates")
            })
            .collect();
        loaded.diagnostics.extend(found);
    }
    let (first, others) = sites.split_at_mut(1);
    // The default language's pages may not stand where another language's are.
    let folders: Vec<String> = others.iter().map(|l| l.language.prefix.clone()).collect();
    let original = &mut first[0];
    let content = &original.content;
    let taken: Vec<Diagnostic> = (content.articles.iter().map(|a| &a.source))
        .chain(content.terms.iter().map(|t| &t.source))
        .chain(content.sections.iter().map(|s| &s.source))
        .filter_map(|source| {
            let folder = folders.iter().find(|f| source.site_path.starts_with(f.as_str()))?;
            Some(
                Diagnostic::error(
                    &source.path,
                    format!(
                        "this file maps to /{}, under /{folder}, where the site's pages in that language are",
                        source.site_path
                    ),
                )
                .with_help("rename or move the file"),
            )
        })
        .collect();
    original.diagnostics.extend(taken);
    let original = &first[0];
    for loaded in others {
        loaded
            .routes
            .link_originals(&original.routes, &original.config.base_url);
    }
    let alternates = std::sync::Arc::new(languages::alternates::Alternates::new(
        (sites.iter().zip(pages))
            .map(|(loaded, pages)| {
                let language = loaded.language.clone();
                (language, loaded.config.base_url.clone(), pages)
            })
            .collect(),
    ));
    for loaded in sites {
        loaded.alternates = alternates.clone();
    }
}

/// Loads the site in one language, `config` being its settings.
fn load_site_in(
    options: &RenderOptions,
    config: &Config,
    tongue: load::Tongue,
    mut diagnostics: Diagnostics,
) -> Loaded {
    let root = options.root.as_path();
    let config = config.clone();
    let language = match tongue.this {
        None => languages::Language::default_language(&config.language),
        Some(code) => languages::Language::other(code),
    };
    let (strings, found) = languages::strings::Strings::load(root, &config.language);
    diagnostics.extend(found);
    let (mut content, found) = load::load_language(root, options.drafts, tongue);
    diagnostics.extend(found);
    let (lists, found) = lists::Lists::gather(&content.articles);
    diagnostics.extend(found);
    diagnostics.extend(lists.unused_texts(&content.sections));
    let (routes, found) = Routes::new(root, &content);
    diagnostics.extend(found);
    // The ledger is the default language's.
    let (ledger, found) = if tongue.this.is_none() {
        review_ledger(root, &content, &lists, &routes)
    } else {
        (None, Diagnostics::new())
    };
    diagnostics.extend(found);
    let (sources, found) = sources::Sources::load(root, &config);
    diagnostics.extend(found);
    let (glossary, found) =
        Glossary::in_language(std::mem::take(&mut content.terms), &config.language);
    diagnostics.extend(found);
    let (pictures, found) = images::Pictures::read(root, &routes, &config.images);
    diagnostics.extend(found);
    let minify = options.minify.unwrap_or(config.minify);
    let (assets, found) = Assets::collect(root, &routes, minify);
    diagnostics.extend(found);
    let templates = Templates::load(root, assets.urls(&config.base_url, &routes))
        .map_err(|found| diagnostics.extend(found))
        .ok();
    Loaded {
        term_tags: markdown::term_tags(&glossary, &config.base_url),
        static_dir: root.join("static"),
        pictures,
        config,
        content,
        lists,
        routes,
        glossary,
        assets,
        templates,
        sources,
        cite_this: sources::cite_this::Formatter::default(),
        minify,
        ledger,
        diagnostics,
        language,
        strings,
        alternates: Default::default(),
    }
}

/// Compares the site's pages with its ledger of published URLs: an error
/// for each URL it stopped publishing, and the ledger's new text.
fn review_ledger(
    root: &Path,
    content: &load::Content,
    lists: &lists::Lists,
    routes: &Routes,
) -> (Option<String>, Diagnostics) {
    use routes::ledger::Published;
    let articles = content.articles.iter().map(|a| Published {
        source: &a.source,
        title: &a.meta.title,
        has_aliases: !a.meta.aliases.is_empty(),
        kept: !a.meta.draft,
    });
    let terms = content.terms.iter().map(|t| Published {
        source: &t.source,
        title: t.meta.title.get_ref(),
        // Spellings and old URLs share the one key.
        has_aliases: !t.meta.aliases.is_empty() || !t.meta.old_urls.is_empty(),
        kept: !t.meta.draft,
    });
    let sections = content.sections.iter().map(|s| Published {
        source: &s.source,
        title: s.meta.title.as_deref().unwrap_or_default(),
        has_aliases: !s.meta.aliases.is_empty(),
        kept: !routes::is_generated(&s.source.site_path),
    });
    let pages: Vec<Published> = articles.chain(terms).chain(sections).collect();
    // The build's own pages: a series or tag while an article names it.
    let generated = |path: &str| {
        let listed = |list: &str| path.starts_with(list) && path != list;
        if listed(lists::SERIES) {
            lists.series.iter().any(|s| s.site_path == path)
        } else if listed(lists::TAGS) {
            lists.tags.iter().any(|t| t.site_path == path)
        } else {
            routes::is_generated(path)
        }
    };
    routes::ledger::review(root, &pages, &content.broken, routes, &generated)
}

/// Renders the site in memory, or reports every problem found.
pub fn render(options: &RenderOptions) -> Result<RenderedSite, Diagnostics> {
    render_kept(options, false).map(|(site, _)| site)
}

/// A site rendered in memory, kept with what it was rendered from, so that
/// an edit can be rendered alone.
pub(crate) struct Kept {
    /// The site in its default language.
    pub loaded: Loaded,
    pub state: render::State,
    /// The pictures' derived files the render published.
    pub derived: Vec<images::derive::Made>,
}

/// Renders the site in memory, keeping what it was rendered from; `for_edits`
/// keeps formatted citations too, for the renders of edits to come.
pub(crate) fn render_kept(
    options: &RenderOptions,
    for_edits: bool,
) -> Result<(RenderedSite, Kept), Diagnostics> {
    let started = Instant::now();
    let mut sites = load_sites(options);
    let mut loaded = sites.remove(0);
    if for_edits && let Ok(Some(sources)) = &mut loaded.sources {
        sources.keep_formatted();
    }
    let loaded_at = Instant::now();
    let (mut files, state, mut found) = render::render_all(&loaded.site());
    loaded.minify_pages(&mut files);
    let (mut derived, derive_found) = loaded.pictures.derive(&options.root);
    found.extend(derive_found);
    let mut diagnostics = loaded.with_diagnostics(found);
    // The other languages are rendered whole each time; an edit to the
    // text of the default language's articles changes none of their pages.
    for other in &sites {
        let (mut more, _, found) = render::render_all(&other.site());
        other.minify_pages(&mut more);
        files.extend(more.into_iter().map(|file| other.placed(file)));
        diagnostics.extend(other.with_diagnostics(found));
        let (made, found) = other.pictures.derive(&options.root);
        diagnostics.extend(found);
        merge_derived(&mut derived, made);
    }
    if !sites.is_empty() {
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        diagnostics = diagnostics.sorted();
    }
    let timings = vec![
        ("load", loaded_at - started),
        ("render", loaded_at.elapsed()),
    ];
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let site = RenderedSite {
        files,
        static_dir: options.root.join("static"),
        static_files: loaded.static_files(),
        assets: loaded.assets.all().clone(),
        derived: derived.clone(),
        base_url: loaded.config.base_url.clone(),
        articles: loaded.content.articles.len(),
        terms: loaded.glossary.terms.len(),
        warnings: diagnostics,
        timings,
    };
    Ok((
        site,
        Kept {
            loaded,
            state,
            derived,
        },
    ))
}

/// Builds the site, or reports every problem found and leaves the output as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let root = options.site.root.as_path();
    let output =
        output::check_output(root, options.output.as_deref()).map_err(Diagnostics::from)?;
    let sites = load_sites(&options.site);
    let loaded = &sites[0];
    let loaded_at = Instant::now();
    // Pages are written as they are rendered, into a staging folder that
    // only replaces the output if the whole build succeeds. A site that
    // failed to load is still rendered, for its other problems, but not written.
    let staging = if sites.iter().any(|s| s.diagnostics.has_errors()) {
        None
    } else {
        Some(output::Staging::new(&output).map_err(Diagnostics::from)?)
    };
    let pages = AtomicUsize::new(0);
    let mut diagnostics = Diagnostics::new();
    let mut derived = Vec::new();
    for site in &sites {
        let emit = |file: OutputFile| {
            let Some(staging) = &staging else { return };
            let mut file = site.placed(file);
            if file.path.ends_with(".html") {
                pages.fetch_add(1, Ordering::Relaxed);
                if site.minify {
                    file.contents = minify::html(&file.contents);
                }
            }
            staging.write(&file);
        };
        let (state, found) = site.render_each(&emit, render::Keep::Needed);
        diagnostics.extend(found);
        // What the render kept is a few hundred thousand allocations.
        let_go(state);
        // The pictures pages showed, made smaller: encoded only if the cache
        // lacks them, and only published if everything else succeeded.
        let (made, found) = site.pictures.derive(root);
        diagnostics.extend(found);
        merge_derived(&mut derived, made);
    }
    let rendered_at = Instant::now();
    let mut warnings = diagnostics.sorted();
    warnings.extend(base_url_without_host(&loaded.config.base_url));
    let staging = match staging {
        Some(staging) if !warnings.has_errors() => staging,
        _ => return Err(warnings),
    };
    // The ledger takes this build's new URLs before they are published, so
    // that a ledger that cannot be written leaves the site as it was.
    if let Some(ledger) = &loaded.ledger {
        output::keep_ledger(root, ledger).map_err(|d| {
            let mut all = warnings.clone();
            all.push(d);
            all
        })?;
    }
    let static_files = loaded.static_files();
    let static_files: Vec<&str> = static_files.iter().map(String::as_str).collect();
    let written = staging.finish(root, &static_files, &derived).map_err(|d| {
        let mut all = warnings.clone();
        all.push(d);
        all
    })?;
    let report = BuildReport {
        output,
        pages: pages.into_inner(),
        articles: sites.iter().map(|s| s.content.articles.len()).sum(),
        terms: sites.iter().map(|s| s.glossary.terms.len()).sum(),
        files: written.files,
        bytes: written.bytes,
        elapsed: started.elapsed(),
        warnings,
        // Pages are written while they render; what remains to write after
        // is the static files and the swap.
        timings: vec![
            ("load", loaded_at - started),
            ("render", rendered_at - loaded_at),
            ("write", rendered_at.elapsed()),
        ],
    };
    let_go(sites);
    Ok(report)
}

/// Adds `made` to `derived`, the derived files of the languages rendered
/// before: a picture two languages show is published once.
fn merge_derived(derived: &mut Vec<images::derive::Made>, made: Vec<images::derive::Made>) {
    if derived.is_empty() {
        *derived = made;
        return;
    }
    let mut have: std::collections::HashSet<String> =
        derived.iter().map(|m| m.path.clone()).collect();
    derived.extend(made.into_iter().filter(|m| have.insert(m.path.clone())));
}

/// Frees `value` on a thread of its own, while the build goes on (and a
/// command line build ends without waiting for it); here, if no thread
/// can be had.
fn let_go<T: Send + 'static>(value: T) {
    // A spawn that fails drops the closure, and `value` with it.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Checks the site without writing it: every problem `build` would report,
/// and what the check looks for besides.
pub fn check(options: &RenderOptions) -> check::Report {
    // The check reads the pages as they are written, unminified. Each
    // language is checked as a site of its own.
    let sites = load_sites(&RenderOptions {
        minify: Some(false),
        ..options.clone()
    });
    let mut report: Option<check::Report> = None;
    for loaded in &sites {
        let (rendered, mut diagnostics) = loaded.render();
        let (_, found) = loaded.pictures.derive(&options.root);
        diagnostics.extend(found);
        diagnostics.extend(base_url_without_host(&loaded.config.base_url));
        let this = check::check(&loaded.site(), &rendered, diagnostics);
        report = Some(match report {
            Some(report) => report.merge(this),
            None => this,
        });
    }
    report.expect("a site has its default language")
}

/// A warning for a `base_url` with no host, which full URLs need.
fn base_url_without_host(base_url: &url::BaseUrl) -> Option<Diagnostic> {
    (!base_url.has_origin()).then(|| {
        Diagnostic::warning(
            "site.toml",
            "base_url names no host, so the sitemap and feed cannot give full URLs",
        )
        .with_help("set base_url = \"https://your.domain/\" in site.toml, or pass --base-url")
    })
}

/// The root given, or the current folder.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
