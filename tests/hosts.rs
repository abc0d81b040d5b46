//! A site of its own, published without compiling gloss: `gloss init
//! --host` writes each host's settings, and these tests run them as the host
//! would. The release workflow's own packaging step archives this gloss, a
//! server on 127.0.0.1 serves the archive as a release, and the site's build
//! steps, read from the written YAML or TOML, download it, check its
//! checksum and build the site under the host's address.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;

use common::{Run, Site, copy_dir, gloss, read_text, write_file};
use serde_yaml::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The release target whose archive a Linux host of this machine's kind downloads.
fn linux_target() -> String {
    format!("{}-unknown-linux-musl", std::env::consts::ARCH)
}

// ------------------------------------------------------- the release

/// A release of this gloss, made by the release workflow's "Package" step
/// in a folder laid out as the workflow's build job leaves it.
struct Release {
    /// The files the step left in `dist/`, by name.
    files: BTreeMap<String, Vec<u8>>,
}

/// The release every test downloads, packaged once: the debug binary is
/// large, and compressing it is most of what packaging costs.
fn release() -> &'static Release {
    static RELEASE: std::sync::OnceLock<Release> = std::sync::OnceLock::new();
    RELEASE.get_or_init(Release::package)
}

impl Release {
    fn package() -> Release {
        let tmp = tempfile::tempdir().unwrap();
        let target = linux_target();
        let binary = tmp.path().join(format!("target/{target}/release/gloss"));
        fs::create_dir_all(binary.parent().unwrap()).unwrap();
        fs::copy(env!("CARGO_BIN_EXE_gloss"), &binary).unwrap();
        fs::copy(repo().join("README.md"), tmp.path().join("README.md")).unwrap();

        let workflow = yaml(&repo().join(".github/workflows/release.yml"));
        let job = &workflow["jobs"]["build"];
        let step = job["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|s| s["name"].as_str() == Some("Package"))
            .expect("release.yml has a Package step");
        let mut expressions = BTreeMap::new();
        expressions.insert("matrix.target", target.clone());
        expressions.insert("matrix.os", "ubuntu-latest".into());
        expressions.insert("matrix.rustflags", String::new());
        expressions.insert("needs.version.outputs.version", VERSION.into());
        let env = step_env(&[&workflow, job, step], &expressions);
        let shell = job["defaults"]["run"]["shell"].as_str();
        run_script(step, shell, &expressions, &env, tmp.path()).assert_ok();
        let files = fs::read_dir(tmp.path().join("dist"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().into_string().unwrap();
                (name, fs::read(e.path()).unwrap())
            })
            .collect();
        Release { files }
    }

    fn archive(&self) -> String {
        format!("gloss-{VERSION}-{}.tar.gz", linux_target())
    }

    /// The release's files, but with a published checksum that does not
    /// match the archive.
    fn with_wrong_checksum(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = self.files();
        let wrong = format!("{}  {}\n", "0".repeat(64), self.archive());
        files.insert(format!("{}.sha256", self.archive()), wrong.into_bytes());
        files
    }

    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.files.clone()
    }
}

/// An HTTP server on 127.0.0.1 serving a release folder as a forge serves
/// release downloads, `/v<version>/<file>`, and recording what was asked.
struct Releases {
    url: String,
    asked: Arc<Mutex<Vec<String>>>,
    server: Arc<tiny_http::Server>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Releases {
    fn serve(files: BTreeMap<String, Vec<u8>>) -> Releases {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (server, asked) = (server.clone(), asked.clone());
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    let path = request.url().to_string();
                    asked.lock().unwrap().push(path.clone());
                    let file = path
                        .strip_prefix(&format!("/v{VERSION}/"))
                        .and_then(|name| files.get(name));
                    let response = match file {
                        Some(bytes) => tiny_http::Response::from_data(bytes.clone()).boxed(),
                        None => tiny_http::Response::empty(404).boxed(),
                    };
                    let _ = request.respond(response);
                }
            })
        };
        Releases {
            url: format!("http://127.0.0.1:{port}"),
            asked,
            server,
            thread: Some(thread),
        }
    }

    fn downloads(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

impl Drop for Releases {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

// ------------------------------------------------------- running CI files

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&read_text(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with each `${{ expression }}` replaced by its value; an
/// expression the test does not know fails the test, so that nothing a
/// host would fill in goes unnoticed.
fn substitute(text: &str, expressions: &BTreeMap<&str, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let name = rest[start + 3..end].trim();
        let value = expressions
            .get(name)
            .unwrap_or_else(|| panic!("unknown expression `{name}` in\n{text}"));
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The environment a GitHub Actions step sees from the `env` maps of its
/// workflow, job and step, in that order.
fn step_env(levels: &[&Value], expressions: &BTreeMap<&str, String>) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    for level in levels {
        if let Some(map) = level["env"].as_mapping() {
            for (k, v) in map {
                let value = match v {
                    Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other).unwrap().trim().to_string(),
                };
                env.insert(
                    k.as_str().unwrap().to_string(),
                    substitute(&value, expressions),
                );
            }
        }
    }
    env
}

/// Runs a step's `run` script as GitHub's runner does on Linux: `bash -e`
/// by default, `bash --noprofile --norc -eo pipefail` for `shell: bash`;
/// with only the given environment, PATH and HOME.
fn run_script(
    step: &Value,
    default_shell: Option<&str>,
    expressions: &BTreeMap<&str, String>,
    env: &BTreeMap<String, String>,
    dir: &Path,
) -> Run {
    let script = substitute(step["run"].as_str().expect("a run step"), expressions);
    let shell = step["shell"].as_str().or(default_shell);
    let args: &[&str] = match shell {
        None => &["-e"],
        Some("bash") => &["--noprofile", "--norc", "-eo", "pipefail"],
        Some(other) => panic!("a shell the test does not run: {other}"),
    };
    shell_run("bash", args, &script, env, dir)
}

/// Runs `script` with `program args FILE` in `dir`, with a clean environment.
fn shell_run(
    program: &str,
    args: &[&str],
    script: &str,
    env: &BTreeMap<String, String>,
    dir: &Path,
) -> Run {
    let file = tempfile::NamedTempFile::new().unwrap();
    fs::write(file.path(), script).unwrap();
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(file.path().as_os_str());
    run_in(program, &all, env, dir)
}

/// Runs a command line the way a host runs its build command: `bash -c`.
fn command_run(line: &str, env: &BTreeMap<String, String>, dir: &Path) -> Run {
    run_in("bash", &["-c".as_ref(), line.as_ref()], env, dir)
}

/// Runs `program args` in `dir` with only `env`, PATH and HOME.
fn run_in(
    program: &str,
    args: &[&std::ffi::OsStr],
    env: &BTreeMap<String, String>,
    dir: &Path,
) -> Run {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .envs(env);
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    Run::from(output)
}

/// A site made by `gloss init --host <host>`.
fn init(host: &str) -> Site {
    let site = Site::empty();
    let root = site.root();
    gloss(&["init", "--host", host, root.to_str().unwrap()]).assert_ok();
    site
}

/// The address of the site's home page as its canonical link gives it.
fn canonical(root: &Path) -> String {
    let page = common::Page::parse(read_text(&root.join("public/index.html")));
    page.attr("link[rel=canonical]", "href")
}

/// Runs the build job of the GitHub Pages workflow in `dir`, emulating the
/// actions it uses; returns what the run printed and the cache's path.
fn github_build(dir: &Path, releases: &str, pages_url: &str) -> (Run, PathBuf) {
    let workflow = yaml(&dir.join(".github/workflows/pages.yml"));
    let job = &workflow["jobs"]["build"];
    assert_eq!(job["runs-on"].as_str(), Some("ubuntu-latest"));
    let mut expressions = BTreeMap::new();
    expressions.insert("steps.pages.outputs.base_url", pages_url.to_string());
    expressions.insert("runner.os", "Linux".into());
    expressions.insert("runner.arch", "X64".into());
    let mut env = step_env(&[&workflow, job], &expressions);
    expressions.insert("env.GLOSS_VERSION", env["GLOSS_VERSION"].clone());
    env.insert("GLOSS_RELEASES".into(), releases.into());
    let mut cache = None;
    let mut last = None;
    for step in job["steps"].as_sequence().unwrap() {
        if let Some(action) = step["uses"].as_str() {
            match action.split('@').next().unwrap() {
                "actions/checkout" | "actions/configure-pages" => {}
                "actions/upload-pages-artifact" => {
                    assert_eq!(step["with"]["path"].as_str(), Some("public"));
                }
                "actions/cache" => {
                    let path = substitute(step["with"]["path"].as_str().unwrap(), &expressions);
                    let key = substitute(step["with"]["key"].as_str().unwrap(), &expressions);
                    assert!(
                        key.contains(VERSION),
                        "the cache key names the version: {key}"
                    );
                    cache = Some(dir.join(path));
                }
                other => panic!("an action the test does not know: {other}"),
            }
            continue;
        }
        let mut step_env_all = env.clone();
        step_env_all.extend(step_env(&[step], &expressions));
        let run = run_script(step, None, &expressions, &step_env_all, dir);
        if !run.status.success() {
            return (run, cache.expect("a cache step"));
        }
        last = Some(run);
    }
    (last.expect("run steps"), cache.expect("a cache step"))
}

// ------------------------------------------------------- the tests

#[test]
fn github_pages_workflow_builds_with_the_released_gloss_and_caches_it() {
    let release = release();
    let releases = Releases::serve(release.files());
    let site = init("github");
    let pages = "https://historian.github.io/tabriz";
    let (run, cache) = github_build(&site.root(), &releases.url, pages);
    run.assert_ok();
    assert_eq!(
        releases.downloads(),
        [
            format!("/v{VERSION}/{}", release.archive()),
            format!("/v{VERSION}/{}.sha256", release.archive()),
        ]
    );
    assert_eq!(canonical(&site.root()), format!("{pages}/"));
    let home = read_text(&site.path("public/index.html"));
    assert!(
        home.contains("href=\"/tabriz/articles/"),
        "links use the sub-path"
    );

    // A new checkout with the cache restored downloads nothing.
    let again = Site::empty();
    copy_dir(&site.root().join("content"), &again.path("content"));
    for file in ["site.toml", ".github/workflows/pages.yml"] {
        write_file(&again.path(file), fs::read(site.path(file)).unwrap());
    }
    copy_dir(
        &cache,
        &again.root().join(cache.strip_prefix(site.root()).unwrap()),
    );
    let (run, _) = github_build(&again.root(), &releases.url, pages);
    run.assert_ok();
    assert_eq!(releases.downloads().len(), 2, "the cached gloss is used");
    assert_eq!(canonical(&again.root()), format!("{pages}/"));
}

#[test]
fn a_release_whose_checksum_does_not_match_is_refused() {
    let releases = Releases::serve(release().with_wrong_checksum());
    let site = init("github");
    let (run, _) = github_build(&site.root(), &releases.url, "https://h.github.io/t");
    assert!(!run.status.success(), "the install step must fail\n{run}");
    run.assert_stderr_has("SHA-256");
    run.assert_stderr_has("not using it");
    assert!(
        !site.path(&format!(".gloss/bin/{VERSION}/gloss")).exists(),
        "nothing is kept for the next run to use"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn a_release_that_is_not_there_fails_the_install() {
    let releases = Releases::serve(BTreeMap::new());
    let site = init("github");
    let (run, _) = github_build(&site.root(), &releases.url, "https://h.github.io/t");
    assert!(!run.status.success(), "{run}");
    assert!(!site.path(&format!(".gloss/bin/{VERSION}/gloss")).exists());
}

/// The GitLab job's script, run as its Alpine image runs it: in BusyBox's
/// shell with BusyBox's wget, sha256sum and tar, where BusyBox is installed
/// (CI installs it), else in the system's `sh`.
fn gitlab_build(dir: &Path, releases: &str, pages_url: &str) -> Run {
    let ci = yaml(&dir.join(".gitlab-ci.yml"));
    let job = &ci["pages"];
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    let mut env: BTreeMap<String, String> = ci["variables"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().into(), v.as_str().unwrap().into()))
        .collect();
    env.insert("GLOSS_RELEASES".into(), releases.into());
    env.insert("CI_PAGES_URL".into(), pages_url.into());
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect();
    let script = script.join("\n");
    match busybox() {
        Some(bin) => {
            env.insert("PATH".into(), bin.path().to_string_lossy().into_owned());
            let sh = bin.path().join("sh");
            let args = ["-e".as_ref(), "-c".as_ref(), script.as_ref()];
            run_in(&sh.to_string_lossy(), &args, &env, dir)
        }
        None => {
            if std::env::var_os("CI").is_some() {
                panic!("BusyBox is needed for the GitLab test in CI");
            }
            eprintln!("NOTICE: BusyBox not found; the GitLab job runs in the system's sh");
            shell_run("sh", &["-e"], &script, &env, dir)
        }
    }
}

/// A folder of BusyBox's applets and nothing else, for a PATH like Alpine's.
fn busybox() -> Option<tempfile::TempDir> {
    let path = which("busybox")?;
    let bin = tempfile::tempdir().unwrap();
    for applet in [
        "sh",
        "wget",
        "sha256sum",
        "tar",
        "gzip",
        "mkdir",
        "mktemp",
        "rm",
        "mv",
        "cut",
        "uname",
        "cat",
        "echo",
    ] {
        std::os::unix::fs::symlink(&path, bin.path().join(applet)).unwrap();
    }
    Some(bin)
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

#[test]
fn gitlab_pages_job_builds_with_the_released_gloss() {
    let release = release();
    let releases = Releases::serve(release.files());
    let site = init("gitlab");
    let pages = "https://historian.gitlab.io/tabriz";
    let run = gitlab_build(&site.root(), &releases.url, pages);
    run.assert_ok();
    assert_eq!(releases.downloads().len(), 2);
    assert_eq!(canonical(&site.root()), format!("{pages}/"));
    let ci = yaml(&site.path(".gitlab-ci.yml"));
    assert_eq!(
        ci["pages"]["cache"]["paths"][0].as_str(),
        Some(".gloss/bin/")
    );
    // The cached folder is used by the next run.
    fs::remove_dir_all(site.path("public")).unwrap();
    gitlab_build(&site.root(), &releases.url, pages).assert_ok();
    assert_eq!(releases.downloads().len(), 2, "the cached gloss is used");
}

#[test]
fn gitlab_job_refuses_a_wrong_checksum() {
    let releases = Releases::serve(release().with_wrong_checksum());
    let site = init("gitlab");
    let run = gitlab_build(&site.root(), &releases.url, "https://h.gitlab.io/t");
    assert!(!run.status.success(), "{run}");
    run.assert_stderr_has("not using it");
    assert!(!site.path("public").exists());
}

/// Netlify's build command from `netlify.toml`, run in a shell as Netlify
/// runs it, with the variables Netlify sets for `context`.
fn netlify_build(dir: &Path, releases: &str, context: &str) -> Run {
    let settings: toml::Table = read_text(&dir.join("netlify.toml")).parse().unwrap();
    let build = settings["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().unwrap();
    let mut env = BTreeMap::new();
    env.insert("GLOSS_RELEASES".to_string(), releases.to_string());
    env.insert("CONTEXT".into(), context.into());
    env.insert("URL".into(), "https://tabriz-1909.netlify.app".into());
    env.insert(
        "DEPLOY_PRIME_URL".into(),
        "https://deploy-preview-7--tabriz-1909.netlify.app".into(),
    );
    command_run(command, &env, dir)
}

#[test]
fn netlify_builds_production_and_previews_for_their_own_addresses() {
    let release = release();
    let releases = Releases::serve(release.files());
    let site = init("netlify");
    netlify_build(&site.root(), &releases.url, "production").assert_ok();
    assert_eq!(canonical(&site.root()), "https://tabriz-1909.netlify.app/");
    netlify_build(&site.root(), &releases.url, "deploy-preview").assert_ok();
    assert_eq!(
        canonical(&site.root()),
        "https://deploy-preview-7--tabriz-1909.netlify.app/"
    );
    assert_eq!(releases.downloads().len(), 2, "downloaded once");
}

#[test]
fn cloudflare_build_command_builds_for_the_sites_base_url() {
    let release = release();
    let releases = Releases::serve(release.files());
    let site = init("cloudflare");
    let readme = read_text(&site.path("README.md"));
    assert!(readme.contains("`sh publish.sh`") && readme.contains("`public`"));
    let config = read_text(&site.path("site.toml"))
        .replace("https://example.org/", "https://tabriz-1909.pages.dev/");
    fs::write(site.path("site.toml"), config).unwrap();
    let mut env = BTreeMap::new();
    env.insert("GLOSS_RELEASES".to_string(), releases.url.clone());
    env.insert("CF_PAGES".into(), "1".into());
    command_run("sh publish.sh", &env, &site.root()).assert_ok();
    assert_eq!(canonical(&site.root()), "https://tabriz-1909.pages.dev/");
    assert_eq!(releases.downloads().len(), 2);

    let bad = Releases::serve(release.with_wrong_checksum());
    let fresh = init("cloudflare");
    env.insert("GLOSS_RELEASES".into(), bad.url.clone());
    let run = command_run("sh publish.sh", &env, &fresh.root());
    assert!(!run.status.success(), "{run}");
    run.assert_stderr_has("not using it");
}

#[test]
fn the_release_archive_holds_the_binary_and_its_checksum() {
    let release = release();
    assert_eq!(
        release.files.keys().collect::<Vec<_>>(),
        [&release.archive(), &format!("{}.sha256", release.archive())]
    );
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join(release.archive());
    fs::write(&archive, &release.files[&release.archive()]).unwrap();
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    let folder = format!("gloss-{VERSION}-{}", linux_target());
    for entry in ["gloss", "README.md"] {
        assert!(
            listing.lines().any(|l| l == format!("{folder}/{entry}")),
            "{entry} in\n{listing}"
        );
    }
    let sum =
        String::from_utf8(release.files[&format!("{}.sha256", release.archive())].clone()).unwrap();
    let (hash, name) = sum.trim().split_once("  ").unwrap();
    assert_eq!(name, release.archive());
    use sha2::Digest;
    let digest = sha2::Sha256::digest(fs::read(&archive).unwrap());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hash, hex);
}

#[test]
fn every_ci_file_passes_the_schema_validator() {
    let module = || {
        let probe = Command::new("python3")
            .args(["-m", "check_jsonschema", "--version"])
            .output();
        probe.is_ok_and(|o| o.status.success()).then(|| {
            vec![
                "python3".to_string(),
                "-m".into(),
                "check_jsonschema".into(),
            ]
        })
    };
    let validator = which("check-jsonschema")
        .map(|path| vec![path.to_string_lossy().into_owned()])
        .or_else(module);
    let Some(validator) = validator else {
        if std::env::var_os("CI").is_some() {
            panic!("check-jsonschema is needed in CI (.ci/run installs it)");
        }
        eprintln!("NOTICE: skipping the CI file validation: check-jsonschema not found");
        return;
    };
    let github = init("github");
    let gitlab = init("gitlab");
    let mut workflows: Vec<PathBuf> = fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    workflows.sort();
    assert!(workflows.len() >= 2, "{workflows:?}");
    workflows.push(github.path(".github/workflows/pages.yml"));
    for (schema, files) in [
        ("vendor.github-workflows", workflows),
        ("vendor.gitlab-ci", vec![gitlab.path(".gitlab-ci.yml")]),
    ] {
        let output = Command::new(&validator[0])
            .args(&validator[1..])
            .args(["--builtin-schema", schema])
            .args(&files)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{schema}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_readme_and_cargo_name_the_same_repository() {
    let readme = read_text(&repo().join("README.md"));
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(
        readme.contains(&format!("cargo install --locked --git {repository} gloss")),
        "the README's install command names {repository}"
    );
    let workflow = read_text(&init("github").path(".github/workflows/pages.yml"));
    assert!(workflow.contains(&format!("{repository}/releases/download")));
}

#[test]
fn the_rust_version_asked_for_covers_every_dependency() {
    // Every platform's dependencies: cargo fetches the manifests of those
    // a build for this one never needed.
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let parse = |v: &str| -> Vec<u32> {
        let mut parts: Vec<u32> = v.split('.').map(|n| n.parse().unwrap()).collect();
        parts.resize(3, 0);
        parts
    };
    let ours = parse(env!("CARGO_PKG_RUST_VERSION"));
    for package in metadata["packages"].as_array().unwrap() {
        if let Some(needed) = package["rust_version"].as_str() {
            assert!(
                parse(needed) <= ours,
                "{} needs Rust {needed}, more than Cargo.toml's rust-version",
                package["name"]
            );
        }
    }
    let minor = ours[..2]
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let readme = read_text(&repo().join("README.md"));
    assert!(
        readme.contains(&format!("with Rust {minor} or newer")),
        "the README names Rust {minor}"
    );
}
