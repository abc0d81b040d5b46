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

/// A page, minified: whitespace, comments and optional tags and quotes go;
/// `<style>` and `<script>` are minified too.
pub fn html(page: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    // The settings that may break validity (unquoted values the standard
    // forbids, a shortened doctype, attributes run together) stay off.
    cfg.minify_css = true;
    cfg.minify_js = true;
    minify_html::minify(page, &cfg)
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
