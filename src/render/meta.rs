//! What a page tells the world about itself in its `<head>`: description and
//! canonical URL, Open Graph and Twitter cards for sharing, citation and
//! Dublin Core tags for reference managers, and schema.org JSON-LD.

use serde::Serialize;
use serde_json::json;

use super::Site;
use crate::load::{Article, Kind, Role, Term};

/// The head metadata of one page, as templates see it (`meta`).
#[derive(Serialize)]
pub struct MetaView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The page's full URL.
    pub canonical: String,
    /// `article` or `website`, for Open Graph.
    pub kind: &'static str,
    /// The full URL of the picture to show when the page is shared.
    pub image: Option<String>,
    pub image_alt: Option<&'a str>,
    /// `2025-03-01`, for articles with a date.
    pub published: Option<String>,
    /// `2025-05-03`, for articles changed since: `updated`, or the latest
    /// correction's date if later.
    pub modified: Option<String>,
    /// The first author, or empty.
    pub author: &'a str,
    /// Every author, in order: one `citation_author` each.
    pub authors: Vec<&'a str>,
    /// Citation and Dublin Core tags are written for articles only.
    pub citation: bool,
    /// `2025/03/01`, the form `citation_publication_date` takes.
    pub citation_date: Option<String>,
    /// JSON-LD, ready to stand inside `<script type="application/ld+json">`.
    pub json_ld: Option<String>,
}

impl<'a> MetaView<'a> {
    /// A page that is not an article: home, glossary index, section, 404.
    pub fn page(site: &Site<'a>, title: &'a str, description: &'a str, path: &str) -> Self {
        let config = site.config;
        MetaView {
            title,
            description: if description.is_empty() {
                &config.description
            } else {
                description
            },
            canonical: config.base_url.permalink(path),
            kind: "website",
            image: None,
            image_alt: None,
            published: None,
            modified: None,
            author: &config.author,
            authors: Vec::new(),
            citation: false,
            citation_date: None,
            json_ld: None,
        }
    }

    pub fn article(
        site: &Site<'a>,
        i: usize,
        photo: Option<&'a super::bodies::PhotoShown>,
    ) -> Self {
        let config = site.config;
        let article: &'a Article = &site.articles[i];
        let meta = &article.meta;
        let canonical = config.base_url.permalink(&article.source.site_path);
        // Previews on social sites take a file of a format they read.
        let image = photo.map(|p| config.base_url.full_url(&p.offered.src));
        let authors = article.author_names(&config.author);
        let published = article.date.map(|d| d.iso());
        let modified = article.versions.modified().map(|d| d.iso());
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": meta.title,
            "mainEntityOfPage": canonical,
            "inLanguage": config.language,
            "publisher": {
                "@type": "Organization",
                "name": config.title,
                "url": config.base_url.absolute(),
            },
        });
        if !meta.summary.is_empty() {
            ld["description"] = json!(meta.summary);
        }
        if let Some(date) = &published {
            ld["datePublished"] = json!(date);
        }
        if let Some(image) = &image {
            ld["image"] = json!([image]);
        }
        if let Some(date) = &modified {
            ld["dateModified"] = json!(date);
        }
        for (key, names) in [
            ("author", &authors),
            ("translator", &article.names(Role::Translator)),
            ("editor", &article.names(Role::Editor)),
        ] {
            if let Some(people) = people(names) {
                ld[key] = people;
            }
        }
        if let Some((series, part)) = site.lists.series_of(i) {
            ld["isPartOf"] = json!({
                "@type": "CreativeWorkSeries",
                "name": series.name,
                "url": config.base_url.permalink(&series.site_path),
            });
            ld["position"] = json!(part.number);
        }
        if !meta.tags.is_empty() {
            let tags: Vec<&str> = (site.lists.tagged[i].iter())
                .map(|&t| site.lists.tags[t].name.as_str())
                .collect();
            ld["keywords"] = json!(tags);
        }
        MetaView {
            kind: "article",
            image,
            image_alt: photo.map(|p| p.alt.as_str()),
            citation_date: published.as_ref().map(|d| d.replace('-', "/")),
            published,
            modified,
            author: authors.first().copied().unwrap_or_default(),
            authors,
            citation: true,
            json_ld: Some(script_safe(&ld)),
            ..MetaView::page(site, &meta.title, &meta.summary, &article.source.site_path)
        }
    }

    /// A glossary term's page: a schema.org `DefinedTerm` in the site's set.
    pub fn term(site: &Site<'a>, index: usize) -> Self {
        let config = site.config;
        let term = &site.glossary.terms[index];
        let canonical = config.base_url.permalink(&term.source.site_path);
        let mut names: Vec<&str> = term
            .meta
            .aliases
            .iter()
            .map(|a| a.get_ref().trim())
            .collect();
        names.extend(term.meta.native.as_deref());
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "name": term.meta.title.get_ref(),
            "url": canonical,
            "inDefinedTermSet": config.base_url.permalink("glossary/"),
        });
        if !term.meta.summary.is_empty() {
            ld["description"] = json!(term.meta.summary);
        }
        if !names.is_empty() {
            ld["alternateName"] = json!(names);
        }
        if let Some(id) = &term.meta.wikidata {
            ld["sameAs"] = json!(super::views::wikidata_url(id.get_ref()));
        }
        describe_kind(term, &mut ld);
        MetaView {
            json_ld: Some(script_safe(&ld)),
            ..MetaView::page(
                site,
                term.meta.title.get_ref(),
                &term.meta.summary,
                &term.source.site_path,
            )
        }
    }

    /// The glossary index: a schema.org `DefinedTermSet` of every term.
    pub fn glossary(site: &Site<'a>, title: &'a str, description: &'a str) -> Self {
        let config = site.config;
        let url = config.base_url.permalink("glossary/");
        let terms: Vec<_> = site
            .glossary
            .terms
            .iter()
            .map(|t| {
                json!({
                    "@type": "DefinedTerm",
                    "name": t.meta.title.get_ref(),
                    "url": config.base_url.permalink(&t.source.site_path),
                })
            })
            .collect();
        let ld = json!({
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "@id": url,
            "name": title,
            "url": url,
            "hasDefinedTerm": terms,
        });
        MetaView {
            json_ld: Some(script_safe(&ld)),
            ..MetaView::page(site, title, description, "glossary/")
        }
    }
}

/// People in JSON-LD: one `Person`, or a list of several; `None` for none.
fn people(names: &[&str]) -> Option<serde_json::Value> {
    let person = |name: &&str| json!({ "@type": "Person", "name": name });
    match names {
        [] => None,
        [one] => Some(person(one)),
        many => Some(many.iter().map(person).collect()),
    }
}

/// A term of a known kind is also the thing it names, in schema.org's
/// words: the entry for Tehran is a `DefinedTerm` and a `Place`, so a reader
/// of the JSON-LD gets the place's coordinates, and a person's life dates,
/// on the same node as the Wikidata item it is `sameAs`.
fn describe_kind(term: &Term, ld: &mut serde_json::Value) {
    let kind = match term.meta.kind {
        Some(Kind::Person) => "Person",
        Some(Kind::Place) => "Place",
        Some(Kind::Organisation) => "Organization",
        Some(Kind::Event) => "Event",
        Some(Kind::Concept) | None => return,
    };
    ld["@type"] = json!(["DefinedTerm", kind]);
    match term.meta.kind {
        Some(Kind::Person) => {
            // schema.org dates are ISO 8601, which a year or a month may be;
            // dates before 1 CE are left out rather than written in a form
            // few readers parse.
            let iso = |date: Option<crate::dates::HistDate>| date.and_then(|d| d.datetime());
            if let Some(born) = iso(term.life.born) {
                ld["birthDate"] = json!(born);
            }
            if let Some(died) = iso(term.life.died) {
                ld["deathDate"] = json!(died);
            }
        }
        Some(Kind::Place) => {
            if let (Some(lat), Some(lon)) = (&term.meta.lat, &term.meta.lon) {
                ld["geo"] = json!({
                    "@type": "GeoCoordinates",
                    "latitude": lat.get_ref(),
                    "longitude": lon.get_ref(),
                });
            }
        }
        _ => {}
    }
}

/// JSON that cannot end the `<script>` element it stands in, nor open a
/// comment there: `<`, `>` and `&` are written as `\u` escapes, which JSON
/// readers decode to the same text.
fn script_safe(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let safe = script_safe(&json!({ "headline": "a </script><script>alert(1)</script> & b" }));
        assert!(!safe.contains("</script"));
        assert!(!safe.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], "a </script><script>alert(1)</script> & b");
    }
}
