//! Writes a deterministic corpus of invented articles and glossary terms as
//! a gloss site, a Hugo site and bare Markdown, for `benches/scale.rs` or by
//! hand:
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --pages 10000 --terms 1000 --out /dev/shm/corpus
//! gloss build --root /dev/shm/corpus/gloss
//! ```
//!
//! With `--long`, it writes instead one chapter of 100,000 words with 1,500
//! notes and 1,500 citations of 200 works, as a gloss site in DIR and its
//! bare body in DIR/bare.md.
//!
//! The same seed writes the same bytes.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Writes DIR/gloss (a gloss site), DIR/hugo (the same pages for Hugo) and
/// DIR/bare (the Markdown bodies alone).
#[derive(Debug, Parser)]
#[command(name = "gen-corpus")]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 10_000)]
    pages: usize,
    /// How many glossary terms to write.
    #[arg(long, default_value_t = 1_000)]
    terms: usize,
    /// The folder to write the three trees in.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Every choice is drawn from this seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Remove DIR/gloss, DIR/hugo and DIR/bare first if they exist.
    #[arg(long)]
    force: bool,
    /// Write the long chapter instead.
    #[arg(long)]
    long: bool,
    /// Put gloss's articles in series of five parts and give each two to
    /// four of 300 tags, as a publication of that size would.
    #[arg(long)]
    lists: bool,
    /// Give gloss's site a second language (Persian) holding one in N of
    /// its articles translated; 10 for a tenth.
    #[arg(long, value_name = "N")]
    translated: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.long {
        return match corpus::generate_long(&args.out, 100_000, 1_500, 1_500, 200) {
            Ok(body) => {
                let words = corpus::count_words(&body);
                println!("one chapter of {words} words in {}", args.out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if args.force {
        for tree in ["gloss", "hugo", "bare"] {
            let dir = args.out.join(tree);
            if dir.exists()
                && let Err(e) = std::fs::remove_dir_all(&dir)
            {
                eprintln!("error: cannot remove {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let spec = corpus::Spec {
        pages: args.pages,
        terms: args.terms,
        seed: args.seed,
    };
    let started = Instant::now();
    let generated = corpus::generate(&spec, &args.out).and_then(|summary| {
        if args.lists {
            corpus::add_lists(&args.out.join("gloss"), args.seed)?;
        }
        if let Some(every) = args.translated {
            corpus::add_translations(&args.out.join("gloss"), every)?;
        }
        Ok(summary)
    });
    match generated {
        Ok(summary) => {
            println!(
                "{} pages, {} terms, {} words, {} bytes (gloss/ {}, hugo/ {}, bare/ {}) in {}, {:.2} s",
                summary.pages,
                summary.terms,
                summary.words,
                summary.gloss_bytes + summary.hugo_bytes + summary.bare_bytes,
                summary.gloss_bytes,
                summary.hugo_bytes,
                summary.bare_bytes,
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                eprintln!("pass --force to replace it");
            }
            ExitCode::FAILURE
        }
    }
}
