//! The smaller sizes and modern formats of each picture a page shows:
//! planned from its header, encoded once into a cache outside the output
//! keyed by the picture's content hash and the settings, and published from
//! there. The cache keeps an index of what it has read of each picture (its
//! size, hash and rights) by the file's length and time of change, so that a
//! rebuild reads no picture that has not changed.
//!
//! Derived files carry no metadata: the encoders write pixels only, so a
//! camera's GPS position and the rest never reach a reader. EXIF
//! orientation is applied to the pixels before they are made smaller.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Embedded, Encoding, Kind, MAX_PIXELS, MAX_SIDE, Picture, Pictures, Problem};
use crate::config::{ImageFormat, ImagesConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Changes whenever the encoders or how they are called change, so that a
/// cache made by an older gloss is not used.
const ENCODER_VERSION: u32 = 1;
/// The cache index's file name.
const INDEX: &str = "index.json";
/// The most memory one decoded picture may take, whatever its header says.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// What reading a picture's whole file found.
pub struct Examined {
    /// Width and height as stored, before orientation.
    pub size: (u32, u32),
    pub hash: String,
    pub embedded: Embedded,
    /// Whether the file records where it was made (EXIF GPS).
    pub gps: bool,
    /// The file's stamp, taken before it was read.
    pub stamp: Option<Stamp>,
}

/// Reads a picture's file: its format (which must be the one its name
/// says), its size (which must be one gloss can decode), its hash and the
/// rights it carries.
pub fn examine(path: &Path, named: Encoding) -> Result<Examined, Problem> {
    // The header first: a file claiming too many pixels is refused before
    // the rest of it is read.
    let cannot_read = |e: std::io::Error| Problem {
        message: format!("cannot read: {e}"),
        help: None,
    };
    let mut head = Vec::with_capacity(64);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path).map_err(cannot_read)?, 64),
        &mut head,
    )
    .map_err(cannot_read)?;
    let format = image::guess_format(&head).ok().and_then(encoding_of);
    let Some(format) = format else {
        return Err(Problem {
            message: format!(
                "this file is not a {} picture, nor any picture gloss reads",
                name(named)
            ),
            help: Some("save it again as JPEG, PNG, WebP or TIFF".into()),
        });
    };
    if format != named {
        return Err(Problem {
            message: format!(
                "this file holds a {} picture, but its name says {}",
                name(format),
                name(named)
            ),
            help: Some(format!(
                "rename it to end in .{}, and the pages using it",
                format.extension()
            )),
        });
    }
    let mut header = ImageReader::open(path).map_err(cannot_read)?;
    header.set_format(image_format(format));
    let size = header.into_dimensions().map_err(|e| Problem {
        message: format!("the picture does not decode: {e}"),
        help: Some("the file may be cut short or damaged; save it again".into()),
    })?;
    check_size(size)?;
    let stamp = stamp(path);
    let bytes = std::fs::read(path).map_err(|e| Problem {
        message: format!("cannot read: {e}"),
        help: None,
    })?;
    Ok(Examined {
        size,
        hash: hex(&Sha256::digest(&bytes)),
        embedded: super::embedded::read(path),
        gps: has_gps(&bytes),
        stamp,
    })
}

/// Whether the picture's EXIF records a place (any GPS field).
fn has_gps(bytes: &[u8]) -> bool {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes));
    exif.is_ok_and(|exif| exif.fields().any(|f| f.tag.context() == exif::Context::Gps))
}

/// Refuses a picture larger than gloss decodes, from its header alone.
fn check_size((width, height): (u32, u32)) -> Result<(), Problem> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem {
            message: format!(
                "the picture claims {width} × {height} pixels, more than gloss decodes \
                 ({MAX_SIDE} a side and {} million in all)",
                MAX_PIXELS / 1_000_000
            ),
            help: Some("publish a smaller copy; a file this large may be damaged or made to exhaust memory".into()),
        });
    }
    Ok(())
}

fn name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Jpeg => "JPEG",
        Encoding::Png => "PNG",
        Encoding::Webp => "WebP",
        Encoding::Tiff => "TIFF",
    }
}

fn encoding_of(format: image::ImageFormat) -> Option<Encoding> {
    match format {
        image::ImageFormat::Jpeg => Some(Encoding::Jpeg),
        image::ImageFormat::Png => Some(Encoding::Png),
        image::ImageFormat::WebP => Some(Encoding::Webp),
        image::ImageFormat::Tiff => Some(Encoding::Tiff),
        _ => None,
    }
}

fn image_format(encoding: Encoding) -> image::ImageFormat {
    match encoding {
        Encoding::Jpeg => image::ImageFormat::Jpeg,
        Encoding::Png => image::ImageFormat::Png,
        Encoding::Webp => image::ImageFormat::WebP,
        Encoding::Tiff => image::ImageFormat::Tiff,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The files to make of the picture at `rel`, narrowest first: each width
/// of the settings narrower than the picture, in its own format (JPEG for a
/// TIFF; none for a PNG) and in each modern format; the modern formats at
/// the full width too when it is no wider than the widest setting, and a
/// TIFF's JPEG at full width always, since browsers do not show TIFF.
pub fn plan(
    rel: &str,
    named: Encoding,
    size: Option<(u32, u32)>,
    settings: &ImagesConfig,
) -> Vec<super::Derived> {
    let Some((width, height)) = size else {
        return Vec::new();
    };
    let (stem, _) = rel.rsplit_once('.').unwrap_or((rel, ""));
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    widths.sort_unstable();
    widths.dedup();
    let widest = settings.widths.iter().copied().max().unwrap_or(0);
    // Pages show a picture at most 40rem wide: no screen uses a size wider
    // than the settings' widest, so the original is only remade at its own
    // width when it is no wider than that (or browsers cannot show it).
    let full = width <= widest;
    let fallback = named.fallback();
    // A PNG made smaller is most often larger than the original (smoothing
    // makes colours): it keeps its own file, and browsers that read WebP,
    // every current one, get the smaller sizes.
    let mut encodings = Vec::new();
    if named != Encoding::Png {
        encodings.push((fallback, named == Encoding::Tiff));
    }
    for format in &settings.formats {
        let modern = match format {
            ImageFormat::Webp => Encoding::Webp,
        };
        if modern != fallback {
            encodings.push((modern, full));
        }
    }
    let mut planned = Vec::new();
    for &w in widths.iter().chain([&width]) {
        for &(encoding, full_width_too) in &encodings {
            if w == width && !full_width_too {
                continue;
            }
            let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
                .max(1) as u32;
            planned.push(super::Derived {
                path: format!("{stem}-{w}w.{}", encoding.extension()),
                width: w,
                height: h,
                encoding,
            });
        }
    }
    planned
}

/// What the cache's index records of one picture.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    rel: String,
    stamp: Stamp,
    /// As stored, before orientation.
    pub size: (u32, u32),
    pub hash: String,
    pub embedded: Embedded,
    pub gps: bool,
}

impl Entry {
    /// The entry for a picture just read, if its stamp could be taken.
    pub fn new(rel: &str, examined: &Examined) -> Option<Entry> {
        Some(Entry {
            rel: rel.to_string(),
            stamp: examined.stamp?,
            size: examined.size,
            hash: examined.hash.clone(),
            embedded: examined.embedded.clone(),
            gps: examined.gps,
        })
    }
}

/// What tells whether a file changed: its length, its time of last change
/// and, where the system keeps them, the time its inode last changed (which
/// no tool can set back) and the inode itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified_ns: u128,
    changed_ns: i128,
    inode: u64,
}

/// A file's stamp, if its metadata can be read.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    #[cfg(unix)]
    let (changed_ns, inode) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (changed_ns, inode) = (0, 0);
    Some(Stamp {
        len: meta.len(),
        modified_ns: modified.as_nanos(),
        changed_ns,
        inode,
    })
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    version: u32,
    entries: Vec<Entry>,
}

/// The cache's index: each picture read before, by its path under `static/`.
#[derive(Debug, Default)]
pub struct Index {
    entries: HashMap<String, Entry>,
}

impl Index {
    /// The index in the cache folder `cache`; empty if there is none, or it
    /// was written by another version of the encoders.
    pub fn load(cache: &Path) -> Index {
        let Ok(text) = std::fs::read(cache.join(INDEX)) else {
            return Index::default();
        };
        match serde_json::from_slice::<IndexFile>(&text) {
            Ok(file) if file.version == ENCODER_VERSION => Index {
                entries: file
                    .entries
                    .into_iter()
                    .map(|e| (e.rel.clone(), e))
                    .collect(),
            },
            _ => Index::default(),
        }
    }

    /// What the index holds of the picture at `rel`, if its file at `path`
    /// has the length and time of change recorded.
    pub fn get(&self, rel: &str, path: &Path) -> Option<&Entry> {
        let entry = self.entries.get(rel)?;
        (stamp(path)? == entry.stamp).then_some(entry)
    }

    /// Writes `entries` as the index, unless they are the ones it holds. The
    /// cache only saves time: a failure to write it is not a problem.
    pub fn save_if_changed(&self, cache: &Path, entries: Vec<Entry>) {
        let same = entries.len() == self.entries.len()
            && entries.iter().all(|e| {
                (self.entries.get(&e.rel))
                    .is_some_and(|old| old.stamp == e.stamp && old.hash == e.hash)
            });
        if same {
            return;
        }
        let file = IndexFile {
            version: ENCODER_VERSION,
            entries,
        };
        let Ok(json) = serde_json::to_vec(&file) else {
            return;
        };
        let _ = write_atomically(cache, INDEX, &json);
    }
}

/// Writes `bytes` to `dir/name` through a temporary file in `dir`, so that
/// no reader ever sees half a file.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, bytes)?;
    let target = dir.join(name);
    // Readable by all, as a published file must be (a temporary file is
    // made readable by its owner alone).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(&target).map_err(|e| e.error)?;
    Ok(target)
}

/// A derived file, ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// Its path in the output.
    pub path: String,
    /// The file in the cache holding it.
    pub file: PathBuf,
}

impl Pictures {
    /// Makes every derived file of the pictures pages showed, encoding only
    /// those the cache lacks, one picture a thread at a time.
    pub fn derive(&self, root: &Path) -> (Vec<Made>, Diagnostics) {
        let static_dir = root.join("static");
        let used: Vec<&Picture> = (0..self.list.len())
            .filter(|&i| self.is_used(i))
            .map(|i| &self.list[i])
            .filter(|p| matches!(p.kind, Kind::Raster(_)) && !p.derived.is_empty())
            .collect();
        let results: Vec<Result<Vec<Made>, Diagnostic>> = used
            .par_iter()
            .map(|picture| self.derive_one(&static_dir, picture))
            .collect();
        let mut made = Vec::new();
        let mut diagnostics = Diagnostics::new();
        for result in results {
            match result {
                Ok(files) => made.extend(files),
                Err(d) => diagnostics.push(d),
            }
        }
        made.sort_by(|a, b| a.path.cmp(&b.path));
        (made, diagnostics)
    }

    /// The cache folder of one picture at the current settings.
    fn folder(&self, picture: &Picture) -> PathBuf {
        let quality = self.settings.quality;
        let hash = &picture.hash[..picture.hash.len().min(32)];
        (self.cache).join(format!("{hash}-q{quality}-v{ENCODER_VERSION}"))
    }

    fn derive_one(&self, static_dir: &Path, picture: &Picture) -> Result<Vec<Made>, Diagnostic> {
        let shown = format!("static/{}", picture.rel);
        let folder = self.folder(picture);
        let made: Vec<Made> = (picture.derived.iter())
            .map(|d| Made {
                path: d.path.clone(),
                file: folder.join(format!("{}w.{}", d.width, d.encoding.extension())),
            })
            .collect();
        let missing: Vec<usize> = (0..made.len())
            .filter(|&i| !made[i].file.is_file())
            .collect();
        if missing.is_empty() {
            return Ok(made);
        }
        let Kind::Raster(named) = picture.kind else {
            return Ok(Vec::new());
        };
        let fail = |message: String| Diagnostic::error(&shown, message);
        let path = static_dir.join(&picture.rel);
        let image = decode(&path, named, picture.orientation, &picture.hash)
            .map_err(|p| fail(p.message).with_help_opt(p.help))?;
        let pixels = Pixels::of(image);
        for i in missing {
            let derived = &picture.derived[i];
            let bytes = encode(&pixels, derived, self.settings.quality)
                .map_err(|e| fail(format!("cannot make {}: {e}", derived.path)))?;
            let name = made[i]
                .file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            write_atomically(&folder, &name, &bytes).map_err(|e| {
                Diagnostic::error(
                    CACHE_SHOWN,
                    format!("cannot write {} into the picture cache: {e}", derived.path),
                )
                .with_help("the cache is a folder of the site's; check its permissions and the disk's free space")
            })?;
        }
        Ok(made)
    }
}

/// The cache as a problem names it.
const CACHE_SHOWN: &str = super::CACHE;

/// Decodes the picture at `path`, within the size and memory limits, turned
/// upright by `orientation` (EXIF, 1 to 8, as read when the picture was
/// examined, so that its planned sizes and its pixels agree). The bytes must
/// still hash to `hash`: a file saved again while the site builds is not
/// cached under its old hash.
pub fn decode(
    path: &Path,
    named: Encoding,
    orientation: u8,
    hash: &str,
) -> Result<DynamicImage, Problem> {
    let bad = |e: image::ImageError| Problem {
        message: format!("the picture does not decode: {e}"),
        help: Some("the file may be cut short or damaged; save it again".into()),
    };
    let bytes = std::fs::read(path).map_err(|e| Problem {
        message: format!("cannot read: {e}"),
        help: None,
    })?;
    if hex(&Sha256::digest(&bytes)) != hash {
        return Err(Problem {
            message: "the picture changed while the site was being built".into(),
            help: Some("build again".into()),
        });
    }
    let mut reader = ImageReader::with_format(Cursor::new(&bytes), image_format(named));
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(bad)?;
    check_size(decoder.dimensions())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(bad)?;
    drop(bytes);
    let turn = image::metadata::Orientation::from_exif(orientation)
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    image.apply_orientation(turn);
    Ok(image)
}

/// A picture's pixels, decoded once for all its derived files.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    /// Whether the buffer holds RGBA rather than RGB.
    pub alpha: bool,
    pub buffer: Vec<u8>,
}

impl Pixels {
    /// 8-bit RGB, or RGBA if the picture has transparency.
    pub fn of(image: DynamicImage) -> Pixels {
        let (width, height) = (image.width(), image.height());
        let alpha = image.color().has_alpha();
        let buffer = if alpha {
            image.into_rgba8().into_raw()
        } else {
            image.into_rgb8().into_raw()
        };
        Pixels {
            width,
            height,
            alpha,
            buffer,
        }
    }
}

/// One derived file's bytes: the picture at its width (its height from the
/// decoded pixels, so the picture is never stretched), in its encoding,
/// with no metadata.
pub fn encode(pixels: &Pixels, derived: &super::Derived, quality: u8) -> Result<Vec<u8>, String> {
    let w = derived.width.min(pixels.width);
    let h = ((u64::from(pixels.height) * u64::from(w) + u64::from(pixels.width) / 2)
        / u64::from(pixels.width.max(1)))
    .max(1) as u32;
    let mut resized = resize(pixels, w, h)?;
    let mut alpha = pixels.alpha;
    if alpha && derived.encoding == Encoding::Jpeg {
        // JPEG has no transparency: the picture is shown on white.
        resized = std::borrow::Cow::Owned(
            resized
                .chunks_exact(4)
                .flat_map(|p| {
                    let a = u16::from(p[3]);
                    let over_white = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
                    [over_white(p[0]), over_white(p[1]), over_white(p[2])]
                })
                .collect(),
        );
        alpha = false;
    }
    let color = if alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    match derived.encoding {
        Encoding::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
            image::ImageEncoder::write_image(encoder, &resized, w, h, color)
                .map_err(|e| e.to_string())?;
        }
        Encoding::Png => {
            let encoder = image::codecs::png::PngEncoder::new(&mut out);
            image::ImageEncoder::write_image(encoder, &resized, w, h, color)
                .map_err(|e| e.to_string())?;
        }
        Encoding::Webp => {
            let encoder = if alpha {
                webp::Encoder::from_rgba(&resized, w, h)
            } else {
                webp::Encoder::from_rgb(&resized, w, h)
            };
            let memory = encoder
                .encode_simple(false, f32::from(quality))
                .map_err(|e| format!("{e:?}"))?;
            out.extend_from_slice(&memory);
        }
        Encoding::Tiff => return Err("TIFF is not a format gloss writes".into()),
    }
    Ok(out)
}

/// The pixels at `width` × `height`, in the same layout; borrowed when
/// that is their own size.
fn resize(pixels: &Pixels, width: u32, height: u32) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    use fast_image_resize as fr;
    if (width, height) == (pixels.width, pixels.height) {
        return Ok(std::borrow::Cow::Borrowed(&pixels.buffer));
    }
    let pixel_type = if pixels.alpha {
        fr::PixelType::U8x4
    } else {
        fr::PixelType::U8x3
    };
    let source = fr::images::ImageRef::new(pixels.width, pixels.height, &pixels.buffer, pixel_type)
        .map_err(|e| e.to_string())?;
    let mut target = fr::images::Image::new(width, height, pixel_type);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|e| e.to_string())?;
    Ok(std::borrow::Cow::Owned(target.into_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(rel: &str, named: Encoding, size: (u32, u32)) -> Vec<String> {
        let settings = ImagesConfig::default();
        plan(rel, named, Some(size), &settings)
            .into_iter()
            .map(|d| format!("{} {}x{}", d.path, d.width, d.height))
            .collect()
    }

    #[test]
    fn sizes_are_never_wider_than_the_original() {
        assert_eq!(
            planned("images/a.jpg", Encoding::Jpeg, (1000, 667)),
            [
                "images/a-480w.jpg 480x320",
                "images/a-480w.webp 480x320",
                "images/a-800w.jpg 800x534",
                "images/a-800w.webp 800x534",
                "images/a-1000w.webp 1000x667",
            ]
        );
        // Wider than every setting: no size at its own width, which no
        // screen would use.
        assert_eq!(
            planned("b.jpg", Encoding::Jpeg, (4000, 2000))
                .last()
                .map(String::as_str),
            Some("b-1600w.webp 1600x800")
        );
        // Narrower than every width: WebP at its own width alone.
        assert_eq!(
            planned("a.jpeg", Encoding::Jpeg, (300, 200)),
            ["a-300w.webp 300x200"]
        );
    }

    #[test]
    fn each_format_gets_the_sizes_browsers_can_use() {
        // A PNG keeps its one file; WebP is made.
        assert_eq!(
            planned("p.png", Encoding::Png, (900, 900)),
            [
                "p-480w.webp 480x480",
                "p-800w.webp 800x800",
                "p-900w.webp 900x900"
            ]
        );
        // A WebP's sizes are WebP, its own width being the original.
        assert_eq!(
            planned("w.webp", Encoding::Webp, (900, 300)),
            ["w-480w.webp 480x160", "w-800w.webp 800x267"]
        );
        // Browsers show no TIFF: JPEG at every width, the full one too.
        assert_eq!(
            planned("t.tif", Encoding::Tiff, (600, 600)),
            [
                "t-480w.jpg 480x480",
                "t-480w.webp 480x480",
                "t-600w.jpg 600x600",
                "t-600w.webp 600x600"
            ]
        );
        let none = ImagesConfig {
            formats: Vec::new(),
            ..ImagesConfig::default()
        };
        assert!(plan("p.png", Encoding::Png, Some((900, 900)), &none).is_empty());
    }

    #[test]
    fn sizes_past_the_limits_are_refused_from_the_header() {
        assert!(check_size((MAX_SIDE, 1)).is_ok());
        assert!(check_size((MAX_SIDE + 1, 1)).is_err());
        assert!(check_size((1, MAX_SIDE + 1)).is_err());
        // 100 million pixels in all.
        assert!(check_size((10_000, 10_000)).is_ok());
        assert!(check_size((10_001, 10_000)).is_err());
    }

    #[test]
    fn transparency_on_white_in_a_jpeg() {
        let pixels = Pixels {
            width: 2,
            height: 1,
            alpha: true,
            buffer: vec![0, 0, 0, 0, 10, 20, 30, 255],
        };
        let derived = crate::images::Derived {
            path: "x.jpg".into(),
            width: 2,
            height: 1,
            encoding: Encoding::Jpeg,
        };
        let bytes = encode(&pixels, &derived, 100).unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap().to_rgb8();
        let [first, second] = [decoded.get_pixel(0, 0), decoded.get_pixel(1, 0)];
        assert!(first.0.iter().all(|&c| c > 200), "{first:?}");
        assert!(second.0.iter().all(|&c| c < 80), "{second:?}");
    }
}
