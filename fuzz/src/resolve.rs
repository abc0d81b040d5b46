//! The dev server's request-path resolver: a file it serves lies inside the
//! output folder, and a redirect stays on the site, can be sent as a
//! header and leads to the page it promised.
//!
//! The input's first line is the site's `base_url` and the rest the request
//! target; without a line break the site is at `/` and the input is the
//! request target.

use std::path::{Component, Path, PathBuf};

use gloss::serve::{Target, resolve};
use gloss::url::{BaseUrl, percent_decode};

/// Which files a site has, by path under the output.
const SITES: &[fn(&str) -> bool] = &[
    |_| true,
    |_| false,
    |path| path.ends_with("index.html"),
    |path| !path.ends_with("index.html"),
    |path| path.len() % 2 == 0,
];

pub fn check(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (base, url) = match input.split_once('\n') {
        Some((base, url)) => match BaseUrl::parse(base) {
            Ok(base) => (base.path().to_string(), url),
            Err(_) => return,
        },
        None => ("/".to_string(), input),
    };
    for exists in SITES {
        check_one(url, &base, exists);
    }
}

fn check_one(url: &str, base: &str, exists: &fn(&str) -> bool) {
    match resolve(url, base, exists) {
        Target::File(path) => {
            assert!(
                exists(&path),
                "{url:?} served {path:?}, which does not exist"
            );
            assert_inside_output(&path);
        }
        Target::Redirect(location) => {
            // Compared by segments, decoded: the base may be written with
            // escapes or without, and the location encodes it.
            assert!(
                segments(&location).starts_with(&segments(base)) && !location.starts_with("//"),
                "{url:?} under {base:?} redirected off the site, to {location:?}"
            );
            assert!(
                location.bytes().all(|b| b.is_ascii_graphic()),
                "{url:?} redirected to {location:?}, which is no header value"
            );
            // The browser asks for the new location: a page, or for the
            // base path of a site without a home page, nothing; never
            // another redirect.
            match resolve(&location, base, exists) {
                Target::File(_) => {}
                Target::NotFound if segments(&location) == segments(base) => {}
                other => panic!("{url:?} redirected to {location:?}, which gives {other:?}"),
            }
        }
        Target::NotFound | Target::BadRequest => {}
    }
}

/// The segments of a URL path, decoded.
fn segments(path: &str) -> Vec<String> {
    let decoded = percent_decode(path).unwrap_or_else(|| path.into());
    (decoded.split('/').filter(|s| !s.is_empty()))
        .map(String::from)
        .collect()
}

/// A path under the output folder stays there, whatever the platform
/// makes of it.
fn assert_inside_output(path: &str) {
    assert!(!path.is_empty(), "an empty path");
    assert!(!path.contains(['\0', '\\']), "{path:?}");
    assert!(
        path.split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".."),
        "{path:?} has an empty, `.` or `..` segment"
    );
    let output = Path::new("/srv/public");
    let joined = output.join(path);
    let mut normal = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            c => normal.push(c),
        }
    }
    assert!(
        normal.starts_with(output) && normal != output,
        "{path:?} leads to {normal:?}"
    );
    assert!(Path::new(path).is_relative(), "{path:?}");
}
