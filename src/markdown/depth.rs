//! Bounds how deeply a page's Markdown nests (lists in lists, quotes in
//! quotes, emphasis in emphasis). No article needs more than a handful of
//! levels; thousands would make pages no browser shows well, and the
//! minifier and browsers walk nested elements recursively.

use std::ops::Range;

use pulldown_cmark::Event;

use super::{RenderContext, Rendered};

/// The deepest nesting a page may have, counting every element Markdown
/// opens: a list item in a list is two levels.
pub const MAX: usize = 100;

/// The events as they come, ending early at the first one nested deeper
/// than [`MAX`], whose offset is then left in `too_deep`: so a page of a
/// million nested lists costs no more than its first hundred levels.
pub fn bounded<'a, 'b>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'b,
    too_deep: &'b mut Option<usize>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'b {
    let mut depth = 0usize;
    events
        .map_while(move |(event, range)| {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX {
                *too_deep = Some(range.start);
                return None;
            }
            Some((event, range))
        })
        // Text merging asks again after the end; the parser must not go on to
        // the next level and move the place reported.
        .fuse()
}

/// What rendering gives for a page nested too deeply: no HTML, and an
/// error at `at` (an offset into the file).
pub fn refused(ctx: &RenderContext, at: usize) -> Rendered {
    let error = ctx
        .source
        .error_at(
            at,
            format!("lists, quotes or other elements are nested more than {MAX} levels deep here"),
        )
        .with_help("nest less deeply: no reader can follow that many levels");
    Rendered {
        diagnostics: vec![error],
        ..Rendered::default()
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;

    /// Where the events first go too deep, read through the text merging
    /// that follows in rendering (which asks for more after the end).
    fn first_too_deep(markdown: &str) -> Option<usize> {
        let mut too_deep = None;
        let events = Parser::new(markdown).into_offset_iter();
        let kept = crate::markdown::merge_text(bounded(events, &mut too_deep)).len();
        assert!(kept > 0);
        too_deep
    }

    #[test]
    fn ordinary_nesting_passes() {
        assert_eq!(first_too_deep("> - a\n>   - b\n>     > c\n"), None);
        assert_eq!(first_too_deep(&"> ".repeat(MAX - 1)), None);
    }

    #[test]
    fn deep_nesting_stops_where_it_goes_too_deep() {
        let text = format!("x\n\n{}y\n", "> ".repeat(MAX + 1));
        // The quotes open one after another from the start of the line.
        assert_eq!(first_too_deep(&text), Some(3 + 2 * MAX));
    }
}
