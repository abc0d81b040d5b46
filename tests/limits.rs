//! Inputs far past anything a writer means to type: a huge file, lists and
//! quotes nested thousands deep, a line of a megabyte, a term with twenty
//! thousand aliases. Each builds, checks and minifies in bounded time and
//! memory, or is refused with an error naming the file; none overflows a
//! stack or panics.

mod common;

use common::{Page, Site};

fn site_with(rel: &str, text: &str) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Limits\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"An assembly.\"\n+++\nAn assembly.\n",
    );
    site.write(
        "content/articles/fine.md",
        "+++\ntitle = \"Fine\"\n+++\nThe majlis met.\n",
    );
    site.write(rel, text);
    site
}

fn article(body: &str) -> String {
    format!("+++\ntitle = \"Edge\"\n+++\n{body}")
}

/// Builds (plain and minified) and checks, each failing with `error` alone.
fn assert_refused_everywhere(site: &Site, error: &str) {
    for run in [site.build(&[]), site.build(&["--minify"])] {
        run.assert_failed();
        run.assert_stderr_has(error);
        assert_eq!(run.error_lines().len(), 1, "{run}");
    }
    let check = site.check(&[]);
    assert_eq!(check.status.code(), Some(1), "{check}");
    check.assert_no_panic();
    assert!(check.stdout.contains(error), "{check}");
    assert!(!site.public().exists(), "a refused site was written");
}

/// Builds (plain into `plain/`, minified into `minified/`, beside the site)
/// and checks, each succeeding.
fn assert_builds_everywhere(site: &Site) {
    let (plain, minified) = (site.tmp().join("plain"), site.tmp().join("minified"));
    let runs = [
        site.build(&["--output", plain.to_str().unwrap()]),
        site.build(&["--minify", "--output", minified.to_str().unwrap()]),
        site.check(&[]),
    ];
    for run in &runs {
        assert!(run.status.success(), "{run}");
        run.assert_no_panic();
    }
}

/// A page of the build [`assert_builds_everywhere`] made into `dir`.
fn built(site: &Site, dir: &str, page: &str) -> String {
    common::read_text(&site.tmp().join(dir).join(page))
}

#[test]
fn a_file_over_the_size_limit_is_refused_with_its_size_and_the_limit() {
    let huge = article(&"The majlis met. ".repeat(17 * 1024 * 1024 / 16 + 1));
    let site = site_with("content/articles/huge.md", &huge);
    assert_refused_everywhere(
        &site,
        "content/articles/huge.md: error: the file is 17.0 MB; gloss reads Markdown files of up to 16 MB",
    );
}

#[test]
fn lists_nested_ten_thousand_deep_are_refused_at_their_line() {
    let deep = article(&format!("Intro.\n\n{}the majlis\n", "- ".repeat(10_000)));
    let site = site_with("content/articles/deep.md", &deep);
    // The list item that opens the 101st level: the 51st `- `.
    assert_refused_everywhere(
        &site,
        "content/articles/deep.md:6:101: error: lists, quotes or other elements are nested more than 100 levels deep here",
    );
    let ordered = article(&"1. ".repeat(10_000));
    site.write("content/articles/deep.md", ordered);
    assert!(
        site.check(&[])
            .stdout
            .contains("content/articles/deep.md:4:")
    );
}

#[test]
fn quotes_nested_ten_thousand_deep_are_refused_at_their_line() {
    let deep = article(&format!("{} the majlis\n", ">".repeat(10_000)));
    let site = site_with("content/articles/deep.md", &deep);
    // Within the run of `>`, where the parser starts the 101st quote.
    assert_refused_everywhere(
        &site,
        "content/articles/deep.md:4:101: error: lists, quotes or other elements are nested more than 100 levels deep here",
    );
}

#[test]
fn nesting_within_the_limit_builds_and_minifies() {
    let site = site_with(
        "content/articles/nested.md",
        &article(&format!("{}the majlis\n", "> ".repeat(90))),
    );
    assert_builds_everywhere(&site);
    let page = Page::parse(built(&site, "minified", "articles/nested/index.html"));
    assert_eq!(page.count("blockquote"), 90);
    assert_eq!(page.count("blockquote a.term"), 1);
}

#[test]
fn raw_html_nested_too_deep_to_minify_is_written_as_it_is() {
    let deep = article(&format!("{}the majlis\n", "<div>".repeat(20_000)));
    let site = site_with("content/articles/deep.md", &deep);
    // Raw HTML reaches the page only on a site that trusts its content.
    site.write(
        "site.toml",
        "title = \"Limits\"\nbase_url = \"https://example.org/\"\n[markdown]\nunsafe_html = true\n",
    );
    assert_builds_everywhere(&site);
    // Minified, a page loses the line breaks between its tags.
    let unminified = "</title>\n<link rel=\"canonical\"";
    let deep = built(&site, "minified", "articles/deep/index.html");
    assert!(deep.contains(unminified), "the deep page is left as it is");
    let fine = built(&site, "minified", "articles/fine/index.html");
    assert!(!fine.contains(unminified), "other pages are minified");
    assert!(built(&site, "plain", "articles/fine/index.html").contains(unminified));
}

#[test]
fn a_line_of_a_megabyte_builds_with_its_terms_linked() {
    let line = "the majlis met again and ".repeat(1024 * 1024 / 25);
    let site = site_with("content/articles/line.md", &article(&format!("{line}\n")));
    assert_builds_everywhere(&site);
    let page = Page::parse(built(&site, "minified", "articles/line/index.html"));
    assert_eq!(page.count("main a.term"), 1, "the first mention is linked");
    assert!(page.source.len() > 1024 * 1024);
}

#[test]
fn a_mistake_on_a_megabyte_line_is_shown_cut_around_its_column() {
    let line = format!(
        "{}[[no such term]]{}",
        "the majlis met ".repeat(40_000),
        " and met".repeat(40_000)
    );
    let site = site_with("content/articles/line.md", &article(&format!("{line}\n")));
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("content/articles/line.md:4:600001: error:");
    assert!(
        run.stderr.len() < 2_000,
        "{} bytes of errors",
        run.stderr.len()
    );
}

#[test]
fn a_term_with_twenty_thousand_aliases_links_them() {
    let aliases: Vec<String> = (0..20_000).map(|i| format!("\"alias {i}\"")).collect();
    let term = format!(
        "+++\ntitle = \"Many\"\naliases = [{}]\nsummary = \"x\"\n+++\nMany names.\n",
        aliases.join(", ")
    );
    let site = site_with("content/glossary/many.md", &term);
    site.write(
        "content/articles/names.md",
        article("First alias 19999, then alias 7.\n\nThe majlis.\n"),
    );
    assert_builds_everywhere(&site);
    let page = Page::parse(built(&site, "minified", "articles/names/index.html"));
    let linked: Vec<String> = page.texts("main a.term");
    assert_eq!(linked, ["alias 19999", "majlis"]);
}
