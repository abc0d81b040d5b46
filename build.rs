//! Records the commit gloss is built from, for `gloss --version`: the
//! `GLOSS_COMMIT` environment variable if set (a packager's), else what git
//! says of the source folder, else nothing (a source archive without git).

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=GLOSS_COMMIT");
    let git = Path::new(".git");
    if git.exists() {
        // A new commit moves HEAD or the branch it names.
        for watched in ["HEAD", "refs/heads", "packed-refs"] {
            if git.join(watched).exists() {
                println!("cargo:rerun-if-changed=.git/{watched}");
            }
        }
    }
    let commit = std::env::var("GLOSS_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            let output = Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()?;
            let hash = String::from_utf8(output.stdout).ok()?;
            (output.status.success() && !hash.trim().is_empty()).then(|| hash.trim().to_string())
        });
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let long = match &commit {
        Some(commit) => {
            println!("cargo:rustc-env=GLOSS_COMMIT={commit}");
            format!("{version} (commit {commit})")
        }
        None => version,
    };
    println!("cargo:rustc-env=GLOSS_VERSION_LONG={long}");
}
