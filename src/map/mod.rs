//! Maps of the site's places: every term whose front matter gives `lat` and
//! `lon`, drawn as a dot on land and coasts from Natural Earth. The site map
//! fits all of them; a place's locator shows the region around it.
//!
//! The outline is today's coasts and lakes, with no borders: modern borders
//! would be wrong on most historical maps, and coasts have changed little.
//! This module draws; `render` puts the drawings through the templates.

mod labels;
mod outline;
mod projection;

pub use labels::{Anchor, Label};
pub use projection::{Bounds, Fit, LonLat, Projection};

use crate::load::Term;

/// Where the map page is published, under the base path.
pub const PAGE: &str = "map/";

/// Who made the outline every map is drawn on, for a page of credits and
/// the maps' captions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Credit {
    /// What the credit is for.
    pub what: &'static str,
    pub credit: &'static str,
    pub source: &'static str,
    pub license: &'static str,
}

/// The outline's credit: Natural Earth, in the public domain.
pub const OUTLINE_CREDIT: Credit = Credit {
    what: "Coasts and lakes of the maps (Natural Earth 4.1.0, 1:50m and 1:110m)",
    credit: "Natural Earth",
    source: "https://www.naturalearthdata.com/",
    license: "Public domain",
};

/// The credit for the site's maps (the map page and every locator), or
/// `None` when the site draws none.
pub fn credit(terms: &[Term]) -> Option<Credit> {
    has_places(terms).then_some(OUTLINE_CREDIT)
}

/// Where a term is, if its front matter gives both `lat` and `lon`.
pub fn position(term: &Term) -> Option<LonLat> {
    let lat = *term.meta.lat.as_ref()?.get_ref();
    let lon = *term.meta.lon.as_ref()?.get_ref();
    Some(LonLat { lon, lat })
}

/// Whether any of the terms is a place with a position: then the site has
/// a map page.
pub fn has_places(terms: &[Term]) -> bool {
    terms.iter().any(|t| position(t).is_some())
}

/// A view drawn: its size in viewBox units, the land as an SVG path's `d`,
/// and a dot (with its label) for each place, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: u32,
    pub height: u32,
    pub outline: String,
    pub dots: Vec<Dot>,
    /// The size of labels and the radius of dots, in viewBox units.
    pub font_size: f64,
    pub radius: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub label: Label,
}

/// The site map: about the page column's width at twice its pixels, and
/// wider than tall, as a screen is.
const SITE_MAP: Fit = Fit {
    width: 1000.0,
    min_aspect: 0.5,
    max_aspect: 0.7,
    padding: 0.15,
    min_span: 12.0,
};
const SITE_MAP_TEXT: f64 = 26.0;
const SITE_MAP_DOT: f64 = 7.0;

/// A locator: the region around one place, a few hundred kilometres each way.
const LOCATOR: Fit = Fit {
    width: 320.0,
    min_aspect: 0.625,
    max_aspect: 0.625,
    padding: 0.0,
    min_span: 10.0,
};
const LOCATOR_DOT: f64 = 5.0;

/// How far outside the view the outline is cut, in viewBox units: more than
/// its stroke is wide, so no edge made by cutting shows.
const MARGIN: f64 = 8.0;

/// Every place on one map, each named by its label.
pub fn site_map(places: &[(LonLat, &str)]) -> Drawing {
    let at: Vec<LonLat> = places.iter().map(|p| p.0).collect();
    let projection = Projection::fit(&at, &SITE_MAP);
    let names: Vec<&str> = places.iter().map(|p| p.1).collect();
    draw(&projection, &at, &names, SITE_MAP_TEXT, SITE_MAP_DOT)
}

/// One place, with the region around it, unlabelled.
pub fn locator(at: LonLat) -> Drawing {
    let projection = Projection::fit(&[at], &LOCATOR);
    draw(&projection, &[at], &[""], 0.0, LOCATOR_DOT)
}

fn draw(
    projection: &Projection,
    places: &[LonLat],
    names: &[&str],
    font_size: f64,
    radius: f64,
) -> Drawing {
    let points: Vec<(f64, f64)> = places.iter().map(|&p| projection.project(p)).collect();
    let style = labels::Style {
        font_size,
        radius,
        width: projection.width,
        height: projection.height,
    };
    let placed = labels::place(&points, names, &style);
    let dots = (points.iter().zip(placed))
        .map(|(&(x, y), label)| Dot {
            x: tenths(x),
            y: tenths(y),
            label: Label {
                x: tenths(label.x),
                y: tenths(label.y),
                ..label
            },
        })
        .collect();
    Drawing {
        width: projection.width.round() as u32,
        height: projection.height.round() as u32,
        outline: outline::path(projection, MARGIN),
        dots,
        font_size,
        radius,
    }
}

/// Rounded to a tenth of a unit, finer than any screen shows.
fn tenths(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A position as a reader writes it: `38.08° N, 46.29° E`.
pub fn coordinates(at: LonLat) -> String {
    let hemisphere = |v: f64, positive: char, negative: char| {
        let side = if v < 0.0 { negative } else { positive };
        format!("{:.2}° {side}", v.abs())
    };
    format!(
        "{}, {}",
        hemisphere(at.lat, 'N', 'S'),
        hemisphere(at.lon, 'E', 'W')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABRIZ: LonLat = LonLat {
        lon: 46.292,
        lat: 38.080,
    };
    const TEHRAN: LonLat = LonLat {
        lon: 51.389,
        lat: 35.689,
    };

    #[test]
    fn the_site_map_holds_every_place_and_its_label() {
        let drawing = site_map(&[(TABRIZ, "Tabriz"), (TEHRAN, "Tehran")]);
        assert_eq!(drawing.width, 1000);
        assert!(!drawing.outline.is_empty());
        let (w, h) = (f64::from(drawing.width), f64::from(drawing.height));
        for (dot, name) in drawing.dots.iter().zip(["Tabriz", "Tehran"]) {
            assert!((0.0..=w).contains(&dot.x) && (0.0..=h).contains(&dot.y));
            let width = labels::text_width(name, drawing.font_size);
            let b = labels::label_box(&dot.label, width, drawing.font_size);
            assert!(b.left >= 0.0 && b.right <= w && b.top >= 0.0 && b.bottom <= h);
        }
        let (tabriz, tehran) = (&drawing.dots[0], &drawing.dots[1]);
        assert!(tehran.x > tabriz.x && tehran.y > tabriz.y);
    }

    #[test]
    fn a_locator_centres_its_place() {
        let drawing = locator(TEHRAN);
        assert_eq!((drawing.width, drawing.height), (320, 200));
        assert_eq!((drawing.dots[0].x, drawing.dots[0].y), (160.0, 100.0));
        assert!(!drawing.outline.is_empty());
    }

    fn term(front_matter: &str) -> Term {
        let source = crate::load::Source {
            path: "content/glossary/x.md".into(),
            rel: "glossary/x.md".into(),
            site_path: "glossary/x/".into(),
            text: String::new(),
            toml_start: 0,
            body_start: 0,
            index: Default::default(),
        };
        let meta = toml::from_str(front_matter).unwrap();
        Term {
            source,
            slug: "x".into(),
            meta,
            events: Vec::new(),
            life: Default::default(),
        }
    }

    #[test]
    fn terms_with_coordinates_are_places_and_bring_the_credit() {
        let tabriz = term("title = \"Tabriz\"\nlat = 38.08\nlon = 46.292\n");
        let province = term("title = \"Azerbaijan\"\nkind = \"place\"\n");
        assert_eq!(
            position(&tabriz),
            Some(LonLat {
                lon: 46.292,
                lat: 38.08
            })
        );
        assert_eq!(position(&province), None);
        assert_eq!(credit(&[province.clone(), tabriz]), Some(OUTLINE_CREDIT));
        assert_eq!(credit(&[province]), None);
        assert_eq!(OUTLINE_CREDIT.license, "Public domain");
    }

    #[test]
    fn coordinates_name_their_hemispheres() {
        assert_eq!(coordinates(TABRIZ), "38.08° N, 46.29° E");
        let rio = LonLat {
            lon: -43.2,
            lat: -22.9,
        };
        assert_eq!(coordinates(rio), "22.90° S, 43.20° W");
    }
}
