//! "How to cite this article": a ready citation of the article itself, in
//! the form of a Chicago bibliography entry and as a BibLaTeX `@online`
//! entry. One small style of gloss's own (`cite-this.csl`, with its English
//! dates inside) formats the first: it is all a web page needs, and takes a
//! fraction of the time the full Chicago style does, once per article.

use biblatex::{Chunk, EntryType, Spanned};
use hayagriva::citationberg::IndependentStyle;
use hayagriva::types::FormatString;
use hayagriva::{BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest};
use serde::Serialize;

use super::html::{self, Marks};

/// What an article is cited by.
pub struct Page<'a> {
    pub author: Option<&'a str>,
    pub title: &'a str,
    pub site: &'a str,
    /// `2025-03-01`
    pub date: Option<String>,
    pub url: &'a str,
}

/// The article's citation, both ways.
#[derive(Debug, Clone, Serialize)]
pub struct CiteThis {
    /// The Chicago form, as HTML.
    pub chicago: String,
    /// A BibLaTeX entry, as text.
    pub bibtex: String,
}

/// Formats citations of articles.
pub struct Formatter {
    style: IndependentStyle,
}

impl Default for Formatter {
    fn default() -> Self {
        let style = IndependentStyle::from_xml(include_str!("cite-this.csl"))
            .expect("the built-in style parses");
        Formatter { style }
    }
}

impl Formatter {
    pub fn cite(&self, page: &Page) -> CiteThis {
        let entry = biblatex_entry(page);
        CiteThis {
            chicago: self.chicago(&entry, page.site),
            bibtex: entry.to_biblatex_string(),
        }
    }

    fn chicago(&self, entry: &biblatex::Entry, site: &str) -> String {
        let Ok(mut entry) = hayagriva::Entry::try_from(entry) else {
            return String::new();
        };
        let mut parent = hayagriva::Entry::new("site", hayagriva::types::EntryType::Web);
        parent.set_title(FormatString::from(site.to_string()));
        entry.set_parents(vec![parent]);
        let mut driver = BibliographyDriver::new();
        let item = CitationItem::new(&entry, None, None, true, None);
        driver.citation(CitationRequest::new(
            vec![item],
            &self.style,
            None,
            &[],
            None,
        ));
        let rendered = driver.finish(BibliographyRequest::new(&self.style, None, &[]));
        (rendered.bibliography.into_iter())
            .flat_map(|b| b.items)
            .map(|item| html::write(&item.content, &Marks::default()))
            .collect()
    }
}

fn biblatex_entry(page: &Page) -> biblatex::Entry {
    let mut entry = biblatex::Entry::new(String::new(), EntryType::Online);
    let text = |s: &str| vec![Spanned::zero(Chunk::Normal(s.to_string()))];
    if let Some(author) = page.author.map(str::trim).filter(|a| !a.is_empty()) {
        // Braces keep an organisation's name whole, as BibTeX writes it.
        let chunk = if is_organisation(author) {
            Chunk::Verbatim(author.to_string())
        } else {
            Chunk::Normal(author.to_string())
        };
        entry.set("author", vec![Spanned::zero(chunk)]);
    }
    entry.set("title", text(page.title));
    if let Some(date) = &page.date {
        entry.set("date", text(date));
    }
    entry.set("url", text(page.url));
    entry.set("organization", text(page.site));
    let family = (entry.author().ok())
        .and_then(|people| people.into_iter().next())
        .map(|person| person.name);
    entry.key = key(family.as_deref(), page.date.as_deref(), page.title);
    entry
}

/// Particles that start a family name in lower case: "Ludwig van Beethoven".
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "du", "ibn", "la", "le", "van", "von",
];

/// Whether an author is an organisation ("The gloss project"), whose name is
/// cited as written, rather than a person, whose family name comes first: a
/// name starting "The", or with a word in lower case other than a particle.
fn is_organisation(name: &str) -> bool {
    let mut words = name.split_whitespace();
    words.clone().next() == Some("The")
        || words.any(|w| {
            w.starts_with(char::is_lowercase)
                && !PARTICLES.contains(&w.split(['-', '\'']).next().unwrap_or(w))
        })
}

/// Words a key skips in a title.
const MINOR: &[&str] = &["a", "an", "the", "of", "on", "in", "and", "to", "for"];

/// A key in the usual form: the author's family name, the year and the first
/// word of the title that says something, lower case ASCII:
/// `historian2025russian`.
fn key(family: Option<&str>, date: Option<&str>, title: &str) -> String {
    let ascii = |s: &str| -> String {
        (deunicode::deunicode(s).chars())
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let year = date.and_then(|d| d.get(..4)).unwrap_or_default();
    let word = (title.split(|c: char| c.is_whitespace() || c == '-'))
        .map(ascii)
        .find(|w| w.chars().any(|c| c.is_ascii_alphabetic()) && !MINOR.contains(&w.as_str()))
        .unwrap_or_default();
    let key = format!("{}{year}{word}", family.map(ascii).unwrap_or_default());
    if key.is_empty() { "page".into() } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(author: Option<&'a str>, title: &'a str) -> Page<'a> {
        Page {
            author,
            title,
            site: "Tabriz 1909",
            date: Some("2025-03-01".into()),
            url: "https://example.org/history/articles/tabriz-1909/",
        }
    }

    #[test]
    fn chicago_has_author_title_site_date_and_permalink() {
        let cite = Formatter::default().cite(&page(
            Some("A. Historian"),
            "1909: Russian troops march into Persia",
        ));
        assert_eq!(
            cite.chicago,
            "Historian, A. “1909: Russian Troops March into Persia.” Tabriz 1909, March 1, 2025. \
             <a href=\"https://example.org/history/articles/tabriz-1909/\">https://example.org/history/articles/tabriz-1909/</a>."
        );
    }

    #[test]
    fn bibtex_escapes_what_tex_reads_as_commands() {
        let cite = Formatter::default().cite(&page(Some("Şükrü Doğan"), "Tea & 50% {more}"));
        let bib = &cite.bibtex;
        assert!(bib.starts_with("@online{dogan2025tea,\n"), "{bib}");
        assert!(bib.contains("title = {Tea \\& 50\\% \\{more\\}},"), "{bib}");
        assert!(bib.contains("author = {Şükrü Doğan},"), "{bib}");
        assert!(bib.contains("date = {2025-03-01},"), "{bib}");
        assert!(bib.contains("organization = {Tabriz 1909},"), "{bib}");
        assert!(
            bib.contains("url = {https://example.org/history/articles/tabriz-1909/},"),
            "{bib}"
        );
    }

    #[test]
    fn organisations_are_cited_as_written() {
        let cite = Formatter::default().cite(&page(Some("The gloss project"), "The siege"));
        assert!(
            cite.chicago.starts_with("The gloss project. “The Siege.”"),
            "{}",
            cite.chicago
        );
        assert!(
            cite.bibtex.contains("author = {{The gloss project}},"),
            "{}",
            cite.bibtex
        );
        let cite = Formatter::default().cite(&page(Some("Ludwig van Beethoven"), "The siege"));
        assert!(
            cite.chicago.starts_with("Beethoven, Ludwig van."),
            "{}",
            cite.chicago
        );
    }

    #[test]
    fn without_author_or_date() {
        let cite = Formatter::default().cite(&Page {
            date: None,
            ..page(None, "The siege")
        });
        assert!(
            cite.chicago.starts_with("“The Siege.” Tabriz 1909. <a"),
            "{}",
            cite.chicago
        );
        assert!(
            cite.bibtex.starts_with("@online{siege,\n"),
            "{}",
            cite.bibtex
        );
        assert!(!cite.bibtex.contains("author"), "{}", cite.bibtex);
    }
}
