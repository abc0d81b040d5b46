//! The page left at each old URL a page keeps (its `aliases`): it names the
//! page's own URL as canonical, sends the browser there at once, asks
//! search engines not to index it, and shows a link for a reader whose
//! browser does not follow. It is in no list, sitemap, feed or search index.

use crate::html::{escape_href, escape_html};
use crate::routes::aliases::Alias;
use crate::url::BaseUrl;

use super::OutputFile;

/// The page at `alias`, in the site's `language`.
pub fn page(alias: &Alias, base: &BaseUrl, language: &str) -> OutputFile {
    let link = escape_href(&base.link(&alias.to));
    let canonical = escape_href(&base.permalink(&alias.to));
    let title = escape_html(alias.title.as_deref().unwrap_or(&base.link(&alias.to)));
    let language = escape_html(language);
    let html = format!(
        "<!DOCTYPE html>
<html lang=\"{language}\">
<head>
<meta charset=\"utf-8\">
<title>{title}</title>
<link rel=\"canonical\" href=\"{canonical}\">
<meta name=\"robots\" content=\"noindex\">
<meta http-equiv=\"refresh\" content=\"0; url={link}\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
</head>
<body>
<p>This page has moved to <a href=\"{link}\">{title}</a>.</p>
</body>
</html>
"
    );
    OutputFile {
        path: alias.file(),
        contents: html.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_and_links_the_new_url_under_the_base() {
        let alias = Alias {
            path: "old/".into(),
            to: "articles/new/".into(),
            title: Some("Tabriz & after".into()),
        };
        let base = BaseUrl::parse("https://example.org/history/").unwrap();
        let file = page(&alias, &base, "en");
        let html = String::from_utf8(file.contents).unwrap();
        assert_eq!(file.path, "old/index.html");
        for part in [
            r#"<link rel="canonical" href="https://example.org/history/articles/new/">"#,
            r#"<meta http-equiv="refresh" content="0; url=/history/articles/new/">"#,
            r#"<meta name="robots" content="noindex">"#,
            r#"<a href="/history/articles/new/">Tabriz &amp; after</a>"#,
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
    }
}
