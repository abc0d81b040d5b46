//! The citation syntax, as Pandoc writes it: the text between the brackets
//! of `[see @afary1996, p. 212; @browne1910]`. Items are separated by `;`;
//! each is an optional prefix, `@` and the key, and an optional locator
//! after a comma, whose label (`p.`, `chap.`, `§` ...) says what it counts.

use hayagriva::citationberg::taxonomy::Locator;

use crate::diagnostics::did_you_mean;

/// A parsed citation: the works it names, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub items: Vec<Item>,
}

/// One work a citation names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    /// Where the key starts (after `@`), in bytes from the start of the text parsed.
    pub key_at: usize,
    /// Words before the key, such as "see".
    pub prefix: Option<String>,
    /// What part of the work, such as page 212.
    pub locator: Option<(Locator, String)>,
}

/// A problem with a citation, at a byte offset of the text parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Whether bracketed text is meant as a citation: its first item has an
/// `@key`, at the start or after a space. `[me@example.org]` and `[a @ b]`
/// are not.
pub fn is_citation(inner: &str) -> bool {
    let first = inner.split(';').next().unwrap_or_default();
    find_key(first).is_some()
}

/// Parses the text between a citation's brackets.
pub fn parse(inner: &str) -> Result<Citation, Vec<SyntaxError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut start = 0;
    for part in inner.split(';') {
        match item(part, start) {
            Ok(item) => items.push(item),
            Err(e) => errors.push(e),
        }
        start += part.len() + 1;
    }
    if errors.is_empty() {
        Ok(Citation { items })
    } else {
        Err(errors)
    }
}

/// One `;`-separated item, which starts `offset` bytes into the citation.
fn item(part: &str, offset: usize) -> Result<Item, SyntaxError> {
    let error = |at: usize, message: String, help: &str| SyntaxError {
        at: offset + at,
        message,
        help: Some(help.to_string()),
    };
    let Some((at, key)) = find_key(part) else {
        let at = part.len() - part.trim_start().len();
        return Err(error(
            at,
            format!("`{}` names no work", part.trim()),
            "each part of a citation, between `;`, names a work by its key: `@key`",
        ));
    };
    let prefix = part[..at - 1].trim();
    let rest = &part[at + key.len()..];
    let after = rest.trim_start();
    let locator = if after.trim_end().is_empty() {
        None
    } else if let Some(text) = after.strip_prefix(',') {
        let text_at = at + key.len() + (rest.len() - after.len()) + 1;
        let text_at = text_at + (text.len() - text.trim_start().len());
        Some(locator(text.trim()).map_err(|(message, help)| SyntaxError {
            at: offset + text_at,
            message,
            help: Some(help),
        })?)
    } else {
        let at = at + key.len() + (rest.len() - after.len());
        return Err(error(
            at,
            format!("unexpected `{}` after `@{key}`", after.trim_end()),
            "a page or other locator follows a comma: `[@key, p. 12]`",
        ));
    };
    Ok(Item {
        key: key.to_string(),
        key_at: offset + at,
        prefix: (!prefix.is_empty()).then(|| prefix.to_string()),
        locator,
    })
}

/// The first `@key` of an item that starts it or follows a space: where
/// the key starts, and the key. Keys are letters, digits and `_`, with
/// punctuation such as `:` `.` `-` `/` inside them but not at their end.
fn find_key(part: &str) -> Option<(usize, &str)> {
    let mut search = 0;
    while let Some(found) = part[search..].find('@') {
        let at = search + found;
        let before = part[..at].chars().next_back();
        if before.is_none_or(char::is_whitespace) {
            let rest = &part[at + 1..];
            let end = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || INNER.contains(c)))
                .map_or(rest.len(), |(i, _)| i);
            let key = rest[..end].trim_end_matches(|c| INNER.contains(c));
            if key.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                return Some((at + 1, key));
            }
        }
        search = at + 1;
    }
    None
}

/// Punctuation a key may hold inside it.
const INNER: &str = ":.#$%&-+?<>~/'";

/// The labels a locator may start with, as the CSL English locale spells
/// them, long and short, singular and plural; longer labels first where one
/// starts another.
const LABELS: &[(&str, Locator)] = &[
    ("pp.", Locator::Page),
    ("p.", Locator::Page),
    ("pages", Locator::Page),
    ("page", Locator::Page),
    ("chaps.", Locator::Chapter),
    ("chap.", Locator::Chapter),
    ("ch.", Locator::Chapter),
    ("chapters", Locator::Chapter),
    ("chapter", Locator::Chapter),
    ("§§", Locator::Section),
    ("§", Locator::Section),
    ("secs.", Locator::Section),
    ("sec.", Locator::Section),
    ("sections", Locator::Section),
    ("section", Locator::Section),
    ("paras.", Locator::Paragraph),
    ("para.", Locator::Paragraph),
    ("¶¶", Locator::Paragraph),
    ("¶", Locator::Paragraph),
    ("paragraphs", Locator::Paragraph),
    ("paragraph", Locator::Paragraph),
    ("vols.", Locator::Volume),
    ("vol.", Locator::Volume),
    ("volumes", Locator::Volume),
    ("volume", Locator::Volume),
    ("bks.", Locator::Book),
    ("bk.", Locator::Book),
    ("books", Locator::Book),
    ("book", Locator::Book),
    ("pts.", Locator::Part),
    ("pt.", Locator::Part),
    ("parts", Locator::Part),
    ("part", Locator::Part),
    ("cols.", Locator::Column),
    ("col.", Locator::Column),
    ("columns", Locator::Column),
    ("column", Locator::Column),
    ("figs.", Locator::Figure),
    ("fig.", Locator::Figure),
    ("figures", Locator::Figure),
    ("figure", Locator::Figure),
    ("fols.", Locator::Folio),
    ("fol.", Locator::Folio),
    ("folios", Locator::Folio),
    ("folio", Locator::Folio),
    ("nos.", Locator::Issue),
    ("no.", Locator::Issue),
    ("issues", Locator::Issue),
    ("issue", Locator::Issue),
    ("ll.", Locator::Line),
    ("l.", Locator::Line),
    ("lines", Locator::Line),
    ("line", Locator::Line),
    ("nn.", Locator::Note),
    ("n.", Locator::Note),
    ("notes", Locator::Note),
    ("note", Locator::Note),
    ("opp.", Locator::Opus),
    ("op.", Locator::Opus),
    ("opus", Locator::Opus),
    ("apps.", Locator::Appendix),
    ("app.", Locator::Appendix),
    ("appendices", Locator::Appendix),
    ("appendix", Locator::Appendix),
    ("arts.", Locator::ArticleLocator),
    ("art.", Locator::ArticleLocator),
    ("articles", Locator::ArticleLocator),
    ("article", Locator::ArticleLocator),
    ("scs.", Locator::Scene),
    ("sc.", Locator::Scene),
    ("scenes", Locator::Scene),
    ("scene", Locator::Scene),
    ("acts", Locator::Act),
    ("act", Locator::Act),
    ("s.vv.", Locator::SubVerbo),
    ("s.v.", Locator::SubVerbo),
    ("sub verbis", Locator::SubVerbo),
    ("sub verbo", Locator::SubVerbo),
    ("supps.", Locator::Supplement),
    ("supp.", Locator::Supplement),
    ("supplements", Locator::Supplement),
    ("supplement", Locator::Supplement),
    ("tbls.", Locator::Table),
    ("tbl.", Locator::Table),
    ("tables", Locator::Table),
    ("table", Locator::Table),
    ("vv.", Locator::Verse),
    ("v.", Locator::Verse),
    ("verses", Locator::Verse),
    ("verse", Locator::Verse),
    ("rr.", Locator::Rule),
    ("r.", Locator::Rule),
    ("rules", Locator::Rule),
    ("rule", Locator::Rule),
    ("eqs.", Locator::Equation),
    ("eq.", Locator::Equation),
    ("equations", Locator::Equation),
    ("equation", Locator::Equation),
    ("canons", Locator::Canon),
    ("canon", Locator::Canon),
];

/// A locator's kind and value: `p. 212`, `pp. 250–60`, `chap. 4`, `§ 3`;
/// a bare number counts pages, as in `[@key, 212]`.
fn locator(text: &str) -> Result<(Locator, String), (String, String)> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok((Locator::Page, text.to_string()));
    }
    let lower = text.to_lowercase();
    for &(label, kind) in LABELS {
        let Some(rest) = lower.strip_prefix(label) else {
            continue;
        };
        // A word label ends its word: "pages" is not "page" and "s".
        if label.ends_with(char::is_alphabetic) && rest.starts_with(char::is_alphabetic) {
            continue;
        }
        let value = text[text.len() - rest.len()..].trim();
        if value.is_empty() {
            return Err((
                format!("the locator `{label}` has no value"),
                format!("give what it points to, such as `{label} 12`"),
            ));
        }
        return Ok((kind, value.to_string()));
    }
    let word = text.split_whitespace().next().unwrap_or(text);
    let help = match did_you_mean(word, LABELS.iter().map(|(label, _)| *label)) {
        Some(label) => format!("did you mean `{label}`?"),
        None => "start it with a label such as `p.`, `pp.`, `chap.`, `sec.` or `vol.`".to_string(),
    };
    Err((format!("unknown locator `{word}`"), help))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(inner: &str) -> Item {
        let mut c = parse(inner).unwrap();
        assert_eq!(c.items.len(), 1, "{c:?}");
        c.items.remove(0)
    }

    #[test]
    fn a_key_alone() {
        let item = one("@afary1996");
        assert_eq!(item.key, "afary1996");
        assert_eq!(item.key_at, 1);
        assert_eq!((item.prefix, item.locator), (None, None));
    }

    #[test]
    fn locators_of_each_kind() {
        let cases = [
            ("@afary1996, p. 212", Locator::Page, "212"),
            ("@browne1910, pp. 250–60", Locator::Page, "250–60"),
            ("@browne1910, 99", Locator::Page, "99"),
            ("@a, chap. 4", Locator::Chapter, "4"),
            ("@a, ch.4", Locator::Chapter, "4"),
            ("@a, sec. 2.1", Locator::Section, "2.1"),
            ("@a, § 7", Locator::Section, "7"),
            ("@a, vol. II", Locator::Volume, "II"),
            ("@a, Pages 3–5", Locator::Page, "3–5"),
            ("@a, s.v. majlis", Locator::SubVerbo, "majlis"),
        ];
        for (text, kind, value) in cases {
            let item = one(text);
            assert_eq!(item.locator, Some((kind, value.to_string())), "{text}");
        }
    }

    #[test]
    fn several_works_with_a_prefix() {
        let c = parse("see @a, p. 3; also @b:x-1; @c").unwrap();
        let keys: Vec<_> = c.items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["a", "b:x-1", "c"]);
        assert_eq!(c.items[0].prefix.as_deref(), Some("see"));
        assert_eq!(c.items[1].prefix.as_deref(), Some("also"));
        assert_eq!(c.items[1].key_at, "see @a, p. 3; also @".len());
        assert_eq!(c.items[2].prefix, None);
    }

    #[test]
    fn punctuation_ends_a_key_only_inside_it() {
        assert_eq!(one("see @doe:2001/b.c, p. 3").key, "doe:2001/b.c");
        let errors = parse("@a.").unwrap_err();
        assert_eq!(errors[0].message, "unexpected `.` after `@a`");
        assert_eq!(errors[0].at, 2);
    }

    #[test]
    fn only_an_at_sign_after_a_space_starts_a_key() {
        assert!(is_citation("@a"));
        assert!(is_citation("see @a, p. 3"));
        assert!(!is_citation("me@example.org"));
        assert!(!is_citation("a @ b"));
        assert!(!is_citation("sic"));
        assert!(!is_citation("x; @a"), "the first item decides");
    }

    #[test]
    fn mistakes_point_at_themselves() {
        let errors = parse("@a, paeg 3").unwrap_err();
        assert_eq!(errors[0].at, "@a, ".len());
        assert_eq!(errors[0].message, "unknown locator `paeg`");
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `page`?"));
        let errors = parse("@a; nothing here; @b p. 3").unwrap_err();
        let at: Vec<usize> = errors.iter().map(|e| e.at).collect();
        assert_eq!(at, ["@a; ".len(), "@a; nothing here; @b ".len()]);
        let errors = parse("@a, p.").unwrap_err();
        assert!(errors[0].message.contains("no value"), "{errors:?}");
    }
}
