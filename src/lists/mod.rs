//! Lists: what gathers articles together, read from front matter alone.
//! The series each article is a part of, in order; the tags, each spelling
//! a reader takes for one tag made one; and how every list is cut into
//! pages. Then, from the terms each article's text mentions, the related
//! reading. Nothing here knows about rendering: the render stage shows what
//! this stage found.

pub mod paging;
pub mod related;

use std::collections::HashMap;

use crate::diagnostics::Diagnostics;
use crate::load::Article;
use crate::slug::{fold, slugify};

/// Where the series are listed, and each under it.
pub const SERIES: &str = "series/";
/// Where the tags are listed, and each under it.
pub const TAGS: &str = "tags/";

/// The articles' series and tags.
#[derive(Debug, Default, Clone)]
pub struct Lists {
    /// Every series, by name A–Z.
    pub series: Vec<Series>,
    /// Every tag, by name A–Z.
    pub tags: Vec<Tag>,
    /// For each article, its series and its place among the parts.
    pub part_of: Vec<Option<Part>>,
    /// For each article, its tags (indices into `tags`) in the order given.
    pub tagged: Vec<Vec<usize>>,
}

/// A series of articles.
#[derive(Debug, Clone)]
pub struct Series {
    /// As the first part (in order) spells it.
    pub name: String,
    /// Its page's site path: `series/the-constitutional-revolution/`.
    pub site_path: String,
    /// Its parts' article indices, in order.
    pub parts: Vec<usize>,
    /// The number of the last part: the parts written or announced.
    pub of: u64,
}

/// An article's place in its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub series: usize,
    /// Its place in [`Series::parts`].
    pub index: usize,
    /// Its number as readers see it: `series_part`, or for a part without
    /// one the next after the numbered parts.
    pub number: u64,
}

/// A tag, and the articles it is given to.
#[derive(Debug, Clone)]
pub struct Tag {
    /// As first written (in the order articles are read).
    pub name: String,
    /// Its page's site path: `tags/iran/`.
    pub site_path: String,
    /// Its articles, in the order they were read.
    pub articles: Vec<usize>,
}

impl Lists {
    /// The series and tags of `articles`, with every problem found: two
    /// parts of one series with the same number (an error naming both
    /// files), and one tag spelt in several ways (a warning naming the
    /// others).
    pub fn gather(articles: &[Article]) -> (Lists, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let (series, part_of) = gather_series(articles, &mut diagnostics);
        let (tags, tagged) = gather_tags(articles, &mut diagnostics);
        let lists = Lists {
            series,
            tags,
            part_of,
            tagged,
        };
        (lists, diagnostics)
    }

    /// A warning for each `_index.md` giving the text of a series or tag
    /// that no article names, which no page would show.
    pub fn unused_texts(&self, sections: &[crate::load::Section]) -> Diagnostics {
        let mut diagnostics = Diagnostics::new();
        for section in sections {
            let path = section.source.site_path.as_str();
            let (list, known) = if path.starts_with(SERIES) && path != SERIES {
                ("series", self.series.iter().any(|s| s.site_path == path))
            } else if path.starts_with(TAGS) && path != TAGS {
                ("tag", self.tags.iter().any(|t| t.site_path == path))
            } else {
                continue;
            };
            if !known {
                diagnostics.push(
                    crate::diagnostics::Diagnostic::warning(
                        &section.source.path,
                        format!("no article is in the {list} published at /{path}, so this text is shown nowhere"),
                    )
                    .with_help(format!("name the {list} in an article's front matter, or remove this file")),
                );
            }
        }
        diagnostics
    }

    /// The series (with the article's place in it) that article `i` is a part of.
    pub fn series_of(&self, i: usize) -> Option<(&Series, Part)> {
        let part = (*self.part_of.get(i)?)?;
        Some((&self.series[part.series], part))
    }
}

/// The articles in the order lists show them: newest first, undated ones
/// after dated ones, by title.
pub fn newest_first(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&articles[x], &articles[y]);
        b.date
            .cmp(&a.date)
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    order
}

/// A URL segment for `name`, told apart from those `taken` (by the names
/// they were made for): `iran`, or `iran-2` for another name whose segment
/// would be the same.
fn segment(name: &str, taken: &mut HashMap<String, String>) -> String {
    let base = match slugify(name) {
        s if s.is_empty() => "untitled".to_string(),
        s => s,
    };
    let key = fold(name);
    let mut candidate = base.clone();
    let mut n = 1;
    loop {
        match taken.get(&candidate) {
            None => {
                taken.insert(candidate.clone(), key);
                return candidate;
            }
            Some(other) if *other == key => return candidate,
            Some(_) => {
                n += 1;
                candidate = format!("{base}-{n}");
            }
        }
    }
}

fn gather_series(
    articles: &[Article],
    diagnostics: &mut Diagnostics,
) -> (Vec<Series>, Vec<Option<Part>>) {
    // Each series by its folded name, with its members.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let Some(name) = &article.meta.series else {
            continue;
        };
        let key = fold(name.get_ref());
        let next = members.len();
        let s = *by_key.entry(key).or_insert(next);
        if s == next {
            members.push(Vec::new());
        }
        members[s].push(i);
    }
    let number = |i: usize| {
        (articles[i].meta.series_part.as_ref())
            .and_then(|p| u64::try_from(*p.get_ref()).ok())
            .filter(|&n| n >= 1)
    };
    let mut series = Vec::with_capacity(members.len());
    for mut parts in members {
        // Numbered parts by number, then the others oldest first.
        parts.sort_by(|&x, &y| {
            let (a, b) = (&articles[x], &articles[y]);
            (number(x).is_none(), number(x), a.date, &a.meta.title, x).cmp(&(
                number(y).is_none(),
                number(y),
                b.date,
                &b.meta.title,
                y,
            ))
        });
        for pair in parts.windows(2) {
            if let (Some(n), Some(m)) = (number(pair[0]), number(pair[1]))
                && n == m
            {
                let (first, second) = (&articles[pair[0]], &articles[pair[1]]);
                let at = second
                    .meta
                    .series_part
                    .as_ref()
                    .map_or(0, |p| p.span().start);
                diagnostics.push(
                    second
                        .source
                        .error_at(
                            second.source.toml_start + at,
                            format!(
                                "this article and {} are both part {n} of the series “{}”",
                                first.source.path.display(),
                                first
                                    .meta
                                    .series
                                    .as_ref()
                                    .map_or("", |s| s.get_ref().trim()),
                            ),
                        )
                        .with_help("give each part of a series its own `series_part`"),
                );
            }
        }
        let name = (articles[parts[0]].meta.series.as_ref())
            .map(|s| s.get_ref().trim().to_string())
            .unwrap_or_default();
        series.push((name, parts));
    }
    // Each name folded once, not at every comparison.
    series.sort_by_cached_key(|(name, _)| (fold(name), name.clone()));
    let mut taken = HashMap::new();
    let mut part_of = vec![None; articles.len()];
    let series = (series.into_iter().enumerate())
        .map(|(s, (name, parts))| {
            let highest = parts.iter().filter_map(|&i| number(i)).max().unwrap_or(0);
            let mut unnumbered = highest;
            for (index, &i) in parts.iter().enumerate() {
                let number = number(i).unwrap_or_else(|| {
                    unnumbered += 1;
                    unnumbered
                });
                part_of[i] = Some(Part {
                    series: s,
                    index,
                    number,
                });
            }
            Series {
                site_path: format!("{SERIES}{}/", segment(&name, &mut taken)),
                name,
                of: unnumbered,
                parts,
            }
        })
        .collect();
    (series, part_of)
}

fn gather_tags(articles: &[Article], diagnostics: &mut Diagnostics) -> (Vec<Tag>, Vec<Vec<usize>>) {
    struct Gathered {
        name: String,
        articles: Vec<usize>,
        /// Other spellings, each with where it was first seen.
        others: Vec<(String, usize, usize)>,
    }
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut tagged: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (i, article) in articles.iter().enumerate() {
        for tag in &article.meta.tags {
            let name = tag
                .get_ref()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if name.is_empty() {
                continue;
            }
            let next = gathered.len();
            let t = *by_key.entry(fold(&name)).or_insert(next);
            if t == next {
                gathered.push(Gathered {
                    name: name.clone(),
                    articles: Vec::new(),
                    others: Vec::new(),
                });
            }
            let g = &mut gathered[t];
            if name != g.name && !g.others.iter().any(|(o, _, _)| *o == name) {
                g.others.push((name, i, tag.span().start));
            }
            if !tagged[i].contains(&t) {
                tagged[i].push(t);
                g.articles.push(i);
            }
        }
    }
    for g in &gathered {
        for (other, i, at) in &g.others {
            let source = &articles[*i].source;
            diagnostics.push(
                source
                    .warning_at(
                        source.toml_start + at,
                        format!("the tag “{other}” is listed as “{}”", g.name),
                    )
                    .with_help("tags that differ only by case or accents are one tag, spelt as first written; write it the same way everywhere"),
            );
        }
    }
    // A–Z, and every article's tags renumbered to match.
    let mut order: Vec<usize> = (0..gathered.len()).collect();
    order.sort_by_cached_key(|&t| (fold(&gathered[t].name), gathered[t].name.clone()));
    let mut place = vec![0; gathered.len()];
    for (to, &from) in order.iter().enumerate() {
        place[from] = to;
    }
    for tags in &mut tagged {
        for t in tags.iter_mut() {
            *t = place[*t];
        }
    }
    let mut taken = HashMap::new();
    let mut slots: Vec<Option<Gathered>> = gathered.into_iter().map(Some).collect();
    let tags = order
        .iter()
        .filter_map(|&from| slots[from].take())
        .map(|g| Tag {
            site_path: format!("{TAGS}{}/", segment(&g.name, &mut taken)),
            name: g.name,
            articles: g.articles,
        })
        .collect();
    (tags, tagged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_whose_segments_clash_are_told_apart() {
        let mut taken = HashMap::new();
        assert_eq!(segment("Iran", &mut taken), "iran");
        assert_eq!(segment("IRÁN", &mut taken), "iran");
        // Another name, the same letters once transliterated.
        assert_eq!(segment("Iran!", &mut taken), "iran-2");
        assert_eq!(segment("???", &mut taken), "untitled");
    }
}
