//! The one place that turns a site path into a URL under `base_url`, and
//! that reads a URL's scheme the way a browser does, to judge whether a
//! link is safe to publish.

/// The site path a content file is published at: pretty URLs mirroring the
/// folder layout, `_index.md` standing for its folder.
pub fn site_path(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let path = match stem.strip_suffix("_index") {
        Some(folder) => folder.to_string(),
        None => format!("{stem}/"),
    };
    path.split('/')
        .map(|segment| segment.split_whitespace().collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join("/")
}

/// The scheme of a URL (`https`, `mailto`), if it has one; a relative path
/// such as `a/b:c.md` has none.
pub fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

/// The schemes a link written in content may use: the web, mail and the
/// telephone. Any other (`javascript:`, `data:`, `vbscript:`) can run code
/// or show a page of the author's making in the reader's browser.
pub const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of `url` as a browser reads it, in lower case; `None` for a
/// relative URL. Browsers drop leading and trailing control characters and
/// spaces and every tab and newline before they look, so `" Java\tScript:"`
/// is `javascript:` to them, and to this.
pub fn browser_scheme(url: &str) -> Option<String> {
    let url = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => scheme.push(c),
            _ => return None,
        }
    }
    None
}

/// Whether `url` is relative or has one of the `allowed` schemes (given in
/// lower case), as a browser would read it.
pub fn scheme_allowed(url: &str, allowed: &[&str]) -> bool {
    browser_scheme(url).is_none_or(|s| allowed.contains(&s.as_str()))
}

/// The schemes as a message names them: `` `http:`, `https:` or `mailto:` ``
pub fn schemes_named(schemes: &[&str]) -> String {
    let named: Vec<String> = schemes.iter().map(|s| format!("`{s}:`")).collect();
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => named.concat(),
    }
}

/// `%XX` escapes decoded, as written in a link or a request; `None` if the
/// result is not UTF-8. A `%` that starts no escape stays as it is.
pub fn percent_decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// Whether a link target names another site or a scheme such as `mailto:`.
pub fn is_external(url: &str) -> bool {
    url.starts_with("//") || scheme(url).is_some()
}

/// `base_url` split into the absolute form (for feeds, sitemaps, canonical links)
/// and its path (for links inside pages, so the site works on any host that
/// serves it under that path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host, without a trailing slash; empty for a path-only base.
    origin: String,
    /// Always starts and ends with `/`.
    path: String,
    /// Where the pages of the language are under `path`: empty for the
    /// site's default language, `fa/` for another.
    language: String,
}

impl BaseUrl {
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let url = url.trim();
        let (origin, path) = if let Some(rest) = url
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| url.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            if host.is_empty() {
                return Err(format!("base_url `{url}` has no host"));
            }
            (format!("{scheme}{host}"), path.to_string())
        } else if url.starts_with('/') || url.is_empty() {
            (String::new(), url.to_string())
        } else {
            return Err(format!(
                "base_url `{url}` must start with https://, http:// or /"
            ));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(format!(
                "base_url `{url}` may not hold a query, fragment or space"
            ));
        }
        // What a request for a page under such a path is refused for.
        let decoded = percent_decode(&path).unwrap_or_else(|| path.clone());
        if decoded.contains(|c: char| c.is_control() || c == '\\')
            || decoded.split('/').any(|s| s == "." || s == "..")
        {
            return Err(format!(
                "base_url `{}` may not hold a control character, a backslash or a `.` or `..` segment",
                url.escape_debug()
            ));
        }
        let trimmed = path.trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Ok(BaseUrl {
            origin,
            path,
            language: String::new(),
        })
    }

    /// The base of the pages in another language than the default, under
    /// `/<code>/`: every page link made from it is under that folder, while
    /// the site's files (stylesheets, pictures) stay where they are.
    pub fn in_language(&self, code: &str) -> BaseUrl {
        BaseUrl {
            language: format!("{code}/"),
            ..self.clone()
        }
    }

    /// The base of the site's default language.
    pub fn root(&self) -> BaseUrl {
        BaseUrl {
            language: String::new(),
            ..self.clone()
        }
    }

    /// Where the language's pages are under the base path: `fa/`, or empty.
    pub fn language_prefix(&self) -> &str {
        &self.language
    }

    /// The path of the language's home page, such as `/` or `/fa/`.
    pub fn home(&self) -> String {
        format!("{}{}", self.path, self.language)
    }

    /// A link to a file of the whole site rather than a page of the
    /// language: a stylesheet, a picture, a file of `static/`.
    pub fn file_link(&self, path: &str) -> String {
        format!("{}{}", self.path, path.trim_start_matches('/'))
    }

    /// Whether the base names a host, so permalinks are full URLs.
    pub fn has_origin(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The path every site URL starts with, such as `/` or `/history/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The language's home as a full URL, always ending in `/`.
    pub fn absolute(&self) -> String {
        format!("{}{}{}", self.origin, self.path, self.language)
    }

    /// A link for use inside the site: `site_path` (no leading slash, such as
    /// `glossary/majlis/`) under the base path and the language's folder.
    pub fn link(&self, site_path: &str) -> String {
        format!(
            "{}{}{}",
            self.path,
            self.language,
            site_path.trim_start_matches('/')
        )
    }

    /// A link made by [`BaseUrl::link`] as a full URL (unchanged if it is
    /// not a root-relative path).
    pub fn full_url(&self, link: &str) -> String {
        if link.starts_with('/') && !link.starts_with("//") {
            format!("{}{link}", self.origin)
        } else {
            link.to_string()
        }
    }

    /// The full URL of `site_path`, for sitemaps, feeds and canonical links.
    pub fn permalink(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.link(site_path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_domain() {
        let b = BaseUrl::parse("https://example.org").unwrap();
        assert_eq!(b.path(), "/");
        assert_eq!(b.link("glossary/majlis/"), "/glossary/majlis/");
        assert_eq!(
            b.permalink("glossary/majlis/"),
            "https://example.org/glossary/majlis/"
        );
    }

    #[test]
    fn sub_path_keeps_prefix() {
        let b = BaseUrl::parse("https://example.org/history").unwrap();
        assert_eq!(b.link("/a/"), "/history/a/");
        assert_eq!(b.absolute(), "https://example.org/history/");
    }

    #[test]
    fn a_language_s_pages_are_under_its_folder_and_files_are_not() {
        let b = BaseUrl::parse("https://example.org/history").unwrap();
        let fa = b.in_language("fa");
        assert_eq!(fa.link("glossary/majlis/"), "/history/fa/glossary/majlis/");
        assert_eq!(fa.permalink(""), "https://example.org/history/fa/");
        assert_eq!(fa.home(), "/history/fa/");
        assert_eq!(fa.file_link("/images/a.jpg"), "/history/images/a.jpg");
        assert_eq!(fa.path(), "/history/");
        assert_eq!(fa.root(), b);
        assert_eq!(b.home(), "/history/");
    }

    #[test]
    fn path_only_base() {
        let b = BaseUrl::parse("/").unwrap();
        assert_eq!(b.permalink(""), "/");
        assert!(!b.has_origin());
        assert_eq!(b.full_url("/images/siege.jpg"), "/images/siege.jpg");
    }

    #[test]
    fn full_urls_only_for_root_relative_links() {
        let b = BaseUrl::parse("https://example.org/history/").unwrap();
        assert!(b.has_origin());
        assert_eq!(
            b.full_url("/history/images/siege.jpg"),
            "https://example.org/history/images/siege.jpg"
        );
        // A link elsewhere, or to another host without a scheme, stays.
        for link in ["https://loc.gov/x.jpg", "//cdn.example.net/x.jpg", "x.jpg"] {
            assert_eq!(b.full_url(link), link);
        }
    }

    #[test]
    fn pretty_urls_mirror_the_path() {
        assert_eq!(
            site_path("articles/siege-of-tabriz.md"),
            "articles/siege-of-tabriz/"
        );
        assert_eq!(site_path("_index.md"), "");
        assert_eq!(site_path("articles/_index.md"), "articles/");
        assert_eq!(site_path("glossary/majlis.md"), "glossary/majlis/");
        assert_eq!(site_path("notes/a page.md"), "notes/a-page/");
    }

    #[test]
    fn external_targets() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example.org/x.js"));
        assert!(!is_external("other.md"));
        assert!(!is_external("/images/a:b.png"));
        assert!(!is_external("a/b:c.md"));
        assert_eq!(scheme("JavaScript:alert(1)"), Some("JavaScript"));
    }

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(
            browser_scheme("JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            browser_scheme(" \u{1}javascript:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            browser_scheme("java\tscr\nipt:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(browser_scheme("data:text/html,x").as_deref(), Some("data"));
        assert_eq!(browser_scheme("web+gloss:x").as_deref(), Some("web+gloss"));
        // Relative: no scheme, or a colon after a character no scheme has.
        assert_eq!(browser_scheme("a/b:c.md"), None);
        assert_eq!(browser_scheme("#top"), None);
        assert_eq!(browser_scheme("//example.org/x"), None);
        assert_eq!(browser_scheme("1x:y"), None);
        assert_eq!(browser_scheme(":x"), None);
        assert_eq!(browser_scheme("javascript%3Aalert(1)"), None);
        assert_eq!(browser_scheme("\u{a0}javascript:x"), None);
    }

    #[test]
    fn only_allowed_schemes_pass() {
        for safe in [
            "https://e.org",
            "MAILTO:a@b.c",
            "tel:+4412",
            "x.md",
            "/a/",
            "#b",
            "",
        ] {
            assert!(scheme_allowed(safe, SAFE_SCHEMES), "{safe}");
        }
        for bad in [
            "javascript:x",
            " vbscript:x",
            "data:image/png;base64,x",
            "java\nscript:x",
        ] {
            assert!(!scheme_allowed(bad, SAFE_SCHEMES), "{bad}");
        }
        assert!(!scheme_allowed("mailto:a@b.c", &["http", "https"]));
        assert_eq!(schemes_named(&["http"]), "`http:`");
        assert_eq!(
            schemes_named(SAFE_SCHEMES),
            "`http:`, `https:`, `mailto:` or `tel:`"
        );
    }

    #[test]
    fn rejects_nonsense() {
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        for url in [
            "/a\0b/",
            "/a%0Ab/",
            "/a\\b/",
            "/../x/",
            "https://e.org/a/%2E/",
        ] {
            assert!(BaseUrl::parse(url).is_err(), "{url}");
        }
        assert!(BaseUrl::parse("/a..b/%41/").is_ok());
    }
}
