//! How long an author waits: from saving an edit of the demo article to the
//! reload event reaching an open page, through the real watcher, rebuild and
//! event stream. The baseline, measured in the same run, is one render of
//! the same site in memory with no server: the ratio shows what watching,
//! debouncing and notifying add on top of the build itself.
//!
//! Run with `cargo bench --bench reload`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use gloss::RenderOptions;
use gloss::serve::{ServeOptions, Server};

const ROUNDS: usize = 40;

fn main() {
    let site = tempfile::Builder::new()
        .prefix("gloss-bench-")
        .tempdir_in(scratch())
        .expect("a scratch folder");
    let root = site.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "static", "templates"] {
        copy(&repo.join(part), &root.join(part));
    }
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).expect("copy site.toml");

    let render_options = RenderOptions {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        minify: None,
    };
    let renders: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            gloss::render(&render_options).expect("the demo site renders");
            started.elapsed()
        })
        .collect();

    let (server, _) = Server::start(&ServeOptions {
        root: root.to_path_buf(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        drafts: false,
    })
    .expect("start the server");
    let port = server.addr.port();
    let stop = server.stopper();
    let watching = std::thread::spawn(move || {
        server.watch(|_| {});
        server.stop();
    });

    let mut events = open_events(port);
    next_event(&mut events); // hello
    let article = root.join("content/articles/tabriz-1909.md");
    let original = std::fs::read_to_string(&article).expect("the demo article");
    let mut reloads = Vec::new();
    for round in 0..ROUNDS {
        // Let the previous rebuild settle, as between an author's saves.
        std::thread::sleep(Duration::from_millis(60));
        let edited = format!("{original}\nEdit number {round}.\n");
        let started = Instant::now();
        std::fs::write(&article, edited).expect("save the article");
        let event = next_event(&mut events);
        assert_eq!(event, "reload");
        reloads.push(started.elapsed());
    }
    stop();
    watching.join().expect("the server stops");

    let render = median(&renders);
    let reload = median(&reloads);
    println!("demo site, {ROUNDS} rounds each");
    println!(
        "render alone (baseline): median {:6.1} ms  p90 {:6.1} ms",
        ms(render),
        ms(percentile(&renders, 0.9))
    );
    println!(
        "save to reload event:    median {:6.1} ms  p90 {:6.1} ms  max {:6.1} ms",
        ms(reload),
        ms(percentile(&reloads, 0.9)),
        ms(*reloads.iter().max().unwrap())
    );
    println!(
        "ratio reload / render:   {:.2}",
        reload.as_secs_f64() / render.as_secs_f64()
    );
}

/// Memory-backed storage where there is one, so disk latency stays out.
fn scratch() -> &'static Path {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { shm } else { Path::new("/tmp") }
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the demo site");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn open_events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /__gloss/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
        line.clear();
    }
    reader
}

/// The name of the next event on the stream.
fn next_event(reader: &mut BufReader<TcpStream>) -> String {
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("an event");
        if let Some(name) = line.strip_prefix("event: ") {
            return name.trim().to_string();
        }
    }
}

fn median(samples: &[Duration]) -> Duration {
    percentile(samples, 0.5)
}

fn percentile(samples: &[Duration], p: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
