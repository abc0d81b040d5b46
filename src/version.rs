//! Which gloss this is, and whether a site may be built with it: a site's
//! `site.toml` may say `gloss = ">=0.2"`, and a gloss outside that range
//! refuses the site rather than building it wrongly.

use crate::diagnostics::Diagnostic;

/// This gloss's version, as released.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The commit this gloss was built from, where the build could tell.
pub const COMMIT: Option<&str> = option_env!("GLOSS_BUILD_COMMIT");

/// What `gloss --version` prints after the name: "0.2.0 (commit 1a2b3c4d5e6f)".
pub const LONG: &str = env!("GLOSS_VERSION_LONG");

/// The requirement `gloss init` writes: this release or any later one.
pub fn init_requirement() -> String {
    let version = semver::Version::parse(VERSION).expect("Cargo's version is semver");
    format!(">={}.{}", version.major, version.minor)
}

/// Checks `requirement`, the `gloss` value of `site.toml` at `offset` of
/// `text`, against this gloss.
pub fn check(
    path: &std::path::Path,
    text: &str,
    offset: usize,
    requirement: &str,
) -> Result<(), Diagnostic> {
    let running = semver::Version::parse(VERSION).expect("Cargo's version is semver");
    let wanted = semver::VersionReq::parse(requirement).map_err(|e| {
        Diagnostic::error(
            path,
            format!("`{requirement}` is not a version requirement: {e}"),
        )
        .at(text, offset)
        .with_help("write one such as \">=0.2\", \"0.2\" (any 0.2.x) or \">=0.2, <0.4\"")
    })?;
    if matches_release(&wanted, &running) {
        return Ok(());
    }
    Err(Diagnostic::error(
        path,
        format!("this site needs gloss {wanted}, but this is gloss {running}"),
    )
    .at(text, offset)
    .with_help(format!(
        "install a gloss that matches {wanted} (the README's Install section says how), \
         or change `gloss` in site.toml if the site works with {running}"
    )))
}

/// Whether `version` meets `wanted`, treating a pre-release of gloss as the
/// release it leads to (semver alone would refuse `0.3.0-dev` for ">=0.2").
fn matches_release(wanted: &semver::VersionReq, version: &semver::Version) -> bool {
    let mut release = version.clone();
    release.pre = semver::Prerelease::EMPTY;
    wanted.matches(version) || wanted.matches(&release)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn checked(requirement: &str) -> Result<(), Diagnostic> {
        let text = format!("gloss = \"{requirement}\"\n");
        check(Path::new("site.toml"), &text, 8, requirement)
    }

    #[test]
    fn the_running_version_meets_what_init_writes() {
        checked(&init_requirement()).unwrap();
        checked(VERSION).unwrap();
        checked(&format!("={VERSION}")).unwrap();
    }

    #[test]
    fn a_range_that_leaves_this_version_out_names_both_versions() {
        let err = checked(">=999").unwrap_err();
        assert!(err.message.contains(">=999"), "{}", err.message);
        assert!(err.message.contains(VERSION), "{}", err.message);
        assert_eq!(err.position.map(|p| (p.line, p.column)), Some((1, 9)));
        let err = checked("<0.0.1").unwrap_err();
        assert!(err.message.contains("<0.0.1"), "{}", err.message);
    }

    #[test]
    fn a_malformed_requirement_is_an_error_at_its_place() {
        let err = checked(">=zero").unwrap_err();
        assert!(err.message.contains("not a version requirement"));
        assert_eq!(err.position.map(|p| (p.line, p.column)), Some((1, 9)));
    }

    #[test]
    fn pre_releases_count_as_their_release() {
        let wanted = semver::VersionReq::parse(">=0.2").unwrap();
        assert!(matches_release(&wanted, &"0.3.0-dev".parse().unwrap()));
        assert!(!matches_release(&wanted, &"0.1.9".parse().unwrap()));
    }
}
