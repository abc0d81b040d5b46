//! Splits a file into its `+++`-fenced TOML front matter and Markdown body,
//! keeping byte offsets so errors in either part name the file's own lines.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::load::Source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The TOML between the fences (empty when the file has none).
    pub toml: Range<usize>,
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The opening `+++` at this offset has no closing line.
    Unclosed { opening: usize },
}

impl SplitError {
    pub fn into_diagnostic(self, source: &Source) -> Diagnostic {
        match self {
            SplitError::Unclosed { opening } => source
                .error_at(opening, "front matter is not closed")
                .with_help("end the front matter with a line holding only `+++`"),
        }
    }
}

/// Lines with their byte ranges, line endings excluded (`\n` or `\r\n`).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let at = start;
        start += line.len();
        (at, line.trim_end_matches('\n').trim_end_matches('\r'))
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// A file with no opening fence is all body. Leading blank lines before the
/// fence are allowed, as editors sometimes add them.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    let mut it = lines(text).skip_while(|(_, l)| l.trim().is_empty());
    let Some((opening, first)) = it.next() else {
        return Ok(Parts {
            toml: 0..0,
            body_start: 0,
        });
    };
    if !is_fence(first) {
        return Ok(Parts {
            toml: 0..0,
            body_start: 0,
        });
    }
    let mut toml_start = text.len();
    for (at, line) in it {
        toml_start = toml_start.min(at);
        if is_fence(line) {
            let body_start = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            return Ok(Parts {
                toml: toml_start.min(at)..at,
                body_start,
            });
        }
    }
    Err(SplitError::Unclosed { opening })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.toml], "title = \"x\"\n");
        assert_eq!(&text[parts.body_start..], "Body\n");
    }

    #[test]
    fn accepts_crlf() {
        let text = "+++\r\ntitle = \"x\"\r\n+++\r\nBody";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.toml], "title = \"x\"\r\n");
        assert_eq!(&text[parts.body_start..], "Body");
    }

    #[test]
    fn no_fence_is_all_body() {
        let parts = split("# Hello").unwrap();
        assert_eq!(parts.body_start, 0);
        assert!(parts.toml.is_empty());
    }

    #[test]
    fn unclosed_fence_is_an_error() {
        assert_eq!(
            split("\n+++\ntitle = 1\n"),
            Err(SplitError::Unclosed { opening: 1 })
        );
    }

    #[test]
    fn fence_at_end_of_file() {
        let text = "+++\na = 1\n+++";
        let parts = split(text).unwrap();
        assert_eq!(parts.body_start, text.len());
    }
}
