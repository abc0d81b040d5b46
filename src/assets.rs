//! Fingerprinting: every stylesheet and script the site publishes (the
//! built-in `gloss.css` and each `.css` and `.js` file under `static/`) is
//! published under a name carrying a hash of its final bytes, minified if
//! asked (`gloss.3f9a1c0b2e.css`), and pages link to that name, so a host can
//! let browsers keep the file for a year. The same bytes are published under
//! the file's own name too, for hand-written HTML and for stylesheets and
//! scripts that name one another. Computed once a build, before any
//! template renders.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::minify;
use crate::render::OutputFile;
use crate::routes::Routes;
use crate::url::BaseUrl;

/// The stylesheet pages link to: gloss's own, unless `static/` has one.
pub const STYLESHEET: &str = "gloss.css";
/// The script pages load: gloss's own, unless `static/` has one.
pub const SCRIPT: &str = "gloss.js";
/// Kept beside the built-in templates.
const BUILT_IN_STYLESHEET: &str = include_str!("render/assets/gloss.css");
const BUILT_IN_SCRIPT: &str = include_str!("render/assets/gloss.js");

/// How many hex digits of the SHA-256 of a file its fingerprint keeps.
const HASH_LEN: usize = 10;

#[derive(Debug, Default)]
pub struct Assets {
    /// Each asset's fingerprinted path, by its own path under the output
    /// (`css/site.css` -> `css/site.0123456789.css`).
    fingerprinted: BTreeMap<String, String>,
    /// The files to write: each asset under both names, by path.
    files: Vec<OutputFile>,
}

/// Which files are fingerprinted, by extension.
fn is_asset(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

impl Assets {
    /// Reads the site's stylesheets and scripts, minifies them if asked and
    /// names each after its hash.
    pub fn collect(root: &Path, routes: &Routes, minify: bool) -> (Assets, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        // Each asset's path, the name problems with it are reported under, and its bytes.
        let mut sources: Vec<(String, String, Vec<u8>)> = Vec::new();
        if !routes.has_static(STYLESHEET) {
            let shown = format!("(built-in stylesheet) {STYLESHEET}");
            let bytes = BUILT_IN_STYLESHEET.as_bytes().to_vec();
            sources.push((STYLESHEET.to_string(), shown, bytes));
        }
        if !routes.has_static(SCRIPT) {
            let shown = format!("(built-in script) {SCRIPT}");
            let bytes = BUILT_IN_SCRIPT.as_bytes().to_vec();
            sources.push((SCRIPT.to_string(), shown, bytes));
        }
        let mut from_static: Vec<&str> = routes.static_files().filter(|p| is_asset(p)).collect();
        from_static.sort_unstable();
        for rel in from_static {
            let shown = format!("static/{rel}");
            match std::fs::read(root.join(&shown)) {
                Ok(bytes) => sources.push((rel.to_string(), shown, bytes)),
                Err(e) => diagnostics.push(Diagnostic::error(shown, format!("cannot read: {e}"))),
            }
        }
        let mut assets = Assets::default();
        for (path, shown, bytes) in sources {
            let bytes = if minify {
                minified(&path, &shown, bytes, &mut diagnostics)
            } else {
                bytes
            };
            let hashed = fingerprinted_path(&path, &bytes);
            assets.files.push(OutputFile {
                path: hashed.clone(),
                contents: bytes.clone(),
            });
            assets.files.push(OutputFile {
                path: path.clone(),
                contents: bytes,
            });
            assets.fingerprinted.insert(path, hashed);
        }
        // A fingerprinted name that is also a file of static/ (a built site
        // copied into static/, say) would be written twice.
        for (path, hashed) in &assets.fingerprinted {
            if routes.has_static(hashed) {
                diagnostics.push(
                    Diagnostic::error(
                        format!("static/{hashed}"),
                        format!(
                            "this file has the fingerprinted name of {path}, which the build writes"
                        ),
                    )
                    .with_help("remove or rename the file in static/"),
                );
            }
        }
        assets.files.sort_by(|a, b| a.path.cmp(&b.path));
        (assets, diagnostics)
    }

    /// The fingerprinted path of the asset at `path`, if it is one.
    pub fn fingerprinted(&self, path: &str) -> Option<&str> {
        self.fingerprinted.get(path).map(String::as_str)
    }

    /// Every asset's fingerprinted path, by its own path.
    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.fingerprinted
    }

    /// The files to write: every asset under its fingerprinted name and its own.
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// The URL templates' `asset()` gives for each file the site publishes
    /// from `static/` (and the built-in stylesheet): the fingerprinted one
    /// for a stylesheet or script, the plain one for any other file.
    pub fn urls(&self, base: &BaseUrl, routes: &Routes) -> BTreeMap<String, String> {
        let plain = routes.static_files().map(|rel| (rel, rel));
        let hashed = self
            .fingerprinted
            .iter()
            .map(|(rel, hashed)| (rel.as_str(), hashed.as_str()));
        // Collected in this order, a fingerprinted URL replaces the plain one.
        plain
            .chain(hashed)
            .map(|(rel, published)| (rel.to_string(), base.file_link(published)))
            .collect()
    }
}

/// A stylesheet or script minified, or as it was if it cannot be read
/// (with a warning saying why).
fn minified(path: &str, shown: &str, bytes: Vec<u8>, diagnostics: &mut Diagnostics) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        diagnostics.push(Diagnostic::warning(
            shown,
            "not minified: the file is not valid UTF-8",
        ));
        return bytes;
    };
    let result = if path.ends_with(".css") {
        minify::css(text)
    } else {
        minify::js(text)
    };
    match result {
        Ok(small) => small.into_bytes(),
        Err(why) => {
            let warning = Diagnostic::warning(shown, format!("not minified: {}", why.message));
            diagnostics.push(match why.offset {
                Some(offset) => warning.at(text, offset),
                None => warning,
            });
            bytes
        }
    }
}

/// `name.ext` as `name.<hash>.ext`, in the same folder.
fn fingerprinted_path(path: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex.truncate(HASH_LEN);
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let file = format!("{stem}.{hex}.{ext}");
    if folder.is_empty() {
        file
    } else {
        format!("{folder}/{file}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_sha256_prefixes_in_the_same_folder() {
        // SHA-256 of the empty string begins e3b0c44298fc1c14.
        assert_eq!(fingerprinted_path("gloss.css", b""), "gloss.e3b0c44298.css");
        assert_eq!(
            fingerprinted_path("js/menu.min.js", b""),
            "js/menu.min.e3b0c44298.js"
        );
        assert_ne!(
            fingerprinted_path("a.css", b"body{}"),
            fingerprinted_path("a.css", b"p{}")
        );
    }
}
