//! `gloss serve` under load while an article is being edited: wrk from
//! loopback (64 connections for 30 seconds by default) asks for every file
//! of the site in turn as the article is saved five times a second. Reports
//! throughput, latency, failed and partial responses, the server's memory
//! over the run, and whether the site served after the last save is the one
//! a clean render makes. Needs `wrk` (Debian's package).
//!
//! cargo bench --bench load -- [--seconds 30] [--connections 64] [--threads 2]
//!   [--saves 5] [--pages N [--terms M]] [--baseline PATH]
//!
//! Without `--pages` the site is the demo site; with it, a generated one.
//! `--baseline` names another `gloss` binary (an earlier commit's, say) to
//! put under the same load first, in the same run, for a ratio.

#[path = "corpus/mod.rs"]
mod corpus;
#[path = "wrk/mod.rs"]
mod wrk;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: u64| {
        let at = args.iter().position(|a| a == name);
        at.and_then(|at| args.get(at + 1)?.parse().ok())
            .unwrap_or(default)
    };
    let load = wrk::Load {
        seconds: flag("--seconds", 30),
        connections: flag("--connections", 64) as u32,
        threads: flag("--threads", 2) as u32,
        saves_per_second: flag("--saves", 5) as u32,
    };
    let scratch = tempfile::Builder::new()
        .prefix("gloss-load-")
        .tempdir_in(corpus::scratch())
        .expect("a scratch folder");
    let (root, article, what) = match flag("--pages", 0) as usize {
        0 => {
            let root = scratch.path().to_path_buf();
            corpus::copy_demo(&root).expect("copy the demo site");
            let article = root.join("content/articles/tabriz-1909.md");
            (root, article, "the demo site".to_string())
        }
        pages => {
            let terms = flag("--terms", pages as u64 / 10) as usize;
            let spec = corpus::Spec {
                pages,
                terms,
                seed: 1,
            };
            corpus::generate(&spec, scratch.path()).expect("generate the corpus");
            let root = scratch.path().join("gloss");
            let article = corpus::first_article(&root);
            let what = format!("a generated site of {pages} articles and {terms} terms");
            (root, article, what)
        }
    };
    println!(
        "{what}: {} connections on {} threads for {} s, {} saves a second",
        load.connections, load.threads, load.seconds, load.saves_per_second
    );
    let baseline = args
        .iter()
        .position(|a| a == "--baseline")
        .and_then(|at| args.get(at + 1))
        .map(|path| {
            println!("\nbaseline {path}");
            report(wrk::run(Path::new(path), &root, &article, &load))
        });
    println!("\nthis gloss");
    let gloss = Path::new(env!("CARGO_BIN_EXE_gloss"));
    let outcome = report(wrk::run(gloss, &root, &article, &load));
    if let Some(baseline) = baseline {
        println!(
            "\nratio to the baseline: {:.2}x the requests a second, p50 latency {:.2}x",
            outcome.per_second / baseline.per_second,
            outcome.latency_p50_ms / baseline.latency_p50_ms
        );
    }
}

/// Prints what one run saw, and gives it back.
fn report(outcome: wrk::Outcome) -> wrk::Outcome {
    let (first, last, peak) = outcome.memory();
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "requests:        {} ({:.0} a second) for {} files",
        outcome.requests, outcome.per_second, outcome.files
    );
    println!(
        "latency:         p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        outcome.latency_p50_ms, outcome.latency_p99_ms, outcome.latency_max_ms
    );
    println!(
        "failures:        {} socket errors, {} not 2xx/3xx, {} partial bodies",
        outcome.socket_errors, outcome.not_ok, outcome.partial
    );
    println!(
        "saves:           {} ({} rebuilds reported failed)",
        outcome.saves, outcome.failed_builds
    );
    println!(
        "server memory:   {:.1} MiB in the first fifth, {:.1} MiB in the last, peak {:.1} MiB ({} samples)",
        mib(first),
        mib(last),
        mib(peak),
        outcome.rss_kib.len()
    );
    let tenths: Vec<String> = (outcome.memory_by_part(10).iter())
        .map(|kib| format!("{:.1}", mib(*kib)))
        .collect();
    println!("memory by tenth:  {} MiB", tenths.join(" "));
    println!(
        "after the last save: {} generated files differ from a clean render {:?}",
        outcome.differing.len(),
        outcome.differing
    );
    outcome
}
