//! What a term's front matter must hold beyond its types: coordinates on
//! the globe, given in pairs, and a Wikidata id of the right shape.

use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::{Source, TermMeta};

/// Every problem with the term's coordinates and Wikidata id, pointing into
/// the file (`toml_start` is where its front matter begins).
pub fn check(source: &Source, meta: &TermMeta, toml_start: usize) -> Vec<Diagnostic> {
    let at = |value_start: usize| toml_start + value_start;
    let mut problems = Vec::new();
    match (&meta.lat, &meta.lon) {
        (Some(lat), Some(lon)) => {
            for (value, name, limit) in [(lat, "lat", 90.0), (lon, "lon", 180.0)] {
                if let Some(message) = out_of_range(value, name, limit) {
                    problems.push(source.error_at(at(value.span().start), message).with_help(
                        "give decimal degrees: north and east positive, south and west negative",
                    ));
                }
            }
        }
        (Some(one), None) | (None, Some(one)) => {
            let (given, missing) = if meta.lat.is_some() {
                ("lat", "lon")
            } else {
                ("lon", "lat")
            };
            problems.push(
                source
                    .error_at(
                        at(one.span().start),
                        format!("`{given}` is given without `{missing}`"),
                    )
                    .with_help("a place needs both `lat` and `lon`, in decimal degrees"),
            );
        }
        (None, None) => {}
    }
    if let Some(id) = &meta.wikidata
        && !is_wikidata_id(id.get_ref())
    {
        problems.push(
            source
                .error_at(
                    at(id.span().start),
                    format!("`{}` is not a Wikidata id", id.get_ref()),
                )
                .with_help("give the item's Q-number, such as `Q3616`"),
        );
    }
    problems
}

fn out_of_range(value: &Spanned<f64>, name: &str, limit: f64) -> Option<String> {
    let v = *value.get_ref();
    (!v.is_finite() || v.abs() > limit)
        .then(|| format!("`{name}` must lie between -{limit} and {limit}, not {v}"))
}

/// `Q` and a number without leading zeros: `Q3616`.
pub fn is_wikidata_id(id: &str) -> bool {
    id.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikidata_ids() {
        assert!(is_wikidata_id("Q3616"));
        assert!(!is_wikidata_id("Q"));
        assert!(!is_wikidata_id("q3616"));
        assert!(!is_wikidata_id("Q0801"));
        assert!(!is_wikidata_id("https://www.wikidata.org/wiki/Q3616"));
    }
}
