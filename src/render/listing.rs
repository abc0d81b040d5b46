//! The pages that list articles, each cut into pages of `[lists] per_page`:
//! the home page, each section, series and tag, the lists of every series
//! and tag, and the later pages of a term's "Mentioned in". Page 1 of a
//! list is at its own path, page N at `<list>page/N/`.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::lists::related::Related;
use crate::lists::{Series, paging};

use super::lists::{MentionValues, PageId};
use super::meta::MetaView;
use super::pages::{Made, Pages, index_of};
use super::views::*;
use super::{Bodies, Site};

/// A part of a series as the series' page lists it.
#[derive(Serialize)]
struct PartRef<'a> {
    #[serde(flatten)]
    page: &'a PageRef<'a>,
    number: u64,
}

/// A series as the list of every series shows it.
#[derive(Serialize)]
struct SeriesRef<'a> {
    name: &'a str,
    url: String,
    parts: usize,
    of: u64,
}

impl<'a> Pages<'_, 'a> {
    /// Each page of the list at `path` of `items`: `render` fills the
    /// context of each (made with the previews of `bodies` on page 1) with
    /// its items, and names its template.
    fn paged<T: Serialize + Sync>(
        &self,
        path: &str,
        items: &[T],
        bodies: &[&super::bodies::Body],
        render: impl Fn(&mut Context, &[T], usize) -> &'static str + Sync,
    ) -> Vec<Made> {
        self.paged_from(1, path, items, bodies, render)
    }

    /// The pages from page `first` of [`Self::paged`].
    fn paged_from<T: Serialize + Sync>(
        &self,
        first: usize,
        path: &str,
        items: &[T],
        bodies: &[&super::bodies::Body],
        render: impl Fn(&mut Context, &[T], usize) -> &'static str + Sync,
    ) -> Vec<Made> {
        let base = &self.site.config.base_url;
        let pages: Vec<paging::Page> = paging::pages(items.len(), self.site.config.lists.per_page)
            .filter(|p| p.number >= first)
            .collect();
        pages
            .into_par_iter()
            .map(|page| {
                let at = paging::path(path, page.number);
                let mut ctx = if page.number == 1 {
                    self.page_context(&at, bodies)
                } else {
                    self.context(&at)
                };
                if page.count > 1 {
                    ctx.insert(
                        "pager",
                        &PagerView::new(base, path, page.number, page.count),
                    );
                }
                let template = render(&mut ctx, &items[page.start..page.end], page.number);
                self.file(template, index_of(&at), &ctx)
            })
            .collect()
    }

    /// The home page: its text, then the articles newest first.
    pub fn home(&self, bodies: &Bodies, listed: &[PageRef]) -> Vec<Made> {
        let site = self.site;
        let (home, body) = self.section_view(bodies, "", &site.config.title);
        self.paged("", listed, &body, |ctx, articles, number| {
            let at = paging::path("", number);
            ctx.insert("meta", &MetaView::page(site, home.title, home.summary, &at));
            ctx.insert("section", &home);
            ctx.insert("articles", articles);
            "index.html"
        })
    }

    /// The page of an `_index.md` other than the home page's and those of
    /// the pages the build makes, listing the articles under it.
    pub fn section(&self, i: usize, bodies: &Bodies, listed: &[PageRef]) -> Vec<Made> {
        let site = self.site;
        let path = &site.sections[i].source.site_path;
        let pages: Vec<&PageRef> = (self.prepared.order.iter().zip(listed))
            .filter(|&(&a, _)| site.articles[a].source.site_path.starts_with(path.as_str()))
            .map(|(_, page)| page)
            .collect();
        let (view, body) = self.section_view(bodies, path, "Untitled");
        self.paged(path, &pages, &body, |ctx, pages, number| {
            let at = paging::path(path, number);
            ctx.insert("meta", &MetaView::page(site, view.title, view.summary, &at));
            ctx.insert("section", &view);
            ctx.insert("pages", pages);
            "section.html"
        })
    }

    /// `/series/`, listing every series, and each series' page listing its
    /// parts in order; nothing for a site without series.
    pub fn series(&self, bodies: &Bodies, listed: &[PageRef]) -> Vec<Made> {
        let site = self.site;
        let all = &site.lists.series;
        if all.is_empty() {
            return Vec::new();
        }
        let base = &site.config.base_url;
        let refs: Vec<SeriesRef> = (all.iter())
            .map(|s| SeriesRef {
                name: &s.name,
                url: base.link(&s.site_path),
                parts: s.parts.len(),
                of: s.of,
            })
            .collect();
        let path = crate::lists::SERIES;
        let (view, body) = self.section_view(bodies, path, "Series");
        let mut made = self.paged(path, &refs, &body, |ctx, series, number| {
            let at = paging::path(path, number);
            ctx.insert("meta", &MetaView::page(site, view.title, view.summary, &at));
            ctx.insert("section", &view);
            ctx.insert("series", series);
            "series-list.html"
        });
        let place = self.places();
        made.par_extend(
            (all.par_iter())
                .flat_map_iter(|series| self.one_series(series, bodies, listed, &place)),
        );
        made
    }

    fn one_series(
        &self,
        series: &Series,
        bodies: &Bodies,
        listed: &[PageRef],
        place: &[usize],
    ) -> Vec<Made> {
        let site = self.site;
        let parts: Vec<PartRef> = (series.parts.iter())
            .map(|&i| PartRef {
                page: &listed[place[i]],
                number: site.lists.part_of[i].map_or(0, |p| p.number),
            })
            .collect();
        let path = &series.site_path;
        let (view, body) = self.section_view(bodies, path, &series.name);
        let description = format!("A series of {} parts", series.of);
        self.paged(path, &parts, &body, |ctx, parts, number| {
            let at = paging::path(path, number);
            let summary = if view.summary.is_empty() {
                description.as_str()
            } else {
                view.summary
            };
            ctx.insert("meta", &MetaView::page(site, view.title, summary, &at));
            ctx.insert("section", &view);
            ctx.insert("parts", parts);
            ctx.insert("of", &series.of);
            "series.html"
        })
    }

    /// `/tags/`, listing every tag with its count, and each tag's page
    /// listing its articles newest first; nothing for a site without tags.
    pub fn tags(&self, bodies: &Bodies, listed: &[PageRef]) -> Vec<Made> {
        let site = self.site;
        let all = &site.lists.tags;
        if all.is_empty() {
            return Vec::new();
        }
        let base = &site.config.base_url;
        let refs: Vec<TagLink> = (all.iter())
            .map(|t| TagLink {
                name: &t.name,
                url: base.link(&t.site_path),
                count: t.articles.len(),
            })
            .collect();
        let path = crate::lists::TAGS;
        let (view, body) = self.section_view(bodies, path, "Tags");
        let mut ctx = self.page_context(path, &body);
        ctx.insert(
            "meta",
            &MetaView::page(site, view.title, view.summary, path),
        );
        ctx.insert("section", &view);
        ctx.insert("tags", &refs);
        let mut made = vec![self.file("tags.html", index_of(path), &ctx)];
        let place = self.places();
        made.par_extend(all.par_iter().flat_map_iter(|tag| {
            let mut articles: Vec<usize> = tag.articles.iter().map(|&i| place[i]).collect();
            articles.sort_unstable();
            let pages: Vec<&PageRef> = articles.iter().map(|&p| &listed[p]).collect();
            let path = &tag.site_path;
            let (view, body) = self.section_view(bodies, path, &tag.name);
            let description = format!("Articles tagged “{}”", tag.name);
            self.paged(path, &pages, &body, |ctx, pages, number| {
                let at = paging::path(path, number);
                let summary = if view.summary.is_empty() {
                    description.as_str()
                } else {
                    view.summary
                };
                ctx.insert("meta", &MetaView::page(site, view.title, summary, &at));
                ctx.insert("section", &view);
                ctx.insert("pages", pages);
                "tag.html"
            })
        }));
        made
    }

    /// The pages after the first of term `i`'s "Mentioned in", if its
    /// mentions take more than one.
    pub fn term_mentions(
        &self,
        i: usize,
        mentioned_by: &[PageId],
        refs: &MentionValues,
    ) -> Vec<Made> {
        let site = self.site;
        let per_page = site.config.lists.per_page;
        if mentioned_by.len() <= per_page {
            return Vec::new();
        }
        let term = super::lists::term_ref(site, i);
        let path = &site.glossary.terms[i].source.site_path;
        let mentions: Vec<&tera::Value> = mentioned_by.iter().map(|&p| refs.get(p)).collect();
        let title = (site.strings).fill("mentioned_in_title", &[("title", term.title)]);
        // Page 1 is the term's own page.
        self.paged_from(2, path, &mentions, &[], |ctx, mentions, number| {
            let at = paging::path(path, number);
            ctx.insert("meta", &MetaView::page(site, &title, term.summary, &at));
            ctx.insert("term", &term);
            ctx.insert("mentions", mentions);
            "mentions.html"
        })
    }

    /// Each article's place in the site's order, newest first.
    fn places(&self) -> Vec<usize> {
        let mut place = vec![0; self.site.articles.len()];
        for (p, &i) in self.prepared.order.iter().enumerate() {
            place[i] = p;
        }
        place
    }
}

/// An article's series, with the parts on either side of it.
pub fn series_nav<'a>(site: &Site<'a>, i: usize) -> Option<SeriesNav<'a>> {
    let (series, part) = site.lists.series_of(i)?;
    let base = &site.config.base_url;
    let link = |index: usize| {
        let j = *series.parts.get(index)?;
        let a = &site.articles[j];
        Some(PartLink {
            title: &a.meta.title,
            url: base.link(&a.source.site_path),
            number: site.lists.part_of[j].map_or(0, |p| p.number),
        })
    };
    Some(SeriesNav {
        name: &series.name,
        url: base.link(&series.site_path),
        number: part.number,
        of: series.of,
        prev: part.index.checked_sub(1).and_then(link),
        next: link(part.index + 1),
    })
}

/// An article's related reading, each saying which terms it shares.
pub fn related_links<'a>(site: &Site<'a>, related: &[Related]) -> Vec<RelatedLink<'a>> {
    let base = &site.config.base_url;
    (related.iter())
        .map(|r| {
            let a = &site.articles[r.article];
            let names: Vec<&str> = (r.shared.iter().take(SHARED_NAMED))
                .map(|&t| site.glossary.terms[t].meta.title.get_ref().as_str())
                .collect();
            RelatedLink {
                title: &a.meta.title,
                url: base.link(&a.source.site_path),
                why: (site.strings).fill("also_about", &[("terms", &spoken_list(site, &names))]),
            }
        })
        .collect()
}

/// At most this many shared terms are named for each related article.
const SHARED_NAMED: usize = 2;

/// `a`, `a and b`, `a, b and c`, in the site's language.
fn spoken_list(site: &Site, names: &[&str]) -> String {
    let (and, comma) = (site.strings.get("list_and"), site.strings.get("list_comma"));
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(comma)),
    }
}

/// An article's tags, linked.
pub fn tag_links<'a>(site: &Site<'a>, i: usize) -> Vec<TagLink<'a>> {
    let base = &site.config.base_url;
    (site.lists.tagged.get(i).into_iter().flatten())
        .map(|&t| {
            let tag = &site.lists.tags[t];
            TagLink {
                name: &tag.name,
                url: base.link(&tag.site_path),
                count: tag.articles.len(),
            }
        })
        .collect()
}
