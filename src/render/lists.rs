//! The site's lists and the references in them: articles newest first,
//! terms under their letters or kinds, the pages that mention each term.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::load::{Article, Kind};
use crate::markdown;
use crate::sources::Work;

use super::Site;
use super::views::*;

/// The articles in the order lists show them, read from front matter alone:
/// newest first, undated ones after dated ones, by title; with the newest date.
pub fn order(site: &Site) -> (Vec<usize>, Option<String>) {
    let order = crate::lists::newest_first(site.articles);
    let newest = (order.first()).and_then(|&i| site.articles[i].date.map(|d| d.iso()));
    (order, newest)
}

/// A page that can mention a term, by its place in the site's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageId {
    Article(usize),
    Term(usize),
    Section(usize),
}

/// For each term, the pages that mention it: articles newest first, then
/// glossary entries A–Z, then index pages. `mentions(page)` gives the terms
/// each page mentions.
pub fn backlinks<'m>(
    site: &Site,
    order: &[usize],
    mentions: impl Fn(PageId) -> &'m BTreeSet<usize>,
) -> Vec<Vec<PageId>> {
    let mut by_term = vec![Vec::new(); site.glossary.terms.len()];
    for page in in_order(site, order) {
        for &term in mentions(page) {
            by_term[term].push(page);
        }
    }
    by_term
}

/// Every page that can mention a term or cite a work, in the order lists of
/// them show: articles newest first (`order`), glossary entries A–Z, index pages.
fn in_order(site: &Site, order: &[usize]) -> impl Iterator<Item = PageId> {
    (order.iter().map(|&i| PageId::Article(i)))
        .chain((0..site.glossary.terms.len()).map(PageId::Term))
        .chain((0..site.sections.len()).map(PageId::Section))
}

/// For each work cited, the pages that cite it, in the order of
/// [`backlinks`]. `works(page)` gives the works each page cites.
pub fn cited_by<'w>(
    site: &Site,
    order: &[usize],
    works: impl Fn(PageId) -> &'w [Work],
) -> HashMap<&'w str, Vec<PageId>> {
    let mut by_work: HashMap<&str, Vec<PageId>> = HashMap::new();
    for page in in_order(site, order) {
        for work in works(page) {
            by_work.entry(work.key.as_str()).or_default().push(page);
        }
    }
    by_work
}

/// Every page as term pages list it among their mentions, converted for
/// Tera once: a page mentioning many terms appears on many term pages.
pub struct MentionValues {
    articles: Vec<tera::Value>,
    terms: Vec<tera::Value>,
    sections: Vec<tera::Value>,
}

impl MentionValues {
    pub fn new(site: &Site) -> Self {
        let values = |n: usize, page: fn(usize) -> PageId| {
            (0..n)
                .into_par_iter()
                .map(|i| tera::Value::from_serializable(&mention_ref(site, page(i))))
                .collect()
        };
        MentionValues {
            articles: values(site.articles.len(), PageId::Article),
            terms: values(site.glossary.terms.len(), PageId::Term),
            sections: values(site.sections.len(), PageId::Section),
        }
    }

    /// Converts article `i` again, after an edit.
    pub fn set_article(&mut self, site: &Site, i: usize) {
        self.articles[i] = tera::Value::from_serializable(&mention_ref(site, PageId::Article(i)));
    }

    pub fn get(&self, page: PageId) -> &tera::Value {
        match page {
            PageId::Article(i) => &self.articles[i],
            PageId::Term(i) => &self.terms[i],
            PageId::Section(i) => &self.sections[i],
        }
    }
}

/// How a page mentioning a term is listed on the term's page.
pub fn mention_ref<'a>(site: &Site<'a>, page: PageId) -> MentionRef<'a> {
    let (source, title, summary, kind) = match page {
        PageId::Article(i) => {
            let a = &site.articles[i];
            (&a.source, a.meta.title.as_str(), &a.meta.summary, "article")
        }
        PageId::Term(i) => {
            let t = &site.glossary.terms[i];
            (
                &t.source,
                t.meta.title.get_ref().as_str(),
                &t.meta.summary,
                "term",
            )
        }
        PageId::Section(i) => {
            let s = &site.sections[i];
            let title = s.meta.title.as_deref().unwrap_or(&site.config.title);
            (&s.source, title, &s.meta.summary, "page")
        }
    };
    MentionRef {
        title,
        url: site.config.base_url.link(&source.site_path),
        summary,
        kind,
    }
}

/// The glossary's terms under their initial letters, A–Z.
pub fn letter_groups<'a>(site: &Site<'a>) -> Vec<LetterGroup<'a>> {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for (i, term) in site.glossary.terms.iter().enumerate() {
        let letter = crate::glossary::initial_in(term.meta.title.get_ref(), &site.language.code);
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.terms.push(term_ref(site, i)),
            _ => groups.push(LetterGroup {
                anchor: format!("letter-{}", markdown::anchor(&letter)),
                letter,
                terms: vec![term_ref(site, i)],
            }),
        }
    }
    groups
}

/// The glossary's terms by kind, in the order of [`Kind::ALL`] with terms
/// of no kind last, each group A–Z; empty when no term has a kind, as then
/// there is nothing to group by.
pub fn kind_groups<'a>(site: &Site<'a>) -> Vec<KindGroup<'a>> {
    let terms = &site.glossary.terms;
    if terms.iter().all(|t| t.meta.kind.is_none()) {
        return Vec::new();
    }
    let kinds = Kind::ALL.iter().map(|&k| Some(k)).chain([None]);
    kinds
        .filter_map(|kind| {
            let members: Vec<TermRef> = (terms.iter().enumerate())
                .filter(|(_, t)| t.meta.kind == kind)
                .map(|(i, _)| term_ref(site, i))
                .collect();
            (!members.is_empty()).then(|| KindGroup {
                kind: kind.map_or("", Kind::name),
                heading: site.strings.get(kind.map_or("kinds_other", kinds_key)),
                anchor: format!("kind-{}", kind.map_or("other", Kind::name)),
                terms: members,
            })
        })
        .collect()
}

/// The key of a kind's name in the site's strings: `kind_person`.
fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "kind_person",
        Kind::Place => "kind_place",
        Kind::Organisation => "kind_organisation",
        Kind::Event => "kind_event",
        Kind::Concept => "kind_concept",
    }
}

/// The key of the heading of a kind's terms: `kinds_person`, "People".
fn kinds_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "kinds_person",
        Kind::Place => "kinds_place",
        Kind::Organisation => "kinds_organisation",
        Kind::Event => "kinds_event",
        Kind::Concept => "kinds_concept",
    }
}

pub fn term_ref<'a>(site: &Site<'a>, i: usize) -> TermRef<'a> {
    let base = &site.config.base_url;
    let t = &site.glossary.terms[i];
    TermRef {
        slug: &t.slug,
        title: t.meta.title.get_ref(),
        url: base.link(&t.source.site_path),
        permalink: base.permalink(&t.source.site_path),
        summary: &t.meta.summary,
        native: t.meta.native.as_deref(),
        lang: t.meta.lang.as_deref(),
        dir: native_direction(t.meta.lang.as_deref(), t.meta.native.as_deref()),
        aliases: t.meta.aliases.iter().map(|a| a.get_ref().trim()).collect(),
        kind: t.meta.kind.map(Kind::name),
        kind_label: (t.meta.kind).map(|k| site.strings.get(kind_key(k))),
        years: crate::dates::compact_years(t.life.born, t.life.died),
    }
}

pub fn page_ref<'a>(a: &'a Article, site: &Site) -> PageRef<'a> {
    let base = &site.config.base_url;
    let path = &a.source.site_path;
    PageRef {
        title: &a.meta.title,
        url: base.link(path),
        permalink: base.permalink(path),
        summary: &a.meta.summary,
        label: a.meta.label.as_deref(),
        date: a.date.map(|d| DateView::of(d, site.language)),
    }
}
