//! Formatted citations and bibliography entries as HTML. hayagriva's own
//! HTML output neither escapes text nor marks where each cited work begins,
//! so gloss writes the tree itself: text escaped, emphasis as elements, a
//! citation's prefixes before their works and, in the text, each work linked
//! to its entry in the page's sources.

use hayagriva::citationberg::VerticalAlign;
use hayagriva::citationberg::{Display, FontStyle, FontVariant, FontWeight, TextDecoration};
use hayagriva::{Elem, ElemChild, ElemChildren, ElemMeta, Formatting};

use crate::markdown::{escape_href, escape_html};

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
            ElemChild::Link { text, url } if !in_link => {
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
