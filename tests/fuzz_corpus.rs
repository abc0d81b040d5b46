//! Replays each fuzz target's committed seeds (`fuzz/seeds/<target>/`) and
//! every input that once failed (`fuzz/regressions/<target>/`) through the
//! checks the fuzz targets run, so that what the fuzzer found stays fixed
//! without cargo-fuzz. FUZZING.md says how to run the fuzzer itself.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .map(|e| e.expect("a readable entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn seeds_and_regressions_pass_every_check() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut failed = Vec::new();
    for (target, check) in checks::TARGETS {
        let seeds = inputs(&fuzz.join("seeds").join(target));
        assert!(!seeds.is_empty(), "{target} has no seeds");
        let regressions = inputs(&fuzz.join("regressions").join(target));
        for file in seeds.iter().chain(&regressions) {
            let data = std::fs::read(file).expect("a readable input");
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                failed.push(
                    file.strip_prefix(&fuzz)
                        .unwrap_or(file)
                        .display()
                        .to_string(),
                );
            }
        }
    }
    assert!(
        failed.is_empty(),
        "inputs failing their checks: {failed:#?}"
    );
}
