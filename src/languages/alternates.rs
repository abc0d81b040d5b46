//! Which pages exist in which language: for each page, its versions in the
//! site's other languages, linked from its head (`hreflang`), its language
//! switch and the sitemap. A page is the same page in two languages when it
//! has the same path in both (`articles/tabriz-1909/` and
//! `fa/articles/tabriz-1909/`), which a translation's file name gives it.

use std::collections::HashSet;

use serde::Serialize;

use super::Language;
use crate::url::BaseUrl;

/// Every language's pages.
#[derive(Debug, Default)]
pub struct Alternates {
    /// The site's languages, the default first, each with its base.
    languages: Vec<(Language, BaseUrl)>,
    /// The site paths of each language's pages, in the order of `languages`.
    pages: Vec<HashSet<String>>,
}

/// One version of a page, as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Alternate {
    /// The language's code, for `hreflang` and `lang`: `fa`.
    pub code: String,
    /// Its own name: `فارسی`.
    pub name: String,
    pub dir: &'static str,
    /// A link inside the site, and the full URL.
    pub url: String,
    pub permalink: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

impl Alternates {
    /// The languages, default first, with the paths of the pages of each.
    pub fn new(languages: Vec<(Language, BaseUrl, HashSet<String>)>) -> Alternates {
        let (languages, pages) = languages
            .into_iter()
            .map(|(language, base, pages)| ((language, base), pages))
            .unzip();
        Alternates { languages, pages }
    }

    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The versions of the page at `site_path` in every language that has
    /// it, in the site's order, `current` marking `code`'s; none for a page
    /// that exists in one language only.
    pub fn of(&self, site_path: &str, code: &str) -> Vec<Alternate> {
        let having: Vec<usize> = (0..self.languages.len())
            .filter(|&i| self.pages[i].contains(site_path))
            .collect();
        if having.len() < 2 {
            return Vec::new();
        }
        having
            .into_iter()
            .map(|i| {
                let (language, base) = &self.languages[i];
                Alternate {
                    code: language.code.clone(),
                    name: language.name.clone(),
                    dir: language.dir(),
                    url: base.link(site_path),
                    permalink: base.permalink(site_path),
                    current: language.code == code,
                }
            })
            .collect()
    }

    /// The home page of every language, for a page that has no version in
    /// other languages: the switch still leads to each language's site.
    pub fn homes(&self, code: &str) -> Vec<Alternate> {
        if !self.is_multilingual() {
            return Vec::new();
        }
        (self.languages.iter())
            .map(|(language, base)| Alternate {
                code: language.code.clone(),
                name: language.name.clone(),
                dir: language.dir(),
                url: base.link(""),
                permalink: base.permalink(""),
                current: language.code == code,
            })
            .collect()
    }

    /// The full URL of the page at `site_path` in the default language, if
    /// it has the page: `x-default`, the version for a reader whose language
    /// the site does not have.
    pub fn default_version(&self, site_path: &str) -> Option<String> {
        let (_, base) = self.languages.first()?;
        (self.pages[0].contains(site_path) && self.is_multilingual())
            .then(|| base.permalink(site_path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Alternates {
        let base = BaseUrl::parse("https://example.org/").unwrap();
        let pages = |paths: &[&str]| paths.iter().map(|p| p.to_string()).collect();
        Alternates::new(vec![
            (
                Language::default_language("en"),
                base.clone(),
                pages(&["", "articles/a/", "articles/b/"]),
            ),
            (
                Language::other("fa"),
                base.in_language("fa"),
                pages(&["", "articles/a/", "articles/c/"]),
            ),
        ])
    }

    #[test]
    fn a_translated_page_has_both_versions_and_the_default_for_x_default() {
        let site = site();
        let versions = site.of("articles/a/", "fa");
        let urls: Vec<(&str, &str, bool)> = (versions.iter())
            .map(|a| (a.code.as_str(), a.permalink.as_str(), a.current))
            .collect();
        assert_eq!(
            urls,
            [
                ("en", "https://example.org/articles/a/", false),
                ("fa", "https://example.org/fa/articles/a/", true),
            ]
        );
        assert_eq!(versions[1].dir, "rtl");
        assert_eq!(
            site.default_version("articles/a/").as_deref(),
            Some("https://example.org/articles/a/")
        );
    }

    #[test]
    fn a_page_in_one_language_has_no_versions_and_only_the_default_is_x_default() {
        let site = site();
        assert!(site.of("articles/b/", "en").is_empty());
        assert!(site.of("articles/c/", "fa").is_empty());
        assert_eq!(site.default_version("articles/c/"), None);
        assert_eq!(site.homes("fa").len(), 2);
        assert!(Alternates::default().homes("en").is_empty());
    }
}
