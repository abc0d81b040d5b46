//! `gloss serve` while files change under it in the ways editors and people
//! change them: deleted or renamed during a rebuild, saved atomically
//! (written to a temporary file, then renamed over the page), saved fifty
//! times in a second. However the events interleave, the server ends up
//! serving one site: the one a clean build of the final sources makes, with
//! no page made of an editor's temporary file.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::serve::Served;
use common::{Site, files_below, gloss, read_text};

/// A site with enough articles that a rebuild takes a moment, so edits can
/// land while one runs.
fn busy_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Served\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"An assembly.\"\n+++\nAn assembly.\n",
    );
    for i in 0..60 {
        site.write(&format!("content/articles/a{i:03}.md"), article(i, "first"));
    }
    site
}

fn article(i: usize, version: &str) -> String {
    let text = "The majlis met and argued over the budget for a long while. ".repeat(20);
    format!("+++\ntitle = \"Article {i} {version}\"\n+++\n{version}\n\n{text}\n")
}

/// The served page at `path` without the live-reload script it carries.
fn served_page(server: &Served, path: &str) -> Option<String> {
    let response = server.get(path);
    if response.status != 200 {
        return None;
    }
    let body = response.body;
    Some(match (body.rfind("<script>"), body.rfind("</body>")) {
        (Some(script), Some(end)) if script < end => format!("{}{}", &body[..script], &body[end..]),
        _ => body,
    })
}

/// Waits until the server serves exactly what a clean build of the site's
/// sources as they are now makes: every page and the sitemap (which lists
/// every page, so an extra one shows there too).
fn assert_serves_a_clean_build(site: &Site, server: &Served) {
    let clean = site.tmp().join("clean");
    let _ = fs::remove_dir_all(&clean);
    let run = gloss(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--base-url",
        &server.url,
        "--output",
        clean.to_str().unwrap(),
    ]);
    run.assert_ok();
    let pages: Vec<String> = files_below(&clean)
        .into_iter()
        .filter(|f| f.ends_with(".html") || f == "sitemap.xml")
        .collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let differs = pages.iter().find(|rel| {
            let url = format!("/{}", rel.trim_end_matches("index.html"));
            served_page(server, &url) != Some(read_text(&clean.join(rel)))
        });
        let Some(rel) = differs else { return };
        assert!(
            Instant::now() < deadline,
            "the server still serves {rel} unlike a clean build"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn rename(site: &Site, from: &str, to: &str) {
    fs::rename(site.path(from), site.path(to)).unwrap();
}

#[test]
fn files_deleted_and_renamed_during_a_rebuild_end_in_one_site() {
    let site = busy_site();
    let server = Served::start(&site, &[]);
    for (round, pause) in [0u64, 5, 20, 60].into_iter().enumerate() {
        // An edit starts a rebuild; the deletion and the rename land while
        // it reads or renders the site.
        site.write("content/articles/a000.md", article(0, &format!("r{round}")));
        std::thread::sleep(Duration::from_millis(30 + pause));
        site.remove(&format!("content/articles/a{:03}.md", 40 + round));
        std::thread::sleep(Duration::from_millis(pause));
        rename(
            &site,
            &format!("content/articles/a{:03}.md", 20 + round),
            &format!("content/articles/renamed{round}.md"),
        );
    }
    assert_serves_a_clean_build(&site, &server);
    assert_eq!(server.get("/articles/a040/").status, 404);
    assert_eq!(server.get("/articles/a020/").status, 404);
    assert_eq!(server.get("/articles/renamed3/").status, 200);
}

#[test]
fn an_editors_atomic_save_ends_in_the_saved_page() {
    let site = busy_site();
    let server = Served::start(&site, &[]);
    // As many editors save: the new text into a temporary file beside the
    // page, then renamed over it.
    for (round, temporary) in ["a001.md.tmp", ".a001.md.swp", "a001.md~", "4913"]
        .into_iter()
        .enumerate()
    {
        let temporary = format!("content/articles/{temporary}");
        site.write(&temporary, article(1, &format!("saved {round}")));
        rename(&site, &temporary, "content/articles/a001.md");
    }
    // Leftovers some editors keep beside the page are never pages.
    site.write("content/articles/.a002.md.swp", "binary swap \u{0}");
    site.write("content/articles/a002.md~", article(2, "backup"));
    assert_serves_a_clean_build(&site, &server);
    let page = served_page(&server, "/articles/a001/").unwrap();
    assert!(page.contains("saved 3"), "the last save is served");
    for temporary in [
        "a001.md.tmp/",
        "a001.md/",
        "a002.md~/",
        ".a002.md.swp/",
        "4913/",
    ] {
        assert_eq!(server.get(&format!("/articles/{temporary}")).status, 404);
    }
}

#[test]
fn fifty_saves_in_one_second_end_in_the_last_one() {
    let site = busy_site();
    let server = Served::start(&site, &[]);
    for save in 0..50 {
        site.write(
            "content/articles/a003.md",
            article(3, &format!("save {save}")),
        );
        // And a second file, every other save.
        if save % 2 == 1 {
            site.write(
                "content/articles/a004.md",
                article(4, &format!("save {save}")),
            );
        }
        // About a second in all; slower on a busy machine, which proves no less.
        std::thread::sleep(Duration::from_millis(18));
    }
    assert_serves_a_clean_build(&site, &server);
    let page = served_page(&server, "/articles/a003/").unwrap();
    assert!(page.contains("save 49"), "the last save is served");
    let other = served_page(&server, "/articles/a004/").unwrap();
    assert!(other.contains("save 49"), "the last save is served");
}

#[test]
fn a_page_nested_too_deeply_is_an_error_shown_while_the_last_site_stays_up() {
    let site = busy_site();
    let server = Served::start(&site, &[]);
    let before = served_page(&server, "/articles/a005/").unwrap();
    site.write(
        "content/articles/a005.md",
        format!("+++\ntitle = \"Deep\"\n+++\n{}x\n", "> ".repeat(10_000)),
    );
    server.wait_for_output("nested more than 100 levels deep");
    server.wait_for_output("still serving the last good site");
    assert_eq!(served_page(&server, "/articles/a005/").unwrap(), before);
    site.write("content/articles/a005.md", article(5, "fixed"));
    assert_serves_a_clean_build(&site, &server);
}
