//! Writes two gloss sites for measuring what pictures cost a build:
//! DIR/photos, whose articles show 40 photographs of 3,000 to 6,000 pixels
//! (each article a photo and a figure in its body, each picture with a
//! sidecar), and DIR/plain, the same articles with no pictures.
//!
//! ```sh
//! cargo run --release --example gen-photos -- --out /dev/shm/photos
//! gloss build --root /dev/shm/photos/photos
//! ```
//!
//! The photographs are made of smooth light and grain, so that they weigh
//! what scans and camera files of their size weigh as JPEG. The same seed
//! writes the same bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use image::{ImageEncoder, RgbImage};

#[derive(Debug, Parser)]
#[command(name = "gen-photos")]
struct Args {
    /// The folder to write DIR/photos and DIR/plain in.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// How many photographs (two an article).
    #[arg(long, default_value_t = 40)]
    photos: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match write(&args) {
        Ok(bytes) => {
            println!(
                "{} photographs, {:.1} MB, in {}",
                args.photos,
                bytes as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(args: &Args) -> std::io::Result<u64> {
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let photos = args.out.join("photos");
    let plain = args.out.join("plain");
    for site in [&photos, &plain] {
        if site.exists() {
            fs::remove_dir_all(site)?;
        }
        fs::create_dir_all(site.join("content/articles"))?;
        fs::write(
            site.join("site.toml"),
            "title = \"Photographs\"\nbase_url = \"https://example.org/\"\n",
        )?;
    }
    fs::create_dir_all(photos.join("static/images"))?;
    let mut bytes = 0;
    for n in 0..args.photos.div_ceil(2) {
        let text = "The archive holds many pictures of the city. ".repeat(40);
        let (lead, figure) = (2 * n, 2 * n + 1);
        let with = format!(
            "+++\ntitle = \"Article {n}\"\ndate = 2025-01-01\n[photo]\nsrc = \"images/photo-{lead:02}.jpg\"\n+++\n\
             {text}\n\n![A street, photograph {figure}](images/photo-{figure:02}.jpg)\n\n{text}\n"
        );
        let without =
            format!("+++\ntitle = \"Article {n}\"\ndate = 2025-01-01\n+++\n{text}\n\n{text}\n");
        fs::write(photos.join(format!("content/articles/a{n:02}.md")), with)?;
        fs::write(plain.join(format!("content/articles/a{n:02}.md")), without)?;
        for i in [lead, figure] {
            if i >= args.photos {
                continue;
            }
            let width = 3000 + rng.u32(0..=3000);
            let height = if rng.bool() {
                width * 2 / 3
            } else {
                width * 3 / 2
            }
            .min(6000);
            let name = format!("static/images/photo-{i:02}.jpg");
            bytes += photograph(&photos.join(&name), width, height, &mut rng)?;
            fs::write(
                photos.join(format!("{name}.toml")),
                format!(
                    "alt = \"A street, photograph {i}\"\ncaption = \"Photograph {i}.\"\n\
                     credit = \"A. Photographer\"\nlicense = \"CC BY 4.0\"\n"
                ),
            )?;
        }
    }
    Ok(bytes)
}

/// A JPEG of smooth light and fine grain; returns its size in bytes.
fn photograph(
    path: &Path,
    width: u32,
    height: u32,
    rng: &mut fastrand::Rng,
) -> std::io::Result<u64> {
    let (a, b, c) = (rng.f32() * 6.0, rng.f32() * 6.0, rng.f32() * 6.0);
    let mut grain = fastrand::Rng::with_seed(rng.u64(..));
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / width as f32, y as f32 / height as f32);
        let light = |phase: f32| 0.5 + 0.5 * (phase + 3.0 * u + 2.0 * v * (1.0 + u)).sin();
        let noise = grain.i32(-18..=18) as f32;
        let channel = |phase| (light(phase) * 200.0 + 20.0 + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([channel(a), channel(b), channel(c)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(std::io::Error::other)?;
    fs::write(path, &out)?;
    Ok(out.len() as u64)
}
