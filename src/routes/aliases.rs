//! Old URLs kept working: each `aliases` entry of a page is a path of the
//! site where a small page sends the reader on to the page's own URL. An
//! alias must be a path under the base path, and no page, generated file,
//! static file or other alias may already be there.

use std::collections::HashMap;

use toml::Spanned;

use crate::diagnostics::Diagnostics;
use crate::load::{Content, Source};

use super::Routes;

/// A page sending the reader from an old URL to a page's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old URL's site path: a folder (`articles/old-name/`), or a file
    /// ending in `.html` (`old/page.html`).
    pub path: String,
    /// The site path of the page it sends the reader to.
    pub to: String,
    /// That page's title, if it has one.
    pub title: Option<String>,
}

impl Alias {
    /// The file written for it, under the output folder.
    pub fn file(&self) -> String {
        file_of(&self.path)
    }
}

/// The file a site path is written to: a folder's `index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Each page with its old URLs, as written, and its title.
fn pages(content: &Content) -> impl Iterator<Item = (&Source, &[Spanned<String>], Option<&str>)> {
    let articles = (content.articles.iter()).map(|a| {
        (
            &a.source,
            a.meta.aliases.as_slice(),
            Some(a.meta.title.as_str()),
        )
    });
    let terms = (content.terms.iter()).map(|t| {
        let title = t.meta.title.get_ref().as_str();
        (&t.source, t.meta.old_urls.as_slice(), Some(title))
    });
    let sections = (content.sections.iter()).map(|s| {
        (
            &s.source,
            s.meta.aliases.as_slice(),
            s.meta.title.as_deref(),
        )
    });
    articles.chain(terms).chain(sections)
}

impl Routes {
    /// Reads every page's aliases, each checked against the site's URLs
    /// and the other aliases; every problem is reported, at its place.
    pub(super) fn collect_aliases(&mut self, content: &Content) -> Diagnostics {
        let mut diagnostics = Diagnostics::new();
        // Every URL a page or a static file has, folded to lower case as
        // routes are compared, with what is there.
        let mut taken: HashMap<String, String> = HashMap::new();
        for (rel, path) in &self.by_source {
            taken.insert(
                file_of(&path.to_lowercase()),
                format!("the URL of content/{rel}"),
            );
        }
        for file in &self.static_files {
            taken.insert(
                file.to_lowercase(),
                format!("where static/{file} is published"),
            );
        }
        let mut aliases: HashMap<String, &Source> = HashMap::new();
        for (source, written, title) in pages(content) {
            for alias in written {
                let at = source.toml_start + alias.span().start;
                let path = match parse(alias.get_ref()) {
                    Ok(path) => path,
                    Err(problem) => {
                        diagnostics.push(source.error_at(at, problem.message(alias.get_ref())).with_help(
                            "write the old URL's path under the site's base path, as `/articles/old-name/`",
                        ));
                        continue;
                    }
                };
                let lower = path.to_lowercase();
                let shown = format!("/{path}");
                // A folder where a file is, or a file where a folder's index is.
                let clash = if let Some(what) =
                    (taken.get(&file_of(&lower))).or_else(|| taken.get(lower.trim_end_matches('/')))
                {
                    Some(format!("the alias {shown} is {what}"))
                } else if let Some(first) = aliases.get(&lower) {
                    Some(if std::ptr::eq(*first, source) {
                        format!("the alias {shown} is given twice")
                    } else {
                        format!(
                            "the alias {shown} is also an alias of {}",
                            first.path.display()
                        )
                    })
                } else if reserved(&lower) {
                    Some(format!(
                        "the alias {shown} is where the build writes its own page"
                    ))
                } else {
                    None
                };
                if let Some(message) = clash {
                    diagnostics.push(
                        source
                            .error_at(at, message)
                            .with_help("an alias must be a URL no page, file or other alias has"),
                    );
                    continue;
                }
                aliases.insert(lower, source);
                self.aliases.push(Alias {
                    path,
                    to: source.site_path.clone(),
                    title: title.map(String::from),
                });
            }
        }
        self.aliases.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        diagnostics
    }
}

/// Whether the build writes something of its own at `path` (lower case):
/// a page of its own, a list's later page or a file at the root.
fn reserved(path: &str) -> bool {
    let first_segment = path.split('/').next().unwrap_or_default();
    super::is_generated(path)
        || [crate::lists::SERIES, crate::lists::TAGS]
            .iter()
            .any(|list| path.starts_with(list))
        || crate::lists::paging::is_page_path(path)
        || super::GENERATED_FILES.contains(&first_segment)
}

/// Why an alias is not a path of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Another site, or a path that does not start with `/`.
    Outside,
    /// A `.` or `..` segment.
    Climbs,
    /// A query, fragment, space, backslash, control character or an empty
    /// segment.
    Malformed,
}

impl Refused {
    fn message(self, alias: &str) -> String {
        let alias = alias.escape_debug();
        match self {
            Refused::Outside => {
                format!("the alias `{alias}` leaves the site's base path: it must start with `/`")
            }
            Refused::Climbs => format!("the alias `{alias}` holds a `.` or `..` segment"),
            Refused::Malformed => format!(
                "the alias `{alias}` may not hold a query, fragment, space, backslash or empty segment"
            ),
        }
    }
}

/// The site path an alias names: `/articles/old/` is `articles/old/`, read
/// under the base path; `/old` is the folder `old/`; `/old/page.html` the
/// file itself, and `/old/index.html` its folder.
pub fn parse(alias: &str) -> Result<String, Refused> {
    if !alias.starts_with('/') || alias.starts_with("//") {
        return Err(Refused::Outside);
    }
    let decoded = crate::url::percent_decode(alias).ok_or(Refused::Malformed)?;
    if decoded.contains(|c: char| c.is_control() || c.is_whitespace() || "?#\\".contains(c)) {
        return Err(Refused::Malformed);
    }
    let rest = &decoded[1..];
    let segments: Vec<&str> = rest.strip_suffix('/').unwrap_or(rest).split('/').collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err(Refused::Climbs);
    }
    if rest.is_empty() {
        return Ok(String::new());
    }
    if segments.iter().any(|s| s.is_empty()) {
        return Err(Refused::Malformed);
    }
    let path = rest.strip_suffix("index.html").unwrap_or(rest);
    let is_file = path.ends_with(".html") || path.ends_with(".htm");
    Ok(if is_file || path.ends_with('/') || path.is_empty() {
        path.to_string()
    } else {
        format!("{path}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_name_folders_or_html_files_under_the_base_path() {
        assert_eq!(parse("/articles/old/").as_deref(), Ok("articles/old/"));
        assert_eq!(parse("/articles/old").as_deref(), Ok("articles/old/"));
        assert_eq!(parse("/old/page.html").as_deref(), Ok("old/page.html"));
        assert_eq!(parse("/old/index.html").as_deref(), Ok("old/"));
        assert_eq!(parse("/caf%C3%A9/").as_deref(), Ok("café/"));
        assert_eq!(parse("/").as_deref(), Ok(""));
    }

    #[test]
    fn aliases_that_leave_the_site_or_are_not_paths_are_refused() {
        for outside in ["https://e.org/x/", "//e.org/x/", "old/", ""] {
            assert_eq!(parse(outside), Err(Refused::Outside), "{outside}");
        }
        for climbs in ["/../x/", "/a/../../b/", "/a/./b", "/%2e%2e/x/", "/.."] {
            assert_eq!(parse(climbs), Err(Refused::Climbs), "{climbs}");
        }
        for malformed in ["/a b/", "/a?x=1", "/a#b", "/a\\b/", "/a//b/", "/%ff/"] {
            assert_eq!(parse(malformed), Err(Refused::Malformed), "{malformed}");
        }
    }

    #[test]
    fn a_folder_is_written_as_its_index() {
        assert_eq!(file_of("old/"), "old/index.html");
        assert_eq!(file_of(""), "index.html");
        assert_eq!(file_of("old/page.html"), "old/page.html");
    }
}
