//! Integration tests of `gloss check`: a small clean site written from the
//! test, then one problem added per test, asserting the finding's file, line,
//! column and severity on stdout, the summary and the exit code.

mod common;

use common::{Run, Site, gloss, snapshot};

const ARTICLE: &str = "content/articles/siege.md";
const FRONT_MATTER: &str = "+++\ntitle = \"The Siege\"\ndate = 2025-03-01\n+++\n";

/// A site with nothing to report: a home page, an article that mentions the
/// one term, the glossary and the term's page (4 pages).
fn clean_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Check\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write("content/_index.md", page("Home", "Welcome."));
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"The parliament.\"\n+++\nPersia's parliament.\n",
    );
    site.write(
        "static/images/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    // Credited, so that showing it is no finding.
    site.write(
        "static/images/map.svg.toml",
        "credit = \"A. Mapmaker\"\nlicense = \"CC0 1.0\"\n",
    );
    write_article(&site, "The Majlis met in secret.\n");
    site
}

/// A Markdown file with only a title in its front matter.
fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

fn write_article(site: &Site, body: &str) {
    site.write(ARTICLE, format!("{FRONT_MATTER}{body}"));
}

/// `file:line:col` of the first `needle` in `body`, the article's body.
fn at(body: &str, needle: &str) -> String {
    let text = format!("{FRONT_MATTER}{body}");
    let offset = text.find(needle).expect("needle in the body");
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{ARTICLE}:{line}:{column}")
}

/// The finding lines of a check's stdout.
fn findings(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect()
}

/// Asserts the one finding at `location` with `severity` says `message`.
fn assert_finding(run: &Run, location: &str, severity: &str, message: &str) {
    let prefix = format!("{location}: {severity}: ");
    let found: Vec<_> = findings(run)
        .into_iter()
        .filter(|l| l.starts_with(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "one {severity} at {location}\n{run}");
    assert!(
        found[0].contains(message),
        "{message:?} in {}\n{run}",
        found[0]
    );
}

/// Asserts that a check of `site` finds nothing in its `pages` pages.
fn assert_clean(site: &Site, pages: usize) -> Run {
    let run = site.check(&[]);
    assert_summary(
        &run,
        0,
        &format!("check: 0 errors, 0 warnings in {pages} pages"),
    );
    assert!(findings(&run).is_empty(), "{run}");
    run
}

/// Asserts the exit code and the summary line, which comes last.
fn assert_summary(run: &Run, code: i32, summary: &str) {
    run.assert_no_panic();
    assert_eq!(run.status.code(), Some(code), "exit code\n{run}");
    assert_eq!(run.stdout.lines().last(), Some(summary), "summary\n{run}");
}

#[test]
fn a_clean_site_passes() {
    let run = assert_clean(&clean_site(), 5);
    assert!(run.stderr.is_empty(), "{run}");
}

#[test]
fn check_writes_nothing() {
    for broken in [false, true] {
        let site = clean_site();
        if broken {
            write_article(&site, "[gone](gone.md) and [nowhere](#nowhere).\n");
        }
        let before = snapshot(site.tmp());
        let run = site.check(&[]);
        assert_eq!(run.status.code(), Some(if broken { 1 } else { 0 }), "{run}");
        assert_eq!(snapshot(site.tmp()), before, "check wrote files\n{run}");
        assert!(!site.public().exists());
    }
}

#[test]
fn a_fragment_must_name_an_id_on_its_own_page() {
    let site = clean_site();
    let body = "The Majlis met.[^1]\n\n## The siege\n\nSee [the siege](#the-siege), [the note](#fn-1), \
                [the top](#top), [the content](#main), [here](#) and [nothing](#nope).\n\n\
                [^1]: A note.\n";
    write_article(&site, body);
    let run = site.check(&[]);
    assert_finding(
        &run,
        &at(body, "[nothing]"),
        "error",
        "link to `#nope`: no element on this page has the id `nope`",
    );
    assert_summary(&run, 1, "check: 1 error, 0 warnings in 5 pages");
}

#[test]
fn a_fragment_must_name_an_id_on_the_page_it_links_to() {
    let site = clean_site();
    site.write(
        "site.toml",
        "title = \"Check\"\nbase_url = \"https://example.org/history/\"\n",
    );
    write_article(&site, "The Majlis met.\n\n## The siege\n");
    let body = "Read [the siege](siege.md#the-siege), [a lost part](siege.md#lost), \
                [the mentions](/glossary/majlis/#mentions), [the letter](/glossary/#letter-m), \
                [the list](../../#articles-heading) and [nowhere](/glossary/majlis/#nowhere).\n";
    site.write("content/articles/aftermath.md", page("Aftermath", body));
    let run = site.check(&[]);
    // The front matter of aftermath.md is three lines long.
    let column = |needle: &str| body.find(needle).unwrap() + 1;
    assert_finding(
        &run,
        &format!("content/articles/aftermath.md:4:{}", column("[a lost")),
        "error",
        "link to `siege.md#lost`: no element on /history/articles/siege/ has the id `lost`",
    );
    assert_finding(
        &run,
        &format!("content/articles/aftermath.md:4:{}", column("[nowhere]")),
        "error",
        "no element on /history/glossary/majlis/ has the id `nowhere`",
    );
    assert_summary(&run, 1, "check: 2 errors, 0 warnings in 6 pages");
}

#[test]
fn a_link_to_a_path_the_site_does_not_publish_is_an_error() {
    let site = clean_site();
    let body = "The Majlis met. [Home](/), [the map](/images/map.svg), [the feed](/atom.xml), \
                [the glossary](/glossary), [missing](/nowhere/) and [beside](map.svg).\n";
    write_article(&site, body);
    let run = site.check(&[]);
    assert_finding(
        &run,
        &at(body, "[missing]"),
        "error",
        "link to `/nowhere/`: nothing is published at /nowhere/",
    );
    // Relative to the page's own URL, articles/siege/.
    assert_finding(
        &run,
        &at(body, "[beside]"),
        "error",
        "nothing is published at /articles/siege/map.svg",
    );
    assert_summary(&run, 1, "check: 2 errors, 0 warnings in 5 pages");
}

#[test]
fn an_image_without_alt_text_is_a_warning() {
    let site = clean_site();
    let body = "The Majlis met.\n\nA map: ![A map](images/map.svg)\n\n  ![](images/map.svg)\n";
    write_article(&site, body);
    let run = site.check(&[]);
    assert_finding(&run, &at(body, "![]"), "warning", "image has no alt text");
    assert_summary(&run, 0, "check: 0 errors, 1 warning in 5 pages");
}

#[test]
fn a_term_no_page_mentions_is_a_warning() {
    let site = clean_site();
    // Its own page does not count.
    site.write(
        "content/glossary/tabriz.md",
        page("Tabriz", "Tabriz is a city."),
    );
    let run = site.check(&[]);
    // At the term's title, so the line has a place.
    assert_finding(
        &run,
        "content/glossary/tabriz.md:2:9",
        "warning",
        "no page mentions this term",
    );
    assert_summary(&run, 0, "check: 0 errors, 1 warning in 6 pages");

    // Another term's page does.
    site.write(
        "content/glossary/majlis.md",
        page("Majlis", "It met far from Tabriz."),
    );
    assert_clean(&site, 6);
}

#[test]
fn a_page_no_chain_of_links_reaches_is_a_warning() {
    let site = clean_site();
    site.write(
        "content/notes/_index.md",
        page("Notes", "See [more](more/_index.md)."),
    );
    site.write("content/notes/more/_index.md", page("More", "More notes."));
    // An article is listed on the home page, wherever it lives.
    site.write("content/notes/note.md", page("A note", "The Majlis."));
    let run = site.check(&[]);
    // Linked to, but only from a page nothing leads to.
    for page in [
        "content/notes/_index.md:1:1",
        "content/notes/more/_index.md:1:1",
    ] {
        assert_finding(
            &run,
            page,
            "warning",
            "no chain of links from the home page leads to this page",
        );
    }
    assert_summary(&run, 0, "check: 0 errors, 2 warnings in 8 pages");

    site.write(
        "content/_index.md",
        page("Home", "Welcome to [the notes](notes/_index.md)."),
    );
    assert_clean(&site, 8);
}

#[test]
fn external_links_are_listed_with_counts() {
    let site = clean_site();
    site.write(
        ARTICLE,
        "+++\ntitle = \"The Siege\"\n[photo]\nsrc = \"images/map.svg\"\nalt = \"A map\"\n\
         source = \"https://photos.example/p\"\n+++\n\
         The Majlis met. [A](https://b.example/x), [Z](https://z.example/), \
         [Z again](https://z.example/), <https://z.example/> and <editor@example.org>. \
         [Call](tel:123) is not a site.\n",
    );
    let run = site.check(&[]);
    // Most linked first, then by URL; the photo's source counts.
    assert!(
        run.stdout.ends_with(
            "external links:\n  3 https://z.example/\n  1 https://b.example/x\n  \
             1 https://photos.example/p\n  1 mailto:editor@example.org\n\
             check: 0 errors, 0 warnings in 5 pages\n"
        ),
        "{run}"
    );
    assert_summary(&run, 0, "check: 0 errors, 0 warnings in 5 pages");
}

#[test]
fn the_builds_errors_are_the_checks_and_fail_it() {
    let site = clean_site();
    let body = "The Majlis met. [Gone](gone.md), [nowhere](#nowhere) and ![](images/map.svg).\n";
    write_article(&site, body);
    let run = site.check(&[]);
    assert_finding(
        &run,
        &at(body, "[Gone]"),
        "error",
        "link to `gone.md`: there is no content/articles/gone.md",
    );
    assert_finding(&run, &at(body, "[nowhere]"), "error", "`nowhere`");
    assert_finding(&run, &at(body, "![]"), "warning", "no alt text");
    assert_summary(&run, 1, "check: 2 errors, 1 warning in 5 pages");
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour off a terminal\n{run}"
    );
}

#[test]
fn quiet_prints_only_errors_and_the_summary() {
    let site = clean_site();
    write_article(
        &site,
        "The Majlis met. [nowhere](#nowhere), ![](images/map.svg) and [x](https://x.example/).\n",
    );
    let run = site.check(&["-q"]);
    assert_eq!(findings(&run).len(), 1, "{run}");
    assert!(findings(&run)[0].contains(": error: "), "{run}");
    assert!(!run.stdout.contains("external links"), "{run}");
    assert_summary(&run, 1, "check: 1 error, 1 warning in 5 pages");
}

#[test]
fn verbose_shows_the_line_and_a_suggestion() {
    let site = clean_site();
    write_article(
        &site,
        "The Majlis met.\n\n## The siege\n\nSee [it](#the-seige).\n",
    );
    let run = site.check(&["-v"]);
    assert!(run.stdout.contains("9 | See [it](#the-seige)."), "{run}");
    assert!(run.stdout.contains("did you mean `#the-siege`?"), "{run}");
    assert_summary(&run, 1, "check: 1 error, 0 warnings in 5 pages");
}

#[test]
fn drafts_are_checked_with_drafts() {
    let site = clean_site();
    site.write(
        "content/articles/draft.md",
        "+++\ntitle = \"Draft\"\ndraft = true\n+++\nThe Majlis, [nowhere](#nowhere).\n",
    );
    assert_clean(&site, 5);
    let run = site.check(&["--drafts"]);
    assert_finding(&run, "content/articles/draft.md:5:13", "error", "`nowhere`");
    assert_summary(&run, 1, "check: 1 error, 0 warnings in 6 pages");
}

#[test]
fn a_usage_error_exits_with_2() {
    let run = gloss(&["check", "--no-such-flag"]);
    assert_eq!(run.status.code(), Some(2), "{run}");
}

#[test]
fn the_demo_site_checks_clean() {
    let run = gloss(&["check", "--root", env!("CARGO_MANIFEST_DIR")]);
    assert_eq!(run.status.code(), Some(0), "{run}");
    assert!(findings(&run).is_empty(), "{run}");
}
