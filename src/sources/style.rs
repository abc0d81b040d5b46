//! The citation style and the locales it is formatted with.

use hayagriva::archive::{self, ArchivedStyle};
use hayagriva::citationberg::{IndependentStyle, Locale, Style};

use crate::config::CitationStyle;
use crate::diagnostics::Diagnostic;

/// The style `site.toml` chose, read. A dependent style (a journal's
/// variant of another) is formatted with its parent's rules, which must be
/// among the bundled styles.
pub fn load(choice: &CitationStyle) -> Result<IndependentStyle, Diagnostic> {
    let (style, shown) = match choice {
        CitationStyle::Bundled(style) => (style.get(), style.names()[0].to_string()),
        CitationStyle::File { path, shown } => {
            let error = |message: String| Diagnostic::error(shown, message);
            let text = std::fs::read_to_string(path)
                .map_err(|e| error(format!("cannot read the style: {e}")))?;
            let style =
                Style::from_xml(&text).map_err(|e| error(format!("not a CSL style: {e}")))?;
            (style, shown.display().to_string())
        }
    };
    match style {
        Style::Independent(style) => Ok(style),
        Style::Dependent(dependent) => {
            let parent = &dependent.parent_link.href;
            match ArchivedStyle::by_id(parent.as_str()).map(ArchivedStyle::get) {
                Some(Style::Independent(style)) => Ok(style),
                _ => Err(Diagnostic::error(
                    "site.toml",
                    format!("the style `{shown}` depends on `{parent}`, which gloss does not have"),
                )
                .with_help("use an independent style, or a .csl file of its parent")),
            }
        }
    }
}

/// The bundled locales a site in `language` needs: those of its language
/// and American English, which styles fall back to. Each is read only if
/// its language is one of these, as reading all of them takes a while.
pub fn locales(language: &str) -> Vec<Locale> {
    let primary = language.split(['-', '_']).next().unwrap_or("en");
    (archive::LOCALES.iter())
        .filter(|bytes| match locale_code(bytes) {
            Some(code) => code == "en-US" || code.split('-').next() == Some(primary),
            None => true,
        })
        .filter_map(|bytes| ciborium::de::from_reader::<Locale, _>(*bytes).ok())
        .collect()
}

/// The language code a bundled locale is for, read from its bytes without
/// decoding the rest: the CBOR text after the key `@xml:lang`.
fn locale_code(bytes: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\x69@xml:lang";
    let at = memchr::memmem::find(bytes, KEY)? + KEY.len();
    let header = *bytes.get(at)?;
    // A short text string: major type 3, its length in the low five bits.
    if header & 0xE0 != 0x60 || header & 0x1F > 23 {
        return None;
    }
    let len = usize::from(header & 0x1F);
    std::str::from_utf8(bytes.get(at + 1..at + 1 + len)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_are_recognised_without_decoding_them() {
        let codes: Vec<&str> = archive::LOCALES
            .iter()
            .map(|b| locale_code(b).expect("every bundled locale names its language"))
            .collect();
        assert!(
            codes.contains(&"en-US") && codes.contains(&"fr-FR"),
            "{codes:?}"
        );
        let decoded: Vec<String> = (archive::locales().into_iter())
            .map(|l| l.lang.unwrap().0)
            .collect();
        assert_eq!(codes, decoded);
    }

    #[test]
    fn a_site_gets_its_language_and_american_english() {
        let langs = |language| -> Vec<String> {
            locales(language)
                .into_iter()
                .map(|l| l.lang.unwrap().0)
                .collect()
        };
        assert_eq!(langs("en"), ["en-GB", "en-US"]);
        assert_eq!(langs("fr"), ["en-US", "fr-CA", "fr-FR"]);
    }
}
