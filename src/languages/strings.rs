//! The words the templates and the reader's script write themselves
//! ("Glossary", "Part 2 of 4", "No results"), per language. gloss carries
//! them in English and Persian; a site adds or changes any of them for a
//! language in `i18n/<code>.toml`, one `key = "text"` per line, with
//! `{name}` where a value goes. A word missing in a language is the English
//! one.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// The folder of a site's own strings.
pub const FOLDER: &str = "i18n";

/// The catalogues gloss carries, by language.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("strings/en.toml")),
    ("fa", include_str!("strings/fa.toml")),
];

/// One language's strings, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The English strings gloss carries.
    pub fn english() -> Strings {
        Strings(parse_built_in("en"))
    }

    /// The strings of `code`: gloss's English, then gloss's own for the
    /// language, then the site's `i18n/<code>.toml`, each replacing the last.
    pub fn load(root: &Path, code: &str) -> (Strings, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut strings = Strings::english();
        let language = code.split('-').next().unwrap_or(code);
        let built_in = BUILT_IN.iter().any(|(c, _)| *c == language);
        if language != "en" && built_in {
            strings.0.extend(parse_built_in(language));
        }
        let shown = Path::new(FOLDER).join(format!("{code}.toml"));
        match std::fs::read(root.join(&shown)) {
            Ok(bytes) => match crate::diagnostics::decode(bytes) {
                Ok(text) => strings.read_site_file(&shown, &text, &mut diagnostics),
                Err(position) => diagnostics.push(
                    Diagnostic::error(&shown, "the file is not valid UTF-8").at_position(position),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !built_in {
                    diagnostics.push(
                        Diagnostic::warning(
                            "site.toml",
                            format!(
                                "gloss has no words of its own in `{code}`: its pages show the \
                                 built-in words (\"Glossary\", \"Search\"...) in English"
                            ),
                        )
                        .with_help(format!(
                            "write them in {}, as src/languages/strings/en.toml does in English",
                            shown.display()
                        )),
                    );
                }
            }
            Err(e) => diagnostics.push(Diagnostic::error(&shown, format!("cannot read: {e}"))),
        }
        (strings, diagnostics)
    }

    fn read_site_file(&mut self, shown: &Path, text: &str, diagnostics: &mut Diagnostics) {
        let table: toml::Table = match toml::from_str(text) {
            Ok(table) => table,
            Err(e) => {
                diagnostics.push(crate::diagnostics::toml_error(shown, text, 0, &e));
                return;
            }
        };
        let english = Strings::english();
        for (key, value) in table {
            let at = key_at(text, &key);
            let Some(value) = value.as_str() else {
                diagnostics
                    .push(Diagnostic::error(shown, format!("`{key}` must be text")).at(text, at));
                continue;
            };
            if !english.0.contains_key(&key) {
                let help = did_you_mean(&key, english.0.keys().map(String::as_str))
                    .map(|k| format!("did you mean `{k}`?"));
                diagnostics.push(
                    Diagnostic::warning(shown, format!("gloss writes no string `{key}`"))
                        .at(text, at)
                        .with_help_opt(help),
                );
                continue;
            }
            self.0.insert(key, value.to_string());
        }
    }

    /// The string of `key`; the key itself if there is none, which only a
    /// mistake in gloss's own code can ask for.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The string of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Every string, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The strings the reader's script uses (keys starting `js_`), as JSON.
    pub fn script_json(&self) -> String {
        let script: BTreeMap<&str, &str> = (self.0.iter())
            .filter_map(|(k, v)| Some((k.strip_prefix("js_")?, v.as_str())))
            .collect();
        // Read inside a <script> element, which `</` would end.
        serde_json::to_string(&script)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }
}

/// Where the line giving `key` starts: the first line that starts with it,
/// followed by space or `=`.
fn key_at(text: &str, key: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return at + (line.len() - trimmed.len());
        }
        at += line.len();
    }
    0
}

fn parse_built_in(code: &str) -> BTreeMap<String, String> {
    let text = BUILT_IN
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, text)| text);
    toml::from_str(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_catalogue_reads_and_names_only_english_keys() {
        let english = parse_built_in("en");
        assert!(english.len() > 20, "{}", english.len());
        for (code, text) in BUILT_IN {
            let table: BTreeMap<String, String> = toml::from_str(text).expect(code);
            for key in table.keys() {
                assert!(english.contains_key(key), "{code}: {key}");
            }
        }
        // Persian has every string: a page in Persian shows no English word.
        assert_eq!(parse_built_in("fa").len(), english.len());
    }

    #[test]
    fn a_site_replaces_a_string_and_is_told_of_a_misspelt_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(FOLDER)).unwrap();
        std::fs::write(
            dir.path().join("i18n/fa.toml"),
            "# glosary is misspelt below\nglossary = \"واژه‌نامه\"\nglosary = \"x\"\n",
        )
        .unwrap();
        let (strings, found) = Strings::load(dir.path(), "fa");
        assert_eq!(strings.get("glossary"), "واژه‌نامه");
        let found: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("i18n/fa.toml:3:1"), "{found:?}");
        assert!(found[0].contains("did you mean `glossary`?"), "{found:?}");
    }

    #[test]
    fn a_language_gloss_has_no_words_for_is_english_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (strings, found) = Strings::load(dir.path(), "de");
        assert_eq!(strings, Strings::english());
        assert_eq!(found.iter().count(), 1);
        let (_, found) = Strings::load(dir.path(), "fa");
        assert!(found.is_empty());
    }

    #[test]
    fn values_fill_their_places() {
        let strings = Strings::english();
        assert_eq!(
            strings.fill("part_of", &[("part", "2"), ("parts", "4")]),
            "Part 2 of 4"
        );
    }
}
