//! Formatted citations and bibliography entries as HTML. hayagriva's own
//! HTML output neither escapes text nor marks where each cited work begins,
//! so gloss writes the tree itself: text escaped, emphasis as elements, a
//! citation's prefixes before their works and, in the text, each work linked
//! to its entry in the page's sources.

use hayagriva::citationberg::VerticalAlign;
use hayagriva::citationberg::{Display, FontStyle, FontVariant, FontWeight, TextDecoration};
use hayagriva::{Elem, ElemChild, ElemChildren, ElemMeta, Formatting};

use crate::html::{escape_href, escape_html};

/// What to add around each work of a citation, by its place in the citation.
#[derive(Default)]
pub struct Marks<'a> {
    /// Text written before the work, such as "see".
    pub prefixes: &'a [Option<String>],
    /// Where each work links to, if it links.
    pub links: &'a [Option<String>],
}

/// Writes `children` as HTML.
pub fn write(children: &ElemChildren, marks: &Marks) -> String {
    let mut out = String::new();
    let mut placed = vec![false; marks.prefixes.len()];
    write_children(children, marks, false, &mut placed, &mut out);
    // A style that merged works (`[1–3]`) leaves no place for their own
    // prefixes: they go first.
    let missing: Vec<String> = (marks.prefixes.iter().zip(&placed))
        .filter_map(|(prefix, &done)| prefix.as_ref().filter(|_| !done))
        .map(|p| format!("{} ", escape_html(p)))
        .collect();
    if !missing.is_empty() {
        out.insert_str(0, &missing.concat());
    }
    out
}

fn write_children(
    children: &ElemChildren,
    marks: &Marks,
    in_link: bool,
    placed: &mut [bool],
    out: &mut String,
) {
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => formatted(&t.text, t.formatting, out),
            ElemChild::Markup(m) => out.push_str(&escape_html(m)),
            // A bibliography may come from anywhere: only web addresses link.
            ElemChild::Link { text, url } if !in_link && is_web(url) => {
                out.push_str(&format!("<a href=\"{}\">", escape_href(url)));
                formatted(&text.text, text.formatting, out);
                out.push_str("</a>");
            }
            ElemChild::Link { text, .. } => formatted(&text.text, text.formatting, out),
            ElemChild::Elem(elem) => write_elem(elem, marks, in_link, placed, out),
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn write_elem(elem: &Elem, marks: &Marks, in_link: bool, placed: &mut [bool], out: &mut String) {
    // Blocks are spans styled as blocks, so an entry stays valid inside a
    // paragraph or a list item.
    let class = elem.display.map(|d| match d {
        Display::Block => "csl-block",
        Display::LeftMargin => "csl-left-margin",
        Display::RightInline => "csl-right-inline",
        Display::Indent => "csl-indent",
    });
    if let Some(class) = class {
        out.push_str(&format!("<span class=\"{class}\">"));
    }
    let work = match elem.meta {
        Some(ElemMeta::Entry(i)) => Some(i),
        _ => None,
    };
    if let Some(prefix) = work.and_then(|i| marks.prefixes.get(i)?.as_ref()) {
        out.push_str(&escape_html(prefix));
        out.push(' ');
    }
    if let Some(slot) = work.and_then(|i| placed.get_mut(i)) {
        *slot = true;
    }
    match work.and_then(|i| marks.links.get(i)?.as_ref()) {
        Some(href) if !in_link => {
            out.push_str(&format!("<a href=\"{}\">", escape_href(href)));
            write_children(&elem.children, marks, true, placed, out);
            out.push_str("</a>");
        }
        _ => write_children(&elem.children, marks, in_link, placed, out),
    }
    if class.is_some() {
        out.push_str("</span>");
    }
}

/// Text with its formatting as elements: italics, bold, small capitals,
/// underline, superscript and subscript.
fn formatted(text: &str, f: Formatting, out: &mut String) {
    let tags: Vec<(&str, &str)> = [
        (f.font_style == FontStyle::Italic).then_some(("<i>", "</i>")),
        (f.font_weight == FontWeight::Bold).then_some(("<b>", "</b>")),
        (f.font_variant == FontVariant::SmallCaps)
            .then_some(("<span class=\"small-caps\">", "</span>")),
        (f.text_decoration == TextDecoration::Underline).then_some(("<u>", "</u>")),
        (f.vertical_align == VerticalAlign::Sup).then_some(("<sup>", "</sup>")),
        (f.vertical_align == VerticalAlign::Sub).then_some(("<sub>", "</sub>")),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (open, _) in &tags {
        out.push_str(open);
    }
    out.push_str(&escape_html(text));
    for (_, close) in tags.iter().rev() {
        out.push_str(close);
    }
}

/// Whether `url` is an http(s) address, which a work's link may be; a
/// `javascript:` or `data:` one in a bibliography shows as text instead.
fn is_web(url: &str) -> bool {
    crate::url::browser_scheme(url).is_some_and(|s| s == "http" || s == "https")
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayagriva::Formatted;

    fn text(text: &str, formatting: Formatting) -> ElemChild {
        ElemChild::Text(Formatted {
            text: text.into(),
            formatting,
        })
    }

    fn work(i: usize, children: Vec<ElemChild>) -> ElemChild {
        ElemChild::Elem(Elem {
            children: ElemChildren(children),
            display: None,
            meta: Some(ElemMeta::Entry(i)),
        })
    }

    #[test]
    fn text_is_escaped_and_emphasis_is_markup() {
        let italic = Formatting {
            font_style: FontStyle::Italic,
            ..Formatting::default()
        };
        let children = ElemChildren(vec![
            text("Tea & <cakes> ", Formatting::default()),
            text("A Title", italic),
            ElemChild::Link {
                text: Formatted {
                    text: "https://e.org/?a=1&b=2".into(),
                    formatting: Formatting::default(),
                },
                url: "https://e.org/?a=1&b=2".into(),
            },
        ]);
        assert_eq!(
            write(&children, &Marks::default()),
            "Tea &amp; &lt;cakes&gt; <i>A Title</i>\
             <a href=\"https://e.org/?a=1&amp;b=2\">https://e.org/?a=1&amp;b=2</a>"
        );
    }

    #[test]
    fn each_work_gets_its_prefix_and_link_without_nesting_links() {
        let plain = Formatting::default();
        let url = ElemChild::Link {
            text: Formatted {
                text: "e.org".into(),
                formatting: plain,
            },
            url: "https://e.org".into(),
        };
        let children = ElemChildren(vec![
            text("(", plain),
            work(0, vec![text("Afary 1996", plain)]),
            text("; ", plain),
            work(1, vec![text("Browne 1910 ", plain), url]),
            text(")", plain),
        ]);
        let prefixes = [Some("see".to_string()), Some("also".to_string())];
        let links = [Some("#ref-a".to_string()), Some("#ref-b".to_string())];
        let marks = Marks {
            prefixes: &prefixes,
            links: &links,
        };
        assert_eq!(
            write(&children, &marks),
            "(see <a href=\"#ref-a\">Afary 1996</a>; also <a href=\"#ref-b\">Browne 1910 e.org</a>)"
        );
    }

    #[test]
    fn only_web_addresses_of_a_work_link() {
        let plain = Formatting::default();
        let link = |url: &str| ElemChild::Link {
            text: Formatted {
                text: "here".into(),
                formatting: plain,
            },
            url: url.into(),
        };
        let children = ElemChildren(vec![
            link("https://e.org/a?b=1&c=2"),
            link("javascript:alert(1)"),
            link("data:text/html,x"),
        ]);
        let marks = Marks::default();
        assert_eq!(
            write(&children, &marks),
            "<a href=\"https://e.org/a?b=1&amp;c=2\">here</a>herehere"
        );
    }

    #[test]
    fn prefixes_of_merged_works_go_first() {
        let children = ElemChildren(vec![text("[1–2]", Formatting::default())]);
        let prefixes = [Some("see".to_string()), None];
        let marks = Marks {
            prefixes: &prefixes,
            links: &[],
        };
        assert_eq!(write(&children, &marks), "see [1–2]");
    }
}
