//! The term matcher against its promise: whole-word mentions, left to
//! right, never overlapping, the earliest start winning and then the
//! longest name, compared under the matcher's folding (case, apostrophes,
//! runs of white space).
//!
//! The input's lines up to the first empty line name terms, one a line,
//! names split at `|`; the rest is the text searched. Without an empty line
//! the whole input is the text, searched for a fixed set of names.

use std::collections::HashSet;
use std::ops::Range;

use gloss::glossary::{Matcher, fold_name};

const NAMES: &[&[&str]] = &[
    &["Cossack"],
    &["Persian Cossack Brigade", "Cossack Brigade"],
    &["Brigade"],
    &["Majlis", "مجلس"],
    &["Mozaffar ad-Din Shah's court"],
    &["Shah", "Shah Abbas"],
    &["İstanbul", "ǅemal"],
];

/// Beyond these, the brute-force search takes too long to run on every input.
const SEARCHED_TEXT: usize = 1024;
const SEARCHED_NAME: usize = 64;

pub fn check(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let (terms, text): (Vec<Vec<&str>>, &str) = match input.split_once("\n\n") {
        Some((names, text)) => (
            names.lines().map(|l| l.split('|').collect()).collect(),
            text,
        ),
        None => (NAMES.iter().map(|n| n.to_vec()).collect(), &input),
    };
    let names =
        (terms.iter().enumerate()).flat_map(|(i, names)| names.iter().map(move |n| (*n, i)));
    let Ok(matcher) = Matcher::new(names) else {
        return;
    };
    // Each term's names, folded; and every folded name.
    let folded: Vec<HashSet<String>> = (terms.iter())
        .map(|names| {
            names
                .iter()
                .map(|n| fold_name(n))
                .filter(|n| !n.is_empty())
                .collect()
        })
        .collect();
    let every: HashSet<&str> = folded.iter().flatten().map(String::as_str).collect();

    let found = matcher.find(text);
    let mut end = 0;
    for m in &found {
        let r = m.range.clone();
        assert!(
            end <= r.start && r.start < r.end,
            "{found:?}: out of order or overlapping"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?}"
        );
        let mention = fold_name(&text[r.clone()]);
        assert!(
            folded[m.term].contains(&mention),
            "`{}` is not a name of term {}",
            &text[r.clone()],
            m.term
        );
        assert!(
            is_whole_word(text, r.start, r.end),
            "`{}` is not a whole word",
            &text[r]
        );
        end = m.range.end;
    }

    let longest = every.iter().map(|n| n.len()).max().unwrap_or(0);
    if text.len() <= SEARCHED_TEXT && longest <= SEARCHED_NAME {
        let expected = brute_force(text, &every, longest);
        let got: Vec<_> = found.iter().map(|m| m.range.clone()).collect();
        assert_eq!(got, expected, "in {text:?}");
    }
}

/// The matcher's words: letters, digits and the combining marks that
/// continue them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x064B..=0x065F | 0x0670)
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

/// The mentions by trying every span: from each place on, the first start
/// at which some span is a whole-word name, and the longest span there.
/// Names neither start nor end with white space, nor do the spans tried.
fn brute_force(text: &str, names: &HashSet<&str>, longest: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    'search: while from < text.len() {
        for (start, first) in text[from..].char_indices().map(|(i, c)| (from + i, c)) {
            if first.is_whitespace() {
                continue;
            }
            let mut best = None;
            // Each character but white space folds to at least one byte.
            let mut letters = 0;
            for (i, c) in text[start..].char_indices() {
                if c.is_whitespace() {
                    continue;
                }
                letters += 1;
                if letters > longest {
                    break;
                }
                let end = start + i + c.len_utf8();
                if names.contains(fold_name(&text[start..end]).as_str())
                    && is_whole_word(text, start, end)
                {
                    best = Some(end);
                }
            }
            if let Some(end) = best {
                found.push(start..end);
                from = end;
                continue 'search;
            }
        }
        break;
    }
    found
}
