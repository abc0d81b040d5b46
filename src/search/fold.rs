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

/// What a byte is to a word: its folded self if it is an ASCII letter or
/// digit, else one of these three, bytes UTF-8 never holds.
const APART: u8 = 0xFF;
const JOINING: u8 = 0xFE;
const NOT_ASCII: u8 = 0xFD;

/// For each byte, what it is to a word: most text is ASCII, read a byte at
/// a time through this.
static ASCII: [u8; 256] = {
    let mut table = [APART; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            NOT_ASCII
        } else if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else if byte == b'\'' || byte == b'`' {
            JOINING
        } else {
            APART
        };
        b += 1;
    }
    table
};

/// Hands each word of `text`, folded, to `f`; `word` is the room it is
/// folded in, left empty. A word already folded as written (lower-case
/// ASCII) is handed over from `text` itself, uncopied.
pub fn each_word(text: &str, word: &mut String, mut f: impl FnMut(&str)) {
    word.clear();
    let bytes = text.as_bytes();
    // The word being read starts at `start` in the text; once `word` holds
    // its folded copy, it is `copied`.
    let (mut start, mut copied, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        let folded = ASCII[usize::from(b)];
        if folded == b {
            if copied {
                word.push(char::from(b));
            }
            i += 1;
            continue;
        }
        if folded == APART {
            end(word, copied, &text[start..i], &mut f);
            i += 1;
            (start, copied) = (i, false);
            continue;
        }
        if !copied {
            word.clear();
            word.push_str(&text[start..i]);
            copied = true;
        }
        match folded {
            JOINING => i += 1,
            NOT_ASCII => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                match c {
                    c if is_joining_mark(c) => {}
                    c if is_word_char(c) => fold_char(c, word),
                    _ => end_word(word, &mut f),
                }
            }
            folded => {
                word.push(char::from(folded));
                i += 1;
            }
        }
    }
    end(word, copied, &text[start..], &mut f);
}

/// Ends the word read: the folded copy in `word` if it was `copied`, else
/// `as_written`, the word as the text has it (ASCII, so its length is its
/// count of characters).
#[inline]
fn end(word: &mut String, copied: bool, as_written: &str, f: &mut impl FnMut(&str)) {
    if copied {
        end_word(word, f);
    } else if !as_written.is_empty() && as_written.len() <= MAX_WORD_CHARS {
        f(as_written);
    }
}

/// Ends the word folded into `word`: hands it to `f` unless it is empty
/// or too long to index, and empties it.
#[inline]
fn end_word(word: &mut String, f: &mut impl FnMut(&str)) {
    if word.is_empty() {
        return;
    }
    if word.len() <= MAX_WORD_CHARS || word.chars().count() <= MAX_WORD_CHARS {
        f(word);
    }
    word.clear();
}

/// The words of `text`, folded.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_word(text, &mut String::new(), |w| words.push(w.to_string()));
    words
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
    fn words_read_as_written_and_words_folded_agree() {
        // Control characters, even those a table of bytes might confuse
        // with its own markers, are between words.
        assert_eq!(words("a\0b\u{1}c\u{2}d\u{7f}e"), ["a", "b", "c", "d", "e"]);
        assert_eq!(
            words("tabriz Tabriz TABRIZ Tabrīz tab'riz 'tabriz' tabriz"),
            ["tabriz"; 7]
        );
        // A word that starts as written and turns to be folded.
        assert_eq!(words("majLIS majlis— şah"), ["majlis", "majlis", "sah"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words("   "), Vec::<String>::new());
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
