//! The site's maps as templates see them: the map page's map of every place,
//! and each place term's locator. Drawn once a render, since only terms move
//! them and an edit to a term renders the whole site.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::map::{self, LonLat};
use crate::markdown;

use super::Site;
use super::lists;
use super::views::{LabelView, LocatorView, MapPlace, MapView};

/// The maps of a site with places, converted for Tera once.
pub struct Maps {
    /// The map page's `map`: a [`MapView`].
    pub page: tera::Value,
    /// Each term's locator, by glossary index: a [`LocatorView`] for places.
    pub locators: Vec<Option<tera::Value>>,
}

impl Maps {
    /// The maps, or `None` when no term gives coordinates.
    pub fn new(site: &Site) -> Option<Maps> {
        let terms = &site.glossary.terms;
        let places: Vec<(usize, LonLat)> = (terms.iter().enumerate())
            .filter_map(|(i, t)| Some((i, map::position(t)?)))
            .collect();
        if places.is_empty() {
            return None;
        }
        let map_url = site.config.base_url.link(map::PAGE);
        let ids = place_ids(places.iter().map(|&(i, _)| terms[i].slug.as_str()));
        let named: Vec<(LonLat, &str)> = (places.iter())
            .map(|&(i, at)| (at, terms[i].meta.title.get_ref().as_str()))
            .collect();
        let drawing = map::site_map(&named);
        let view = MapView {
            width: drawing.width,
            height: drawing.height,
            outline: drawing.outline,
            font_size: drawing.font_size,
            radius: drawing.radius,
            places: (places.iter().zip(&ids).zip(drawing.dots))
                .map(|((&(i, at), id), dot)| MapPlace {
                    term: lists::term_ref(site, i),
                    id: id.clone(),
                    coordinates: map::coordinates(at),
                    x: dot.x,
                    y: dot.y,
                    label: LabelView {
                        x: dot.label.x,
                        y: dot.label.y,
                        anchor: dot.label.anchor.name(),
                    },
                })
                .collect(),
            credit: map::OUTLINE_CREDIT,
        };
        let drawn: Vec<(usize, tera::Value)> = (places.par_iter().zip(&ids))
            .map(|(&(i, at), id)| {
                let drawing = map::locator(at);
                let dot = &drawing.dots[0];
                let view = LocatorView {
                    width: drawing.width,
                    height: drawing.height,
                    x: dot.x,
                    y: dot.y,
                    radius: drawing.radius,
                    outline: drawing.outline,
                    coordinates: map::coordinates(at),
                    map_url: format!("{map_url}#{id}"),
                };
                (i, tera::Value::from_serializable(&view))
            })
            .collect();
        let mut locators = vec![None; terms.len()];
        for (i, value) in drawn {
            locators[i] = Some(value);
        }
        Some(Maps {
            page: tera::Value::from_serializable(&view),
            locators,
        })
    }
}

/// The id of each place's entry on the map page, from its slug:
/// `place-tabriz`; numbered where two slugs give the same.
fn place_ids<'a>(slugs: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    slugs
        .map(|slug| {
            let id = format!("place-{}", markdown::anchor(slug));
            let mut unique = id.clone();
            let mut n = 1;
            while !taken.insert(unique.clone()) {
                n += 1;
                unique = format!("{id}-{n}");
            }
            unique
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_ids_are_unique() {
        let ids = place_ids(["tabriz", "old/tabriz", "oldtabriz", "Tabriz"].into_iter());
        assert_eq!(
            ids,
            [
                "place-tabriz",
                "place-oldtabriz",
                "place-oldtabriz-2",
                "place-tabriz-2"
            ]
        );
    }
}
