//! What a build leaves when it cannot finish: killed at any moment, or
//! refused by the disk (read-only, or full). The last good site stays whole
//! at the output path, byte for byte, and the next build that can finish
//! leaves nothing of the interrupted one behind.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Site, snapshot};

/// A site of `articles` articles linking a few terms, each page carrying
/// `version` so two versions differ in every page.
fn write_site(site: &Site, articles: usize, version: &str) {
    site.write(
        "site.toml",
        "title = \"Faults\"\nbase_url = \"https://example.org/\"\n",
    );
    for term in ["majlis", "firman", "caravanserai"] {
        site.write(
            &format!("content/glossary/{term}.md"),
            format!("+++\ntitle = \"{term}\"\nsummary = \"A {term}.\"\n+++\nThe {term}.\n"),
        );
    }
    let paragraph = "The majlis met at the caravanserai and read the firman aloud; \
                     the scribes wrote down what each of them said. ";
    for i in 0..articles {
        let body = format!("{version} {i}\n\n{}\n", paragraph.repeat(12));
        site.write(
            &format!("content/articles/a{i:04}.md"),
            format!(
                "+++\ntitle = \"Article {i} {version}\"\ndate = 1850-01-01\n+++\n{body}\n{body}"
            ),
        );
    }
}

/// Folders beside the output that a build made for itself.
fn leftovers(site: &Site) -> Vec<String> {
    fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// `gloss build` of the site, started and not waited for.
fn spawn_build(site: &Site) -> Child {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start gloss build")
}

/// A site of `articles` articles at `version`, built, and what it built.
fn site_built(articles: usize, version: &str) -> (Site, BTreeMap<PathBuf, Vec<u8>>) {
    let site = Site::empty();
    write_site(&site, articles, version);
    site.build_ok(&[]);
    let output = snapshot(&site.public());
    (site, output)
}

/// The site `version` builds into, made in a folder of its own.
fn built(version: &str, articles: usize) -> BTreeMap<PathBuf, Vec<u8>> {
    site_built(articles, version).1
}

#[test]
fn a_build_killed_while_writing_keeps_the_old_site_and_the_next_build_cleans_up() {
    let (site, before) = site_built(300, "old");
    write_site(&site, 300, "new");
    let sources = snapshot(&site.path("content"));
    let mut child = spawn_build(&site);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !leftovers(&site).iter().any(|n| n.contains(".staging-")) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before its staging folder was seen"
        );
        assert!(Instant::now() < deadline, "no staging folder appeared");
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        snapshot(&site.public()) == before,
        "the killed build changed the old site"
    );
    assert!(
        !leftovers(&site).is_empty(),
        "the kill left nothing to clean"
    );

    site.build_ok(&[]);
    assert_eq!(leftovers(&site), Vec::<String>::new());
    let after = snapshot(&site.public());
    assert!(after == built("new", 300), "the next build is wrong");
    assert!(
        snapshot(&site.path("content")) == sources,
        "a source changed"
    );
}

#[test]
fn at_whatever_moment_a_build_is_killed_the_output_is_one_whole_site() {
    let articles = 60;
    let (site, first) = site_built(articles, "v0");
    let versions = [first, built("v1", articles), built("v2", articles)];
    // The delay before each kill homes in on the end of the build, where
    // the swap is: longer after a kill that changed nothing, shorter after
    // a build that finished first.
    let mut delay = {
        let started = Instant::now();
        site.build_ok(&[]);
        started.elapsed() / 2
    };
    let (mut current, mut swapped_and_killed, mut restored) = (0, 0, 0);
    for step in 0..30 {
        let next = (current + 1) % versions.len();
        write_site(&site, articles, &format!("v{next}"));
        let mut child = spawn_build(&site);
        std::thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if !site.public().exists() {
            // Only where folders cannot be exchanged in one step: the old
            // site was moved aside, and the next build puts it back first,
            // even one that fails.
            site.write("content/broken.md", "+++\ntitel = \"x\"\n+++\n");
            site.build(&[]).assert_failed();
            site.remove("content/broken.md");
            assert!(
                snapshot(&site.public()) == versions[current],
                "kill {step} ({status}): the old site was not put back"
            );
            restored += 1;
            continue;
        }
        let now = snapshot(&site.public());
        let Some(found) = [current, next].into_iter().find(|&v| versions[v] == now) else {
            panic!("kill {step} ({status}) after {delay:?} left a mix of two sites");
        };
        let killed = !status.success();
        delay = match (found == next, killed) {
            (false, _) => delay * 9 / 8,
            (true, true) => {
                swapped_and_killed += 1;
                delay * 63 / 64
            }
            (true, false) => delay * 7 / 8,
        };
        current = found;
    }
    eprintln!(
        "{swapped_and_killed} kills landed after the swap, before the exit; \
         {restored} between the renames"
    );
    write_site(&site, articles, "v2");
    site.build_ok(&[]);
    assert!(snapshot(&site.public()) == versions[2]);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_site_moved_aside_by_a_killed_swap_is_put_back_even_if_the_build_fails() {
    let (site, before) = site_built(3, "old");
    // What a kill between the two renames of a swap leaves: the old site
    // moved aside and the new one still staged.
    fs::rename(site.public(), site.path(".public.old-k1ll3d")).unwrap();
    fs::create_dir(site.path(".public.staging-k1ll3d")).unwrap();
    fs::write(site.path(".public.staging-k1ll3d/index.html"), "half").unwrap();
    site.write("content/articles/broken.md", "+++\ntitel = \"x\"\n+++\n");
    site.build(&[]).assert_failed();
    assert!(
        snapshot(&site.public()) == before,
        "the old site is not back"
    );

    site.remove("content/articles/broken.md");
    site.build_ok(&[]);
    assert!(snapshot(&site.public()) == before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

/// Makes what gloss needs readable and passable by everyone: temporary
/// folders are made for their owner alone.
fn open_to_all(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
    }
}

fn run(mut command: Command) -> Run {
    let output = command.output().expect("run gloss");
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn build_command(site: &Site) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command.args(["build", "--root"]).arg(site.root());
    command
}

/// A failed build that said why in plain words, named the output and kept
/// the old site byte for byte, with nothing left beside it.
fn assert_kept(site: &Site, run: &Run, before: &BTreeMap<PathBuf, Vec<u8>>, words: &str) {
    run.assert_failed();
    run.assert_stderr_has(&site.public().display().to_string());
    run.assert_stderr_has(words);
    run.assert_stderr_has("the previous site, if any, was kept as it was");
    assert!(snapshot(&site.public()) == *before, "the old site changed");
    assert_eq!(leftovers(site), Vec::<String>::new());
}

#[test]
fn a_read_only_output_location_is_a_clear_error_and_keeps_the_site() {
    let (site, before) = site_built(5, "old");
    write_site(&site, 5, "new");
    open_to_all(site.tmp());
    let mut command = build_command(&site);
    // Root writes through any permission: the build then runs as nobody,
    // for whom the site's folders are read-only.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        command.uid(65534).gid(65534);
    } else {
        fs::set_permissions(site.root(), fs::Permissions::from_mode(0o555)).unwrap();
    }
    let result = run(command);
    fs::set_permissions(site.root(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_kept(&site, &result, &before, "permission denied");
    result.assert_stderr_has(&format!(
        "cannot create a staging folder in {}",
        site.root().display()
    ));
}

#[test]
fn a_full_disk_is_a_clear_error_and_keeps_the_site() {
    let (site, before) = site_built(5, "old");
    // A page larger than the files this process may write.
    let long = "The firman was read again. ".repeat(8_000);
    site.write(
        "content/articles/long.md",
        format!("+++\ntitle = \"Long\"\n+++\n{long}\n"),
    );
    let mut command = build_command(&site);
    unsafe {
        command.pre_exec(|| {
            // The kernel refuses writes past this size as a full disk
            // would; ignoring SIGXFSZ makes that an error, not a kill.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 64 * 1024,
                rlim_max: 64 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let result = run(command);
    assert_kept(&site, &result, &before, "file too large");
    result.assert_stderr_has("cannot write articles/long/index.html");
}
