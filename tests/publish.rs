//! What a published site tells the world: head metadata, JSON-LD, citation
//! tags, glossary.json, the feed and the sitemap, each parsed as its readers
//! parse it, under several `base_url`s.

mod common;

use common::links::broken_links;
use common::{Page, Site};
use serde_json::Value;

fn basic() -> Site {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    site
}

fn meta(page: &Page, attr: &str, name: &str) -> String {
    page.attr(&format!("meta[{attr}='{name}']"), "content")
}

#[test]
fn articles_describe_themselves_for_sharing_and_citing() {
    let site = basic();
    let page = site.page("articles/siege/index.html");
    let canonical = "https://example.org/articles/siege/";
    assert_eq!(page.attr("link[rel='canonical']", "href"), canonical);
    assert_eq!(meta(&page, "name", "description"), "How the city held out.");
    assert_eq!(meta(&page, "property", "og:type"), "article");
    assert_eq!(meta(&page, "property", "og:title"), "The Siege of Tabriz");
    assert_eq!(meta(&page, "property", "og:url"), canonical);
    assert_eq!(
        meta(&page, "property", "og:image"),
        "https://example.org/images/map.svg"
    );
    assert_eq!(
        meta(&page, "property", "og:image:alt"),
        "A sketch map of the city"
    );
    assert_eq!(
        meta(&page, "property", "article:published_time"),
        "2025-03-01"
    );
    assert_eq!(meta(&page, "name", "twitter:card"), "summary_large_image");
    assert_eq!(
        meta(&page, "name", "twitter:image:alt"),
        "A sketch map of the city"
    );
    assert_eq!(meta(&page, "name", "citation_title"), "The Siege of Tabriz");
    assert_eq!(meta(&page, "name", "citation_author"), "Test Author");
    assert_eq!(
        meta(&page, "name", "citation_publication_date"),
        "2025/03/01"
    );
    assert_eq!(meta(&page, "name", "DC.title"), "The Siege of Tabriz");
    assert_eq!(meta(&page, "name", "DC.creator"), "Test Author");
    assert_eq!(meta(&page, "name", "DC.date"), "2025-03-01");

    let ld = page.json_ld();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Article");
    assert_eq!(ld["headline"], "The Siege of Tabriz");
    assert_eq!(ld["datePublished"], "2025-03-01");
    assert_eq!(ld["description"], "How the city held out.");
    assert_eq!(ld["image"][0], "https://example.org/images/map.svg");
    assert_eq!(ld["author"]["name"], "Test Author");
    assert_eq!(ld["publisher"]["name"], "Test Chronicle");
    assert_eq!(ld["mainEntityOfPage"], canonical);
}

#[test]
fn an_article_author_and_the_sites_rights_are_used() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("[glossary]", "rights = \"CC BY 4.0\"\n\n[glossary]"),
    );
    let article = std::fs::read_to_string(site.path("content/articles/aftermath.md")).unwrap();
    site.write(
        "content/articles/aftermath.md",
        article.replacen("+++\n", "+++\nauthor = \"Ahmad Kasravi\"\n", 1),
    );
    site.build_ok(&[]);
    let page = site.page("articles/aftermath/index.html");
    assert_eq!(meta(&page, "name", "citation_author"), "Ahmad Kasravi");
    assert_eq!(meta(&page, "name", "DC.rights"), "CC BY 4.0");
    assert_eq!(page.json_ld()["author"]["name"], "Ahmad Kasravi");
}

#[test]
fn terms_are_defined_terms_of_the_glossarys_set() {
    let site = basic();
    let term = site.page("glossary/majlis/index.html");
    let ld = term.json_ld();
    assert_eq!(ld["@type"], "DefinedTerm");
    assert_eq!(ld["name"], "Majlis");
    assert_eq!(ld["description"], "The Persian parliament.");
    assert_eq!(ld["url"], "https://example.org/glossary/majlis/");
    assert_eq!(ld["inDefinedTermSet"], "https://example.org/glossary/");
    let names: Vec<&str> = ld["alternateName"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"National Consultative Assembly"),
        "{names:?}"
    );
    assert!(names.contains(&"مجلس"), "{names:?}");
    assert_eq!(meta(&term, "property", "og:type"), "website");

    let glossary = site.page("glossary/index.html");
    let set = glossary.json_ld();
    assert_eq!(set["@type"], "DefinedTermSet");
    assert_eq!(set["url"], "https://example.org/glossary/");
    let listed = glossary.count("dl.glossary dt");
    assert_eq!(set["hasDefinedTerm"].as_array().unwrap().len(), listed);
}

#[test]
fn a_title_cannot_break_out_of_the_json_ld_script() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    let title = "Notes </script><script>alert(1)</script> & <!-- more";
    site.write(
        "content/a.md",
        format!("+++\ntitle = {title:?}\nsummary = \"s\"\n+++\nBody.\n"),
    );
    site.build_ok(&[]);
    let source = site.read("a/index.html");
    assert!(!source.contains("<script>alert(1)"), "{source}");
    let page = Page::parse(source);
    assert_eq!(
        page.count("script[type]:not([src])"),
        1,
        "only the JSON-LD script besides gloss.js and its one-line loader"
    );
    assert_eq!(page.count("script"), 3);
    assert_eq!(page.json_ld()["headline"], title);
    assert_eq!(page.text("h1"), title);
}

#[test]
fn glossary_json_lists_every_term_with_its_mentions() {
    let site = basic();
    let json: Value = serde_json::from_str(&site.read("glossary.json")).unwrap();
    let terms = json["terms"].as_array().unwrap();
    let glossary = site.page("glossary/index.html");
    assert_eq!(
        terms.len(),
        glossary.count("dl.glossary dt"),
        "drafts left out"
    );
    let majlis = terms.iter().find(|t| t["slug"] == "majlis").unwrap();
    assert_eq!(majlis["title"], "Majlis");
    assert_eq!(majlis["native"], "مجلس");
    assert_eq!(majlis["lang"], "fa");
    assert_eq!(majlis["summary"], "The Persian parliament.");
    assert_eq!(majlis["url"], "https://example.org/glossary/majlis/");
    assert_eq!(majlis["aliases"][0], "National Consultative Assembly");
    let mentioned: Vec<&str> = majlis["mentioned_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap())
        .collect();
    let term_page = site.page("glossary/majlis/index.html");
    let listed: Vec<String> = term_page
        .attrs("#mentions a", "href")
        .into_iter()
        .map(|u| format!("https://example.org{u}"))
        .collect();
    assert_eq!(mentioned, listed);
    assert!(mentioned.contains(&"https://example.org/articles/siege/"));
}

#[test]
fn the_feed_parses_with_full_content_absolute_links_and_the_photo() {
    let site = basic();
    let xml = site.read("atom.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("the Atom feed parses");
    assert_eq!(feed.title.unwrap().content, "Test Chronicle");
    let siege = feed
        .entries
        .iter()
        .find(|e| {
            e.links
                .iter()
                .any(|l| l.href == "https://example.org/articles/siege/")
        })
        .expect("the siege article is in the feed");
    let content = siege.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        content.contains("<img src=\"https://example.org/images/map.svg\""),
        "{content}"
    );
    assert!(content.contains("Jane Doe / Example Archive"));
    assert!(
        content.contains("href=\"https://example.org/glossary/"),
        "{content}"
    );
    assert!(
        !content.contains("href=\"/"),
        "no root-relative link left: {content}"
    );
    assert!(!content.contains("src=\"/"), "{content}");
    let with_note = feed
        .entries
        .iter()
        .filter_map(|e| e.content.as_ref()?.body.as_ref())
        .find(|body| body.contains("footnote-reference"))
        .expect("an entry with a footnote");
    assert!(
        with_note.contains("href=\"https://example.org/articles/aftermath/#fn-"),
        "fragment links point at the page: {with_note}"
    );
    for entry in &feed.entries {
        for link in &entry.links {
            assert!(
                link.href.starts_with("https://example.org/"),
                "{}",
                link.href
            );
        }
    }
}

#[test]
fn the_sitemap_is_xml_with_absolute_urls_and_lastmod() {
    let site = basic();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    assert!(!urls.is_empty());
    let mut siege_lastmod = None;
    for url in &urls {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(loc.starts_with("https://example.org/"), "{loc}");
        if loc == "https://example.org/articles/siege/" {
            siege_lastmod = url
                .children()
                .find(|n| n.has_tag_name("lastmod"))
                .and_then(|n| n.text());
        }
    }
    assert_eq!(siege_lastmod, Some("2025-03-01"));
}

/// Builds `basic` with `base_url` (from site.toml or the flag) and checks
/// that every internal link of every page resolves, under `base_path`.
fn links_hold(config_base: &str, flag: Option<&str>, base_path: &str, origin: &str) {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace(
            "base_url = \"https://example.org/\"",
            &format!("base_url = {config_base:?}"),
        ),
    );
    let args: Vec<&str> = flag.map(|f| vec!["--base-url", f]).unwrap_or_default();
    site.build_ok(&args);
    let broken = broken_links(&site.public(), base_path);
    assert!(
        broken.is_empty(),
        "broken links under {base_path}:\n{broken:#?}"
    );
    let page = site.page("articles/siege/index.html");
    for href in page.attrs("a[href^='/']", "href") {
        assert!(href.starts_with(base_path), "{href}");
    }
    assert!(
        page.attr("link[rel='canonical']", "href")
            .starts_with(origin)
    );
    let sitemap = site.read("sitemap.xml");
    for loc in sitemap.split("<loc>").skip(1) {
        assert!(loc.starts_with(origin), "{loc}");
    }
}

#[test]
fn links_resolve_under_a_root_domain() {
    links_hold("https://example.org/", None, "/", "https://example.org/");
}

#[test]
fn links_resolve_under_a_sub_path() {
    links_hold(
        "https://user.github.io/project/",
        None,
        "/project/",
        "https://user.github.io/project/",
    );
}

#[test]
fn links_resolve_under_a_preview_base_url_given_on_the_command_line() {
    links_hold(
        "https://example.org/",
        Some("https://deploy-preview-7.example.net/tabriz/"),
        "/tabriz/",
        "https://deploy-preview-7.example.net/tabriz/",
    );
}

#[test]
fn the_feed_carries_the_newest_articles_up_to_its_limit() {
    let site = Site::empty();
    let mut config = String::from("title = \"Feed\"\nbase_url = \"https://example.org/\"\n");
    site.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
    for day in 1..=25 {
        site.write(
            &format!("content/articles/day-{day:02}.md"),
            format!(
                "+++\ntitle = \"Day {day}\"\ndate = 2024-01-{day:02}\n+++\nText of day {day}.\n"
            ),
        );
    }
    let titles = |site: &Site| -> Vec<String> {
        let xml = site.read("atom.xml");
        let feed = feed_rs::parser::parse(xml.as_bytes()).expect("the Atom feed parses");
        (feed.entries.into_iter())
            .map(|e| e.title.unwrap().content)
            .collect()
    };

    // The default keeps the newest 20, newest first.
    site.write("site.toml", &config);
    site.build_ok(&[]);
    let default = titles(&site);
    assert_eq!(default.len(), 20, "{default:?}");
    assert_eq!(default.first().map(String::as_str), Some("Day 25"));
    assert_eq!(default.last().map(String::as_str), Some("Day 6"));

    config.push_str("[feed]\nlimit = 3\n");
    site.write("site.toml", &config);
    site.build_ok(&[]);
    assert_eq!(titles(&site), ["Day 25", "Day 24", "Day 23"]);

    config = config.replace("limit = 3", "limit = 0");
    site.write("site.toml", &config);
    site.build_ok(&[]);
    assert_eq!(titles(&site).len(), 25, "0 means every article");
}

#[test]
fn every_page_names_one_icon_file_and_a_sites_own_wins() {
    let site = Site::fixture("basic");
    site.build_ok(&["--base-url", "https://example.org/history/"]);
    let icon = site.read("favicon.svg");
    assert!(
        icon.starts_with("<svg ") && icon.contains("</svg>"),
        "{icon}"
    );
    for page in [
        "index.html",
        "articles/siege/index.html",
        "glossary/index.html",
    ] {
        let page = site.page(page);
        assert_eq!(page.attr("link[rel=icon]", "href"), "/history/favicon.svg");
        assert_eq!(page.attr("link[rel=icon]", "type"), "image/svg+xml");
    }
    // X reads the og: tags; only what they lack is repeated for it.
    let article = site.page("articles/siege/index.html");
    assert_eq!(article.count("meta[name='twitter:title'], meta[name='twitter:description'], meta[name='twitter:image']"), 0);
    site.write(
        "static/favicon.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.read("favicon.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>"
    );
}
