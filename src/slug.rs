//! Names for files and URLs made from titles: ASCII, lower case, words
//! joined by `-`; and the form in which two names a reader takes for one
//! (differing only by case or accents) are compared.

/// The longest slug made, in bytes; a longer title is cut at a word break.
const MAX_LEN: usize = 80;

/// The file name (without `.md`) for a page titled `title`: accents and other
/// scripts transliterated ("Mozaffar ad-Dīn Shāh" -> `mozaffar-ad-din-shah`),
/// apostrophes dropped inside words ("Editor's" -> `editors`), every other
/// run of punctuation or space one `-`. Empty when the title has no letters
/// or digits to keep.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in deunicode::deunicode(title).chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else if !is_apostrophe(c) {
            gap = true;
        }
    }
    if slug.len() > MAX_LEN {
        let cut = slug[..=MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
        slug.truncate(cut);
    }
    slug
}

/// The form two names are compared in: without accents and other marks,
/// lower case, each run of white space one space. "Qājār" and "qajar" fold
/// alike; "Iran" and "Iraq" do not.
pub fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.nfd()
                .filter(|&c| !is_combining_mark(c))
                .flat_map(char::to_lowercase),
        );
    }
    out.nfc().collect()
}

/// What an apostrophe or a transliterated ʿayn or hamza becomes in ASCII.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`')
}

#[cfg(test)]
mod tests {
    use super::{fold, slugify};

    #[test]
    fn accents_are_transliterated() {
        assert_eq!(slugify("Mozaffar ad-Dīn Shāh"), "mozaffar-ad-din-shah");
        assert_eq!(slugify("Ærø and Straße"), "aero-and-strasse");
        assert_eq!(slugify("Shiʿi ʾUlama"), "shii-ulama");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(slugify("مجلس"), "mjls");
        assert_eq!(slugify("北京"), "bei-jing");
    }

    #[test]
    fn punctuation_and_spaces_become_one_dash() {
        assert_eq!(slugify("Minor Tyranny"), "minor-tyranny");
        assert_eq!(
            slugify("  1909: the siege -- (part 2)!  "),
            "1909-the-siege-part-2"
        );
        assert_eq!(slugify("A/B\\C \"quoted\""), "a-b-c-quoted");
        assert_eq!(slugify("Editor’s Pick"), "editors-pick");
        assert_eq!(slugify("snake_case"), "snake-case");
    }

    #[test]
    fn names_fold_without_case_accents_or_extra_space() {
        assert_eq!(fold("Qājār"), "qajar");
        assert_eq!(
            fold("  Persian   Cossack Brigade "),
            "persian cossack brigade"
        );
        assert_eq!(fold("IRAN"), fold("Irán"));
        assert_ne!(fold("Iran"), fold("Iraq"));
        // Letters of other scripts are kept, only their marks dropped.
        assert_eq!(fold("مَجلِس"), "مجلس");
    }

    #[test]
    fn nothing_to_keep_is_empty() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("   "), "");
        assert_eq!(slugify("?!—…"), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_break() {
        let title = "word ".repeat(40);
        let slug = slugify(&title);
        assert!(slug.len() <= 80, "{slug}");
        assert!(slug.ends_with("word"), "{slug}");
        let one_long_word = "x".repeat(200);
        assert_eq!(slugify(&one_long_word).len(), 80);
    }
}
