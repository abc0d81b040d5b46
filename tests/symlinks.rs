//! Symbolic links and paths that lead out of the site: a link in
//! `content/` or `static/` (to a file, to a folder, to nothing) is skipped
//! with a warning naming it, and no path a page gives (a photo, an image, a
//! link) reads or copies anything from outside the site, in `build`,
//! `check` or `serve`.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::serve::Served;
use common::{Site, snapshot};

const SECRET: &str = "TOP SECRET";

/// A site beside a folder `outside/` of secrets, with `links` made inside
/// the site: (path in the site, target relative to the link's folder).
fn site_with_links(links: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Linked\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\n+++\nAn honest page.\n",
    );
    site.write("static/plain.txt", "plain");
    let outside = site.tmp().join("outside");
    let secret_page = format!("+++\ntitle = \"Secret\"\n+++\n{SECRET}\n");
    common::write_file(&outside.join("secret.md"), &secret_page);
    common::write_file(&outside.join("secret.png"), SECRET);
    common::write_file(&outside.join("dir/leak.md"), &secret_page);
    common::write_file(&outside.join("dir/leak.txt"), SECRET);
    for (link, target) in links {
        let link = site.path(link);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        symlink(target, &link).unwrap();
    }
    site
}

const LINKS: &[(&str, &str)] = &[
    ("content/articles/leak.md", "../../../outside/secret.md"),
    ("content/linked", "../../outside/dir"),
    ("content/articles/dangling.md", "nowhere.md"),
    ("static/photos/linked.png", "../../../outside/secret.png"),
    ("static/linked", "../../outside/dir"),
    ("static/dangling.txt", "gone.txt"),
];

fn assert_no_secret_in(dir: &Path) {
    for (path, bytes) in snapshot(dir) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{} holds a file from outside the site",
            path.display()
        );
    }
}

#[test]
fn links_in_content_and_static_are_skipped_with_a_warning_naming_each() {
    let site = site_with_links(LINKS);
    let run = site.build_ok(&[]);
    for (link, _) in LINKS {
        let folder = link.split('/').next().unwrap();
        run.assert_stderr_has(&format!(
            "{link}: warning: symbolic links in {folder}/ are not followed"
        ));
    }
    assert_no_secret_in(&site.public());
    let files = common::files_below(&site.public());
    assert!(files.contains(&"plain.txt".to_string()), "{files:?}");
    for gone in ["leak", "linked", "dangling"] {
        assert!(!files.iter().any(|f| f.contains(gone)), "{gone}: {files:?}");
    }
}

#[test]
fn paths_in_pages_never_reach_outside_the_site() {
    let site = site_with_links(LINKS);
    site.write(
        "content/articles/b.md",
        "+++\ntitle = \"B\"\n[photo]\nsrc = \"/etc/passwd\"\nalt = \"x\"\n+++\n\
         ![p](../../../etc/passwd) ![q](/photos/linked.png) ![r](/../../outside/secret.png) \
         ![s](/linked/leak.txt) [t](../../../outside/secret.md)\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    for (line, column, what) in [
        (4, 7, "image `/etc/passwd` does not exist"),
        (7, 1, "image `../../../etc/passwd` does not exist"),
        (7, 27, "image `/photos/linked.png` does not exist"),
        (7, 52, "image `/../../outside/secret.png` does not exist"),
        (7, 84, "image `/linked/leak.txt` does not exist"),
        (
            7,
            107,
            "link to `../../../outside/secret.md` points outside content/",
        ),
    ] {
        run.assert_stderr_has(&format!(
            "content/articles/b.md:{line}:{column}: error: {what}"
        ));
    }
    assert!(!run.stderr.contains(SECRET) && !run.stderr.contains("root:x:0"));
    assert!(!site.public().exists());
    let check = site.check(&[]);
    assert_eq!(check.status.code(), Some(1), "{check}");
    assert!(!check.stdout.contains(SECRET));
}

#[test]
fn serve_never_answers_with_a_file_from_outside() {
    let site = site_with_links(LINKS);
    site.write("static/later.txt", "plain");
    let server = Served::start(&site, &[]);
    assert_eq!(server.get("/plain.txt").body, "plain");
    // A file made a link while the server runs: served from memory as it
    // was, or refused, but never read through the link.
    std::fs::remove_file(site.path("static/later.txt")).unwrap();
    symlink("../../outside/secret.png", site.path("static/later.txt")).unwrap();
    for path in [
        "/photos/linked.png",
        "/linked/leak.txt",
        "/dangling.txt",
        "/articles/leak/",
        "/linked/leak/",
        "/later.txt",
    ] {
        let response = server.get(path);
        assert!(!response.body.contains(SECRET), "{path} leaked a file");
    }
    server.wait_for_output("static/later.txt: warning: symbolic links in static/");
    let response = server.get("/later.txt");
    assert_eq!(response.status, 404, "{}", response.body);
}
