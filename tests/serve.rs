//! `gloss serve` over real HTTP: the binary is started on a free port, pages
//! are fetched with a raw HTTP/1.1 client (so request paths go out exactly as
//! written, `/../` included), files are edited, and the live-reload event
//! stream is read.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Site;
use common::serve::{Events, Served, request};

fn demo_like_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Served\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"First\"\n+++\nThe majlis met.\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"A parliament.\"\n+++\nAn assembly.\n",
    );
    site.write("static/style.css", "body { color: black; }\n");
    site.write(
        "static/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn serves_pages_files_and_the_sites_404_page() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );

    let page = server.get("/articles/a/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body.contains("href=\"/glossary/majlis/\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("/__gloss/events"),
        "live-reload script injected"
    );
    assert!(page.header("Access-Control-Allow-Origin").is_none());

    // The stylesheet pages link to, by its fingerprinted name, is served too.
    let linked = server.get(&fingerprinted(&page.body, "/gloss."));
    assert_eq!(linked.status, 200);
    assert_eq!(
        linked.header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(linked.body, server.get("/gloss.css").body);

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.body, "body { color: black; }\n");
    assert!(!css.body.contains("__gloss"), "scripts go only into pages");
    assert_eq!(
        server.get("/map.svg").header("Content-Type"),
        Some("image/svg+xml")
    );
    assert_eq!(
        server.get("/atom.xml").header("Content-Type"),
        Some("text/xml; charset=utf-8")
    );

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );

    let redirect = server.get("/articles/a");
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("Location"), Some("/articles/a/"));
}

#[test]
fn unchanged_files_answer_304() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let first = server.get("/style.css");
    let etag = first.header("ETag").expect("an ETag").to_string();
    let again = request(server.port, "/style.css", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    // Files from static/ carry their time; generated ones only an ETag,
    // since two builds in one second would share a time.
    let map = server.get("/map.svg");
    let modified = map.header("Last-Modified").expect("a time").to_string();
    let since = request(server.port, "/map.svg", &[("If-Modified-Since", &modified)]);
    assert_eq!(since.status, 304);
    assert!(server.get("/articles/a/").header("Last-Modified").is_none());
    let page = server.get("/articles/a/");
    let tag = page.header("ETag").unwrap().to_string();
    assert_eq!(
        request(server.port, "/articles/a/", &[("If-None-Match", &tag)]).status,
        304
    );
}

#[test]
fn an_edit_rebuilds_and_tells_open_pages_to_reload() {
    let site = demo_like_site();
    assert_an_edit_reloads(&site, &Served::start(&site, &[]));
}

#[test]
fn an_edit_rebuilds_when_serving_the_current_folder() {
    let site = demo_like_site();
    assert_an_edit_reloads(&site, &Served::start_in_folder(&site));
}

/// Edits an article of `site` and waits for `server` to say reload, then
/// for the page to show the edit.
fn assert_an_edit_reloads(site: &Site, server: &Served) {
    let mut events = Events::open(server.port);
    assert_eq!(events.next().0, "hello");
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"First, revised\"\n+++\nThe majlis met again.\n",
    );
    assert_eq!(events.next().0, "reload");
    let page = server.get("/articles/a/");
    assert!(page.body.contains("First, revised"), "{}", page.body);
    assert!(page.body.contains("met again"));
}

#[test]
fn a_stylesheet_edit_reloads_only_styles() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let mut events = Events::open(server.port);
    events.next();
    let before = fingerprinted(&server.get("/articles/a/").body, "/gloss.");
    site.write("static/style.css", "body { color: navy; }\n");
    let (event, data) = events.next();
    assert_eq!(event, "css");
    assert_eq!(server.get("/style.css").body, "body { color: navy; }\n");
    // The stylesheet's fingerprinted name changed with it: the event says
    // from what to what, and the new name is served.
    let renamed: Vec<(String, String)> = serde_json::from_str::<serde_json::Map<_, _>>(&data)
        .expect("a JSON object")
        .into_iter()
        .map(|(old, new)| (old, new.as_str().unwrap().to_string()))
        .collect();
    let [(old, new)] = &renamed[..] else {
        panic!("one renamed stylesheet: {data}");
    };
    assert!(
        old.starts_with("/style.") && new.starts_with("/style."),
        "{data}"
    );
    assert_ne!(old, new);
    assert_eq!(server.get(new).body, "body { color: navy; }\n");
    assert_eq!(server.get(old).status, 404);
    // gloss.css did not change, so it kept its name.
    let page = server.get("/articles/a/").body;
    assert_eq!(fingerprinted(&page, "/gloss."), before);
}

/// The first `href` or `src` in `page` starting with `prefix`.
fn fingerprinted(page: &str, prefix: &str) -> String {
    let start = page
        .find(&format!("=\"{prefix}"))
        .unwrap_or_else(|| panic!("no link to {prefix}…: {page}"));
    let rest = &page[start + 2..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_site_and_shows_the_error() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let mut events = Events::open(server.port);
    events.next();

    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"Broken\"\nsumary = \"x\"\n+++\n<script>alert(1)</script>\n",
    );
    let (event, data) = events.next();
    assert_eq!(event, "build-error");
    assert!(
        data.contains("content/articles/a.md:3:1: error: unknown field `sumary`"),
        "{data}"
    );
    server.wait_for_output("content/articles/a.md:3:1: error");
    let page = server.get("/articles/a/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("First"),
        "the last good page: {}",
        page.body
    );
    // A page opened now learns of the error at once.
    let mut late = Events::open(server.port);
    let (hello, state) = late.next();
    assert_eq!(hello, "hello");
    assert!(state.contains("unknown field"), "{state}");

    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"Fixed\"\n+++\nBack.\n",
    );
    assert_eq!(events.next().0, "reload");
    assert!(server.get("/articles/a/").body.contains("Fixed"));
    let mut fresh = Events::open(server.port);
    let (_, state) = fresh.next();
    assert!(state.contains("\"error\":null"), "{state}");
}

#[test]
fn requests_never_leave_the_site() {
    let site = demo_like_site();
    // Things beside the site that a traversal would reach.
    std::fs::write(site.tmp().join("secret.txt"), "TOP SECRET").unwrap();
    std::fs::create_dir_all(site.tmp().join("site-secret")).unwrap();
    std::fs::write(site.tmp().join("site-secret/index.html"), "TOP SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.tmp().join("secret.txt"), site.path("static/link.txt"))
        .unwrap();
    let server = Served::start(&site, &[]);
    let tricks = [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/\\..\\secret.txt",
        "/static/../../secret.txt",
        "//secret.txt",
        "/../site-secret/",
        "/link.txt",
        "/%00",
        "/%",
        &format!("{}/secret.txt", site.tmp().display()),
        "http://127.0.0.1/../secret.txt",
    ];
    for path in tricks {
        let response = server.get(path);
        assert!(
            [400, 404].contains(&response.status),
            "{path}: status {}",
            response.status
        );
        assert!(
            !response.body.contains("TOP SECRET"),
            "{path} leaked a file"
        );
    }
    // Still serving after every trick.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn other_hosts_are_refused() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let evil = request(server.port, "/", &[("Host", "attacker.example")]);
    assert_eq!(evil.status, 403);
    let local = request(server.port, "/", &[("Host", "localhost:1111")]);
    assert_eq!(local.status, 200);
}

#[test]
fn a_sub_path_in_base_url_is_served_under_it() {
    let site = demo_like_site();
    site.write(
        "site.toml",
        "title = \"Served\"\nbase_url = \"https://example.org/history/\"\n",
    );
    let server = Served::start(&site, &[]);
    assert!(server.url.ends_with("/history/"), "{}", server.url);
    let page = server.get("/history/articles/a/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("href=\"/history/glossary/majlis/\""));
    assert_eq!(server.get("/history/style.css").status, 200);
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("Location"), Some("/history/"));
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = demo_like_site();
    let run = common::gloss(&[
        "serve",
        "--root",
        site.root().to_str().unwrap(),
        "--port",
        &port.to_string(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{run}");
    assert!(
        run.stderr.contains(&format!("port {port}")) && run.stderr.contains("in use"),
        "{run}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_cleanly() {
    let site = demo_like_site();
    let mut server = Served::start(&site, &[]);
    let pid = server.child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    server.wait_for_output("stopped");
    // Nothing written into the site by serving it.
    assert!(!site.path("public").exists());
}

#[test]
fn redirects_never_lead_to_another_host() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let response = server.get("//glossary");
    assert_eq!(response.status, 302);
    assert_eq!(response.header("Location"), Some("/glossary/"));
}

#[test]
fn only_this_servers_addresses_are_accepted_as_host() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    assert_eq!(
        request(server.port, "/", &[("Host", "8.8.8.8")]).status,
        403
    );
    assert_eq!(
        request(server.port, "/", &[("Host", "[::1]:80")]).status,
        200
    );
}

#[test]
fn the_event_stream_answers_only_get() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "HEAD /__gloss/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
}

#[test]
fn a_failed_rebuild_keeps_serving_the_last_good_static_files() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let mut events = Events::open(server.port);
    events.next();
    site.write("content/articles/a.md", "+++\ntitel = \"x\"\n+++\n");
    assert_eq!(events.next().0, "build-error");
    std::fs::remove_file(site.path("static/map.svg")).unwrap();
    assert_eq!(events.next().0, "build-error");
    let map = server.get("/map.svg");
    assert_eq!(map.status, 200, "the last good site's file");
    assert!(map.body.contains("<svg"));
}

#[test]
fn editor_scratch_files_do_not_rebuild() {
    let site = demo_like_site();
    let server = Served::start(&site, &[]);
    let mut events = Events::open(server.port);
    events.next();
    // Editors' swap, backup, lock and atomic-save files beside an article,
    // then a stylesheet. The watcher sees them in that order: were any of
    // the others a change to the site, the site would be rebuilt (a
    // `reload`, alone or with the stylesheet) before or instead of the
    // styles alone being swapped.
    for scratch in [
        "content/articles/.a.md.swp",
        "content/articles/a.md~",
        "content/articles/.#a.md",
        "content/articles/#a.md#",
        "content/articles/4913",
        "content/articles/a.md.tmp",
    ] {
        site.write(scratch, "scratch");
    }
    site.write("static/style.css", "body { color: navy; }\n");
    assert_eq!(
        events.next().0,
        "css",
        "only the stylesheet changed the site"
    );
    let line = server.wait_for_output("done in");
    assert!(line.starts_with("build 2 "), "one rebuild only: {line}");
}

#[test]
fn a_folder_made_after_the_start_is_watched() {
    let site = demo_like_site();
    assert!(!site.path("templates").exists());
    let server = Served::start(&site, &[]);
    let mut events = Events::open(server.port);
    events.next();
    std::fs::create_dir(site.path("templates")).unwrap();
    assert_eq!(events.next().0, "reload");
    site.write(
        "templates/partials/footer.html",
        "<p>A footer of our own.</p>\n",
    );
    assert_eq!(events.next().0, "reload");
    assert!(server.get("/").body.contains("A footer of our own."));
}

/// The sizes the build makes of a picture are served from the cache, an
/// edit that shows a picture for the first time has its sizes made, and
/// one that does not touch a picture encodes nothing again.
#[test]
fn made_sizes_of_pictures_are_served_and_made_once() {
    let site = demo_like_site();
    site.write("static/images/one.png", common::png(1000, 500));
    site.write("static/images/two.png", common::png(900, 300));
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"First\"\n+++\n![One](/images/one.png)\n",
    );
    let server = Served::start(&site, &[]);
    let webp = server.get("/images/one-480w.webp");
    assert_eq!(webp.status, 200);
    assert_eq!(webp.header("Content-Type"), Some("image/webp"));
    assert_eq!(server.get("/images/two-480w.webp").status, 404);
    let cached = || -> Vec<std::time::SystemTime> {
        let mut times: Vec<_> = walkdir::WalkDir::new(site.path(".gloss/cache/images"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "webp"))
            .map(|e| e.metadata().unwrap().modified().unwrap())
            .collect();
        times.sort();
        times
    };
    let before = cached();
    assert_eq!(before.len(), 3, "480, 800 and 1000 wide");

    let mut events = Events::open(server.port);
    assert_eq!(events.next().0, "hello");
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"First\"\n+++\n![One](/images/one.png)\n\nAn edit.\n",
    );
    assert_eq!(events.next().0, "reload");
    assert_eq!(cached(), before, "an edit encoded a picture again");

    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"First\"\n+++\n![One](/images/one.png)\n\n![Two](/images/two.png)\n",
    );
    assert_eq!(events.next().0, "reload");
    assert_eq!(server.get("/images/two-480w.webp").status, 200);
    assert_eq!(cached().len(), 6);

    // A picture made no smaller (an SVG) still reaches the credits.
    assert!(!server.get("/credits/").body.contains("static/map.svg"));
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"First\"\n+++\n![One](/images/one.png)\n\n![Two](/images/two.png)\n\n\
         A map: ![The map](/map.svg)\n",
    );
    assert_eq!(events.next().0, "reload");
    let credits = server.get("/credits/");
    assert!(credits.body.contains("static/map.svg"), "{}", credits.body);
}
