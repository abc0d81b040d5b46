//! Integration tests of `gloss init` and `gloss new`: what they write, that it
//! builds at once, and that they never write over an existing site or file.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, Site, files_below, gloss, read_text, snapshot, term_links, text};

/// Runs `gloss <args> --root <site>`.
fn in_site(site: &Site, args: &[&str]) -> Run {
    let root = site.root();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", root.to_str().unwrap()]);
    gloss(&all)
}

/// A site started with `gloss init` in the (empty) site folder.
fn initialised() -> Site {
    let site = Site::empty();
    gloss(&["init", site.root().to_str().unwrap()]).assert_ok();
    site
}

/// The front matter of a written file, parsed as TOML.
fn front_matter(path: &Path) -> toml::Table {
    let text = read_text(path);
    let toml = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .unwrap_or_else(|| panic!("no front matter in\n{text}"))
        .0;
    toml.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn assert_no_warnings(run: &Run) {
    assert!(
        !run.stderr.contains("warning"),
        "the build should print no warning\n{run}"
    );
}

// ---------------------------------------------------------------- init

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let site = Site::empty();
    let dir = site.tmp().join("new site");
    let run = gloss(&["init", dir.to_str().unwrap()]);
    run.assert_ok();
    assert!(run.stderr.is_empty(), "{run}");
    for line in [
        "site.toml",
        "content/articles/a-day-at-the-hand-press.md",
        "content/glossary/broadside.md",
        "content/glossary/composing-stick.md",
        &format!("gloss build --root '{}'", dir.display()),
        &format!("gloss serve --root '{}'", dir.display()),
    ] {
        assert!(
            run.stdout.contains(line),
            "stdout should name {line}\n{run}"
        );
    }

    let build = gloss(&["build", "--root", dir.to_str().unwrap()]);
    build.assert_ok();
    assert_no_warnings(&build);
    assert!(build.stdout.contains("(1 article, 2 terms)"), "{build}");
    let public = dir.join("public");
    let files = files_below(&public);
    for page in [
        "index.html",
        "articles/a-day-at-the-hand-press/index.html",
        "glossary/index.html",
        "glossary/broadside/index.html",
        "glossary/composing-stick/index.html",
    ] {
        assert!(
            files.contains(&page.to_string()),
            "{page} missing: {files:#?}"
        );
    }

    let article = common::Page::parse(read_text(
        &public.join("articles/a-day-at-the-hand-press/index.html"),
    ));
    let links = term_links(article.one(".body"));
    let pair = |term: &str, text: &str| (term.to_string(), text.to_string());
    // An automatic mention, then the wiki link with its own label.
    assert!(
        links.contains(&pair("composing-stick", "composing stick")),
        "{links:?}"
    );
    assert!(
        links.contains(&pair("broadside", "single printed sheet")),
        "{links:?}"
    );
    assert_eq!(article.count(".body .footnote-definition"), 1);
    assert!(
        article.attrs(".body a", "href").contains(&"/".to_string()),
        "the .md link to the home page should be rewritten"
    );
    let paragraph = text(article.containing(".body p", "hand-press era"));
    assert!(
        !paragraph.contains("[["),
        "an unresolved wiki link: {paragraph}"
    );
}

#[test]
fn init_prints_nothing_when_quiet() {
    let site = Site::empty();
    let run = gloss(&["init", "-q", site.root().to_str().unwrap()]);
    run.assert_ok();
    assert_eq!(run.stdout, "", "{run}");
    assert!(site.path("site.toml").is_file());
}

#[test]
fn init_fills_an_existing_folder_with_an_empty_content_folder() {
    let site = Site::empty();
    site.write("README.md", "mine");
    fs::create_dir(site.path("content")).unwrap();
    gloss(&["init", site.root().to_str().unwrap()]).assert_ok();
    assert_eq!(read_text(&site.path("README.md")), "mine");
    site.build_ok(&[]);
}

#[test]
fn init_refuses_a_folder_holding_a_site_and_writes_nothing() {
    for (existing, named, message) in [
        ("site.toml", "site.toml", "already exists; gloss init"),
        (
            "content/notes/page.md",
            "content",
            "is not empty; gloss init",
        ),
    ] {
        let site = Site::empty();
        site.write(existing, "title = \"Mine\"\n");
        let before = snapshot(&site.root());
        let run = gloss(&["init", site.root().to_str().unwrap()]);
        run.assert_failed();
        assert_eq!(run.stdout, "", "{run}");
        run.assert_stderr_has(&format!("{}: error: {message}", site.path(named).display()));
        assert_eq!(
            snapshot(&site.root()),
            before,
            "init wrote beside {existing}"
        );
        assert!(!site.path("content/articles").exists());
    }
}

#[test]
fn init_makes_a_site_ready_to_publish() {
    let site = initialised();
    let ignore = read_text(&site.path(".gitignore"));
    let ignored: Vec<&str> = ignore.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(ignored, ["/public/", "/.gloss/"]);
    let readme = read_text(&site.path("README.md"));
    for needle in [
        "gloss serve",
        "gloss build",
        "## Publishing",
        "GitHub Actions",
    ] {
        assert!(readme.contains(needle), "{needle} in\n{readme}");
    }
    let workflow = read_text(&site.path(".github/workflows/pages.yml"));
    let version = env!("CARGO_PKG_VERSION");
    assert!(workflow.contains(&format!("GLOSS_VERSION: \"{version}\"")));
    assert!(
        !workflow.contains("cargo"),
        "the site's workflow never compiles gloss"
    );
    let config = read_text(&site.path("site.toml"));
    let minor = version.rsplit_once('.').unwrap().0;
    assert!(
        config.contains(&format!("gloss = \">={minor}\"")),
        "{config}"
    );
    // The site builds, and its built output would stay out of git.
    site.build_ok(&[]);
    assert!(site.path("public/index.html").is_file());
}

#[test]
fn init_writes_each_hosts_settings_and_no_other() {
    let all = [
        ".github/workflows/pages.yml",
        ".gitlab-ci.yml",
        "netlify.toml",
        "publish.sh",
    ];
    for (host, expected) in [
        ("github", &all[..1]),
        ("gitlab", &all[1..2]),
        ("netlify", &all[2..4]),
        ("cloudflare", &all[3..4]),
        ("none", &all[..0]),
    ] {
        let site = Site::empty();
        let root = site.root();
        let run = gloss(&["init", "--host", host, root.to_str().unwrap()]);
        run.assert_ok();
        for file in all {
            assert_eq!(
                site.path(file).is_file(),
                expected.contains(&file),
                "--host {host}: {file}"
            );
            assert_eq!(
                run.stdout.contains(&format!("  {file}\n")),
                expected.contains(&file),
                "--host {host} names what it wrote\n{run}"
            );
        }
        assert!(run.stdout.contains("to publish:"), "{run}");
        site.build_ok(&[]);
    }
}

#[test]
fn init_with_an_unknown_host_names_the_known_ones() {
    let site = Site::empty();
    let run = gloss(&["init", "--host", "geocities", site.root().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2), "{run}");
    for host in ["github", "gitlab", "netlify", "cloudflare", "none"] {
        run.assert_stderr_has(host);
    }
    assert!(files_below(&site.root()).is_empty(), "nothing written");
}

#[test]
fn init_keeps_a_readme_and_extends_a_gitignore_a_forge_made() {
    let site = Site::empty();
    site.write("README.md", "# Tabriz 1909\n");
    site.write(".gitignore", "/target\n/public/");
    let run = gloss(&["init", site.root().to_str().unwrap()]);
    run.assert_ok();
    assert!(
        run.stdout.contains("README.md (yours, kept as it was)"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains(".gitignore (yours, with gloss's lines added)"),
        "{run}"
    );
    assert_eq!(read_text(&site.path("README.md")), "# Tabriz 1909\n");
    let ignore = read_text(&site.path(".gitignore"));
    let lines: Vec<&str> = ignore.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines, ["/target", "/public/", "/.gloss/"], "{ignore}");

    // A .gitignore that has every line already is left as it was.
    let site = Site::empty();
    site.write(".gitignore", "/public/\n/.gloss/\n");
    let run = gloss(&["init", site.root().to_str().unwrap()]);
    run.assert_ok();
    assert_eq!(read_text(&site.path(".gitignore")), "/public/\n/.gloss/\n");
}

#[test]
fn init_refuses_to_replace_a_hosts_settings_and_writes_nothing() {
    let site = Site::empty();
    site.write(".gitignore", "/target\n");
    site.write(".github/workflows/pages.yml", "name: mine\n");
    let before = snapshot(&site.root());
    let run = gloss(&["init", site.root().to_str().unwrap()]);
    run.assert_failed();
    run.assert_stderr_has(&format!(
        "{}: error: already exists; gloss never writes over a file",
        site.path(".github/workflows/pages.yml").display()
    ));
    assert_eq!(snapshot(&site.root()), before, "nothing written or left");
}

// ---------------------------------------------------------------- versions

#[test]
fn a_site_asking_for_another_gloss_is_refused_naming_both_versions() {
    let version = env!("CARGO_PKG_VERSION");
    let site = initialised();
    let config = read_text(&site.path("site.toml"));
    let line = config
        .lines()
        .position(|l| l.starts_with("gloss = "))
        .unwrap()
        + 1;
    // A site made for a later gloss may use settings this one does not know:
    // the version is what gets reported.
    let newer = config.replace(
        &format!("gloss = \">={}\"", version.rsplit_once('.').unwrap().0),
        "gloss = \">=99.1\"\nsomething_new = true",
    );
    site.write("site.toml", &newer);
    for command in ["build", "check"] {
        let run = in_site(&site, &[command]);
        assert_eq!(run.status.code(), Some(1), "{run}");
        let said = format!("{}{}", run.stdout, run.stderr);
        let expected = format!(
            "site.toml:{line}:9: error: this site needs gloss >=99.1, but this is gloss {version}"
        );
        assert!(said.contains(&expected), "{command}: {expected}\n{run}");
        assert!(!said.contains("something_new"), "{run}");
    }
    assert!(!site.path("public").exists());

    site.write("site.toml", newer.replace(">=99.1", "0.x.banana"));
    let run = in_site(&site, &["build"]);
    run.assert_failed();
    run.assert_stderr_has(&format!(
        "site.toml:{line}:9: error: `0.x.banana` is not a version requirement"
    ));

    // Not a string: the strict reading reports it at its place.
    site.write("site.toml", "gloss = 2\n");
    let run = in_site(&site, &["build"]);
    run.assert_failed();
    run.assert_stderr_has("site.toml:1:9: error:");
}

// ---------------------------------------------------------------- new

#[test]
fn new_article_writes_a_draft_skeleton_that_builds() {
    let site = initialised();
    let run = in_site(&site, &["new", "article", "Mozaffar ad-Dīn Shāh"]);
    run.assert_ok();
    let path = site.path("content/articles/mozaffar-ad-din-shah.md");
    assert_eq!(run.stdout.trim(), format!("created {}", path.display()));

    let meta = front_matter(&path);
    assert_eq!(meta["title"].as_str(), Some("Mozaffar ad-Dīn Shāh"));
    assert_eq!(meta["summary"].as_str(), Some(""));
    assert_eq!(meta["draft"].as_bool(), Some(true));
    // Today in UTC (or yesterday, had midnight passed since it was written).
    let written = meta["date"].as_datetime().expect("a TOML date").to_string();
    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let yesterday = today.yesterday().unwrap();
    assert!(
        [today.to_string(), yesterday.to_string()].contains(&written),
        "dated {written}, today is {today}"
    );
    assert!(read_text(&path).contains("# [photo]"));

    // A draft: left out of a plain build, built with --drafts.
    let build = site.build_ok(&[]);
    assert_no_warnings(&build);
    assert!(!site.public().join("articles/mozaffar-ad-din-shah").exists());
    let build = site.build_ok(&["--drafts"]);
    assert_no_warnings(&build);
    let page = site.page("articles/mozaffar-ad-din-shah/index.html");
    assert_eq!(page.text("h1"), "Mozaffar ad-Dīn Shāh");
}

#[test]
fn new_term_writes_a_skeleton_that_builds() {
    let site = initialised();
    let run = in_site(&site, &["new", "term", "Minor Tyranny"]);
    run.assert_ok();
    let path = site.path("content/glossary/minor-tyranny.md");
    assert!(run.stdout.contains(&path.display().to_string()), "{run}");

    let meta = front_matter(&path);
    assert_eq!(meta["title"].as_str(), Some("Minor Tyranny"));
    assert_eq!(meta["aliases"].as_array().map(Vec::len), Some(0));
    assert!(read_text(&path).contains("# native = "));

    let build = site.build_ok(&[]);
    assert_no_warnings(&build);
    assert!(build.stdout.contains("3 terms"), "{build}");
    assert_eq!(
        site.page("glossary/minor-tyranny/index.html").text("h1"),
        "Minor Tyranny"
    );
}

#[test]
fn new_creates_the_folders_it_needs() {
    let site = Site::empty();
    site.write("site.toml", "title = \"Empty\"\n");
    in_site(&site, &["new", "term", "Majlis"]).assert_ok();
    in_site(&site, &["new", "article", "First"]).assert_ok();
    assert!(site.path("content/glossary/majlis.md").is_file());
    assert!(site.path("content/articles/first.md").is_file());
}

#[test]
fn new_refuses_to_overwrite_a_file() {
    let site = initialised();
    for (kind, title, rel) in [
        (
            "article",
            "A day at the hand press",
            "content/articles/a-day-at-the-hand-press.md",
        ),
        ("term", "Broadside", "content/glossary/broadside.md"),
    ] {
        let before = read_text(&site.path(rel));
        let run = in_site(&site, &["new", kind, title]);
        run.assert_failed();
        run.assert_stderr_has(&format!(
            "{}: error: already exists",
            site.path(rel).display()
        ));
        assert_eq!(read_text(&site.path(rel)), before);
    }
}

#[test]
fn new_escapes_quotes_and_backslashes_in_the_title() {
    let site = initialised();
    let title = r#"The "Black" Book \ a note"#;
    in_site(&site, &["new", "term", title]).assert_ok();
    let path = site.path("content/glossary/the-black-book-a-note.md");
    assert_eq!(front_matter(&path)["title"].as_str(), Some(title));
    site.build_ok(&[]);
    let page = site.page("glossary/the-black-book-a-note/index.html");
    assert_eq!(page.text("h1"), title);
}

#[test]
fn new_with_a_title_without_letters_is_a_usage_error() {
    let site = initialised();
    let before = snapshot(&site.root());
    let run = in_site(&site, &["new", "article", "?!"]);
    assert_eq!(run.status.code(), Some(2), "{run}");
    run.assert_stderr_has("no letters or digits");
    assert_eq!(snapshot(&site.root()), before);
}

#[test]
fn new_outside_a_site_writes_nothing() {
    let site = Site::empty();
    let run = in_site(&site, &["new", "article", "Lost"]);
    run.assert_failed();
    run.assert_stderr_has("is not a gloss site");
    assert!(files_below(&site.root()).is_empty());
}
