//! How long an author waits: from saving an edit of an article to the
//! reload event reaching an open page, through the real watcher, rebuild and
//! event stream, and the page served with the edit in it. The baseline,
//! measured in the same run, is one render of the whole site in memory with
//! no server: the ratio shows what an edit costs against the whole build.
//! At the end the edited page as served is compared with a clean render's.
//!
//! Run with `cargo bench --bench reload` for the demo site,
//! `cargo bench --bench reload -- --pages 10000 --terms 1000` for a
//! generated site of that size, or `cargo bench --bench reload -- --long`
//! for one chapter of 100,000 words with 1,500 notes and 1,500 citations
//! of 200 works, where the bare pulldown-cmark render of its body is
//! measured too, as the floor, and edits to a citation are timed apart.

#[path = "corpus/mod.rs"]
mod corpus;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use gloss::RenderOptions;
use gloss::serve::{ServeOptions, Server};

const ROUNDS: usize = 40;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        let at = args.iter().position(|a| a == name)?;
        args.get(at + 1)?.parse::<usize>().ok()
    };
    let scratch_dir = tempfile::Builder::new()
        .prefix("gloss-bench-")
        .tempdir_in(corpus::scratch())
        .expect("a scratch folder");
    let long = args.iter().any(|a| a == "--long");
    let (root, article, what) = match flag("--pages") {
        _ if long => {
            let root = scratch_dir.path().to_path_buf();
            corpus::generate_long(&root, 100_000, 1_500, 1_500, 200).expect("generate the chapter");
            let article = root.join("content/articles/chapter.md");
            (root, article, "one chapter of 100,000 words".to_string())
        }
        Some(pages) => {
            let terms = flag("--terms").unwrap_or(pages / 10);
            let spec = corpus::Spec {
                pages,
                terms,
                seed: 1,
            };
            corpus::generate(&spec, scratch_dir.path()).expect("generate the corpus");
            let root = scratch_dir.path().join("gloss");
            let article = corpus::first_article(&root);
            (
                root,
                article,
                format!("generated site of {pages} articles, {terms} terms"),
            )
        }
        None => {
            let root = scratch_dir.path().to_path_buf();
            corpus::copy_demo(&root).expect("copy the demo site");
            let article = root.join("content/articles/tabriz-1909.md");
            (root, article, "demo site".to_string())
        }
    };
    let root = root.as_path();
    let floor = long.then(|| {
        let body = std::fs::read_to_string(root.join("bare.md")).expect("the body");
        let times: Vec<Duration> = (0..10)
            .map(|_| {
                let started = Instant::now();
                let parser =
                    pulldown_cmark::Parser::new_ext(&body, gloss::markdown::parser_options());
                let mut html = String::with_capacity(body.len() * 3 / 2);
                pulldown_cmark::html::push_html(&mut html, parser);
                std::hint::black_box(html);
                started.elapsed()
            })
            .collect();
        median(&times)
    });
    let rounds = if what == "demo site" {
        ROUNDS
    } else {
        ROUNDS / 2
    };

    let render_options = RenderOptions {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        minify: None,
    };
    let renders: Vec<Duration> = (0..rounds.min(10))
        .map(|_| {
            let started = Instant::now();
            gloss::render(&render_options).expect("the site renders");
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
    let original = std::fs::read_to_string(&article).expect("the article");
    let page = page_path(root, &article);
    let mut reloads = Vec::new();
    let mut served = String::new();
    for round in 0..rounds {
        // Let the previous rebuild settle, as between an author's saves.
        std::thread::sleep(Duration::from_millis(60));
        let marker = format!("Edit number {round}.");
        let edited = format!("{original}\n{marker}\n");
        let started = Instant::now();
        std::fs::write(&article, edited).expect("save the article");
        let event = next_event(&mut events);
        assert_eq!(event, "reload");
        served = get(port, &page);
        reloads.push(started.elapsed());
        assert!(served.contains(&marker), "the edit is served");
    }
    // In the chapter, edits to a citation: its page number changes, so the
    // page's citations are formatted again.
    let mut cited = Vec::new();
    if long {
        let at = original.find(", p. ").expect("a citation with a page") + 5;
        let end = at + original[at..].find(']').expect("the citation's end");
        for round in 0..5 {
            std::thread::sleep(Duration::from_millis(60));
            let page_number = format!("{}", 9000 + round);
            let edited = format!("{}{page_number}{}", &original[..at], &original[end..]);
            let started = Instant::now();
            std::fs::write(&article, edited).expect("save the article");
            assert_eq!(next_event(&mut events), "reload");
            served = get(port, &page);
            cited.push(started.elapsed());
            assert!(served.contains(&page_number), "the edit is served");
        }
    }
    stop();
    watching.join().expect("the server stops");
    // The page as served is the page a clean render makes of the same sources.
    let clean = gloss::render(&RenderOptions {
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        minify: Some(false),
        ..render_options.clone()
    })
    .expect("a clean render");
    let file = format!("{page}index.html");
    let expected = clean
        .files
        .iter()
        .find(|f| f.path == file)
        .expect("the page");
    // The server adds its live-reload script before `</body>`, and nothing else.
    let clean = String::from_utf8(expected.contents.clone()).expect("UTF-8");
    let at = clean.rfind("</body>").expect("a body");
    assert!(
        served.starts_with(&clean[..at]) && served.ends_with(&clean[at..]),
        "served as a clean render makes it"
    );

    let render = median(&renders);
    let reload = median(&reloads);
    println!("{what}: {} renders, {rounds} edits", renders.len());
    if let Some(floor) = floor {
        println!(
            "bare pulldown-cmark render of the body (floor): median {:6.1} ms",
            ms(floor)
        );
        println!(
            "ratios to the floor: whole render {:.1}, save to page served {:.1}",
            render.as_secs_f64() / floor.as_secs_f64(),
            reload.as_secs_f64() / floor.as_secs_f64()
        );
    }
    println!(
        "whole render (baseline): median {:6.1} ms  p90 {:6.1} ms",
        ms(render),
        ms(percentile(&renders, 0.9))
    );
    println!(
        "save to page served:     median {:6.1} ms  p90 {:6.1} ms  max {:6.1} ms",
        ms(reload),
        ms(percentile(&reloads, 0.9)),
        ms(*reloads.iter().max().unwrap())
    );
    println!(
        "ratio reload / render:   {:.2}",
        reload.as_secs_f64() / render.as_secs_f64()
    );
    if !cited.is_empty() {
        println!(
            "an edit to a citation:   median {:6.1} ms  ({} edits)",
            ms(median(&cited)),
            cited.len()
        );
    }
}

/// The site path an article file under `root/content/` is published at.
fn page_path(root: &Path, article: &Path) -> String {
    let rel = article.strip_prefix(root.join("content")).unwrap();
    let rel = rel.to_string_lossy().replace('\\', "/");
    format!("{}/", rel.trim_end_matches(".md"))
}

/// The body of the page at `path` on the server, over HTTP.
fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    std::io::Read::read_to_end(&mut stream, &mut response).expect("a response");
    let split = memchr::memmem::find(&response, b"\r\n\r\n").expect("a response");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    let mut body = &response[split + 4..];
    if !head.contains("transfer-encoding: chunked") {
        return String::from_utf8(body.to_vec()).expect("UTF-8");
    }
    // A large page comes in chunks, which may split a character.
    let mut whole = Vec::new();
    loop {
        let line = memchr::memmem::find(body, b"\r\n").expect("a chunk size");
        let size = std::str::from_utf8(&body[..line]).expect("a chunk size");
        let size = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        if size == 0 {
            break;
        }
        whole.extend_from_slice(&body[line + 2..line + 2 + size]);
        body = &body[line + 2 + size + 2..];
    }
    String::from_utf8(whole).expect("UTF-8")
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
