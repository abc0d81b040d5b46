//! Finds images written without alt text (`![](map.svg)`), which a screen
//! reader can only announce as "image". Reads the events, changes nothing.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Events;

/// Where each image without alt text starts, as offsets into the Markdown.
pub fn missing<'e>(events: &'e Events<'_>) -> impl Iterator<Item = usize> + 'e {
    events
        .iter()
        .enumerate()
        .filter(|(_, (event, _))| matches!(event, Event::Start(Tag::Image { .. })))
        .filter(|&(i, _)| !has_text(&events[i + 1..]))
        .map(|(_, (_, range))| range.start)
}

/// Whether the image whose events follow has any text before it closes;
/// text of an image nested in it counts, as it does in the written alt.
fn has_text(events: &[(Event<'_>, Range<usize>)]) -> bool {
    let mut depth = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => return false,
            Event::End(TagEnd::Image) => depth -= 1,
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::parser_options;

    fn missing_in(markdown: &str) -> Vec<usize> {
        let events: Events = Parser::new_ext(markdown, parser_options())
            .into_offset_iter()
            .collect();
        missing(&events).collect()
    }

    #[test]
    fn finds_images_without_alt() {
        assert_eq!(missing_in("See ![](a.png) and ![ ](b.png)."), [4, 19]);
    }

    #[test]
    fn any_text_is_alt_text() {
        assert!(missing_in("![A map](a.png) ![*so*](b.png) ![`x`](c.png)").is_empty());
        assert!(missing_in("![![inner](i.png)](o.png)").is_empty());
        assert_eq!(missing_in("![A ![](i.png)](o.png)"), [4]);
    }
}
