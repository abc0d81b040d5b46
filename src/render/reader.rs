//! What the reader's script works from: the previews of the terms and
//! articles a page links to (a JSON block in the page) and what the search
//! index is given of each page.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::load::Article;
use crate::search;

use super::Site;
use super::bodies::Body;
use super::lists::{page_ref, term_ref};
use super::views::TermRef;

/// A linked term or article, as its preview card shows it.
#[derive(Serialize, Clone)]
pub struct Preview<'a> {
    /// `article`, or for a term (most previews) nothing.
    #[serde(skip_serializing_if = "is_term")]
    pub kind: &'static str,
    pub title: &'a str,
    // Every page carries the previews it links to: what is absent is left
    // out rather than written as null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub native: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    pub summary: &'a str,
    /// The page's URL: the key it is found under in a page, without a
    /// fragment, so not written.
    #[serde(skip)]
    pub url: String,
}

fn is_term(kind: &&str) -> bool {
    *kind == "term"
}

/// Every page a body may link to with a preview, by its URL: each preview
/// as JSON ready for a page, converted once however many pages show it.
pub struct Previews {
    by_url: HashMap<String, String>,
}

impl Previews {
    pub fn new(site: &Site) -> Self {
        let terms = (0..site.glossary.terms.len()).map(|i| term_preview(term_ref(site, i)));
        let articles = (0..site.articles.len()).map(|i| article_preview(site, i));
        let by_url = (terms.chain(articles).collect::<Vec<_>>().into_par_iter())
            .map(|p| {
                let json = serde_json::to_string(&p).expect("previews serialise");
                (p.url, script_safe(json))
            })
            .collect();
        Previews { by_url }
    }

    /// Makes article `i`'s preview again, after an edit.
    pub fn set_article(&mut self, site: &Site, i: usize) {
        let p = article_preview(site, i);
        let json = serde_json::to_string(&p).expect("previews serialise");
        self.by_url.insert(p.url, script_safe(json));
    }

    /// The JSON block for a page whose Markdown links to `hrefs`: each
    /// href that links a term or an article, as written in the page, mapped
    /// to its preview. `None` when the page links to none.
    pub fn json_for<'h>(&self, hrefs: impl IntoIterator<Item = &'h String>) -> Option<String> {
        let mut found: BTreeMap<&str, &str> = BTreeMap::new();
        for href in hrefs {
            let page = href.split(['#', '?']).next().unwrap_or_default();
            // Hrefs are percent-encoded where a URL is not ASCII; the keys are not.
            let decoded = match page.contains('%') {
                true => Cow::Owned(crate::markdown::percent_decode(page)),
                false => Cow::Borrowed(page),
            };
            if let Some(preview) = self.by_url.get(decoded.as_ref()) {
                found.insert(href, preview);
            }
        }
        if found.is_empty() {
            return None;
        }
        // The object serde_json would write for the map, from the parts
        // already converted.
        let mut json = String::from("{");
        for (i, (href, preview)) in found.into_iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            let key = serde_json::to_string(href).expect("strings serialise");
            json.push_str(&script_safe(key));
            json.push(':');
            json.push_str(preview);
        }
        json.push('}');
        Some(json)
    }
}

fn article_preview<'a>(site: &Site<'a>, i: usize) -> Preview<'a> {
    let page = page_ref(&site.articles[i], site);
    Preview {
        kind: "article",
        title: page.title,
        native: None,
        lang: None,
        dir: None,
        label: page.label,
        summary: page.summary,
        url: page.url,
    }
}

fn term_preview(t: TermRef<'_>) -> Preview<'_> {
    Preview {
        kind: "term",
        title: t.title,
        native: t.native,
        lang: t.lang,
        dir: t.dir,
        label: None,
        summary: t.summary,
        url: t.url,
    }
}

/// JSON that cannot end the `<script>` element holding it.
fn script_safe(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The `href` values of the links in `html`, unescaped, in order.
pub fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(html.as_bytes(), b"<a ") {
        let rest = &html[at + 3..];
        let tag = &rest[..memchr::memchr(b'>', rest.as_bytes()).unwrap_or(rest.len())];
        if let Some(start) = memchr::memmem::find(tag.as_bytes(), b"href=\"") {
            let value = &tag[start + 6..];
            let value = &value[..memchr::memchr(b'"', value.as_bytes()).unwrap_or(value.len())];
            out.push(unescape(value));
        }
    }
    out
}

/// The text of escaped HTML.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What search is given of article `i` of the site (as `article` is now,
/// with `body` its rendered Markdown), for `f`.
pub fn with_article_doc<R>(
    site: &Site,
    article: &Article,
    body: &Body,
    f: impl FnOnce(&search::Doc) -> R,
) -> R {
    let text = plain_text(&body.html);
    let url = site.config.base_url.link(&article.source.site_path);
    f(&search::Doc {
        kind: search::Kind::Article,
        title: &article.meta.title,
        url: &url,
        aliases: Vec::new(),
        tags: article
            .meta
            .tags
            .iter()
            .map(|t| t.get_ref().trim())
            .collect(),
        summary: &article.meta.summary,
        text: &text,
    })
}

/// What search is given of term `i`, whose rendered Markdown is `body`, for `f`.
pub fn with_term_doc<R>(
    site: &Site,
    i: usize,
    body: &Body,
    f: impl FnOnce(&search::Doc) -> R,
) -> R {
    let text = plain_text(&body.html);
    let t = term_ref(site, i);
    let mut aliases = t.aliases;
    aliases.extend(t.native);
    f(&search::Doc {
        kind: search::Kind::Term,
        title: t.title,
        url: &t.url,
        aliases,
        tags: Vec::new(),
        summary: t.summary,
        text: &text,
    })
}

/// Adds a page to the search index `builder` as page `id`, and its
/// fragment to `fragments`: the file of fragments, once it is whole.
pub fn index_page(
    builder: &search::Builder,
    fragments: &search::Fragments,
    id: usize,
    doc: &search::Doc,
) -> Option<super::OutputFile> {
    builder.add(id, doc);
    let (path, contents) = fragments.put(id, doc.fragment())?;
    Some(super::OutputFile { path, contents })
}

/// Page `id`'s fragment: an article's, or a term's after them.
pub fn fragment(site: &Site, bodies: &super::Bodies, id: usize) -> Vec<u8> {
    match id.checked_sub(site.articles.len()) {
        None => with_article_doc(site, &site.articles[id], &bodies.articles[id], |d| {
            d.fragment()
        }),
        Some(t) => with_term_doc(site, t, &bodies.terms[t], |d| d.fragment()),
    }
}

/// The text of rendered HTML, as a reader reads it: the text between tags,
/// unescaped, white space collapsed, and a space wherever an element other
/// than one inside a line (a link, emphasis, code...) starts or ends, so
/// that a note's number or a table's cells never run into the words
/// beside them. Scripts and styles are not text.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        push_text(&mut text, &rest[..end]);
        rest = &rest[end..];
        if rest.is_empty() {
            break;
        }
        let tag_end = memchr::memchr(b'>', rest.as_bytes()).unwrap_or(rest.len());
        let tag = &rest[1..tag_end];
        rest = &rest[(tag_end + 1).min(rest.len())..];
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/');
        let name = &name[..name
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(name.len())];
        let skipped = name.eq_ignore_ascii_case("script")
            || name.eq_ignore_ascii_case("style")
            || NOT_TEXT.iter().any(|t| tag.starts_with(t));
        if skipped && !closing {
            let end = format!("</{}", name.to_ascii_lowercase());
            let at = memchr::memmem::find(rest.as_bytes(), end.as_bytes()).unwrap_or(rest.len());
            rest = &rest[at..];
        }
        if !is_inline(name) && !text.ends_with(' ') && !text.is_empty() {
            text.push(' ');
        }
    }
    text.truncate(text.trim_end().len());
    text
}

/// Elements gloss writes around a page's text that are not text: the
/// numbers of notes and the links back from them.
const NOT_TEXT: &[&str] = &[
    "sup class=\"footnote-reference\"",
    "sup class=\"footnote-definition-label\"",
    "a class=\"footnote-back\"",
];

/// Appends `piece` of escaped HTML as text, unescaped, with every run of
/// white space as one space.
fn push_text(text: &mut String, piece: &str) {
    let bytes = piece.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            // A single space after a letter stays in the run.
            b' ' if i > run && !bytes[i - 1].is_ascii_whitespace() => i += 1,
            b' ' | b'\n' | b'\t' | b'\r' | b'\x0C' => {
                text.push_str(&piece[run..i]);
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
                i += 1;
                run = i;
            }
            b'&' => {
                text.push_str(&piece[run..i]);
                let rest = &piece[i..];
                let (c, length) = ENTITIES
                    .iter()
                    .find(|(name, _)| rest.starts_with(name))
                    .map_or(("&", 1), |(name, c)| (*c, name.len()));
                text.push_str(c);
                i += length;
                run = i;
            }
            _ => i += 1,
        }
    }
    text.push_str(&piece[run..]);
}

/// The entities escaped HTML holds, as they read.
const ENTITIES: &[(&str, &str)] = &[
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&nbsp;", "\u{A0}"),
];

/// Elements inside a line of text, which words run across.
fn is_inline(name: &str) -> bool {
    // The longest such name is six letters.
    let mut lower = [0u8; 6];
    let Some(name_lower) = lower.get_mut(..name.len()) else {
        return false;
    };
    name_lower.copy_from_slice(name.as_bytes());
    name_lower.make_ascii_lowercase();
    matches!(
        &*name_lower,
        b"a" | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"data"
            | b"del"
            | b"dfn"
            | b"em"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"q"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"time"
            | b"u"
            | b"var"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_read_unescaped() {
        let html = r#"<p><a class="term" href="/g/a/" data-term="a">A</a> <a href="/x/?a=1&amp;b=2#c">x</a> <img src="/i.png" alt=""></p>"#;
        assert_eq!(hrefs(html), ["/g/a/", "/x/?a=1&b=2#c"]);
    }

    #[test]
    fn plain_text_keeps_words_apart_where_the_page_does() {
        assert_eq!(
            plain_text("<p>One <em>t</em>wo&amp;three</p>\n<p>Four</p>"),
            "One two&three Four"
        );
        assert_eq!(
            plain_text(
                r##"<p>Siege<sup class="footnote-reference"><a href="#fn-1">1</a></sup> ended.</p>"##
            ),
            "Siege ended."
        );
        assert_eq!(
            plain_text(
                "<table><tr><td>a</td><td>b</td></tr></table><script>var x = '<p>';</script>c"
            ),
            "a b c"
        );
        assert_eq!(plain_text("  <p>\n  spaced \n\n out </p>  "), "spaced out");
        let note = r##"<div class="footnote-definition" id="fn-1"><sup class="footnote-definition-label">1</sup>
<p>A note. <a class="footnote-back" href="#fnref-1" aria-label="Back">↩</a></p></div>"##;
        assert_eq!(plain_text(note), "A note.");
    }
}
