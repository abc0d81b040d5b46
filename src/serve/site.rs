//! The site as the dev server holds it: every generated file in memory with
//! its validator, and the static files read from `static/` on request.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::RenderedSite;
use crate::render::OutputFile;

/// One response body and what a browser needs to cache it.
#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Arc<[u8]>,
    pub etag: String,
    /// For static files, the file's time; generated files have none, since
    /// two builds in one second would share it (their ETag tells them apart).
    pub modified: Option<SystemTime>,
}

/// Static files up to this size are held in memory with each build, so a
/// failed rebuild keeps serving them as they were; larger ones are read
/// from disk on request.
const HELD: u64 = 16 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Snapshot {
    generated: HashMap<String, Body>,
    static_dir: PathBuf,
    /// Every static file, with its bytes if held in memory.
    statics: HashMap<String, Option<Body>>,
    /// Each stylesheet's and script's fingerprinted path, by its own path.
    assets: BTreeMap<String, String>,
    /// The pictures' derived files, each read from the picture cache on request.
    derived: HashMap<String, PathBuf>,
}

impl Snapshot {
    /// The site of one build; static files unchanged since `earlier` keep
    /// the bytes it read.
    pub fn new(site: RenderedSite, earlier: &Snapshot) -> Snapshot {
        let generated = site
            .files
            .into_iter()
            .map(|f| {
                let body = Body {
                    etag: etag_of(&f.contents),
                    bytes: f.contents.into(),
                    modified: None,
                };
                (f.path, body)
            })
            .collect();
        let statics = site
            .static_files
            .into_iter()
            .map(|rel| {
                let held = hold_static(&site.static_dir, &rel, earlier.statics.get(&rel));
                (rel, held)
            })
            .collect();
        Snapshot {
            generated,
            static_dir: site.static_dir,
            statics,
            assets: site.assets,
            derived: (site.derived.into_iter())
                .map(|made| (made.path, made.file))
                .collect(),
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

    /// This site with `files` generated anew, the rest as it was.
    pub fn with_files(&self, files: Vec<OutputFile>) -> Snapshot {
        let mut generated = self.generated.clone();
        for f in files {
            let body = Body {
                etag: etag_of(&f.contents),
                bytes: f.contents.into(),
                modified: None,
            };
            generated.insert(f.path, body);
        }
        Snapshot {
            generated,
            static_dir: self.static_dir.clone(),
            statics: self.statics.clone(),
            assets: self.assets.clone(),
            derived: self.derived.clone(),
        }
    }

    pub fn exists(&self, path: &str) -> bool {
        self.generated.contains_key(path)
            || self.statics.contains_key(path)
            || self.derived.contains_key(path)
    }

    /// The file at `path` (a path under the output that [`exists`](Self::exists)).
    pub fn read(&self, path: &str) -> Option<Body> {
        if let Some(body) = self.generated.get(path) {
            return Some(body.clone());
        }
        if let Some(file) = self.derived.get(path) {
            let meta = std::fs::metadata(file).ok()?;
            let bytes = std::fs::read(file).ok()?;
            return Some(Body {
                etag: etag_of(&bytes),
                bytes: bytes.into(),
                modified: meta.modified().ok(),
            });
        }
        match self.statics.get(path)? {
            Some(body) => Some(body.clone()),
            None => read_static(&self.static_dir, path),
        }
    }
}

/// A static file's bytes to hold, reusing `earlier`'s if the file has the
/// same size and time; `None` for a file too large to hold (or unreadable
/// now: it is then read, or not, on request).
fn hold_static(dir: &Path, rel: &str, earlier: Option<&Option<Body>>) -> Option<Body> {
    let meta = dir.join(rel).symlink_metadata().ok()?;
    if meta.len() > HELD {
        return None;
    }
    if let Some(Some(body)) = earlier
        && body.modified == meta.modified().ok()
        && body.bytes.len() as u64 == meta.len()
    {
        return Some(body.clone());
    }
    read_static(dir, rel)
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
    Some(Body {
        etag: etag_of(&bytes),
        bytes: bytes.into(),
        modified: meta.modified().ok(),
    })
}

fn etag_of(bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("\"{:016x}-{:x}\"", hasher.finish(), bytes.len())
}
