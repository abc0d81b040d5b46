//! Rendering again after an edit to the text of some articles: their own
//! pages, and only the pages that show something of theirs. Which pages those
//! are follows from what changed: a new title, summary, label or date shows
//! wherever the article is listed or previewed; new mentions show on the
//! pages of the terms gained or lost; new words show in the search index
//! (the page's fragments, the shards of those words and the manifest) and
//! in the related reading of the articles sharing them; new events show on
//! the timeline (and a site gaining or losing its
//! timeline changes every page's navigation, so it renders whole). What this
//! renders is what a whole render would make, byte for byte.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::load::Article;
use crate::search;

use super::bodies::{self, Body};
use super::lists;
use super::pages::{Made, Pages};
use super::{Keep, OutputFile, Site, State, exports, reader, timeline};

/// The edit needs the whole site rendered: the new text has problems to
/// report, or a template failed, and only a whole render reports them all.
#[derive(Debug)]
pub struct NeedsWholeRender;

/// Renders again after the articles `changed` were edited: `site` holds them
/// as they are now, and `changed` each one's index with its version before
/// the edit. Hands `emit` each file that may differ from the last render's,
/// and brings `state` up to date.
pub fn render_changed(
    site: &Site,
    state: &mut State,
    changed: &[(usize, Article)],
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Result<(), NeedsWholeRender> {
    // Pages previewing an edited article are rendered again from their
    // kept HTML, which only a render that kept everything has.
    if state.keep != Keep::Everything {
        return Err(NeedsWholeRender);
    }
    let new_bodies: Vec<Body> = changed
        .par_iter()
        .map(|(i, _)| bodies::article(site, &site.articles[*i]))
        .collect();
    if new_bodies.iter().any(|b| !b.diagnostics.is_empty())
        || timeline::has_timeline(site) != state.prepared.timeline
        || changed
            .iter()
            .any(|(i, before)| regathered(site, *i, before))
    {
        return Err(NeedsWholeRender);
    }
    let mentions_before: Vec<usize> = state.mentioned_by.iter().map(Vec::len).collect();
    let limit = site.config.feed.limit;
    let was_in_feed: Vec<usize> = state.prepared.in_feed(limit).to_vec();
    let mut touched = Touched::default();
    let mut changed_words = Vec::new();
    for ((i, before), body) in changed.iter().zip(new_bodies) {
        let i = *i;
        let old = std::mem::replace(&mut state.bodies.articles[i], body);
        let new = &state.bodies.articles[i];
        touched.articles.insert(i);
        let now = &site.articles[i];
        let listed_anew = listed_differently(before, now);
        if listed_anew {
            touched.lists = true;
            state.prepared.previews.set_article(site, i);
            state.refs.set_article(site, i);
            if mentioned_differently(before, now) {
                touched.terms.extend(old.mentions.union(&new.mentions));
            }
            if previewed_differently(before, now) {
                touched.previewing(site, state, i);
            }
            // The parts on either side name it.
            if let Some((series, part)) = site.lists.series_of(i) {
                let around = part.index.saturating_sub(1)..=part.index + 1;
                touched
                    .articles
                    .extend(around.filter_map(|p| series.parts.get(p).copied()));
            }
        }
        if old.mentions != new.mentions {
            touched.mentions = true;
            touched
                .terms
                .extend(old.mentions.symmetric_difference(&new.mentions));
        }
        touched.sources |= cited(&old) != cited(new);
        touched.credits |= credited(&old) != credited(new);
        // The timeline shows each event with its article's title, and a new
        // title lists the article anew, which renders the timeline.
        touched.timeline |= before.events != now.events;
        let searched = |article: &Article, body: &Body| {
            reader::with_article_doc(site, article, body, |doc| {
                (search::PageWords::of(doc), doc.fragment())
            })
        };
        let (words_before, fragment_before) = searched(before, &old);
        let (words_now, fragment_now) = searched(now, new);
        if fragment_before != fragment_now {
            touched.fragments.insert(i);
        }
        changed_words.extend(state.search.replace(i, &words_before, &words_now));
        touched.feed |= was_in_feed.contains(&i);
        // The sitemap dates each article by its last change.
        touched.sitemap |= before.versions.modified() != now.versions.modified();
    }
    // Each file of fragments holding an edited page, once.
    let pages = super::search_pages(site);
    let groups: BTreeSet<(usize, usize)> = (touched.fragments.iter())
        .map(|&i| search::fragment_group(i, pages))
        .map(|g| (g.start, g.end))
        .collect();
    for group in groups.into_iter().map(|(start, end)| start..end) {
        let fragments: Vec<Vec<u8>> = (group.clone())
            .map(|id| reader::fragment(site, &state.bodies, id))
            .collect();
        touched.search.push(OutputFile {
            path: search::fragment_path(group.start),
            contents: search::fragment_file(&fragments),
        });
    }
    let index_files = (state.search.files_for(&changed_words)).map_err(|_| NeedsWholeRender)?;
    touched
        .search
        .extend(index_files.into_iter().map(|f| OutputFile {
            path: f.path,
            contents: f.contents,
        }));
    if touched.lists {
        (state.prepared.order, state.prepared.newest) = lists::order(site);
        touched.feed = true;
    }
    if touched.lists || touched.mentions {
        let bodies = &state.bodies;
        state.mentioned_by =
            lists::backlinks(site, &state.prepared.order, |p| &bodies.of(p).mentions);
    }
    // Related reading follows the terms each article mentions and, for
    // ties, the order of the lists; it shows each article's title.
    if touched.lists || touched.mentions {
        let related = super::related_reading(site, &state.prepared, &state.bodies.articles);
        (touched.articles).extend((0..related.len()).filter(|&j| related[j] != state.related[j]));
        state.related = related;
    }
    let retitled: BTreeSet<usize> = (changed.iter())
        .filter(|(i, before)| before.meta.title != site.articles[*i].meta.title)
        .map(|(i, _)| *i)
        .collect();
    if !retitled.is_empty() {
        let shows = |r: &Vec<crate::lists::related::Related>| {
            r.iter().any(|r| retitled.contains(&r.article))
        };
        (touched.articles).extend((0..state.related.len()).filter(|&j| shows(&state.related[j])));
    }
    // A term whose mentions take another number of pages gains or loses one.
    let per_page = site.config.lists.per_page;
    let pages = |n: usize| crate::lists::paging::pages(n, per_page).count();
    if (touched.terms.iter())
        .any(|&t| pages(mentions_before[t]) != pages(state.mentioned_by[t].len()))
    {
        return Err(NeedsWholeRender);
    }
    render_touched(site, state, &touched, emit)
}

/// What an edit changed.
#[derive(Default)]
struct Touched {
    /// Articles whose pages change: the edited ones, and those previewing
    /// an edited one whose preview changed.
    articles: BTreeSet<usize>,
    /// Terms whose pages change.
    terms: BTreeSet<usize>,
    /// An article is listed differently: the home, section and glossary
    /// pages, the sitemap and the feed change.
    lists: bool,
    /// An article mentions other terms: `glossary.json` changes.
    mentions: bool,
    /// The files of the search index that changed.
    search: Vec<OutputFile>,
    /// The pages whose fragments changed.
    fragments: BTreeSet<usize>,
    feed: bool,
    /// An article's last change moved: the sitemap changes.
    sitemap: bool,
    /// An article cites other works: the list of every source changes.
    sources: bool,
    /// An article's events or title changed: the timeline changes.
    timeline: bool,
    /// An article shows other pictures, or credits them otherwise: the
    /// credits page changes.
    credits: bool,
}

impl Touched {
    /// Adds the pages whose previews show article `i`. Index pages are
    /// rendered again with the lists.
    fn previewing(&mut self, site: &Site, state: &State, i: usize) {
        let url = site
            .config
            .base_url
            .link(&site.articles[i].source.site_path);
        let shows = |body: &Body| {
            (body.hrefs.iter()).any(|h| h.split(['#', '?']).next() == Some(url.as_str()))
        };
        let bodies = &state.bodies;
        self.articles
            .extend((0..bodies.articles.len()).filter(|&j| shows(&bodies.articles[j])));
        self.terms
            .extend((0..bodies.terms.len()).filter(|&t| shows(&bodies.terms[t])));
    }
}

/// Whether an edit to article `i` moves it between series or tags, or
/// within its series, or changes its aliases or an aliased page's title:
/// the lists and routes of the site are gathered anew.
fn regathered(site: &Site, i: usize, before: &Article) -> bool {
    let (a, b) = (&before.meta, &site.articles[i].meta);
    let value = |s: &Option<toml::Spanned<String>>| s.as_ref().map(|s| s.get_ref().clone());
    let part = |p: &Option<toml::Spanned<i64>>| p.as_ref().map(|p| *p.get_ref());
    let tags =
        |t: &[toml::Spanned<String>]| t.iter().map(|t| t.get_ref().clone()).collect::<Vec<_>>();
    value(&a.series) != value(&b.series)
        || part(&a.series_part) != part(&b.series_part)
        || tags(&a.tags) != tags(&b.tags)
        // Aliases are routed with the site, and their pages show the title.
        || tags(&a.aliases) != tags(&b.aliases)
        || (!b.aliases.is_empty() && a.title != b.title)
        || (b.series.is_some() && before.date != site.articles[i].date)
}

/// The works a page cites, which the list of every source links it from.
fn cited(body: &Body) -> BTreeSet<&str> {
    body.works.iter().map(|w| w.key.as_str()).collect()
}

/// Whether lists, previews, the credits page or the sitemap show the
/// article differently.
fn listed_differently(before: &Article, now: &Article) -> bool {
    let (a, b) = (&before.meta, &now.meta);
    a.title != b.title
        || a.summary != b.summary
        || a.label != b.label
        || before.date != now.date
        || a.photo != b.photo
}

/// Whether the pages of the terms it mentions list the article differently:
/// their "Mentioned in" shows its title and summary, newest first.
fn mentioned_differently(before: &Article, now: &Article) -> bool {
    let (a, b) = (&before.meta, &now.meta);
    a.title != b.title || a.summary != b.summary || before.date != now.date
}

/// Whether the pages linking to the article preview it differently: a
/// preview shows its title, label and summary.
fn previewed_differently(before: &Article, now: &Article) -> bool {
    let (a, b) = (&before.meta, &now.meta);
    a.title != b.title || a.summary != b.summary || a.label != b.label
}

fn render_touched(
    site: &Site,
    state: &State,
    touched: &Touched,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Result<(), NeedsWholeRender> {
    let pages = Pages::new(site, &state.prepared);
    let bodies = &state.bodies;
    let articles = (touched.articles.par_iter())
        .map(|&i| pages.article(i, &bodies.articles[i], &state.related[i]));
    let terms = (touched.terms.par_iter()).flat_map_iter(|&t| {
        let (by, refs) = (&state.mentioned_by[t], &state.refs);
        std::iter::once(pages.term(t, &bodies.terms[t], by, refs))
            .chain(pages.term_mentions(t, by, refs))
    });
    let mut made: Vec<Made> = articles.chain(terms).collect();
    made.extend(super::site_pages(
        &pages,
        site,
        bodies,
        &state.refs,
        super::Refresh {
            lists: touched.lists,
            feed: touched.feed,
            sources: touched.lists || touched.sources,
            sitemap: touched.sitemap,
        },
    ));
    // The lists bring the timeline and the credits with them.
    if touched.timeline && !touched.lists {
        made.extend(pages.timeline(bodies));
    }
    if touched.credits && !touched.lists {
        made.push(pages.credits(bodies));
    }
    for made in made {
        match made {
            Some(Ok(file)) => emit(file),
            Some(Err(_)) => return Err(NeedsWholeRender),
            None => {}
        }
    }
    if touched.lists || touched.mentions {
        emit(OutputFile {
            path: exports::GLOSSARY_JSON.to_string(),
            contents: exports::glossary_json(site, &state.mentioned_by),
        });
    }
    for file in &touched.search {
        emit(file.clone());
    }
    Ok(())
}

/// Each picture a page shows with its alt text; the photo's address, alt
/// text, credit, source and licence.
type Credited<'a> = (Vec<(usize, &'a str)>, Option<[Option<&'a str>; 5]>);

/// What the credits page shows of a page's pictures: each with its alt
/// text, and the photo's credit, source and licence.
fn credited(body: &Body) -> Credited<'_> {
    fn value(v: &Option<crate::images::Valued>) -> Option<&str> {
        v.as_ref().map(|v| v.value.as_str())
    }
    let pictures = (body.found.pictures.iter())
        .map(|u| (u.picture, u.alt.as_str()))
        .collect();
    let photo = body.photo.as_ref().map(|p| {
        [
            Some(p.url.as_str()),
            Some(p.alt.as_str()),
            value(&p.credit),
            value(&p.source),
            value(&p.license),
        ]
    });
    (pictures, photo)
}
