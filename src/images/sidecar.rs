//! Sidecars: the rights of a picture of `static/`, kept beside it in a TOML
//! file named after the whole file name (`images/siege.jpg.toml` for
//! `images/siege.jpg`), so that every page showing the picture credits it
//! the same way.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::dates::HistDate;
use crate::diagnostics::Diagnostic;

/// What a sidecar says about its picture. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sidecar {
    pub alt: Option<String>,
    /// Markdown.
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Where the picture comes from, as an http(s) URL.
    pub source: Option<String>,
    pub license: Option<String>,
    /// The date the picture was made or shows.
    pub date: Option<HistDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSidecar {
    #[serde(default)]
    alt: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    credit: Option<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    date: Option<Spanned<toml::Value>>,
}

/// The file name of the sidecar of the picture at `rel`.
pub fn path_of(rel: &str) -> String {
    format!("{rel}.toml")
}

/// The picture a file of `static/` is the sidecar of, if its name says it
/// is one (`images/siege.jpg.toml`).
pub fn picture_of(rel: &str) -> Option<&str> {
    let picture = rel.strip_suffix(".toml")?;
    super::is_picture(picture).then_some(picture)
}

/// Reads the sidecar at `path`, shown to the author as `shown`; every
/// problem in it is reported, at its line and column.
pub fn read(path: &Path, shown: &str) -> Result<Sidecar, Vec<Diagnostic>> {
    let text = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::error(shown, format!("cannot read: {e}"))])?;
    let text = crate::diagnostics::decode(text).map_err(|position| {
        vec![Diagnostic::error(shown, "the sidecar is not valid UTF-8").at_position(position)]
    })?;
    parse(&text, shown)
}

/// Reads a sidecar's text.
pub fn parse(text: &str, shown: &str) -> Result<Sidecar, Vec<Diagnostic>> {
    let raw: RawSidecar = toml::from_str(text).map_err(|e| {
        vec![crate::diagnostics::toml_error(
            Path::new(shown),
            text,
            0,
            &e,
        )]
    })?;
    let mut problems = Vec::new();
    let source = raw.source.and_then(|url| {
        if is_web_url(url.get_ref()) {
            Some(url.into_inner())
        } else {
            let message = format!("source `{}` is not an http(s) URL", url.get_ref());
            problems.push(
                Diagnostic::error(shown, message)
                    .at(text, url.span().start)
                    .with_help("give the web page the picture comes from"),
            );
            None
        }
    });
    let date = raw.date.and_then(|value| {
        HistDate::from_toml(value.get_ref())
            .map_err(|e| {
                let d = Diagnostic::error(shown, e.message).at(text, value.span().start);
                problems.push(d.with_help_opt(e.help));
            })
            .ok()
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let given = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
    Ok(Sidecar {
        alt: given(raw.alt),
        caption: given(raw.caption),
        credit: given(raw.credit),
        source,
        license: given(raw.license),
        date,
    })
}

/// An http(s) URL: the only kind a picture's source may be.
pub fn is_web_url(url: &str) -> bool {
    let web = ["http", "https"];
    crate::url::is_external(url) && crate::url::scheme_allowed(url, &web)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        parse(text, "static/images/a.jpg.toml")
            .unwrap_err()
            .iter()
            .map(|d| {
                let p = d.position.expect("placed");
                format!("{}:{}: {}", p.line, p.column, d.message)
            })
            .collect()
    }

    #[test]
    fn reads_every_key() {
        let sidecar = parse(
            "alt = \"A road\"\ncaption = \"The *road*\"\ncredit = \"A. Maker\"\n\
             source = \"https://example.org/road\"\nlicense = \"CC0 1.0\"\ndate = \"1909-03\"\n",
            "x",
        )
        .unwrap();
        assert_eq!(sidecar.alt.as_deref(), Some("A road"));
        assert_eq!(sidecar.caption.as_deref(), Some("The *road*"));
        assert_eq!(sidecar.credit.as_deref(), Some("A. Maker"));
        assert_eq!(sidecar.source.as_deref(), Some("https://example.org/road"));
        assert_eq!(sidecar.license.as_deref(), Some("CC0 1.0"));
        assert_eq!(
            sidecar.date.map(|d| d.to_string()).as_deref(),
            Some("March 1909")
        );
        assert_eq!(parse("credit = \" \"", "x").unwrap().credit, None);
    }

    #[test]
    fn problems_are_placed_and_all_reported() {
        assert_eq!(
            problems("alt = \"a\"\ncredits = \"b\"\n"),
            [
                "2:1: unknown field `credits`, expected one of `alt`, `caption`, `credit`, `source`, `license`, `date`"
            ]
        );
        assert_eq!(
            problems("source = \"ftp://x\"\ndate = \"1909-02-30\"\n"),
            [
                "1:10: source `ftp://x` is not an http(s) URL",
                "2:8: February 1909 has no day 30: it has 28 days"
            ]
        );
    }

    #[test]
    fn sidecars_are_named_after_the_whole_file_name() {
        assert_eq!(path_of("images/a.jpg"), "images/a.jpg.toml");
        assert_eq!(picture_of("images/a.jpg.toml"), Some("images/a.jpg"));
        assert_eq!(picture_of("images/a.TIFF.toml"), Some("images/a.TIFF"));
        assert_eq!(picture_of("data/places.toml"), None);
    }
}
