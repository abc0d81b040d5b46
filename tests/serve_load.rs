//! `gloss serve` under a short load from wrk while an article is saved ten
//! times a second (the `load` bench runs the same for longer and records the
//! figures): no request fails, no response is part of a file, and once the
//! saving stops the server sends the site a clean render makes.

#[path = "../benches/corpus/mod.rs"]
mod corpus;
#[path = "../benches/wrk/mod.rs"]
mod wrk;

use std::path::Path;
use std::process::Command;

#[test]
fn every_request_is_answered_whole_while_an_article_is_saved() {
    if Command::new("wrk").arg("--version").output().is_err() {
        let why = "the load test needs `wrk` (Debian's package)";
        if std::env::var_os("CI").is_some() {
            panic!("{why}: .ci/run must install it");
        }
        eprintln!("NOTICE: skipping the load test: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    corpus::copy_demo(dir.path()).unwrap();
    let article = dir.path().join("content/articles/tabriz-1909.md");
    let load = wrk::Load {
        seconds: 5,
        connections: 16,
        threads: 2,
        saves_per_second: 10,
    };
    let gloss = Path::new(env!("CARGO_BIN_EXE_gloss"));
    let outcome = wrk::run(gloss, dir.path(), &article, &load);
    assert!(outcome.requests > 200, "{outcome:?}");
    assert!(outcome.saves >= 25, "{outcome:?}");
    assert_eq!(outcome.socket_errors, 0, "{outcome:?}");
    assert_eq!(outcome.not_ok, 0, "{outcome:?}");
    assert_eq!(outcome.partial, 0, "{outcome:?}");
    assert_eq!(outcome.differing, Vec::<String>::new(), "{outcome:?}");
    // Fifty saves each make a new site in memory; the old ones must go.
    let (first, last, _) = outcome.memory();
    assert!(last < first + 32 * 1024, "memory grew: {outcome:?}");
}
