//! Minification, for `--minify`: pages through minify-html, stylesheets
//! through lightningcss and scripts through oxc, the engines minify-html
//! itself uses for `<style>` and `<script>`. Every setting keeps the output
//! valid HTML; each function is deterministic, so builds stay reproducible.

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions, CommentOptions, LegalComment};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// Pages nesting elements deeper than this are left as they are: the
/// minifier walks elements recursively and would run out of stack. Markdown
/// cannot nest this deep; raw HTML or a template could.
const DEEPEST: usize = 400;

/// A page, minified: whitespace, comments and optional tags and quotes go;
/// `<style>` and `<script>` are minified too.
pub fn html(page: &[u8]) -> Vec<u8> {
    if nesting(page) > DEEPEST {
        return page.to_vec();
    }
    let mut cfg = minify_html::Cfg::new();
    // The settings that may break validity (unquoted values the standard
    // forbids, a shortened doctype, attributes run together) stay off.
    cfg.minify_css = true;
    cfg.minify_js = true;
    minify_html::minify(page, &cfg)
}

/// How deeply the page nests elements, at most: every start tag but a void
/// element's opens a level, every end tag closes one; inside SVG and MathML
/// (a map's dots), a start tag ending `/>` closes itself, as the HTML parser
/// has it. Elements closed implicitly (a `<p>` without `</p>`) count as
/// still open, which only errs on the safe side.
fn nesting(page: &[u8]) -> usize {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"source", b"track", b"wbr",
    ];
    const RAW: &[&[u8]] = &[b"script", b"style", b"textarea", b"title"];
    const FOREIGN: &[&[u8]] = &[b"svg", b"math"];
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0);
    // How many SVG and MathML elements are open.
    let mut foreign = 0usize;
    while let Some(found) = memchr::memchr(b'<', &page[at..]) {
        at += found + 1;
        let rest = &page[at..];
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        if let Some(end_tag) = rest.strip_prefix(b"/") {
            depth = depth.saturating_sub(1);
            if FOREIGN.contains(&tag_name(end_tag).as_slice()) {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        let name = tag_name(rest);
        if name.is_empty() || !rest[0].is_ascii_alphabetic() || VOID.contains(&name.as_slice()) {
            continue;
        }
        let is_foreign = FOREIGN.contains(&name.as_slice());
        if foreign > 0 || is_foreign {
            let closes_itself = memchr::memchr(b'>', rest).is_some_and(|end| rest[end - 1] == b'/');
            if closes_itself {
                continue;
            }
        }
        foreign += usize::from(is_foreign);
        depth += 1;
        deepest = deepest.max(depth);
        if RAW.contains(&name.as_slice()) {
            at += raw_text_len(rest, &name);
        }
    }
    deepest
}

/// The name a tag starts with, in lower case.
fn tag_name(tag: &[u8]) -> Vec<u8> {
    let len = tag.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    tag[..len].to_ascii_lowercase()
}

/// How far the raw text of element `name` runs in `rest`: to its end tag,
/// written in any case.
fn raw_text_len(rest: &[u8], name: &[u8]) -> usize {
    memchr::memmem::find_iter(rest, b"</")
        .find(|&i| {
            let tag = &rest[i + 2..];
            tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name)
        })
        .unwrap_or(rest.len())
}

/// Why a stylesheet or script was left as it was: the parser's message,
/// and the byte offset it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub message: String,
    pub offset: Option<usize>,
}

impl Unreadable {
    fn css<T: std::fmt::Display>(text: &str, error: lightningcss::error::Error<T>) -> Self {
        // Lines count from 0 here, columns from 1.
        let offset = error.loc.as_ref().map(|loc| {
            let line_start: usize = (text.split_inclusive('\n'))
                .take(loc.line as usize)
                .map(str::len)
                .sum();
            line_start + (loc.column as usize).saturating_sub(1)
        });
        Unreadable {
            message: error.kind.to_string(),
            offset,
        }
    }
}

/// A stylesheet, minified, or why it could not be read.
pub fn css(text: &str) -> Result<String, Unreadable> {
    let mut sheet =
        StyleSheet::parse(text, ParserOptions::default()).map_err(|e| Unreadable::css(text, e))?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| Unreadable::css(text, e))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| Unreadable::css(text, e))?;
    Ok(printed.code)
}

/// A script, minified, or why it could not be read. It is read as a classic
/// script, or as a module if it imports or exports; names at its top level
/// are kept, as other scripts and the page may use them.
pub fn js(text: &str) -> Result<String, Unreadable> {
    let allocator = Allocator::default();
    let mut parsed = Parser::new(&allocator, text, SourceType::cjs()).parse();
    if !parsed.errors.is_empty() {
        let module = Parser::new(&allocator, text, SourceType::mjs()).parse();
        if module.errors.is_empty() {
            parsed = module;
        }
    }
    if let Some(error) = parsed.errors.first() {
        let offset = (error.labels.iter().flatten())
            .map(|label| label.offset())
            .next();
        return Err(Unreadable {
            message: error.message.to_string(),
            offset,
        });
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let code = Codegen::new()
        .with_options(CodegenOptions {
            minify: true,
            // Comments go, but for licences (`/*! ... */`, `@license`).
            comments: CommentOptions {
                legal: LegalComment::Inline,
                ..CommentOptions::disabled()
            },
            ..CodegenOptions::default()
        })
        // The names the mangler chose for locals.
        .with_scoping(minified.scoping)
        .with_private_member_mappings(minified.class_private_mappings)
        .build(&program)
        .code;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_lose_whitespace_and_comments_but_not_text() {
        let page = b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>A  page</title>\n</head>\n<body>\n<!-- a note -->\n<p class=\"x\">Some   words</p>\n<pre>  kept\n  as is</pre>\n</body>\n</html>\n";
        let small = String::from_utf8(html(page)).unwrap();
        assert!(small.len() < page.len(), "{small}");
        assert!(!small.contains("a note"), "{small}");
        assert!(small.contains("<pre>  kept\n  as is</pre>"), "{small}");
        assert!(small.contains("<html lang=en>"), "{small}");
        assert!(small.starts_with("<!doctype html>"), "{small}");
    }

    #[test]
    fn nesting_counts_open_elements_only() {
        let page = b"<!doctype html><html><body><br><img src=x><!-- <div> --><p>a</p>\
                     <script>if (a<b) '<div>';</SCRIPT><ul><li>b</ul></body></html>";
        assert_eq!(nesting(page), 4);
        // A map: one self-closing dot a place, inside an SVG.
        let dots = "<circle r=\"2\"/>".repeat(1_000);
        let map = format!("<body><svg viewBox=\"0 0 9 9\"><g>{dots}</g></svg><div/><p>x</body>");
        assert_eq!(nesting(map.as_bytes()), 3);
    }

    #[test]
    fn a_page_nested_too_deeply_to_minify_is_left_as_it_is() {
        let deep = format!("<p>{}x</p>", "<div>".repeat(100_000)).into_bytes();
        assert_eq!(html(&deep), deep);
        let shallow = b"<p>  a   </p>";
        assert_ne!(html(shallow), shallow);
    }

    #[test]
    fn stylesheets_shrink_and_broken_ones_say_why() {
        let min = css("body {\n  color: #ff0000;\n  margin: 0px;\n}\n/* a note */\n").unwrap();
        assert_eq!(min, "body{color:red;margin:0}");
        assert!(css("body { color: red; ").is_ok(), "CSS recovers from this");
        let broken = "a {}\nb <> c {}\n";
        let why = css(broken).unwrap_err();
        assert!(why.message.contains("combinator"), "{why:?}");
        assert_eq!(why.offset, Some(7), "{why:?}");
    }

    #[test]
    fn scripts_keep_their_top_level_names() {
        let min = js("/*! Licence: MIT */\n// A note.\nfunction greet(name) {\n  let greeting = 'Hello, ';\n  for (const part of [name, '!']) greeting += part;\n  return greeting;\n}\n").unwrap();
        assert!(min.contains("function greet("), "{min}");
        assert!(
            !min.contains("greeting") && !min.contains("name"),
            "locals are renamed: {min}"
        );
        assert!(
            min.contains("Licence: MIT") && !min.contains("A note"),
            "{min}"
        );
        let module = js("import { x } from './x.js';\nexport const y = x + 1;\n").unwrap();
        assert!(module.contains("export"), "{module}");
        let why = js("let a = 1;\nlet b = ;\n").unwrap_err();
        assert_eq!(why.offset, Some(19), "{why:?}");
    }
}
