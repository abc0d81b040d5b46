//! Sources: the site's bibliography (`content/sources.bib` or
//! `content/sources.yaml`), its citation style, and the formatting of each
//! page's citations and list of works with hayagriva. The Markdown pass that
//! finds citations is `markdown::citations`; the "how to cite this article"
//! block is [`cite_this`].

mod bibliography;
pub mod cite_this;
mod html;
mod memo;
mod style;
pub mod syntax;

use std::path::{Path, PathBuf};

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode, StyleClass};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, Entry, Library,
    LocatorPayload, SpecificLocator,
};
use serde::Serialize;

use crate::config::{CitationStyle, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};

pub use bibliography::FILES;
pub use html::Marks;

/// The bibliography of a site that has one, with its style, ready to format.
pub struct Sources {
    /// The bibliography file, as shown to the author.
    pub path: PathBuf,
    library: Library,
    style: IndependentStyle,
    locales: Vec<Locale>,
    locale: Option<LocaleCode>,
    /// Every work, as the style lists it, in its order: what `/sources/`
    /// shows. Formatted when first asked for, so that a build formats it
    /// beside the pages, and a rebuild that does not show it never does.
    works: std::sync::OnceLock<Vec<Work>>,
    /// Each file's citations as last formatted, when kept between renders.
    memo: Option<memo::Memo>,
}

/// A bibliography, or its style, that could not be read: its citations are
/// not checked, as their problems would follow from its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unread;

/// A work as a list of sources shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Work {
    pub key: String,
    /// The id of its entry in a list of sources: `ref-<key>`.
    pub id: String,
    /// The entry, formatted, as HTML.
    pub html: String,
}

/// One citation to format: its works, each with a locator, and the number
/// of the note it is in (for a note style).
pub struct Cite<'a> {
    pub items: Vec<(&'a str, Option<&'a (Locator, String)>)>,
    pub prefixes: Vec<Option<String>>,
    pub note: Option<usize>,
}

/// A page's citations formatted, in the order given, and the works they
/// cite as the page's list of sources shows them.
#[derive(Clone)]
pub struct Formatted {
    pub citations: Vec<String>,
    pub works: Vec<Work>,
}

impl Sources {
    /// Reads the bibliography under `root`, if the site has one, and the
    /// style `config` names; with every problem found. `Err` means the site
    /// has a bibliography that could not be read (the problems say why).
    pub fn load(root: &Path, config: &Config) -> (Result<Option<Sources>, Unread>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let (path, library) = match bibliography::read(root, &mut diagnostics) {
            Ok(Some(read)) => read,
            Ok(None) => return (Ok(None), diagnostics),
            Err(Unread) => return (Err(Unread), diagnostics),
        };
        match Sources::new(path, library, &config.sources.style, &config.language) {
            Ok(sources) => (Ok(Some(sources)), diagnostics),
            Err(d) => {
                diagnostics.push(d);
                (Err(Unread), diagnostics)
            }
        }
    }

    /// The works of `library` (read from `path`) in `style`, for a site in `language`.
    pub fn new(
        path: PathBuf,
        library: Library,
        style: &CitationStyle,
        language: &str,
    ) -> Result<Sources, Diagnostic> {
        let style = style::load(style)?;
        let locale = (!language.is_empty()).then(|| LocaleCode(language.to_string()));
        Ok(Sources {
            path,
            library,
            style,
            locales: style::locales(language),
            locale,
            works: std::sync::OnceLock::new(),
            memo: None,
        })
    }

    /// Keeps what each file's citations were formatted to, so that a later
    /// render of the same citations of the same file (`gloss serve`, after
    /// an edit to the text around them) takes them as they were rather than
    /// formatting them again. The same input gives the same output: the
    /// bibliography and the style are those of this value, which a change
    /// to either replaces.
    pub fn keep_formatted(&mut self) {
        self.memo = Some(memo::Memo::default());
    }

    /// Whether what citations format to is kept ([`Sources::keep_formatted`]).
    pub fn keeps_formatted(&self) -> bool {
        self.memo.is_some()
    }

    /// Every work, as the style lists it, in its order: what `/sources/` shows.
    pub fn works(&self) -> &[Work] {
        self.works.get_or_init(|| self.all_works())
    }

    /// Whether citations are notes (Chicago's notes) rather than in the text.
    pub fn notes(&self) -> bool {
        self.style.settings.class == StyleClass::Note
    }

    pub fn has(&self, key: &str) -> bool {
        self.library.get(key).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.library.keys()
    }

    /// Formats the citations of `file` (one page's text, in order), and
    /// their list of sources. In the text of an in-text style each work
    /// links to its entry in that list. Every key must be in the
    /// bibliography.
    pub fn format(&self, file: &Path, cites: &[Cite]) -> Formatted {
        match &self.memo {
            Some(memo) => memo.get_or_format(file, cites, || self.format_now(cites)),
            None => self.format_now(cites),
        }
    }

    fn format_now(&self, cites: &[Cite]) -> Formatted {
        let mut driver: BibliographyDriver<Entry> = BibliographyDriver::new();
        for cite in cites {
            let items = (cite.items.iter())
                .filter_map(|&(key, locator)| {
                    let entry = self.library.get(key)?;
                    let locator = locator
                        .map(|(kind, value)| SpecificLocator(*kind, LocatorPayload::Str(value)));
                    Some(CitationItem::with_locator(entry, locator))
                })
                .collect();
            driver.citation(CitationRequest::new(
                items,
                &self.style,
                self.locale.clone(),
                &self.locales,
                cite.note,
            ));
        }
        let rendered = driver.finish(self.request());
        let notes = self.notes();
        let citations = (rendered.citations.iter().zip(cites))
            .map(|(citation, cite)| {
                let links: Vec<Option<String>> = (cite.items.iter())
                    .map(|(key, _)| (!notes).then(|| format!("#{}", work_id(key))))
                    .collect();
                let marks = Marks {
                    prefixes: &cite.prefixes,
                    links: &links,
                };
                html::write(&citation.citation, &marks)
            })
            .collect();
        Formatted {
            citations,
            works: works(rendered.bibliography),
        }
    }

    fn request(&self) -> BibliographyRequest<'_> {
        BibliographyRequest::new(&self.style, self.locale.clone(), &self.locales)
    }

    /// The whole bibliography, formatted: every work cited, but hidden.
    fn all_works(&self) -> Vec<Work> {
        let mut driver: BibliographyDriver<Entry> = BibliographyDriver::new();
        for entry in self.library.iter() {
            let item = CitationItem::new(entry, None, None, true, None);
            driver.citation(CitationRequest::new(
                vec![item],
                &self.style,
                self.locale.clone(),
                &self.locales,
                None,
            ));
        }
        works(driver.finish(self.request()).bibliography)
    }
}

/// The entries of a rendered bibliography, as HTML.
fn works(bibliography: Option<hayagriva::RenderedBibliography>) -> Vec<Work> {
    let items = bibliography.map(|b| b.items).unwrap_or_default();
    items
        .into_iter()
        .map(|item| {
            let mut html = String::new();
            // A numeric style's label, `[1]`, set apart from the entry.
            if let Some(first) = item.first_field {
                let label = html::write(&hayagriva::ElemChildren(vec![first]), &Marks::default());
                html.push_str(&format!("<span class=\"csl-left-margin\">{label}</span> "));
            }
            html.push_str(&html::write(&item.content, &Marks::default()));
            Work {
                id: work_id(&item.key),
                key: item.key,
                html,
            }
        })
        .collect()
}

/// The id of a work's entry in a list of sources.
pub fn work_id(key: &str) -> String {
    let key: String = key
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect();
    format!("ref-{key}")
}

/// A note starts with a capital, as a sentence does, even after a prefix
/// written in lower case ("see").
pub fn capitalize_first(html: &str) -> String {
    let mut in_tag = false;
    for (i, c) in html.char_indices() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '&' if !in_tag => return html.to_string(),
            c if !in_tag && c.is_alphabetic() => {
                let upper: String = c.to_uppercase().collect();
                return format!("{}{upper}{}", &html[..i], &html[i + c.len_utf8()..]);
            }
            c if !in_tag && !c.is_whitespace() => return html.to_string(),
            _ => {}
        }
    }
    html.to_string()
}
