//! The glossary pass: links mentions of terms in prose to their pages and
//! resolves explicit `[[wiki links]]`, recording every term the page mentions.
//! Prose means text outside code, headings, images, existing links and raw
//! HTML elements such as `<a>` or `<code>`; text inside emphasis is prose.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{Events, PageLinks, RenderContext, escape_href, escape_html};
use crate::config::LinkMode;
use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::url::BaseUrl;

/// What to write where a link closes.
enum LinkEnd {
    /// An ordinary Markdown link: keep its end tag.
    Keep,
    /// A wiki link written out as our own `<a>`, opened by this tag.
    Html(String),
    /// A wiki link that cannot link (unknown, or the page's own term): its
    /// text stays, as plain text.
    Drop,
}

pub fn link<'a>(
    events: Events<'a>,
    ctx: &RenderContext,
    page: &mut PageLinks,
    to_file: &dyn Fn(usize) -> usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Events<'a> {
    let mut out = Vec::with_capacity(events.len());
    // Open elements whose text is not prose (headings, code, links, images).
    let mut not_prose = 0usize;
    let mut raw = RawHtml::default();
    let mut links: Vec<LinkEnd> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                not_prose += 1;
                let end = wiki_link(&dest_url, ctx, page, to_file(range.start), diagnostics);
                if let LinkEnd::Html(open) = &end {
                    out.push((Event::InlineHtml(open.clone().into()), range));
                }
                links.push(end);
            }
            Event::Start(Tag::Link { .. }) => {
                not_prose += 1;
                links.push(LinkEnd::Keep);
                out.push((event, range));
            }
            Event::End(TagEnd::Link) => {
                not_prose = not_prose.saturating_sub(1);
                match links.pop() {
                    Some(LinkEnd::Html(_)) => out.push((Event::InlineHtml("</a>".into()), range)),
                    Some(LinkEnd::Drop) => {}
                    Some(LinkEnd::Keep) | None => out.push((event, range)),
                }
            }
            Event::Start(
                Tag::Image { .. } | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::MetadataBlock(_),
            ) => {
                not_prose += 1;
                out.push((event, range));
            }
            Event::End(
                TagEnd::Image | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::MetadataBlock(_),
            ) => {
                not_prose = not_prose.saturating_sub(1);
                out.push((event, range));
            }
            // Inline HTML cannot span blocks: an element left open (say
            // `<a name=x>`) must not silence the rest of the page.
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::FootnoteDefinition,
            ) => {
                raw = RawHtml::default();
                out.push((event, range));
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                raw.scan(html);
                out.push((event, range));
            }
            Event::Text(text) if not_prose == 0 && raw.is_prose() => {
                link_mentions(text, range, ctx, page, &mut out);
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// Resolves `[[target]]` to how the link is written.
fn wiki_link(
    target: &str,
    ctx: &RenderContext,
    page: &mut PageLinks,
    at: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> LinkEnd {
    match ctx.glossary.resolve(target) {
        Some(term) if Some(term) == ctx.this_term => LinkEnd::Drop,
        Some(term) => {
            page.mentions.insert(term);
            page.linked.insert(term);
            LinkEnd::Html(open_tag(ctx, term))
        }
        None => {
            let file = format!("glossary/{}.md", target.trim());
            if ctx.routes.is_broken(&file) {
                // The term's own file has errors, reported already.
                return LinkEnd::Drop;
            }
            let diagnostic = if ctx.routes.is_draft(&file) {
                ctx.source
                    .error_at(at, format!("`[[{target}]]` links to a draft term"))
                    .with_help("build with --drafts, or publish the term")
            } else {
                ctx.glossary.unknown_target_diagnostic(
                    target,
                    ctx.source
                        .error_at(at, format!("`[[{target}]]` matches no glossary term")),
                )
            };
            diagnostics.push(diagnostic);
            LinkEnd::Drop
        }
    }
}

fn open_tag(ctx: &RenderContext, term: usize) -> String {
    ctx.term_tags[term].clone()
}

/// The opening tag of every link to each term, made once per render: pages
/// link terms many times over.
pub fn term_tags(glossary: &Glossary, base: &BaseUrl) -> Vec<String> {
    (glossary.terms.iter())
        .map(|term| {
            format!(
                r#"<a class="term" href="{}" data-term="{}">"#,
                escape_href(&base.link(&term.source.site_path)),
                escape_html(&term.slug)
            )
        })
        .collect()
}

/// Splits one run of prose around the mentions that should link.
fn link_mentions<'a>(
    text: CowStr<'a>,
    range: std::ops::Range<usize>,
    ctx: &RenderContext,
    page: &mut PageLinks,
    out: &mut Events<'a>,
) {
    let mut written = 0;
    for mention in ctx.glossary.matcher.find(&text) {
        if Some(mention.term) == ctx.this_term {
            continue;
        }
        page.mentions.insert(mention.term);
        let wanted = match ctx.mode {
            LinkMode::All => true,
            LinkMode::First => !page.linked.contains(&mention.term),
            LinkMode::None => false,
        };
        if !wanted {
            continue;
        }
        page.linked.insert(mention.term);
        let piece = |r: std::ops::Range<usize>| Event::Text(CowStr::from(text[r].to_string()));
        if mention.range.start > written {
            out.push((piece(written..mention.range.start), range.clone()));
        }
        out.push((
            Event::InlineHtml(open_tag(ctx, mention.term).into()),
            range.clone(),
        ));
        out.push((piece(mention.range.clone()), range.clone()));
        out.push((Event::InlineHtml("</a>".into()), range.clone()));
        written = mention.range.end;
    }
    if written == 0 {
        out.push((Event::Text(text), range));
    } else if written < text.len() {
        out.push((
            Event::Text(CowStr::from(text[written..].to_string())),
            range,
        ));
    }
}

/// Raw HTML elements whose content is not prose, by how deep we are in each.
#[derive(Default)]
struct RawHtml {
    depth: usize,
}

const NOT_PROSE: &[&str] = &[
    "a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "h1", "h2",
    "h3", "h4", "h5", "h6", "abbr", "dfn",
];

impl RawHtml {
    fn is_prose(&self) -> bool {
        self.depth == 0
    }

    fn scan(&mut self, html: &str) {
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            // Comments, CDATA and processing instructions hold no elements.
            let skipped = [("!--", "-->"), ("![CDATA[", "]]>"), ("?", ">")];
            if let Some((open, close)) = skipped.iter().find(|(open, _)| rest.starts_with(open)) {
                let after = &rest[open.len()..];
                rest = after
                    .find(close)
                    .map_or("", |end| &after[end + close.len()..]);
                continue;
            }
            let closing = rest.starts_with('/');
            let name: String = rest
                .strip_prefix('/')
                .unwrap_or(rest)
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !NOT_PROSE.contains(&name.as_str()) {
                continue;
            }
            let tag_end = rest.find('>').unwrap_or(rest.len());
            let self_closing = rest[..tag_end].ends_with('/');
            if closing {
                self.depth = self.depth.saturating_sub(1);
            } else if !self_closing {
                self.depth += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RawHtml;

    fn depth_after(html: &[&str]) -> usize {
        let mut raw = RawHtml::default();
        for h in html {
            raw.scan(h);
        }
        raw.depth
    }

    #[test]
    fn open_and_closed_elements() {
        assert_eq!(depth_after(&["<a href=\"x\">"]), 1);
        assert_eq!(depth_after(&["<a href=\"x\">", "</a>"]), 0);
        assert_eq!(depth_after(&["<CODE>"]), 1);
        assert_eq!(depth_after(&["<span>", "<em>"]), 0);
        assert_eq!(depth_after(&["<abbr title=\"t\"/>"]), 0);
    }

    #[test]
    fn comments_hold_no_elements() {
        assert_eq!(depth_after(&["<!-- a <code> note -->"]), 0);
        assert_eq!(depth_after(&["<!-- x --><a>"]), 1);
        assert_eq!(depth_after(&["<![CDATA[<a>]]>", "<?php <a> ?>"]), 0);
    }
}
