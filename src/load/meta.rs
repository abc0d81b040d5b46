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
    pub author: Option<Spanned<String>>,
    /// Everyone who made it, each with a role: named on the page too.
    #[serde(default)]
    pub authors: Option<Spanned<Vec<PersonMeta>>>,
    /// When it was last revised, in the form `date` takes.
    #[serde(default)]
    pub updated: Option<Spanned<toml::Value>>,
    /// Dated notices of what was corrected, shown at the end of the page.
    #[serde(default)]
    pub corrections: Vec<Spanned<CorrectionMeta>>,
    /// A kicker shown above the title, such as "Editor's Pick".
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub photo: Option<Photo>,
    /// Dated events, shown in the article's "Key dates" and on `/timeline/`.
    #[serde(default)]
    pub events: Vec<EventMeta>,
    /// The series the article is a part of, by its name.
    #[serde(default)]
    pub series: Option<Spanned<String>>,
    /// Its place in the series, from 1.
    #[serde(default)]
    pub series_part: Option<Spanned<i64>>,
    /// What it is about, listed at `/tags/`.
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// Whether a table of contents is shown; on when the article has three
    /// sections or more.
    #[serde(default = "yes")]
    pub toc: bool,
    /// URLs the article was published at before, each given a page that
    /// sends the reader here: `/articles/old-name/`.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

/// One of an article's `authors`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonMeta {
    pub name: Spanned<String>,
    /// `author` (if not given), `translator` or `editor`.
    #[serde(default)]
    pub role: Option<Spanned<String>>,
}

/// One `[[corrections]]` entry of an article. Both values are optional
/// here so that a missing one is reported with the file's other problems.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionMeta {
    /// In the form `date` takes.
    #[serde(default)]
    pub date: Option<Spanned<toml::Value>>,
    /// Markdown, rendered with the page's term links.
    #[serde(default)]
    pub text: Option<Spanned<String>>,
}

/// One `[[events]]` entry of an article or a term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    /// A day, a month or a year: `1908-06-23`, `"1907-01"`, `1918`, `"330 BCE"`.
    pub date: Spanned<toml::Value>,
    /// The last day, month or year of a range, in the same forms.
    #[serde(default)]
    pub end: Option<Spanned<toml::Value>>,
    pub label: Spanned<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// A path under `static/`.
    pub src: Spanned<String>,
    /// Given here or by the picture's sidecar.
    #[serde(default)]
    pub alt: Option<String>,
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
    /// Other spellings, matched in prose like the title. As written, an
    /// entry starting with `/` is an old URL of the term's page; loading
    /// moves those to `old_urls`.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// URLs the term's page was published at before.
    #[serde(skip)]
    pub old_urls: Vec<Spanned<String>>,
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
    /// What the term names; the glossary groups terms by it.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// A person's life dates, in the forms an event's date takes.
    #[serde(default)]
    pub born: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub died: Option<Spanned<toml::Value>>,
    /// A place's position in decimal degrees, north and east positive.
    #[serde(default)]
    pub lat: Option<Spanned<f64>>,
    #[serde(default)]
    pub lon: Option<Spanned<f64>>,
    /// The Wikidata item for the same thing, such as `Q3616` for Tehran.
    #[serde(default)]
    pub wikidata: Option<Spanned<String>>,
    /// Dated events, shown on the term's page and on `/timeline/`.
    #[serde(default)]
    pub events: Vec<EventMeta>,
}

/// What kind of thing a term names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Place,
    #[serde(alias = "organization")]
    Organisation,
    Event,
    Concept,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Place,
        Kind::Organisation,
        Kind::Event,
        Kind::Concept,
    ];

    /// The word used in front matter and in CSS classes: `person`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organisation => "organisation",
            Kind::Event => "event",
            Kind::Concept => "concept",
        }
    }

    /// The kind as a reader sees it on the term's page: `Person`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::Place => "Place",
            Kind::Organisation => "Organisation",
            Kind::Event => "Event",
            Kind::Concept => "Concept",
        }
    }

    /// The heading of its group in the glossary: `People`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Place => "Places",
            Kind::Organisation => "Organisations",
            Kind::Event => "Events",
            Kind::Concept => "Concepts",
        }
    }
}

/// `_index.md`: the text of the home page or of a section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: String,
    /// URLs the page was published at before.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}
