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

use hayagriva::lang::{Case, TitleCase};

use super::html::{self, Marks};
use crate::html::{escape_href, escape_html};

/// What an article is cited by.
pub struct Page<'a> {
    /// Its authors, in order; none for an article of no one's.
    pub authors: &'a [&'a str],
    pub translators: &'a [&'a str],
    pub editors: &'a [&'a str],
    pub title: &'a str,
    pub site: &'a str,
    /// `2025-03-01`
    pub date: Option<String>,
    /// When it last changed: `2025-05-03`.
    pub modified: Option<String>,
    pub url: &'a str,
    /// The series it is a part of, and its part's number.
    pub series: Option<(&'a str, u64)>,
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
        let mut chicago =
            plain_chicago(page, &entry).unwrap_or_else(|| self.chicago(&entry, page.site));
        // The style closes every title with a full stop, even one that
        // asks or exclaims.
        for (doubled, single) in [("?.”", "?”"), ("!.”", "!”")] {
            if chicago.contains(doubled) {
                chicago = chicago.replace(doubled, single);
            }
        }
        if let Some((name, part)) = page.series {
            with_series(&mut chicago, name, part);
        }
        with_contributors(&mut chicago, page.translators, page.editors);
        if let Some(modified) = page.modified.as_deref().and_then(date_words) {
            with_modified(&mut chicago, &modified);
        }
        CiteThis {
            chicago,
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

/// The Chicago form written directly, as the style writes it, for a page
/// whose parts hold nothing the style treats specially: at most one author,
/// an organisation or a person without particles; no quotes, braces or
/// closing punctuation in the title or the site's name. The style's
/// machinery costs some 25 µs an article, most of a large site's build time
/// for this block; a test holds the two ways to the same output. `None`
/// for a page the style must format.
fn plain_chicago(page: &Page, entry: &biblatex::Entry) -> Option<String> {
    let plain = |s: &str| {
        let s = s.trim();
        !s.is_empty()
            && !s.contains(['"', '“', '”', '‘', '’', '\'', '{', '}', '\\', '$', '<', '>'])
            && !s.ends_with(['.', '?', '!', '…', ')', ']', ':', ';', ','])
    };
    if !plain(page.title) || !plain(page.site) {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let author = match authors(page)[..] {
        [] => None,
        [one] => Some(one),
        _ => return None,
    };
    if let Some(author) = author {
        let name = if is_organisation(author) {
            author.to_string()
        } else {
            let people = entry.author().ok()?;
            let [person] = people.as_slice() else {
                return None;
            };
            if !person.prefix.is_empty() || !person.suffix.is_empty() {
                return None;
            }
            match person.given_name.as_str() {
                "" => person.name.clone(),
                given => format!("{}, {given}", person.name),
            }
        };
        if !plain(&name.replace('.', "")) {
            return None;
        }
        parts.push(escape_html(&name));
    }
    let title = Case::Title(TitleCase::default()).transform(page.title.trim());
    // A title that ends in its own stop, question or exclamation keeps it
    // alone inside the quotation marks.
    let stop = if title.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    parts.push(format!("“{}{stop}”", escape_html(&title)));
    let mut group = vec![escape_html(page.site.trim())];
    if let Some(date) = page.date.as_deref() {
        group.push(date_words(date)?);
    }
    parts.push(group.join(", "));
    // The style keeps only a URL it can read as a web address.
    if crate::url::scheme(page.url).is_some_and(|s| s == "http" || s == "https") {
        let shown = escape_html(page.url);
        parts.push(format!("<a href=\"{}\">{shown}</a>", escape_href(page.url)));
    }
    // Parts are joined by ". ", a full stop never doubled.
    let ends = |part: &str| part.ends_with(['.', '”']);
    let mut out = String::new();
    for part in &parts {
        if !out.is_empty() {
            out.push_str(if ends(&out) { " " } else { ". " });
        }
        out.push_str(part);
    }
    if !ends(&out) {
        out.push('.');
    }
    Some(out)
}

/// Names the series after the title, as Chicago cites a part of a series
/// of articles: `“Title.” Part 2 of The Constitutional Revolution. Site…`.
fn with_series(chicago: &mut String, name: &str, part: u64) {
    let words = format!(" Part {part} of {}.", escape_html(name.trim()));
    after_title(chicago, &words);
}

/// Puts `words` right after the quoted title, whatever ends it (`.”`,
/// `?”`, `!”`), or at the end if there is none.
fn after_title(chicago: &mut String, words: &str) {
    let close = (chicago.find('“')).and_then(|open| {
        chicago[open..]
            .find('”')
            .map(|close| open + close + '”'.len_utf8())
    });
    match close {
        Some(at) => chicago.insert_str(at, words),
        None if !chicago.is_empty() => chicago.push_str(words),
        None => {}
    }
}

/// Names the translators and editors after the title, as Chicago names
/// them: `“Title.” Translated by A and B. Edited by C. Part 2 of … Site…`.
fn with_contributors(chicago: &mut String, translators: &[&str], editors: &[&str]) {
    let mut words = String::new();
    for (role, names) in [("Translated", translators), ("Edited", editors)] {
        let names: Vec<String> = (names.iter().map(|n| n.trim()))
            .filter(|n| !n.is_empty())
            .map(escape_html)
            .collect();
        if !names.is_empty() {
            let names = and_list(&names);
            let stop = if names.ends_with('.') { "" } else { "." };
            words.push_str(&format!(" {role} by {names}{stop}"));
        }
    }
    if words.is_empty() {
        return;
    }
    // Right after the title, before the series if there is one.
    after_title(chicago, &words);
}

/// Says when the article last changed, before its address, as Chicago
/// does: `… Site, March 1, 2025. Last modified May 3, 2025. https://…`.
fn with_modified(chicago: &mut String, date: &str) {
    let words = format!("Last modified {date}. ");
    match chicago.rfind("<a href=\"") {
        Some(at) => chicago.insert_str(at, &words),
        None if !chicago.is_empty() => {
            chicago.push(' ');
            chicago.push_str(words.trim_end());
        }
        None => {}
    }
}

/// Names as Chicago lists them: "A", "A and B", "A, B, and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The page's authors, each trimmed, the blank left out.
fn authors<'a>(page: &Page<'a>) -> Vec<&'a str> {
    (page.authors.iter().map(|a| a.trim()))
        .filter(|a| !a.is_empty())
        .collect()
}

/// `2025-03-01` as the style writes it: "March 1, 2025".
fn date_words(iso: &str) -> Option<String> {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<usize>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let month = crate::dates::MONTHS.get(month.checked_sub(1)?)?;
    Some(format!("{month} {day}, {year}"))
}

fn biblatex_entry(page: &Page) -> biblatex::Entry {
    let mut entry = biblatex::Entry::new(String::new(), EntryType::Online);
    let text = |s: &str| vec![Spanned::zero(Chunk::Normal(s.to_string()))];
    for (field, names) in [
        ("author", authors(page)),
        ("translator", page.translators.to_vec()),
        ("editor", page.editors.to_vec()),
    ] {
        let names: Vec<&str> = (names.iter().map(|n| n.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        if !names.is_empty() {
            entry.set(field, people(&names));
        }
    }
    entry.set("title", text(page.title));
    if let Some(date) = &page.date {
        entry.set("date", text(date));
    }
    if let Some(modified) = page.modified.as_deref().and_then(date_words) {
        entry.set("note", text(&format!("Last modified {modified}")));
    }
    entry.set("url", text(page.url));
    entry.set("organization", text(page.site));
    if let Some((name, part)) = page.series {
        entry.set("series", text(name.trim()));
        entry.set("number", text(&part.to_string()));
    }
    let family = (entry.author().ok())
        .and_then(|people| people.into_iter().next())
        .map(|person| person.name);
    entry.key = key(family.as_deref(), page.date.as_deref(), page.title);
    entry
}

/// A list of names as BibTeX reads one, joined by `and`; braces keep an
/// organisation's name whole.
fn people(names: &[&str]) -> Vec<Spanned<Chunk>> {
    let mut chunks = Vec::new();
    for (n, name) in names.iter().enumerate() {
        if n > 0 {
            chunks.push(Spanned::zero(Chunk::Normal(" and ".into())));
        }
        chunks.push(Spanned::zero(if is_organisation(name) {
            Chunk::Verbatim(name.to_string())
        } else {
            Chunk::Normal(name.to_string())
        }));
    }
    chunks
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

    fn page<'a>(authors: &'a [&'a str], title: &'a str) -> Page<'a> {
        Page {
            authors,
            translators: &[],
            editors: &[],
            title,
            site: "Tabriz 1909",
            date: Some("2025-03-01".into()),
            modified: None,
            url: "https://example.org/history/articles/tabriz-1909/",
            series: None,
        }
    }

    /// A title ending in a question mark closes its quotation without a
    /// full stop; what follows the title still follows it.
    #[test]
    fn what_follows_a_title_follows_one_that_asks() {
        let mut part = page(&["A. Historian"], "Why did Tabriz hold?");
        part.series = Some(("The Constitutional Revolution", 2));
        part.translators = &["B. Translator"];
        let cite = Formatter::default().cite(&part);
        assert!(
            cite.chicago.starts_with(
                "Historian, A. “Why Did Tabriz Hold?” Translated by B. Translator. \
                 Part 2 of The Constitutional Revolution. Tabriz 1909,"
            ),
            "{}",
            cite.chicago
        );
    }

    #[test]
    fn a_part_of_a_series_is_cited_as_one() {
        let mut part = page(&["A. Historian"], "The siege");
        part.series = Some(("The Constitutional Revolution", 2));
        let cite = Formatter::default().cite(&part);
        assert!(
            cite.chicago.starts_with(
                "Historian, A. “The Siege.” Part 2 of The Constitutional Revolution. Tabriz 1909, March 1, 2025."
            ),
            "{}",
            cite.chicago
        );
        assert!(
            cite.bibtex
                .contains("series = {The Constitutional Revolution}"),
            "{}",
            cite.bibtex
        );
        assert!(cite.bibtex.contains("number = {2}"), "{}", cite.bibtex);
        // A title the style must format is cited with its series too.
        part.title = "The \"siege\"";
        let cite = Formatter::default().cite(&part);
        assert!(
            cite.chicago
                .contains("” Part 2 of The Constitutional Revolution. "),
            "{}",
            cite.chicago
        );
    }

    #[test]
    fn chicago_has_author_title_site_date_and_permalink() {
        let cite = Formatter::default().cite(&page(
            &["A. Historian"],
            "1909: Russian troops march into Persia",
        ));
        assert_eq!(
            cite.chicago,
            "Historian, A. “1909: Russian Troops March into Persia.” Tabriz 1909, March 1, 2025. \
             <a href=\"https://example.org/history/articles/tabriz-1909/\">https://example.org/history/articles/tabriz-1909/</a>."
        );
    }

    #[test]
    fn the_plain_form_is_what_the_style_writes() {
        let formatter = Formatter::default();
        let authors = [
            None,
            Some("A. Historian"),
            Some("Janet Afary"),
            Some("The gloss project"),
            Some("Şükrü Doğan"),
            Some("Ludwig van Beethoven"),
            Some("Afary, Janet"),
            Some("Janet Afary and Ervand Abrahamian"),
            Some("Plato"),
        ];
        let titles = [
            "1909: Russian troops march into Persia",
            "the siege of tabriz",
            "A history of the USA and Iran",
            "On the road to Tehran and back",
            "Tea & biscuits for the majlis",
            "Majlis-e Shura-ye Melli",
            "iPhone and eBay in Qajar Persia",
            "Why the shah fell?",
            "“Quoted” words",
            "An end.",
            "from A to B: a journey",
        ];
        let sites = ["Tabriz 1909", "Notes & Queries"];
        let dates = [Some("2025-03-01"), Some("1999-12-31"), None];
        let urls = ["https://example.org/a/?x=1&y=2", "/articles/a/"];
        let (mut plain, mut all) = (0, 0);
        for author in authors {
            for title in titles {
                for site in sites {
                    for date in dates {
                        for url in urls {
                            let page = Page {
                                authors: author.as_slice(),
                                translators: &[],
                                editors: &[],
                                modified: None,
                                title,
                                site,
                                date: date.map(String::from),
                                url,
                                series: None,
                            };
                            let entry = biblatex_entry(&page);
                            all += 1;
                            if let Some(fast) = plain_chicago(&page, &entry) {
                                plain += 1;
                                assert_eq!(
                                    fast,
                                    formatter.chicago(&entry, site),
                                    "{author:?} {title:?} {site:?} {date:?} {url:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
        // Most pages take the plain way, or it would save nothing; a demo
        // article's certainly does.
        assert!(plain * 2 > all, "{plain} of {all}");
        let demo = page(
            &["The gloss project"],
            "1909: Russian troops march into Persia",
        );
        assert!(plain_chicago(&demo, &biblatex_entry(&demo)).is_some());
    }

    #[test]
    fn bibtex_escapes_what_tex_reads_as_commands() {
        let cite = Formatter::default().cite(&page(&["Şükrü Doğan"], "Tea & 50% {more}"));
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
        let cite = Formatter::default().cite(&page(&["The gloss project"], "The siege"));
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
        let cite = Formatter::default().cite(&page(&["Ludwig van Beethoven"], "The siege"));
        assert!(
            cite.chicago.starts_with("Beethoven, Ludwig van."),
            "{}",
            cite.chicago
        );
    }

    #[test]
    fn translators_and_editors_follow_the_title_and_the_last_change_precedes_the_address() {
        let mut part = page(&["Janet Afary", "The gloss project"], "The siege");
        part.translators = &["Ahmad Kasravi", "Edward G. Browne", "A. N. Other"];
        part.editors = &["Ervand Abrahamian"];
        part.series = Some(("The Constitutional Revolution", 2));
        part.modified = Some("2025-05-03".into());
        let cite = Formatter::default().cite(&part);
        assert_eq!(
            cite.chicago,
            "Afary, Janet, and The gloss project. “The Siege.” Translated by Ahmad Kasravi, \
             Edward G. Browne, and A. N. Other. Edited by Ervand Abrahamian. Part 2 of The \
             Constitutional Revolution. Tabriz 1909, March 1, 2025. Last modified May 3, 2025. \
             <a href=\"https://example.org/history/articles/tabriz-1909/\">\
             https://example.org/history/articles/tabriz-1909/</a>."
        );
        let bib = &cite.bibtex;
        assert!(
            bib.contains("author = {Janet Afary and {The gloss project}},"),
            "{bib}"
        );
        assert!(
            bib.contains("translator = {Ahmad Kasravi and Edward G. Browne and A. N. Other},"),
            "{bib}"
        );
        assert!(bib.contains("editor = {Ervand Abrahamian},"), "{bib}");
        assert!(bib.contains("note = {Last modified May 3, 2025},"), "{bib}");
        // Without an address to put it before, the last change ends the entry.
        part.url = "/articles/a/";
        let cite = Formatter::default().cite(&part);
        assert!(
            cite.chicago
                .ends_with("March 1, 2025. Last modified May 3, 2025."),
            "{}",
            cite.chicago
        );
    }

    #[test]
    fn without_author_or_date() {
        let cite = Formatter::default().cite(&Page {
            date: None,
            ..page(&[], "The siege")
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
