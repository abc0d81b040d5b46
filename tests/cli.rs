//! The command line's conventions: help and version, exit codes (0 done,
//! 1 problems in the site, 2 usage), results on stdout and problems on
//! stderr, colour only when asked for or on a terminal, `-q`.

mod common;

use std::process::Command;

use common::{Site, gloss};

#[test]
fn help_and_version() {
    let help = gloss(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    for command in ["build", "serve", "init", "new"] {
        assert!(
            help.stdout.contains(command),
            "{command} in\n{}",
            help.stdout
        );
    }
    let build_help = gloss(&["build", "--help"]);
    assert!(build_help.stdout.contains("--base-url"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["build", "--no-such-flag"][..],
        &[][..],
        &["frobnicate"][..],
    ] {
        let run = gloss(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}\n{run}");
        assert!(run.stdout.is_empty(), "usage errors go to stderr\n{run}");
    }
}

#[test]
fn results_on_stdout_problems_on_stderr() {
    let site = Site::fixture("basic");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(run.stdout.starts_with("built "), "{run}");
    // The summary counts pages, terms, files, bytes and time.
    let html_pages = common::files_below(&site.public())
        .iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    let summary = format!("built {html_pages} pages (");
    assert!(run.stdout.contains(&summary), "{summary} in {run}");
    for part in [" terms): ", " files, ", " KiB, in ", " ms)"] {
        assert!(run.stdout.contains(part), "{part} in {run}");
    }
    // Every file written, pages and static files alike, and their size.
    let files = common::files_below(&site.public());
    let bytes: u64 = (files.iter())
        .map(|f| std::fs::metadata(site.public().join(f)).unwrap().len())
        .sum();
    assert!(files.iter().any(|f| f.starts_with("images/")), "{files:?}");
    let written = format!(
        "): {} files, {} KiB, in ",
        files.len(),
        bytes.div_ceil(1024)
    );
    assert!(run.stdout.contains(&written), "{written} in {run}");
    assert!(run.stderr.is_empty(), "{run}");

    let verbose = site.build(&["-v"]);
    verbose.assert_ok();
    for stage in ["load", "render", "write"] {
        assert!(
            verbose
                .stdout
                .lines()
                .any(|l| l.trim_start().starts_with(stage)),
            "{stage} timing in\n{verbose}"
        );
    }

    let quiet = site.build(&["-q"]);
    quiet.assert_ok();
    assert!(quiet.stdout.is_empty(), "{quiet}");

    site.write("content/bad.md", "+++\ntitel = \"x\"\n+++\n");
    let failed = site.build(&["-q"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(failed.stdout.is_empty(), "{failed}");
    assert!(
        failed.stderr.contains("content/bad.md:2:1: error:"),
        "{failed}"
    );
}

#[test]
fn colour_only_when_asked_for() {
    let site = Site::empty();
    site.write("content/bad.md", "+++\ntitel = \"x\"\n+++\n");
    let root = site.root();
    let run = |env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
        command.args(["build", "--root", root.to_str().unwrap()]);
        command.env_remove("CLICOLOR_FORCE").env_remove("NO_COLOR");
        for (k, v) in env {
            command.env(k, v);
        }
        String::from_utf8(command.output().unwrap().stderr).unwrap()
    };
    let plain = run(&[]);
    assert!(plain.contains("error:"), "{plain}");
    assert!(
        !plain.contains('\u{1b}'),
        "no colour into a pipe: {plain:?}"
    );
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}["), "colour when forced: {forced:?}");
}

#[test]
fn version_names_the_release_and_the_commit() {
    let run = gloss(&["--version"]);
    assert_eq!(run.status.code(), Some(0), "{run}");
    let version = env!("CARGO_PKG_VERSION");
    let git = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success());
    match git {
        Some(out) => {
            let commit = String::from_utf8(out.stdout).unwrap();
            assert_eq!(
                run.stdout.trim(),
                format!("gloss {version} (commit {})", commit.trim())
            );
        }
        None => assert_eq!(run.stdout.trim(), format!("gloss {version}")),
    }
}
