//! The URLs front matter gives, each checked for a scheme that is safe to
//! publish: a page links to them and shows them as they are written, so a
//! `javascript:` or `data:` one would run in the reader's browser. The same
//! reading of a scheme as Markdown links get (see [`crate::url::browser_scheme`]),
//! whatever the site's `[markdown]` setting: front matter is data, never markup.

use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::{Photo, Source};
use crate::url::{scheme_allowed, schemes_named};

/// The schemes a picture and the page it comes from may have.
const WEB: &[&str] = &["http", "https"];

/// Every URL of the photo with a scheme it may not have, as errors pointing
/// into the file (`toml_start` is where its front matter begins).
pub fn check(source: &Source, photo: Option<&Photo>, toml_start: usize) -> Vec<Diagnostic> {
    let Some(photo) = photo else {
        return Vec::new();
    };
    let refused = |url: &Spanned<String>, message: String, help: &str| {
        (!scheme_allowed(url.get_ref(), WEB)).then(|| {
            source
                .error_at(toml_start + url.span().start, message)
                .with_help(format!("{help} {}", schemes_named(WEB)))
        })
    };
    let src = refused(
        &photo.src,
        format!(
            "photo src `{}` is not a path under static/ or an http(s) URL",
            photo.src.get_ref()
        ),
        "give a path under static/, such as `images/tabriz.jpg`, or a URL with",
    );
    let page = photo.source.as_ref().and_then(|url| {
        refused(
            url,
            format!("photo source `{}` is not an http(s) URL", url.get_ref()),
            "give the address of the page the picture comes from, with",
        )
    });
    src.into_iter().chain(page).collect()
}
