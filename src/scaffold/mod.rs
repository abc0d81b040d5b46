//! Scaffolding: `gloss init` writes a small working site to start from, and
//! `gloss new` writes an article or a glossary term with its front matter
//! ready to fill in. Neither ever writes over a file; a command that fails
//! part-way removes what it had written.

mod hosts;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::civil;

use crate::diagnostics::Diagnostic;

pub use crate::slug::slugify;
pub use hosts::Host;

/// The site `gloss init` writes, by path under its folder.
const SAMPLE: &[(&str, &str)] = &[
    ("site.toml", include_str!("sample/site.toml")),
    (
        "content/_index.md",
        include_str!("sample/content/_index.md"),
    ),
    (
        "content/articles/a-day-at-the-hand-press.md",
        include_str!("sample/content/articles/a-day-at-the-hand-press.md"),
    ),
    (
        "content/glossary/_index.md",
        include_str!("sample/content/glossary/_index.md"),
    ),
    (
        "content/glossary/broadside.md",
        include_str!("sample/content/glossary/broadside.md"),
    ),
    (
        "content/glossary/composing-stick.md",
        include_str!("sample/content/glossary/composing-stick.md"),
    ),
];

/// What `gloss new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Article,
    Term,
}

impl Kind {
    /// The folder, under the site's root, that the new file goes in.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Article => "content/articles",
            Kind::Term => "content/glossary",
        }
    }

    /// The file's text, with `{{title}}` and `{{date}}` to fill in.
    fn skeleton(self) -> &'static str {
        match self {
            Kind::Article => include_str!("skeleton/article.md"),
            Kind::Term => include_str!("skeleton/term.md"),
        }
    }
}

/// What `gloss new` is asked to write.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site's folder, holding `site.toml` or `content/`.
    pub root: PathBuf,
    pub kind: Kind,
    pub title: String,
    /// The date an article is given (a term has none).
    pub date: civil::Date,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// `gloss init` found a `site.toml` where it was asked to write a site.
    #[error("already exists; gloss init writes only where there is no site yet")]
    ConfigExists { path: PathBuf },
    /// `gloss init` found pages (or a file) at `content`.
    #[error("is not empty; gloss init writes only where there is no site yet")]
    ContentExists { path: PathBuf },
    #[error("already exists; gloss never writes over a file")]
    FileExists { path: PathBuf },
    /// `gloss new` was pointed at a folder that holds no site.
    #[error("is not a gloss site: it has no site.toml and no content/ folder")]
    NotASite { root: PathBuf },
    /// A usage error: the title yields no file name.
    #[error("the title {title:?} has no letters or digits to name a file after")]
    EmptySlug { title: String, folder: PathBuf },
    #[error("cannot write: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl ScaffoldError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ScaffoldError::ConfigExists { path }
            | ScaffoldError::ContentExists { path }
            | ScaffoldError::FileExists { path }
            | ScaffoldError::NotASite { root: path }
            | ScaffoldError::EmptySlug { folder: path, .. }
            | ScaffoldError::Io { path, .. } => path,
        }
    }

    /// Whether the command was called wrongly, rather than failing on the site.
    pub fn is_usage(&self) -> bool {
        matches!(self, ScaffoldError::EmptySlug { .. })
    }

    /// The error as gloss reports it: path, message, help.
    pub fn diagnostic(&self) -> Diagnostic {
        let help = match self {
            ScaffoldError::ConfigExists { .. } | ScaffoldError::ContentExists { .. } => {
                Some("pick a new folder, or add pages with `gloss new article \"Title\"`")
            }
            ScaffoldError::FileExists { .. } => Some("pick another title, or edit that file"),
            ScaffoldError::NotASite { .. } => {
                Some("start a site with `gloss init DIR`, or pass --root DIR")
            }
            ScaffoldError::EmptySlug { .. } | ScaffoldError::Io { .. } => None,
        };
        Diagnostic::error(self.path(), self.to_string()).with_help_opt(help.map(String::from))
    }
}

/// What `gloss init` did with one file, by its path under the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitFile {
    /// Written anew.
    Created(String),
    /// Already there and left as it was (a README of the repository's own).
    Kept(String),
    /// Already there, and the lines gloss needs were added at its end.
    Extended(String),
}

impl InitFile {
    pub fn path(&self) -> &str {
        match self {
            InitFile::Created(path) | InitFile::Kept(path) | InitFile::Extended(path) => path,
        }
    }
}

/// Writes a new site into `dir` (created if missing): `site.toml` naming
/// this gloss's version, a home page, one sample article, two glossary
/// terms, a README, a `.gitignore` and the settings that publish it on
/// `host` with the released gloss. Refuses, writing nothing, when `dir`
/// already holds `site.toml` or a non-empty `content/`, or a file gloss
/// would write other than a README (kept) or a `.gitignore` (extended with
/// the lines it lacks), as a repository just made on a forge has.
pub fn init(dir: &Path, host: Host) -> Result<Vec<InitFile>, ScaffoldError> {
    let config = dir.join("site.toml");
    if fs::symlink_metadata(&config).is_ok() {
        return Err(ScaffoldError::ConfigExists { path: config });
    }
    let content = dir.join("content");
    if fs::symlink_metadata(&content).is_ok() && !is_empty_dir(&content) {
        return Err(ScaffoldError::ContentExists { path: content });
    }
    let mut files: Vec<(String, String)> = SAMPLE
        .iter()
        .map(|(rel, text)| {
            let text = match *rel {
                "site.toml" => text.replace(
                    "{{gloss}}",
                    &toml::Value::String(crate::version::init_requirement()).to_string(),
                ),
                _ => text.to_string(),
            };
            (rel.to_string(), text)
        })
        .collect();
    files.extend(host.files().into_iter().map(|(p, t)| (p.to_string(), t)));
    let mut report = Vec::new();
    let readme = "README.md";
    if fs::symlink_metadata(dir.join(readme)).is_ok() {
        report.push(InitFile::Kept(readme.into()));
    } else {
        files.push((readme.into(), host.readme(SAMPLE_TITLE)));
    }
    let gitignore = ".gitignore";
    let existing_ignore = match fs::read_to_string(dir.join(gitignore)) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(ScaffoldError::Io {
                path: dir.join(gitignore),
                source,
            });
        }
    };
    if existing_ignore.is_none() {
        files.push((gitignore.into(), hosts::GITIGNORE.into()));
    }
    let mut written = Written::default();
    for (rel, text) in &files {
        if let Err(e) = written.create(&dir.join(rel), text) {
            written.undo();
            return Err(e);
        }
        report.push(InitFile::Created(rel.clone()));
    }
    if let Some(existing) = existing_ignore {
        match extend_gitignore(&dir.join(gitignore), &existing) {
            Ok(true) => report.push(InitFile::Extended(gitignore.into())),
            Ok(false) => report.push(InitFile::Kept(gitignore.into())),
            Err(e) => {
                written.undo();
                return Err(e);
            }
        }
    }
    Ok(report)
}

/// The sample site's title, as its `site.toml` gives it.
const SAMPLE_TITLE: &str = "My annotated history";

/// Adds to an existing `.gitignore` the lines of gloss's that it lacks;
/// whether anything was added.
fn extend_gitignore(path: &Path, existing: &str) -> Result<bool, ScaffoldError> {
    let has: std::collections::HashSet<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&str> = hosts::GITIGNORE
        .lines()
        .filter(|line| !line.starts_with('#') && !has.contains(line.trim()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = String::new();
    if !existing.is_empty() && !existing.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(hosts::GITIGNORE.lines().next().unwrap_or_default());
    text.push('\n');
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    fs::OpenOptions::new()
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|source| ScaffoldError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(true)
}

/// Writes a new article (a draft dated `options.date`) or glossary term with
/// an empty front matter to fill in, named after its title. Returns the path
/// written.
pub fn new_page(options: &NewOptions) -> Result<PathBuf, ScaffoldError> {
    let root = &options.root;
    if !root.join("site.toml").is_file() && !root.join("content").is_dir() {
        return Err(ScaffoldError::NotASite { root: root.clone() });
    }
    let folder = root.join(options.kind.folder());
    let slug = slugify(&options.title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug {
            title: options.title.clone(),
            folder,
        });
    }
    let path = folder.join(format!("{slug}.md"));
    let text = skeleton(options.kind, &options.title, options.date);
    let mut written = Written::default();
    written
        .create(&path, &text)
        .inspect_err(|_| written.undo())?;
    Ok(path)
}

/// The text of a new article or term: the skeleton with the title (spaces
/// collapsed, written as a TOML string) and the date filled in.
fn skeleton(kind: Kind, title: &str, date: civil::Date) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    // The date goes in first, so that a title holding `{{date}}` stays as it is.
    kind.skeleton()
        .replace("{{date}}", &date.to_string())
        .replace("{{title}}", &toml::Value::String(title).to_string())
}

/// Today's date in UTC, for a new article.
pub fn today() -> civil::Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// The files and folders a command has created, in order, so that a failure
/// part-way can remove them and leave things as they were.
#[derive(Default)]
struct Written {
    created: Vec<PathBuf>,
}

impl Written {
    /// Creates `path` holding `text`, and any folders it needs; never
    /// replaces an existing file.
    fn create(&mut self, path: &Path, text: &str) -> Result<(), ScaffoldError> {
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ScaffoldError::Io { path, source }
        };
        if let Some(parent) = path.parent() {
            self.create_folders(parent).map_err(io_error(parent))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => ScaffoldError::FileExists {
                    path: path.to_path_buf(),
                },
                _ => io_error(path)(e),
            })?;
        self.created.push(path.to_path_buf());
        file.write_all(text.as_bytes()).map_err(io_error(path))
    }

    /// Creates `dir` and its missing parents, remembering each.
    fn create_folders(&mut self, dir: &Path) -> io::Result<()> {
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && fs::symlink_metadata(d).is_err())
            .collect();
        for d in missing.into_iter().rev() {
            match fs::create_dir(d) {
                Ok(()) => self.created.push(d.to_path_buf()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Removes what was created, newest first; best effort, as this runs
    /// only after another error that is the one to report.
    fn undo(&mut self) {
        for path in self.created.drain(..).rev() {
            if path.is_dir() {
                let _ = fs::remove_dir(&path);
            } else {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{ArticleMeta, TermMeta, split};

    fn front_matter(text: &str) -> &str {
        let parts = split(text).expect("closed front matter");
        &text[parts.toml]
    }

    #[test]
    fn article_skeleton_parses_under_the_strict_schema() {
        let date = civil::date(2025, 3, 1);
        let text = skeleton(Kind::Article, "A title", date);
        let meta: ArticleMeta = toml::from_str(front_matter(&text)).unwrap();
        assert_eq!(meta.title, "A title");
        assert!(meta.draft);
        assert!(meta.photo.is_none());
        let date = crate::load::Date::from_toml(meta.date.unwrap().get_ref()).unwrap();
        assert_eq!(date.iso(), "2025-03-01");
    }

    #[test]
    fn term_skeleton_parses_under_the_strict_schema() {
        let text = skeleton(Kind::Term, "Minor Tyranny", civil::date(2025, 3, 1));
        let meta: TermMeta = toml::from_str(front_matter(&text)).unwrap();
        assert_eq!(meta.title.get_ref(), "Minor Tyranny");
        assert!(meta.aliases.is_empty() && meta.native.is_none());
    }

    #[test]
    fn the_commented_photo_block_parses_once_uncommented() {
        let text = skeleton(Kind::Article, "A title", civil::date(2025, 3, 1));
        let text = text.replace("# [photo]", "[photo]").replace("\n# ", "\n");
        let meta: ArticleMeta = toml::from_str(front_matter(&text)).unwrap();
        let photo = meta.photo.expect("a photo");
        assert_eq!(photo.alt.as_deref(), Some("What the picture shows"));
        assert!(photo.license.is_some() && meta.label.is_some());
    }

    #[test]
    fn undo_removes_the_files_and_folders_created() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("kept.md"), "kept").unwrap();
        let mut written = Written::default();
        written.create(&tmp.path().join("a/b/new.md"), "x").unwrap();
        let again = written.create(&tmp.path().join("kept.md"), "y");
        assert!(matches!(again, Err(ScaffoldError::FileExists { .. })));
        written.undo();
        let left: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["kept.md"]);
        assert_eq!(
            fs::read_to_string(tmp.path().join("kept.md")).unwrap(),
            "kept"
        );
    }

    #[test]
    fn titles_are_written_as_toml_strings() {
        for title in [
            r#"He said "no" \ twice"#,
            "It's {{date}}",
            "'single' and \"double\" '''",
            "tab\tand\nnewline",
            "\u{7} bell",
        ] {
            let text = skeleton(Kind::Term, title, civil::date(2025, 3, 1));
            let meta: TermMeta = toml::from_str(front_matter(&text))
                .unwrap_or_else(|e| panic!("{title:?} written as\n{text}\n{e}"));
            let expected = title.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(meta.title.get_ref(), &expected);
        }
    }
}
