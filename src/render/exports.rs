//! Data files for other tools: `glossary.json`, every term with its names,
//! definition, URL and the pages that mention it, and its kind, Wikidata
//! item and coordinates where it has them.

use serde::Serialize;

use super::Site;
use super::lists::{PageId, mention_ref};

/// Where the glossary's data is written, under the output root.
pub const GLOSSARY_JSON: &str = "glossary.json";

#[derive(Serialize)]
struct TermRecord<'a> {
    slug: &'a str,
    title: &'a str,
    aliases: Vec<&'a str>,
    native: Option<&'a str>,
    lang: Option<&'a str>,
    summary: &'a str,
    url: String,
    mentioned_in: Vec<&'a PageRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    /// `[lat, lon]`, in decimal degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    coordinates: Option<[f64; 2]>,
}

#[derive(Serialize)]
struct GlossaryRecord<'a> {
    terms: Vec<TermRecord<'a>>,
}

#[derive(Serialize)]
struct PageRecord<'a> {
    title: &'a str,
    url: String,
}

/// `glossary.json`, A–Z like the glossary page; `mentions[i]` are the pages
/// mentioning term `i`.
pub fn glossary_json(site: &Site, mentions: &[Vec<PageId>]) -> Vec<u8> {
    let base = &site.config.base_url;
    // Each page as the lists give it, made once: a page is in many lists.
    let record = |page| {
        let page = mention_ref(site, page);
        PageRecord {
            title: page.title,
            url: base.full_url(&page.url),
        }
    };
    let articles: Vec<PageRecord> = (0..site.articles.len())
        .map(|i| record(PageId::Article(i)))
        .collect();
    let terms: Vec<PageRecord> = (0..site.glossary.terms.len())
        .map(|i| record(PageId::Term(i)))
        .collect();
    let sections: Vec<PageRecord> = (0..site.sections.len())
        .map(|i| record(PageId::Section(i)))
        .collect();
    let of = |page| match page {
        PageId::Article(i) => &articles[i],
        PageId::Term(i) => &terms[i],
        PageId::Section(i) => &sections[i],
    };
    let terms: Vec<TermRecord> = site
        .glossary
        .terms
        .iter()
        .zip(mentions)
        .map(|(t, pages)| TermRecord {
            slug: &t.slug,
            title: t.meta.title.get_ref(),
            aliases: t.meta.aliases.iter().map(|a| a.get_ref().trim()).collect(),
            native: t.meta.native.as_deref(),
            lang: t.meta.lang.as_deref(),
            summary: &t.meta.summary,
            url: base.permalink(&t.source.site_path),
            mentioned_in: pages.iter().map(|&p| of(p)).collect(),
            kind: t.meta.kind.map(crate::load::Kind::name),
            wikidata: t.meta.wikidata.as_ref().map(|id| id.get_ref().as_str()),
            coordinates: crate::map::position(t).map(|at| [at.lat, at.lon]),
        })
        .collect();
    let mut json =
        serde_json::to_vec(&GlossaryRecord { terms }).expect("glossary records serialise");
    json.push(b'\n');
    json
}
