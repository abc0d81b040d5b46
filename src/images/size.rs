//! The width and height of an image file: from its header for raster
//! formats, from the root element for SVG. Pages give them to the browser,
//! which then keeps the photo's space while it loads and the text below
//! does not jump.

use std::path::Path;

/// SVG files larger than this are not read for their size.
const SVG_LIMIT: u64 = 4 * 1024 * 1024;

/// The image's width and height in CSS pixels, if the file says.
pub fn dimensions(path: &Path) -> Option<(u32, u32)> {
    let svg = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("svg"));
    if svg {
        return svg_dimensions(path);
    }
    let size = imagesize::size(path).ok()?;
    let width = u32::try_from(size.width).ok()?;
    let height = u32::try_from(size.height).ok()?;
    (width > 0 && height > 0).then_some((width, height))
}

/// An SVG's `width` and `height` when both are plain lengths (no unit or
/// `px`), otherwise the last two numbers of its `viewBox`.
fn svg_dimensions(path: &Path) -> Option<(u32, u32)> {
    if path.metadata().ok()?.len() > SVG_LIMIT {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let document = roxmltree::Document::parse(&text).ok()?;
    let root = document.root_element();
    let length = |name: &str| pixels(root.attribute(name)?);
    if let (Some(width), Some(height)) = (length("width"), length("height")) {
        return Some((width, height));
    }
    let view_box: Vec<f64> = root
        .attribute("viewBox")?
        .split([' ', ','])
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match view_box[..] {
        [_, _, width, height] => Some((whole(width)?, whole(height)?)),
        _ => None,
    }
}

/// A length in pixels: a number alone or with `px`.
fn pixels(value: &str) -> Option<u32> {
    let number = value.trim().strip_suffix("px").unwrap_or(value.trim());
    whole(number.parse().ok()?)
}

/// A positive size rounded to whole pixels.
fn whole(value: f64) -> Option<u32> {
    (value.is_finite() && value >= 0.5 && value < f64::from(u32::MAX)).then(|| value.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(text: &str) -> Option<(u32, u32)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.svg");
        std::fs::write(&path, text).unwrap();
        dimensions(&path)
    }

    #[test]
    fn svg_sizes_come_from_width_and_height_or_the_view_box() {
        let ns = "xmlns=\"http://www.w3.org/2000/svg\"";
        assert_eq!(
            svg(&format!("<svg {ns} width=\"640\" height=\"480px\"/>")),
            Some((640, 480))
        );
        assert_eq!(
            svg(&format!("<svg {ns} viewBox=\"0 0 800 600\"/>")),
            Some((800, 600))
        );
        assert_eq!(
            svg(&format!(
                "<svg {ns} width=\"100%\" viewBox=\"0,0,320.4,200\"/>"
            )),
            Some((320, 200))
        );
        assert_eq!(
            svg(&format!("<svg {ns} width=\"10em\" height=\"5em\"/>")),
            None
        );
        assert_eq!(svg("not xml"), None);
    }

    #[test]
    fn raster_sizes_come_from_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        // A PNG signature and the start of its header chunk: 123 by 321.
        let png = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
            0x44, 0x52, 0x00, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x01, 0x41, 0x08, 0x06, 0x00, 0x00,
            0x00, 0x9A, 0x38, 0xC4,
        ];
        std::fs::write(&path, png).unwrap();
        assert_eq!(dimensions(&path), Some((123, 321)));
        std::fs::write(&path, b"not an image").unwrap();
        assert_eq!(dimensions(&path), None);
    }
}
