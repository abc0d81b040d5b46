//! Records the commit gloss is built from, for `gloss --version`: the
//! `GLOSS_COMMIT` environment variable if set (a packager's), else what git
//! says of the source folder if it is the top of a git checkout (not a
//! folder inside someone else's repository), else nothing.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=GLOSS_COMMIT");
    let dot_git = Path::new(".git");
    if dot_git.exists() {
        // A new commit moves HEAD or the branch it names.
        for watched in ["HEAD", "refs/heads", "packed-refs"] {
            if dot_git.join(watched).exists() {
                println!("cargo:rerun-if-changed=.git/{watched}");
            }
        }
    }
    let commit = std::env::var("GLOSS_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .map(|c| c.trim().to_string())
        .or_else(|| {
            let here = std::env::var("CARGO_MANIFEST_DIR").ok()?;
            let top = git(&["rev-parse", "--show-toplevel"])?;
            let same = |a: &str, b: &str| {
                let canonical = |p: &str| Path::new(p).canonicalize().ok();
                canonical(a).is_some() && canonical(a) == canonical(b)
            };
            same(&top, &here).then(|| git(&["rev-parse", "--short=12", "HEAD"]))?
        })
        .filter(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch))
        });
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let long = match &commit {
        Some(commit) => {
            println!("cargo:rustc-env=GLOSS_BUILD_COMMIT={commit}");
            format!("{version} (commit {commit})")
        }
        None => version,
    };
    println!("cargo:rustc-env=GLOSS_VERSION_LONG={long}");
}

/// What git prints for `args`, trimmed, if it succeeds.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_string())
}
