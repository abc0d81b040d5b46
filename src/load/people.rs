//! Who made an article and how it changed since: its `authors` with their
//! roles, `updated`, and `[[corrections]]`. Each is read with the checks
//! `date` gets, and every problem points at its value in the file.

use toml::Spanned;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::{ArticleMeta, Date, Source};

/// What a person named in `authors` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Author,
    Translator,
    Editor,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Author, Role::Translator, Role::Editor];

    /// The word front matter gives: `translator`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Translator => "translator",
            Role::Editor => "editor",
        }
    }
}

/// A person named in `authors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Role,
}

/// A notice of a correction: when it was made and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub date: Date,
    /// Markdown.
    pub text: String,
    /// Where the text's value starts, after the front matter's start, for
    /// problems found in rendering it.
    pub at: usize,
}

/// What `authors`, `updated` and `[[corrections]]` say, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Versions {
    /// The people of `authors`, in the order given; empty without it.
    pub people: Vec<Person>,
    pub updated: Option<Date>,
    /// Oldest first; corrections of one day in the order given.
    pub corrections: Vec<Correction>,
}

impl Versions {
    /// The last time the article changed: `updated`, or the latest
    /// correction's date if that is later.
    pub fn modified(&self) -> Option<Date> {
        let latest = self.corrections.last().map(|c| c.date);
        self.updated.max(latest)
    }
}

/// Reads the front matter's people, `updated` and corrections, given the
/// article's `date` as read; `toml_start` is where the front matter begins.
pub fn read(
    source: &Source,
    meta: &ArticleMeta,
    date: Option<Date>,
    toml_start: usize,
) -> (Versions, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let at = |span: std::ops::Range<usize>| toml_start + span.start;
    let mut versions = Versions::default();
    if let (Some(author), Some(authors)) = (&meta.author, &meta.authors) {
        problems.push(
            source
                .error_at(at(author.span()), "`author` and `authors` are both given")
                .with_help(format!(
                    "name everyone under `authors` (line {}), and remove `author`",
                    line_of(source, at(authors.span()))
                )),
        );
    }
    if let Some(author) = &meta.author
        && author.get_ref().trim().is_empty()
    {
        problems.push(
            source
                .error_at(at(author.span()), "the author's name is empty")
                .with_help("give a name, or remove `author` to credit the site's author"),
        );
    }
    if let Some(authors) = &meta.authors {
        if authors.get_ref().is_empty() {
            problems.push(
                source
                    .error_at(at(authors.span()), "`authors` names no one")
                    .with_help("list each person as `{ name = \"A. Historian\" }`"),
            );
        }
        for person in authors.get_ref() {
            let name = person.name.get_ref().trim();
            if name.is_empty() {
                problems.push(
                    source
                        .error_at(at(person.name.span()), "a name in `authors` is empty")
                        .with_help("give the person's name, as it is to be cited"),
                );
            }
            let role = match &person.role {
                None => Some(Role::Author),
                Some(role) => {
                    let found = role_named(role.get_ref());
                    if found.is_none() {
                        problems.push(unknown_role(source, role, toml_start));
                    }
                    found
                }
            };
            if let Some(role) = role {
                versions.people.push(Person {
                    name: name.to_string(),
                    role,
                });
            }
        }
    }
    let read_date = |value: &Spanned<toml::Value>, problems: &mut Vec<Diagnostic>| {
        Date::from_toml(value.get_ref())
            .map_err(|message| problems.push(source.error_at(at(value.span()), message)))
            .ok()
    };
    if let Some(value) = &meta.updated {
        versions.updated = read_date(value, &mut problems);
        if let (Some(updated), Some(date)) = (versions.updated, date)
            && updated < date
        {
            problems.push(
                source
                    .error_at(
                        at(value.span()),
                        format!(
                            "the article is updated on {}, before its date, {}",
                            updated.words(),
                            date.words()
                        ),
                    )
                    .with_help(
                        "`updated` is the last day the article was revised, on or after `date`",
                    ),
            );
        }
    }
    for correction in &meta.corrections {
        let entry = correction.get_ref();
        let when = match &entry.date {
            Some(value) => {
                let when = read_date(value, &mut problems);
                if let (Some(when), Some(date)) = (when, date)
                    && when < date
                {
                    problems.push(
                        source
                            .error_at(
                                at(value.span()),
                                format!(
                                    "the correction is dated {}, before the article's date, {}",
                                    when.words(),
                                    date.words()
                                ),
                            )
                            .with_help("a correction is dated the day it was made"),
                    );
                }
                when
            }
            None => {
                problems.push(
                    source
                        .error_at(at(correction.span()), "the correction has no date")
                        .with_help("give the day it was made, as `date = 2025-05-03`"),
                );
                None
            }
        };
        let text = match &entry.text {
            Some(text) if !text.get_ref().trim().is_empty() => Some(text),
            Some(text) => {
                problems.push(
                    source
                        .error_at(at(text.span()), "the correction's text is empty")
                        .with_help("say what was wrong and what the page says now"),
                );
                None
            }
            None => {
                problems.push(
                    source
                        .error_at(at(correction.span()), "the correction has no text")
                        .with_help("say what was corrected, in Markdown, as `text = \"...\"`"),
                );
                None
            }
        };
        if let (Some(date), Some(text)) = (when, text) {
            versions.corrections.push(Correction {
                date,
                text: text.get_ref().clone(),
                at: text.span().start,
            });
        }
    }
    // Stable: corrections of one day keep the order given.
    versions.corrections.sort_by_key(|c| c.date);
    (versions, problems)
}

/// The role a front matter's word names, whatever its case.
fn role_named(word: &str) -> Option<Role> {
    let word = word.trim();
    Role::ALL
        .into_iter()
        .find(|r| r.name().eq_ignore_ascii_case(word))
}

fn unknown_role(source: &Source, role: &Spanned<String>, toml_start: usize) -> Diagnostic {
    let names = Role::ALL.map(Role::name);
    let help = match did_you_mean(role.get_ref(), names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "the roles are {}",
            names.map(|n| format!("`{n}`")).join(", ")
        ),
    };
    source
        .error_at(
            toml_start + role.span().start,
            format!("unknown role `{}`", role.get_ref()),
        )
        .with_help(help)
}

/// The line number of `offset` in the file, from 1.
fn line_of(source: &Source, offset: usize) -> usize {
    source.text[..offset.min(source.text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_whatever_their_case_and_suggested_when_misspelt() {
        assert_eq!(role_named("Translator"), Some(Role::Translator));
        assert_eq!(role_named(" editor"), Some(Role::Editor));
        assert_eq!(role_named("translater"), None);
        assert_eq!(
            did_you_mean("translater", Role::ALL.map(Role::name).iter().copied()),
            Some("translator")
        );
    }

    #[test]
    fn the_last_change_is_the_later_of_updated_and_the_latest_correction() {
        let day = |s: &str| Date::from_toml(&toml::Value::String(s.into())).unwrap();
        let correction = |d: &str| Correction {
            date: day(d),
            text: "x".into(),
            at: 0,
        };
        let mut v = Versions::default();
        assert_eq!(v.modified(), None);
        v.updated = Some(day("2025-05-03"));
        assert_eq!(v.modified(), Some(day("2025-05-03")));
        v.corrections = vec![correction("2025-04-01")];
        assert_eq!(v.modified(), Some(day("2025-05-03")));
        v.corrections.push(correction("2025-06-01"));
        assert_eq!(v.modified(), Some(day("2025-06-01")));
        v.updated = None;
        assert_eq!(v.modified(), Some(day("2025-06-01")));
    }
}
