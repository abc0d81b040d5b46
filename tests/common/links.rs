//! A link checker over a built site: every `href` and `src` of every page
//! that points inside the site must name a written file, and a `#fragment`
//! an element of that page.

use std::collections::HashMap;
use std::path::Path;

use super::{Page, files_below, read_text};

/// The broken links under `output`, for a site whose pages live under
/// `base_path` (`/` or `/history/`), as "page: url (why)".
pub fn broken_links(output: &Path, base_path: &str) -> Vec<String> {
    let pages: HashMap<String, Page> = files_below(output)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let page = Page::parse(read_text(&output.join(&f)));
            (f, page)
        })
        .collect();
    let mut broken = Vec::new();
    for (file, page) in &pages {
        let urls = page
            .attrs("[href]", "href")
            .into_iter()
            .chain(page.attrs("[src]", "src"));
        for url in urls {
            if is_external(&url) {
                continue;
            }
            if let Err(why) = resolve(output, &pages, base_path, file, &url) {
                broken.push(format!("{file}: {url} ({why})"));
            }
        }
    }
    broken.sort();
    broken
}

pub fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '#', '?']))
}

fn resolve(
    output: &Path,
    pages: &HashMap<String, Page>,
    base_path: &str,
    file: &str,
    url: &str,
) -> Result<(), String> {
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let path = path.split('?').next().unwrap();
    let target = if path.is_empty() {
        file.to_string()
    } else {
        let under_output = if path.starts_with('/') {
            path.strip_prefix(base_path)
                .ok_or_else(|| format!("not under the base path {base_path}"))?
                .to_string()
        } else {
            let folder = file.rsplit_once('/').map_or("", |(dir, _)| dir);
            normalise(&format!("{folder}/{path}"))
        };
        let decoded = percent_decode(&under_output);
        if decoded.is_empty() || decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else {
            decoded
        }
    };
    if !output.join(&target).is_file() {
        return Err(format!("no file {target}"));
    }
    if fragment.is_empty() {
        return Ok(());
    }
    let page = pages
        .get(&target)
        .ok_or_else(|| format!("#{fragment} on {target}, which is not a page"))?;
    let id = percent_decode(fragment);
    let found = page
        .attrs("[id]", "id")
        .iter()
        .chain(page.attrs("a[name]", "name").iter())
        .any(|i| *i == id);
    if found {
        Ok(())
    } else {
        Err(format!("no element with id `{id}` on {target}"))
    }
}

/// Resolves `.` and `..` segments.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

fn percent_decode(text: &str) -> String {
    gloss::url::percent_decode(text).unwrap_or_else(|| text.to_string())
}
