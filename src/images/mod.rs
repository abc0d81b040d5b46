//! Pictures: every image file of `static/`, read once a build, with what
//! pages need to show it well and credit it honestly.
//!
//! For each picture the stage knows its size as shown (EXIF orientation
//! applied), its rights (from its sidecar, else from what the file carries
//! itself), and the smaller sizes and modern formats the build makes of it
//! ([`derive`]), which go into a cache outside the output so that a rebuild
//! never encodes an unchanged picture again. Pages write their `<img>` and
//! `<picture>` elements through [`markup`], and mark each picture they show
//! as used: only those are encoded and published in other sizes.

pub mod derive;
pub mod embedded;
pub mod markup;
mod sidecar;
mod size;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::ImagesConfig;
use crate::dates::HistDate;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::routes::Routes;

pub use embedded::{Embedded, Found};
pub use sidecar::is_web_url;
pub use size::dimensions;

/// Where the cache of a site's derived pictures lives, under its root.
pub const CACHE: &str = ".gloss/cache/images";

/// The largest picture gloss decodes, per side and in all: a file that
/// claims more (a decompression bomb among them) is refused from its header,
/// before any memory is taken for its pixels.
pub const MAX_SIDE: u32 = 30_000;
pub const MAX_PIXELS: u64 = 100_000_000;

/// How a picture is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// A JPEG, PNG, WebP or TIFF: decoded, made smaller and re-encoded.
    Raster(Encoding),
    /// A format browsers show that is best left as it is: SVG, GIF (which
    /// may be animated), AVIF.
    AsIs,
    /// A format gloss cannot resize and browsers may not show (HEIC, BMP,
    /// JPEG XL...): published as it is, with a warning.
    Unsupported,
}

/// A raster format, as read and as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    Jpeg,
    Png,
    Webp,
    Tiff,
}

impl Encoding {
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Jpeg => "jpg",
            Encoding::Png => "png",
            Encoding::Webp => "webp",
            Encoding::Tiff => "tif",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Encoding::Jpeg => "image/jpeg",
            Encoding::Png => "image/png",
            Encoding::Webp => "image/webp",
            Encoding::Tiff => "image/tiff",
        }
    }

    /// The format a file's name says it holds.
    fn of_extension(ext: &str) -> Option<Encoding> {
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(Encoding::Jpeg),
            "png" => Some(Encoding::Png),
            "webp" => Some(Encoding::Webp),
            "tif" | "tiff" => Some(Encoding::Tiff),
            _ => None,
        }
    }

    /// The format the smaller sizes of a picture are written in beside the
    /// modern ones: its own, but for TIFF, which browsers do not show.
    pub fn fallback(self) -> Encoding {
        match self {
            Encoding::Tiff => Encoding::Jpeg,
            other => other,
        }
    }
}

/// Extensions of the files that are pictures, by how they are published.
const AS_IS: &[&str] = &["svg", "gif", "avif"];
const UNSUPPORTED: &[&str] = &["heic", "heif", "bmp", "jxl", "ico", "jp2"];

/// Whether the file at `rel` is a picture, by its extension.
pub fn is_picture(rel: &str) -> bool {
    kind_of_name(rel).is_some()
}

fn kind_of_name(rel: &str) -> Option<Kind> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    if let Some(encoding) = Encoding::of_extension(&ext) {
        Some(Kind::Raster(encoding))
    } else if AS_IS.contains(&ext.as_str()) {
        Some(Kind::AsIs)
    } else if UNSUPPORTED.contains(&ext.as_str()) {
        Some(Kind::Unsupported)
    } else {
        None
    }
}

/// Whether a file of `static/` is a picture's sidecar, read by the build
/// and not published.
pub fn is_sidecar(rel: &str, routes: &Routes) -> bool {
    sidecar::picture_of(rel).is_some_and(|picture| routes.has_static(picture))
}

/// One value of a picture's rights and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Valued {
    pub value: String,
    /// "sidecar", "page", or the field of the file it came from
    /// ("EXIF Artist", "XMP dc:rights"...).
    pub from: String,
}

/// What the picture's sidecar and the file itself say of it; a page's own
/// values win over these.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rights {
    pub alt: Option<String>,
    /// Markdown.
    pub caption: Option<String>,
    pub credit: Option<Valued>,
    pub source: Option<Valued>,
    pub license: Option<Valued>,
    pub date: Option<HistDate>,
}

/// A file the build makes from a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// Its path in the output: `images/siege-800w.webp`.
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub encoding: Encoding,
}

/// A picture of `static/`.
#[derive(Debug)]
pub struct Picture {
    /// Its path under `static/`.
    pub rel: String,
    pub kind: Kind,
    /// Its width and height as shown, EXIF orientation applied.
    pub size: Option<(u32, u32)>,
    pub rights: Rights,
    /// Its sidecar's path under `static/`, if it has one.
    pub sidecar: Option<String>,
    /// How the file's pixels are turned to be upright (EXIF, 1 to 8).
    pub orientation: u8,
    /// The SHA-256 of its bytes, in hex: what its derived files are cached by.
    pub hash: String,
    /// The files the build makes of it, narrowest first.
    pub derived: Vec<Derived>,
    /// Smaller sizes made by hand beside it (`siege-640w.jpg`): path and width.
    pub hand_made: Vec<(String, u32)>,
    used: AtomicBool,
}

impl Picture {
    /// The derived files in `encoding`, narrowest first.
    pub fn derived_in(&self, encoding: Encoding) -> impl Iterator<Item = &Derived> {
        self.derived.iter().filter(move |d| d.encoding == encoding)
    }
}

/// Every picture of the site's `static/`.
#[derive(Debug, Default)]
pub struct Pictures {
    list: Vec<Picture>,
    by_rel: HashMap<String, usize>,
    settings: ImagesConfig,
    cache: PathBuf,
}

impl Pictures {
    /// Reads every picture of `static/` under `root`: its header, its sidecar
    /// and the rights it carries, from the cache's index when the file has
    /// not changed since. Every problem is reported, each at its file.
    pub fn read(root: &Path, routes: &Routes, settings: &ImagesConfig) -> (Pictures, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let cache = root.join(CACHE);
        let index = derive::Index::load(&cache);
        let static_dir = root.join("static");
        let mut rels: Vec<&str> = routes.static_files().filter(|r| is_picture(r)).collect();
        rels.sort_unstable();
        let read: Vec<Read> = rels
            .par_iter()
            .map(|rel| read_picture(&static_dir, rel, routes, &index, settings))
            .collect();
        let mut pictures = Pictures {
            settings: settings.clone(),
            cache,
            ..Pictures::default()
        };
        let mut entries = Vec::new();
        for (picture, entry, found) in read {
            diagnostics.extend(found);
            entries.extend(entry);
            if let Some(picture) = picture {
                pictures
                    .by_rel
                    .insert(picture.rel.clone(), pictures.list.len());
                pictures.list.push(picture);
            }
        }
        // A sidecar whose picture is not there is most likely one renamed.
        let mut orphans: Vec<&str> = routes
            .static_files()
            .filter(|rel| rel.ends_with(".toml"))
            .filter(|rel| sidecar::picture_of(rel).is_some_and(|p| !routes.has_static(p)))
            .collect();
        orphans.sort_unstable();
        for rel in orphans {
            let picture = sidecar::picture_of(rel).unwrap_or_default();
            diagnostics.push(
                Diagnostic::warning(
                    format!("static/{rel}"),
                    format!("this sidecar's picture static/{picture} does not exist"),
                )
                .with_help("rename it after its picture's whole file name, plus .toml"),
            );
        }
        pictures.attach_hand_made(routes);
        diagnostics.extend(pictures.drop_clashing_sizes());
        index.save_if_changed(&pictures.cache, entries);
        (pictures, diagnostics)
    }

    /// The picture at `rel` (a path under `static/`), with its index.
    pub fn get(&self, rel: &str) -> Option<(usize, &Picture)> {
        let &i = self.by_rel.get(rel)?;
        Some((i, &self.list[i]))
    }

    pub fn all(&self) -> &[Picture] {
        &self.list
    }

    pub fn settings(&self) -> &ImagesConfig {
        &self.settings
    }

    /// Notes that a page shows the picture, so its other sizes are made.
    pub fn mark_used(&self, i: usize) {
        self.list[i].used.store(true, Ordering::Relaxed);
    }

    pub fn is_used(&self, i: usize) -> bool {
        self.list[i].used.load(Ordering::Relaxed)
    }

    /// Two pictures differing only in their extension (`siege.jpg` and
    /// `siege.tif`) would have sizes of the same name: the second in path
    /// order is shown at its own size alone, with a warning.
    fn drop_clashing_sizes(&mut self) -> Vec<Diagnostic> {
        let mut claimed: HashMap<String, usize> = HashMap::new();
        let mut problems = Vec::new();
        for i in 0..self.list.len() {
            let clash = self.list[i]
                .derived
                .iter()
                .find_map(|d| claimed.get(&d.path).map(|&first| (first, d.path.clone())));
            match clash {
                Some((first, path)) => {
                    problems.push(
                        Diagnostic::warning(
                            format!("static/{}", self.list[i].rel),
                            format!(
                                "its smaller sizes would have the names of static/{}'s ({path}): \
                                 it is shown at its own size alone",
                                self.list[first].rel
                            ),
                        )
                        .with_help("give one of the two pictures another name"),
                    );
                    self.list[i].derived.clear();
                }
                None => {
                    for d in &self.list[i].derived {
                        claimed.insert(d.path.clone(), i);
                    }
                }
            }
        }
        problems
    }

    /// Files of `static/` named `<stem>-<width>w.<ext>` beside a picture
    /// `<stem>.<ext>`: its sizes made by hand, kept and offered with the
    /// rest. Each file is looked at once.
    fn attach_hand_made(&mut self, routes: &Routes) {
        let mut found: Vec<(usize, String, u32)> = Vec::new();
        for rel in routes.static_files() {
            let Some((before, ext)) = rel.rsplit_once('.') else {
                continue;
            };
            let Some((stem, width)) = before.rsplit_once('-') else {
                continue;
            };
            let Some(width) = width.strip_suffix('w') else {
                continue;
            };
            let digits = !width.is_empty() && width.bytes().all(|b| b.is_ascii_digit());
            let Some(width) = width.parse::<u32>().ok().filter(|w| digits && *w > 0) else {
                continue;
            };
            if let Some(&i) = self.by_rel.get(&format!("{stem}.{ext}")) {
                found.push((i, rel.to_string(), width));
            }
        }
        for (i, rel, width) in found {
            self.list[i].hand_made.push((rel, width));
        }
        for picture in &mut self.list {
            picture.hand_made.sort_by_key(|(_, w)| *w);
            let hand_made = &picture.hand_made;
            // A size made by hand stands in for the one the build would make.
            picture
                .derived
                .retain(|d| !hand_made.iter().any(|(path, _)| *path == d.path));
            picture.derived.retain(|d| !routes.has_static(&d.path));
        }
    }
}

/// One picture as read, what the cache's index is to keep of it, and the
/// problems found.
type Read = (Option<Picture>, Option<derive::Entry>, Vec<Diagnostic>);

/// Reads one picture: from the cache's index if its length and time of
/// change are as recorded, else from the file.
fn read_picture(
    static_dir: &Path,
    rel: &str,
    routes: &Routes,
    index: &derive::Index,
    settings: &ImagesConfig,
) -> Read {
    let shown = format!("static/{rel}");
    let mut problems = Vec::new();
    let Some(kind) = kind_of_name(rel) else {
        return (None, None, problems);
    };
    let mut entry = None;
    let path = static_dir.join(rel);
    let sidecar_rel = sidecar::path_of(rel);
    let sidecar = if routes.has_static(&sidecar_rel) {
        let shown = format!("static/{sidecar_rel}");
        match sidecar::read(&static_dir.join(&sidecar_rel), &shown) {
            Ok(sidecar) => Some(sidecar),
            Err(found) => {
                problems.extend(found);
                None
            }
        }
    } else {
        None
    };
    let mut picture = Picture {
        rel: rel.to_string(),
        kind,
        size: None,
        rights: Rights::default(),
        sidecar: routes.has_static(&sidecar_rel).then_some(sidecar_rel),
        orientation: 1,
        hash: String::new(),
        derived: Vec::new(),
        hand_made: Vec::new(),
        used: AtomicBool::new(false),
    };
    let mut embedded = Embedded::default();
    let mut gps = false;
    match kind {
        Kind::Raster(named) => match index.get(rel, &path) {
            Some(kept) => {
                picture.size = Some(kept.size);
                picture.hash = kept.hash.clone();
                embedded = kept.embedded.clone();
                gps = kept.gps;
                entry = Some(kept.clone());
            }
            None => match derive::examine(&path, named) {
                Ok(examined) => {
                    entry = derive::Entry::new(rel, &examined);
                    picture.size = Some(examined.size);
                    picture.hash = examined.hash;
                    embedded = examined.embedded;
                    gps = examined.gps;
                }
                Err(message) => {
                    problems.push(
                        Diagnostic::error(&shown, message.message).with_help_opt(message.help),
                    );
                    picture.kind = Kind::Unsupported;
                }
            },
        },
        Kind::AsIs => picture.size = size::dimensions(&path),
        Kind::Unsupported => problems.push(
            Diagnostic::warning(
                &shown,
                "gloss cannot read this format: it is published as it is, in one size",
            )
            .with_help("browsers may not show it; save it as JPEG, PNG or WebP to have it resized"),
        ),
    }
    if let Kind::Raster(named) = picture.kind {
        picture.orientation = embedded.orientation.clamp(1, 8);
        if let Some((w, h)) = picture.size
            && picture.orientation >= 5
        {
            picture.size = Some((h, w));
        }
        picture.derived = derive::plan(rel, named, picture.size, settings);
    }
    if gps {
        // The sizes the build makes carry no metadata; the original file
        // is published as it is.
        problems.push(
            Diagnostic::warning(&shown, "this picture records where it was taken (EXIF GPS), and static/ publishes it as it is")
                .with_help("remove the position from the file, for example with `exiftool -gps:all= FILE`; the sizes gloss makes never carry it"),
        );
    }
    picture.rights = rights(sidecar, embedded);
    (Some(picture), entry, problems)
}

/// The rights of a picture: its sidecar's, each missing one from the file.
fn rights(sidecar: Option<sidecar::Sidecar>, embedded: Embedded) -> Rights {
    let sidecar = sidecar.unwrap_or_default();
    let from_sidecar = |value: Option<String>| {
        value.map(|value| Valued {
            value,
            from: "sidecar".into(),
        })
    };
    let from_file = |found: Option<Found>| {
        found.map(|f| Valued {
            value: f.value,
            from: f.from,
        })
    };
    Rights {
        alt: sidecar.alt,
        caption: sidecar.caption,
        credit: from_sidecar(sidecar.credit).or_else(|| from_file(embedded.credit)),
        source: from_sidecar(sidecar.source).or_else(|| from_file(embedded.source)),
        license: from_sidecar(sidecar.license).or_else(|| from_file(embedded.license)),
        date: sidecar.date,
    }
}

/// A problem with a picture's file.
#[derive(Debug)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
}
