//! The whole Markdown-to-HTML pipeline of a page body, with a glossary of
//! nested names: linking terms adds links and nothing else, and never puts
//! a link inside a link, a `<code>` or a `<pre>`.
//!
//! The input is a page body; a first line starting with `%` adds a term
//! whose names are the rest of that line, split at `|`. Each body is
//! rendered as a site that trusts its content would (raw HTML passed
//! through) and as one that does not (raw HTML shown as text).

use gloss::config::LinkMode;
use gloss::glossary::Glossary;
use gloss::load::{Source, load_file};
use gloss::markdown::{Origin, PageLinks, RenderContext, render};
use gloss::routes::Routes;
use gloss::url::BaseUrl;

use super::html::{Piece, pieces};

/// Terms by slug and names: names inside names, names that are HTML's own
/// words, another script, an apostrophe.
const TERMS: &[(&str, &[&str])] = &[
    ("cossack", &["Cossack", "Cossacks"]),
    (
        "brigade",
        &["Persian Cossack Brigade", "Cossack Brigade", "the Brigade"],
    ),
    ("majlis", &["Majlis", "مجلس", "Majles"]),
    ("shah", &["Mozaffar ad-Din Shah", "Shah's court", "Shah"]),
    ("a", &["A", "href"]),
    ("code", &["code", "pre", "amp", "lt"]),
];

const HEADER: &str = "+++\ntitle = \"A\"\n+++\n";

pub fn check(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (extra, body) = match input.strip_prefix('%') {
        Some(rest) => rest.split_once('\n').unwrap_or((rest, "")),
        None => ("", input),
    };
    if body.lines().any(leaves_a_tag_open) {
        return;
    }
    let glossary = glossary(extra);
    let marker = marker(input);
    let base = BaseUrl::parse("/history/").expect("a valid base");
    // Term links carry an attribute the input does not hold, so they are
    // told apart from any link the author wrote.
    let term_tags: Vec<String> = (glossary.terms.iter())
        .map(|t| {
            format!(
                "<a class=\"term\" href=\"{}\" {marker}>",
                base.link(&t.source.site_path)
            )
        })
        .collect();
    let source_of = |body: &str| Source {
        path: "content/articles/a.md".into(),
        rel: "articles/a.md".into(),
        site_path: "articles/a/".into(),
        text: format!("{HEADER}{body}"),
        toml_start: 4,
        body_start: HEADER.len(),
        index: Default::default(),
    };
    let source = source_of(body);
    let routes = Routes::default();
    let pictures = gloss::images::Pictures::default();
    let english = gloss::languages::Language::default_language("en");
    let strings = gloss::languages::strings::Strings::english();
    let render_body = |body: &str, source: &Source, mode, unsafe_html| {
        let ctx = RenderContext {
            glossary: &glossary,
            routes: &routes,
            base: &base,
            mode,
            term_tags: &term_tags,
            this_term: None,
            source,
            sources: Ok(None),
            pictures: &pictures,
            unsafe_html,
            language: &english,
            strings: &strings,
        };
        let rendered = render(body, Origin::Body, &ctx, &mut PageLinks::default());
        super::frontmatter::assert_inside(&source.path, &source.text, &rendered.diagnostics);
        rendered.html
    };
    let render_with = |mode, unsafe_html| render_body(body, &source, mode, unsafe_html);
    // Linking does happen: a paragraph naming a term, put first, links it
    // whatever follows.
    let named = format!("Majlis\n\n{body}");
    for mode in [LinkMode::First, LinkMode::All] {
        let html = render_body(&named, &source_of(&named), mode, false);
        let link = (term_tags.iter())
            .find(|t| t.contains("/glossary/majlis/"))
            .expect("the majlis");
        assert!(
            html.starts_with(&format!("<p>{link}Majlis</a></p>")),
            "{mode:?} linking left a term's name alone:\n{html}"
        );
    }
    for unsafe_html in [true, false] {
        let unlinked = render_with(LinkMode::None, unsafe_html);
        let plain = without_term_links(&unlinked, &marker);
        for mode in [LinkMode::First, LinkMode::All] {
            let linked = render_with(mode, unsafe_html);
            assert_eq!(
                without_term_links(&linked, &marker),
                plain,
                "{mode:?} linking (unsafe_html = {unsafe_html}) changed more than links:\n\
                 {linked}\n---\n{unlinked}"
            );
        }
    }
}

/// Whether a line ends inside a tag (or a quoted value in one), as the
/// tokenizer reads the line alone. Raw HTML is read a piece at a time, and
/// a piece may end inside a tag; the browser then reads the markup Markdown
/// writes next (a `<p>`) as part of that tag. Where that leaves the text
/// after is out of reach: such inputs are not checked. A comment is no tag:
/// it runs on to its `-->` whatever comes between.
fn leaves_a_tag_open(line: &str) -> bool {
    const END: &str = "\u{E000}";
    match pieces(&format!("{line}{END}")).last() {
        Some(Piece::Text(text)) => !text.ends_with(END),
        Some(Piece::Comment(text)) => !(text.ends_with(END) && line.contains("<!--")),
        _ => true,
    }
}

/// The glossary of [`TERMS`], and of one more term named by `extra`.
fn glossary(extra: &str) -> Glossary {
    let extra: Vec<&str> = extra.split('|').collect();
    let terms = TERMS
        .iter()
        .copied()
        .chain((!extra.concat().trim().is_empty()).then_some(("extra", extra.as_slice())));
    let mut loaded = Vec::new();
    for (slug, names) in terms {
        let aliases: Vec<String> = names[1..].iter().map(|n| toml_string(n)).collect();
        let file = format!(
            "+++\ntitle = {}\naliases = [{}]\n+++\n",
            toml_string(names[0]),
            aliases.join(", ")
        );
        let (content, _) = load_file(&format!("glossary/{slug}.md"), file.into_bytes(), false);
        loaded.extend(content.terms);
    }
    // Names claimed twice are reported and left to their first term.
    Glossary::new(loaded).0
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An attribute name found nowhere in the input, whatever its case.
fn marker(input: &str) -> String {
    let input = input.to_ascii_lowercase();
    (0..)
        .map(|n| format!("data-term-link{n}"))
        .find(|m| !input.contains(m.as_str()))
        .expect("some name is free")
}

/// The page's pieces with every term link taken out, its text kept and
/// joined to the text around it. Checks, where each term link opens, that
/// no link, `<code>` or `<pre>` is open.
fn without_term_links(html: &str, marker: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut open = OpenElements::default();
    let mut term_links = 0usize;
    for piece in pieces(html) {
        match &piece {
            Piece::Open { name, attrs } if name == "a" && attrs.iter().any(|a| a.0 == marker) => {
                let open = open.open();
                assert!(open.is_empty(), "a term link inside {open:?}:\n{html}");
                term_links += 1;
                continue;
            }
            Piece::Close(name) if name == "a" && term_links > 0 => {
                term_links -= 1;
                continue;
            }
            _ => open.see(&piece),
        }
        match (out.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(text)) => last.push_str(&text),
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// The elements open, as their end tags close them: an end tag closes
/// the elements opened after its own. Inline HTML left open inside a
/// paragraph, list item or table cell ends with it, as gloss scopes inline
/// HTML to its block. (A browser would also reopen a formatting element
/// such as `<code>` that an outer end tag closed; that is not modelled.)
#[derive(Default)]
struct OpenElements(Vec<String>);

/// Elements that never hold anything, so have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl OpenElements {
    fn see(&mut self, piece: &Piece) {
        match piece {
            // `<a/>` opens an `<a>`: HTML ignores the slash on its elements.
            Piece::Open { name, .. } if !VOID.contains(&name.as_str()) => {
                self.0.push(name.clone());
            }
            Piece::Close(name) if matches!(name.as_str(), "p" | "li" | "td" | "th") => {
                self.0.clear();
            }
            Piece::Close(name) => {
                if let Some(i) = self.0.iter().rposition(|n| n == name) {
                    self.0.truncate(i);
                }
            }
            _ => {}
        }
    }

    /// The links, code and preformatted text open.
    fn open(&self) -> Vec<&str> {
        (self.0.iter().map(String::as_str))
            .filter(|n| matches!(*n, "a" | "code" | "pre"))
            .collect()
    }
}
