//! The repository's own demo site (the repository root is the site) builds,
//! every internal link in it resolves, and its HTML passes the Nu Html
//! Checker, as built and with `--minify`. The `basic` fixture, which uses
//! every Markdown feature, the `places` fixture, with its map, and the site
//! `gloss init` writes are checked alongside it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Site, files_below, gloss, read_text};
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Builds the demo site into a temporary folder, with links rooted at `/` so
/// that a link's path is its file's path under the output.
fn build_demo(args: &[&str]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let output = tmp.path().join("demo");
    let mut all = vec![
        "build",
        "--root",
        ROOT,
        "--output",
        output.to_str().unwrap(),
        "--base-url",
        "/",
    ];
    all.extend(args);
    gloss(&all).assert_ok();
    (tmp, output)
}

#[test]
fn demo_site_builds_and_every_internal_link_resolves() {
    let (_tmp, output) = build_demo(&[]);
    let files = files_below(&output);
    for expected in [
        "index.html",
        "glossary/index.html",
        "glossary/majlis/index.html",
        "glossary/minor-tyranny/index.html",
        "glossary/persian-cossack-brigade/index.html",
        "timeline/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "{expected} missing: {files:#?}"
        );
    }
    assert!(
        files.iter().any(|f| f.starts_with("articles/")),
        "{files:#?}"
    );
    let broken = broken_links(&output);
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

#[test]
fn minified_demo_site_links_all_resolve() {
    let (_tmp, output) = build_demo(&["--minify"]);
    let broken = broken_links(&output);
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
    // The pages were minified (so their links were read from minified HTML).
    let home = read_text(&output.join("index.html"));
    assert!(
        home.starts_with("<!doctype html><html dir=ltr lang=en>"),
        "{home}"
    );
}

#[test]
fn fixture_site_links_all_resolve() {
    let site = Site::fixture("basic");
    site.build_ok(&["--drafts"]);
    let broken = broken_links(&site.public());
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

/// A site written by `gloss init`, built.
fn build_init_site() -> Site {
    let site = Site::empty();
    gloss(&["init", site.root().to_str().unwrap()]).assert_ok();
    site.build_ok(&["--base-url", "/"]);
    site
}

#[test]
fn init_site_links_all_resolve() {
    let site = build_init_site();
    let broken = broken_links(&site.public());
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

#[test]
fn demo_and_fixture_pages_are_valid_html() {
    let jar = Path::new(ROOT).join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java").arg("-version").output();
    // With Java to run it, the test installs the checker itself.
    let missing = match java {
        Ok(o) if o.status.success() => common::npm::packages().err(),
        _ => Some("`java` (Debian package `default-jre-headless`)".to_string()),
    };
    if let Some(missing) = missing {
        let why = format!("the Nu Html Checker needs {missing}");
        if std::env::var_os("CI").is_some() {
            panic!("{why}: .ci/run must install it");
        }
        eprintln!("NOTICE: skipping the HTML validity check: {why}");
        return;
    }
    let (_tmp, demo) = build_demo(&[]);
    let (_tmp_minified, minified) = build_demo(&["--minify"]);
    let fixture = Site::fixture("basic");
    fixture.build_ok(&["--drafts"]);
    let fixture_minified = Site::fixture("basic");
    fixture_minified.build_ok(&["--drafts", "--minify"]);
    let init = build_init_site();
    let places = Site::fixture("places");
    places.build_ok(&[]);
    let versions = versions_site();
    let result = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&demo)
        .arg(&minified)
        .arg(fixture.public())
        .arg(fixture_minified.public())
        .arg(init.public())
        .arg(places.public())
        .arg(versions.public())
        .output()
        .expect("run the Nu Html Checker");
    assert!(
        result.status.success(),
        "the Nu Html Checker found errors:\n{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// A site whose article names its authors, translator and editor, and was
/// updated and corrected.
fn versions_site() -> Site {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\ndate = 2025-03-01\nupdated = 2025-05-03\n\
         authors = [{ name = \"Ann Ash\" }, { name = \"Bo Birch\" }, \
         { name = \"Cy Cedar\", role = \"translator\" }, { name = \"Di Dale\", role = \"editor\" }]\n\n\
         [[corrections]]\ndate = 2025-04-02\ntext = \"A *word* made plain, and [a link](#top).\"\n+++\nText.\n",
    );
    site.build_ok(&[]);
    site
}

/// The site's broken links; these sites are built with links under `/`.
fn broken_links(output: &Path) -> Vec<String> {
    common::links::broken_links(output, "/")
}
