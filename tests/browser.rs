//! The demo site in a real browser: builds it, serves it over HTTP on
//! 127.0.0.1, and runs the Node tests in `tests/browser/` (playwright-core
//! driving Debian's headless Chromium, with axe-core) against it.
//!
//! It also starts `gloss serve` on a copy of the demo, for the live-reload
//! test (`live.test.mjs`): edits saved while Chromium has a page open.
//!
//! Where Chromium and Node are present, the test installs the npm packages
//! itself (`npm ci`) when the checkout lacks them. Without Chromium or Node,
//! or when that install fails, a plain `cargo test` says the browser tests
//! were skipped and why; with `REQUIRE_BROWSER` or `CI` set (as `.ci/run`
//! does) it fails instead.

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use common::gloss;
use common::serve::Served;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn pages_and_reader_in_headless_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string());
    let missing = missing_tools(&chromium);
    if !missing.is_empty() {
        let why = format!(
            "the browser tests need {}; .ci/run installs them",
            missing.join(", ")
        );
        if std::env::var_os("REQUIRE_BROWSER").is_some() || std::env::var_os("CI").is_some() {
            panic!("{why} (REQUIRE_BROWSER or CI is set, so they may not be skipped)");
        }
        notice(&format!("NOTICE: browser tests skipped: {why}"));
        return;
    }

    let tmp = TempDir::new().unwrap();
    let site = tmp.path().join("site");
    gloss(&[
        "build",
        "--root",
        ROOT,
        "--output",
        site.to_str().unwrap(),
        "--base-url",
        "/",
    ])
    .assert_ok();
    let address = serve(site);
    let lists_address = serve(lists_site(tmp.path()));

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("browser-artifacts");
    let _ = fs::remove_dir_all(&artifacts);
    fs::create_dir_all(&artifacts).unwrap();
    notice(&format!("browser screenshots: {}", artifacts.display()));

    // `gloss serve` on a copy of the demo, for the live-reload test, with a
    // stylesheet of the site's own linked from its footer.
    let live = tmp.path().join("live");
    corpus::copy_demo(&live).expect("copy the demo site");
    fs::write(
        live.join("static/live.css"),
        "main { outline: 1px solid rgb(1, 2, 3); }\n",
    )
    .unwrap();
    let footer = live.join("templates/partials/footer.html");
    let mut text = fs::read_to_string(&footer).unwrap();
    text.push_str("<link rel=\"stylesheet\" href=\"{{ asset(path=\"live.css\") }}\">\n");
    fs::write(&footer, text).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command.args(["serve", "--root", live.to_str().unwrap(), "--port", "0"]);
    let served = Served::launch(command);

    let output = Command::new("node")
        .args(["--test", "tests/browser/"])
        .current_dir(ROOT)
        .env("GLOSS_SITE_URL", format!("http://{address}"))
        .env("GLOSS_LISTS_URL", format!("http://{lists_address}"))
        .env("GLOSS_SERVE_URL", &served.url)
        .env("GLOSS_SERVE_ROOT", &live)
        .env("GLOSS_ARTIFACTS", &artifacts)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "the browser tests failed ({}); screenshots in {}\n{report}",
        output.status,
        artifacts.display()
    );
    println!("{report}");
}

/// A site of 45 articles, built: its lists take three pages, a tag's two;
/// the first article is long enough for its contents to follow the reader.
fn lists_site(tmp: &Path) -> PathBuf {
    let root = tmp.join("lists");
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("site.toml", "title = \"Many\"\n");
    let section = "Words that fill the screen, one line after another. ".repeat(40);
    let mut long = String::new();
    for heading in ["Beginnings", "The middle years", "An ending"] {
        long.push_str(&format!(
            "## {heading}\n\n{section}\n\n### Aside to {heading}\n\n{section}\n\n"
        ));
    }
    for i in 1..=45 {
        let tag = if i % 2 == 0 { "Even" } else { "Odd" };
        let body = if i == 1 {
            long.as_str()
        } else {
            "A short piece."
        };
        write(
            &format!("content/articles/n{i:02}.md"),
            &format!(
                "+++\ntitle = \"Number {i}\"\ndate = {}-01-01\ntags = [\"{tag}\", \"All\"]\nseries = \"Numbers\"\nseries_part = {i}\n+++\n{body}\n",
                2100 - i
            ),
        );
    }
    let out = tmp.join("lists-out");
    gloss(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "/",
    ])
    .assert_ok();
    out
}

/// Writes a line to stderr past the test harness's capture, so that a plain
/// `cargo test` shows it even when the test passes.
fn notice(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// What the browser tests need that this machine lacks.
fn missing_tools(chromium: &str) -> Vec<String> {
    let mut missing = Vec::new();
    if !Path::new(chromium).is_file() {
        missing.push(format!(
            "Chromium at {chromium} (Debian package `chromium`)"
        ));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        missing.push("`node` (Debian package `nodejs`)".to_string());
    }
    // With a browser and Node to run them, the test installs its packages.
    if missing.is_empty()
        && let Err(why) = common::npm::packages()
    {
        missing.push(why);
    }
    missing
}

/// Serves `root` over HTTP on 127.0.0.1 at an ephemeral port, as a static
/// host would: `index.html` for a folder, `404.html` with status 404 for
/// anything missing. The server lives as long as the test process.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().unwrap().to_string();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || {
                let _ = respond(&root, stream);
            });
        }
    });
    address
}

fn respond(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let (status, file) = match resolve(root, target) {
        Some(file) => ("200 OK", file),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = fs::read(&file).unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// The file a request path names under `root`, if there is one.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
