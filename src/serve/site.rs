//! The site as the dev server holds it: every generated file in memory with
//! its validator, and the static files read from `static/` on request.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::RenderedSite;

/// One response body and what a browser needs to cache it.
#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Arc<[u8]>,
    pub etag: String,
    pub modified: SystemTime,
}

#[derive(Debug, Default)]
pub struct Snapshot {
    generated: HashMap<String, Body>,
    static_dir: PathBuf,
    static_files: HashSet<String>,
    /// Each stylesheet's and script's fingerprinted path, by its own path.
    assets: BTreeMap<String, String>,
}

impl Snapshot {
    pub fn new(site: RenderedSite) -> Snapshot {
        let now = SystemTime::now();
        let generated = site
            .files
            .into_iter()
            .map(|f| {
                let etag = etag_of(&f.contents);
                let body = Body {
                    bytes: f.contents.into(),
                    etag,
                    modified: now,
                };
                (f.path, body)
            })
            .collect();
        Snapshot {
            generated,
            static_dir: site.static_dir,
            static_files: site.static_files.into_iter().collect(),
            assets: site.assets,
        }
    }

    /// The stylesheets and scripts whose fingerprinted name changed since
    /// `earlier`: old URL to new, for a site served under `base_path`.
    pub fn renamed_since(&self, earlier: &Snapshot, base_path: &str) -> BTreeMap<String, String> {
        self.assets
            .iter()
            .filter_map(|(path, now)| {
                let before = earlier.assets.get(path)?;
                (before != now)
                    .then(|| (format!("{base_path}{before}"), format!("{base_path}{now}")))
            })
            .collect()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.generated.contains_key(path) || self.static_files.contains(path)
    }

    /// The file at `path` (a path under the output that [`exists`](Self::exists)).
    pub fn read(&self, path: &str) -> Option<Body> {
        if let Some(body) = self.generated.get(path) {
            return Some(body.clone());
        }
        if !self.static_files.contains(path) {
            return None;
        }
        read_static(&self.static_dir, path)
    }
}

/// Reads a file of `static/`, refusing anything that is a link or resolves
/// outside the folder (it may have changed since the site was read).
fn read_static(dir: &Path, rel: &str) -> Option<Body> {
    let path = dir.join(rel);
    let meta = path.symlink_metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let real_dir = dir.canonicalize().ok()?;
    if !path.canonicalize().ok()?.starts_with(&real_dir) {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    Some(Body {
        etag: etag_of(&bytes),
        bytes: bytes.into(),
        modified,
    })
}

fn etag_of(bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("\"{:016x}-{:x}\"", hasher.finish(), bytes.len())
}
