//! Edge cases of file names, raw HTML, ids and unsafe input, each once a bug:
//! small sites written from the test, built, and checked.

mod common;

use common::{Site, term_links};

fn term(title: &str, extra: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{extra}+++\nAbout {title}.\n")
}

fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

#[test]
fn a_term_file_name_with_a_space_links_to_its_real_page() {
    let site = Site::empty();
    site.write("content/glossary/young turks.md", term("Young Turks", ""));
    site.write(
        "content/a.md",
        article("A", "The Young Turks and [[young-turks|the committee]]."),
    );
    site.build_ok(&[]);
    let page = site.page("a/index.html");
    let links = page.attrs("a.term", "href");
    assert_eq!(links, ["/glossary/young-turks/", "/glossary/young-turks/"]);
    assert!(
        site.public()
            .join("glossary/young-turks/index.html")
            .is_file()
    );
}

#[test]
fn an_html_comment_or_unclosed_anchor_does_not_stop_linking() {
    let site = Site::empty();
    site.write("content/glossary/majlis.md", term("Majlis", ""));
    site.write("content/glossary/tabriz.md", term("Tabriz", ""));
    site.write(
        "content/a.md",
        article(
            "A",
            "A note <!-- a <code> aside --> here.\n\nThe majlis met.\n\n<a name=\"x\">anchor\n\nTabriz held.",
        ),
    );
    site.build_ok(&[]);
    let page = site.page("a/index.html");
    assert_eq!(
        term_links(page.containing("p", "The majlis met")),
        [("majlis".to_string(), "majlis".to_string())]
    );
    assert_eq!(
        term_links(page.containing("p", "held")),
        [("tabriz".to_string(), "Tabriz".to_string())]
    );
}

#[test]
fn aliases_with_stray_spaces_still_match() {
    let site = Site::empty();
    site.write(
        "content/glossary/majlis.md",
        term("Majlis", "aliases = [\" majles \"]\n"),
    );
    site.write("content/a.md", article("A", "The majles met."));
    site.build_ok(&[]);
    assert_eq!(site.page("a/index.html").texts("a.term"), ["majles"]);
    assert_eq!(
        site.page("glossary/majlis/index.html").texts(".aliases i"),
        ["majles"]
    );
}

#[test]
fn a_section_whose_folder_has_a_space_lists_its_pages() {
    let site = Site::empty();
    site.write(
        "content/my notes/_index.md",
        "+++\ntitle = \"Notes\"\n+++\n",
    );
    site.write("content/my notes/first.md", article("First note", "Text."));
    site.build_ok(&[]);
    let section = site.page("my-notes/index.html");
    assert_eq!(section.texts(".page-list h2 a"), ["First note"]);
}

#[test]
fn heading_ids_never_repeat_the_templates_ids_or_footnotes() {
    let site = Site::empty();
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\n+++\n## Mentions\n\n## Main\n\nA note.[^1]\n\n## 1\n\n[^1]: The note.\n",
    );
    site.build_ok(&[]);
    let page = site.page("glossary/majlis/index.html");
    let ids = page.attrs("[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    assert_eq!(page.attr("section#mentions", "id"), "mentions");
    assert_eq!(page.attr(".footnote-reference a", "href"), "#fn-1");
    assert_eq!(page.count("[id='fn-1']"), 1);
}

#[test]
fn native_form_without_a_language_gets_no_empty_lang() {
    let site = Site::empty();
    site.write(
        "content/glossary/majlis.md",
        term("Majlis", "native = \"مجلس\"\n"),
    );
    site.build_ok(&[]);
    let page = site.page("glossary/majlis/index.html");
    assert_eq!(page.text(".native"), "مجلس");
    assert_eq!(page.count(".native[lang]"), 0);
}

#[test]
fn a_javascript_photo_source_is_refused() {
    let site = Site::empty();
    site.write(
        "static/p.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n[photo]\nsrc = \"p.svg\"\nalt = \"x\"\nsource = \"javascript:alert(1)\"\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has(
        "content/a.md:6:10: error: photo source `javascript:alert(1)` is not an http(s) URL",
    );
}

#[test]
fn a_page_may_not_take_the_place_of_a_generated_file() {
    let site = Site::empty();
    site.write("content/sitemap.xml.md", article("Sitemap", "x"));
    site.write("content/glossary.md", article("Glossary", "x"));
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("content/sitemap.xml.md: error: this file maps to /sitemap.xml/");
    run.assert_stderr_has("content/glossary.md: error: this file maps to /glossary/");
    run.assert_stderr_has("write content/glossary/_index.md");
}

#[test]
fn a_bad_base_url_points_at_its_own_line() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"example.org\"\nbase_url = \"example.org\"\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("site.toml:2:12: error: base_url `example.org` must start with");
}

#[cfg(unix)]
#[test]
fn an_output_holding_a_linked_source_folder_is_refused() {
    let site = Site::empty();
    let outside = site.tmp().join("outside");
    std::fs::create_dir_all(outside.join("content")).unwrap();
    std::fs::write(outside.join("index.html"), "old site").unwrap();
    std::fs::write(outside.join("content/a.md"), article("A", "x")).unwrap();
    std::os::unix::fs::symlink(outside.join("content"), site.path("content")).unwrap();
    let run = site.build(&["--output", outside.to_str().unwrap()]);
    run.assert_failed();
    run.assert_stderr_has("the output folder holds content/");
    assert!(
        outside.join("content/a.md").is_file(),
        "a source was deleted"
    );
}

#[test]
fn a_file_that_fails_to_load_is_not_also_reported_as_a_missing_link_target() {
    let site = Site::empty();
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitel = \"Majlis\"\n+++\n",
    );
    site.write("content/b.md", "+++\ntitle = \"B\"\nsumary = \"x\"\n+++\n");
    site.write(
        "content/a.md",
        article("A", "See [b](b.md) and [[majlis]]."),
    );
    let run = site.build(&[]);
    run.assert_failed();
    assert_eq!(run.error_lines().len(), 2, "{run}");
    run.assert_stderr_has("content/b.md:3:1: error: unknown field `sumary`");
    run.assert_stderr_has("content/glossary/majlis.md:2:1: error: unknown field `titel`");
}

#[test]
fn names_inside_links_and_headings_do_not_link_again() {
    let site = Site::empty();
    site.write("content/glossary/majlis.md", term("Majlis", ""));
    site.write("content/glossary/tabriz.md", term("Tabriz", ""));
    let body = "## Tabriz\n\nDeputies of [[majlis|the assembly at Tabriz]] and \
                [a map of Tabriz](https://e.org/) met; Tabriz held.";
    site.write("content/a.md", article("A", body));
    site.build_ok(&[]);
    let page = site.page("a/index.html");
    // One link each: the wiki link, then the first free mention of Tabriz,
    // not the heading's nor the other link's.
    assert!(term_links(page.containing("h2", "Tabriz")).is_empty());
    let html = std::fs::read_to_string(site.public().join("a/index.html")).unwrap();
    assert!(html.contains(r#"<a href="https://e.org/">a map of Tabriz</a>"#));
    assert_eq!(
        term_links(page.containing("p", "Deputies")),
        [
            ("majlis".to_string(), "the assembly at Tabriz".to_string()),
            ("tabriz".to_string(), "Tabriz".to_string()),
        ]
    );
}
