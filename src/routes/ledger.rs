//! The ledger of published URLs: `published-urls.txt` at the site's root,
//! every URL a page of the site has had, with the file it came from. A
//! build adds the URLs of new pages and never drops one; a URL the site
//! stops publishing, with no alias sending readers on, is an error, so that
//! a link or a citation once made keeps working.
//!
//! It holds the pages made from a file: articles, glossary terms and
//! section pages. The pages the build makes itself are not in it: the home
//! page, the glossary and the credits are always published; the lists of
//! series and tags, the timeline, map and sources follow from what the
//! articles say, and no file could carry an alias for them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, TextIndex};
use crate::load::Source;

use super::Routes;

/// The ledger's name, at the site's root.
pub const FILE: &str = "published-urls.txt";

/// What the file says at its top, written anew with every change.
const HEADER: &str = "\
# Every URL this site has published, with the file it came from. `gloss build`
# adds each new page's URL and never drops one: a build that stops publishing
# a URL listed here fails, so that links and citations to it keep working.
# Move a page with `aliases = [\"/its/old/url/\"]` in its front matter, and
# the old URL sends readers on. To retire a URL on purpose, delete its line.
# Commit this file with the site.
";

/// A page of this build, as the ledger sees it.
pub struct Published<'a> {
    pub source: &'a Source,
    pub title: &'a str,
    /// Whether its front matter already has `aliases`.
    pub has_aliases: bool,
    /// Whether the ledger keeps it: not a draft nor a page the build makes.
    pub kept: bool,
}

/// One line of the ledger.
#[derive(Debug, Clone)]
struct Entry {
    /// The file it came from, as written: `content/articles/siege.md`.
    source: Option<String>,
    /// Where the line starts in the file's text.
    offset: usize,
}

/// The ledger as read.
#[derive(Debug, Default)]
struct Ledger {
    /// By site path: `articles/siege/`.
    entries: BTreeMap<String, Entry>,
    /// The file's text, if it exists.
    text: Option<String>,
    /// Its comments other than the header gloss writes, in order: kept,
    /// after the header, when the ledger is written again.
    comments: Vec<String>,
}

/// Reads the site's ledger and compares this build's URLs with it: an
/// error for each URL listed that neither a page nor an alias publishes
/// (nor the build itself, says `generated`; nor a file that failed to load,
/// of `broken`, whose aliases are unknown), and the ledger's new text if
/// it must be written: with the URLs of new pages, or created.
pub fn review(
    root: &Path,
    pages: &[Published],
    broken: &[String],
    routes: &Routes,
    generated: &dyn Fn(&str) -> bool,
) -> (Option<String>, Diagnostics) {
    let ledger = match Ledger::read(root) {
        Ok(ledger) => ledger,
        Err(problems) => return (None, problems),
    };
    let text = ledger.text.as_deref().unwrap_or_default();
    let index = TextIndex::new(text);
    // A file that failed to load keeps its URL: its own errors say why.
    // A file of `static/` publishes its own.
    let routed: HashSet<&str> = (routes.pages().map(|(path, _)| path))
        .chain(routes.aliases().iter().map(|a| a.path.as_str()))
        .collect();
    let published = |path: &str| {
        routed.contains(path)
            || generated(path)
            || routes.has_static(&super::aliases::file_of(path))
    };
    // The pages at URLs new to the ledger, which may have replaced one it
    // lists: by the name of their file, first found.
    let new_pages: Vec<&Published> = (pages.iter())
        .filter(|p| !ledger.entries.contains_key(&p.source.site_path))
        .collect();
    let mut by_file: HashMap<&str, &Published> = HashMap::new();
    for &page in &new_pages {
        by_file.entry(file_key(&page.source.rel)).or_insert(page);
    }
    let mut titles = None;
    let mut suggested = 0;
    let broken: HashSet<&str> = broken.iter().map(String::as_str).collect();
    let mut diagnostics = Diagnostics::new();
    for (path, entry) in &ledger.entries {
        let from_broken = (entry.source.as_deref())
            .and_then(|s| s.strip_prefix("content/"))
            .is_some_and(|s| broken.contains(s));
        if published(path) || from_broken {
            continue;
        }
        let line = index.locate(text, entry.offset).0.line;
        let moved =
            (entry.source.as_deref()).and_then(|source| by_file.get(file_key(source)).copied());
        // Each guess at a title reads every new page: only the first few
        // missing URLs get one, so that a site moved whole is still
        // reported at once.
        let replacement = moved.map(|p| (p, "the same file, moved")).or_else(|| {
            suggested += 1;
            (suggested <= GUESSED).then(|| {
                let titles = titles.get_or_insert_with(|| slugs(&new_pages));
                closest_title(&new_pages, titles, path).map(|p| (p, "the closest title"))
            })?
        });
        let retire = format!("to retire the URL on purpose, delete line {line} of {FILE}");
        let help = match replacement {
            Some((page, why)) => {
                let add = if page.has_aliases {
                    format!("add \"/{path}\" to the `aliases` of")
                } else {
                    format!("add `aliases = [\"/{path}\"]` to")
                };
                format!(
                    "{add} content/{} (\"{}\", {why}); or, {retire}",
                    page.source.rel, page.title
                )
            }
            None => format!(
                "restore the page, or give the page that replaces it `aliases = [\"/{path}\"]`; or, {retire}"
            ),
        };
        diagnostics.push(
            Diagnostic::error(
                FILE,
                format!("/{path} was published, and no page or alias publishes it now"),
            )
            .at_indexed(text, &index, entry.offset)
            .with_help(help),
        );
    }
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let mut entries: BTreeMap<&str, Option<String>> = (ledger.entries.iter())
        .map(|(path, e)| (path.as_str(), e.source.clone()))
        .collect();
    for page in pages.iter().filter(|p| p.kept) {
        let source = format!("content/{}", page.source.rel);
        entries.insert(&page.source.site_path, Some(source));
    }
    let mut new = String::from(HEADER);
    for comment in &ledger.comments {
        new.push_str(comment);
        new.push('\n');
    }
    for (path, source) in entries {
        new.push('/');
        new.push_str(path);
        if let Some(source) = source {
            new.push_str("  ");
            new.push_str(&source);
        }
        new.push('\n');
    }
    // A ledger with Windows line endings is the same ledger.
    let changed = (ledger.text.as_deref()).is_none_or(|t| !same_lines(t, &new));
    (changed.then_some(new), diagnostics)
}

/// Whether `a` and `b` hold the same lines, whatever ends them.
fn same_lines(a: &str, b: &str) -> bool {
    a.lines().eq(b.lines()) && a.ends_with('\n') == b.ends_with('\n')
}

impl Ledger {
    /// The site's ledger, empty if it has none; every malformed line an error.
    fn read(root: &Path) -> Result<Ledger, Diagnostics> {
        let text = match std::fs::read(root.join(FILE)) {
            Ok(bytes) => crate::load::decode(bytes).map_err(|position| {
                Diagnostics::from(
                    Diagnostic::error(FILE, "the file is not valid UTF-8 text")
                        .at_position(position),
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ledger::default()),
            Err(e) => {
                return Err(Diagnostic::error(FILE, format!("cannot read the file: {e}")).into());
            }
        };
        let mut ledger = Ledger::default();
        let mut problems = Diagnostics::new();
        let index = TextIndex::new(&text);
        if text.contains('\r') && !text.contains('\n') {
            problems.push(
                Diagnostic::error(FILE, "the file's lines end in a bare carriage return")
                    .with_help("end each line with a line feed (`\\n`), or `\\r\\n`"),
            );
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let line = line.trim();
            if line.starts_with('#') && !HEADER.lines().any(|h| h == line) {
                ledger.comments.push(line.to_string());
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = at + text[at..].len() - text[at..].trim_start().len();
            let (url, source) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            // Read as an alias is: `/a`, `/a/index.html` and `/caf%C3%A9/`
            // are the pages the build writes as `a/` and `café/`.
            let path = match super::aliases::parse(url) {
                Ok(path) => path,
                Err(_) => {
                    problems.push(
                        Diagnostic::error(FILE, format!("`{url}` is not a URL path of the site"))
                            .at_indexed(&text, &index, at)
                            .with_help(
                                "each line holds a URL path such as `/articles/siege/`, then the file it came from",
                            ),
                    );
                    continue;
                }
            };
            let source = source.trim();
            ledger.entries.insert(
                path,
                Entry {
                    source: (!source.is_empty()).then(|| source.to_string()),
                    offset: at,
                },
            );
        }
        if problems.has_errors() {
            return Err(problems);
        }
        ledger.text = Some(text);
        Ok(ledger)
    }
}

/// The file name that tells a moved file: its own, or for an `_index.md`
/// its folder's with it.
fn file_key(path: &str) -> &str {
    let mut cuts = path.rmatch_indices('/').map(|(i, _)| i + 1);
    let start = cuts.next().unwrap_or(0);
    if path[start..] == *"_index.md" {
        cuts.next().map_or(path, |i| &path[i..])
    } else {
        &path[start..]
    }
}

/// How many URLs no longer published get a guess at the page with the
/// closest title, each guess reading every new page.
const GUESSED: usize = 20;

/// Each page's title and the last part of its URL, as slugs.
fn slugs(pages: &[&Published]) -> Vec<[String; 2]> {
    (pages.iter())
        .map(|p| [crate::slug::slugify(p.title), slug_of(&p.source.site_path)])
        .collect()
}

/// Of `pages` (with their `slugs`), the one whose title or URL is closest
/// to the last part of `path`; none unless it is close.
fn closest_title<'p, 'a>(
    pages: &[&'p Published<'a>],
    slugs: &[[String; 2]],
    path: &str,
) -> Option<&'p Published<'a>> {
    let name = slug_of(path);
    let score = |s: &[String; 2]| s.iter().map(|s| similarity(&name, s)).fold(0.0, f64::max);
    (pages.iter().zip(slugs))
        .map(|(p, s)| (score(s), *p))
        .filter(|(s, _)| *s >= 0.5)
        .max_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, p)| p)
}

/// The last part of a site path as a slug: `articles/the-siege/` is `the-siege`.
fn slug_of(path: &str) -> String {
    let name = path.trim_end_matches('/');
    let name = name.rsplit('/').next().unwrap_or(name);
    crate::slug::slugify(name.trim_end_matches(".html"))
}

/// How alike two slugs are, from 0 to 1: one holding the other's words
/// whole is close (`siege` and `the-siege-of-tabriz`).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| format!("-{s}-");
    let within = !a.is_empty()
        && !b.is_empty()
        && (words(a).contains(&words(b)) || words(b).contains(&words(a)));
    if within {
        0.9_f64.max(strsim::normalized_levenshtein(a, b))
    } else {
        strsim::normalized_levenshtein(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_file_is_told_by_its_name_or_its_folder() {
        assert_eq!(file_key("content/articles/siege.md"), "siege.md");
        assert_eq!(file_key("siege.md"), "siege.md");
        assert_eq!(file_key("content/tabriz/_index.md"), "tabriz/_index.md");
        assert_eq!(file_key("_index.md"), "_index.md");
    }

    #[test]
    fn slugs_holding_each_others_words_are_close() {
        assert_eq!(slug_of("articles/the-siege/"), "the-siege");
        assert!(similarity("siege", "the-siege-of-tabriz") > 0.8);
        assert!(similarity("siege", "tehran") < 0.5);
        assert!(similarity("aftermath", "after-math") > 0.8);
        assert!(similarity("aftermath", "majlis") < 0.5);
        assert_eq!(similarity("", "majlis"), 0.0);
    }
}
