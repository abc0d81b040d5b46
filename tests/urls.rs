//! Lasting URLs: a page's `aliases` leave a page at each old URL that sends
//! readers on, and the ledger of published URLs (`published-urls.txt`)
//! makes a build that stops publishing a URL fail, naming it, with the page
//! that likely replaced it.

mod common;

use std::fs;

use common::{Page, Run, Site};

const LEDGER: &str = "published-urls.txt";

/// Writes `line` into the front matter of the site's file `rel`, after its
/// opening `+++`.
fn add_front(site: &Site, rel: &str, line: &str) {
    let text = fs::read_to_string(site.path(rel)).unwrap();
    let rest = text.strip_prefix("+++\n").expect("front matter");
    site.write(rel, format!("+++\n{line}\n{rest}"));
}

fn ledger(site: &Site) -> String {
    fs::read_to_string(site.path(LEDGER)).expect("the ledger")
}

/// The ledger's entries (not its comments), each `URL  source`.
fn entries(site: &Site) -> Vec<String> {
    (ledger(site).lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(String::from)
        .collect()
}

fn move_file(site: &Site, from: &str, to: &str) {
    let to = site.path(to);
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::rename(site.path(from), to).unwrap();
}

/// The one error line starting with `location` (`path:line:col`).
fn error_at<'a>(run: &'a Run, location: &str) -> &'a str {
    let prefix = format!("{location}: error: ");
    let found: Vec<_> = (run.error_lines().into_iter())
        .filter(|l| l.starts_with(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "expected one error at {location}\n{run}");
    found[0]
}

#[test]
fn an_alias_leaves_a_page_that_sends_readers_on_and_is_listed_nowhere() {
    let site = Site::fixture("basic");
    site.write(
        "site.toml",
        fs::read_to_string(site.path("site.toml"))
            .unwrap()
            .replace("https://example.org/", "https://example.org/history/"),
    );
    add_front(
        &site,
        "content/articles/siege.md",
        r#"aliases = ["/old-siege/", "/1909/siege.html", "/older-siege/index.html"]"#,
    );
    let majlis = "content/glossary/majlis.md";
    site.write(
        majlis,
        fs::read_to_string(site.path(majlis)).unwrap().replace(
            r#"aliases = ["National Consultative Assembly"]"#,
            r#"aliases = ["/glossary/parliament", "National Consultative Assembly"]"#,
        ),
    );
    site.build_ok(&[]);

    for file in [
        "old-siege/index.html",
        "1909/siege.html",
        "older-siege/index.html",
    ] {
        let page = site.page(file);
        assert_eq!(
            page.attr("link[rel=canonical]", "href"),
            "https://example.org/history/articles/siege/",
            "{file}"
        );
        assert_eq!(
            page.attr(r#"meta[http-equiv="refresh"]"#, "content"),
            "0; url=/history/articles/siege/"
        );
        assert_eq!(page.attr(r#"meta[name="robots"]"#, "content"), "noindex");
        assert_eq!(page.attr("body a", "href"), "/history/articles/siege/");
        assert_eq!(page.text("body a"), "The Siege of Tabriz");
        assert_eq!(page.attr("html", "lang"), "en");
    }
    let term = site.page("glossary/parliament/index.html");
    assert_eq!(term.attr("body a", "href"), "/history/glossary/majlis/");
    assert_eq!(term.text("body a"), "Majlis");

    // A term's other entries are still spellings, and the URL is not one.
    let majlis = site.page("glossary/majlis/index.html");
    assert_eq!(majlis.text(".aliases i"), "National Consultative Assembly");
    let json: serde_json::Value = serde_json::from_str(&site.read("glossary.json")).unwrap();
    let terms = json["terms"].as_array().expect("terms");
    let entry = (terms.iter())
        .find(|t| t["title"] == "Majlis")
        .expect("the majlis");
    assert_eq!(
        entry["aliases"],
        serde_json::json!(["National Consultative Assembly"])
    );

    // In no list, sitemap, feed or search index.
    let mut everywhere = vec![
        site.read("sitemap.xml"),
        site.read("atom.xml"),
        site.read("glossary.json"),
        site.read("index.html"),
        site.read("glossary/index.html"),
    ];
    for file in common::files_below(&site.public().join("search-index")) {
        everywhere.push(site.read(&format!("search-index/{file}")));
    }
    for text in everywhere {
        for old in [
            "old-siege",
            "1909/siege",
            "older-siege",
            "glossary/parliament",
        ] {
            assert!(!text.contains(old), "{old} listed in\n{text}");
        }
    }
}

#[test]
fn every_bad_alias_is_reported_at_its_place_in_one_run() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/moved.md",
        concat!(
            "+++\n",
            "title = \"Moved\"\n",
            "aliases = [\n",
            "  \"/articles/siege/\",\n",
            "  \"/../elsewhere/\",\n",
            "  \"https://other.example/x/\",\n",
            "  \"/tags/\",\n",
            "  \"/first/\",\n",
            "  \"/images/map.svg\",\n",
            "]\n",
            "+++\n",
            "Text.\n",
        ),
    );
    site.write(
        "content/glossary/_index.md",
        "+++\ntitle = \"Glossary\"\naliases = [\"/FIRST/\", \"/words/\", \"/words\"]\n+++\n",
    );
    add_front(
        &site,
        "content/articles/aftermath.md",
        r#"aliases = ["old"]"#,
    );
    let run = site.build(&[]);
    run.assert_failed();
    assert_eq!(run.error_lines().len(), 8, "{run}");
    let moved = "content/articles/moved.md";
    assert!(error_at(&run, &format!("{moved}:4:3")).contains("content/articles/siege.md"));
    assert!(error_at(&run, &format!("{moved}:5:3")).contains("`..`"));
    assert!(error_at(&run, &format!("{moved}:6:3")).contains("leaves the site's base path"));
    assert!(error_at(&run, &format!("{moved}:7:3")).contains("build writes its own page"));
    assert!(error_at(&run, &format!("{moved}:9:3")).contains("static/images/map.svg"));
    let index = "content/glossary/_index.md";
    assert!(
        error_at(&run, &format!("{index}:3:12"))
            .contains("/FIRST/ is also an alias of content/articles/moved.md")
    );
    assert!(error_at(&run, &format!("{index}:3:34")).contains("/words/ is given twice"));
    assert!(
        error_at(&run, "content/articles/aftermath.md:2:12")
            .contains("leaves the site's base path")
    );
    assert!(!site.public().exists(), "a failed build wrote output");
    assert!(
        !site.path(LEDGER).exists(),
        "a failed build wrote the ledger"
    );
}

#[test]
fn the_first_build_writes_the_ledger_of_its_pages_and_later_builds_add_to_it() {
    let site = Site::fixture("basic");
    site.write(
        "content/notes/_index.md",
        "+++\ntitle = \"Notes\"\n+++\nA section.\n",
    );
    site.build_ok(&[]);
    let text = ledger(&site);
    assert!(text.starts_with("# "), "a header saying what it is\n{text}");
    assert!(
        text.contains("delete its line"),
        "how to retire a URL\n{text}"
    );
    let first = entries(&site);
    assert!(first.contains(&"/articles/siege/  content/articles/siege.md".to_string()));
    assert!(first.contains(&"/glossary/majlis/  content/glossary/majlis.md".to_string()));
    assert!(first.contains(&"/notes/  content/notes/_index.md".to_string()));
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(first, sorted, "sorted by URL");
    // Drafts never; the build's own pages and lists neither.
    assert!(!text.contains("draft-notes"), "{text}");
    for absent in ["/tags/", "/series/", "/glossary/  ", "/  ", "/credits/"] {
        assert!(
            !first.iter().any(|l| l.starts_with(absent)),
            "{absent}\n{text}"
        );
    }
    let before = fs::metadata(site.path(LEDGER)).unwrap().modified().unwrap();
    site.build_ok(&["--drafts"]);
    assert_eq!(ledger(&site), text, "drafts stay out with --drafts");
    assert_eq!(
        fs::metadata(site.path(LEDGER)).unwrap().modified().unwrap(),
        before,
        "a ledger with nothing new is not written again"
    );
    site.write(
        "content/articles/new.md",
        "+++\ntitle = \"New\"\n+++\nText.\n",
    );
    site.build_ok(&[]);
    let now = entries(&site);
    assert_eq!(now.len(), first.len() + 1);
    assert!(now.contains(&"/articles/new/  content/articles/new.md".to_string()));
}

#[test]
fn a_url_no_longer_published_fails_the_build_with_the_page_that_replaced_it() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let text = ledger(&site);
    let siege_line = 1 + text
        .lines()
        .position(|l| l.starts_with("/articles/siege/"))
        .unwrap();
    let aftermath_line = 1 + text
        .lines()
        .position(|l| l.starts_with("/articles/aftermath/"))
        .unwrap();
    let old_site = common::snapshot(&site.public());

    // The same file, moved; and another retitled and renamed.
    move_file(
        &site,
        "content/articles/siege.md",
        "content/history/siege.md",
    );
    let aftermath = fs::read_to_string(site.path("content/articles/aftermath.md")).unwrap();
    site.remove("content/articles/aftermath.md");
    site.write(
        "content/articles/after-math.md",
        aftermath.replace("siege.md", "../history/siege.md"),
    );
    site.write(
        "content/_index.md",
        fs::read_to_string(site.path("content/_index.md"))
            .unwrap()
            .replace("articles/siege.md", "history/siege.md"),
    );
    for run in [site.build(&[]), site.check(&["-v"])] {
        run.assert_no_panic();
        assert_eq!(run.status.code(), Some(1), "{run}");
        let out = format!("{}{}", run.stdout, run.stderr);
        let siege = format!("{LEDGER}:{siege_line}:1: error: /articles/siege/ was published");
        assert!(out.contains(&siege), "{out}");
        assert!(
            out.contains(
                r#"add `aliases = ["/articles/siege/"]` to content/history/siege.md ("The Siege of Tabriz", the same file, moved)"#
            ),
            "{out}"
        );
        let after =
            format!("{LEDGER}:{aftermath_line}:1: error: /articles/aftermath/ was published");
        assert!(out.contains(&after), "{out}");
        assert!(
            out.contains(
                r#"add `aliases = ["/articles/aftermath/"]` to content/articles/after-math.md"#
            ),
            "{out}"
        );
        assert!(
            out.contains(&format!("delete line {siege_line} of {LEDGER}")),
            "{out}"
        );
    }
    assert_eq!(
        ledger(&site),
        text,
        "a failed build leaves the ledger as it was"
    );
    assert_eq!(
        common::snapshot(&site.public()),
        old_site,
        "and the last good site"
    );

    // An alias covering each passes, and the ledger keeps the old URLs.
    add_front(
        &site,
        "content/history/siege.md",
        r#"aliases = ["/articles/siege/"]"#,
    );
    add_front(
        &site,
        "content/articles/after-math.md",
        r#"aliases = ["/articles/aftermath/"]"#,
    );
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://example.org/history/siege/"
    );
    let now = entries(&site);
    for kept in [
        "/articles/siege/  content/articles/siege.md",
        "/articles/aftermath/  content/articles/aftermath.md",
        "/history/siege/  content/history/siege.md",
        "/articles/after-math/  content/articles/after-math.md",
    ] {
        assert!(now.contains(&kept.to_string()), "{kept}\n{now:?}");
    }

    // The alias is itself a promise: dropping it fails again.
    site.write(
        "content/articles/after-math.md",
        fs::read_to_string(site.path("content/articles/after-math.md"))
            .unwrap()
            .replace("aliases = [\"/articles/aftermath/\"]\n", ""),
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("/articles/aftermath/ was published");

    // Retired on purpose: its line deleted, the build passes and keeps it out.
    let retired: String = (ledger(&site).lines())
        .filter(|l| !l.starts_with("/articles/aftermath/"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(site.path(LEDGER), &retired).unwrap();
    site.build_ok(&[]);
    assert_eq!(ledger(&site), retired);
    assert!(!site.public().join("articles/aftermath").exists());
}

#[test]
fn a_page_turned_draft_stops_its_url_and_fails_the_build() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    add_front(&site, "content/articles/aftermath.md", "draft = true");
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("/articles/aftermath/ was published");
    site.build_ok(&["--drafts"]);
}

#[test]
fn check_and_serve_read_the_ledger_and_never_write_it() {
    let site = Site::fixture("basic");
    site.check(&[]).assert_no_panic();
    assert!(!site.path(LEDGER).exists(), "check wrote the ledger");
    site.build_ok(&[]);
    let text = ledger(&site);
    site.write(
        "content/articles/new.md",
        "+++\ntitle = \"New\"\n+++\nText.\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.status.code(), Some(0), "{run}");
    assert_eq!(ledger(&site), text, "check wrote the ledger");
}

#[test]
fn a_malformed_ledger_is_an_error_at_its_line_and_never_written_over() {
    let site = Site::fixture("basic");
    let text = "# mine\n/articles/siege/  content/articles/siege.md\narticles/aftermath/\n";
    site.write(LEDGER, text);
    let run = site.build(&[]);
    run.assert_failed();
    assert!(error_at(&run, &format!("{LEDGER}:3:1")).contains("`articles/aftermath/`"));
    assert_eq!(ledger(&site), text);
    site.write(LEDGER, b"/articles/siege/\n\xff\n");
    let run = site.build(&[]);
    run.assert_failed();
    assert!(error_at(&run, &format!("{LEDGER}:2:1")).contains("UTF-8"));
}

#[test]
fn a_ledger_that_cannot_be_written_leaves_it_and_the_site_as_they_were() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let text = ledger(&site);
    let old_site = common::snapshot(&site.public());
    site.write(
        "content/articles/new.md",
        "+++\ntitle = \"New\"\n+++\nText.\n",
    );
    for how in ["fail", "kill"] {
        let run: Run = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(["build", "--root"])
            .arg(site.root())
            .env("FAILPOINTS", format!("ledger:write=return({how})"))
            .output()
            .unwrap()
            .into();
        assert!(!run.status.success(), "{run}");
        run.assert_no_panic();
        assert_eq!(ledger(&site), text, "{how}");
        assert_eq!(common::snapshot(&site.public()), old_site, "{how}");
    }
    site.build_ok(&[]);
    assert!(ledger(&site).contains("/articles/new/"));
    let names: Vec<String> = (fs::read_dir(site.root()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "what the killed write left is gone: {names:?}"
    );
}

#[test]
fn a_site_with_no_base_url_sends_readers_along_its_paths() {
    let site = Site::fixture("minimal");
    add_front(&site, "content/hello.md", r#"aliases = ["/hi/"]"#);
    site.build_ok(&[]);
    let page = Page::parse(site.read("hi/index.html"));
    assert_eq!(page.text("head title"), "Hello");
    assert_eq!(page.attr("link[rel=canonical]", "href"), "/hello/");
    assert_eq!(page.attr("body a", "href"), "/hello/");
}

/// A ledger written by hand or moved between systems: URLs without their
/// last slash, as `index.html`, percent-encoded or indented, and Windows
/// line endings, all name the pages they mean.
#[test]
fn a_ledger_written_by_hand_names_pages_as_links_do() {
    let site = Site::fixture("basic");
    site.write(
        LEDGER,
        "# mine\r\n/articles/siege  content/articles/siege.md\r\n  /articles/aftermath/index.html\r\n\
         /glossary/maj%6Cis/  content/glossary/majlis.md\r\n",
    );
    site.build_ok(&[]);
    let text = ledger(&site);
    assert!(
        text.contains("\n/articles/siege/  content/articles/siege.md\n"),
        "{text}"
    );
    assert!(
        !text.contains("/articles/siege  "),
        "one entry a page\n{text}"
    );
    assert!(
        text.contains("\n# mine\n"),
        "a comment of the site's own is kept\n{text}"
    );
    // Written once, as gloss writes it; then left alone, even with
    // Windows line endings.
    site.write(LEDGER, text.replace('\n', "\r\n"));
    let before = fs::metadata(site.path(LEDGER)).unwrap().modified().unwrap();
    site.build_ok(&[]);
    assert_eq!(
        fs::metadata(site.path(LEDGER)).unwrap().modified().unwrap(),
        before,
        "the same lines, whatever ends them, are not written again"
    );
}

/// A term already has `aliases` for its spellings: a missing URL's help
/// adds to them rather than writing the key twice.
#[test]
fn the_help_for_a_term_with_spellings_adds_to_its_aliases() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let majlis = fs::read_to_string(site.path("content/glossary/majlis.md")).unwrap();
    assert!(
        majlis.contains("aliases = ["),
        "the fixture's term has spellings"
    );
    move_file(
        &site,
        "content/glossary/majlis.md",
        "content/glossary/parliament.md",
    );
    let run = site.build(&[]);
    run.assert_failed();
    let out = run.to_string();
    assert!(
        out.contains(
            "add \"/glossary/majlis/\" to the `aliases` of content/glossary/parliament.md"
        ),
        "{out}"
    );
}
