//! The bibliography file: `content/sources.bib` (BibLaTeX or BibTeX) or
//! `content/sources.yaml` / `.yml` (hayagriva's YAML), at most one of them.

use std::path::{Path, PathBuf};

use hayagriva::Library;
use hayagriva::io::BibLaTeXError;

use super::Unread;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// The files a bibliography may be, under `content/`.
pub const FILES: [&str; 3] = ["sources.bib", "sources.yaml", "sources.yml"];

/// The site's bibliography, as shown to the author and parsed; `None` if it
/// has none, `Err` if it has problems (pushed onto `diagnostics`).
pub fn read(
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Option<(PathBuf, Library)>, Unread> {
    let content = root.join("content");
    let found: Vec<PathBuf> = (FILES.iter())
        .map(|name| content.join(name))
        .filter(|path| path.is_file())
        .collect();
    let Some(path) = found.first() else {
        return Ok(None);
    };
    let shown = display_path(root, path);
    if let Some(other) = found.get(1) {
        diagnostics.push(
            Diagnostic::error(
                display_path(root, other),
                format!("a second bibliography, beside {}", shown.display()),
            )
            .with_help("keep the works of the site in one file"),
        );
        return Err(Unread);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(Diagnostic::error(&shown, format!("cannot read file: {e}")));
            return Err(Unread);
        }
    };
    let text = match crate::diagnostics::decode(bytes) {
        Ok(text) => text,
        Err(position) => {
            diagnostics.push(
                Diagnostic::error(&shown, "file is not valid UTF-8 text").at_position(position),
            );
            return Err(Unread);
        }
    };
    let parsed = if path.extension().is_some_and(|x| x == "bib") {
        parse_biblatex(&shown, &text)
    } else {
        parse_yaml(&shown, &text)
    };
    match parsed {
        Ok(library) => Ok(Some((shown, library))),
        Err(found) => {
            diagnostics.extend(found);
            Err(Unread)
        }
    }
}

fn parse_biblatex(shown: &Path, text: &str) -> Result<Library, Vec<Diagnostic>> {
    hayagriva::io::from_biblatex_str(text).map_err(|errors| {
        (errors.into_iter())
            .map(|error| {
                let (at, message) = match error {
                    BibLaTeXError::Parse(e) => (e.span.start, e.kind.to_string()),
                    BibLaTeXError::Type(e) => (e.span.start, e.kind.to_string()),
                };
                Diagnostic::error(shown, message).at(text, at)
            })
            .collect()
    })
}

fn parse_yaml(shown: &Path, text: &str) -> Result<Library, Vec<Diagnostic>> {
    hayagriva::io::from_yaml_str(text).map_err(|e| {
        let full = e.to_string();
        let error = Diagnostic::error(shown, strip_location(&full));
        vec![match e.location() {
            Some(at) => error.at(text, at.index()),
            None => error,
        }]
    })
}

/// The YAML parser's message ends with where it is, which the diagnostic
/// says already.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Position;

    fn errors(name: &str, text: &str) -> Vec<(Option<Position>, String)> {
        let parsed = if name.ends_with(".bib") {
            parse_biblatex(Path::new(name), text)
        } else {
            parse_yaml(Path::new(name), text)
        };
        let errors = parsed.map(|_| ()).unwrap_err();
        errors
            .into_iter()
            .map(|d| (d.position, d.message))
            .collect()
    }

    #[test]
    fn biblatex_errors_have_a_line_and_column() {
        let text = "@book{a,\n  title = {A},\n}\n@book{b,\n  title = {B,\n}\n";
        let found = errors("sources.bib", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.is_some_and(|p| p.line >= 4), "{found:?}");
    }

    #[test]
    fn yaml_errors_have_a_line_and_column() {
        let text = "a:\n  type: book\n  title: A\n  date: [1, 2\n";
        let found = errors("sources.yaml", text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (position, message) = &found[0];
        assert!(position.is_some_and(|p| p.line >= 4), "{found:?}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn both_formats_read_the_same_work() {
        let bib = "@book{afary1996,\n author = {Afary, Janet},\n title = {The Iranian Constitutional Revolution},\n publisher = {Columbia University Press},\n location = {New York},\n year = {1996},\n}\n";
        let yaml = "afary1996:\n  type: book\n  author: Afary, Janet\n  title: The Iranian Constitutional Revolution\n  publisher:\n    name: Columbia University Press\n    location: New York\n  date: 1996\n";
        let a = parse_biblatex(Path::new("s.bib"), bib).unwrap();
        let b = parse_yaml(Path::new("s.yaml"), yaml).unwrap();
        let (a, b) = (a.get("afary1996").unwrap(), b.get("afary1996").unwrap());
        assert_eq!(a.title(), b.title());
        assert_eq!(a.authors(), b.authors());
        assert_eq!(a.date(), b.date());
    }
}
