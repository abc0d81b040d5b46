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
    pub fn new(mut terms: Vec<Term>) -> (Glossary, Diagnostics) {
        terms.sort_by_cached_key(|t| (sort_key(t.meta.title.get_ref()), t.slug.clone()));
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
}
