//! Output: checks the output folder is safe to replace, writes the site into a
//! staging folder beside it, and swaps it in only when everything is written,
//! so a failed build leaves the last good site untouched and a good one
//! leaves no stale files behind. Where the system can exchange two folders
//! in one step (Linux), the output path never lacks a whole site, even if
//! the process is killed during the swap.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// Entries already in the output folder that a build keeps: people deploy by
/// committing the output, and a custom domain lives in `CNAME`.
const KEPT: &[&str] = &[".git", "CNAME"];

/// Resolves `output` (relative to the current folder, or `public/` under the
/// root), puts back the previous site if a killed build left it moved aside,
/// and refuses a folder whose replacement would destroy sources.
pub fn check_output(root: &Path, output: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let root = absolute(root);
    let output = match output {
        Some(o) => absolute(o),
        None => root.join("public"),
    };
    restore_interrupted(&output).map_err(|e| {
        failure(
            &output,
            "cannot put back the site an interrupted build moved aside",
            e,
        )
    })?;
    let real = |p: &Path| canonical_prefix(p);
    let (root_real, out_real) = (real(&root), real(&output));
    let refuse = |why: String| {
        Err(Diagnostic::error(&output, why)
            .with_help("choose another folder with --output; nothing was deleted"))
    };
    if out_real == root_real {
        return refuse("the output folder is the site's root folder".into());
    }
    if root_real.starts_with(&out_real) {
        return refuse("the output folder holds the site's root folder".into());
    }
    for source in ["content", "templates", "static"] {
        let source_real = real(&root.join(source));
        if out_real.starts_with(&source_real) {
            return refuse(format!("the output folder lies inside {source}/"));
        }
        // A linked source folder may point into the output.
        if source_real.starts_with(&out_real) {
            return refuse(format!("the output folder holds {source}/"));
        }
    }
    if output.exists() {
        if !output.is_dir() {
            return refuse("the output path exists and is not a folder".into());
        }
        if !looks_like_a_site(&output) {
            return refuse(
                "the output folder holds files but no index.html: it does not look like a site \
                 gloss built, so it is not replaced"
                    .into(),
            );
        }
    }
    Ok(output)
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The path with its longest existing ancestor canonicalised (links
/// resolved), so two spellings of one folder compare equal.
fn canonical_prefix(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            out.extend(rest.iter().rev());
            return out;
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
}

fn looks_like_a_site(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    let names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.iter().any(|n| n == "index.html")
        || names
            .iter()
            .all(|n| KEPT.contains(&n.as_str()) || n == ".nojekyll")
}

/// How much a publish wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// A new site being written beside the output folder, file by file from any
/// thread, until [`Staging::finish`] swaps it in. Dropped unfinished, it is
/// removed and the output is as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Set once a write failed; later writes are skipped.
    stopped: AtomicBool,
    /// Why the first write that failed did.
    failed: Mutex<Option<Diagnostic>>,
}

impl Staging {
    /// Creates the staging folder beside `output`, first removing what
    /// killed builds left behind.
    pub fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent)
            .map_err(|e| failure(output, "cannot create the output's parent folder", e))?;
        remove_leftovers(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(&parent)
            .map_err(|e| {
                let what = format!("cannot create a staging folder in {}", parent.display());
                failure(output, &what, e)
            })?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            parent,
            name,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            stopped: AtomicBool::new(false),
            failed: Mutex::new(None),
        })
    }

    /// Writes one generated file. A failure is kept for [`Staging::finish`]
    /// to report.
    pub fn write(&self, file: &OutputFile) {
        if self.stopped.load(Ordering::Relaxed) {
            return;
        }
        let target = self.dir.path().join(&file.path);
        let result = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&target, &file.contents));
        match result {
            Ok(()) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                (self.bytes).fetch_add(file.contents.len() as u64, Ordering::Relaxed);
            }
            Err(e) => {
                let why = failure(&self.output, &format!("cannot write {}", file.path), e);
                self.failed
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_or_insert(why);
                self.stopped.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Copies the static files (`static_files`, paths under `root/static`)
    /// and the pictures' derived files (`derived`, from the picture cache)
    /// beside the generated ones and puts the staged site in place of the
    /// output; on any failure the previous site stays as it was.
    pub fn finish(
        self,
        root: &Path,
        static_files: &[&str],
        derived: &[crate::images::derive::Made],
    ) -> Result<Written, Diagnostic> {
        let failed = self.failed.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(failed) = failed {
            return Err(failed);
        }
        let fail = |what: &str, e: io::Error| failure(&self.output, what, e);
        let static_dir = root.join("static");
        let from_static = static_files
            .iter()
            .map(|rel| (*rel, static_dir.join(rel), format!("static/{rel}")));
        let from_cache = derived
            .iter()
            .map(|made| (made.path.as_str(), made.file.clone(), made.path.clone()));
        let copies: Vec<(&str, PathBuf, String)> = from_static.chain(from_cache).collect();
        let copied: Vec<Result<u64, Diagnostic>> = copies
            .par_iter()
            .map(|(rel, source, shown)| {
                let target = self.dir.path().join(rel);
                if target.exists() {
                    return Err(Diagnostic::error(
                        shown,
                        "this file has the same path as a page the build writes",
                    )
                    .with_help("rename or move the file in static/"));
                }
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).map_err(|e| fail("cannot create a folder", e))?;
                }
                carry(source, &target, &self.output.join(rel))
                    .map_err(|e| fail(&format!("cannot copy {shown}"), e))
            })
            .collect();
        let mut written = Written {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        };
        for bytes in copied {
            written.bytes += bytes?;
            written.files += 1;
        }
        swap(self.dir, &self.output, &self.parent, &self.name)
            .map_err(|e| fail("cannot replace the output folder", e))?;
        Ok(written)
    }
}

/// Puts a copy of `source` at `target` in the staging folder: a second name
/// for the previous output's copy (`previous`) when that has the source's
/// length and time of change and the source has not changed since the copy
/// was made (the time its inode changed, which no tool sets back, is older
/// than the copy's); else a new copy, given the source's time so that the
/// next build can do the same. The previous output is only read, never
/// written, so its copy stays as it was if this build fails; and a target
/// that exists already is never written through. Returns the bytes it holds.
fn carry(source: &Path, target: &Path, previous: &Path) -> io::Result<u64> {
    let meta = fs::metadata(source)?;
    let modified = meta.modified().ok();
    if let Ok(old) = fs::symlink_metadata(previous)
        && old.is_file()
        && old.len() == meta.len()
        && modified.is_some()
        && old.modified().ok() == modified
        && unchanged_since_copied(&meta, &old)
        && fs::hard_link(previous, target).is_ok()
    {
        return Ok(meta.len());
    }
    let mut from = fs::File::open(source)?;
    let mut to = fs::File::options()
        .write(true)
        .create_new(true)
        .open(target)?;
    let bytes = io::copy(&mut from, &mut to)?;
    if let Some(time) = modified {
        // Only saves the next build a copy: a file system that keeps no
        // such time is no problem.
        let _ = to.set_modified(time);
    }
    Ok(bytes)
}

/// Whether the source (`meta`) has not changed since its copy (`copy`) was
/// made: the inode of a file changes with its every write, and a copy's
/// when its time was set after it was written.
#[cfg(unix)]
fn unchanged_since_copied(meta: &fs::Metadata, copy: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (meta.ctime(), meta.ctime_nsec()) < (copy.ctime(), copy.ctime_nsec())
}

/// Elsewhere the length and time of change alone decide.
#[cfg(not(unix))]
fn unchanged_since_copied(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// A failed step of writing the site at `output`.
fn failure(output: &Path, what: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(output, format!("{what}: {}", plain(&e)))
        .with_help("the previous site, if any, was kept as it was")
}

/// What went wrong, in words a writer knows, with the system's own words after.
fn plain(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let words = match e.kind() {
        K::StorageFull => "not enough space on the disk",
        K::FileTooLarge => "file too large for the disk or for this process's limit",
        K::QuotaExceeded => "not enough space: the disk quota is used up",
        K::ReadOnlyFilesystem => "the disk is read-only",
        K::PermissionDenied => "permission denied",
        _ => return e.to_string(),
    };
    format!("{words} ({e})")
}

/// Writes the ledger of published URLs (`text`) at the site's root in one
/// step: into a file beside it, then renamed over it, so that the ledger is
/// whole at every moment and a failure leaves it as it was. What a killed
/// write left behind goes first.
pub fn keep_ledger(root: &Path, text: &str) -> Result<(), Diagnostic> {
    use std::io::Write;
    let name = crate::routes::ledger::FILE;
    let prefix = format!(".{name}.");
    if let Ok(entries) = fs::read_dir(root) {
        for entry in entries.flatten() {
            let leftover = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp"));
            if leftover {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    let path = root.join(name);
    let write = || -> io::Result<()> {
        let mut file = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .tempfile_in(root)?;
        file.write_all(text.as_bytes())?;
        // The ledger is the site's, as any file of it: readable by others.
        let permissions = match fs::metadata(&path) {
            Ok(meta) => meta.permissions(),
            Err(_) => readable_by_all(file.as_file().metadata()?.permissions()),
        };
        file.as_file().set_permissions(permissions)?;
        file.as_file().sync_all()?;
        step("ledger:write")?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| {
        Diagnostic::error(name, format!("cannot write the ledger: {}", plain(&e)))
            .with_help("the ledger and the previous site were kept as they were")
    })
}

#[cfg(unix)]
fn readable_by_all(mut permissions: fs::Permissions) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    permissions.set_mode(0o644);
    permissions
}

#[cfg(not(unix))]
fn readable_by_all(permissions: fs::Permissions) -> fs::Permissions {
    permissions
}

/// Writes `files` and the static files into `output`, replacing it whole.
pub fn publish(
    root: &Path,
    output: &Path,
    files: &[OutputFile],
    static_files: &[&str],
) -> Result<Written, Diagnostic> {
    let staging = Staging::new(output)?;
    files.par_iter().for_each(|file| staging.write(file));
    staging.finish(root, static_files, &[])
}

/// Puts the staged site in place of `output`, carrying over the kept entries.
/// On failure the previous output is back where it was, kept entries included.
fn swap(staging: tempfile::TempDir, output: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if output.symlink_metadata().is_err() {
        step("swap:first")?;
        fs::rename(staging.path(), output)?;
        let _ = staging.keep();
        return Ok(());
    }
    let mut carried = Vec::new();
    let result = (|| {
        for kept in KEPT {
            let (from, to) = (output.join(kept), staging.path().join(kept));
            if from.symlink_metadata().is_ok() && to.symlink_metadata().is_err() {
                step("swap:carry")?;
                fs::rename(&from, &to)?;
                carried.push(*kept);
            }
        }
        match exchange(staging.path(), output) {
            // The staging path now holds the old site, removed below (or,
            // if killed first, by the next build).
            Ok(()) => {
                moment("swap:exchanged");
                return Ok(true);
            }
            Err(e) if !exchange_unsupported(&e) => return Err(e),
            Err(_) => {}
        }
        // Two renames: a kill between them leaves the old site under
        // `.NAME.old-*`, which the next build puts back first.
        step("swap:aside")?;
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)?
            .keep();
        fs::remove_dir(&old)?;
        fs::rename(output, &old)?;
        if let Err(e) = step("swap:between").and_then(|()| fs::rename(staging.path(), output)) {
            fs::rename(&old, output)?;
            return Err(e);
        }
        moment("swap:placed");
        // The new site is in place: a leftover old copy is only clutter, and
        // the next build removes it.
        let _ = remove_tree(&old);
        Ok(false)
    })();
    match result {
        Ok(true) => {
            let _ = remove_tree(&staging.keep());
            Ok(())
        }
        Ok(false) => {
            let _ = staging.keep();
            Ok(())
        }
        Err(e) => {
            for kept in carried {
                let _ = fs::rename(staging.path().join(kept), output.join(kept));
            }
            Err(e)
        }
    }
}

/// Removes the folder `dir` and all it holds, its subfolders side by side:
/// an old site is tens of thousands of files, and one thread unlinking
/// them was a fifth of a build (BENCHMARKS.md). Links are removed, never
/// followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Exchanges two folders in one step, so each path always names a whole one.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    step("swap:exchange")?;
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    step("swap:exchange")?;
    Err(io::ErrorKind::Unsupported.into())
}

/// The exit status of a build the tests stopped at a step of the swap, as
/// a kill would: at once, with nothing cleaned up.
pub const KILLED_AT_A_STEP: i32 = 86;

/// A step of the swap that the tests can stop (the `failpoints` feature;
/// RELIABILITY.md): `FAILPOINTS="swap:between=return(kill)"` ends the
/// process there; `return(fail)` makes the step fail with an error, and
/// `return(unsupported)` as a file system that cannot exchange folders
/// would. Without the feature this is nothing.
fn step(name: &str) -> io::Result<()> {
    let _ = name; // read by the point only with the feature
    fail::fail_point!(name, |how: Option<String>| match how.as_deref() {
        Some("kill") => std::process::exit(KILLED_AT_A_STEP),
        Some("unsupported") => Err(io::ErrorKind::Unsupported.into()),
        _ => Err(io::Error::other(format!("stopped at {name}"))),
    });
    Ok(())
}

/// A moment after the new site is in place, where the tests can only kill.
fn moment(name: &str) {
    let _ = name; // read by the point only with the feature
    fail::fail_point!(name, |_| std::process::exit(KILLED_AT_A_STEP));
}

/// Whether exchanging failed only because the system or file system cannot
/// do it (old kernels, some network and FUSE file systems), so two renames
/// must do instead.
fn exchange_unsupported(e: &io::Error) -> bool {
    const EINVAL: i32 = 22;
    const ENOSYS: i32 = 38;
    const EOPNOTSUPP: i32 = 95;
    e.kind() == io::ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(EINVAL | ENOSYS | EOPNOTSUPP))
}

/// Puts back what a killed build moved aside, before anything else looks at
/// the output: the old site, which a kill between the two renames of a swap
/// leaves under `.NAME.old-*` with no output (the newest such site comes
/// back), then the kept entries a swap killed halfway carried into its
/// staging folder. A build that fails afterwards still leaves them in place.
fn restore_interrupted(output: &Path) -> io::Result<()> {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Ok(());
    };
    let name = name.to_string_lossy();
    if output.symlink_metadata().is_err() {
        let Ok(entries) = fs::read_dir(parent) else {
            return Ok(());
        };
        let prefix = format!(".{name}.old-");
        let newest = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .max();
        match newest {
            Some((_, old)) => fs::rename(old, output)?,
            None => return Ok(()),
        }
    }
    bring_back_kept(parent, &name, output);
    Ok(())
}

/// Moves each kept entry (a `.git`) that a swap killed halfway carried into
/// a staging folder back into the output, where the output lacks it.
fn bring_back_kept(parent: &Path, name: &str, output: &Path) {
    if !output.is_dir() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.staging-");
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_name().to_string_lossy().starts_with(&staging)
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        for kept in KEPT {
            let (from, to) = (entry.path().join(kept), output.join(kept));
            if from.symlink_metadata().is_ok() && to.symlink_metadata().is_err() {
                let _ = fs::rename(&from, &to);
            }
        }
    }
}

/// Removes staging folders of builds that were killed, and old sites whose
/// swap finished but whose removal did not. The kept entries a swap carried
/// off are back in the output already ([`check_output`] puts them back); a
/// folder still holding one the output lacks is left alone: it may be the
/// only copy.
fn remove_leftovers(parent: &Path, name: &str) {
    let output = parent.join(name);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.staging-");
    let old = format!(".{name}.old-");
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        // A kept entry the output lacks may be its only copy. One the output
        // has is a copy: a `CNAME` of `static/` staged by the killed build.
        let only_copy = KEPT.iter().any(|k| {
            path.join(k).symlink_metadata().is_ok() && output.join(k).symlink_metadata().is_err()
        });
        if (file_name.starts_with(&staging) || file_name.starts_with(&old)) && !only_copy {
            let _ = remove_tree(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full disk, a used-up quota and a read-only disk, which no test
    /// here can bring about, are each named in plain words before the
    /// system's own.
    #[test]
    fn faults_are_named_in_plain_words() {
        use io::ErrorKind as K;
        for (kind, words) in [
            (K::StorageFull, "not enough space on the disk ("),
            (
                K::QuotaExceeded,
                "not enough space: the disk quota is used up (",
            ),
            (K::ReadOnlyFilesystem, "the disk is read-only ("),
            (K::FileTooLarge, "file too large for the disk"),
            (K::PermissionDenied, "permission denied ("),
        ] {
            let said = plain(&io::Error::from(kind));
            assert!(said.starts_with(words), "{kind:?}: {said}");
        }
        assert_eq!(plain(&io::Error::other("odd")), "odd");
    }

    /// `publish` writes the pages and the static files, and puts them in
    /// place of the old output whole.
    #[test]
    fn publish_writes_pages_and_static_files_in_one_swap() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("static/images")).unwrap();
        fs::write(root.path().join("static/images/map.svg"), "<svg/>").unwrap();
        let output = root.path().join("public");
        fs::create_dir_all(&output).unwrap();
        fs::write(output.join("index.html"), "old").unwrap();
        fs::write(output.join("stale.html"), "gone").unwrap();
        let files = [OutputFile {
            path: "index.html".into(),
            contents: b"new".to_vec(),
        }];
        let written = publish(root.path(), &output, &files, &["images/map.svg"]).unwrap();
        assert_eq!(written, Written { files: 2, bytes: 9 });
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "new"
        );
        assert!(output.join("images/map.svg").is_file());
        assert!(!output.join("stale.html").exists());
    }

    #[test]
    fn kept_entries_a_killed_swap_carried_off_go_back_to_the_output() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("public");
        fs::create_dir_all(&output).unwrap();
        fs::write(output.join("index.html"), "old").unwrap();
        let staging = parent.path().join(".public.staging-x");
        fs::create_dir_all(staging.join(".git")).unwrap();
        fs::write(staging.join(".git/HEAD"), "ref").unwrap();
        fs::write(staging.join("CNAME"), "example.org").unwrap();
        let stale = parent.path().join(".public.staging-y");
        fs::create_dir_all(&stale).unwrap();
        // As a build does: check_output, then the staging folder's cleanup.
        restore_interrupted(&output).unwrap();
        remove_leftovers(parent.path(), "public");
        assert_eq!(fs::read_to_string(output.join(".git/HEAD")).unwrap(), "ref");
        assert_eq!(
            fs::read_to_string(output.join("CNAME")).unwrap(),
            "example.org"
        );
        assert!(!staging.exists() && !stale.exists());
    }
}
