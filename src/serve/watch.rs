//! Watches the site's sources and turns an editor's burst of file events
//! into one change (debounced: a rebuild waits until the files are quiet),
//! classified so a stylesheet edit can skip a page reload.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the sources must be quiet before a rebuild: long enough to
/// gather an editor's save (write, rename, touch), short enough to feel instant.
pub const QUIET: Duration = Duration::from_millis(20);

/// The longest a stream of changes delays a rebuild.
const PATIENCE: Duration = Duration::from_millis(500);

/// What a batch of changes touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only stylesheets under `static/`.
    Styles,
    /// Anything else that makes the site: content, templates, static, settings.
    Site,
}

/// Keeps the watch alive; dropping it stops watching.
pub struct Watch {
    watcher: Mutex<RecommendedWatcher>,
    pub(super) root: PathBuf,
    events: Receiver<Vec<PathBuf>>,
}

/// The folders whose every file makes the site.
const FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// Watches `content/`, `templates/`, `static/`, and `site.toml`, the
/// ledger of published URLs and any `.csl` style beside it, under `root`.
pub fn watch(root: &Path) -> notify::Result<Watch> {
    let (tx, events) = channel();
    let everything = root.to_path_buf();
    let handler = move |result: notify::Result<notify::Event>| {
        if let Some(paths) = changed_paths(result, &everything) {
            let _ = tx.send(paths);
        }
    };
    // Links are not followed, as the build does not follow them: a link to
    // a large tree elsewhere would otherwise be watched whole.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = RecommendedWatcher::new(handler, config)?;
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    // The root itself, not below it, for site.toml and folders made later.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    Ok(Watch {
        watcher: Mutex::new(watcher),
        root: root.to_path_buf(),
        events,
    })
}

/// The paths an event of the watch says changed, under `root`; `None` for
/// an event that changes nothing.
fn changed_paths(result: notify::Result<notify::Event>, root: &Path) -> Option<Vec<PathBuf>> {
    match result {
        // Reading a file is an event too; the build reads every source, so
        // only changes may count.
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => None,
        Ok(event) if !event.need_rescan() => Some(event.paths),
        // The system dropped events (its queue overflowed) or the watch
        // failed: the root itself stands for "anything may have changed".
        _ => Some(vec![root.to_path_buf()]),
    }
}

impl Watch {
    /// The paths of the next burst of changes, once the sources have been
    /// quiet for [`QUIET`]; `None` if nothing changed within `wait`. The root
    /// among them means events were lost, and anything may have changed.
    pub fn next_change(&self, wait: Duration) -> Option<Vec<PathBuf>> {
        let mut paths = match self.events.recv_timeout(wait) {
            Ok(paths) => paths,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            match self.events.recv_timeout(QUIET) {
                Ok(more) => paths.extend(more),
                Err(_) => break,
            }
        }
        self.rewatch_folders(&paths);
        Some(paths)
    }

    /// A site folder created, or replaced by a rename, after the watch began
    /// is watched anew (watching it again is harmless).
    fn rewatch_folders(&self, paths: &[PathBuf]) {
        let mut watcher = self.watcher.lock().unwrap_or_else(|e| e.into_inner());
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if paths.contains(&path) && path.is_dir() {
                let _ = watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
    }
}

/// Sorts changed paths into what a rebuild must do, or `None` if nothing
/// that makes the site changed (say, `public/` or an editor's swap file in
/// the root).
pub fn classify(root: &Path, paths: &[PathBuf]) -> Option<Change> {
    let relevant: Vec<PathBuf> = relevant(root, paths)
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    if relevant.is_empty() {
        return None;
    }
    let styles_only = relevant
        .iter()
        .all(|rel| rel.starts_with("static") && rel.extension().is_some_and(|x| x == "css"));
    Some(if styles_only {
        Change::Styles
    } else {
        Change::Site
    })
}

/// The paths among `paths` (under `root`) of files that make the site.
pub fn relevant(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| p.strip_prefix(root).is_ok_and(makes_the_site))
        .cloned()
        .collect()
}

/// Whether a path under the root is of a file that makes the site.
fn makes_the_site(rel: &Path) -> bool {
    !is_editor_scratch(rel) && {
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy());
        match top.as_deref() {
            Some("content" | "templates" | "static") => true,
            Some("site.toml") => rel.components().count() == 1,
            // Its ledger: deleting a line retires a URL.
            Some(crate::routes::ledger::FILE) => rel.components().count() == 1,
            // A citation style of the site's own, which `site.toml` names.
            Some(name) => name.ends_with(".csl") && rel.components().count() == 1,
            _ => false,
        }
    }
}

/// Files editors write beside the one being edited: swap and backup files,
/// lock files, and the temporary file of a save by rename.
fn is_editor_scratch(rel: &Path) -> bool {
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".crswap", ".kate-swp"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lost events (the kernel's queue overflowed) and a failed watch stand
    /// for the whole site; reading a file is no change.
    #[test]
    fn lost_events_stand_for_the_whole_site_and_reads_for_nothing() {
        use notify::event::{AccessKind, Flag, ModifyKind};
        let root = Path::new("/site");
        let page = PathBuf::from("/site/content/a.md");
        let event = |kind| notify::Event::new(kind).add_path(page.clone());
        let changed = event(EventKind::Modify(ModifyKind::Any));
        assert_eq!(changed_paths(Ok(changed), root), Some(vec![page.clone()]));
        let read = event(EventKind::Access(AccessKind::Any));
        assert_eq!(changed_paths(Ok(read), root), None);
        let whole = Some(vec![root.to_path_buf()]);
        let lost = event(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(changed_paths(Ok(lost), root), whole);
        let failed = notify::Error::generic("the watch stopped");
        assert_eq!(changed_paths(Err(failed), root), whole);
    }

    /// Files saved together, their events all waiting, come back as one
    /// change: one rebuild, not one per file.
    #[test]
    fn a_burst_of_saves_is_one_change() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        let watch = watch(&root).unwrap();
        let saved: Vec<PathBuf> = (0..5)
            .map(|i| root.join(format!("content/{i}.md")))
            .collect();
        for path in &saved {
            std::fs::write(path, "A page.\n").unwrap();
        }
        // Paces the saves, so that all their events wait in the channel.
        std::thread::sleep(Duration::from_millis(200));
        let change = watch
            .next_change(Duration::from_secs(10))
            .expect("a change");
        for path in &saved {
            assert!(
                change.contains(path),
                "{} in the first change",
                path.display()
            );
        }
    }

    fn of(paths: &[&str]) -> Option<Change> {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, &paths)
    }

    #[test]
    fn classifies_changes() {
        assert_eq!(of(&["static/style.css"]), Some(Change::Styles));
        assert_eq!(
            of(&["static/style.css", "content/a.md"]),
            Some(Change::Site)
        );
        assert_eq!(of(&["templates/base.html"]), Some(Change::Site));
        assert_eq!(of(&["site.toml"]), Some(Change::Site));
        assert_eq!(of(&["static/map.svg"]), Some(Change::Site));
        assert_eq!(of(&["content/sources.bib"]), Some(Change::Site));
        assert_eq!(of(&["content/sources.yaml"]), Some(Change::Site));
        assert_eq!(of(&["my-style.csl"]), Some(Change::Site));
        assert_eq!(of(&["published-urls.txt"]), Some(Change::Site));
        assert_eq!(of(&["notes/published-urls.txt"]), None);
        assert_eq!(of(&["notes/my-style.csl"]), None);
        assert_eq!(
            of(&["public/index.html", ".site.toml.swp", "target/x"]),
            None
        );
        assert_eq!(
            of(&[
                "content/.majlis.md.swp",
                "content/.#majlis.md",
                "content/majlis.md~",
                "content/#majlis.md#",
                "content/4913",
                "static/x.css.crswap",
            ]),
            None
        );
        assert_eq!(
            of(&["content/.majlis.md.swp", "content/majlis.md"]),
            Some(Change::Site)
        );
        // Beside the sources in the root: notes, the output and its swap.
        assert_eq!(of(&["README.md", "public", "notes.txt"]), None);
        // A name starting with `#` is scratch only if it also ends with one.
        assert_eq!(of(&["content/#1-the-siege.md"]), Some(Change::Site));
        assert_eq!(of(&["content/notes#"]), Some(Change::Site));
    }
}
