//! The front-matter splitter and the loading of one file: the split agrees
//! with the fences as a reader sees them, and every problem reported points
//! at a line and column that exist in the file.

use gloss::diagnostics::Diagnostic;
use gloss::load::{Content, load_file, split};

/// Where the same bytes are loaded: as an article, a term and a section
/// index, which parse different front matter.
const PLACES: &[&str] = &["articles/a.md", "glossary/t.md", "_index.md"];

pub fn check(data: &[u8]) {
    let text = decoded(data);
    check_split(&text);
    for rel in PLACES {
        check_load(rel, data, &text);
    }
}

/// The text as the loader reads it: without a byte-order mark; bytes that
/// are not UTF-8 shown as U+FFFD, one character each, so positions still
/// fall inside the line they name.
fn decoded(data: &[u8]) -> String {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    String::from_utf8_lossy(data).into_owned()
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Each line with its start, `\n` excluded.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split('\n')
        .map(|line| {
            let start = at;
            at += line.len() + 1;
            (start, line)
        })
        .collect()
}

fn check_split(text: &str) {
    let lines = lines(text);
    let opening = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let opening = opening.filter(|&i| is_fence(lines[i].1));
    let closing = opening.and_then(|o| (o + 1..lines.len()).find(|&i| is_fence(lines[i].1)));
    match split(text) {
        Ok(parts) => {
            for at in [parts.toml.start, parts.toml.end, parts.body_start] {
                assert!(text.is_char_boundary(at), "offset {at} splits a character");
            }
            assert!(parts.toml.start <= parts.toml.end && parts.toml.end <= parts.body_start);
            match (opening, closing) {
                (None, _) => {
                    assert_eq!((parts.toml, parts.body_start), (0..0, 0), "no fence opens");
                }
                (Some(o), Some(c)) => {
                    let toml_start = lines.get(o + 1).map_or(text.len(), |l| l.0);
                    assert_eq!(parts.toml, toml_start.min(lines[c].0)..lines[c].0);
                    let body_start = lines.get(c + 1).map_or(text.len(), |l| l.0);
                    assert_eq!(parts.body_start, body_start, "the body follows the fence");
                }
                (Some(_), None) => panic!("an unclosed fence split as {parts:?}"),
            }
        }
        Err(e) => {
            let (Some(o), None) = (opening, closing) else {
                panic!("{e:?} for a file whose fences are {opening:?} and {closing:?}");
            };
            assert_eq!(
                e,
                gloss::load::SplitError::Unclosed {
                    opening: lines[o].0
                }
            );
        }
    }
}

fn check_load(rel: &str, data: &[u8], text: &str) {
    let (content, diagnostics) = load_file(rel, data.to_vec(), false);
    let path = std::path::Path::new("content").join(rel);
    assert_inside(&path, text, diagnostics.iter());
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let Content {
        articles,
        terms,
        sections,
        drafts,
        broken,
    } = content;
    let placed = [
        articles.len(),
        terms.len(),
        sections.len(),
        drafts.len(),
        broken.len(),
    ];
    assert_eq!(placed.iter().sum::<usize>(), 1, "one file, placed once");
    assert_eq!(broken.len() == 1, errors > 0, "{diagnostics:?}");
    let sources = (articles.iter().map(|a| &a.source))
        .chain(terms.iter().map(|t| &t.source))
        .chain(sections.iter().map(|s| &s.source));
    for source in sources {
        assert_eq!(source.text, text);
        let parts = split(text).expect("a loaded file splits");
        assert_eq!(source.body(), &text[parts.body_start..]);
    }
}

/// Every diagnostic names `path`, and its line and column (if it has them)
/// exist in `text`, the file's text; its snippet is what is shown of that line.
pub fn assert_inside<'a>(
    path: &std::path::Path,
    text: &str,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diagnostics {
        assert_eq!(d.path, path, "{d:?}");
        let Some(p) = d.position else { continue };
        assert!(p.line >= 1 && p.line <= lines.len(), "{d:?}: no such line");
        let line = lines[p.line - 1];
        let width = line.chars().count();
        assert!(
            p.column >= 1 && p.column <= width + 1,
            "{d:?}: no such column"
        );
        if let Some((snippet, caret)) = &d.snippet {
            let shown = gloss::diagnostics::excerpt(line.trim_end_matches('\r'), p.column - 1);
            assert_eq!((&**snippet, *caret), (shown.0.as_str(), shown.1), "{d:?}");
        }
    }
}
