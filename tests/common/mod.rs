//! The test harness: copy a fixture site into a temporary folder, run the
//! `gloss` binary on it, and look at what it wrote with CSS selectors.

// Each test crate uses a different part of the harness.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

pub mod links;
pub mod npm;
pub mod serve;

use image::ImageEncoder;
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;
use walkdir::WalkDir;

/// `tests/fixtures/` of this crate.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site in a fresh temporary folder: the site itself is `<tmp>/site`, so
/// tests can also put things beside it (`<tmp>/elsewhere`).
pub struct Site {
    tmp: TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_dir(&fixtures().join(name), &site.root());
        site
    }

    /// An empty site folder.
    pub fn empty() -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("gloss-test-")
            .tempdir()
            .expect("create a temporary folder");
        fs::create_dir(tmp.path().join("site")).expect("create the site folder");
        Site { tmp }
    }

    /// The temporary folder holding the site.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file of the site, creating its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        write_file(&self.path(rel), contents);
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }

    /// Runs `gloss build --root <site> <args>`.
    pub fn build(&self, args: &[&str]) -> Run {
        self.run("build", args)
    }

    /// Runs `gloss check --root <site> <args>`.
    pub fn check(&self, args: &[&str]) -> Run {
        self.run("check", args)
    }

    /// Runs `gloss <command> --root <site> <args>`.
    fn run(&self, command: &str, args: &[&str]) -> Run {
        let mut all: Vec<&OsStr> = vec![OsStr::new(command), OsStr::new("--root")];
        let root = self.root();
        all.push(root.as_os_str());
        all.extend(args.iter().map(OsStr::new));
        gloss(&all)
    }

    /// Builds and asserts that the build succeeded.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        run.assert_ok();
        run
    }

    /// The default output folder, `public/` under the root.
    pub fn public(&self) -> PathBuf {
        self.path("public")
    }

    /// A file of the built site, as text.
    pub fn read(&self, rel: &str) -> String {
        read_text(&self.public().join(rel))
    }

    /// A page of the built site, parsed.
    pub fn page(&self, rel: &str) -> Page {
        Page::parse(read_text(&self.public().join(rel)))
    }
}

/// A JPEG of `width` × `height`: a picture gloss reads and makes smaller.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&image)
        .expect("encode a JPEG");
    out
}

/// A PNG of `width` × `height`, with some detail in it.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode a PNG");
    out
}

/// Runs the `gloss` binary built for these tests.
pub fn gloss<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .expect("run the gloss binary");
    Run::from(output)
}

/// What one run of the binary did.
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn assert_ok(&self) {
        assert!(self.status.success(), "the build should succeed\n{self}");
        self.assert_no_panic();
    }

    /// Exit code 1, an error reported, no panic.
    pub fn assert_failed(&self) {
        assert_eq!(self.status.code(), Some(1), "the build should fail\n{self}");
        assert!(
            self.stderr.contains("error"),
            "a failed build should say why\n{self}"
        );
        self.assert_no_panic();
    }

    pub fn assert_no_panic(&self) {
        assert!(!self.stderr.contains("panicked"), "gloss panicked\n{self}");
    }

    /// Asserts that stderr holds `needle`.
    pub fn assert_stderr_has(&self, needle: &str) {
        assert!(
            self.stderr.contains(needle),
            "stderr should contain {needle:?}\n{self}"
        );
    }

    /// Stderr lines that report an error (`path[:line:col]: error: ...`).
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect()
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--- status: {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// A parsed HTML page, with its source kept for checks on the raw text.
pub struct Page {
    pub source: String,
    pub html: Html,
}

impl Page {
    pub fn parse(source: String) -> Page {
        let html = Html::parse_document(&source);
        Page { source, html }
    }

    /// Every element matching `css`.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    pub fn count(&self, css: &str) -> usize {
        self.select(css).len()
    }

    /// The page's one JSON-LD block, parsed.
    pub fn json_ld(&self) -> serde_json::Value {
        let scripts = self.select("script[type='application/ld+json']");
        assert_eq!(scripts.len(), 1, "one JSON-LD block");
        let text: String = scripts[0].text().collect();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD parses: {e}\n{text}"))
    }

    /// The text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text).collect()
    }

    /// The text of the one element matching `css`.
    pub fn text(&self, css: &str) -> String {
        text(self.one(css))
    }

    /// The value of `attr` on every element matching `css` that has it.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css)
            .into_iter()
            .filter_map(|e| e.attr(attr).map(str::to_string))
            .collect()
    }

    /// The value of `attr` on the one element matching `css`.
    pub fn attr(&self, css: &str, attr: &str) -> String {
        let element = self.one(css);
        element
            .attr(attr)
            .unwrap_or_else(|| panic!("`{css}` has no `{attr}`: {}", element.html()))
            .to_string()
    }

    /// The one element matching `css`.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "expected one `{css}`, found {}:\n{}",
            found.len(),
            found
                .iter()
                .map(|e| e.html())
                .collect::<Vec<_>>()
                .join("\n")
        );
        found[0]
    }

    /// The one element matching `css` whose text contains `needle`: a way to
    /// pick a paragraph by its wording.
    pub fn containing(&self, css: &str, needle: &str) -> ElementRef<'_> {
        let found: Vec<_> = self
            .select(css)
            .into_iter()
            .filter(|e| text(*e).contains(needle))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected one `{css}` containing {needle:?}, found {}",
            found.len()
        );
        found[0]
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e}"))
}

/// The text of an element, all descendants joined.
pub fn text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// The elements matching `css` below `element`.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

/// The glossary links (`a.term`) below `element`, as (data-term, text) pairs.
pub fn term_links(element: ElementRef<'_>) -> Vec<(String, String)> {
    select_in(element, "a.term")
        .into_iter()
        .map(|a| (a.attr("data-term").unwrap_or("").to_string(), text(a)))
        .collect()
}

/// The text inside every `<tag>...</tag>` of an XML document, in order.
pub fn xml_values(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut values = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        rest = &rest[start + open.len()..];
        let end = rest.find(&close).expect("closed XML element");
        values.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    values
}

/// Every file below `dir`, by path relative to it, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk the folder"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = fs::read(e.path()).expect("read a file");
            (rel, bytes)
        })
        .collect()
}

/// Every file below `dir`, by path relative to it, with `/` separators.
pub fn files_below(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

pub fn read_text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub fn write_file(path: &Path, contents: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create folders");
    }
    fs::write(path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.expect("walk the fixture");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create a folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}
