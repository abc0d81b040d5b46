//! The content-trust pass: what an author writes in Markdown may not put
//! script or markup of its own into a page, unless the site says it trusts
//! its content (`[markdown] unsafe_html = true`). Raw HTML is shown as the
//! text it is, so nothing the author wrote is lost from view; HTML comments,
//! an author's notes that a browser never shows, are left out; a link or an
//! image whose scheme is not one of [`SAFE_SCHEMES`] is dropped, keeping
//! its text; so are a heading's attributes beyond its id, classes and a few
//! that only describe its text (`{onclick=...}` would be a script), and an
//! id the page's own elements and scripts use (`{#gloss-previews}` would
//! stand in for the data the previews script reads). Each is a warning at
//! its place in the file.
//!
//! The pass runs straight after parsing, so it sees only the author's HTML,
//! never the HTML that later passes write for citations and term links.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::Events;
use crate::diagnostics::Diagnostic;
use crate::load::Source;
use crate::url::{SAFE_SCHEMES, browser_scheme, schemes_named};

/// The setting that lets a trusting site keep what this pass takes out.
const SETTING: &str = "`[markdown] unsafe_html = true` in site.toml";

/// Raw HTML shown as text gets a warning each time up to this many times a
/// page, then one for the rest: a page pasted from a word processor may hold
/// thousands of tags, and each warning copies its line.
const RAW_HTML_WARNINGS: usize = 10;

/// Where a problem was found, and the list to report it in.
pub struct Report<'r> {
    source: &'r Source,
    /// The offset in the file of an offset in the Markdown.
    to_file: &'r dyn Fn(usize) -> usize,
    diagnostics: &'r mut Vec<Diagnostic>,
    /// Pieces of raw HTML warned of one by one so far.
    raw_html: usize,
    /// Those past [`RAW_HTML_WARNINGS`]: how many, and where the first is.
    more_raw_html: Option<(usize, usize)>,
}

impl<'r> Report<'r> {
    pub fn new(
        source: &'r Source,
        to_file: &'r dyn Fn(usize) -> usize,
        diagnostics: &'r mut Vec<Diagnostic>,
    ) -> Self {
        Report {
            source,
            to_file,
            diagnostics,
            raw_html: 0,
            more_raw_html: None,
        }
    }

    fn warn(&mut self, at: usize, message: String, help: String) {
        let at = (self.to_file)(at);
        (self.diagnostics).push(self.source.warning_at(at, message).with_help(help));
    }

    /// Warns of raw HTML shown as text at `at`, or counts it once the page
    /// has had its share of such warnings.
    fn raw_html(&mut self, at: usize, text: &str) {
        if self.raw_html < RAW_HTML_WARNINGS {
            self.raw_html += 1;
            self.warn(
                at,
                format!("raw HTML `{}` is shown as text", shortened(text)),
                raw_html_help(),
            );
        } else {
            let (count, _) = self.more_raw_html.get_or_insert((0, at));
            *count += 1;
        }
    }

    /// The one warning for the raw HTML past the page's share.
    fn finish(&mut self) {
        if let Some((count, at)) = self.more_raw_html.take() {
            let pieces = if count == 1 { "piece" } else { "pieces" };
            self.warn(
                at,
                format!("{count} more {pieces} of raw HTML, from here on, are shown as text"),
                raw_html_help(),
            );
        }
    }
}

fn raw_html_help() -> String {
    format!(
        "HTML written in Markdown is shown as text; a site that trusts \
         every author of its content can let it through with {SETTING}"
    )
}

/// An HTML block being read: its lines, each with its place.
type Block<'a> = Vec<(CowStr<'a>, Range<usize>)>;

/// Applies the policy to the parser's events.
pub fn apply<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    report: &mut Report,
) -> Events<'a> {
    let mut out = Vec::new();
    let mut block: Option<(Range<usize>, Block<'a>)> = None;
    // For each open link and image, whether it was dropped.
    let mut dropped: Vec<bool> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some((range, Vec::new())),
            Event::Html(html) | Event::InlineHtml(html) if block.is_some() => {
                if let Some((_, lines)) = &mut block {
                    lines.push((html, range));
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, lines)) = block.take() {
                    html_block(start, &lines, report, &mut out);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let piece = [(html, range.clone())];
                if let Some(text) = shown_as_text(&piece, report) {
                    out.push((Event::Text(text.into()), range));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                ref dest_url,
                ..
            }) => {
                // Wiki links are the glossary's to resolve, and links the
                // parser left without a target are gloss's own citations.
                let own = matches!(
                    link_type,
                    LinkType::WikiLink { .. }
                        | LinkType::ReferenceUnknown
                        | LinkType::CollapsedUnknown
                        | LinkType::ShortcutUnknown
                );
                let drop = !own && unsafe_target(dest_url, Target::Link, range.start, report);
                dropped.push(drop);
                if !drop {
                    out.push((event, range));
                }
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                let drop = unsafe_target(dest_url, Target::Image, range.start, report);
                dropped.push(drop);
                if !drop {
                    out.push((event, range));
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let heading = Tag::Heading {
                    level,
                    id: id.filter(|id| !reserved_id(id, range.start, report)),
                    classes,
                    attrs: (attrs.into_iter())
                        .filter(|(name, _)| describing_attribute(name, range.start, report))
                        .collect(),
                };
                out.push((Event::Start(heading), range));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if dropped.pop() != Some(true) {
                    out.push((event, range));
                }
            }
            other => out.push((other, range)),
        }
    }
    report.finish();
    out
}

/// An HTML block as a paragraph of its text, or nothing if it holds only
/// comments.
fn html_block<'a>(
    start: Range<usize>,
    lines: &Block<'a>,
    report: &mut Report,
    out: &mut Events<'a>,
) {
    if let Some(text) = shown_as_text(lines, report) {
        let text = text.trim_end().to_string();
        out.push((Event::Start(Tag::Paragraph), start.clone()));
        out.push((Event::Text(text.into()), start.clone()));
        out.push((Event::End(TagEnd::Paragraph), start));
    }
}

/// The text to show for a piece of raw HTML (given as its lines), warning
/// where it starts; `None` if it holds only comments and space.
fn shown_as_text(lines: &[(CowStr, Range<usize>)], report: &mut Report) -> Option<String> {
    let html: String = lines.iter().map(|(line, _)| line.as_ref()).collect();
    let kept = outside_comments(&html);
    let text: String = kept.iter().map(|r| &html[r.clone()]).collect();
    let first = kept.iter().find_map(|r| {
        html[r.clone()]
            .find(|c: char| !c.is_whitespace())
            .map(|i| r.start + i)
    })?;
    let mut line_start = 0;
    let mut at = lines[0].1.start;
    for (line, range) in lines {
        if first < line_start + line.len() {
            // A line as parsed may be longer than in the file (a tab
            // widened inside a list): never point past its end.
            at = range.start + (first - line_start).min(range.len());
            break;
        }
        line_start += line.len();
    }
    report.raw_html(at, text.trim());
    Some(text)
}

/// The parts of `html` outside its comments, as ranges of it. A comment
/// left open is no comment: its text stays, to be shown.
fn outside_comments(html: &str) -> Vec<Range<usize>> {
    let mut kept = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("<!--") {
        let open = from + i;
        let body = &html[open + 4..];
        // `<!-->` and `<!--->` are empty comments, as CommonMark has them.
        let length = if body.starts_with('>') {
            Some(1)
        } else if body.starts_with("->") {
            Some(2)
        } else {
            body.find("-->").map(|end| end + 3)
        };
        let Some(length) = length else { break };
        kept.push(from..open);
        from = open + 4 + length;
    }
    kept.push(from..html.len());
    kept.retain(|r| !r.is_empty());
    kept
}

/// Attributes a heading may be given that say something of its text and
/// do nothing else.
const HEADING_ATTRIBUTES: &[&str] = &["lang", "dir", "title", "translate"];

/// Whether a heading may keep the attribute `name`, warning if not.
fn describing_attribute(name: &str, at: usize, report: &mut Report) -> bool {
    if HEADING_ATTRIBUTES.contains(&name.to_ascii_lowercase().as_str()) {
        return true;
    }
    report.warn(
        at,
        format!("heading attribute `{}` is dropped", shortened(name)),
        format!(
            "a heading may be given an id, classes and {}; a site that trusts every \
             author of its content can allow any attribute with {SETTING}",
            HEADING_ATTRIBUTES
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    false
}

/// Whether a heading's written id is one the page's own elements have,
/// warning if so: the heading gets an id of its text instead.
fn reserved_id(id: &str, at: usize, report: &mut Report) -> bool {
    if !super::headings::RESERVED.contains(&id) {
        return false;
    }
    report.warn(
        at,
        format!("heading id `{id}` is dropped: the page's own elements use it"),
        format!(
            "choose another id; a site that trusts every author of its content \
             can keep it with {SETTING}"
        ),
    );
    true
}

enum Target {
    Link,
    Image,
}

/// Whether a link or image target has a scheme the site does not publish,
/// warning if so.
fn unsafe_target(dest: &str, kind: Target, at: usize, report: &mut Report) -> bool {
    let Some(scheme) = browser_scheme(dest).filter(|s| !SAFE_SCHEMES.contains(&s.as_str())) else {
        return false;
    };
    let dest = shortened(dest);
    let what = match kind {
        Target::Link => format!("link to `{dest}` is dropped, keeping its text"),
        Target::Image => format!("image `{dest}` is dropped, keeping its alt text"),
    };
    report.warn(
        at,
        format!("{what}: `{scheme}:` is not a safe scheme"),
        format!(
            "links and images may be relative or use {}; a site that trusts every \
             author of its content can keep other schemes with {SETTING}",
            schemes_named(SAFE_SCHEMES)
        ),
    );
    true
}

/// The first line of `text`, cut short if long, for a message.
fn shortened(text: &str) -> String {
    const MOST: usize = 60;
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(MOST) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None if line.len() < text.len() => format!("{line}…"),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Position, Severity};
    use crate::markdown::render_alone;

    /// The HTML of `body`, and each warning as `line:column: message`
    /// (the body starts on line 4 of its file).
    fn render(body: &str) -> (String, Vec<String>) {
        let r = render_alone(body, "/", None);
        let warnings = (r.diagnostics.iter())
            .map(|d| {
                assert_eq!(d.severity, Severity::Warning, "{d}");
                let Position { line, column } = d.position.expect("a position");
                format!("{line}:{column}: {}", d.message)
            })
            .collect();
        (r.html, warnings)
    }

    #[test]
    fn a_page_full_of_tags_gets_ten_warnings_and_one_for_the_rest() {
        let body = format!("{}\n\nAnd <i>one</i> more.", "x<br>".repeat(20));
        let (html, warnings) = render(&body);
        assert_eq!(html.matches("&lt;br&gt;").count(), 20, "{html}");
        assert!(html.contains("&lt;i&gt;one&lt;/i&gt;"), "{html}");
        assert_eq!(warnings.len(), RAW_HTML_WARNINGS + 1, "{warnings:?}");
        assert_eq!(warnings[9], "4:47: raw HTML `<br>` is shown as text");
        assert_eq!(
            warnings[10],
            "4:52: 12 more pieces of raw HTML, from here on, are shown as text"
        );
    }

    #[test]
    fn inline_html_is_shown_as_text() {
        let (html, warnings) = render("A <b onclick=\"x()\">bold</b> word.");
        assert_eq!(
            html,
            "<p>A &lt;b onclick=\"x()\"&gt;bold&lt;/b&gt; word.</p>\n"
        );
        assert_eq!(
            warnings,
            [
                "4:3: raw HTML `<b onclick=\"x()\">` is shown as text",
                "4:24: raw HTML `</b>` is shown as text",
            ]
        );
    }

    #[test]
    fn an_html_block_is_a_paragraph_of_its_text() {
        let (html, warnings) = render("Before.\n\n<script>\nalert(1)\n\n</script>\n\nAfter.");
        assert_eq!(
            html,
            "<p>Before.</p>\n<p>&lt;script&gt;\nalert(1)\n\n&lt;/script&gt;</p>\n<p>After.</p>\n"
        );
        assert_eq!(warnings, ["6:1: raw HTML `<script>…` is shown as text"]);
    }

    #[test]
    fn html_in_a_quote_points_at_its_line() {
        let (html, warnings) = render("> <!-- a\n> note -->\n> <iframe src=x>");
        assert!(html.contains("&lt;iframe src=x&gt;"), "{html}");
        assert!(!html.contains("note"), "{html}");
        assert_eq!(
            warnings,
            ["6:3: raw HTML `<iframe src=x>` is shown as text"]
        );
    }

    #[test]
    fn html_indented_by_a_tab_in_a_list_points_into_its_line() {
        let (html, warnings) = render("- item\n\n\t<div>\n\tx</div>");
        assert!(html.contains("<p>&lt;div&gt;\nx&lt;/div&gt;</p>"), "{html}");
        assert!(!html.contains("<div>"), "{html}");
        assert_eq!(warnings, ["6:2: raw HTML `<div>…` is shown as text"]);
    }

    #[test]
    fn comments_are_left_out_without_a_word() {
        let (html, warnings) =
            render("A <!-- inline\nnote --> word.\n\n<!--\nA block\nnote.\n-->\n\n<!---->");
        assert_eq!(html, "<p>A  word.</p>\n");
        assert_eq!(warnings, Vec::<String>::new());
    }

    #[test]
    fn a_comment_left_open_is_shown() {
        let (html, warnings) = render("Text.\n\n<!-- never closed\n\nMore.");
        assert!(html.contains("&lt;!-- never closed"), "{html}");
        assert!(html.contains("More."), "{html}");
        assert_eq!(
            warnings,
            ["6:1: raw HTML `<!-- never closed…` is shown as text"]
        );
    }

    #[test]
    fn only_the_html_beside_a_comment_is_shown() {
        let (html, warnings) = render("<!-- note --><img src=x onerror=alert(1)>");
        assert_eq!(html, "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
        assert_eq!(
            warnings,
            ["4:14: raw HTML `<img src=x onerror=alert(1)>` is shown as text"]
        );
        // Between two comments and after them.
        let (html, warnings) = render("<!-- a --> <b> <!-- b --> <i>");
        assert_eq!(html, "<p> &lt;b&gt;  &lt;i&gt;</p>\n");
        assert_eq!(warnings, ["4:12: raw HTML `<b>  <i>` is shown as text"]);
        // After a comment closing on a later line, and white space.
        let (html, warnings) = render("<!-- a\nnote -->  <img src=x>");
        assert_eq!(html, "<p>  &lt;img src=x&gt;</p>\n");
        assert_eq!(warnings, ["5:11: raw HTML `<img src=x>` is shown as text"]);
    }

    #[test]
    fn unsafe_links_keep_their_text() {
        let body = "[one](javascript:alert(1)) [two](< JavaScript:x>) \
                    [three](java&#9;script:x) [four][r] <vbscript:x>\n\n[r]: data:text/html,x";
        let (html, warnings) = render(body);
        assert_eq!(html, "<p>one two three four vbscript:x</p>\n");
        let scheme = |at: &str, dest: &str, scheme: &str| {
            format!(
                "4:{at}: link to `{dest}` is dropped, keeping its text: `{scheme}:` is not a safe scheme"
            )
        };
        assert_eq!(
            warnings,
            [
                scheme("1", "javascript:alert(1)", "javascript"),
                scheme("28", " JavaScript:x", "javascript"),
                scheme("51", "java\tscript:x", "javascript"),
                scheme("77", "data:text/html,x", "data"),
                scheme("87", "vbscript:x", "vbscript"),
            ]
        );
    }

    #[test]
    fn an_unsafe_image_leaves_its_alt_text() {
        let (html, warnings) = render("![A *map*](data:image/svg+xml,<svg/onload=alert(1)>)");
        assert_eq!(html, "<p>A <em>map</em></p>\n");
        assert_eq!(
            warnings,
            [
                "4:1: image `data:image/svg+xml,<svg/onload=alert(1)>` is dropped, \
                 keeping its alt text: `data:` is not a safe scheme"
            ]
        );
    }

    #[test]
    fn safe_links_stay() {
        let body = "[a](https://e.org) [b](MAILTO:a@e.org) [c](tel:+44) [d](#x) [e](x/y:z) \
                    <https://e.org> <a@e.org> [f](//e.org)";
        let (html, warnings) = render(body);
        assert_eq!(html.matches("<a href=").count(), 8, "{html}");
        assert_eq!(warnings, Vec::<String>::new());
    }

    #[test]
    fn a_link_inside_a_dropped_one_is_judged_alone() {
        let (html, warnings) = render("[![a](https://e.org/a.png)](javascript:x)");
        // The image is left alone in its paragraph: a figure.
        assert!(
            html.starts_with(
                "<figure class=\"figure\" id=\"fig-a\"><a class=\"zoom\" \
                 href=\"https://e.org/a.png\"><img src=\"https://e.org/a.png\" alt=\"a\""
            ),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn headings_keep_only_attributes_that_describe_them() {
        let (html, warnings) =
            render("# One {#gloss-previews .wide lang=fa onclick=run() style=x}\n\n## Two {#two}");
        assert_eq!(
            html,
            "<h1 id=\"one\" class=\"wide\" lang=\"fa\">One</h1>\n<h2 id=\"two\">Two</h2>\n"
        );
        assert_eq!(
            warnings,
            [
                "4:1: heading id `gloss-previews` is dropped: the page's own elements use it",
                "4:1: heading attribute `onclick` is dropped",
                "4:1: heading attribute `style` is dropped",
            ]
        );
    }

    #[test]
    fn long_html_is_cut_short_in_messages() {
        assert_eq!(shortened("ab\ncd"), "ab…");
        assert_eq!(shortened(&"x".repeat(70)), format!("{}…", "x".repeat(60)));
        assert_eq!(shortened("é"), "é");
    }
}
