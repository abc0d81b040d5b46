//! The term index: every term's names, one matcher over all of them, and the
//! A–Z order of the glossary page.

mod matcher;

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Term;

pub use matcher::{Matcher, Mention, fold_name};

#[derive(Debug, Clone)]
pub struct Glossary {
    /// Terms sorted A–Z as a reader expects; indexes below point into this.
    pub terms: Vec<Term>,
    by_name: HashMap<String, usize>,
    by_slug: HashMap<String, usize>,
    pub matcher: Matcher,
}

impl Glossary {
    /// Indexes the terms; two terms claiming one name is an error naming both files.
    pub fn new(terms: Vec<Term>) -> (Glossary, Diagnostics) {
        Glossary::in_language(terms, "en")
    }

    /// Indexes the terms of a glossary in `language`, sorted as its
    /// readers sort: a language written right to left by ICU's collation
    /// for it, any other with accents and transliteration marks folded away.
    pub fn in_language(mut terms: Vec<Term>, language: &str) -> (Glossary, Diagnostics) {
        match collator(language) {
            Some(collator) => terms.sort_by(|a, b| {
                (collator.compare(a.meta.title.get_ref(), b.meta.title.get_ref()))
                    .then_with(|| a.slug.cmp(&b.slug))
            }),
            None => {
                terms.sort_by_cached_key(|t| (sort_key(t.meta.title.get_ref()), t.slug.clone()))
            }
        }
        let mut diagnostics = Diagnostics::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut names: Vec<(&str, usize)> = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            for name in std::iter::once(&term.meta.title).chain(&term.meta.aliases) {
                let key = fold_name(name.get_ref());
                if key.is_empty() {
                    diagnostics.push(
                        term.source
                            .error_at(term.source_offset(name.span().start), "empty term name"),
                    );
                    continue;
                }
                match by_name.get(&key) {
                    Some(&other) if other == index => {}
                    Some(&other) => {
                        let first = &terms[other];
                        diagnostics.push(
                            term.source
                                .error_at(
                                    term.source_offset(name.span().start),
                                    format!(
                                        "the name `{}` is claimed by two terms: this one and {}",
                                        name.get_ref(),
                                        first.source.path.display()
                                    ),
                                )
                                .with_help("give each name (title or alias) to one term only"),
                        );
                    }
                    None => {
                        by_name.insert(key, index);
                        names.push((name.get_ref(), index));
                    }
                }
            }
        }
        let by_slug = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        let matcher = Matcher::new(names).unwrap_or_else(|e| {
            diagnostics.push(Diagnostic::error(
                "content/glossary",
                format!("the glossary's names are too many to match at once: {e}"),
            ));
            Matcher::empty()
        });
        let glossary = Glossary {
            terms,
            by_name,
            by_slug,
            matcher,
        };
        (glossary, diagnostics)
    }

    /// The term a `[[target]]` means: a slug, a title or an alias.
    pub fn resolve(&self, target: &str) -> Option<usize> {
        let target = target.trim();
        self.by_slug
            .get(target)
            .or_else(|| self.by_name.get(&fold_name(target)))
            .copied()
    }

    /// The closest slug or name to an unknown target, for "did you mean".
    pub fn suggest(&self, target: &str) -> Option<&str> {
        let names = self.terms.iter().flat_map(|t| {
            std::iter::once(t.slug.as_str())
                .chain(std::iter::once(t.meta.title.get_ref().as_str()))
                .chain(t.meta.aliases.iter().map(|a| a.get_ref().as_str()))
        });
        did_you_mean(target, names)
    }

    /// Adds a "did you mean" to a diagnostic about an unknown `[[target]]`.
    pub fn unknown_target_diagnostic(&self, target: &str, at: Diagnostic) -> Diagnostic {
        let help = self
            .suggest(target)
            .map(|s| format!("did you mean `[[{s}]]`?"));
        at.with_help_opt(help)
    }
}

/// The key the glossary is sorted by: accents and transliteration marks
/// folded away ("Ādil" files under A), case ignored.
pub fn sort_key(title: &str) -> String {
    deunicode::deunicode(title)
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// ICU's collation for `language`, if it is written right to left.
fn collator(language: &str) -> Option<icu_collator::CollatorBorrowed<'static>> {
    crate::languages::known(language).filter(|k| k.rtl)?;
    let locale = icu_locale_core::Locale::try_from_str(language).ok()?;
    icu_collator::Collator::try_new(locale.into(), Default::default()).ok()
}

/// The letter a term is filed under on the glossary page of `language`:
/// in a language written right to left, its first letter as written
/// (alef with madda under alef, as Persian dictionaries file it).
pub fn initial_in(title: &str, language: &str) -> String {
    if !crate::languages::known(language).is_some_and(|k| k.rtl) {
        return initial(title);
    }
    match title.chars().find(|c| c.is_alphanumeric()) {
        Some('\u{0622}' | '\u{0623}' | '\u{0625}') => "\u{0627}".to_string(),
        Some('\u{064A}') => "\u{06CC}".to_string(),
        Some('\u{0643}') => "\u{06A9}".to_string(),
        Some(c) => c.to_string(),
        None => "#".to_string(),
    }
}

/// The letter a term is filed under on the glossary page.
pub fn initial(title: &str) -> String {
    sort_key(title)
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| {
            if c.is_ascii_digit() {
                "0–9".to_string()
            } else {
                c.to_uppercase().collect()
            }
        })
        .unwrap_or_else(|| "#".to_string())
}

impl Term {
    fn source_offset(&self, toml_offset: usize) -> usize {
        self.source.toml_start + toml_offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_sort_with_their_letter() {
        let mut titles = vec!["Zand", "Ādil Shah", "ʿAbbas", "Azerbaijan", "émigré"];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(
            titles,
            ["ʿAbbas", "Ādil Shah", "Azerbaijan", "émigré", "Zand"]
        );
        assert_eq!(initial("ʿAbbas"), "A");
        assert_eq!(initial("Ādil"), "A");
    }

    #[test]
    fn a_persian_glossary_sorts_in_the_persian_alphabet() {
        // Code points put پ, چ and گ after every Arabic letter; Persian
        // readers file them after ب, ج and ک.
        let mut titles = vec![
            "گیلان",
            "تبریز",
            "پارس",
            "آذربایجان",
            "چالدران",
            "بوشهر",
            "کرمان",
        ];
        let persian = collator("fa").expect("ICU has Persian");
        titles.sort_by(|a, b| persian.compare(a, b));
        assert_eq!(
            titles,
            [
                "آذربایجان",
                "بوشهر",
                "پارس",
                "تبریز",
                "چالدران",
                "کرمان",
                "گیلان"
            ]
        );
        assert_eq!(initial_in("آذربایجان", "fa"), "ا");
        assert_eq!(initial_in("پارس", "fa"), "پ");
        assert_eq!(initial_in("Zand", "en"), "Z");
        assert!(collator("en").is_none());
    }
}
