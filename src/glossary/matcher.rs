//! Finds mentions of glossary terms in prose: one Aho-Corasick automaton over
//! every title and alias, so the cost of a scan does not grow with the number
//! of terms. Matching is case-insensitive (Unicode lower case), treats curly
//! and straight apostrophes alike and any run of white space as one space,
//! accepts only whole words, and prefers the longest name at a position.

use std::ops::Range;

use std::cmp::Reverse;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Input, Match, MatchKind};

/// One mention: which term, and where in the scanned text (byte range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub term: usize,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Matcher {
    automata: Option<Automata>,
    /// The term each pattern belongs to, by pattern id.
    owners: Vec<usize>,
    /// The length of the longest name, folded, in bytes.
    longest_name: usize,
}

/// The same names searched two ways.
#[derive(Debug, Clone)]
struct Automata {
    /// Leftmost-longest, one match at a time: the answer whenever each match
    /// it finds is a whole word, which is nearly always.
    longest: AhoCorasick,
    /// Every match, overlapping: for where a match was not a whole word,
    /// since a shorter or later name may then be the mention. Built the
    /// first time it is needed, which for many sites is never.
    overlapping: OnceLock<Option<AhoCorasick>>,
    /// The names, folded, for building `overlapping`.
    patterns: Vec<String>,
}

/// The kind of automaton for `names` names: a DFA scans a page in about
/// half the steps of the default NFA, but takes longer to build and more
/// memory as names grow. Measured on generated glossaries (about 1.75
/// names a term): 2,000 terms, 70 ms and 6 MiB more; 5,000, 160 ms and
/// 15 MiB; 20,000, 0.8 s and 56 MiB. So a DFA up to a few thousand names.
fn automaton_kind(names: usize) -> aho_corasick::AhoCorasickKind {
    const DFA_NAMES: usize = 4_000;
    if names <= DFA_NAMES {
        aho_corasick::AhoCorasickKind::DFA
    } else {
        aho_corasick::AhoCorasickKind::ContiguousNFA
    }
}

impl Matcher {
    /// `names` pairs each name with the index of its term. Fails only if the
    /// automaton would exceed its size limits.
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, usize)>) -> Result<Matcher, String> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (name, term) in names {
            let folded = fold_name(name);
            if !folded.is_empty() {
                patterns.push(folded);
                owners.push(term);
            }
        }
        let automata = if patterns.is_empty() {
            None
        } else {
            let longest = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(automaton_kind(patterns.len())))
                .build(&patterns)
                .map_err(|e| e.to_string())?;
            Some(Automata {
                longest,
                overlapping: OnceLock::new(),
                patterns,
            })
        };
        let longest_name = (automata.iter())
            .flat_map(|a| a.patterns.iter().map(String::len))
            .max()
            .unwrap_or(0);
        Ok(Matcher {
            automata,
            owners,
            longest_name,
        })
    }

    /// A matcher that finds nothing.
    pub fn empty() -> Matcher {
        Matcher {
            automata: None,
            owners: Vec::new(),
            longest_name: 0,
        }
    }

    /// Whole-word mentions in `text`, left to right, never overlapping; where
    /// names overlap the one starting first wins, then the longest.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automata) = &self.automata else {
            return Vec::new();
        };
        let folded = fold(text);
        let hay = folded.text.as_str();
        let mut chosen = Vec::new();
        let mut at = 0;
        while at < hay.len() {
            let input = Input::new(hay).span(at..hay.len());
            let Some(m) = automata.longest.find(input) else {
                break;
            };
            // A leftmost-longest match that is a whole word is the mention:
            // no match starts earlier, and none at its start is longer.
            // Otherwise a shorter name at its start, or a later one, may be.
            let found = self
                .whole_word(text, &folded, m)
                .or_else(|| self.first_whole_word(automata, text, &folded, m.start()));
            let Some((mention, end)) = found else {
                break;
            };
            chosen.push(mention);
            at = end;
        }
        chosen
    }

    /// The mention `m` is, if it is a whole word, with its end in the folded text.
    fn whole_word(&self, text: &str, folded: &Folded, m: Match) -> Option<(Mention, usize)> {
        let range = folded.original(m.start()..m.end())?;
        is_whole_word(text, &range).then(|| {
            let term = self.owners[m.pattern().as_usize()];
            (Mention { term, range }, m.end())
        })
    }

    /// The whole-word match starting first at or after `from` in the folded
    /// text, the longest of those starting there.
    fn first_whole_word(
        &self,
        automata: &Automata,
        text: &str,
        folded: &Folded,
        from: usize,
    ) -> Option<(Mention, usize)> {
        let input = Input::new(&folded.text).span(from..folded.text.len());
        let mut best: Option<(Mention, usize)> = None;
        let mut best_start = usize::MAX;
        for m in automata.overlapping()?.find_overlapping_iter(input) {
            // Matches come in the order they end; one ending this far on
            // starts after the best so far, and cannot beat it.
            if m.end() > best_start.saturating_add(self.longest_name) {
                break;
            }
            let beats = match &best {
                None => true,
                Some((_, end)) => (m.start(), Reverse(m.end())) < (best_start, Reverse(*end)),
            };
            if beats && let Some(found) = self.whole_word(text, folded, m) {
                best_start = m.start();
                best = Some(found);
            }
        }
        best
    }
}

impl Automata {
    /// The overlapping automaton; `None` only if it outgrew the size limits
    /// the leftmost-longest one, of the same names, kept within.
    fn overlapping(&self) -> Option<&AhoCorasick> {
        let built = self.overlapping.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&self.patterns)
                .ok()
        });
        built.as_ref()
    }
}

fn is_word_char(c: char) -> bool {
    // The zero-width non-joiner and the tatweel join a Persian word's parts.
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '\u{200C}' | '\u{0640}')
}

/// Combining marks continue the word they follow ("é" written as e + U+0301).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || matches!(c as u32, 0x064B..=0x065F | 0x0670)
}

fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Text prepared for matching, with the way back to the original offsets.
struct Folded {
    text: String,
    /// For each byte of `text`, the offset of the original character it
    /// came from; empty when every byte stayed where it was.
    origin: Vec<usize>,
    original_len: usize,
}

impl Folded {
    /// The original byte range of a folded range, if it starts and ends on
    /// original character boundaries.
    fn original(&self, range: Range<usize>) -> Option<Range<usize>> {
        if self.origin.is_empty() {
            return Some(range);
        }
        let start = self.origin[range.start];
        if range.start > 0 && self.origin[range.start - 1] == start {
            return None;
        }
        let end = match self.origin.get(range.end) {
            Some(&end) if self.origin[range.end - 1] == end => return None,
            Some(&end) => end,
            None => self.original_len,
        };
        Some(start..end)
    }
}

fn fold(text: &str) -> Folded {
    fold_ascii(text).unwrap_or_else(|| fold_unicode(text))
}

/// The common case, folded byte for byte: ASCII text in which no white space
/// follows white space, so every byte keeps its offset.
fn fold_ascii(text: &str) -> Option<Folded> {
    if !text.is_ascii() {
        return None;
    }
    let mut out = text.to_ascii_lowercase().into_bytes();
    let mut last_was_space = false;
    for b in &mut out {
        let space = b.is_ascii_whitespace() || *b == 0x0B;
        if space {
            if last_was_space {
                return None;
            }
            *b = b' ';
        }
        last_was_space = space;
    }
    Some(Folded {
        text: String::from_utf8(out).ok()?,
        origin: Vec::new(),
        original_len: text.len(),
    })
}

fn fold_unicode(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut last_was_space = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if !last_was_space {
                out.push(' ');
                origin.push(at);
            }
            last_was_space = true;
            continue;
        }
        last_was_space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            origin.push(at);
            continue;
        }
        let before = out.len();
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            // What Persian readers read past: the zero-width non-joiner, the
            // tatweel that stretches a joined letter, the short-vowel marks
            // and the hamza written above a letter.
            '\u{200C}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            // Arabic and Persian forms of one letter: yeh and alef maksura as
            // the Persian yeh, kaf as keheh, heh with yeh above as heh.
            '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
            '\u{0643}' => out.push('\u{06A9}'),
            '\u{06C0}' => out.push('\u{0647}'),
            c => out.extend(c.to_lowercase()),
        }
        origin.resize(origin.len() + (out.len() - before), at);
    }
    Folded {
        text: out,
        origin,
        original_len: text.len(),
    }
}

/// The form names are compared in: two names that fold alike are the same name.
pub fn fold_name(name: &str) -> String {
    fold(name.trim()).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(names: &[&str]) -> Matcher {
        Matcher::new(names.iter().enumerate().map(|(i, n)| (*n, i))).unwrap()
    }

    fn found<'t>(m: &Matcher, text: &'t str) -> Vec<(&'t str, usize)> {
        m.find(text)
            .into_iter()
            .map(|x| (&text[x.range], x.term))
            .collect()
    }

    #[test]
    fn persian_matches_as_persian_readers_read() {
        // مجلس written with Arabic kaf-free letters, a kasra, a tatweel;
        // ایران with Arabic yeh; "شورای ملی" across a zero-width non-joiner.
        let m = matcher(&["مجلس", "ایران", "شورای\u{200C}ملی", "استبداد صغیر"]);
        let text = "مجلسِ ايران، شوراي ملی و مـجلس؛ استبدادِ صغير";
        let found: Vec<usize> = m.find(text).into_iter().map(|x| x.term).collect();
        assert_eq!(found, [0, 1, 0, 3], "{:?}", m.find(text));
        // Whole words: a suffix joined by the non-joiner makes another word.
        assert!(m.find("مجلس\u{200C}ها").is_empty());
        assert!(m.find("بی\u{200C}مجلس").is_empty());
        // The link covers the marks of the word's last letter.
        let mention = &m.find("مجلسِ بزرگ")[0];
        assert_eq!(&"مجلسِ بزرگ"[mention.range.clone()], "مجلسِ");
    }

    #[test]
    fn the_ascii_fold_agrees_with_the_unicode_fold() {
        for text in [
            "The Majlis met in Tehran.",
            "a\tb\nc\x0Bd\x0Ce\rf",
            "MIXED case, with 'quotes' - and dashes",
            "",
        ] {
            let fast = fold_ascii(text).expect("ASCII with single spaces");
            let slow = fold_unicode(text);
            assert_eq!(fast.text, slow.text, "{text:?}");
            assert_eq!(slow.origin, (0..text.len()).collect::<Vec<_>>(), "{text:?}");
        }
        for text in ["two  spaces", "line\n\nbreak", "Qajaré"] {
            assert!(fold_ascii(text).is_none(), "{text:?}");
        }
    }

    /// The plain method: every match, overlapping, then the whole words
    /// among them, earliest first and longest at each start.
    fn every_overlapping_match(m: &Matcher, text: &str) -> Vec<Mention> {
        let folded = fold(text);
        let automata = m.automata.as_ref().unwrap();
        let mut candidates: Vec<Mention> = (automata.overlapping().unwrap())
            .find_overlapping_iter(&folded.text)
            .filter_map(|x| Some(m.whole_word(text, &folded, x)?.0))
            .collect();
        candidates.sort_by_key(|x| (x.range.start, Reverse(x.range.end)));
        let mut chosen: Vec<Mention> = Vec::new();
        for x in candidates {
            if chosen
                .last()
                .is_none_or(|last| x.range.start >= last.range.end)
            {
                chosen.push(x);
            }
        }
        chosen
    }

    /// Every text of up to four words from a vocabulary of names, their
    /// parts and near misses: the fast search finds exactly what the
    /// overlapping search alone finds.
    #[test]
    fn the_longest_match_shortcut_changes_no_result() {
        let m = matcher(&[
            "New York",
            "New York Times",
            "York",
            "Brigade",
            "Cossack Brigade",
            "Persian Cossack Brigade",
            "ab c",
            "c d",
        ]);
        let words = [
            "new",
            "york",
            "times",
            "timesheet",
            "brigades",
            "cossack",
            "brigade",
            "persian",
            "xab",
            "c",
            "d",
            "Qajaré",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = (texts.iter())
                .flat_map(|t| words.iter().map(move |w| format!("{t} {w}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            assert_eq!(m.find(text), every_overlapping_match(&m, text), "{text:?}");
        }
    }

    #[test]
    fn case_insensitive() {
        let m = matcher(&["majlis"]);
        assert_eq!(found(&m, "The Majlis met."), vec![("Majlis", 0)]);
        assert_eq!(found(&m, "THE MAJLIS"), vec![("MAJLIS", 0)]);
    }

    #[test]
    fn whole_words_only() {
        let m = matcher(&["Thames", "Tabriz"]);
        assert!(found(&m, "Thamesmead and Tabrizi").is_empty());
        assert_eq!(
            found(&m, "the Thames, Tabriz."),
            vec![("Thames", 0), ("Tabriz", 1)]
        );
    }

    #[test]
    fn unicode_word_boundaries() {
        let m = matcher(&["Qajar"]);
        assert!(found(&m, "Qajaré").is_empty());
        assert!(found(&m, "éQajar").is_empty());
        assert!(found(&m, "Qajare\u{301}").is_empty());
        assert_eq!(found(&m, "«Qajar»").len(), 1);
    }

    #[test]
    fn longest_match_wins() {
        let m = matcher(&[
            "Cossack",
            "Persian Cossack Brigade",
            "Cossack Brigade",
            "Brigade",
        ]);
        assert_eq!(
            found(
                &m,
                "The Persian Cossack Brigade and a Cossack Brigade, one Cossack."
            ),
            vec![
                ("Persian Cossack Brigade", 1),
                ("Cossack Brigade", 2),
                ("Cossack", 0)
            ]
        );
    }

    #[test]
    fn shorter_name_when_longer_is_not_a_whole_word() {
        let m = matcher(&["Shah", "Shah Abbasi"]);
        assert_eq!(found(&m, "the Shah Abbasids"), vec![("Shah", 0)]);
    }

    #[test]
    fn spans_line_breaks_and_runs_of_spaces() {
        let m = matcher(&["Minor Tyranny"]);
        assert_eq!(
            found(&m, "the Minor\n  Tyranny began"),
            vec![("Minor\n  Tyranny", 0)]
        );
    }

    #[test]
    fn curly_and_straight_apostrophes_match() {
        let m = matcher(&["Mozaffar ad-Din Shah's court"]);
        assert_eq!(found(&m, "Mozaffar ad-Din Shah\u{2019}s court").len(), 1);
    }

    #[test]
    fn non_ascii_names() {
        let m = matcher(&["مجلس", "Ādil"]);
        assert_eq!(found(&m, "در مجلس و ĀDIL"), vec![("مجلس", 0), ("ĀDIL", 1)]);
    }

    #[test]
    fn lower_case_that_changes_length() {
        // 'İ' lower-cases to two characters; offsets must still map back.
        let m = matcher(&["tabriz"]);
        assert_eq!(found(&m, "İİ Tabriz"), vec![("Tabriz", 0)]);
    }

    #[test]
    fn a_name_as_long_as_the_longest_still_wins_at_its_start() {
        // "xy" in "xyz" is not a whole word, so every overlapping match is
        // looked at; "b c", the longest name, starts where "b" does and
        // ends as far on as any match that can still win.
        let m = matcher(&["xy", "b", "b c"]);
        assert_eq!(found(&m, "xyz b c"), [("b c", 2)]);
    }

    #[test]
    fn a_combining_mark_continues_the_word() {
        let m = matcher(&["Tabriz"]);
        assert_eq!(found(&m, "Tabriz, again"), [("Tabriz", 0)]);
        assert_eq!(found(&m, "Tabriz\u{301}, again"), []);
    }

    #[test]
    fn a_name_never_starts_inside_a_character() {
        // "İ" folds to "i" and a combining dot: a name that begins with the
        // dot is not in it.
        let m = matcher(&["\u{307}x"]);
        assert_eq!(found(&m, "İx"), []);
        assert_eq!(found(&m, "\u{307}x"), [("\u{307}x", 0)]);
    }

    #[test]
    fn no_terms_no_mentions() {
        assert!(matcher(&[]).find("anything").is_empty());
    }
}
