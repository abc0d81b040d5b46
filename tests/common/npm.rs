//! The npm packages some tests run (`package.json`: the Nu Html Checker,
//! playwright-core, axe-core), installed by the tests themselves with
//! `npm ci` when this checkout lacks them and the machine has npm.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every file under `node_modules/` that a test runs.
const NEEDED: [&str; 3] = [
    "playwright-core/package.json",
    "axe-core/axe.min.js",
    "vnu-jar/build/dist/vnu.jar",
];

/// Makes sure the packages are installed: `Ok` if they are, or were just
/// installed; else why not.
pub fn packages() -> Result<(), String> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    INSTALLED.get_or_init(install).clone()
}

fn missing() -> Vec<String> {
    let modules = Path::new(ROOT).join("node_modules");
    (NEEDED.iter())
        .map(|file| modules.join(file))
        .filter(|path| !path.is_file())
        .map(|path| path.display().to_string())
        .collect()
}

fn install() -> Result<(), String> {
    if missing().is_empty() {
        return Ok(());
    }
    let npm = Command::new("npm").arg("--version").output();
    if !npm.is_ok_and(|o| o.status.success()) {
        return Err(format!(
            "`npm` (Debian package `npm`) to install {}",
            missing().join(", ")
        ));
    }
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        b"installing the test tools of package-lock.json with `npm ci`\n",
    );
    // --ignore-scripts: vnu-jar's install script only fetches a Java
    // runtime, which the system provides, as `.ci/run` says.
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(ROOT)
        .output()
        .map_err(|e| format!("`npm ci` could not start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`npm ci` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    match missing()[..] {
        [] => Ok(()),
        ref still => Err(format!("`npm ci` did not install {}", still.join(", "))),
    }
}
