//! Where a link leads: a path of this site, another site, or a path on the
//! same host outside the site's base path.

use crate::markdown::{percent_decode, resolve_relative};
use crate::url::{BaseUrl, is_external};

#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A path of the site under its base path, percent-decoded, such as
    /// `articles/siege/` (`""` is the home page), and the fragment after
    /// `#`, if any, decoded.
    Site {
        path: String,
        fragment: Option<String>,
    },
    /// Another site, or a scheme such as `mailto:`.
    External,
    /// Outside the base path, or climbing above the site's root: not the
    /// site's to check.
    Elsewhere,
}

/// Resolves an `href` found on the page published at `from` (a site path).
pub fn resolve(href: &str, from: &str, base: &BaseUrl) -> Target {
    if is_external(href) {
        return Target::External;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let resolved = if path.is_empty() {
        Some(from.to_string())
    } else if path.starts_with('/') {
        under_base(path, base).and_then(|rest| resolve_relative("", &format!("/{rest}")))
    } else {
        resolve_relative(from, path)
    };
    match resolved {
        // Resolving drops a folder's closing slash, which names the page.
        Some(mut resolved) => {
            if path.ends_with('/') && !resolved.is_empty() {
                resolved.push('/');
            }
            Target::Site {
                path: resolved,
                fragment,
            }
        }
        None => Target::Elsewhere,
    }
}

/// A root-relative path without the base path it must start with.
fn under_base<'a>(path: &'a str, base: &BaseUrl) -> Option<&'a str> {
    if path.trim_end_matches('/') == base.path().trim_end_matches('/') {
        return Some("");
    }
    path.strip_prefix(base.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, fragment: Option<&str>) -> Target {
        Target::Site {
            path: path.to_string(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn same_page_and_relative_links() {
        let base = BaseUrl::parse("/").unwrap();
        let from = "articles/siege/";
        assert_eq!(resolve("#top", from, &base), site(from, Some("top")));
        assert_eq!(resolve("", from, &base), site(from, None));
        assert_eq!(
            resolve("../aftermath/?x=1#caf%C3%A9", from, &base),
            site("articles/aftermath/", Some("café"))
        );
        assert_eq!(resolve("map.svg", "404.html", &base), site("map.svg", None));
        assert_eq!(resolve("../../../x/", from, &base), Target::Elsewhere);
    }

    #[test]
    fn rooted_links_live_under_the_base_path() {
        let base = BaseUrl::parse("https://example.org/history/").unwrap();
        assert_eq!(
            resolve("/history/glossary/majlis/#mentions", "", &base),
            site("glossary/majlis/", Some("mentions"))
        );
        assert_eq!(resolve("/history", "a/", &base), site("", None));
        assert_eq!(resolve("/history/", "a/", &base), site("", None));
        assert_eq!(resolve("/other/", "a/", &base), Target::Elsewhere);
        assert_eq!(resolve("/historyx/", "a/", &base), Target::Elsewhere);
    }

    #[test]
    fn other_sites() {
        let base = BaseUrl::parse("/").unwrap();
        for href in [
            "https://example.org/#x",
            "mailto:a@b.c",
            "//cdn.example.org/",
        ] {
            assert_eq!(resolve(href, "", &base), Target::External, "{href}");
        }
    }
}
