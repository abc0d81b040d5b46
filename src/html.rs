//! Escaping text and URLs for HTML: the ground floor every stage that
//! writes markup stands on.

/// Escapes text for an HTML attribute or element.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String");
    out
}

/// Escapes a URL for an `href`.
pub fn escape_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    pulldown_cmark_escape::escape_href(&mut out, url).expect("writing to a String");
    out
}

/// A file's path as a URL path, with the characters a `srcset` cannot hold
/// (spaces, commas) and those a URL reads otherwise (`#`, `?`) escaped.
pub fn escape_url_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace(' ', "%20")
        .replace(',', "%2C")
        .replace('#', "%23")
        .replace('?', "%3F")
}
