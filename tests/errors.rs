//! Bad input: each test adds one broken file to the valid `basic` fixture and
//! checks that gloss exits with code 1, without panicking, with one error
//! naming the file and, where there is one, the line and column, and that
//! the output folder was not written.

mod common;

use common::{Run, Site};

/// `basic` plus the given files (path under the site, contents).
fn site_with(files: &[(&str, &[u8])]) -> Site {
    let site = Site::fixture("basic");
    for (path, contents) in files {
        site.write(path, contents);
    }
    site
}

/// Builds and asserts a failure with exactly `errors` errors and no output.
fn build_fails(site: &Site, errors: usize) -> Run {
    let run = site.build(&[]);
    run.assert_failed();
    let plural = if errors == 1 { "" } else { "s" };
    run.assert_stderr_has(&format!("build failed: {errors} error{plural}"));
    assert_eq!(run.error_lines().len(), errors, "one line per error\n{run}");
    assert!(!site.public().exists(), "a failed build wrote output");
    run
}

/// The one error line starting with `location` (`path:line:col`).
fn error_at<'a>(run: &'a Run, location: &str) -> &'a str {
    let prefix = format!("{location}: error: ");
    let found: Vec<_> = run
        .error_lines()
        .into_iter()
        .filter(|l| l.starts_with(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "expected one error at {location}\n{run}");
    found[0]
}

const ARTICLE: &str = "content/articles/bad.md";

#[test]
fn malformed_toml() {
    let site = site_with(&[(
        ARTICLE,
        b"+++\ntitle = \"Bad\"\ndate = 2025-03-01\n= \"a value without a key\"\n+++\nBody\n",
    )]);
    let run = build_fails(&site, 1);
    // The line of the file itself, not of the front matter.
    error_at(&run, "content/articles/bad.md:4:1");
}

#[test]
fn missing_closing_fence() {
    let site = site_with(&[(ARTICLE, b"+++\ntitle = \"Bad\"\n\nBody without a fence.\n")]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:1:1");
    assert!(line.contains("front matter is not closed"), "{line}");
}

#[test]
fn invalid_utf8() {
    let site = site_with(&[(
        ARTICLE,
        b"+++\ntitle = \"ok\"\n+++\nGood line\nBad \xff byte\n",
    )]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:5:5");
    assert!(line.contains("UTF-8"), "{line}");
}

#[test]
fn wrong_field_type() {
    let site = site_with(&[(ARTICLE, b"+++\ntitle = 3\n+++\nBody\n")]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:2:9");
    assert!(
        line.contains("integer") && line.contains("string"),
        "{line}"
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = site_with(&[(ARTICLE, b"+++\ntitle = \"x\"\nsumary = \"y\"\n+++\nBody\n")]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:3:1");
    assert!(line.contains("unknown field `sumary`"), "{line}");
    run.assert_stderr_has("did you mean `summary`?");
}

#[test]
fn unknown_key_in_the_photo_table_and_in_a_term() {
    let site = site_with(&[
        (
            ARTICLE,
            b"+++\ntitle = \"x\"\n\n[photo]\nsrc = \"images/map.svg\"\nalt = \"x\"\ncaptoin = \"y\"\n+++\n",
        ),
        (
            "content/glossary/qajar.md",
            b"+++\ntitle = \"Qajar\"\nalias = [\"Kadjar\"]\n+++\n",
        ),
    ]);
    let run = build_fails(&site, 2);
    error_at(&run, "content/articles/bad.md:7:1");
    error_at(&run, "content/glossary/qajar.md:3:1");
    run.assert_stderr_has("did you mean `caption`?");
    run.assert_stderr_has("did you mean `aliases`?");
}

#[test]
fn invalid_date() {
    let site = site_with(&[(ARTICLE, b"+++\ntitle = \"x\"\ndate = 2025-02-30\n+++\n")]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:3:8");
    assert!(line.contains("date"), "{line}");
}

#[test]
fn unknown_wiki_link_suggests_a_term() {
    let site = site_with(&[(
        ARTICLE,
        b"+++\ntitle = \"x\"\n+++\n\nSee the [[majlsi]] here.\n",
    )]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:5:9");
    assert!(line.contains("[[majlsi]]"), "{line}");
    assert!(
        run.stderr
            .to_lowercase()
            .contains("did you mean `[[majlis]]`?"),
        "a suggestion\n{run}"
    );
}

/// `basic` plus an article whose fifth line links to `target`, built: the
/// site, the failed run and its one error, which must be at the link.
fn link_fails(target: &str) -> (Site, Run, String) {
    let text = format!("+++\ntitle = \"x\"\n+++\n\nSee [it]({target}) here.\n");
    let site = site_with(&[(ARTICLE, text.as_bytes())]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:5:5").to_string();
    (site, run, line)
}

#[test]
fn relative_link_to_a_missing_markdown_file() {
    let (_, _, line) = link_fails("nope.md");
    assert!(line.contains("nope.md"), "{line}");
}

#[test]
fn a_misspelt_link_suggests_the_page_it_meant() {
    let (_, run, line) = link_fails("seige.md");
    assert!(
        line.contains("there is no content/articles/seige.md"),
        "{line}"
    );
    run.assert_stderr_has("did you mean content/articles/siege.md?");
}

/// `draft-notes.md` of the fixture is a draft.
#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let (site, run, line) = link_fails("draft-notes.md");
    assert!(
        line.contains("link to `draft-notes.md`, which is a draft"),
        "{line}"
    );
    run.assert_stderr_has("build with --drafts, or publish the page it links to");
    site.build(&["--drafts"]).assert_ok();
}

#[test]
fn photo_file_missing() {
    let site = site_with(&[(
        ARTICLE,
        b"+++\ntitle = \"x\"\n\n[photo]\nsrc = \"images/missing.png\"\nalt = \"x\"\n+++\nBody\n",
    )]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:5:7");
    assert!(line.contains("images/missing.png"), "{line}");
}

#[test]
fn image_file_missing() {
    let site = site_with(&[(
        ARTICLE,
        b"+++\ntitle = \"x\"\n+++\n\nText.\n\n![A map](img/missing.png)\n",
    )]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/articles/bad.md:7:1");
    assert!(line.contains("img/missing.png"), "{line}");
}

#[test]
fn two_terms_claiming_one_alias_name_both_files() {
    let site = site_with(&[(
        "content/glossary/parliament.md",
        b"+++\ntitle = \"Parliament\"\naliases = [\"Majlis\"]\n+++\n",
    )]);
    let run = build_fails(&site, 1);
    let line = error_at(&run, "content/glossary/parliament.md:3:12");
    assert!(line.contains("content/glossary/majlis.md"), "{line}");
}

#[test]
fn two_terms_claiming_one_title_whatever_the_case_name_both_files() {
    let site = site_with(&[(
        "content/glossary/other.md",
        b"+++\ntitle = \"TABRIZ\"\n+++\n",
    )]);
    let run = build_fails(&site, 1);
    let line = run.error_lines()[0];
    assert!(
        line.contains("content/glossary/other.md") && line.contains("content/glossary/tabriz.md"),
        "{line}"
    );
    assert!(
        line.contains(":2:9: error:"),
        "the title's line and column: {line}"
    );
}

#[test]
fn two_sources_mapping_to_one_url_name_both_files() {
    let site = site_with(&[(
        "content/articles/siege/_index.md",
        b"+++\ntitle = \"x\"\n+++\n",
    )]);
    let run = build_fails(&site, 1);
    let line = run.error_lines()[0];
    assert!(
        line.contains("content/articles/siege/_index.md")
            && line.contains("content/articles/siege.md"),
        "{line}"
    );
    assert!(line.contains("/articles/siege/"), "{line}");
}

#[test]
fn urls_differing_only_by_case_name_both_files() {
    let site = Site::fixture("minimal");
    site.write("content/Hello.md", "+++\ntitle = \"Other\"\n+++\n");
    let run = build_fails(&site, 1);
    let line = run.error_lines()[0];
    assert!(
        line.contains("content/Hello.md") && line.contains("content/hello.md"),
        "{line}"
    );
}

#[test]
fn a_case_collision_does_not_call_existing_files_missing() {
    // `basic` links to siege.md from two files; adding Siege.md beside it is
    // one problem, and siege.md still exists.
    let site = site_with(&[("content/articles/Siege.md", b"+++\ntitle = \"x\"\n+++\n")]);
    let run = site.build(&[]);
    run.assert_failed();
    assert!(
        !run.stderr.contains("there is no content/articles/siege.md"),
        "siege.md exists; only the collision is an error\n{run}"
    );
}

#[test]
fn template_syntax_error_names_template_line_and_column() {
    let site = site_with(&[(
        "templates/term.html",
        b"{% extends \"base.html\" %}\n{% block content %}{{ term.title }{% endblock content %}\n",
    )]);
    let run = build_fails(&site, 1);
    let line = run.error_lines()[0];
    // At the lone `}` closing `{{ term.title`.
    assert!(line.starts_with("templates/term.html:2:34: "), "{line}");
}

#[test]
fn template_render_error_names_template_line_and_column() {
    let site = site_with(&[(
        "templates/article.html",
        b"{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.nope }}</p>\n{% endblock content %}\n",
    )]);
    let run = site.build(&[]);
    run.assert_failed();
    let lines = run.error_lines();
    assert!(!lines.is_empty());
    for line in &lines {
        // At `nope`, in `<p>{{ page.nope }}</p>`.
        assert!(
            line.starts_with("templates/article.html:3:12: "),
            "{line}\n{run}"
        );
        assert!(line.contains("nope"), "{line}");
    }
    assert!(!site.public().exists());
}

#[test]
fn malformed_site_toml() {
    let site = Site::fixture("basic");
    site.write(
        "site.toml",
        "title = \"x\"\n\n[glossary]\nlink = \"sometimes\"\n",
    );
    let run = build_fails(&site, 1);
    let line = run.error_lines()[0];
    assert!(line.starts_with("site.toml:4:8: error:"), "{line}");
}

#[test]
fn crlf_file_errors_name_the_right_line() {
    let site = site_with(&[(
        ARTICLE,
        b"+++\r\ntitle = \"x\"\r\n\r\nsumary = \"y\"\r\n+++\r\nBody\r\n",
    )]);
    let run = build_fails(&site, 1);
    error_at(&run, "content/articles/bad.md:4:1");
}

#[test]
fn bom_file_errors_name_the_right_column() {
    let site = site_with(&[(ARTICLE, "\u{feff}+++\ntitle = 3\n+++\n".as_bytes())]);
    let run = build_fails(&site, 1);
    error_at(&run, "content/articles/bad.md:2:9");
}

#[test]
fn errors_in_the_body_count_lines_from_the_top_of_the_file() {
    // A long front matter: the body's line numbers must include it.
    let site = site_with(&[(
        ARTICLE,
        b"+++\ntitle = \"x\"\nsummary = \"y\"\nlabel = \"z\"\n+++\n\nOne.\n\nTwo [[nothing-here]].\n",
    )]);
    let run = build_fails(&site, 1);
    error_at(&run, "content/articles/bad.md:9:5");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let site = site_with(&[
        (ARTICLE, b"+++\ntitle = \"x\"\nsumary = \"y\"\n+++\n"),
        (
            "content/articles/links.md",
            b"+++\ntitle = \"Links\"\n+++\n[[nothing]] and [gone](gone.md) and ![x](no.png)\n",
        ),
        ("content/articles/unclosed.md", b"+++\ntitle = \"x\"\n"),
        (
            "content/articles/binary.md",
            b"+++\ntitle = \"\xff\"\n+++\n",
        ),
        (
            "content/glossary/parliament.md",
            b"+++\ntitle = \"Parliament\"\naliases = [\"Majlis\"]\n+++\n",
        ),
        (
            "templates/term.html",
            b"{% extends \"base.html\" %}{% block content %}{{ term.title }{% endblock content %}",
        ),
    ]);
    let run = build_fails(&site, 8);
    for location in [
        "content/articles/bad.md:3:1",
        "content/articles/links.md:4:1",
        "content/articles/links.md:4:17",
        "content/articles/links.md:4:37",
        "content/articles/unclosed.md:1:1",
        "content/articles/binary.md:2:10",
        "content/glossary/parliament.md:3:12",
    ] {
        error_at(&run, location);
    }
    assert!(
        run.error_lines()
            .iter()
            .any(|l| l.starts_with("templates/term.html:1:")),
        "{run}"
    );
}

#[test]
fn a_bad_site_toml_does_not_hide_content_errors() {
    let site = site_with(&[(ARTICLE, b"+++\ntitle = \"x\"\nsumary = \"y\"\n+++\n")]);
    site.write("site.toml", "title = \"x\"\ntitel = \"y\"\n");
    let run = build_fails(&site, 2);
    error_at(&run, "site.toml:2:1");
    error_at(&run, "content/articles/bad.md:3:1");
}
