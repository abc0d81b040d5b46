//! What templates see: borrowed, serialisable views of the site's data. Every
//! field is always present (missing values are empty or null), so templates
//! can test them without tripping over undefined variables.

use serde::Serialize;

use crate::config::Config;
use crate::load::Date;
use crate::sources::Work;
use crate::sources::cite_this::CiteThis;

pub use super::timeline::{DatedView, LifeView};

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub author: &'a str,
    pub rights: &'a str,
    pub language: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The absolute base, ending in `/`.
    pub base_url: String,
    /// The path of the language's home, which every link to its pages
    /// starts with, such as `/`, `/history/` or `/fa/`.
    pub base_path: String,
    /// The path of the whole site, where its files (the icon, pictures) are:
    /// `/` or `/history/`, whatever the language.
    pub root_path: &'a str,
    /// "Find a page in the articles or the glossary", linked, in the site's
    /// language: the same on every page, so written once.
    pub search_fallback: String,
    /// The words of the reader's script in the site's language, as JSON;
    /// `None` for English, which the script carries.
    pub script_strings: Option<String>,
    /// Where the stylesheet is, under the base path, by its fingerprinted name.
    pub stylesheet: String,
    pub feed_url: String,
    /// The list of every source, if the site has a bibliography.
    pub sources_url: Option<String>,
    /// Where the timeline is, if the site has one (see `timeline::has_timeline`).
    pub timeline_url: Option<String>,
    /// The map page's URL, when the site has one (places, or `content/map/_index.md`).
    pub map_url: Option<String>,
    /// The lists of every series and every tag, when the site has any.
    pub series_url: Option<String>,
    pub tags_url: Option<String>,
}

impl<'a> SiteView<'a> {
    /// The view of the site whose stylesheet is at `stylesheet` (a URL) and
    /// whose timeline, if any, is at `timeline`.
    pub fn new(config: &'a Config, stylesheet: String, timeline: Option<String>) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            author: &config.author,
            rights: &config.rights,
            language: &config.language,
            dir: "ltr",
            base_url: config.base_url.absolute(),
            base_path: config.base_url.home(),
            root_path: config.base_url.path(),
            script_strings: None,
            search_fallback: String::new(),
            stylesheet,
            feed_url: config.base_url.link("atom.xml"),
            timeline_url: timeline,
            map_url: None,
            sources_url: None,
            series_url: None,
            tags_url: None,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// `2025-03-01`
    pub iso: String,
    /// `1 March 2025`
    pub words: String,
}

impl DateView {
    /// `date` as the pages of `language` write it.
    pub fn of(date: Date, language: &crate::languages::Language) -> Self {
        DateView {
            iso: date.iso(),
            words: date.words_in(language),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct PhotoView<'a> {
    /// The `src` of its `<img>`.
    pub url: &'a str,
    /// Other widths of the photo (`/images/map-640w.jpg 640w, ...`), if any.
    pub srcset: Option<&'a str>,
    /// Its widths in WebP, if made.
    pub webp_srcset: Option<&'a str>,
    /// The whole `<img>` or `<picture>` element, every size in it.
    pub element: &'a str,
    /// The file to zoom into: the original, full size.
    pub zoom: &'a str,
    /// The photo's size in pixels, if its file says: for the `width` and
    /// `height` attributes, which keep its space while it loads.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: &'a str,
    /// Rendered Markdown.
    pub caption: &'a str,
    pub credit: Option<&'a str>,
    pub source: Option<&'a str>,
    pub license: Option<&'a str>,
}

/// A page as listed elsewhere: on the home page, a section, a term's mentions.
#[derive(Serialize, Clone)]
pub struct PageRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: &'a str,
    pub label: Option<&'a str>,
    pub date: Option<DateView>,
}

#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub page: PageRef<'a>,
    /// Rendered body.
    pub content: &'a str,
    pub photo: Option<PhotoView<'a>>,
    /// The glossary terms the article mentions, A–Z: [`TermRef`]s.
    pub terms: Vec<&'a tera::Value>,
    /// The works the article cites, as its list of sources shows them.
    pub sources: &'a [Work],
    /// The article's citation of itself.
    pub cite: CiteThis,
    /// The article's "Key dates", in order.
    pub events: Vec<DatedView<'a>>,
    /// The series it is a part of, with the parts before and after it.
    pub series: Option<SeriesNav<'a>>,
    pub tags: Vec<TagLink<'a>>,
    /// Its table of contents: empty unless it has three sections or more.
    pub toc: &'a [crate::markdown::Heading],
    /// Up to three articles sharing its terms.
    pub related: Vec<RelatedLink<'a>>,
    /// Who made it, as its byline names them: given by `authors` only.
    pub byline: Option<Byline<'a>>,
    /// When it last changed, if after its date: `updated`, or its latest
    /// correction's date if later.
    pub updated: Option<DateView>,
    /// Its corrections, oldest first.
    pub corrections: Vec<CorrectionView<'a>>,
}

/// The people an article's byline names, by role, each in the order given.
#[derive(Serialize)]
pub struct Byline<'a> {
    pub authors: Vec<&'a str>,
    pub translators: Vec<&'a str>,
    pub editors: Vec<&'a str>,
}

/// A correction as its article's page shows it.
#[derive(Serialize)]
pub struct CorrectionView<'a> {
    /// `correction-1`, numbered as shown.
    pub id: String,
    pub date: DateView,
    /// Rendered Markdown.
    pub html: &'a str,
}

/// An article's place in its series, as its page shows it.
#[derive(Serialize)]
pub struct SeriesNav<'a> {
    pub name: &'a str,
    pub url: String,
    /// "Part `number` of `of`".
    pub number: u64,
    pub of: u64,
    pub prev: Option<PartLink<'a>>,
    pub next: Option<PartLink<'a>>,
}

/// A part of a series, linked.
#[derive(Serialize)]
pub struct PartLink<'a> {
    pub title: &'a str,
    pub url: String,
    pub number: u64,
}

/// An article of an article's related reading, and why it is there.
#[derive(Serialize)]
pub struct RelatedLink<'a> {
    pub title: &'a str,
    pub url: String,
    /// "Also about the X and the Y": the terms both mention, rarest first.
    pub why: String,
}

/// A tag, linked, with how many articles have it.
#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

/// Where a page of a list is among its pages, for the page navigation and
/// the `rel="prev"` and `rel="next"` links.
#[derive(Serialize)]
pub struct PagerView {
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and last pages and those around this one, in order; a
    /// gap between them is an item without a number.
    pub pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub struct PagerLink {
    pub number: Option<usize>,
    pub url: Option<String>,
    pub current: bool,
}

impl PagerView {
    /// Page `number` of `count` of the list at `list`, under `base`.
    pub fn new(base: &crate::url::BaseUrl, list: &str, number: usize, count: usize) -> Self {
        use crate::lists::paging::path;
        let url = |n: usize| base.link(&path(list, n));
        // Not every page: a list of 500 pages would link 500 from each.
        let mut shown: Vec<usize> = [1, count]
            .into_iter()
            .chain(number.saturating_sub(2).max(1)..=(number + 2).min(count))
            .collect();
        shown.sort_unstable();
        shown.dedup();
        let mut pages = Vec::new();
        let mut last = 0;
        for n in shown {
            if n > last + 1 {
                pages.push(PagerLink {
                    number: None,
                    url: None,
                    current: false,
                });
            }
            pages.push(PagerLink {
                number: Some(n),
                url: Some(url(n)),
                current: n == number,
            });
            last = n;
        }
        PagerView {
            number,
            count,
            prev: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            pages,
        }
    }
}

/// A term as linked from elsewhere.
#[derive(Serialize, Clone)]
pub struct TermRef<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: &'a str,
    pub native: Option<&'a str>,
    pub lang: Option<&'a str>,
    /// `rtl` for right-to-left scripts, so the native form displays right.
    pub dir: Option<&'static str>,
    pub aliases: Vec<&'a str>,
    /// What the term names (`person`, `place`...), if its front matter says.
    pub kind: Option<&'static str>,
    /// The same as a reader sees it: `Person`.
    pub kind_label: Option<&'a str>,
    /// A person's years, "1872–1925", if `born` or `died` is given.
    pub years: Option<String>,
}

#[derive(Serialize)]
pub struct TermView<'a> {
    #[serde(flatten)]
    pub term: TermRef<'a>,
    pub content: &'a str,
    /// A person's life dates in full, shown under the name.
    pub life: Option<LifeView>,
    /// The term's own events, in order.
    pub events: Vec<DatedView<'a>>,
    /// The first page of the pages that mention the term, linked or not:
    /// [`MentionRef`]s.
    pub mentions: Vec<&'a tera::Value>,
    /// Where that page is among the pages of mentions, if there are more.
    pub mentions_pager: Option<PagerView>,
    /// The works the entry cites, as its list of sources shows them.
    pub sources: &'a [Work],
    /// The Wikidata item for the same thing.
    pub wikidata: Option<WikidataRef<'a>>,
    /// For a place with coordinates, the map of its region: a [`LocatorView`].
    pub locator: Option<&'a tera::Value>,
}

#[derive(Serialize)]
pub struct WikidataRef<'a> {
    /// `Q3616`
    pub id: &'a str,
    /// `https://www.wikidata.org/wiki/Q3616`
    pub url: String,
}

impl<'a> WikidataRef<'a> {
    pub fn new(id: &'a str) -> Self {
        WikidataRef {
            id,
            url: wikidata_url(id),
        }
    }
}

/// The map page's map: the land as one SVG path in a viewBox of `width` by
/// `height` units, and every place with its dot and label.
#[derive(Serialize)]
pub struct MapView<'a> {
    pub width: u32,
    pub height: u32,
    /// The `d` of a path to fill even-odd: land, with lakes as holes.
    pub outline: String,
    /// The labels' font size and the dots' radius, in viewBox units.
    pub font_size: f64,
    pub radius: f64,
    pub places: Vec<MapPlace<'a>>,
    pub credit: crate::map::Credit,
}

/// A place on the map page.
#[derive(Serialize)]
pub struct MapPlace<'a> {
    #[serde(flatten)]
    pub term: TermRef<'a>,
    /// The id of its entry in the list under the map (`place-tabriz`).
    pub id: String,
    /// `38.08° N, 46.29° E`
    pub coordinates: String,
    /// The dot's centre.
    pub x: f64,
    pub y: f64,
    pub label: LabelView,
}

/// Where a label is written: its baseline's start, middle or end.
#[derive(Serialize)]
pub struct LabelView {
    pub x: f64,
    pub y: f64,
    /// `start`, `middle` or `end`, for SVG's `text-anchor`.
    pub anchor: &'static str,
}

/// A place term's locator: the region around it, with a dot at the place.
#[derive(Serialize)]
pub struct LocatorView {
    pub width: u32,
    pub height: u32,
    pub outline: String,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub coordinates: String,
    /// The place on the map page: the page with the place's entry as fragment.
    pub map_url: String,
}

/// The page of the Wikidata item `id` (`Q3616`).
pub fn wikidata_url(id: &str) -> String {
    format!("https://www.wikidata.org/wiki/{id}")
}

/// A page mentioning a term: an article, or another term.
#[derive(Serialize, Clone)]
pub struct MentionRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
    /// `article`, `term` or `page` (an `_index.md`).
    pub kind: &'static str,
}

/// The terms filed under one letter on the glossary page.
#[derive(Serialize)]
pub struct LetterGroup<'a> {
    pub letter: String,
    /// An id for the letter's heading (`letter-a`).
    pub anchor: String,
    pub terms: Vec<TermRef<'a>>,
}

/// The terms of one kind on the glossary page, A–Z; `kind` is empty for
/// the terms whose front matter gives none.
#[derive(Serialize)]
pub struct KindGroup<'a> {
    pub kind: &'static str,
    pub heading: &'a str,
    /// An id for the group's section (`kind-person`), which its filter link targets.
    pub anchor: String,
    pub terms: Vec<TermRef<'a>>,
}

/// A picture on the credits page: what it shows, where it appears, and who
/// made it, from where, under what terms.
#[derive(Serialize)]
pub struct FigureCredit<'a> {
    /// The picture's URL, for a thumbnail: its narrowest size.
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The full picture.
    pub zoom: String,
    /// Its path under `static/`, or its address if another site's.
    pub file: String,
    /// Its alt text, which says what it shows.
    pub description: &'a str,
    /// The first page it appears on, and all of them.
    pub page: PageRef<'a>,
    pub pages: Vec<PageRef<'a>>,
    pub credit: Option<&'a str>,
    pub source: Option<&'a str>,
    pub license: Option<&'a str>,
    /// Where each value was read: "sidecar", "page", or the field of the
    /// file ("EXIF Artist").
    pub credit_from: Option<&'a str>,
    pub source_from: Option<&'a str>,
    pub license_from: Option<&'a str>,
    /// When the picture was made, as its sidecar gives it, in words.
    pub date: Option<String>,
}

/// The text of an `_index.md`.
#[derive(Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub content: &'a str,
    /// The works its text cites.
    pub sources: &'a [Work],
}

/// A work on the page of every source, with the pages citing it.
#[derive(Serialize)]
pub struct WorkView<'a> {
    #[serde(flatten)]
    pub work: &'a Work,
    /// [`MentionRef`]s: articles newest first, then glossary entries A–Z,
    /// then other pages.
    pub cited_by: Vec<&'a tera::Value>,
}

/// One URL in the sitemap.
#[derive(Serialize)]
pub struct SitemapEntry {
    pub permalink: String,
    pub lastmod: Option<String>,
    /// The page in each of the site's languages, when it has several.
    pub alternates: Vec<crate::languages::alternates::Alternate>,
}

/// Languages written right to left, by primary subtag.
pub fn direction(lang: Option<&str>) -> Option<&'static str> {
    let primary = lang?.split(['-', '_']).next()?.to_ascii_lowercase();
    const RTL: &[&str] = &[
        "ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "ota", "syr", "arc",
    ];
    RTL.contains(&primary.as_str()).then_some("rtl")
}

/// The direction of a native form: its language's, or, with no language
/// given, `rtl` when it is written in Hebrew or Arabic script.
pub fn native_direction(lang: Option<&str>, native: Option<&str>) -> Option<&'static str> {
    if lang.is_some() {
        return direction(lang);
    }
    let rtl = |c: char| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    native?
        .chars()
        .find(|c| c.is_alphabetic())
        .filter(|&c| rtl(c))
        .map(|_| "rtl")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_forms_in_arabic_script_read_right_to_left() {
        assert_eq!(native_direction(Some("fa"), Some("مجلس")), Some("rtl"));
        assert_eq!(native_direction(None, Some("مجلس")), Some("rtl"));
        assert_eq!(native_direction(None, Some("Тебриз")), None);
        assert_eq!(native_direction(Some("ru"), Some("Тебриз")), None);
        assert_eq!(native_direction(None, None), None);
    }
}
