//! `gloss serve` over real HTTP for the tests: the binary started on a free
//! port, a raw HTTP/1.1 client (so request paths go out exactly as written)
//! and a reader of the live-reload event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::Site;

/// A running `gloss serve`, stopped when dropped.
pub struct Served {
    pub child: Child,
    pub url: String,
    pub port: u16,
    /// Lines the server prints on stdout and stderr, as they come.
    pub output: Receiver<String>,
}

impl Served {
    pub fn start(site: &Site, args: &[&str]) -> Served {
        let root = site.root();
        let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
        command
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(args);
        Served::launch(command)
    }

    /// `gloss serve` run in the site's folder, with no `--root`.
    pub fn start_in_folder(site: &Site) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
        command
            .current_dir(site.root())
            .args(["serve", "--port", "0"]);
        Served::launch(command)
    }

    pub fn launch(mut command: Command) -> Served {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gloss serve");
        let (tx, output) = channel();
        forward(child.stdout.take().unwrap(), tx.clone());
        forward(child.stderr.take().unwrap(), tx);
        // Built first, so a failure below still stops the child when dropped.
        let mut served = Served {
            child,
            url: String::new(),
            port: 0,
            output,
        };
        // The first build makes every picture's sizes, which takes a while
        // on a busy machine; it ends as soon as the server says it serves.
        let line = served.wait_for_output_within("serving ", Duration::from_secs(90));
        served.url = line
            .trim_start_matches("serving ")
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        served.port = served
            .url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        served
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.port, path, &[])
    }

    /// Waits for an output line containing `needle`.
    pub fn wait_for_output(&self, needle: &str) -> String {
        self.wait_for_output_within(needle, Duration::from_secs(10))
    }

    /// Waits at most `limit` for an output line containing `needle`.
    pub fn wait_for_output_within(&self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        let mut seen = String::new();
        while let Ok(line) = self
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.contains(needle) {
                return line;
            }
            seen.push_str(&line);
            seen.push('\n');
        }
        panic!("no output line with {needle:?}; saw:\n{seen}");
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn forward(stream: impl Read + Send + 'static, tx: std::sync::mpsc::Sender<String>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`; the path is sent verbatim.
pub fn request(port: u16, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!("GET {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The live-reload event stream of a server, read as `(event, data)` pairs.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /__gloss/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        Events { reader }
    }

    /// The next event, skipping keep-alive comments.
    pub fn next(&mut self) -> (String, String) {
        let (mut event, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream closed");
            let line = line.trim_end_matches('\n');
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data = d.to_string();
            } else if line.is_empty() && !event.is_empty() {
                return (event, data);
            }
        }
    }
}
