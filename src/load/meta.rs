//! The front-matter schemas. Every struct denies unknown keys, so a misspelt
//! `sumary` is an error with a suggestion rather than a silently empty field.

use serde::Deserialize;
use toml::Spanned;

/// An article: any page outside `glossary/` that is not an `_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub title: String,
    /// A TOML date (`2025-03-01`) or a string in that form; checked in `Date`.
    #[serde(default)]
    pub date: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub summary: String,
    /// Who wrote it; the site's author if not given.
    #[serde(default)]
    pub author: Option<String>,
    /// A kicker shown above the title, such as "Editor's Pick".
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub photo: Option<Photo>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// A path under `static/`.
    pub src: Spanned<String>,
    pub alt: String,
    /// Markdown, rendered with the page's term links.
    #[serde(default)]
    pub caption: Option<Spanned<String>>,
    #[serde(default)]
    pub credit: Option<String>,
    /// Where the picture comes from, as an http(s) URL.
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub license: Option<String>,
}

/// A glossary term: `content/glossary/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermMeta {
    pub title: Spanned<String>,
    /// Other spellings, matched in prose like the title.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// The one-line definition.
    #[serde(default)]
    pub summary: String,
    /// The name in its original script, such as مجلس.
    #[serde(default)]
    pub native: Option<String>,
    /// The language of `native`, as a BCP 47 tag such as `fa`.
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

/// `_index.md`: the text of the home page or of a section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: String,
}
