//! What each file's citations were formatted to, kept between renders of
//! `gloss serve`: hayagriva takes about a millisecond a citation, and an
//! edit to the text around them should not wait for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hayagriva::citationberg::taxonomy::Locator;

use super::{Cite, Formatted};

/// The formatted citations of each file kept: the most recent first, a few
/// per file (a page formats its caption and its text apart), so that what
/// is kept stays in proportion to the site however long it is edited.
#[derive(Default)]
pub struct Memo {
    files: Mutex<HashMap<PathBuf, Kept>>,
}

/// One file's inputs and what they formatted to, the most recent first.
type Kept = Vec<(Input, Formatted)>;

/// How many inputs of one file are kept.
const PER_FILE: usize = 4;

/// Everything a file's citations are formatted from, owned: equal inputs
/// format the same with the same bibliography and style.
#[derive(PartialEq)]
struct Input(Vec<OwnedCite>);

#[derive(PartialEq)]
struct OwnedCite {
    items: Vec<(String, Option<(Locator, String)>)>,
    prefixes: Vec<Option<String>>,
    note: Option<usize>,
}

impl Input {
    fn new(cites: &[Cite]) -> Self {
        Input(
            (cites.iter())
                .map(|c| OwnedCite {
                    items: (c.items.iter())
                        .map(|(key, locator)| (key.to_string(), locator.cloned()))
                        .collect(),
                    prefixes: c.prefixes.clone(),
                    note: c.note,
                })
                .collect(),
        )
    }
}

impl Memo {
    /// What `cites` of `file` format to: as kept, or made by `format` and kept.
    pub fn get_or_format(
        &self,
        file: &Path,
        cites: &[Cite],
        format: impl FnOnce() -> Formatted,
    ) -> Formatted {
        let input = Input::new(cites);
        if let Some(kept) = self.take(file, &input) {
            return kept;
        }
        // Formatted outside the lock: pages format at once on every thread.
        let formatted = format();
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let kept = files.entry(file.to_path_buf()).or_default();
        kept.insert(0, (input, formatted.clone()));
        kept.truncate(PER_FILE);
        formatted
    }

    /// A copy of the kept output of `input`, now first in its file's list.
    fn take(&self, file: &Path, input: &Input) -> Option<Formatted> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let kept = files.get_mut(file)?;
        let i = kept.iter().position(|(k, _)| k == input)?;
        kept[..=i].rotate_right(1);
        Some(kept[0].1.clone())
    }

    /// How many inputs are kept, over every file.
    #[cfg(test)]
    fn len(&self) -> usize {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn cite<'a>(key: &'a str, locator: Option<&'a (Locator, String)>, note: usize) -> Cite<'a> {
        Cite {
            items: vec![(key, locator)],
            prefixes: vec![None],
            note: Some(note),
        }
    }

    fn formatted(text: &str) -> Formatted {
        Formatted {
            citations: vec![text.to_string()],
            works: Vec::new(),
        }
    }

    #[test]
    fn the_same_citations_of_the_same_file_are_formatted_once() {
        let memo = Memo::default();
        let calls = Cell::new(0);
        let format = |text: &str| {
            calls.set(calls.get() + 1);
            formatted(text)
        };
        let p3 = (Locator::Page, "3".to_string());
        let p4 = (Locator::Page, "4".to_string());
        let a = Path::new("content/articles/a.md");
        let b = Path::new("content/articles/b.md");
        let get = |file, cites: &[Cite], text| memo.get_or_format(file, cites, || format(text));

        assert_eq!(
            get(a, &[cite("k", Some(&p3), 1)], "p. 3").citations,
            ["p. 3"]
        );
        assert_eq!(
            get(a, &[cite("k", Some(&p3), 1)], "again").citations,
            ["p. 3"]
        );
        assert_eq!(calls.get(), 1);
        // Any difference formats again: the locator, the note, the key,
        // the prefix, the file.
        assert_eq!(
            get(a, &[cite("k", Some(&p4), 1)], "p. 4").citations,
            ["p. 4"]
        );
        assert_eq!(
            get(a, &[cite("k", Some(&p3), 2)], "n. 2").citations,
            ["n. 2"]
        );
        assert_eq!(get(a, &[cite("j", Some(&p3), 1)], "j").citations, ["j"]);
        let mut see = cite("k", Some(&p3), 1);
        see.prefixes = vec![Some("see".to_string())];
        assert_eq!(get(a, &[see], "see").citations, ["see"]);
        assert_eq!(get(b, &[cite("k", Some(&p3), 1)], "b").citations, ["b"]);
        assert_eq!(calls.get(), 6);
    }

    #[test]
    fn a_file_keeps_its_latest_few() {
        let memo = Memo::default();
        let a = Path::new("a.md");
        let locators: Vec<(Locator, String)> =
            (0..10).map(|i| (Locator::Page, i.to_string())).collect();
        for locator in &locators {
            memo.get_or_format(a, &[cite("k", Some(locator), 1)], || formatted("x"));
        }
        assert_eq!(memo.len(), PER_FILE);
        // The most recent is kept; a use keeps the oldest kept one too.
        let calls = Cell::new(0);
        let oldest = &locators[10 - PER_FILE];
        memo.get_or_format(a, &[cite("k", Some(oldest), 1)], || {
            calls.set(calls.get() + 1);
            formatted("y")
        });
        memo.get_or_format(a, &[cite("k", Some(&locators[0]), 1)], || formatted("z"));
        memo.get_or_format(a, &[cite("k", Some(oldest), 1)], || {
            calls.set(calls.get() + 1);
            formatted("y")
        });
        assert_eq!(calls.get(), 0);
        assert_eq!(memo.len(), PER_FILE);
    }
}
