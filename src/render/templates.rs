//! Tera set-up: the built-in templates embedded in the binary, overridden by
//! any of the same name in the site's `templates/` folder, compiled once,
//! with gloss's functions. Template errors name the template file, line and
//! column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, display_path};

/// The built-in templates, by name.
const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("index.html", include_str!("templates/index.html")),
    ("article.html", include_str!("templates/article.html")),
    ("section.html", include_str!("templates/section.html")),
    ("term.html", include_str!("templates/term.html")),
    ("glossary.html", include_str!("templates/glossary.html")),
    ("credits.html", include_str!("templates/credits.html")),
    ("timeline.html", include_str!("templates/timeline.html")),
    ("map.html", include_str!("templates/map.html")),
    ("404.html", include_str!("templates/404.html")),
    ("sources.html", include_str!("templates/sources.html")),
    (
        "series-list.html",
        include_str!("templates/series-list.html"),
    ),
    ("series.html", include_str!("templates/series.html")),
    ("tags.html", include_str!("templates/tags.html")),
    ("tag.html", include_str!("templates/tag.html")),
    ("mentions.html", include_str!("templates/mentions.html")),
    (
        "partials/pager.html",
        include_str!("templates/partials/pager.html"),
    ),
    (
        "partials/sources.html",
        include_str!("templates/partials/sources.html"),
    ),
    (
        "partials/page-list.html",
        include_str!("templates/partials/page-list.html"),
    ),
    (
        "partials/glossary-entry.html",
        include_str!("templates/partials/glossary-entry.html"),
    ),
    (
        "partials/meta.html",
        include_str!("templates/partials/meta.html"),
    ),
    (
        "partials/locator.html",
        include_str!("templates/partials/locator.html"),
    ),
    (
        "partials/names.html",
        include_str!("templates/partials/names.html"),
    ),
    (
        "partials/footer.html",
        include_str!("templates/partials/footer.html"),
    ),
    (
        "partials/when.html",
        include_str!("templates/partials/when.html"),
    ),
    ("sitemap.xml", include_str!("templates/sitemap.xml")),
    ("atom.xml", include_str!("templates/atom.xml")),
];

pub struct Templates {
    tera: Tera,
    /// Where each template came from and its text, for error messages.
    sources: Sources,
}

type Sources = BTreeMap<String, (PathBuf, String)>;

impl Templates {
    /// Loads the templates; `assets` is the URL of every file published from
    /// `static/` (fingerprinted for stylesheets and scripts) by its path
    /// under `static/`, for the `asset()` function.
    pub fn load(root: &Path, assets: BTreeMap<String, String>) -> Result<Templates, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let mut sources: Sources = BUILT_IN
            .iter()
            .map(|(name, text)| {
                let origin = PathBuf::from(format!("(built-in template) {name}"));
                (name.to_string(), (origin, text.to_string()))
            })
            .collect();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in WalkDir::new(&dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        diagnostics.push(Diagnostic::error(
                            display_path(root, e.path().unwrap_or(&dir)),
                            format!("cannot read: {e}"),
                        ));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let shown = display_path(root, entry.path());
                let name = crate::load::slash_path(&dir, entry.path());
                match std::fs::read(entry.path()).map(crate::diagnostics::decode) {
                    Ok(Ok(text)) => {
                        sources.insert(name, (shown, text));
                    }
                    Ok(Err(position)) => diagnostics.push(
                        Diagnostic::error(shown, "template is not valid UTF-8")
                            .at_position(position),
                    ),
                    Err(e) => diagnostics.push(Diagnostic::error(
                        shown,
                        format!("cannot read template: {e}"),
                    )),
                }
            }
        }
        // Tera stops at the first broken template; checking each one alone
        // first reports every syntax error of the run.
        for (name, (_, text)) in &sources {
            let mut alone = Tera::new();
            if let Err(e) = alone.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                diagnostics.push(template_error(&e, &sources));
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let mut tera = Tera::new();
        tera.register_function("asset", asset_function(assets));
        tera.register_filter("num", num_filter);
        tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
            .map_err(|e| {
                let mut all = Diagnostics::new();
                all.push(template_error(&e, &sources));
                all
            })?;
        Ok(Templates { tera, sources })
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, &self.sources))
    }
}

/// `asset(path="style.css")`: the URL a file of `static/` (or the built-in
/// `gloss.css`) is published at, by its fingerprinted name for a stylesheet
/// or script; a path the site does not publish is an error.
fn asset_function(
    urls: BTreeMap<String, String>,
) -> impl Fn(Kwargs, &State) -> TeraResult<String> + Send + Sync + 'static {
    move |kwargs: Kwargs, _: &State| {
        let path = kwargs.must_get::<&str>("path")?;
        let rel = path.trim_start_matches('/');
        urls.get(rel).cloned().ok_or_else(|| {
            tera::Error::message(format!(
                "asset(path=\"{path}\"): there is no file static/{rel}, nor does gloss write one"
            ))
        })
    }
}

/// `n | num(lang=site.language)`: a number as the language writes its
/// digits (Persian digits on Persian pages), as text.
fn num_filter(value: tera::Value, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let language = kwargs.get::<&str>("lang")?.unwrap_or_default();
    let text = value.to_string();
    Ok(if crate::languages::is_persian(language) {
        crate::languages::persian::digits(&text)
    } else {
        text
    })
}

/// A Tera error as a diagnostic at the template's file, line and column.
fn template_error(error: &tera::Error, sources: &Sources) -> Diagnostic {
    let report = match error.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let message = chain(error);
        let message = message.strip_prefix("error: ").unwrap_or(&message);
        return Diagnostic::error("templates", message);
    };
    let name = report.filename();
    let (path, text) = match sources.get(name) {
        Some((path, text)) => (path.clone(), Some(text)),
        None => (PathBuf::from(format!("templates/{name}")), None),
    };
    let span = report.span();
    let diagnostic = Diagnostic::error(path, report.message().to_string());
    match text {
        Some(text) if span.range.start <= text.len() => diagnostic.at(text, span.range.start),
        _ => diagnostic.at_position(Position {
            line: span.start_line,
            column: span.start_col + 1,
        }),
    }
}

/// An error's message followed by its causes.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
