//! Publishing: stylesheets and scripts under fingerprinted names, the
//! `asset()` template function, `--minify`, `robots.txt`, and builds that
//! are byte for byte the same every time.
//!
//! The `assets` fixture is served under `/history/`; its footer links a
//! stylesheet, a print stylesheet that `@import`s it, a script and an image,
//! all through `asset()`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Page, Site, files_below, gloss, read_text, snapshot};
use sha2::{Digest, Sha256};

/// The stylesheets and scripts of the `assets` fixture, as published
/// (the built-in stylesheet first).
const ASSETS: &[&str] = &["gloss.css", "css/site.css", "css/print.css", "js/menu.js"];

/// The first ten hex digits of the SHA-256 of `bytes`.
fn fingerprint(bytes: &[u8]) -> String {
    let hex: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex[..10].to_string()
}

/// The fingerprinted sibling of `path` (`css/site.css` ->
/// `css/site.0123456789.css`) among `files`, asserting there is exactly one.
fn fingerprinted(files: &[String], path: &str) -> String {
    let (stem, ext) = path.rsplit_once('.').unwrap();
    let found: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.strip_prefix(stem)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_suffix(ext))
                .and_then(|rest| rest.strip_suffix('.'))
                .is_some_and(|hash| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(found.len(), 1, "one fingerprinted {path}: {files:#?}");
    found[0].clone()
}

/// Every HTML page under `dir`, by path, parsed.
fn pages(dir: &Path) -> Vec<(String, Page)> {
    files_below(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let page = Page::parse(read_text(&dir.join(&f)));
            (f, page)
        })
        .collect()
}

/// Every `href` and `src` of a page.
fn urls(page: &Page) -> Vec<String> {
    let mut urls = page.attrs("[href]", "href");
    urls.extend(page.attrs("[src]", "src"));
    urls
}

/// The text of each heading, paragraph and list item of a page's `<main>`,
/// with runs of whitespace as one space.
fn words(page: &Page) -> Vec<String> {
    page.texts("main :is(h1, h2, p, li, dt, dd, pre)")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Builds `site` into a folder of its temporary folder named `name`.
fn build_into(site: &Site, name: &str, args: &[&str]) -> PathBuf {
    let output = site.tmp().join(name);
    let mut all = vec!["--output", output.to_str().unwrap()];
    all.extend(args);
    site.build_ok(&all);
    output
}

// ------------------------------------------------------------ fingerprints

#[test]
fn stylesheets_and_scripts_are_written_under_a_hash_of_their_bytes() {
    let site = Site::fixture("assets");
    site.build_ok(&[]);
    let files = files_below(&site.public());
    for path in ASSETS {
        let hashed = fingerprinted(&files, path);
        let bytes = std::fs::read(site.public().join(&hashed)).unwrap();
        assert!(
            hashed.contains(&format!(".{}.", fingerprint(&bytes))),
            "{hashed} is named after its bytes"
        );
        // The plain name has the same bytes, for hand-written HTML.
        assert_eq!(
            bytes,
            std::fs::read(site.public().join(path)).unwrap(),
            "{path}"
        );
        if *path != "gloss.css" {
            assert_eq!(
                bytes,
                std::fs::read(site.path("static").join(path)).unwrap()
            );
        }
    }
    // Other files of static/ are copied under their own names only.
    assert!(files.contains(&"images/map.svg".to_string()));
    assert_eq!(files.iter().filter(|f| f.starts_with("images/")).count(), 1);
}

#[test]
fn every_page_links_the_fingerprinted_names_and_never_the_plain_ones() {
    let site = Site::fixture("assets");
    site.build_ok(&[]);
    let files = files_below(&site.public());
    let hashed: Vec<String> = ASSETS
        .iter()
        .map(|p| format!("/history/{}", fingerprinted(&files, p)))
        .collect();
    let plain: Vec<String> = ASSETS.iter().map(|p| format!("/history/{p}")).collect();
    let pages = pages(&site.public());
    assert_eq!(
        pages.len(),
        6,
        "home, article, glossary, term, credits, 404"
    );
    for (file, page) in &pages {
        let urls = urls(page);
        for url in &hashed {
            assert!(urls.contains(url), "{file} links {url}: {urls:#?}");
        }
        for url in &plain {
            assert!(!urls.contains(url), "{file} links the plain {url}");
        }
        assert_eq!(
            page.attr("head link[rel=stylesheet]", "href"),
            hashed[0],
            "{file}: the built-in stylesheet, in the head"
        );
    }
}

#[test]
fn the_fingerprint_changes_when_the_stylesheet_does() {
    let site = Site::fixture("assets");
    site.build_ok(&[]);
    let before = files_below(&site.public());
    site.write("static/css/site.css", ".site-footer { border: none; }\n");
    site.write("static/gloss.css", "body { font-family: serif; }\n");
    site.build_ok(&[]);
    let after = files_below(&site.public());

    for path in ["css/site.css", "gloss.css"] {
        let (old, new) = (fingerprinted(&before, path), fingerprinted(&after, path));
        assert_ne!(old, new, "{path}");
        assert!(!after.contains(&old), "the old {old} is gone");
        let page = site.page("index.html");
        assert!(urls(&page).contains(&format!("/history/{new}")), "{path}");
    }
    // static/gloss.css replaces the built-in stylesheet under both names.
    assert_eq!(site.read("gloss.css"), "body { font-family: serif; }\n");
    // The files that did not change kept their names.
    for path in ["css/print.css", "js/menu.js"] {
        assert_eq!(fingerprinted(&before, path), fingerprinted(&after, path));
    }
}

#[test]
fn a_static_file_with_a_fingerprinted_name_of_another_is_an_error() {
    let site = Site::fixture("assets");
    // As when a built site is copied into static/.
    let css = std::fs::read(site.path("static/css/site.css")).unwrap();
    let copy = format!("static/css/site.{}.css", fingerprint(&css));
    site.write(&copy, &css);
    let run = site.build(&[]);
    run.assert_failed();
    assert!(
        run.error_lines()
            .iter()
            .any(|l| l.starts_with(&format!("{copy}: error:")) && l.contains("css/site.css")),
        "{run}"
    );
}

// ------------------------------------------------------------ asset()

#[test]
fn the_asset_function_gives_each_files_url_under_the_base_path() {
    let site = Site::fixture("assets");
    site.build_ok(&[]);
    let files = files_below(&site.public());
    let footer = site.page("articles/letter/index.html");
    let footer = footer.one("footer");
    let links: Vec<&str> = footer
        .select(&common::selector("[href], [src]"))
        .map(|e| e.attr("href").or(e.attr("src")).unwrap())
        .collect();
    assert_eq!(
        links,
        [
            format!("/history/{}", fingerprinted(&files, "css/site.css")),
            // Written `/css/print.css`: a leading slash is allowed.
            format!("/history/{}", fingerprinted(&files, "css/print.css")),
            // Not a stylesheet or script: its own name.
            "/history/images/map.svg".to_string(),
            format!("/history/{}", fingerprinted(&files, "js/menu.js")),
        ]
    );

    // A site-wide --base-url moves them all.
    site.build_ok(&["--base-url", "https://preview.example/"]);
    let page = site.page("index.html");
    assert!(urls(&page).contains(&"/images/map.svg".to_string()));
}

#[test]
fn an_unknown_asset_is_a_template_error_naming_it() {
    let site = Site::fixture("assets");
    site.write(
        "templates/partials/footer.html",
        "<p>{{ site.title }}</p>\n<script src=\"{{ asset(path=\"js/mneu.js\") }}\"></script>\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    let errors = run.error_lines();
    assert!(
        errors.iter().any(|l| l.starts_with("templates/partials/footer.html:2:")
            && l.contains("js/mneu.js")),
        "{run}"
    );
    assert!(!site.public().exists(), "nothing was written");
}

// ------------------------------------------------------------ --minify

#[test]
fn minify_shrinks_pages_stylesheets_and_scripts_and_keeps_every_link() {
    let site = Site::fixture("assets");
    let plain = build_into(&site, "plain", &[]);
    let small = build_into(&site, "small", &["--minify"]);
    let (plain_files, small_files) = (files_below(&plain), files_below(&small));

    for (file, _) in pages(&plain) {
        let (before, after) = (read_text(&plain.join(&file)), read_text(&small.join(&file)));
        assert!(after.len() < before.len(), "{file} shrank");
        // The same text and links, less the fingerprints that changed.
        let (before, after) = (Page::parse(before), Page::parse(after));
        assert!(!words(&before).is_empty(), "{file}");
        assert_eq!(words(&before), words(&after), "{file}");
        assert_eq!(urls(&before).len(), urls(&after).len(), "{file}");
    }
    assert!(
        read_text(&small.join("articles/letter/index.html"))
            .contains("<pre><code>a line   with   spaces kept\n</code></pre>"),
        "preformatted text is kept as it is"
    );
    for path in ASSETS {
        let before = std::fs::read(plain.join(fingerprinted(&plain_files, path))).unwrap();
        let hashed = fingerprinted(&small_files, path);
        let after = std::fs::read(small.join(&hashed)).unwrap();
        assert!(after.len() < before.len(), "{path} shrank");
        // Named after the bytes as published, minified.
        assert!(
            hashed.contains(&format!(".{}.", fingerprint(&after))),
            "{hashed}"
        );
        assert_eq!(after, std::fs::read(small.join(path)).unwrap(), "{path}");
    }
    let script = read_text(&small.join("js/menu.js"));
    assert!(
        script.contains("function markScripted(") && !script.contains("Marks the page"),
        "{script}"
    );

    // Every link of every minified page leads to a file of the site.
    let broken = common::links::broken_links(&small, "/history/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn minify_in_site_toml_is_the_flag_and_the_flags_win() {
    let site = Site::fixture("assets");
    let flag = build_into(&site, "flag", &["--minify"]);
    let plain = build_into(&site, "plain", &[]);
    site.write(
        "site.toml",
        "title = \"Assets\"\nbase_url = \"https://example.org/history/\"\nminify = true\n",
    );
    let setting = build_into(&site, "setting", &[]);
    let off = build_into(&site, "off", &["--no-minify"]);
    let last = build_into(&site, "last", &["--no-minify", "--minify"]);
    assert_ne!(snapshot(&flag), snapshot(&plain));
    assert_eq!(snapshot(&setting), snapshot(&flag), "minify = true");
    assert_eq!(snapshot(&off), snapshot(&plain), "--no-minify");
    assert_eq!(snapshot(&last), snapshot(&flag), "the last flag given");
}

#[test]
fn a_stylesheet_that_cannot_be_read_is_published_as_it_is_with_a_warning() {
    let site = Site::fixture("assets");
    site.write(
        "static/css/odd.css",
        ".a { color: red }\n.b <> .c { color: blue }\n",
    );
    let run = site.build(&["--minify"]);
    run.assert_ok();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("static/css/odd.css:2:") && l.contains("warning: not minified")),
        "{run}"
    );
    assert_eq!(
        site.read("css/odd.css"),
        ".a { color: red }\n.b <> .c { color: blue }\n"
    );
}

// ------------------------------------------------------------ robots.txt

#[test]
fn robots_txt_lets_crawlers_in_and_points_at_the_sitemap() {
    let site = Site::fixture("assets");
    site.build_ok(&[]);
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/history/sitemap.xml\n"
    );
    site.build_ok(&["--base-url", "https://preview.example/"]);
    assert!(
        site.read("robots.txt")
            .ends_with("\nSitemap: https://preview.example/sitemap.xml\n")
    );
    // Without a host there is no full URL to give, so no Sitemap line.
    site.build_ok(&["--base-url", "/"]);
    assert_eq!(site.read("robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn a_robots_txt_in_static_replaces_it() {
    let site = Site::fixture("assets");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.build_ok(&[]);
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}

// ------------------------------------------------------------ reproducible

/// Builds the site at `root` twice, into two folders, and compares them
/// file by file.
fn assert_reproducible(root: &Path, args: &[&str]) {
    let tmp = tempfile::TempDir::new().unwrap();
    let trees: Vec<BTreeMap<PathBuf, Vec<u8>>> = ["one", "two"]
        .iter()
        .map(|name| {
            let output = tmp.path().join(name);
            let mut all = vec![
                "build",
                "--root",
                root.to_str().unwrap(),
                "--output",
                output.to_str().unwrap(),
            ];
            all.extend(args);
            gloss(&all).assert_ok();
            snapshot(&output)
        })
        .collect();
    assert!(trees[0].len() > 10, "{:?}", trees[0].keys());
    let names = |t: &BTreeMap<PathBuf, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&trees[0]), names(&trees[1]), "the same files");
    for (path, bytes) in &trees[0] {
        assert!(
            trees[1][path] == *bytes,
            "{} differs between two builds {args:?}",
            path.display()
        );
    }
}

#[test]
fn two_builds_of_the_same_sources_are_byte_identical() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = Site::fixture("basic");
    let assets = Site::fixture("assets");
    for args in [&[][..], &["--minify"][..]] {
        assert_reproducible(demo, args);
        assert_reproducible(&assets.root(), args);
        let with_drafts = [args, &["--drafts"]].concat();
        assert_reproducible(&fixture.root(), &with_drafts);
    }
}
