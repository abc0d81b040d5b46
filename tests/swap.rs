//! The output swap stopped at each of its steps, on every run: the build is
//! made to stop where `FAILPOINTS` says (the `fail` crate's failpoints, live
//! in the binary `cargo test` builds; see RELIABILITY.md), killed there or
//! with that step failing, along the one-step exchange and along the two
//! renames that replace it where a file system cannot exchange folders.
//!
//! After a kill, the output path holds one whole site (the old or the new)
//! or, only between the two renames, nothing, which the next build puts
//! back first even when it fails; the kept entries (`.git`, `CNAME`) are
//! never lost. After a failed step, the old site is there byte for byte,
//! kept entries and all, with nothing beside it. Either way the sources are
//! untouched and the next build leaves the new site and nothing else.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use common::{Run, Site, snapshot};
use gloss::output::KILLED_AT_A_STEP;

type Files = BTreeMap<PathBuf, Vec<u8>>;

/// What the output keeps across builds, with the contents each test puts there.
const KEPT: [(&str, &str); 2] = [
    (".git/HEAD", "ref: refs/heads/pages\n"),
    ("CNAME", "history.example.org\n"),
];

/// The same steps without an exchange: as a file system that cannot.
const NO_EXCHANGE: &str = "swap:exchange=return(unsupported)";

fn write_site(site: &Site, version: &str) {
    site.write(
        "site.toml",
        "title = \"Swap\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"A parliament.\"\n+++\nAn assembly.\n",
    );
    for i in 0..4 {
        site.write(
            &format!("content/articles/a{i}.md"),
            format!("+++\ntitle = \"Article {i} {version}\"\n+++\nThe majlis met, {version}.\n"),
        );
    }
}

/// The files `version` builds into, made in a folder of its own.
fn pages(version: &str) -> Files {
    let site = Site::empty();
    write_site(&site, version);
    site.build_ok(&[]);
    snapshot(&site.public())
}

/// `files` with the kept entries added.
fn with_kept(files: &Files) -> Files {
    let mut files = files.clone();
    for (path, contents) in KEPT {
        files.insert(PathBuf::from(path), contents.as_bytes().to_vec());
    }
    files
}

/// `files` without the kept entries.
fn without_kept(files: &Files) -> Files {
    let kept: Vec<PathBuf> = KEPT.iter().map(|(p, _)| PathBuf::from(p)).collect();
    (files.iter())
        .filter(|(path, _)| !kept.contains(path))
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

/// Folders beside the output that a build made for itself.
fn leftovers(site: &Site) -> Vec<PathBuf> {
    (fs::read_dir(site.root()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".public.")
        })
        .collect()
}

fn build_stopped(site: &Site, failpoints: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("FAILPOINTS", failpoints)
        .output()
        .expect("run gloss");
    Run::from(output)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Stop {
    Kill,
    /// Killed the second time the step is reached (the second kept entry).
    KillSecond,
    Fail,
    /// Failed the second time the step is reached.
    FailSecond,
}

/// Builds the new version of a site whose output holds the old one with
/// kept entries (none if `first`), stopped at `step`; checks what it left,
/// and what the next build leaves.
fn stop_at(step: &str, stop: Stop, exchange: bool, first: bool) {
    let case = format!("{step} ({stop:?}, exchange {exchange}, first build {first})");
    let (old, new) = (pages("old"), pages("new"));
    let site = Site::empty();
    write_site(&site, "old");
    let before = if first {
        Files::new()
    } else {
        site.build_ok(&[]);
        for (path, contents) in KEPT {
            site.write(&format!("public/{path}"), contents);
        }
        with_kept(&old)
    };
    write_site(&site, "new");
    let sources = snapshot(&site.path("content"));

    let action = match stop {
        Stop::Kill => "return(kill)",
        Stop::KillSecond => "1*off->return(kill)",
        Stop::Fail => "return(fail)",
        Stop::FailSecond => "1*off->return(fail)",
    };
    let mut failpoints = format!("{step}={action}");
    if !exchange {
        failpoints = format!("{NO_EXCHANGE};{failpoints}");
    }
    let run = build_stopped(&site, &failpoints);
    let now = || match site.public().exists() {
        true => snapshot(&site.public()),
        false => Files::new(),
    };
    match stop {
        Stop::Fail | Stop::FailSecond => {
            run.assert_failed();
            run.assert_stderr_has("cannot replace the output folder");
            run.assert_stderr_has(&format!("stopped at {step}"));
            run.assert_stderr_has("the previous site, if any, was kept as it was");
            assert!(now() == before, "{case}: the old site changed");
            assert_eq!(leftovers(&site), Vec::<PathBuf>::new(), "{case}");
        }
        Stop::Kill | Stop::KillSecond => {
            assert_eq!(
                run.status.code(),
                Some(KILLED_AT_A_STEP),
                "{case}: the build was not stopped there\n{run}"
            );
            if site.public().exists() {
                let site_files = without_kept(&now());
                assert!(
                    site_files == old || site_files == new,
                    "{case}: the output is not one whole site"
                );
            } else {
                assert!(
                    first || (!exchange && step == "swap:between"),
                    "{case}: no output"
                );
            }
            // Every kept entry is in the output or in one folder beside it.
            for (path, contents) in KEPT.iter().filter(|_| !first) {
                let places: Vec<PathBuf> = std::iter::once(site.public())
                    .chain(leftovers(&site))
                    .map(|dir| dir.join(path))
                    .filter(|file| fs::read_to_string(file).is_ok_and(|c| c == *contents))
                    .collect();
                assert_eq!(places.len(), 1, "{case}: {path} is at {places:?}");
            }
            // What was moved aside is put back by the next build, even one
            // that fails: one whole site, with its kept entries.
            site.write("content/articles/broken.md", "+++\ntitel = \"x\"\n+++\n");
            site.build(&[]).assert_failed();
            site.remove("content/articles/broken.md");
            let whole = if first { new.clone() } else { with_kept(&new) };
            assert!(
                now() == before || now() == whole,
                "{case}: after a failed build, the output is not one whole site with its kept entries"
            );
        }
    }
    assert!(
        snapshot(&site.path("content")) == sources,
        "{case}: a source changed"
    );
    site.build_ok(&[]);
    let expected = if first { new } else { with_kept(&new) };
    assert!(
        now() == expected,
        "{case}: the next build is not the new site"
    );
    assert_eq!(leftovers(&site), Vec::<PathBuf>::new(), "{case}");
}

#[test]
fn the_exchange_stopped_at_each_step() {
    for step in ["swap:carry", "swap:exchange"] {
        stop_at(step, Stop::Kill, true, false);
        stop_at(step, Stop::Fail, true, false);
    }
    stop_at("swap:carry", Stop::KillSecond, true, false);
    stop_at("swap:carry", Stop::FailSecond, true, false);
    stop_at("swap:exchanged", Stop::Kill, true, false);
}

#[test]
fn the_two_renames_stopped_at_each_step() {
    for step in ["swap:carry", "swap:aside", "swap:between"] {
        stop_at(step, Stop::Kill, false, false);
        stop_at(step, Stop::Fail, false, false);
    }
    stop_at("swap:carry", Stop::KillSecond, false, false);
    stop_at("swap:carry", Stop::FailSecond, false, false);
    stop_at("swap:placed", Stop::Kill, false, false);
}

#[test]
fn the_first_build_stopped_before_its_output_exists() {
    stop_at("swap:first", Stop::Kill, true, true);
    stop_at("swap:first", Stop::Fail, true, true);
}

#[test]
fn without_an_exchange_two_renames_replace_the_site_whole() {
    let site = Site::empty();
    write_site(&site, "old");
    site.build_ok(&[]);
    for (path, contents) in KEPT {
        site.write(&format!("public/{path}"), contents);
    }
    write_site(&site, "new");
    let run = build_stopped(&site, NO_EXCHANGE);
    run.assert_ok();
    assert!(snapshot(&site.public()) == with_kept(&pages("new")));
    assert_eq!(leftovers(&site), Vec::<PathBuf>::new());
}

/// How a build changed what the output's name points to, as inotify saw it
/// in the site's folder: each rename as (from, to), and each removal.
#[cfg(target_os = "linux")]
#[derive(Debug, PartialEq)]
enum Change {
    Renamed(String, String),
    Removed(String),
}

/// The changes a build of `site` makes beside its output, watched until a
/// file written after the build is seen: nothing is left in flight.
#[cfg(target_os = "linux")]
fn changes_during_build(site: &Site, failpoints: &str) -> Vec<Change> {
    use notify::event::{ModifyKind, RenameMode};
    use notify::{EventKind, RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).unwrap();
    watcher
        .watch(&site.root(), RecursiveMode::NonRecursive)
        .unwrap();
    build_stopped(site, failpoints).assert_ok();
    site.write("after-the-build", "");
    let name = |path: &PathBuf| path.file_name().unwrap().to_string_lossy().into_owned();
    let mut changes = Vec::new();
    for event in rx.iter() {
        let event = event.unwrap();
        match event.kind {
            _ if event.paths.iter().any(|p| name(p) == "after-the-build") => break,
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                changes.push(Change::Renamed(
                    name(&event.paths[0]),
                    name(&event.paths[1]),
                ));
            }
            EventKind::Remove(_) => changes.push(Change::Removed(name(&event.paths[0]))),
            _ => {}
        }
    }
    changes
}

/// Whether `public` names a whole folder throughout `changes`: it is never
/// removed, and moved only in an exchange (a rename each way, one after the
/// other, as the kernel reports `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn never_absent(changes: &[Change]) -> bool {
    let mut i = 0;
    while i < changes.len() {
        match &changes[i] {
            Change::Removed(name) if name == "public" => return false,
            Change::Renamed(from, to) if from == "public" || to == "public" => {
                let back = Change::Renamed(to.clone(), from.clone());
                if changes.get(i + 1) != Some(&back) {
                    return false;
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// The random kills of tests/faults.rs find a gap only by chance; what the
/// file system reports finds it every time: on Linux the swap is one step.
#[cfg(target_os = "linux")]
#[test]
fn the_swap_is_one_step_as_the_file_system_sees_it() {
    let site = Site::empty();
    write_site(&site, "old");
    site.build_ok(&[]);
    write_site(&site, "new");
    let changes = changes_during_build(&site, "");
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Renamed(_, to) if to == "public")),
        "no swap seen: {changes:?}"
    );
    assert!(never_absent(&changes), "{changes:?}");
    assert!(snapshot(&site.public()) == pages("new"));

    // The check itself: two renames leave a moment with no output.
    write_site(&site, "old");
    let changes = changes_during_build(&site, NO_EXCHANGE);
    assert!(!never_absent(&changes), "{changes:?}");
}

/// A `CNAME` of `static/` is a page of the site, copied into every build;
/// only what is in the output is kept across builds. Neither is ever taken
/// for the other.
#[test]
fn a_cname_in_static_is_a_source_never_moved_and_never_mixed() {
    let site = Site::empty();
    write_site(&site, "old");
    site.build_ok(&[]);
    // Added after a build: copied, and left where it is.
    site.write("static/CNAME", "a.example.org\n");
    site.build_ok(&[]);
    assert_eq!(
        fs::read_to_string(site.path("static/CNAME")).unwrap(),
        "a.example.org\n"
    );
    assert_eq!(
        fs::read_to_string(site.public().join("CNAME")).unwrap(),
        "a.example.org\n"
    );
    let before = snapshot(&site.public());

    // Changed, and the build killed as it swaps: the new CNAME is in the
    // staged site only. The next build fails, and the output is the old
    // site, its CNAME included.
    site.write("static/CNAME", "b.example.org\n");
    write_site(&site, "new");
    let run = build_stopped(&site, "swap:exchange=return(kill)");
    assert_eq!(run.status.code(), Some(KILLED_AT_A_STEP), "{run}");
    site.write("content/articles/broken.md", "+++\ntitel = \"x\"\n+++\n");
    site.build(&[]).assert_failed();
    site.remove("content/articles/broken.md");
    assert!(snapshot(&site.public()) == before, "a mix of two sites");
    site.build_ok(&[]);
    assert_eq!(
        fs::read_to_string(site.public().join("CNAME")).unwrap(),
        "b.example.org\n"
    );
    assert_eq!(
        fs::read_to_string(site.path("static/CNAME")).unwrap(),
        "b.example.org\n"
    );
    assert_eq!(leftovers(&site), Vec::<PathBuf>::new());
}
