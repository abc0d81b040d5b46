//! The properties the fuzz targets check, one module a target. Each
//! `check` takes the fuzzer's bytes and panics when a property fails. The
//! main crate's `tests/fuzz_corpus.rs` includes this file too, and replays
//! the committed seeds and every input that once failed through the same
//! checks, so they hold wherever cargo-fuzz is not installed.

pub mod frontmatter;
pub mod html;
pub mod matcher;
pub mod page;
pub mod resolve;
pub mod scale;

/// A target's check: it panics if the input breaks a property.
pub type Check = fn(&[u8]);

/// Each target, by the name of its folders under `fuzz/seeds/` and
/// `fuzz/regressions/`.
pub const TARGETS: &[(&str, Check)] = &[
    ("frontmatter", frontmatter::check),
    ("matcher", matcher::check),
    ("page", page::check),
    ("resolve", resolve::check),
    ("scale", scale::check),
];
