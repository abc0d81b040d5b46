//! Words as search compares them: in lower case, without diacritics, and
//! without the marks that transliterations write between letters, so that
//! "Qajar" is "Qājār" and "shia" is "Shīʿa". The reader's script folds
//! what is typed the same way (`fold` in gloss.js); the two must agree.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The longest word indexed, in characters once folded. Longer runs of
/// letters (a pasted hash, a long URL) are left out of the index.
pub const MAX_WORD_CHARS: usize = 40;

/// Marks written inside words (apostrophes, the ʿayn and hamza of
/// transliterated Arabic and Persian, primes, the kashida): left out, so the
/// letters on either side stay one word.
pub fn is_joining_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{00B4}' | '\u{02B9}' | '\u{02BB}'
            ..='\u{02BF}'
                | '\u{02C8}'
                | '\u{0640}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201B}'
                | '\u{2032}'
                | '\u{A78C}'
    )
}

/// Whether `c` belongs to a word: a letter, a digit or a combining mark.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Appends each word of `text`, folded, to `out`, each followed by a space.
pub fn fold_words_into(text: &str, out: &mut String) {
    out.reserve(text.len() + 1);
    let mut start = out.len();
    let mut rest = text;
    while !rest.is_empty() {
        // Most text is ASCII: a byte at a time, lower-cased as it is copied.
        let ascii = (rest.bytes())
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        for &b in &rest.as_bytes()[..ascii] {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            } else if b != b'\'' && b != b'`' {
                end_word(out, &mut start);
            }
        }
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        if is_joining_mark(c) {
            continue;
        }
        if is_word_char(c) {
            fold_char(c, out);
        } else {
            end_word(out, &mut start);
        }
    }
    end_word(out, &mut start);
}

/// Ends the word `out` holds from `start`: a space after it, or nothing
/// if it is empty or too long to index.
#[inline]
fn end_word(out: &mut String, start: &mut usize) {
    let len = out.len() - *start;
    if len == 0 {
        return;
    }
    if len > MAX_WORD_CHARS && out[*start..].chars().count() > MAX_WORD_CHARS {
        out.truncate(*start);
    } else {
        out.push(' ');
    }
    *start = out.len();
}

/// The words of `text`, folded.
pub fn words(text: &str) -> Vec<String> {
    let mut out = String::new();
    fold_words_into(text, &mut out);
    out.split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// One character of a word, folded: lower case, decomposed (compatibility
/// forms too, so "ﬁ" is "fi"), without its combining marks, and with the
/// letters that carry their stroke or ligature in the letter itself
/// written as the letters a reader would type.
fn fold_char(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        decompose_compatible(lower, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                'ς' => out.push('σ'),
                'ø' => out.push('o'),
                'đ' | 'ð' => out.push('d'),
                'ł' => out.push('l'),
                'ħ' => out.push('h'),
                'ı' => out.push('i'),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                d if d.is_alphanumeric() => out.push(d),
                _ => {}
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics_fold_away() {
        assert_eq!(words("Qājār"), ["qajar"]);
        assert_eq!(words("QAJAR qajar"), ["qajar", "qajar"]);
        assert_eq!(
            words("Mozaffar ad-Dīn Shāh"),
            ["mozaffar", "ad", "din", "shah"]
        );
        // Decomposed as well as precomposed.
        assert_eq!(words("Qa\u{0304}ja\u{0304}r"), ["qajar"]);
        assert_eq!(
            words("Ørsted Łódź Straße ﬁnal"),
            ["orsted", "lodz", "strasse", "final"]
        );
        assert_eq!(words("ΟΔΟΣ"), words("οδος"));
    }

    #[test]
    fn marks_between_letters_join_them() {
        for written in [
            "Shīʿa", "Shiʾa", "Shi'a", "Shi’a", "Shi‘a", "Shiʼa", "Shi`a",
        ] {
            assert_eq!(words(written), ["shia"], "{written}");
        }
        // Quotation marks around words are not words.
        assert_eq!(words("‘the Majlis’"), ["the", "majlis"]);
        assert_eq!(words("’ ʿ '"), Vec::<String>::new());
    }

    #[test]
    fn other_characters_separate_words() {
        assert_eq!(
            words("one,two—three (1909)\nfour"),
            ["one", "two", "three", "1909", "four"]
        );
        assert_eq!(words("مجلس شورای"), ["مجلس", "شورای"]);
    }

    #[test]
    fn overlong_words_are_left_out() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        let fits = "ā".repeat(MAX_WORD_CHARS);
        assert_eq!(
            words(&format!("x {long} {fits} y")),
            ["x", &"a".repeat(MAX_WORD_CHARS), "y"]
        );
    }
}
