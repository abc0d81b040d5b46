//! The floor: the least a Markdown site generator can do with a corpus.
//! Reads every `.md` file under the input folder, renders it with bare
//! pulldown-cmark (the extensions gloss enables, and nothing else: no
//! templates, no links resolved, no glossary) and writes it as `.html` at the
//! same place under the output folder, on several threads.
//!
//! ```sh
//! cargo run --release --example floor -- --input /dev/shm/corpus/bare --out /dev/shm/floor
//! ```
//!
//! `benches/scale.rs` runs it as the baseline gloss is compared with.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use walkdir::WalkDir;

/// Renders every .md file under INPUT to an .html file under OUT.
#[derive(Debug, Parser)]
#[command(name = "floor")]
struct Args {
    /// The folder of Markdown files.
    #[arg(long, value_name = "INPUT")]
    input: PathBuf,
    /// The folder to write HTML files in.
    #[arg(long, value_name = "OUT")]
    out: PathBuf,
    /// Threads to render on [default: the available cores].
    #[arg(long)]
    threads: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(count) => {
            println!("rendered {count} files into {}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<usize, String> {
    let mut files = Vec::new();
    for entry in WalkDir::new(&args.input).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            let rel = entry.path().strip_prefix(&args.input).unwrap();
            files.push(rel.to_path_buf());
        }
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let next = AtomicUsize::new(0);
    let failure: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut html = String::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(rel) = files.get(i) else { break };
                    if let Err(e) = render_one(&args.input, &args.out, rel, &mut html) {
                        failure.lock().unwrap().get_or_insert(e);
                        break;
                    }
                }
            });
        }
    });
    match failure.into_inner().unwrap() {
        Some(e) => Err(e),
        None => Ok(files.len()),
    }
}

fn render_one(input: &Path, out: &Path, rel: &Path, html: &mut String) -> Result<(), String> {
    let source = input.join(rel);
    let markdown = fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    html.clear();
    let parser = pulldown_cmark::Parser::new_ext(&markdown, gloss::markdown::parser_options());
    pulldown_cmark::html::push_html(html, parser);
    let target = out.join(rel).with_extension("html");
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&target, html.as_bytes()).map_err(|e| format!("{}: {e}", target.display()))
}
