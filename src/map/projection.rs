//! From degrees on the globe to units of an SVG viewBox: an equirectangular
//! projection whose east–west scale is the cosine of the view's middle
//! latitude, fitted around a set of places.
//!
//! Equirectangular rather than Mercator: the maps are regional, a few
//! hundred kilometres to a few thousand across, where scaling longitude by
//! the cosine of the middle latitude keeps shapes true near the middle and
//! close enough at the edges; parallels stay straight and evenly spaced, so
//! a reader can read latitude off the map; and the poles are finite, where
//! Mercator runs to infinity and would need clamping.

/// A point on the globe in decimal degrees, north and east positive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

/// A box of the globe in degrees. `east` may pass 180 (and `west` -180)
/// when the box crosses the antimeridian, so that `west < east` always.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bounds {
    /// Whether `other` lies wholly inside this box.
    pub fn contains(&self, other: &Bounds) -> bool {
        self.west <= other.west
            && other.east <= self.east
            && self.south <= other.south
            && other.north <= self.north
    }
}

/// How a view is fitted around its places.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// The viewBox's width, in its units.
    pub width: f64,
    /// The least and greatest height the viewBox may have for its width;
    /// the view takes in more land rather than stretch.
    pub min_aspect: f64,
    pub max_aspect: f64,
    /// Room added on every side of the places, as a share of their span.
    pub padding: f64,
    /// The least span the view shows north to south, in degrees, so that
    /// one place, or a few close together, still show their region.
    pub min_span: f64,
}

/// The middle latitude is kept within this, so that the east–west scale
/// stays finite for places near a pole.
const MAX_MIDDLE_LATITUDE: f64 = 75.0;

/// A view of the globe: which box of it, projected onto a viewBox of
/// `width` by `height` units with north up and east to the right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    centre: LonLat,
    /// ViewBox units per degree of latitude.
    scale: f64,
    /// The east–west scale of a degree of longitude against one of latitude.
    cos: f64,
    pub width: f64,
    pub height: f64,
}

impl Projection {
    /// The view that holds every place of `places` with room around them.
    /// With no places, the whole world.
    pub fn fit(places: &[LonLat], fit: &Fit) -> Projection {
        let places: Vec<LonLat> = places
            .iter()
            .filter(|p| p.lon.is_finite() && p.lat.is_finite())
            .map(|p| LonLat {
                lon: wrap(p.lon),
                lat: p.lat.clamp(-90.0, 90.0),
            })
            .collect();
        let (west, east) = if places.is_empty() {
            (-180.0, 180.0)
        } else {
            longitude_span(&places)
        };
        let (south, north) = if places.is_empty() {
            (-90.0, 90.0)
        } else {
            let lats = places.iter().map(|p| p.lat);
            let south = lats.clone().fold(f64::INFINITY, f64::min);
            (south, lats.fold(f64::NEG_INFINITY, f64::max))
        };
        let centre = LonLat {
            lon: (west + east) / 2.0,
            lat: (south + north) / 2.0,
        };
        let cos = centre
            .lat
            .clamp(-MAX_MIDDLE_LATITUDE, MAX_MIDDLE_LATITUDE)
            .to_radians()
            .cos();
        // Spans in degrees of latitude, the unit both axes share.
        let mut across = (east - west) * cos;
        let mut tall = north - south;
        let pad = fit.padding * across.max(tall);
        across += 2.0 * pad;
        tall = (tall + 2.0 * pad).max(fit.min_span);
        // Never more than the globe around: a wider view would repeat it.
        across = across.min(360.0 * cos);
        if tall > across * fit.max_aspect {
            across = tall / fit.max_aspect;
        } else if tall < across * fit.min_aspect {
            tall = across * fit.min_aspect;
        }
        let scale = fit.width / across;
        Projection {
            centre,
            scale,
            cos,
            width: fit.width,
            height: tall * scale,
        }
    }

    /// Where a place falls in the view: on the copy of the globe nearest the
    /// view's centre, so a place just across the antimeridian is beside it.
    pub fn project(&self, p: LonLat) -> (f64, f64) {
        let lon = self.centre.lon + wrap(p.lon - self.centre.lon);
        self.project_unwrapped(lon, p.lat)
    }

    /// Where a point falls, taking its longitude as given: an outline drawn
    /// again 360° to the east is a copy of the world beside this one.
    pub fn project_unwrapped(&self, lon: f64, lat: f64) -> (f64, f64) {
        let x = self.width / 2.0 + (lon - self.centre.lon) * self.cos * self.scale;
        let y = self.height / 2.0 - (lat - self.centre.lat) * self.scale;
        (x, y)
    }

    /// The box of the globe the view shows, with `margin` viewBox units
    /// more on every side.
    pub fn bounds(&self, margin: f64) -> Bounds {
        let half_lon = (self.width / 2.0 + margin) / (self.cos * self.scale);
        let half_lat = (self.height / 2.0 + margin) / self.scale;
        Bounds {
            west: self.centre.lon - half_lon,
            east: self.centre.lon + half_lon,
            south: self.centre.lat - half_lat,
            north: self.centre.lat + half_lat,
        }
    }

    /// ViewBox units per degree of latitude.
    pub fn scale(&self) -> f64 {
        self.scale
    }
}

/// A longitude brought into [-180, 180).
fn wrap(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

/// The narrowest run of longitudes holding every place, as west and east
/// (east may pass 180): it leaves out the widest gap between neighbours,
/// which may be the one across the antimeridian or another.
fn longitude_span(places: &[LonLat]) -> (f64, f64) {
    let mut lons: Vec<f64> = places.iter().map(|p| p.lon).collect();
    lons.sort_by(f64::total_cmp);
    let last = lons.len() - 1;
    // The gap from the easternmost place round to the westernmost.
    let mut widest = (lons[0] + 360.0 - lons[last], last);
    for i in 0..last {
        let gap = lons[i + 1] - lons[i];
        if gap > widest.0 {
            widest = (gap, i);
        }
    }
    let (gap, before) = widest;
    let west = lons[(before + 1) % lons.len()];
    (west, west + 360.0 - gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIT: Fit = Fit {
        width: 1000.0,
        min_aspect: 0.5,
        max_aspect: 0.8,
        padding: 0.1,
        min_span: 10.0,
    };

    fn at(lat: f64, lon: f64) -> LonLat {
        LonLat { lon, lat }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    const TABRIZ: LonLat = LonLat {
        lon: 46.292,
        lat: 38.080,
    };
    const TEHRAN: LonLat = LonLat {
        lon: 51.389,
        lat: 35.689,
    };

    #[test]
    fn known_places_land_where_the_formula_puts_them() {
        let p = Projection::fit(&[TABRIZ, TEHRAN], &FIT);
        let centre = at((38.080 + 35.689) / 2.0, (46.292 + 51.389) / 2.0);
        let (cx, cy) = p.project(centre);
        assert!(close(cx, 500.0) && close(cy, p.height / 2.0), "{cx} {cy}");
        // One degree east moves cos(middle latitude) as far as one degree north.
        let cos = centre.lat.to_radians().cos();
        let (x1, _) = p.project(at(centre.lat, centre.lon + 1.0));
        let (_, y1) = p.project(at(centre.lat + 1.0, centre.lon));
        assert!(close(x1 - cx, p.scale() * cos), "{}", x1 - cx);
        assert!(close(cy - y1, p.scale()), "{}", cy - y1);
        // Tabriz is west and north of Tehran.
        let (tx, ty) = p.project(TABRIZ);
        let (hx, hy) = p.project(TEHRAN);
        assert!(close(hx - tx, (51.389 - 46.292) * cos * p.scale()));
        assert!(close(hy - ty, (38.080 - 35.689) * p.scale()));
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = Projection::fit(&[TABRIZ], &FIT);
        let (x, y) = p.project(TABRIZ);
        let (east, _) = p.project(at(TABRIZ.lat, TABRIZ.lon + 0.5));
        let (_, north) = p.project(at(TABRIZ.lat + 0.5, TABRIZ.lon));
        assert!(east > x);
        assert!(north < y);
    }

    #[test]
    fn the_corners_of_the_bounds_are_the_corners_of_the_view() {
        let p = Projection::fit(&[TABRIZ, TEHRAN, at(41.0, 29.0)], &FIT);
        let b = p.bounds(0.0);
        let corners = [
            ((b.west, b.north), (0.0, 0.0)),
            ((b.east, b.north), (p.width, 0.0)),
            ((b.west, b.south), (0.0, p.height)),
            ((b.east, b.south), (p.width, p.height)),
        ];
        for ((lon, lat), (x, y)) in corners {
            let (px, py) = p.project_unwrapped(lon, lat);
            assert!(
                close(px, x) && close(py, y),
                "({lon}, {lat}) -> ({px}, {py})"
            );
        }
        // A margin widens the box by that many units' worth of degrees.
        let wider = p.bounds(10.0);
        assert!(close(b.north - wider.north, -10.0 / p.scale()));
    }

    #[test]
    fn shapes_keep_their_proportions() {
        for places in [
            vec![TABRIZ, TEHRAN],
            vec![at(60.0, 10.0), at(30.0, 31.0)],
            vec![at(0.0, 0.0), at(1.0, 80.0)],
            vec![at(-40.0, 0.0), at(40.0, 1.0)],
        ] {
            let p = Projection::fit(&places, &FIT);
            let aspect = p.height / p.width;
            assert!(
                (FIT.min_aspect - 1e-9..=FIT.max_aspect + 1e-9).contains(&aspect),
                "{aspect}"
            );
            // A degree of latitude is the same length across the whole view,
            // and the view's sides are in the ratio of the degrees it spans.
            let b = p.bounds(0.0);
            let cos = ((b.north + b.south) / 2.0)
                .clamp(-MAX_MIDDLE_LATITUDE, MAX_MIDDLE_LATITUDE)
                .to_radians()
                .cos();
            let ratio = (b.north - b.south) / ((b.east - b.west) * cos);
            assert!(close(ratio, aspect), "{ratio} vs {aspect}");
            for place in &places {
                let (x, y) = p.project(*place);
                assert!((0.0..=p.width).contains(&x) && (0.0..=p.height).contains(&y));
            }
        }
    }

    #[test]
    fn a_single_place_is_centred_with_the_least_span() {
        let p = Projection::fit(&[TABRIZ], &FIT);
        let (x, y) = p.project(TABRIZ);
        assert!(close(x, p.width / 2.0) && close(y, p.height / 2.0));
        let b = p.bounds(0.0);
        assert!(close(b.north - b.south, FIT.min_span), "{b:?}");
        assert!(b.east - b.west > FIT.min_span);
    }

    #[test]
    fn places_across_the_antimeridian_stay_together() {
        // Fiji and Samoa: 10° apart across the antimeridian, not 350°.
        let fiji = at(-17.7, 178.0);
        let samoa = at(-13.8, -172.0);
        let p = Projection::fit(&[fiji, samoa], &FIT);
        let b = p.bounds(0.0);
        assert!(b.east - b.west < 40.0, "{b:?}");
        assert!(b.west < 178.0 && b.east > 188.0, "{b:?}");
        let (fx, _) = p.project(fiji);
        let (sx, _) = p.project(samoa);
        assert!(sx > fx, "Samoa lies east of Fiji");
        assert!((0.0..=p.width).contains(&fx) && (0.0..=p.width).contains(&sx));
    }

    #[test]
    fn poles_and_odd_input_do_not_panic() {
        for places in [
            vec![at(90.0, 0.0)],
            vec![at(-90.0, 180.0), at(90.0, -180.0)],
            vec![at(89.9, 10.0), at(89.9, -170.0)],
            vec![at(0.0, -180.0), at(0.0, 180.0)],
            vec![at(0.0, 0.0), at(0.0, 90.0), at(0.0, 180.0), at(0.0, -90.0)],
            vec![at(f64::NAN, 0.0)],
            vec![],
        ] {
            let p = Projection::fit(&places, &FIT);
            assert!(p.width.is_finite() && p.height.is_finite() && p.height > 0.0);
            for place in places.iter().filter(|p| p.lat.is_finite()) {
                let (x, y) = p.project(*place);
                assert!(x.is_finite() && y.is_finite(), "{place:?}");
            }
            let b = p.bounds(0.0);
            assert!(b.east - b.west <= 360.0 + 1e-9 && b.west < b.east, "{b:?}");
        }
    }
}
