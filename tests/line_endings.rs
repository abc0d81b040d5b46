//! Files as Windows editors save them: CRLF line endings and a UTF-8
//! byte-order mark before the first `+++` (or the first key of
//! `site.toml`). Front matter is still front matter, terms are still
//! linked across a line break, and errors point at the right line and
//! column.

mod common;

use common::Site;

const BOM: &str = "\u{feff}";

/// `text` as a Windows editor saves it.
fn windows(text: &str) -> String {
    format!("{BOM}{}", text.replace('\n', "\r\n"))
}

fn windows_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        windows("title = \"Saved on Windows\"\nbase_url = \"https://example.org/\"\n"),
    );
    site.write(
        "content/_index.md",
        windows("+++\ntitle = \"Home\"\n+++\nWelcome to the majlis.\n"),
    );
    site.write(
        "content/glossary/majlis.md",
        windows("+++\ntitle = \"Majlis\"\nsummary = \"A council.\"\n+++\nAn assembly.\n"),
    );
    site.write(
        "content/glossary/grand-vizier.md",
        windows("+++\ntitle = \"Grand Vizier\"\nsummary = \"A minister.\"\n+++\nA minister.\n"),
    );
    site.write(
        "content/articles/a.md",
        windows(
            "+++\ntitle = \"The Article\"\ndate = 1906-08-05\n+++\nThe majlis met the Grand\nVizier.\n",
        ),
    );
    site
}

#[test]
fn crlf_and_a_byte_order_mark_keep_front_matter_and_term_links() {
    let site = windows_site();
    site.build_ok(&[]);
    let article = site.page("articles/a/index.html");
    assert_eq!(article.text("h1"), "The Article");
    assert!(
        article
            .source
            .contains("<title>The Article · Saved on Windows</title>")
    );
    let linked: Vec<String> = article.texts("main .body a.term");
    assert_eq!(linked, ["majlis", "Grand\nVizier"]);
    let home = site.page("index.html");
    assert_eq!(home.text("h1"), "Home");
    assert_eq!(home.texts("main a.term"), ["majlis"]);
    let term = site.page("glossary/grand-vizier/index.html");
    assert_eq!(term.text("h1"), "Grand Vizier");
    for page in [&article, &home, &term] {
        assert!(
            !page.source.contains(BOM),
            "a byte-order mark reached a page"
        );
        assert!(!page.source.contains("+++"), "front matter shown as text");
    }
}

#[test]
fn errors_in_crlf_files_with_a_byte_order_mark_point_at_the_right_place() {
    let site = windows_site();
    site.write(
        "content/articles/b.md",
        windows("+++\ntitle = \"B\"\nsumary = \"x\"\n+++\nFine.\n"),
    );
    site.write(
        "content/articles/c.md",
        windows("+++\ntitle = \"C\"\n+++\nOne line.\nThen [[no such term]] here.\n"),
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("content/articles/b.md:3:1: error: unknown field `sumary`");
    run.assert_stderr_has("content/articles/c.md:5:6: error: `[[no such term]]`");
    assert_eq!(run.error_lines().len(), 2, "{run}");

    site.remove("content/articles/b.md");
    site.remove("content/articles/c.md");
    site.write(
        "site.toml",
        windows("title = \"Saved on Windows\"\nbase_url = \"example.org\"\n"),
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("site.toml:2:12: error: base_url `example.org` must start with");
}
