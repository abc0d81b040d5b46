//! What a rendered page offers and points at: the ids a link's `#fragment`
//! can land on, and the targets of its links. A small scanner over start
//! tags, enough for the HTML gloss and its templates write: comments and the
//! text of `<script>`, `<style>`, `<textarea>` and `<title>` are skipped,
//! attribute values may be quoted either way or not at all, and character
//! references in them are decoded.

use std::collections::HashSet;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Every `id`, and every `name` of an `<a>`, which a fragment also finds.
    pub ids: HashSet<String>,
    /// The `href` of every `<a>` and `<area>`, in order.
    pub hrefs: Vec<String>,
}

/// Elements whose text is not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

pub fn anchors(html: &str) -> Anchors {
    let mut found = Anchors::default();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // An end tag, a doctype or a stray `<`: nothing to collect.
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let (attributes, after) = attributes(&rest[name_len..]);
        rest = after;
        for (attribute, value) in attributes {
            match attribute.as_str() {
                "id" => {
                    found.ids.insert(value);
                }
                "name" if name == "a" => {
                    found.ids.insert(value);
                }
                "href" if name == "a" || name == "area" => found.hrefs.push(value),
                _ => {}
            }
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = find_ignoring_case(rest, &close).map_or("", |end| &rest[end..]);
        }
    }
    found
}

/// The attributes of a start tag, given the text after its name, and the
/// text after the tag.
fn attributes(mut rest: &str) -> (Vec<(String, String)>, &str) {
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (found, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (found, after);
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || "/>=".contains(c))
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(value) = rest.strip_prefix('=') else {
            found.push((name, String::new()));
            continue;
        };
        let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let (raw, after) = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &value[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        found.push((name, decode(raw)));
        rest = after;
    }
}

/// Where `needle` (ASCII) starts in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Decodes the character references an attribute value may hold: the five
/// of XML by name, and any by number. Others are left as written.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').and_then(|end| {
            let c = match &rest[1..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                number => {
                    let number = number.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(html: &str) -> Vec<String> {
        let mut ids: Vec<String> = anchors(html).ids.into_iter().collect();
        ids.sort();
        ids
    }

    #[test]
    fn ids_in_every_quoting() {
        assert_eq!(
            ids(r#"<h2 id="a">A</h2><div class=x ID='b'><p id=c>"#),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn only_real_attributes_count() {
        assert!(ids(r#"<p data-id="x" title="id=y">id="z"</p>"#).is_empty());
        assert!(ids(r#"<!-- <p id="x"> --><script>"<p id='y'>"</script>"#).is_empty());
        assert_eq!(ids(r#"<SCRIPT>x</script><p id="after">"#), ["after"]);
    }

    #[test]
    fn anchor_names_are_ids_too() {
        assert_eq!(ids(r#"<a name="old">x</a><p name="not">"#), ["old"]);
    }

    #[test]
    fn references_are_decoded() {
        assert_eq!(
            ids(r#"<p id="a&amp;b&#39;c&#x263A;&nbsp;">"#),
            ["a&b'c☺&nbsp;"]
        );
        assert_eq!(
            anchors(r#"<a href="/x/?a=1&amp;b=2#f">x</a>"#).hrefs,
            ["/x/?a=1&b=2#f"]
        );
    }

    #[test]
    fn hrefs_of_links_only() {
        let found = anchors(
            r##"<link rel="stylesheet" href="/s.css"><a class="t" href=/a/>A</a><area href="#m"><a>none</a>"##,
        );
        assert_eq!(found.hrefs, ["/a/", "#m"]);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"x",
            "<p id='é",
            "a < b",
            "<!--",
            "&#xFFFFFFFF;",
        ] {
            anchors(html);
        }
        assert_eq!(anchors("<a href=\"x").hrefs, ["x"]);
    }
}
