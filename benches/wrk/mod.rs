//! `gloss serve` under load: wrk asks for every file of the site in turn on
//! many connections while an author keeps saving an article, half the time
//! in place and half the time as editors do it (a temporary file renamed
//! over the article). wrk's script checks that each response is a whole
//! file; the server's memory is sampled from `/proc`; at the end every
//! generated file, as served, is compared with a clean render of the final
//! sources. Shared by the `load` bench, which records the figures, and a
//! short run among the tests.

// The test reads only some of the figures the bench prints.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How hard and how long to push.
#[derive(Debug, Clone)]
pub struct Load {
    pub seconds: u64,
    pub connections: u32,
    pub threads: u32,
    pub saves_per_second: u32,
}

/// What the run saw.
#[derive(Debug)]
pub struct Outcome {
    pub requests: u64,
    pub per_second: f64,
    /// Connections refused, reset or timed out, reads and writes that failed.
    pub socket_errors: u64,
    /// Responses with a status other than 2xx or 3xx.
    pub not_ok: u64,
    /// Responses whose body was not a whole file.
    pub partial: u64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    pub latency_max_ms: f64,
    /// Saves made during the run, and rebuilds the server reported as failed.
    pub saves: u32,
    pub failed_builds: usize,
    /// The server's resident memory in KiB, sampled through the run.
    pub rss_kib: Vec<(Duration, u64)>,
    /// Generated files whose bytes as served differ from a clean render of
    /// the final sources (the live-reload script aside).
    pub differing: Vec<String>,
    pub files: usize,
}

impl Outcome {
    /// Resident memory in KiB: the median over the first and the last
    /// fifth of the run, and the peak.
    pub fn memory(&self) -> (u64, u64, u64) {
        let fifths = self.memory_by_part(5);
        let peak = self.rss_kib.iter().map(|s| s.1).max().unwrap_or(0);
        (fifths[0], fifths[4], peak)
    }

    /// The median resident memory in KiB over each of `parts` equal parts
    /// of the run, in order.
    pub fn memory_by_part(&self, parts: usize) -> Vec<u64> {
        let size = (self.rss_kib.len() / parts).max(1);
        self.rss_kib
            .chunks(size)
            .take(parts)
            .map(|part| {
                let mut kib: Vec<u64> = part.iter().map(|s| s.1).collect();
                kib.sort_unstable();
                kib[kib.len() / 2]
            })
            .collect()
    }
}

/// Serves the site at `root` with `gloss` and runs the load against it,
/// saving `article` (a file under `root/content/`) as it goes.
pub fn run(gloss: &Path, root: &Path, article: &Path, load: &Load) -> Outcome {
    let server = Server::start(gloss, root);
    let original = std::fs::read_to_string(article).expect("read the article");
    let paths = server.paths(root);
    let script = tempfile::NamedTempFile::new().expect("a script file");
    std::fs::write(script.path(), lua_script(&paths)).expect("write the script");

    let stop = Arc::new(AtomicBool::new(false));
    let saves = Arc::new(AtomicU32::new(0));
    let editor = {
        let (stop, saves, article) = (stop.clone(), saves.clone(), article.to_path_buf());
        let (original, per_second) = (original.clone(), load.saves_per_second.max(1));
        std::thread::spawn(move || {
            let pause = Duration::from_secs(1) / per_second;
            while !stop.load(Ordering::Relaxed) {
                let n = saves.fetch_add(1, Ordering::Relaxed) + 1;
                save(&article, &with_marker(&original, n), n % 2 == 0);
                std::thread::sleep(pause);
            }
        })
    };
    let sampler = {
        let (stop, pid) = (stop.clone(), server.child.id());
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut samples = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if let Some(kib) = resident_kib(pid) {
                    samples.push((started.elapsed(), kib));
                }
                std::thread::sleep(Duration::from_millis(250));
            }
            samples
        })
    };

    let wrk = Command::new("wrk")
        .args(["--latency", "--timeout", "10s"])
        .arg(format!("-t{}", load.threads))
        .arg(format!("-c{}", load.connections))
        .arg(format!("-d{}s", load.seconds))
        .arg("-s")
        .arg(script.path())
        .arg(&server.url)
        .output()
        .expect("run wrk (the Debian package `wrk`)");
    stop.store(true, Ordering::Relaxed);
    editor.join().expect("the editor");
    let rss_kib = sampler.join().expect("the sampler");
    assert!(wrk.status.success(), "wrk failed: {wrk:?}");
    let report = String::from_utf8_lossy(&wrk.stdout);
    let json = report
        .lines()
        .find(|l| l.starts_with("{\"requests\""))
        .unwrap_or_else(|| panic!("wrk printed no summary:\n{report}"));
    let summary: serde_json::Value = serde_json::from_str(json).expect("the summary");
    let count = |key: &str| summary[key].as_u64().unwrap_or(0);

    // The last save is served once its rebuild is done.
    let saves = saves.load(Ordering::Relaxed);
    let last = format!("Saved {saves} times.");
    let clean = server.render(root);
    let page = clean
        .files
        .iter()
        .find(|f| f.path.ends_with("index.html") && contains(&f.contents, last.as_bytes()))
        .map(|f| server.request_path(&f.path))
        .expect("a page shows the last save");
    let waited = Instant::now();
    while !contains(&get(server.port, &page).1, last.as_bytes()) {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "the last save was never served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let differing = server.differing(&clean);
    let failed_builds = server.failed_builds();
    std::fs::write(article, original).expect("restore the article");
    Outcome {
        requests: count("requests"),
        per_second: count("requests") as f64 / summary["seconds"].as_f64().unwrap_or(1.0),
        socket_errors: count("connect") + count("read") + count("write") + count("timeout"),
        not_ok: count("status"),
        partial: count("partial"),
        latency_p50_ms: count("p50") as f64 / 1000.0,
        latency_p99_ms: count("p99") as f64 / 1000.0,
        latency_max_ms: count("max") as f64 / 1000.0,
        saves,
        failed_builds,
        rss_kib,
        files: paths.len(),
        differing,
    }
}

/// The article with a last paragraph telling the saves apart.
fn with_marker(original: &str, n: u32) -> String {
    format!("{}\n\nSaved {n} times.\n", original.trim_end())
}

/// Saves `text` to `path` in place, or as an editor's atomic save: a hidden
/// temporary file beside it, renamed over it.
fn save(path: &Path, text: &str, atomic: bool) {
    if atomic {
        let name = path.file_name().unwrap().to_string_lossy();
        let temp = path.with_file_name(format!(".{name}.swp"));
        std::fs::write(&temp, text).expect("write the temporary file");
        std::fs::rename(&temp, path).expect("rename it over the article");
    } else {
        std::fs::write(path, text).expect("save the article");
    }
}

/// The wrk script: every path in turn on each connection, and a count of
/// responses that are not whole files, printed as one JSON line at the end.
fn lua_script(paths: &[String]) -> String {
    let list: Vec<String> = paths.iter().map(|p| format!("{p:?}")).collect();
    format!(
        r#"local paths = {{ {list} }}
local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  partial = 0
  n = 0
end
function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
function response(status, headers, body)
  if status ~= 200 then return end
  local kind = ""
  for name, value in pairs(headers) do
    if name:lower() == "content-type" then kind = value end
  end
  -- A page is whole from its doctype to its closing tag; any other file
  -- is at least not empty (wrk itself holds the body to Content-Length).
  if kind:find("text/html", 1, true) then
    local head = body:sub(1, 15):lower()
    if head ~= "<!doctype html>" or not body:find("</html>%s*$") then
      partial = partial + 1
    end
  elseif #body == 0 then
    partial = partial + 1
  end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("partial")
  end
  local e = summary.errors
  io.write(string.format(
    '{{"requests":%d,"seconds":%f,"connect":%d,"read":%d,"write":%d,"timeout":%d,' ..
    '"status":%d,"partial":%d,"p50":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.timeout,
    e.status, bad, latency:percentile(50), latency:percentile(99), latency.max))
end
"#,
        list = list.join(", ")
    )
}

/// A running `gloss serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    port: u16,
    /// The path the site is served under: `/`, or `/history/`.
    base_path: String,
    /// Every line the server printed on stderr.
    errors: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(gloss: &Path, root: &Path) -> Server {
        let mut child = Command::new(gloss)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gloss serve");
        let errors = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let kept = errors.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let url = loop {
            let mut line = String::new();
            if stdout
                .read_line(&mut line)
                .expect("read the server's output")
                == 0
            {
                panic!("gloss serve stopped: {:?}", errors.lock().unwrap());
            }
            if let Some(rest) = line.strip_prefix("serving ") {
                break rest.split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in stdout.lines().map_while(Result::ok) {});
        let (port, base) = url
            .trim_start_matches("http://127.0.0.1:")
            .split_once('/')
            .expect("a URL with a path");
        Server {
            port: port.parse().expect("a port"),
            base_path: format!("/{base}"),
            child,
            url,
            errors,
        }
    }

    /// The request path of every file of the site: its generated files and
    /// its static ones.
    fn paths(&self, root: &Path) -> Vec<String> {
        let site = self.render(root);
        let generated = site.files.iter().map(|f| f.path.clone());
        let mut paths: Vec<String> = generated
            .chain(site.static_files.iter().cloned())
            .map(|p| self.request_path(&p))
            .collect();
        paths.sort();
        paths
    }

    /// The path a request for the file at `path` under the output asks for.
    fn request_path(&self, path: &str) -> String {
        let page = path.strip_suffix("index.html").unwrap_or(path);
        format!("{}{page}", self.base_path)
    }

    /// The site as a clean render of its sources makes it for this server.
    fn render(&self, root: &Path) -> gloss::RenderedSite {
        gloss::render(&gloss::RenderOptions {
            root: root.to_path_buf(),
            base_url: Some(self.url.clone()),
            drafts: false,
            minify: None,
        })
        .expect("the site renders")
    }

    /// Generated files the server sends otherwise than a clean render makes
    /// them; pages may differ only by the live-reload script before `</body>`.
    fn differing(&self, clean: &gloss::RenderedSite) -> Vec<String> {
        clean
            .files
            .iter()
            .filter(|file| {
                let (status, served) = get(self.port, &self.request_path(&file.path));
                status != 200 || !same_but_script(&file.contents, &served)
            })
            .map(|file| file.path.clone())
            .collect()
    }

    fn failed_builds(&self) -> usize {
        let errors = self.errors.lock().unwrap();
        errors
            .iter()
            .filter(|l| l.starts_with("build failed"))
            .count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `served` is `clean`, or `clean` with one script put before its
/// last `</body>`.
fn same_but_script(clean: &[u8], served: &[u8]) -> bool {
    if clean == served {
        return true;
    }
    let end = b"</body>";
    let Some(at) = clean.windows(end.len()).rposition(|w| w == end) else {
        return false;
    };
    let (before, after) = clean.split_at(at);
    served.len() > clean.len()
        && served.starts_with(before)
        && served.ends_with(after)
        && served[before.len()..served.len() - after.len()].starts_with(b"<script")
}

/// The status and body of `GET path` on the server. Asked in HTTP/1.0, so
/// that a large body comes whole until the connection closes, not chunked.
fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send the request");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("a response");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a whole head");
    let head = String::from_utf8_lossy(&response[..split]);
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "a body of known length: {head}"
    );
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, response[split + 4..].to_vec())
}

/// The resident memory of process `pid`, in KiB.
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
