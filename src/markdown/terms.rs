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
        if writes_markup(&event) {
            raw.markup();
        }
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                not_prose += 1;
                let at = to_file(range.start);
                let end = if let Some(holder) = raw.innermost() {
                    // A link inside a link, or inside code, is no link.
                    diagnostics.push(
                        ctx.source
                            .warning_at(
                                at,
                                format!("`[[{dest_url}]]` inside raw HTML ({holder}) cannot link"),
                            )
                            .with_help("move the link out of the element"),
                    );
                    LinkEnd::Drop
                } else {
                    wiki_link(&dest_url, ctx, page, at, diagnostics)
                };
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
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::FootnoteDefinition,
            ) => {
                raw.end_block();
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

/// Whether the HTML writer writes a tag of its own for `event`: for all
/// but text, line breaks in the source, raw HTML (read as it comes) and
/// the bounds of HTML and metadata blocks.
fn writes_markup(event: &Event<'_>) -> bool {
    !matches!(
        event,
        Event::Text(_)
            | Event::SoftBreak
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::HtmlBlock | Tag::MetadataBlock(_))
            | Event::End(TagEnd::HtmlBlock | TagEnd::MetadataBlock(_))
    )
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
            // A term this language has no translation of: its original.
            if let Some(link) = ctx.routes.elsewhere(&file) {
                let href = crate::html::escape_href(link);
                return LinkEnd::Html(format!("<a href=\"{href}\">"));
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

/// The raw HTML elements open whose content is not prose. Pieces of raw
/// HTML come one at a time, and a tag or comment may go on into the next.
#[derive(Default)]
struct RawHtml {
    /// Elements open, innermost last.
    open: Vec<String>,
    /// An element whose text runs to its own end tag, markup or not.
    raw_text: Option<String>,
    /// Inside a comment, which runs on to its end.
    comment: bool,
    /// Inside a bogus comment (`<!x`, `<?x`, `</ x`), which ends at `>`.
    bogus: bool,
    /// Inside a tag, after its name.
    tag: Option<OpenTag>,
}

const NOT_PROSE: &[&str] = &[
    "a", "code", "pre", "kbd", "samp", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6", "abbr",
    "dfn",
];

/// Elements whose text is not markup: it ends only at the element's own
/// end tag (never, for `<plaintext>`), across blocks too.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

impl RawHtml {
    fn is_prose(&self) -> bool {
        self.innermost().is_none()
    }

    /// What holds the text, if it is not prose: a comment or the innermost
    /// such element.
    fn innermost(&self) -> Option<String> {
        if self.comment {
            return Some("a comment".into());
        }
        (self.raw_text.as_ref().or(self.open.last())).map(|name| format!("`<{name}>`"))
    }

    /// Inline HTML cannot span blocks: an element left open (say
    /// `<a name=x>`) ends with its block and must not silence the rest of
    /// the page. Raw text and comments do not end so: a browser reads on to
    /// their end, taking the block's end tag for text, which then ends
    /// nothing.
    fn end_block(&mut self) {
        if self.raw_text.is_none() && !self.comment {
            self.open.clear();
        }
    }

    /// The writer's own markup (`<p>`, `</li>`) comes between two pieces:
    /// its `>` ends a bogus comment, or a tag outside a quoted value.
    fn markup(&mut self) {
        self.bogus = false;
        if let Some(tag) = self.tag.take_if(|t| t.quote.is_none()) {
            self.apply(tag, false);
        }
    }

    /// Reads tags as HTML does: a name runs to white space, `/` or `>`; a
    /// quoted value may hold `>`; `/>` closes only SVG and MathML elements.
    fn scan(&mut self, html: &str) {
        let mut rest = html;
        loop {
            // First what the last piece left unfinished.
            if self.comment {
                let Some(after) = comment_end(rest) else {
                    return;
                };
                (rest, self.comment) = (after, false);
            }
            if self.bogus {
                let Some(end) = rest.find('>') else {
                    return;
                };
                (rest, self.bogus) = (&rest[end + 1..], false);
            }
            if let Some(mut tag) = self.tag.take() {
                let Some((after, self_closing)) = tag.end(rest) else {
                    self.tag = Some(tag);
                    return;
                };
                rest = after;
                self.apply(tag, self_closing);
            }
            let Some(i) = rest.find('<') else {
                return;
            };
            rest = &rest[i + 1..];
            if let Some(name) = &self.raw_text {
                // Nothing in raw text is markup but its own end tag;
                // `<plaintext>` has none.
                if let Some(after) = end_tag_name(rest, name).filter(|_| name != "plaintext") {
                    self.tag = Some(OpenTag::new(name.clone(), true));
                    rest = after;
                }
                continue;
            }
            // Comments hold no elements; `<!-->` and `<!--->` are whole
            // ones. Nor do CDATA, doctypes and processing instructions.
            if let Some(after) = rest.strip_prefix("!--") {
                let empty = after.strip_prefix('>').or_else(|| after.strip_prefix("->"));
                rest = empty.unwrap_or(after);
                self.comment = empty.is_none();
                continue;
            }
            let closing = rest.starts_with('/');
            let tag = rest.strip_prefix('/').unwrap_or(rest);
            if rest.starts_with(['!', '?']) || closing && !tag.starts_with(is_name_start) {
                self.bogus = true;
                continue;
            }
            if !tag.starts_with(is_name_start) {
                continue;
            }
            let name_end = tag.find(is_name_end).unwrap_or(tag.len());
            self.tag = Some(OpenTag::new(tag[..name_end].to_ascii_lowercase(), closing));
            rest = &tag[name_end..];
        }
    }

    /// What a tag, now ended, opens or closes.
    fn apply(&mut self, tag: OpenTag, self_closing: bool) {
        let name = tag.name;
        if tag.closing {
            if self.raw_text.as_ref() == Some(&name) {
                self.raw_text = None;
            } else if let Some(i) = self.open.iter().rposition(|n| *n == name) {
                self.open.truncate(i);
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            self.raw_text = Some(name);
        } else if NOT_PROSE.contains(&name.as_str())
            && !(self_closing && (name == "svg" || name == "math"))
        {
            self.open.push(name);
        }
    }
}

/// A tag read up to its name, waiting for its `>`.
struct OpenTag {
    name: String,
    closing: bool,
    /// Inside a value quoted with this.
    quote: Option<char>,
    /// Just after an `=`, where a quote starts a value.
    after_equals: bool,
    last: char,
}

impl OpenTag {
    fn new(name: String, closing: bool) -> OpenTag {
        OpenTag {
            name,
            closing,
            quote: None,
            after_equals: false,
            last: ' ',
        }
    }

    /// Reads on through `text`: if the tag ends there, what follows its
    /// `>` and whether it ended in `/>`.
    fn end<'h>(&mut self, text: &'h str) -> Option<(&'h str, bool)> {
        for (i, c) in text.char_indices() {
            match self.quote {
                Some(q) if c == q => self.quote = None,
                Some(_) => {}
                None if self.after_equals && (c == '"' || c == '\'') => self.quote = Some(c),
                None if c == '>' => return Some((&text[i + 1..], self.last == '/')),
                None => {}
            }
            if self.quote.is_none() && !c.is_ascii_whitespace() {
                self.after_equals = c == '=';
            }
            self.last = c;
        }
        None
    }
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_name_end(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ' | '/' | '>')
}

/// After `</`, what follows `name` (any case) if it is the name of this end
/// tag, as raw text's end tag must be.
fn end_tag_name<'h>(rest: &'h str, name: &str) -> Option<&'h str> {
    let after = rest.strip_prefix('/')?;
    let candidate = after.get(..name.len())?;
    let after = &after[name.len()..];
    (candidate.eq_ignore_ascii_case(name) && (after.is_empty() || after.starts_with(is_name_end)))
        .then_some(after)
}

/// What follows the end of a comment (`-->` or `--!>`) in `text`, if it ends.
fn comment_end(text: &str) -> Option<&str> {
    let end = ["-->", "--!>"]
        .iter()
        .filter_map(|close| Some(text.find(close)? + close.len()))
        .min()?;
    Some(&text[end..])
}

#[cfg(test)]
mod tests {
    use super::RawHtml;

    fn after(html: &[&str]) -> RawHtml {
        let mut raw = RawHtml::default();
        for h in html {
            raw.scan(h);
        }
        raw
    }

    fn open_after(html: &[&str]) -> Vec<String> {
        after(html).open
    }

    #[test]
    fn open_and_closed_elements() {
        assert_eq!(open_after(&["<a href=\"x\">"]), ["a"]);
        assert!(open_after(&["<a href=\"x\">", "</a>"]).is_empty());
        assert_eq!(open_after(&["<CODE>"]), ["code"]);
        assert!(open_after(&["<span>", "<em>"]).is_empty());
        assert!(open_after(&["<svg viewBox=\"0 0 1 1\"/>", "<math/>"]).is_empty());
    }

    /// An end tag closes its own element, not whichever is open; a name
    /// runs to white space, `/` or `>`; `/>` does not close an HTML element.
    #[test]
    fn elements_as_html_reads_them() {
        assert_eq!(open_after(&["<code>", "</a>"]), ["code"]);
        assert_eq!(
            open_after(&["<code>", "<a>", "</code>"]),
            Vec::<String>::new()
        );
        assert!(open_after(&["<code:x>", "<a-b>"]).is_empty());
        assert_eq!(open_after(&["<code>", "</code:x>"]), ["code"]);
        assert_eq!(open_after(&["<abbr title=\"t\"/>"]), ["abbr"]);
        assert_eq!(open_after(&["<code title=\"/>\">"]), ["code"]);
        assert_eq!(
            open_after(&["<code>", "<span title=\"</code>\">"]),
            ["code"]
        );
        assert_eq!(open_after(&["<code>", "< /code>", "</ code>"]), ["code"]);
        // A tag goes on into the next piece until its `>`.
        assert_eq!(open_after(&["<pre\n", "</pre>\n"]), ["pre"]);
        assert_eq!(open_after(&["<code title=\"\n", "</code>\">"]), ["code"]);
    }

    /// A value quoted with `"` or `'` after an `=` (white space around it
    /// or not) may hold `>` and tags; a quote elsewhere, or an unquoted
    /// value, holds nothing.
    #[test]
    fn quoted_values_hold_what_looks_like_tags() {
        let none = Vec::<String>::new();
        assert_eq!(open_after(&["<span title=\"x><code>\">"]), none);
        assert_eq!(open_after(&["<span title = 'x><code>'>"]), none);
        assert_eq!(open_after(&["<span title=x><code>"]), ["code"]);
        assert_eq!(open_after(&["<span a\"><code>\""]), ["code"]);
        assert_eq!(open_after(&["<span title=\"a=\" b><code>"]), ["code"]);
    }

    /// A block's end inside raw text or a comment is text there: the
    /// elements open before it stay open after the raw text ends.
    #[test]
    fn a_block_ending_inside_raw_text_ends_no_element() {
        let mut raw = after(&["<code>", "<script>"]);
        raw.end_block();
        raw.scan("</script>");
        assert_eq!(raw.open, ["code"]);
        let mut raw = after(&["<code>", "<!-- a"]);
        raw.end_block();
        raw.scan("-->");
        assert_eq!(raw.open, ["code"]);
        let mut raw = after(&["<code>"]);
        raw.end_block();
        assert!(raw.open.is_empty());
    }

    /// `<` before anything but a letter starts no tag; a bogus comment
    /// ends at its `>`, in the same piece or a later one.
    #[test]
    fn what_starts_no_tag() {
        assert_eq!(open_after(&["<div>1 <2 <code>"]), ["code"]);
        assert_eq!(open_after(&["<!x", "><code>"]), ["code"]);
        assert_eq!(open_after(&["<!x <a>", "<code>"]), ["code"]);
    }

    /// The writer's markup between two pieces ends a bogus comment, as
    /// its `>` does in a browser; a `<script>` after it opens raw text.
    #[test]
    fn the_writers_markup_ends_a_bogus_comment() {
        let mut raw = after(&["</<i"]);
        raw.markup();
        raw.scan("<script>");
        assert!(!raw.is_prose());
        let mut raw = after(&["<span title=x"]);
        raw.markup();
        raw.scan("<code>");
        assert_eq!(raw.open, ["code"]);
    }

    /// An element left open ends with its block.
    #[test]
    fn open_elements_end_with_their_block() {
        let mut raw = after(&["<a name=\"x\">"]);
        assert!(!raw.is_prose());
        raw.end_block();
        assert!(raw.is_prose());
    }

    #[test]
    fn comments_hold_no_elements() {
        assert!(open_after(&["<!-- a <code> note -->"]).is_empty());
        assert_eq!(open_after(&["<!-- x --><a>"]), ["a"]);
        assert_eq!(open_after(&["<!--><code>"]), ["code"]);
        assert_eq!(open_after(&["<!-- x --!><pre>"]), ["pre"]);
        assert!(open_after(&["<![CDATA[<a>]]>", "<?php <a> ?>"]).is_empty());
        // A comment runs on to its end, over blocks.
        let mut raw = after(&["<!-- <a>"]);
        raw.end_block();
        assert!(!raw.is_prose());
        raw.scan("<code> -->");
        assert!(raw.is_prose());
    }

    /// Raw text runs to its own end tag, over the end of a block, and
    /// holds no elements.
    #[test]
    fn raw_text_runs_to_its_end_tag() {
        let mut raw = after(&["<script>", "</script:x>", "<a>"]);
        raw.end_block();
        assert!(!raw.is_prose());
        raw.scan("</SCRIPT >");
        assert!(raw.is_prose());
        let mut raw = after(&["<title>Cossack"]);
        raw.end_block();
        assert!(!raw.is_prose());
        assert!(after(&["<style>a{}</style>"]).is_prose());
    }
}
