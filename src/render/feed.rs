//! The Atom feed's entry content: the article's photo and body as one piece
//! of HTML whose links work wherever a feed reader shows it.

use crate::html::escape_html;
use crate::url::BaseUrl;

/// The photo of an entry, as the feed shows it.
pub struct FeedPhoto<'a> {
    /// The photo's link under the site (`/images/map.svg`).
    pub url: &'a str,
    pub alt: &'a str,
    /// Rendered caption HTML.
    pub caption: &'a str,
    pub credit: Option<&'a str>,
}

/// A correction as the feed shows it: its date (`2025-05-03`, `3 May 2025`)
/// and rendered text.
pub struct FeedCorrection<'a> {
    pub iso: String,
    pub words: String,
    pub html: &'a str,
}

/// The entry's HTML: the photo as a figure, then the body, then the
/// corrections, with every root-relative link made absolute and fragment
/// links pointing at the page.
pub fn entry_html(
    body: &str,
    photo: Option<FeedPhoto>,
    corrections: &[FeedCorrection],
    base: &BaseUrl,
    page_url: &str,
) -> String {
    let mut html = String::with_capacity(body.len() + 512);
    if let Some(photo) = photo {
        html.push_str(&format!(
            "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}",
            escape_html(photo.url),
            escape_html(photo.alt),
            photo.caption
        ));
        if let Some(credit) = photo.credit {
            html.push_str(&format!("<p>{}</p>", escape_html(credit)));
        }
        html.push_str("</figcaption></figure>\n");
    }
    html.push_str(body);
    if !corrections.is_empty() {
        html.push_str("<section><h2>Corrections</h2>\n<ol>\n");
        for c in corrections {
            html.push_str(&format!(
                "<li><p><time datetime=\"{}\">{}</time></p>\n{}</li>\n",
                c.iso, c.words, c.html
            ));
        }
        html.push_str("</ol></section>\n");
    }
    absolute_links(&html, base, page_url)
}

/// Rewrites `href` and `src` attributes that start with `/` (but not `//`)
/// or `#` into full URLs. Attribute values in rendered HTML are always
/// double-quoted, and text is escaped, so the pattern cannot match prose.
/// One pass over the page, whatever it holds.
pub fn absolute_links(html: &str, base: &BaseUrl, page_url: &str) -> String {
    let origin = base.full_url("/");
    let origin = origin.trim_end_matches('/');
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut written = 0;
    for attribute in url_attributes().find_iter(html) {
        // Each match ends in a quote, and values hold none: no match starts
        // inside the value copied before it.
        let at = attribute.end();
        let value = &html[at..];
        out.push_str(&html[written..at]);
        if attribute.pattern().as_usize() == SRCSET {
            // A list of URLs, each with its width, commas in URLs escaped.
            let end = memchr::memchr(b'"', value.as_bytes()).unwrap_or(value.len());
            let candidates: Vec<String> = (value[..end].split(", "))
                .map(|c| match c.starts_with('/') && !c.starts_with("//") {
                    true => format!("{origin}{c}"),
                    false => c.to_string(),
                })
                .collect();
            out.push_str(&candidates.join(", "));
            written = at + end;
            continue;
        }
        if value.starts_with('#') {
            out.push_str(page_url);
        } else if value.starts_with('/') && !value.starts_with("//") {
            out.push_str(origin);
        }
        let end = memchr::memchr(b'"', value.as_bytes()).unwrap_or(value.len());
        out.push_str(&value[..end]);
        written = at + end;
    }
    out.push_str(&html[written..]);
    out
}

/// The pattern of [`url_attributes`] that finds a `srcset`.
const SRCSET: usize = 2;

/// Finds where each `href="`, `src="` or `srcset="` value starts, in one scan.
fn url_attributes() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| {
        aho_corasick::AhoCorasick::new([" href=\"", " src=\"", " srcset=\""])
            .expect("three plain patterns")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        let base = BaseUrl::parse("https://example.org/history/").unwrap();
        let html = r##"<a href="/history/glossary/majlis/">m</a> <a href="#fn-1">1</a> <img src="/history/map.svg" alt=""> <a href="https://other.org/">o</a> <a href="//cdn.example/x">c</a> <code>href="/x"</code>"##;
        let out = absolute_links(html, &base, "https://example.org/history/a/");
        assert_eq!(
            out,
            r##"<a href="https://example.org/history/glossary/majlis/">m</a> <a href="https://example.org/history/a/#fn-1">1</a> <img src="https://example.org/history/map.svg" alt=""> <a href="https://other.org/">o</a> <a href="//cdn.example/x">c</a> <code>href="/x"</code>"##
        );
        let html = r#"<source srcset="/history/a-480w.webp 480w, /history/a%2Cb-800w.webp 800w, https://x.org/c.webp 900w">"#;
        assert_eq!(
            absolute_links(html, &base, "https://example.org/history/a/"),
            r#"<source srcset="https://example.org/history/a-480w.webp 480w, https://example.org/history/a%2Cb-800w.webp 800w, https://x.org/c.webp 900w">"#
        );
    }

    #[test]
    fn the_photo_leads_the_entry() {
        let base = BaseUrl::parse("https://example.org/").unwrap();
        let photo = FeedPhoto {
            url: "/images/map.svg",
            alt: "A map & more",
            caption: "<p>Caption</p>",
            credit: Some("Agency"),
        };
        let html = entry_html(
            "<p>Body</p>",
            Some(photo),
            &[],
            &base,
            "https://example.org/a/",
        );
        assert!(html.starts_with(
            "<figure><img src=\"https://example.org/images/map.svg\" alt=\"A map &amp; more\">"
        ));
        assert!(html.ends_with("<p>Agency</p></figcaption></figure>\n<p>Body</p>"));
    }
}
