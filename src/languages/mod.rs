//! Languages: which languages a site publishes in, which files are
//! translations (`tabriz-1909.fa.md` beside `tabriz-1909.md`), and what a
//! language changes in how text is written: its direction, its digits, its
//! dates ([`persian`]), the built-in words of the templates ([`strings`]),
//! and which pages exist in which language ([`alternates`]).
//!
//! The default language is published at the site's root, each other one
//! under `/<code>/`. Each language is built as a site of its own from its
//! own files, through the same stages; what joins them is here.

pub mod alternates;
pub mod persian;
pub mod strings;

/// A language gloss knows by its code: what it is called in itself, and
/// which way its script runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub code: &'static str,
    /// Its name in its own script, as a language switch shows it.
    pub name: &'static str,
    pub rtl: bool,
}

/// The languages gloss knows: ISO 639 codes, each with its own name.
/// Written right to left: Arabic, Persian, Hebrew, Urdu, Pashto, Sindhi,
/// Central Kurdish, Uyghur, Yiddish and Dhivehi.
const KNOWN: &[(&str, &str, bool)] = &[
    ("ar", "العربية", true),
    ("az", "Azərbaycanca", false),
    ("be", "Беларуская", false),
    ("bg", "Български", false),
    ("bn", "বাংলা", false),
    ("bs", "Bosanski", false),
    ("ca", "Català", false),
    ("ckb", "کوردی", true),
    ("cs", "Čeština", false),
    ("cy", "Cymraeg", false),
    ("da", "Dansk", false),
    ("de", "Deutsch", false),
    ("dv", "ދިވެހި", true),
    ("el", "Ελληνικά", false),
    ("en", "English", false),
    ("eo", "Esperanto", false),
    ("es", "Español", false),
    ("et", "Eesti", false),
    ("eu", "Euskara", false),
    ("fa", "فارسی", true),
    ("fi", "Suomi", false),
    ("fr", "Français", false),
    ("ga", "Gaeilge", false),
    ("gl", "Galego", false),
    ("he", "עברית", true),
    ("hi", "हिन्दी", false),
    ("hr", "Hrvatski", false),
    ("hu", "Magyar", false),
    ("hy", "Հայերեն", false),
    ("id", "Bahasa Indonesia", false),
    ("is", "Íslenska", false),
    ("it", "Italiano", false),
    ("ja", "日本語", false),
    ("ka", "ქართული", false),
    ("kk", "Қазақ тілі", false),
    ("ko", "한국어", false),
    ("ku", "Kurdî", false),
    ("ky", "Кыргызча", false),
    ("la", "Latina", false),
    ("lt", "Lietuvių", false),
    ("lv", "Latviešu", false),
    ("mk", "Македонски", false),
    ("mn", "Монгол", false),
    ("ms", "Bahasa Melayu", false),
    ("nb", "Norsk bokmål", false),
    ("nl", "Nederlands", false),
    ("nn", "Norsk nynorsk", false),
    ("no", "Norsk", false),
    ("pl", "Polski", false),
    ("ps", "پښتو", true),
    ("pt", "Português", false),
    ("ro", "Română", false),
    ("ru", "Русский", false),
    ("sd", "سنڌي", true),
    ("sk", "Slovenčina", false),
    ("sl", "Slovenščina", false),
    ("sq", "Shqip", false),
    ("sr", "Српски", false),
    ("sv", "Svenska", false),
    ("sw", "Kiswahili", false),
    ("ta", "தமிழ்", false),
    ("tg", "Тоҷикӣ", false),
    ("th", "ไทย", false),
    ("tk", "Türkmençe", false),
    ("tr", "Türkçe", false),
    ("ug", "ئۇيغۇرچە", true),
    ("uk", "Українська", false),
    ("ur", "اردو", true),
    ("uz", "Oʻzbekcha", false),
    ("vi", "Tiếng Việt", false),
    ("yi", "ייִדיש", true),
    ("zh", "中文", false),
];

/// The language of `code` (`fa`, or with a region, `pt-BR`), if gloss knows it.
pub fn known(code: &str) -> Option<Known> {
    let language = code.split('-').next().unwrap_or(code);
    let i = KNOWN.binary_search_by(|(c, _, _)| c.cmp(&language)).ok()?;
    let (_, name, rtl) = KNOWN[i];
    Some(Known {
        code: KNOWN[i].0,
        name,
        rtl,
    })
}

/// Every code gloss knows, for "did you mean".
pub fn known_codes() -> impl Iterator<Item = &'static str> {
    KNOWN.iter().map(|(code, _, _)| *code)
}

/// Whether `code` has the form of a language code: two or three lower-case
/// letters, perhaps with a region or script (`pt-BR`, `zh-Hant`).
pub fn is_code_shaped(code: &str) -> bool {
    let (language, rest) = match code.split_once('-') {
        Some((language, rest)) => (language, Some(rest)),
        None => (code, None),
    };
    let lower = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
    };
    lower(language, 2..=3)
        && rest.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A file name's language: for `articles/tabriz-1909.fa.md`, the path
/// without it (`articles/tabriz-1909.md`) and `fa`. `None` for a name with
/// no such part. A part counts when it has the form of a language code and
/// is either two letters long or a code gloss knows, so `report.draft.md`
/// is no translation, while `report.zz.md` names an unknown language.
pub fn split_file_name(rel: &str) -> Option<(String, &str)> {
    let stem = rel.strip_suffix(".md")?;
    let (name_start, file) = match stem.rfind('/') {
        Some(i) => (i + 1, &stem[i + 1..]),
        None => (0, stem),
    };
    let dot = file.rfind('.')?;
    let code = &file[dot + 1..];
    if dot == 0 || !is_code_shaped(code) {
        return None;
    }
    let language = code.split('-').next().unwrap_or(code);
    if language.len() == 3 && known(code).is_none() {
        return None;
    }
    let without = format!("{}{}.md", &stem[..name_start], &file[..dot]);
    Some((without, code))
}

/// One language the site publishes in, as the build uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// As `site.toml` gives it: `fa`.
    pub code: String,
    /// Its own name, for the language switch: `فارسی`.
    pub name: String,
    pub rtl: bool,
    /// Where its pages are published under the base path: empty for the
    /// default language, `fa/` for another.
    pub prefix: String,
}

impl Language {
    /// The default language, published at the root.
    pub fn default_language(code: &str) -> Language {
        Language::new(code, String::new())
    }

    /// Another language, published under `/<code>/`.
    pub fn other(code: &str) -> Language {
        Language::new(code, format!("{code}/"))
    }

    fn new(code: &str, prefix: String) -> Language {
        let known = known(code);
        Language {
            code: code.to_string(),
            name: known.map_or_else(|| code.to_string(), |k| k.name.to_string()),
            rtl: known.is_some_and(|k| k.rtl),
            prefix,
        }
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// Whether its texts are written in Persian, with Persian digits and
    /// the Solar Hijri calendar first.
    pub fn is_persian(&self) -> bool {
        is_persian(&self.code)
    }
}

/// Whether `code` names Persian (`fa`, `fa-IR`).
pub fn is_persian(code: &str) -> bool {
    code == "fa" || code.starts_with("fa-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_its_search() {
        assert!(KNOWN.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(known("fa").map(|k| k.rtl), Some(true));
        assert_eq!(known("pt-BR").map(|k| k.name), Some("Português"));
        assert_eq!(known("en").map(|k| k.rtl), Some(false));
        assert!(known("zz").is_none());
    }

    #[test]
    fn translations_are_named_by_their_language_before_the_extension() {
        let split = |rel| split_file_name(rel).map(|(r, c)| (r, c.to_string()));
        assert_eq!(
            split("articles/tabriz-1909.fa.md"),
            Some(("articles/tabriz-1909.md".into(), "fa".into()))
        );
        assert_eq!(
            split("glossary/_index.fa.md"),
            Some(("glossary/_index.md".into(), "fa".into()))
        );
        assert_eq!(split("a.pt-BR.md"), Some(("a.md".into(), "pt-BR".into())));
        // Unknown but shaped like a code: named, for the build to refuse.
        assert_eq!(split("x.zz.md"), Some(("x.md".into(), "zz".into())));
        // Not translations: no part, a word, a version, a hidden name.
        for rel in [
            "a.md",
            "report.draft.md",
            "v1.2.md",
            "notes/.fa.md",
            "a.FA.md",
        ] {
            assert_eq!(split(rel), None, "{rel}");
        }
        assert_eq!(
            split("ckb/x.ckb.md"),
            Some(("ckb/x.md".into(), "ckb".into()))
        );
    }

    #[test]
    fn a_language_knows_its_direction_and_place() {
        let fa = Language::other("fa");
        assert_eq!(
            (fa.dir(), fa.prefix.as_str(), fa.name.as_str()),
            ("rtl", "fa/", "فارسی")
        );
        let en = Language::default_language("en");
        assert_eq!((en.dir(), en.prefix.as_str()), ("ltr", ""));
        assert!(fa.is_persian() && !en.is_persian());
    }
}
