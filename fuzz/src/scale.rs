//! Slow inputs as findings. The input, repeated until the page is about
//! 150 KB, is built as a whole site would be (term links in every mention,
//! notes, citations, the feed, the lists, the search index), so a pass
//! slower than linear in anything the input holds takes seconds where a
//! linear one takes milliseconds; run with libFuzzer's `-timeout`, such an
//! input is a finding. Each build must also end without a panic, whether
//! the site has problems to report or not.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What the page grows to.
const SIZE: usize = 150_000;

/// A site whose article `a.md` each input replaces: two terms, another
/// article with a section, an image and a bibliography, so that every kind
/// of link and citation can resolve.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, root) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("site");
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.toml",
            "title = \"S\"\nbase_url = \"https://example.org/\"\n[glossary]\nlink = \"all\"\n",
        );
        for (slug, title, alias) in [("t0", "Alpha", "Alf"), ("t1", "Alpha Beta", "AB")] {
            write(
                &format!("content/glossary/{slug}.md"),
                &format!(
                    "+++\ntitle = \"{title}\"\naliases = [\"{alias}\"]\nsummary = \"A term.\"\n+++\nEntry.\n"
                ),
            );
        }
        write(
            "content/articles/b.md",
            "+++\ntitle = \"B\"\ndate = 2025-01-01\n+++\n## Part\n\nText.\n",
        );
        write(
            "static/i.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"></svg>",
        );
        write(
            "content/sources.bib",
            "@book{k1, author = {Afary, Janet}, title = {The Revolution}, publisher = {P}, year = {1996}}\n\
             @book{k2, author = {Kasravi, Ahmad}, title = {History}, publisher = {P}, year = {1940}}\n",
        );
        (dir, root)
    });
    root
}

pub fn check(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if input.trim().is_empty() {
        return;
    }
    let body = input.repeat((SIZE / input.len()).max(1));
    let root = site();
    let page = format!("+++\ntitle = \"A\"\ndate = 2025-01-02\n+++\n{body}\n");
    std::fs::write(root.join("content/articles/a.md"), page).expect("write the page");
    let options = gloss::RenderOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    // Problems are reported, not panicked on: either outcome is fine.
    let _ = gloss::render(&options);
}
