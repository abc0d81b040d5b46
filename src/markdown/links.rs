//! Rewrites link and image targets so they work on the built site: a link to
//! another Markdown file becomes that page's URL, a root-relative link or an
//! image gets the base path, and a target that does not exist is an error.
//! Wiki links are left to the glossary pass.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::{Events, Link, RenderContext};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::url::is_external;

/// Rewrites the targets in place and returns every link whose target
/// resolved, as written and as published.
pub fn rewrite(
    events: &mut Events<'_>,
    ctx: &RenderContext,
    to_file: &dyn Fn(usize) -> usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let mut links = Vec::new();
    for (event, range) in events.iter_mut() {
        let at = to_file(range.start);
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                ..
            }) => links.push(Link {
                at,
                written: dest_url.to_string(),
                href: format!("mailto:{dest_url}"),
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::WikiLink { .. }) => {
                let written = dest_url.to_string();
                match link_target(dest_url, ctx) {
                    Ok(url) => {
                        if let Some(url) = url {
                            *dest_url = CowStr::from(url);
                        }
                        links.push(Link {
                            at,
                            written,
                            href: dest_url.to_string(),
                        });
                    }
                    Err(message) => diagnostics.push(message.into_diagnostic(ctx, at)),
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => match image_target(dest_url, ctx) {
                Ok(Some(url)) => *dest_url = CowStr::from(url),
                Ok(None) => {}
                Err(message) => diagnostics.push(message.into_diagnostic(ctx, at)),
            },
            _ => {}
        }
    }
    links
}

pub enum LinkError {
    MissingPage { target: String, resolved: String },
    DraftPage { target: String },
    OutsideContent { target: String },
    MissingImage { target: String },
}

impl LinkError {
    fn into_diagnostic(self, ctx: &RenderContext, at: usize) -> Diagnostic {
        let source = ctx.source;
        match self {
            LinkError::MissingPage { target, resolved } => {
                let help = did_you_mean(&resolved, ctx.routes.sources())
                    .map(|s| format!("did you mean content/{s}?"));
                source
                    .error_at(
                        at,
                        format!("link to `{target}`: there is no content/{resolved}"),
                    )
                    .with_help_opt(help)
            }
            LinkError::DraftPage { target } => source
                .error_at(at, format!("link to `{target}`, which is a draft"))
                .with_help("build with --drafts, or publish the page it links to"),
            LinkError::OutsideContent { target } => {
                source.error_at(at, format!("link to `{target}` points outside content/"))
            }
            LinkError::MissingImage { target } => source
                .error_at(
                    at,
                    format!(
                        "image `{target}` does not exist: looked for static/{}",
                        strip_query(&target).trim_start_matches('/')
                    ),
                )
                .with_help("image paths are read from the site's static/ folder"),
        }
    }
}

fn strip_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The rewritten target of a link, `None` to leave it as written.
fn link_target(dest: &str, ctx: &RenderContext) -> Result<Option<String>, LinkError> {
    if dest.is_empty() || dest.starts_with('#') || is_external(dest) {
        return Ok(None);
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    if let Some(md) = path.strip_suffix(".md") {
        let rel = resolve_relative(&ctx.source.rel, &format!("{md}.md")).ok_or_else(|| {
            LinkError::OutsideContent {
                target: dest.to_string(),
            }
        })?;
        return match ctx.routes.page(&rel) {
            Some(site_path) => Ok(Some(format!("{}{fragment}", ctx.base.link(site_path)))),
            // A page another language has no translation of: the original.
            None if let Some(link) = ctx.routes.elsewhere(&rel) => {
                Ok(Some(format!("{link}{fragment}")))
            }
            None if ctx.routes.is_draft(&rel) => Err(LinkError::DraftPage {
                target: dest.to_string(),
            }),
            None => Err(LinkError::MissingPage {
                target: dest.to_string(),
                resolved: rel,
            }),
        };
    }
    if dest.starts_with('/') {
        return Ok(Some(ctx.base.file_link(dest)));
    }
    Ok(None)
}

/// Images come from `static/`: `/images/x.svg` and `images/x.svg` both name
/// `static/images/x.svg`, published under the base path.
fn image_target(dest: &str, ctx: &RenderContext) -> Result<Option<String>, LinkError> {
    if dest.is_empty() || is_external(dest) {
        return Ok(None);
    }
    let path = strip_query(dest).trim_start_matches('/');
    if !ctx.routes.has_static(&percent_decode(path)) {
        return Err(LinkError::MissingImage {
            target: dest.to_string(),
        });
    }
    Ok(Some(ctx.base.file_link(dest)))
}

/// The URL of a picture named in front matter (such as the photo), by the
/// same rules as images in Markdown; `at` is where it is named in the file.
pub fn static_url(dest: &str, ctx: &RenderContext, at: usize) -> Result<String, Diagnostic> {
    match image_target(dest, ctx) {
        Ok(url) => Ok(url.unwrap_or_else(|| dest.to_string())),
        Err(e) => Err(e.into_diagnostic(ctx, at)),
    }
}

/// A written path with its `%XX` escapes decoded, for finding the file on
/// disk; as written if it does not decode to UTF-8.
pub fn percent_decode(path: &str) -> String {
    crate::url::percent_decode(path).unwrap_or_else(|| path.to_string())
}

/// The path under `content/` that `target` names, relative to the file at
/// `from` (or to `content/` when it starts with `/`); `None` if it climbs out.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let target = percent_decode(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<&str> = from.split('/').collect();
        dir.pop();
        dir
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_file() {
        assert_eq!(
            resolve_relative("articles/a.md", "b.md").as_deref(),
            Some("articles/b.md")
        );
        assert_eq!(
            resolve_relative("articles/a.md", "../glossary/majlis.md").as_deref(),
            Some("glossary/majlis.md")
        );
        assert_eq!(
            resolve_relative("articles/a.md", "/_index.md").as_deref(),
            Some("_index.md")
        );
        assert_eq!(resolve_relative("a.md", "../../x.md"), None);
        assert_eq!(
            resolve_relative("a.md", "my%20notes.md").as_deref(),
            Some("my notes.md")
        );
    }
}
