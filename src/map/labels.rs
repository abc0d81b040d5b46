//! Where each place's name goes beside its dot: to the right if it fits,
//! else to the left, above or below, whichever first stays inside the view
//! and clear of the names and dots already placed.

/// Where a label is written: SVG `x`, `y` (its baseline) and `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The value of SVG's `text-anchor`.
    pub fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The sizes labels are placed with, in viewBox units.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub font_size: f64,
    /// The radius of a place's dot.
    pub radius: f64,
    pub width: f64,
    pub height: f64,
}

/// A label's box: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Box2 {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Box2 {
    fn overlaps(&self, other: &Box2) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }
}

/// A generous guess at a name's width: the average letter of a sans-serif
/// face is about half its size, capitals and wide letters more.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * font_size * 0.6
}

/// The box a label takes, from its position and width.
pub fn label_box(label: &Label, width: f64, font_size: f64) -> Box2 {
    let left = match label.anchor {
        Anchor::Start => label.x,
        Anchor::Middle => label.x - width / 2.0,
        Anchor::End => label.x - width,
    };
    // From the top of capitals to below the descenders.
    Box2 {
        left,
        top: label.y - font_size * 0.8,
        right: left + width,
        bottom: label.y + font_size * 0.25,
    }
}

/// A label for each dot (`names[i]` at `dots[i]`), in order.
pub fn place(dots: &[(f64, f64)], names: &[&str], style: &Style) -> Vec<Label> {
    let gap = style.radius + style.font_size * 0.25;
    // The baseline that centres a line of text on the dot.
    let middle = style.font_size * 0.3;
    let dot_boxes: Vec<Box2> = dots
        .iter()
        .map(|&(x, y)| Box2 {
            left: x - style.radius,
            top: y - style.radius,
            right: x + style.radius,
            bottom: y + style.radius,
        })
        .collect();
    let mut taken: Vec<Box2> = Vec::new();
    let mut labels = Vec::with_capacity(dots.len());
    for (i, (&(x, y), name)) in dots.iter().zip(names).enumerate() {
        let width = text_width(name, style.font_size);
        let candidates = [
            Label {
                x: x + gap,
                y: y + middle,
                anchor: Anchor::Start,
            },
            Label {
                x: x - gap,
                y: y + middle,
                anchor: Anchor::End,
            },
            Label {
                x,
                y: y - gap,
                anchor: Anchor::Middle,
            },
            Label {
                x,
                y: y + gap + style.font_size * 0.8,
                anchor: Anchor::Middle,
            },
        ];
        let inside = |b: &Box2| {
            b.left >= 0.0 && b.top >= 0.0 && b.right <= style.width && b.bottom <= style.height
        };
        let clashes = |b: &Box2| {
            let names = taken.iter().filter(|t| t.overlaps(b)).count();
            let others = (dot_boxes.iter().enumerate())
                .filter(|&(j, d)| j != i && d.overlaps(b))
                .count();
            names + others
        };
        // The first place that fits and clashes with nothing; else the one
        // inside the view with the fewest clashes; else the right-hand one
        // pulled back inside.
        let scored = candidates.map(|c| {
            let b = label_box(&c, width, style.font_size);
            (c, b, inside(&b), clashes(&b))
        });
        let chosen = scored
            .iter()
            .filter(|s| s.2)
            .min_by_key(|s| s.3)
            .map(|s| (s.0, s.1))
            .unwrap_or_else(|| {
                // `min` then `max`, not `clamp`, which panics on a view
                // smaller than a line of text.
                let label = Label {
                    x: (x + gap).min(style.width - width).max(0.0),
                    y: (y + middle)
                        .min(style.height - style.font_size * 0.25)
                        .max(style.font_size * 0.8),
                    anchor: Anchor::Start,
                };
                (label, label_box(&label, width, style.font_size))
            });
        taken.push(chosen.1);
        labels.push(chosen.0);
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLE: Style = Style {
        font_size: 20.0,
        radius: 5.0,
        width: 1000.0,
        height: 600.0,
    };

    fn boxes(dots: &[(f64, f64)], names: &[&str]) -> Vec<Box2> {
        let labels = place(dots, names, &STYLE);
        (labels.iter().zip(names))
            .map(|(l, n)| label_box(l, text_width(n, STYLE.font_size), STYLE.font_size))
            .collect()
    }

    fn inside(b: &Box2) -> bool {
        b.left >= 0.0 && b.top >= 0.0 && b.right <= STYLE.width && b.bottom <= STYLE.height
    }

    #[test]
    fn a_name_goes_right_of_its_dot_when_there_is_room() {
        let labels = place(&[(500.0, 300.0)], &["Tabriz"], &STYLE);
        assert_eq!(labels[0].anchor, Anchor::Start);
        assert!(labels[0].x > 505.0);
    }

    #[test]
    fn names_near_the_edges_stay_inside_the_view() {
        let dots = [(990.0, 300.0), (500.0, 3.0), (500.0, 597.0), (2.0, 300.0)];
        let names = ["Tehran", "Baku", "Basra", "Erzurum"];
        let labels = place(&dots, &names, &STYLE);
        assert_eq!(labels[0].anchor, Anchor::End, "no room on the right");
        for b in boxes(&dots, &names) {
            assert!(inside(&b), "{b:?}");
        }
    }

    #[test]
    fn names_of_close_places_do_not_overlap() {
        let dots = [(500.0, 300.0), (505.0, 310.0), (495.0, 290.0)];
        let names = ["Tabriz", "Marand", "Ahar"];
        let b = boxes(&dots, &names);
        for i in 0..b.len() {
            for j in i + 1..b.len() {
                assert!(!b[i].overlaps(&b[j]), "{:?} and {:?}", b[i], b[j]);
            }
        }
    }

    #[test]
    fn a_name_longer_than_the_view_does_not_panic() {
        let long = "A".repeat(200);
        let labels = place(&[(500.0, 300.0)], &[&long], &STYLE);
        assert_eq!(labels[0].x, 0.0);
        let tiny = Style {
            height: 5.0,
            ..STYLE
        };
        let labels = place(&[(500.0, 2.0)], &[&long], &tiny);
        assert!(labels[0].y.is_finite());
    }
}
