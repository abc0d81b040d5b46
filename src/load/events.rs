//! The dates a page's front matter gives: its `[[events]]`, and a term's
//! `born` and `died`. Each is read into a [`Period`] or a [`HistDate`], and
//! every problem points at the value in the file.

use toml::Spanned;

use crate::dates::{DateError, HistDate, Period};
use crate::diagnostics::Diagnostic;
use crate::load::{EventMeta, Source};

/// Something that happened, for the page's "Key dates" and the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub when: Period,
    pub label: String,
}

/// A person's life dates, either or both of which may be unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Life {
    pub born: Option<HistDate>,
    pub died: Option<HistDate>,
}

/// Reads `[[events]]` in the order given (`toml_start` is where the front
/// matter begins in the file), with every problem found.
pub fn events(
    source: &Source,
    metas: &[EventMeta],
    toml_start: usize,
) -> (Vec<Event>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut events = Vec::new();
    for meta in metas {
        let start = date(source, &meta.date, toml_start).map_err(|d| problems.push(d));
        let end = match &meta.end {
            Some(end) => date(source, end, toml_start)
                .map(Some)
                .map_err(|d| problems.push(d)),
            None => Ok(None),
        };
        let label = meta.label.get_ref().trim();
        if label.is_empty() {
            problems.push(
                source
                    .error_at(
                        toml_start + meta.label.span().start,
                        "the event's label is empty",
                    )
                    .with_help("say in a few words what happened"),
            );
        }
        let (Ok(start), Ok(end)) = (start, end) else {
            continue;
        };
        match Period::new(start, end) {
            Ok(when) => events.push(Event {
                when,
                label: label.to_string(),
            }),
            Err(e) => {
                let at = meta.end.as_ref().map_or(0, |end| end.span().start);
                problems.push(error(source, toml_start + at, e));
            }
        }
    }
    (events, problems)
}

/// Reads `born` and `died`; dying before being born is an error.
pub fn life(
    source: &Source,
    born: Option<&Spanned<toml::Value>>,
    died: Option<&Spanned<toml::Value>>,
    toml_start: usize,
) -> (Life, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut read = |value: Option<&Spanned<toml::Value>>| {
        value.and_then(|v| {
            date(source, v, toml_start)
                .map_err(|d| problems.push(d))
                .ok()
        })
    };
    let life = Life {
        born: read(born),
        died: read(died),
    };
    if let (Some(b), Some(d), Some(at)) = (life.born, life.died, died)
        && d.wholly_before(b)
    {
        problems.push(
            source
                .error_at(
                    toml_start + at.span().start,
                    format!("`died` ({d}) comes before `born` ({b})"),
                )
                .with_help("did `born` and `died` change places?"),
        );
    }
    (life, problems)
}

fn date(
    source: &Source,
    value: &Spanned<toml::Value>,
    toml_start: usize,
) -> Result<HistDate, Diagnostic> {
    HistDate::from_toml(value.get_ref())
        .map_err(|e| error(source, toml_start + value.span().start, e))
}

fn error(source: &Source, offset: usize, e: DateError) -> Diagnostic {
    source.error_at(offset, e.message).with_help_opt(e.help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::TermMeta;

    fn source(text: &str) -> Source {
        Source {
            path: "content/glossary/x.md".into(),
            rel: "glossary/x.md".into(),
            site_path: "glossary/x/".into(),
            text: text.to_string(),
            toml_start: 4,
            body_start: text.len(),
            index: Default::default(),
        }
    }

    /// The events and life of a term whose front matter is `toml`, and the
    /// problems found as `line:column: message`.
    fn read(toml: &str) -> (Vec<Event>, Life, Vec<String>) {
        let text = format!("+++\n{toml}+++\n");
        let source = source(&text);
        let meta: TermMeta = toml::from_str(toml).unwrap();
        let (events, mut problems) = events(&source, &meta.events, 4);
        let (life, more) = life(&source, meta.born.as_ref(), meta.died.as_ref(), 4);
        problems.extend(more);
        let shown = problems
            .iter()
            .map(|d| {
                let p = d.position.unwrap();
                format!("{}:{}: {}", p.line, p.column, d.message)
            })
            .collect();
        (events, life, shown)
    }

    #[test]
    fn events_are_read_in_the_order_given() {
        let (events, _, problems) = read(
            "title = \"X\"\n\
             [[events]]\ndate = 1918\nlabel = \" Troops leave \"\n\
             [[events]]\ndate = \"1905\"\nend = \"1911\"\nlabel = \"A revolution\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].label, "Troops leave");
        assert_eq!(events[1].when.end.unwrap().year(), 1911);
    }

    #[test]
    fn every_bad_date_is_reported_where_it_is() {
        let (events, _, problems) = read(
            "title = \"X\"\n\
             [[events]]\ndate = \"1909-02-30\"\nlabel = \"a\"\n\
             [[events]]\ndate = 1911\nend = 1905\nlabel = \"b\"\n\
             [[events]]\ndate = \"-330\"\nlabel = \"\"\n\
             [[events]]\ndate = 1909\nlabel = \"fine\"\n",
        );
        assert_eq!(
            problems,
            [
                "4:8: February 1909 has no day 30: it has 28 days",
                "8:7: `end` (1905) must come after `date` (1911)",
                "11:8: `-330`: a year with a minus sign is ambiguous, since astronomical \
                 numbering (as in ISO 8601) counts -329 as 330 BCE",
                "12:9: the event's label is empty",
            ]
        );
        assert_eq!(events.len(), 1, "the good event is kept");
    }

    #[test]
    fn life_dates() {
        let (_, life, problems) = read("title = \"X\"\nborn = 1872-06-21\ndied = \"1925-04\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(life.born.unwrap().words(), "21 June 1872");
        assert_eq!(life.died.unwrap().words(), "April 1925");
        let (_, _, problems) = read("title = \"X\"\nborn = 1925\ndied = 1872-06-21\n");
        assert_eq!(
            problems,
            ["4:8: `died` (21 June 1872) comes before `born` (1925)"]
        );
        // Born and dead within the same year is no contradiction.
        let (_, _, problems) = read("title = \"X\"\nborn = 1872\ndied = \"1872-03\"\n");
        assert!(problems.is_empty(), "{problems:?}");
    }
}
