//! Maps a request's URL to what the dev server sends back. Pure and strict:
//! anything that could name a place outside the site (`..`, encoded or not,
//! backslashes, NUL) is a bad request, and what remains is only ever looked
//! up among the site's own files, never joined onto a folder unchecked.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path under the output (`glossary/index.html`).
    File(String),
    /// The same page with a trailing slash, or the base path.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Resolves `url` (the request target, such as `/history/glossary/?x=1`) for
/// a site served under `base_path` (`/` or `/history/`); `exists` says
/// whether the site has a file at a path under the output.
pub fn resolve(url: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Target::BadRequest;
    }
    let Some(decoded) = crate::url::percent_decode(path) else {
        return Target::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Target::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Target::BadRequest;
    }
    let trailing_slash = decoded.ends_with('/');
    // The base path is compared as the request is, decoded: pages link to
    // it as `base_url` writes it, and browsers encode what it does not.
    let base_decoded = crate::url::percent_decode(base_path).unwrap_or_else(|| base_path.into());
    let base: Vec<&str> = base_decoded.split('/').filter(|s| !s.is_empty()).collect();
    if !segments.starts_with(&base) {
        // The server's root, for a site under a sub-path, leads to the site.
        return if segments.is_empty() {
            Target::Redirect(location(&base))
        } else {
            Target::NotFound
        };
    }
    let rel = segments[base.len()..].join("/");
    if rel.is_empty() && !trailing_slash && !base.is_empty() {
        return Target::Redirect(location(&base));
    }
    let candidate = if rel.is_empty() {
        "index.html".to_string()
    } else if trailing_slash {
        format!("{rel}/index.html")
    } else {
        rel.clone()
    };
    if exists(&candidate) {
        Target::File(candidate)
    } else if !trailing_slash && !rel.is_empty() && exists(&format!("{rel}/index.html")) {
        // Built from the parts, never from the raw path: `//x` would
        // otherwise send the browser to another host.
        Target::Redirect(location(&segments))
    } else {
        Target::NotFound
    }
}

/// What a path segment cannot hold as it is in a `Location` header: what
/// is not printable ASCII (encoded anyway), and what would end the path or
/// read as an escape.
const ENCODED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The folder of decoded `segments` as a redirect's target, encoded so
/// the browser asks for those same segments.
fn location(segments: &[&str]) -> String {
    let mut out = String::from("/");
    for segment in segments {
        out.extend(utf8_percent_encode(segment, ENCODED));
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        [
            "index.html",
            "glossary/index.html",
            "glossary/majlis/index.html",
            "gloss.css",
            "images/a b.svg",
        ]
        .contains(&path)
    }

    fn at_root(url: &str) -> Target {
        resolve(url, "/", site)
    }

    #[test]
    fn pages_and_files() {
        assert_eq!(at_root("/"), Target::File("index.html".into()));
        assert_eq!(
            at_root("/glossary/majlis/"),
            Target::File("glossary/majlis/index.html".into())
        );
        assert_eq!(at_root("/gloss.css?v=2"), Target::File("gloss.css".into()));
        assert_eq!(
            at_root("/images/a%20b.svg"),
            Target::File("images/a b.svg".into())
        );
        assert_eq!(
            at_root("/glossary/majlis"),
            Target::Redirect("/glossary/majlis/".into())
        );
        assert_eq!(at_root("/nope/"), Target::NotFound);
        assert_eq!(at_root("//glossary"), Target::Redirect("/glossary/".into()));
        assert_eq!(
            at_root("/glossary//majlis"),
            Target::Redirect("/glossary/majlis/".into())
        );
    }

    #[test]
    fn traversal_is_refused() {
        for url in [
            "/../etc/passwd",
            "/glossary/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%5c..%5cwindows",
            "/a\\b",
            "/%00",
            "/%ff%fe",
            "/./index.html",
        ] {
            assert_eq!(at_root(url), Target::BadRequest, "{url}");
        }
        assert_eq!(at_root("http://evil.example/x"), Target::BadRequest);
        assert_eq!(at_root("//etc/passwd"), Target::NotFound);
        // A `%` that starts no escape is only an odd name: found nowhere.
        assert_eq!(at_root("/%zz"), Target::NotFound);
        assert_eq!(at_root("/etc/passwd"), Target::NotFound);
    }

    #[test]
    fn sub_path_sites() {
        let under = |url| resolve(url, "/history/", site);
        assert_eq!(under("/history/"), Target::File("index.html".into()));
        assert_eq!(
            under("/history/glossary/"),
            Target::File("glossary/index.html".into())
        );
        assert_eq!(under("/"), Target::Redirect("/history/".into()));
        assert_eq!(under("/history"), Target::Redirect("/history/".into()));
        assert_eq!(under("/glossary/"), Target::NotFound);
        assert_eq!(under("/historyx/"), Target::NotFound);
    }

    /// A redirect is a header's value: what a name holds beyond printable
    /// ASCII, or what would end the path, is encoded, so the browser asks
    /// for the same folder.
    #[test]
    fn redirects_are_encoded() {
        // A site of folders: every page, no other file.
        let every = |path: &str| path.ends_with("index.html");
        assert_eq!(
            resolve("/caf%C3%A9", "/", every),
            Target::Redirect("/caf%C3%A9/".into())
        );
        assert_eq!(
            resolve("/a%3Fb%2523", "/", every),
            Target::Redirect("/a%3Fb%2523/".into())
        );
        let under = |url| resolve(url, "/histoire-é/", every);
        assert_eq!(under("/"), Target::Redirect("/histoire-%C3%A9/".into()));
        assert_eq!(
            under("/histoire-%C3%A9"),
            Target::Redirect("/histoire-%C3%A9/".into())
        );
        assert_eq!(
            under("/histoire-%C3%A9/x"),
            Target::Redirect("/histoire-%C3%A9/x/".into())
        );
        // A base written with escapes is the one its pages link to.
        let encoded = |url| resolve(url, "/histoire-%C3%A9/", site);
        assert_eq!(
            encoded("/histoire-%C3%A9/glossary/"),
            Target::File("glossary/index.html".into())
        );
    }
}
