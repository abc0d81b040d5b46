//! Load: walk `content/`, read each Markdown file, split and parse its front
//! matter into plain structs. Nothing here knows about other pages; problems
//! are collected per file so one run reports them all.

mod date;
mod events;
mod frontmatter;
mod meta;
mod people;
mod term;
mod urls;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
pub use crate::diagnostics::{decode, toml_error};

pub use date::Date;
pub use events::{Event, Life};
pub use frontmatter::{SplitError, split};
pub use meta::{
    ArticleMeta, CorrectionMeta, EventMeta, IndexMeta, Kind, PersonMeta, Photo, TermMeta,
};
pub use people::{Correction, Person, Role, Versions};

/// One Markdown file as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path shown to the author, such as `content/articles/x.md`.
    pub path: PathBuf,
    /// The path under `content/`, with `/` separators: `articles/x.md`.
    pub rel: String,
    /// Where the page is published, under the base path: `articles/x/`.
    pub site_path: String,
    /// The whole file (without a byte-order mark), so offsets name real lines.
    pub text: String,
    /// Where the TOML front matter starts in `text`.
    pub toml_start: usize,
    /// Where the Markdown body starts in `text`.
    pub body_start: usize,
    /// Places problems in `text`, made when the first is found.
    pub index: std::sync::OnceLock<crate::diagnostics::TextIndex>,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// An error pointing at `offset` bytes into the whole file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at_indexed(&self.text, self.index(), offset)
    }

    pub fn warning_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message).at_indexed(&self.text, self.index(), offset)
    }

    fn index(&self) -> &crate::diagnostics::TextIndex {
        self.index
            .get_or_init(|| crate::diagnostics::TextIndex::new(&self.text))
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    pub source: Source,
    pub meta: ArticleMeta,
    pub date: Option<Date>,
    /// `[[events]]`, as given.
    pub events: Vec<Event>,
    /// Its `authors`, `updated` and `[[corrections]]`.
    pub versions: Versions,
}

impl Article {
    /// The names of the article's authors: those of `authors` with that
    /// role (which may be none), else `author`, else `site_author`.
    pub fn author_names<'a>(&'a self, site_author: &'a str) -> Vec<&'a str> {
        match &self.meta.authors {
            Some(_) => self.names(Role::Author),
            None => {
                let one = (self.meta.author.as_ref()).map_or(site_author, |a| a.get_ref().trim());
                (!one.is_empty()).then_some(one).into_iter().collect()
            }
        }
    }

    /// The names `authors` gives with `role`, in order.
    pub fn names(&self, role: Role) -> Vec<&str> {
        (self.versions.people.iter())
            .filter(|p| p.role == role)
            .map(|p| p.name.as_str())
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Term {
    pub source: Source,
    /// The path under `content/glossary/` without `.md`: `majlis`.
    pub slug: String,
    pub meta: TermMeta,
    /// `[[events]]`, as given.
    pub events: Vec<Event>,
    pub life: Life,
}

/// An `_index.md`: the home page's or a section's own text.
#[derive(Debug, Clone)]
pub struct Section {
    pub source: Source,
    pub meta: IndexMeta,
}

#[derive(Debug, Default, Clone)]
pub struct Content {
    pub articles: Vec<Article>,
    pub terms: Vec<Term>,
    pub sections: Vec<Section>,
    /// Pages and terms left out as drafts (paths under `content/`), so a link
    /// to one can say why it has no target.
    pub drafts: Vec<String>,
    /// Files that could not be loaded (their errors are reported), so links
    /// to them are not reported as broken too.
    pub broken: Vec<String>,
}

/// Which language's files a load reads.
#[derive(Debug, Clone, Copy)]
pub struct Tongue<'a> {
    /// The site's default language, whose files have no code in their name
    /// (or its own: `x.en.md`).
    pub default: &'a str,
    /// The site's other languages.
    pub others: &'a [&'a str],
    /// The language to read: `None` for the default one.
    pub this: Option<&'a str>,
    /// Whether file names say their language: the site has `[languages]`.
    pub named: bool,
}

impl Tongue<'_> {
    /// A site in one language.
    pub const ONE: Tongue<'static> = Tongue {
        default: "",
        others: &[],
        this: None,
        named: false,
    };

    /// The language of the file at `rel` (a path under `content/`), with
    /// the path it has in that language (without the code); or a problem
    /// with the code in its name.
    fn of(&self, rel: &str) -> Result<(Option<&str>, String), (String, String)> {
        // A site in one language names its files as it likes.
        if !self.named {
            return Ok((None, rel.to_string()));
        }
        let Some((without, code)) = crate::languages::split_file_name(rel) else {
            return Ok((None, rel.to_string()));
        };
        if code == self.default {
            return Ok((None, without));
        }
        if let Some(other) = self.others.iter().find(|&&c| c == code) {
            return Ok((Some(other), without));
        }
        let message = match crate::languages::known(code) {
            Some(known) => format!(
                "the file name gives the language `{code}` ({}), which is not one of the site's",
                known.name
            ),
            None => format!("the file name gives `{code}`, which is no language gloss knows"),
        };
        let help = match did_you_mean(code, self.others.iter().copied()) {
            Some(c) => format!("did you mean `.{c}.md`?"),
            None => format!(
                "add [languages.{code}] to site.toml for a translation, or rename the file without `.{code}`"
            ),
        };
        Err((message, help))
    }
}

/// Reads every `.md` file under `root/content`, skipping drafts unless asked.
pub fn load_content(root: &Path, include_drafts: bool) -> (Content, Diagnostics) {
    load_language(root, include_drafts, Tongue::ONE)
}

/// Reads the `.md` files of one language under `root/content`, skipping
/// drafts unless asked: each file of another language is read as if it had
/// its original's name (`articles/x.fa.md` as `articles/x.md`).
pub fn load_language(root: &Path, include_drafts: bool, tongue: Tongue) -> (Content, Diagnostics) {
    let mut content = Content::default();
    let mut diagnostics = Diagnostics::new();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diagnostics.push(Diagnostic::warning(
            "content",
            "there is no content/ folder: the site has no pages",
        ));
        return (content, diagnostics);
    }
    let walker = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name()));
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&content_dir).to_path_buf();
                diagnostics.push(Diagnostic::error(
                    crate::diagnostics::display_path(root, &path),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_symlink() {
            diagnostics.push(Diagnostic::warning(
                crate::diagnostics::display_path(root, path),
                "symbolic links in content/ are not followed",
            ));
            continue;
        }
        if !entry.file_type().is_file() || path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        files.push(entry.into_path());
    }
    // Each file of the language, by the path it has in it.
    let mut claimed: std::collections::HashMap<String, PathBuf> = Default::default();
    let mut chosen = Vec::new();
    for path in files {
        let shown = crate::diagnostics::display_path(root, &path);
        let (language, rel) = match tongue.of(&slash_path(&content_dir, &path)) {
            Ok(found) => found,
            Err((message, help)) => {
                // Told once, by the load of the default language.
                if tongue.this.is_none() {
                    diagnostics.push(Diagnostic::error(&shown, message).with_help(help));
                }
                continue;
            }
        };
        if language != tongue.this {
            continue;
        }
        if let Some(first) = claimed.get(&rel) {
            diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!(
                        "this file and {} are the same page in one language",
                        first.display()
                    ),
                )
                .with_help("keep one of them: a translation names its language once, as x.fa.md"),
            );
            continue;
        }
        claimed.insert(rel.clone(), shown);
        chosen.push((path, rel));
    }
    // Files are read and parsed in parallel, then placed in walk order.
    let loaded: Vec<(Placed, Diagnostics)> = chosen
        .par_iter()
        .map(|(path, rel)| {
            let rel = rel.clone();
            let shown = crate::diagnostics::display_path(root, path);
            let mut found = Diagnostics::new();
            let placed = match read_source(path, shown, rel.clone()) {
                Ok(source) => load_one(source, include_drafts, &mut found),
                Err(d) => {
                    found.push(d);
                    Placed::Broken(rel)
                }
            };
            (placed, found)
        })
        .collect();
    for (placed, found) in loaded {
        diagnostics.extend(found);
        content.place(placed);
    }
    (content, diagnostics)
}

/// Loads one file of `content/` from its bytes, as [`load_content`] loads
/// each file it reads: `rel` is its path under `content/`
/// (`glossary/majlis.md`), which decides whether it is a term, a section
/// index or an article.
pub fn load_file(rel: &str, bytes: Vec<u8>, include_drafts: bool) -> (Content, Diagnostics) {
    let mut content = Content::default();
    let mut diagnostics = Diagnostics::new();
    let shown = Path::new("content").join(rel);
    let placed = match source_from_bytes(bytes, shown, rel.to_string()) {
        Ok(source) => load_one(source, include_drafts, &mut diagnostics),
        Err(d) => {
            diagnostics.push(d);
            Placed::Broken(rel.to_string())
        }
    };
    content.place(placed);
    (content, diagnostics)
}

impl Content {
    fn place(&mut self, placed: Placed) {
        match placed {
            Placed::Article(a) => self.articles.push(*a),
            Placed::Term(t) => self.terms.push(*t),
            Placed::Section(s) => self.sections.push(*s),
            Placed::Draft(rel) => self.drafts.push(rel),
            Placed::Broken(rel) => self.broken.push(rel),
        }
    }
}

/// Reads the article at `rel` (a path under `content/`) again after an
/// edit; `None` unless it is still a published article and loads without a
/// problem to report.
pub fn reload_article(root: &Path, rel: &str, include_drafts: bool) -> Option<Article> {
    let path = root.join("content").join(rel);
    if !path.symlink_metadata().ok()?.is_file() {
        return None;
    }
    let shown = crate::diagnostics::display_path(root, &path);
    let source = read_source(&path, shown, rel.to_string()).ok()?;
    let mut found = Diagnostics::new();
    match load_one(source, include_drafts, &mut found) {
        Placed::Article(article) if found.is_empty() => Some(*article),
        _ => None,
    }
}

/// Where a file of `content/` goes.
enum Placed {
    /// Boxed: each holds much more than a path.
    Article(Box<Article>),
    Term(Box<Term>),
    Section(Box<Section>),
    /// A draft left out, by its path under `content/`.
    Draft(String),
    /// A file that could not be read or parsed, by its path under `content/`.
    Broken(String),
}

/// `path` below `base`, with `/` separators whatever the platform.
pub fn slash_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

/// The largest Markdown file read: several times a book-length article.
/// A larger file is almost surely not prose (a pasted data dump), and would
/// make every rebuild of `gloss serve` slow.
pub const MAX_FILE: u64 = 16 * 1024 * 1024;

fn read_source(path: &Path, shown: PathBuf, rel: String) -> Result<Source, Diagnostic> {
    let cannot = |e: std::io::Error| Diagnostic::error(&shown, format!("cannot read file: {e}"));
    let size = std::fs::metadata(path).map_err(cannot)?.len();
    if size > MAX_FILE {
        return Err(Diagnostic::error(
            &shown,
            format!(
                "the file is {:.1} MB; gloss reads Markdown files of up to {} MB",
                size as f64 / 1024.0 / 1024.0,
                MAX_FILE / 1024 / 1024
            ),
        )
        .with_help("split it into several articles"));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    source_from_bytes(bytes, shown, rel)
}

fn source_from_bytes(bytes: Vec<u8>, shown: PathBuf, rel: String) -> Result<Source, Diagnostic> {
    let text = decode(bytes).map_err(|position| {
        Diagnostic::error(&shown, "file is not valid UTF-8 text").at_position(position)
    })?;
    Ok(Source {
        path: shown,
        site_path: crate::url::site_path(&rel),
        rel,
        text,
        toml_start: 0,
        body_start: 0,
        index: Default::default(),
    })
}

fn load_one(mut source: Source, include_drafts: bool, diagnostics: &mut Diagnostics) -> Placed {
    let parts = match split(&source.text) {
        Ok(parts) => parts,
        Err(d) => {
            diagnostics.push(d.into_diagnostic(&source));
            return Placed::Broken(source.rel);
        }
    };
    source.body_start = parts.body_start;
    source.toml_start = parts.toml.start;
    let toml = &source.text[parts.toml.clone()];
    let file_name = source.rel.rsplit('/').next().unwrap_or_default();
    if file_name == "_index.md" {
        match parse_meta::<IndexMeta>(&source, toml, parts.toml.start, diagnostics) {
            Some(meta) => Placed::Section(Box::new(Section { source, meta })),
            None => Placed::Broken(source.rel),
        }
    } else if let Some(slug) = source.site_path.strip_prefix("glossary/") {
        let slug = slug.trim_end_matches('/').to_string();
        match parse_meta::<TermMeta>(&source, toml, parts.toml.start, diagnostics) {
            Some(mut meta) if include_drafts || !meta.draft => {
                // An entry starting with `/` is an old URL, any other a spelling.
                (meta.old_urls, meta.aliases) = std::mem::take(&mut meta.aliases)
                    .into_iter()
                    .partition(|a| a.get_ref().trim_start().starts_with('/'));
                let toml_start = parts.toml.start;
                let mut problems = term::check(&source, &meta, toml_start);
                let (events, found) = events::events(&source, &meta.events, toml_start);
                problems.extend(found);
                let (life, found) =
                    events::life(&source, meta.born.as_ref(), meta.died.as_ref(), toml_start);
                problems.extend(found);
                if problems.is_empty() {
                    Placed::Term(Box::new(Term {
                        source,
                        slug,
                        meta,
                        events,
                        life,
                    }))
                } else {
                    diagnostics.extend(problems);
                    Placed::Broken(source.rel)
                }
            }
            Some(_) => Placed::Draft(source.rel),
            None => Placed::Broken(source.rel),
        }
    } else {
        match parse_meta::<ArticleMeta>(&source, toml, parts.toml.start, diagnostics) {
            Some(meta) => load_article(source, meta, include_drafts, parts.toml.start, diagnostics),
            None => Placed::Broken(source.rel),
        }
    }
}

/// An article whose front matter parsed: its date, photo and events checked.
fn load_article(
    source: Source,
    meta: ArticleMeta,
    include_drafts: bool,
    toml_start: usize,
    diagnostics: &mut Diagnostics,
) -> Placed {
    let mut problems = Vec::new();
    let date = meta.date.as_ref().and_then(|value| {
        Date::from_toml(value.get_ref())
            .map_err(|message| {
                problems.push(source.error_at(toml_start + value.span().start, message))
            })
            .ok()
    });
    problems.extend(urls::check(&source, meta.photo.as_ref(), toml_start));
    problems.extend(series_and_tags(&source, &meta, toml_start));
    let (events, found) = events::events(&source, &meta.events, toml_start);
    problems.extend(found);
    let (versions, found) = people::read(&source, &meta, date, toml_start);
    problems.extend(found);
    if !problems.is_empty() {
        diagnostics.extend(problems);
        return Placed::Broken(source.rel);
    }
    if include_drafts || !meta.draft {
        Placed::Article(Box::new(Article {
            source,
            meta,
            date,
            events,
            versions,
        }))
    } else {
        Placed::Draft(source.rel)
    }
}

/// A part number without its series, a part that is not a positive
/// number, and a blank series name or tag.
fn series_and_tags(source: &Source, meta: &ArticleMeta, toml_start: usize) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let at = |span: std::ops::Range<usize>| toml_start + span.start;
    if let Some(series) = &meta.series
        && series.get_ref().trim().is_empty()
    {
        problems.push(
            source
                .error_at(at(series.span()), "the series has no name")
                .with_help("name it, as `series = \"The Constitutional Revolution\"`"),
        );
    }
    if let Some(part) = &meta.series_part {
        if meta.series.is_none() {
            problems.push(
                source
                    .error_at(at(part.span()), "`series_part` is given without a `series`")
                    .with_help("name the series the article is a part of with `series = \"...\"`"),
            );
        } else if *part.get_ref() < 1 {
            problems.push(
                source
                    .error_at(at(part.span()), "a series' parts are numbered from 1")
                    .with_help("give `series_part` a whole number, 1 or more"),
            );
        }
    }
    for tag in &meta.tags {
        if tag.get_ref().trim().is_empty() {
            problems.push(source.error_at(at(tag.span()), "a tag is blank"));
        }
    }
    problems
}

fn parse_meta<T: serde::de::DeserializeOwned>(
    source: &Source,
    toml: &str,
    toml_start: usize,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    match toml::from_str::<T>(toml) {
        Ok(meta) => Some(meta),
        Err(e) => {
            diagnostics.push(toml_error(&source.path, &source.text, toml_start, &e));
            None
        }
    }
}
