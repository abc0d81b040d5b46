//! The `<img>` and `<picture>` elements gloss writes for a picture: always
//! with its width and height (so the page keeps its space while it loads)
//! and `decoding="async"`, lazy below the first screen, and for a raster
//! picture every size in its own format and in the modern ones, so that a
//! phone fetches a file its screen can use.

use super::{Encoding, Kind, Picture};
use crate::html::{escape_html, escape_url_path};
use crate::url::BaseUrl;

/// How wide a picture shows: the text column on a wide screen, the whole
/// width on a phone.
pub const SIZES: &str = "(min-width: 45rem) 40rem, 100vw";

/// The widest file an `<img>`'s own `src` names, for browsers that read no
/// `srcset`.
const PLAIN_WIDTH: u32 = 1600;

/// How the picture is to be written.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub alt: &'a str,
    /// Loaded only when scrolled near: every picture but the first screen's.
    pub lazy: bool,
}

/// Everything the element offers for one picture, for templates to write
/// their own markup from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Offered {
    /// The `src` of the `<img>`.
    pub src: String,
    /// Its sizes in its own format (`/images/a-480w.jpg 480w, ...`), if more than one.
    pub srcset: Option<String>,
    /// Its sizes in WebP, if made.
    pub webp_srcset: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The file a reader zooms into: the original, or its full-size copy
    /// in a format browsers show.
    pub zoom: String,
}

/// What a picture offers, its URLs under `base`.
pub fn offered(picture: &Picture, base: &BaseUrl) -> Offered {
    let url = |rel: &str| base.file_link(&escape_url_path(rel));
    let (width, height) = picture.size.unzip();
    let original = url(&picture.rel);
    let Kind::Raster(named) = picture.kind else {
        let mut sizes = hand_made(picture, &url, false);
        sizes.extend(width.map(|w| (original.clone(), w)));
        return Offered {
            src: original.clone(),
            srcset: srcset_of(sizes),
            width,
            height,
            zoom: original,
            ..Offered::default()
        };
    };
    let fallback = named.fallback();
    let mut sizes = hand_made(picture, &url, fallback == Encoding::Webp);
    sizes.extend(
        picture
            .derived_in(fallback)
            .map(|d| (url(&d.path), d.width)),
    );
    if fallback == named
        && let Some(w) = width
    {
        sizes.push((original.clone(), w));
    }
    sizes.sort_by_key(|(_, w)| *w);
    sizes.dedup_by_key(|(_, w)| *w);
    let src = (sizes.iter().rev())
        .find(|(_, w)| *w <= PLAIN_WIDTH)
        .or(sizes.first())
        .map_or_else(|| original.clone(), |(u, _)| u.clone());
    let zoom = if fallback == named {
        original
    } else {
        sizes.last().map_or(original, |(u, _)| u.clone())
    };
    let webp: Vec<(String, u32)> = if fallback == Encoding::Webp {
        Vec::new()
    } else {
        let mut list = hand_made(picture, &url, true);
        list.extend(
            picture
                .derived_in(Encoding::Webp)
                .map(|d| (url(&d.path), d.width)),
        );
        list.sort_by_key(|(_, w)| *w);
        list.dedup_by_key(|(_, w)| *w);
        list
    };
    Offered {
        src,
        srcset: srcset_of(sizes),
        webp_srcset: (!webp.is_empty()).then(|| srcset_list(&webp)),
        width,
        height,
        zoom,
    }
}

/// The sizes of the picture made by hand in a format browsers show, as URLs
/// and widths: the WebP ones if `webp`, the others if not.
fn hand_made(picture: &Picture, url: &dyn Fn(&str) -> String, webp: bool) -> Vec<(String, u32)> {
    let extension = |rel: &str| rel.rsplit_once('.').map(|(_, x)| x.to_ascii_lowercase());
    (picture.hand_made.iter())
        .filter(|(rel, _)| {
            let ext = extension(rel).unwrap_or_default();
            ext != "tif" && ext != "tiff" && (ext == "webp") == webp
        })
        .map(|(rel, w)| (url(rel), *w))
        .collect()
}

/// A `srcset` of the sizes, when there is a choice to make.
fn srcset_of(sizes: Vec<(String, u32)>) -> Option<String> {
    (sizes.len() > 1).then(|| srcset_list(&sizes))
}

fn srcset_list(sizes: &[(String, u32)]) -> String {
    let list: Vec<String> = sizes.iter().map(|(u, w)| format!("{u} {w}w")).collect();
    list.join(", ")
}

/// The element showing `offered`: a `<picture>` when there are modern
/// formats to offer, else an `<img>`.
pub fn element(offered: &Offered, shown: Shown) -> String {
    let mut img = format!("<img src=\"{}\"", escape_html(&offered.src));
    if let Some(srcset) = &offered.srcset {
        img.push_str(&format!(
            " srcset=\"{}\" sizes=\"{SIZES}\"",
            escape_html(srcset)
        ));
    }
    if let (Some(w), Some(h)) = (offered.width, offered.height) {
        img.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    img.push_str(&format!(" alt=\"{}\"", escape_html(shown.alt)));
    if shown.lazy {
        img.push_str(" loading=\"lazy\"");
    }
    img.push_str(" decoding=\"async\">");
    match &offered.webp_srcset {
        Some(webp) => format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">{img}</picture>",
            escape_html(webp)
        ),
        None => img,
    }
}

/// The element for a picture that is not a file of `static/` (another
/// site's): its address as written, with what the page knows.
pub fn plain_element(src: &str, shown: Shown) -> String {
    let offered = Offered {
        src: src.to_string(),
        zoom: src.to_string(),
        ..Offered::default()
    };
    element(&offered, shown)
}
