//! What the reader's script works from: the previews of the terms and
//! articles a page links to (a JSON block in the page) and the site's search
//! index (`search.json`).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::bodies::Body;
use super::lists::{page_ref, term_ref};
use super::views::TermRef;
use super::{Bodies, Site};

/// Where the search index is written, under the output root.
pub const SEARCH_INDEX: &str = "search.json";

/// How many characters of a page's text the search index keeps.
const EXCERPT_CHARS: usize = 280;

/// A linked term or article, as its preview card shows it.
#[derive(Serialize, Clone)]
pub struct Preview<'a> {
    /// `term` or `article`.
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
    pub url: String,
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
    let page = page_ref(&site.articles[i], &site.config.base_url);
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

/// One entry of `search.json`.
#[derive(Serialize)]
struct SearchEntry<'a> {
    title: &'a str,
    url: String,
    /// `article` or `term`.
    kind: &'static str,
    aliases: Vec<&'a str>,
    summary: &'a str,
    /// The start of the page's text.
    text: &'a str,
}

/// The entries of `search.json` as JSON, one for each article and then
/// each term: kept apart so an edit rewrites only its page's entry.
pub fn search_entries(site: &Site, bodies: &Bodies) -> Vec<String> {
    let articles = (0..site.articles.len()).map(|i| article_entry(site, i, &bodies.articles[i]));
    let terms = (0..site.glossary.terms.len()).map(|i| {
        let t = term_ref(site, i);
        let entry = SearchEntry {
            title: t.title,
            url: t.url,
            kind: "term",
            aliases: t.aliases,
            summary: t.summary,
            text: &bodies.terms[i].excerpt,
        };
        serde_json::to_string(&entry).expect("search entries serialise")
    });
    articles.chain(terms).collect()
}

/// Article `i`'s entry in `search.json`.
pub fn article_entry(site: &Site, i: usize, body: &Body) -> String {
    let page = page_ref(&site.articles[i], &site.config.base_url);
    let entry = SearchEntry {
        title: page.title,
        url: page.url,
        kind: "article",
        aliases: Vec::new(),
        summary: page.summary,
        text: &body.excerpt,
    };
    serde_json::to_string(&entry).expect("search entries serialise")
}

/// `search.json`: every entry, in one array.
pub fn search_json(entries: &[String]) -> Vec<u8> {
    let length = entries.iter().map(|e| e.len() + 1).sum::<usize>() + 2;
    let mut json = Vec::with_capacity(length);
    json.push(b'[');
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(entry.as_bytes());
    }
    json.extend_from_slice(b"]\n");
    json
}

/// The first words of `html` as plain text, cut at a word.
pub fn excerpt(html: &str) -> String {
    // The text between tags, up to what is surely enough: entities unescape
    // to fewer characters, and no character takes more than four bytes.
    let mut text = String::new();
    let mut rest = html;
    while text.len() < EXCERPT_CHARS * 8 && !rest.is_empty() {
        let end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        text.push_str(&rest[..end]);
        rest = &rest[end..];
        let close = memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        rest = &rest[close..];
    }
    let text = unescape(&text);
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if chars + length + 1 > EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += length;
    }
    out
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
    fn excerpts_are_plain_text_cut_at_a_word() {
        assert_eq!(
            excerpt("<p>One <em>two</em>&amp;three</p>"),
            "One two&three"
        );
        let long = "word ".repeat(200);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= EXCERPT_CHARS + 1);
    }
}
