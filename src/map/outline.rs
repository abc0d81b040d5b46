//! The land the maps are drawn on: Natural Earth's coasts and lakes, embedded
//! in the binary (`outline.txt`, written by `tools/outline/`), cut to a view
//! and written as one SVG path.
//!
//! The file holds two layers: a fine one (1:50m) over the part of the world
//! it names, and the whole world at 1:110m. A view inside the fine layer's
//! box is drawn from it, any other from the world layer, so the two never
//! meet on one map.

use std::fmt::Write;
use std::sync::LazyLock;

use super::projection::{Bounds, Projection};

/// The outline, in hundredths of a degree.
const OUTLINE: &str = include_str!("outline.txt");
const UNITS: f64 = 100.0;

struct Layer {
    /// What the layer's rings cover, in degrees.
    covers: Bounds,
    rings: Vec<Ring>,
}

struct Ring {
    /// Longitude and latitude, in degrees.
    points: Vec<(f64, f64)>,
    bounds: Bounds,
}

/// The layers, read once: fine first.
static LAYERS: LazyLock<Vec<Layer>> = LazyLock::new(|| parse(OUTLINE));

/// The file's layers. It is part of the binary and a test reads it whole,
/// so a line that does not parse is a bug in the tool that wrote it.
fn parse(text: &str) -> Vec<Layer> {
    let mut layers: Vec<Layer> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(header) = line.strip_prefix("layer ") {
            let numbers: Vec<f64> = header
                .split(' ')
                .skip(1)
                .map(|n| n.parse().expect("a layer's box is four numbers"))
                .collect();
            let [west, south, east, north] = numbers[..] else {
                panic!("a layer's box is four numbers: {line}");
            };
            layers.push(Layer {
                covers: Bounds {
                    west,
                    south,
                    east,
                    north,
                },
                rings: Vec::new(),
            });
            continue;
        }
        let numbers: Vec<i32> = line
            .split(' ')
            .map(|n| n.parse().expect("a ring is whole numbers"))
            .collect();
        let (mut x, mut y) = (0, 0);
        let points: Vec<(f64, f64)> = numbers
            .chunks_exact(2)
            .map(|d| {
                (x, y) = (x + d[0], y + d[1]);
                (f64::from(x) / UNITS, f64::from(y) / UNITS)
            })
            .collect();
        let layer = layers.last_mut().expect("rings follow a layer line");
        layer.rings.push(Ring {
            bounds: bounds_of(&points),
            points,
        });
    }
    layers
}

fn bounds_of(points: &[(f64, f64)]) -> Bounds {
    points.iter().fold(
        Bounds {
            west: f64::INFINITY,
            south: f64::INFINITY,
            east: f64::NEG_INFINITY,
            north: f64::NEG_INFINITY,
        },
        |b, &(lon, lat)| Bounds {
            west: b.west.min(lon),
            south: b.south.min(lat),
            east: b.east.max(lon),
            north: b.north.max(lat),
        },
    )
}

fn overlap(a: &Bounds, b: &Bounds) -> bool {
    a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north
}

/// The land and lakes of the view as the `d` of one SVG path, to be filled
/// even-odd (lakes and the Caspian are rings inside the land). Rings are cut
/// `margin` units outside the view, so the edges the cut makes, which a
/// stroke would draw, lie out of sight; and points are rounded to whole
/// units, which is as fine as the view can show.
pub fn path(projection: &Projection, margin: f64) -> String {
    let view = projection.bounds(margin);
    let layers = &*LAYERS;
    let layer = layers
        .iter()
        .find(|l| l.covers.contains(&view))
        .or(layers.last());
    let Some(layer) = layer else {
        return String::new();
    };
    let clip = Rect {
        left: -margin,
        top: -margin,
        right: projection.width + margin,
        bottom: projection.height + margin,
    };
    let mut d = String::new();
    // A view crossing the antimeridian shows part of the next copy of the
    // world, and some rings run past it: each is drawn where it shows.
    for ring in &layer.rings {
        for shift in [-360.0, 0.0, 360.0] {
            let shifted = Bounds {
                west: ring.bounds.west + shift,
                east: ring.bounds.east + shift,
                ..ring.bounds
            };
            if !overlap(&shifted, &view) {
                continue;
            }
            let projected: Vec<(f64, f64)> = (ring.points.iter())
                .map(|&(lon, lat)| projection.project_unwrapped(lon + shift, lat))
                .collect();
            write_ring(&mut d, &round(&clip.cut(&projected)));
        }
    }
    d
}

/// A rectangle of the viewBox.
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    /// The part of the ring inside the rectangle (Sutherland–Hodgman). Where
    /// the ring leaves and comes back, the result runs along the rectangle's
    /// edge, which even-odd filling and a margin out of sight make harmless.
    fn cut(&self, ring: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let mut points = ring.to_vec();
        for edge in [Edge::Left, Edge::Right, Edge::Top, Edge::Bottom] {
            if points.is_empty() {
                break;
            }
            let inside = |p: (f64, f64)| match edge {
                Edge::Left => p.0 >= self.left,
                Edge::Right => p.0 <= self.right,
                Edge::Top => p.1 >= self.top,
                Edge::Bottom => p.1 <= self.bottom,
            };
            let cross = |a: (f64, f64), b: (f64, f64)| match edge {
                Edge::Left | Edge::Right => {
                    let x = if edge == Edge::Left {
                        self.left
                    } else {
                        self.right
                    };
                    (x, a.1 + (x - a.0) / (b.0 - a.0) * (b.1 - a.1))
                }
                Edge::Top | Edge::Bottom => {
                    let y = if edge == Edge::Top {
                        self.top
                    } else {
                        self.bottom
                    };
                    (a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0), y)
                }
            };
            let input = std::mem::take(&mut points);
            let mut previous = input[input.len() - 1];
            for &current in &input {
                match (inside(previous), inside(current)) {
                    (true, true) => points.push(current),
                    (true, false) => points.push(cross(previous, current)),
                    (false, true) => {
                        points.push(cross(previous, current));
                        points.push(current);
                    }
                    (false, false) => {}
                }
                previous = current;
            }
        }
        points
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Left,
    Right,
    Top,
    Bottom,
}

/// The ring in whole units, without points that repeat the one before.
fn round(ring: &[(f64, f64)]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for &(x, y) in ring {
        let p = (x.round() as i64, y.round() as i64);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Twice the ring's area: zero for a ring cut down to a line or a point.
fn area2(ring: &[(i64, i64)]) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum()
}

/// Appends the ring as `M x y l dx dy … z`, relative steps being the
/// shortest; a ring with no area is left out.
fn write_ring(d: &mut String, ring: &[(i64, i64)]) {
    if ring.len() < 3 || area2(ring) == 0 {
        return;
    }
    let (x, y) = ring[0];
    let _ = write!(d, "M{x} {y}l");
    for pair in ring.windows(2) {
        let (dx, dy) = (pair[1].0 - pair[0].0, pair[1].1 - pair[0].1);
        // A minus sign separates numbers by itself.
        for (i, n) in [dx, dy].into_iter().enumerate() {
            if (i > 0 || !d.ends_with('l')) && n >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{n}");
        }
    }
    d.push('z');
}

#[cfg(test)]
mod tests {
    use super::super::projection::{Fit, LonLat};
    use super::*;

    const FIT: Fit = Fit {
        width: 1000.0,
        min_aspect: 0.5,
        max_aspect: 0.8,
        padding: 0.1,
        min_span: 12.0,
    };

    /// The points of a path this module wrote, ring by ring.
    fn rings_of(d: &str) -> Vec<Vec<(i64, i64)>> {
        d.split('M')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let r = r.trim_end_matches('z');
                let (start, steps) = r.split_once('l').unwrap();
                let start: Vec<i64> = start.split(' ').map(|n| n.parse().unwrap()).collect();
                let steps = steps.replace('-', " -");
                let steps: Vec<i64> = steps
                    .split_whitespace()
                    .map(|n| n.parse().unwrap())
                    .collect();
                let mut at = (start[0], start[1]);
                let mut points = vec![at];
                for s in steps.chunks(2) {
                    at = (at.0 + s[0], at.1 + s[1]);
                    points.push(at);
                }
                points
            })
            .collect()
    }

    #[test]
    fn the_embedded_outline_has_a_fine_layer_and_the_world() {
        let layers = &*LAYERS;
        assert_eq!(layers.len(), 2);
        let (fine, world) = (&layers[0], &layers[1]);
        // The fine layer covers the demo's region: Persia, the Caucasus,
        // Anatolia, Mesopotamia and the Gulf.
        let region = Bounds {
            west: 26.0,
            south: 23.0,
            east: 64.0,
            north: 47.0,
        };
        assert!(fine.covers.contains(&region));
        assert_eq!(
            world.covers,
            Bounds {
                west: -180.0,
                south: -90.0,
                east: 180.0,
                north: 90.0
            }
        );
        for layer in layers {
            assert!(layer.rings.len() > 100);
            for ring in &layer.rings {
                assert!(ring.points.len() >= 3);
            }
        }
        // The fine layer's rings are cut to its box; the world's may run
        // past the antimeridian (Chukotka, Fiji), but no further.
        assert!(fine.rings.iter().all(|r| fine.covers.contains(&r.bounds)));
        let beyond = Bounds {
            west: -200.0,
            east: 200.0,
            ..world.covers
        };
        assert!(world.rings.iter().all(|r| beyond.contains(&r.bounds)));
        assert!(
            world
                .rings
                .iter()
                .any(|r| r.bounds.east > 180.0 || r.bounds.west < -180.0)
        );
    }

    /// Whether the point is inside the path, filled even-odd.
    fn filled(d: &str, (x, y): (f64, f64)) -> bool {
        let mut inside = false;
        for ring in rings_of(d) {
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + n - 1) % n]);
                let (ax, ay, bx, by) = (a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
                if (ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax {
                    inside = !inside;
                }
            }
        }
        inside
    }

    #[test]
    fn land_is_land_and_the_caspian_and_lakes_are_water() {
        let places = [
            LonLat {
                lon: 46.292,
                lat: 38.080,
            },
            LonLat {
                lon: 51.389,
                lat: 35.689,
            },
            // Bushehr, on the Gulf.
            LonLat {
                lon: 50.84,
                lat: 28.97,
            },
        ];
        let p = Projection::fit(&places, &FIT);
        let d = path(&p, 8.0);
        let at = |lat: f64, lon: f64| p.project(LonLat { lon, lat });
        for (name, lat, lon) in [("Tabriz", 38.08, 46.29), ("Tehran", 35.69, 51.39)] {
            assert!(filled(&d, at(lat, lon)), "{name} is on land");
        }
        for (name, lat, lon) in [
            ("the Caspian", 38.5, 51.0),
            ("Lake Urmia", 37.7, 45.5),
            ("Lake Van", 38.6, 42.9),
            ("the Persian Gulf", 28.0, 50.5),
        ] {
            let point = at(lat, lon);
            let shown = (0.0..p.width).contains(&point.0) && (0.0..p.height).contains(&point.1);
            assert!(shown, "{name} is out of view: {:?}", p.bounds(0.0));
            assert!(!filled(&d, point), "{name} is water");
        }
    }

    #[test]
    fn the_path_stays_within_the_view_and_its_margin() {
        let p = Projection::fit(
            &[LonLat {
                lon: 46.292,
                lat: 38.080,
            }],
            &FIT,
        );
        let d = path(&p, 8.0);
        assert!(!d.is_empty());
        for ring in rings_of(&d) {
            for (x, y) in ring {
                assert!((-8..=1008).contains(&x), "{x}");
                assert!((-8..=p.height.round() as i64 + 8).contains(&y), "{y}");
            }
        }
        // The whole world, cut down, is a few kilobytes.
        assert!(d.len() < 40_000, "{} bytes", d.len());
    }

    #[test]
    fn views_outside_the_fine_layer_use_the_world() {
        // Wellington is far from the fine layer, yet on land.
        let wellington = LonLat {
            lon: 174.78,
            lat: -41.29,
        };
        let p = Projection::fit(&[wellington], &FIT);
        let d = path(&p, 8.0);
        assert!(filled(&d, p.project(wellington)));
        // Across the antimeridian: Fiji and Samoa.
        let fiji = LonLat {
            lon: 178.44,
            lat: -18.14,
        };
        let samoa = LonLat {
            lon: -172.5,
            lat: -13.6,
        };
        let p = Projection::fit(&[fiji, samoa], &FIT);
        let d = path(&p, 8.0);
        assert!(filled(&d, p.project(fiji)), "Viti Levu is land");
        let xs: Vec<i64> = rings_of(&d).into_iter().flatten().map(|(x, _)| x).collect();
        // Vanua Levu runs across the antimeridian: land on both sides.
        let seam = p.project_unwrapped(180.0, 0.0).0 as i64;
        assert!(xs.iter().any(|&x| x < seam) && xs.iter().any(|&x| x > seam));
        // No edge runs across the map: rings that cross the antimeridian
        // are drawn whole on either side of it.
        for ring in rings_of(&d) {
            for pair in ring.windows(2) {
                assert!((pair[1].0 - pair[0].0).abs() < 500, "{pair:?}");
            }
        }
        // A world map draws the world; the pole, where there is no land, nothing.
        let world = [
            LonLat {
                lon: -170.0,
                lat: -60.0,
            },
            LonLat {
                lon: 170.0,
                lat: 70.0,
            },
            LonLat { lon: 0.0, lat: 0.0 },
        ];
        assert!(!path(&Projection::fit(&world, &FIT), 8.0).is_empty());
        let pole = [LonLat {
            lon: 0.0,
            lat: 90.0,
        }];
        assert_eq!(path(&Projection::fit(&pole, &FIT), 8.0), "");
    }

    #[test]
    fn cutting_keeps_what_is_inside_the_rectangle() {
        let rect = Rect {
            left: 0.0,
            top: 0.0,
            right: 10.0,
            bottom: 10.0,
        };
        // A square overlapping the rectangle's corner.
        let square = [(5.0, 5.0), (15.0, 5.0), (15.0, 15.0), (5.0, 15.0)];
        let cut = round(&rect.cut(&square));
        assert_eq!(area2(&cut).abs(), 2 * 25);
        // Wholly inside: unchanged; wholly outside: nothing.
        let inside = [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0)];
        assert_eq!(rect.cut(&inside), inside.to_vec());
        assert!(
            rect.cut(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)])
                .is_empty()
        );
        // Around the rectangle: the rectangle.
        let around = [(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)];
        assert_eq!(area2(&round(&rect.cut(&around))).abs(), 2 * 100);
    }

    #[test]
    fn rings_are_written_in_short_relative_steps() {
        let mut d = String::new();
        write_ring(&mut d, &[(10, 20), (13, 18), (13, 25), (8, 25)]);
        assert_eq!(d, "M10 20l3-2 0 7-5 0z");
        assert_eq!(
            rings_of(&d),
            vec![vec![(10, 20), (13, 18), (13, 25), (8, 25)]]
        );
        // Cut down to a line: nothing.
        let mut d = String::new();
        write_ring(&mut d, &[(0, 0), (5, 5), (10, 10)]);
        assert_eq!(d, "");
    }
}
