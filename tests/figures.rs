//! Pictures: figures numbered, captioned and credited from their sidecars,
//! every `<img>` sized, smaller sizes and WebP made once into the cache with
//! no camera metadata, the credits page listing every picture once, and
//! every bad picture reported in one run.

mod common;

use std::fs;
use std::io::Cursor;
use std::path::Path;

use common::Site;

/// A JPEG of `width` × `height`, with an EXIF segment giving `orientation`,
/// an Artist and a GPS position.
fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let plain = common::jpeg(width, height);
    // A little-endian TIFF structure: IFD0 with Orientation, Artist and a
    // pointer to a GPS IFD holding a latitude.
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        tiff.extend(tag.to_le_bytes());
        tiff.extend(kind.to_le_bytes());
        tiff.extend(count.to_le_bytes());
        tiff.extend(value.to_le_bytes());
    };
    let artist = b"Camera Owner\0";
    let artist_at = 8 + 2 + 3 * 12 + 4;
    let gps_at = artist_at + artist.len() as u32;
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    tiff.extend(3u16.to_le_bytes());
    entry(&mut tiff, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut tiff, 0x013B, 2, artist.len() as u32, artist_at);
    entry(&mut tiff, 0x8825, 4, 1, gps_at);
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(artist);
    tiff.extend(2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut tiff, 0x0002, 5, 3, rationals_at);
    tiff.extend(0u32.to_le_bytes());
    for (n, d) in [(38u32, 1u32), (4, 1), (0, 1)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = plain[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]);
    out
}

fn size_of(path: &Path) -> (u32, u32) {
    image::ImageReader::open(path)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480"><rect width="640" height="480"/></svg>"#;

/// A paragraph long enough to push what follows below the first screen.
const FILLER: &str = "Words fill the first screen of the page. Words fill the first screen of the page. \
    Words fill the first screen of the page. Words fill the first screen of the page. \
    Words fill the first screen of the page. Words fill the first screen of the page. \
    Words fill the first screen of the page. Words fill the first screen of the page.";

/// A site with one article showing a PNG figure (captioned by its
/// sidecar), an SVG figure (captioned by its title), and an inline image.
fn site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Pictures\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write("static/images/road.png", common::png(2000, 1000));
    site.write(
        "static/images/road.png.toml",
        "alt = \"A road across a plain\"\ncaption = \"The road to *Tabriz*.\"\n\
         credit = \"A. Maker\"\nsource = \"https://example.org/road\"\nlicense = \"CC BY 4.0\"\n",
    );
    site.write("static/images/plan.svg", SVG);
    site.write(
        "content/articles/a.md",
        format!("+++\ntitle = \"A\"\n+++\nAs [](#fig-plan) shows, and [the road](#fig-road) too.\n\n\
         ![](/images/road.png)\n\n{FILLER}\n\n![A plan of the city](images/plan.svg \"The city's plan\")\n\n\
         Inline ![a dot](/images/plan.svg) here.\n"),
    );
    site
}

#[test]
fn images_alone_are_numbered_captioned_and_credited_figures() {
    let site = site();
    site.build_ok(&[]);
    let page = site.page("articles/a/index.html");
    assert_eq!(page.attrs("figure.figure", "id"), ["fig-road", "fig-plan"]);
    assert_eq!(
        page.texts("figure .figure-label"),
        ["Figure 1.", "Figure 2."]
    );
    // The sidecar's caption, Markdown rendered; the title where there is one.
    assert_eq!(page.text("#fig-road .caption"), "The road to Tabriz.");
    assert_eq!(page.count("#fig-road .caption em"), 1);
    assert_eq!(page.text("#fig-plan .caption"), "The city’s plan");
    // The credit, linked to the source, then the licence.
    assert_eq!(page.text("#fig-road .credit"), "A. Maker · CC BY 4.0");
    assert_eq!(
        page.attr("#fig-road .credit a", "href"),
        "https://example.org/road"
    );
    assert_eq!(page.count("#fig-plan .credit"), 0);
    // The sidecar's alt where the Markdown gives none.
    assert_eq!(page.attr("#fig-road img", "alt"), "A road across a plain");
    // References read the number, or keep their own words.
    let refs: Vec<String> = page.texts("main p a[href^='#fig-']");
    assert_eq!(refs, ["Figure 2", "the road"]);
    // An image in running text stays inline.
    assert_eq!(page.count("p > img[alt='a dot']"), 1);
    // Each figure links to its original.
    assert_eq!(page.attr("#fig-road a.zoom", "href"), "/images/road.png");
    assert_eq!(page.attr("#fig-plan a.zoom", "href"), "/images/plan.svg");
}

#[test]
fn every_img_is_sized_and_offered_in_smaller_sizes_and_webp() {
    let site = site();
    site.build_ok(&[]);
    let page = site.page("articles/a/index.html");
    for img in page.select("main img") {
        let attr = |name| img.value().attr(name).map(str::to_string);
        assert!(
            attr("width").is_some() && attr("height").is_some(),
            "{:?}",
            img.html()
        );
        assert_eq!(
            attr("decoding").as_deref(),
            Some("async"),
            "{:?}",
            img.html()
        );
    }
    assert_eq!(page.attr("#fig-plan img", "width"), "640");
    assert_eq!(page.attr("#fig-plan img", "height"), "480");
    let img = "#fig-road picture img";
    assert_eq!(page.attr(img, "width"), "2000");
    // On the first screen a picture loads at once; below it, as the reader
    // nears it.
    assert_eq!(page.count(&format!("{img}[loading]")), 0);
    assert_eq!(page.attr("#fig-plan img", "loading"), "lazy");
    // A PNG keeps its one file: made smaller it would be larger. Browsers
    // reading WebP, every current one, get the smaller sizes, never wider
    // than the original.
    assert_eq!(page.attr(img, "src"), "/images/road.png");
    assert_eq!(page.count(&format!("{img}[srcset]")), 0);
    // No screen uses a size wider than the widest setting (pictures show
    // at most 40rem wide): none is made at the original's 2000.
    assert_eq!(
        page.attr("#fig-road picture source[type='image/webp']", "srcset"),
        "/images/road-480w.webp 480w, /images/road-800w.webp 800w, /images/road-1200w.webp 1200w, \
         /images/road-1600w.webp 1600w"
    );
    for (file, width, height) in [("road-480w.webp", 480, 240), ("road-1600w.webp", 1600, 800)] {
        assert_eq!(
            size_of(&site.public().join("images").join(file)),
            (width, height),
            "{file}"
        );
    }
    assert!(!site.public().join("images/road-480w.png").exists());
    assert!(!site.public().join("images/road-2000w.webp").exists());
    // The sidecar is read, not published.
    assert!(!site.public().join("images/road.png.toml").exists());
}

#[test]
fn a_rebuild_encodes_nothing_and_new_settings_do() {
    let site = site();
    site.build_ok(&[]);
    let cache = site.path(".gloss/cache/images");
    let files = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        let mut found: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != "index.json")
            .map(|e| {
                let modified = e.metadata().unwrap().modified().unwrap();
                (
                    e.path().strip_prefix(dir).unwrap().display().to_string(),
                    modified,
                )
            })
            .collect();
        found.sort();
        found
    };
    let first = files(&cache);
    assert_eq!(first.len(), 4, "four widths in WebP: {first:?}");
    let published = fs::read(site.public().join("images/road-800w.webp")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build_ok(&[]);
    assert_eq!(files(&cache), first, "a rebuild wrote into the cache");
    assert_eq!(
        fs::read(site.public().join("images/road-800w.webp")).unwrap(),
        published
    );
    // Another quality is another encoding, kept beside the first.
    site.write(
        "site.toml",
        "title = \"Pictures\"\nbase_url = \"https://example.org/\"\n[images]\nquality = 60\n",
    );
    site.build_ok(&[]);
    assert_eq!(files(&cache).len(), 8);
    assert_ne!(
        fs::read(site.public().join("images/road-800w.webp")).unwrap(),
        published
    );
}

#[test]
fn orientation_is_applied_and_camera_metadata_never_published_in_a_size() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    // Stored 1000 wide and 600 high; orientation 6 shows it turned a
    // quarter, 600 wide and 1000 high.
    site.write("static/images/turned.jpg", jpeg_with_exif(1000, 600, 6));
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\n+++\n![A turned picture](images/turned.jpg)\n",
    );
    let run = site.build_ok(&[]);
    // The original keeps its position, and the build says so.
    run.assert_stderr_has(
        "static/images/turned.jpg: warning: this picture records where it was taken",
    );
    let page = site.page("articles/a/index.html");
    assert_eq!(page.attr("figure img", "width"), "600");
    assert_eq!(page.attr("figure img", "height"), "1000");
    // Made from the pixels turned upright.
    assert_eq!(
        size_of(&site.public().join("images/turned-480w.jpg")),
        (480, 800)
    );
    assert_eq!(
        size_of(&site.public().join("images/turned-600w.webp")),
        (600, 1000)
    );
    for file in ["turned-480w.jpg", "turned-480w.webp", "turned-600w.webp"] {
        let bytes = fs::read(site.public().join("images").join(file)).unwrap();
        let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&bytes));
        assert!(exif.is_err(), "{file} carries EXIF");
        assert!(!bytes.windows(12).any(|w| w == b"Camera Owner"), "{file}");
    }
    // The credits page names where the credit came from.
    let credits = site.page("credits/index.html");
    assert_eq!(
        credits.texts(".figure-credits dd")[1],
        "Camera Owner (EXIF Artist)"
    );
}

#[test]
fn the_credits_list_every_picture_once_with_every_page() {
    let site = site();
    site.write(
        "content/articles/b.md",
        "+++\ntitle = \"B\"\n[photo]\nsrc = \"images/road.png\"\n+++\nText.\n",
    );
    site.write(
        "content/glossary/plain.md",
        "+++\ntitle = \"Plain\"\nsummary = \"Flat land.\"\n+++\n![A road](/images/road.png)\n",
    );
    site.build_ok(&[]);
    let credits = site.page("credits/index.html");
    let items = credits.select(".figure-credits > li");
    assert_eq!(items.len(), 2, "road and plan, each once");
    let road = credits.texts(".figure-credits > li:first-child dd");
    assert_eq!(road[0], "A; B; Plain");
    assert_eq!(road[1], "A. Maker (sidecar)");
    assert_eq!(road[3], "CC BY 4.0 (sidecar)");
    let plan = credits.texts(".figure-credits > li:nth-child(2) dd");
    assert_eq!(plan[1], "not given");
    // The photo takes its alt, caption and credit from the sidecar too.
    let b = site.page("articles/b/index.html");
    assert_eq!(b.attr("figure.photo img", "alt"), "A road across a plain");
    assert_eq!(b.text("figure.photo .credit"), "A. Maker · CC BY 4.0");
}

#[test]
fn check_warns_of_pictures_without_credit_or_licence() {
    let site = site();
    let run = site.check(&[]);
    assert!(run.status.success(), "{run}");
    let warned: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("is shown without"))
        .collect();
    assert_eq!(
        warned,
        [
            "content/articles/a.md:10:1: warning: picture static/images/plan.svg is shown without a credit or a licence",
            "content/articles/a.md:12:8: warning: picture static/images/plan.svg is shown without a credit or a licence",
        ],
        "{run}"
    );
    assert!(
        run.stdout
            .contains("pictures: 2 shown, 1 without a credit, 1 without a licence"),
        "{run}"
    );
}

#[test]
fn every_bad_picture_is_reported_in_one_run_and_the_output_kept() {
    let site = site();
    site.build_ok(&[]);
    let before = site.read("articles/a/index.html");
    // Not an image at all; a PNG named as a JPEG; a header claiming 50,000
    // pixels a side; a picture cut short.
    site.write("static/images/text.jpg", "not a picture");
    site.write("static/images/named.jpg", common::png(10, 10));
    // A JPEG's frame header gives its height and width, unchecked.
    let mut bomb = common::jpeg(8, 8);
    let frame = bomb
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a frame header");
    bomb[frame + 5..frame + 7].copy_from_slice(&50_000u16.to_be_bytes());
    bomb[frame + 7..frame + 9].copy_from_slice(&50_000u16.to_be_bytes());
    site.write("static/images/bomb.jpg", bomb);
    let cut = common::png(900, 900);
    site.write("static/images/cut.png", &cut[..cut.len() / 2]);
    site.write("static/images/phone.heic", "HEIC bytes");
    site.write("static/images/gone.jpg.toml", "credit = \"Nobody\"\n");
    site.write(
        "static/images/plan.svg.toml",
        "alt = \"x\"\ncredits = \"typo\"\n",
    );
    site.write(
        "content/articles/bad.md",
        "+++\ntitle = \"Bad\"\n+++\n![x](/images/missing.png)\n\n![x](/images/cut.png)\n\n\
         ![x](/images/phone.heic)\n\nSee [](#fig-nowhere).\n",
    );
    let started = std::time::Instant::now();
    let run = site.build(&[]);
    assert!(started.elapsed().as_secs() < 20, "{run}");
    run.assert_failed();
    for expected in [
        "static/images/text.jpg: error: this file is not a JPEG picture",
        "static/images/named.jpg: error: this file holds a PNG picture, but its name says JPEG",
        "static/images/bomb.jpg: error: the picture claims 50000 × 50000 pixels",
        "static/images/plan.svg.toml:2:1: error: unknown field `credits`",
        "static/images/gone.jpg.toml: warning: this sidecar's picture static/images/gone.jpg does not exist",
        "static/images/phone.heic: warning: gloss cannot read this format",
        "content/articles/bad.md:4:1: error: image `/images/missing.png` does not exist",
        "static/images/cut.png: error: the picture does not decode",
        "content/articles/bad.md:10:5: error: link to figure `#fig-nowhere`, which this page does not have",
    ] {
        run.assert_stderr_has(expected);
    }
    assert_eq!(
        site.read("articles/a/index.html"),
        before,
        "the last good site was kept"
    );
}

#[test]
fn unsupported_formats_are_published_as_they_are() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    site.write("static/images/phone.heic", "HEIC bytes");
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\n+++\n![A phone picture](/images/phone.heic)\n",
    );
    let run = site.build_ok(&[]);
    run.assert_stderr_has("static/images/phone.heic: warning: gloss cannot read this format");
    assert_eq!(
        fs::read(site.public().join("images/phone.heic")).unwrap(),
        b"HEIC bytes"
    );
    let page = site.page("articles/a/index.html");
    assert_eq!(page.attr("figure img", "src"), "/images/phone.heic");
}

#[test]
fn two_pictures_whose_sizes_would_share_names_are_told_apart() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    site.write("static/images/a.jpg", common::jpeg(1000, 500));
    site.write("static/images/a.png", common::png(900, 450));
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\n+++\n![One](/images/a.jpg)\n\n![Two](/images/a.png)\n",
    );
    let run = site.build_ok(&[]);
    run.assert_stderr_has(
        "static/images/a.png: warning: its smaller sizes would have the names of static/images/a.jpg's",
    );
    let page = site.page("articles/a/index.html");
    assert!(
        page.attr("#fig-a source", "srcset")
            .contains("/images/a-480w.webp 480w")
    );
    assert_eq!(page.count("#fig-a-2 source"), 0);
    assert_eq!(page.attr("#fig-a-2 img", "src"), "/images/a.png");
    // The WebP is the JPEG's.
    assert_eq!(
        size_of(&site.public().join("images/a-480w.webp")),
        (480, 240)
    );
}

#[test]
fn a_sidecar_caption_in_blocks_is_one_line_of_the_figure() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    site.write("static/images/plan.svg", SVG);
    site.write(
        "static/images/plan.svg.toml",
        "alt = \"A plan\"\ncaption = \"\"\"\n# Seen\n\n- from *afar*\n- up close\n\n> <b>said</b>\n\"\"\"\n",
    );
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\n+++\n![](/images/plan.svg)\n",
    );
    let run = site.build_ok(&[]);
    let page = site.page("articles/a/index.html");
    let caption = page.one("figure .caption");
    assert_eq!(
        caption.inner_html(),
        "Seen from <em>afar</em> up close &lt;b&gt;said&lt;/b&gt;"
    );
    // Raw HTML in a sidecar is shown as text, as in a body, with a warning.
    run.assert_stderr_has("raw HTML `<b>` is shown as text");
}
