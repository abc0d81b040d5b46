//! Integration tests of `gloss build` on the fixture sites under
//! `tests/fixtures/`, asserting on the parsed HTML it writes.
//!
//! Most tests use `basic`, whose article `siege.md` has one paragraph per
//! linking rule, each starting with a marker ("Case test:") that the test
//! finds it by.

mod common;

use std::fs;
use std::path::Path;

use common::{
    Page, Site, files_below, select_in, snapshot, term_links, text, write_file, xml_values,
};

/// `basic`, built with the given extra arguments.
fn basic(args: &[&str]) -> Site {
    let site = Site::fixture("basic");
    site.build_ok(args);
    site
}

/// The (term, text) pairs linked in the paragraph of `page` containing `marker`.
fn links_in(page: &Page, marker: &str) -> Vec<(String, String)> {
    term_links(page.containing("p", marker))
}

fn pair(term: &str, text: &str) -> (String, String) {
    (term.to_string(), text.to_string())
}

fn set_link_mode(site: &Site, mode: &str) {
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    let config = config.replace(r#"link = "first""#, &format!("link = {mode:?}"));
    assert!(config.contains(&format!("link = {mode:?}")));
    site.write("site.toml", config);
}

// ---------------------------------------------------------------- URLs

#[test]
fn pages_get_pretty_urls_mirroring_their_path() {
    let site = basic(&[]);
    let files = files_below(&site.public());
    for expected in [
        "index.html",
        "articles/siege/index.html",
        "articles/aftermath/index.html",
        "glossary/index.html",
        "glossary/majlis/index.html",
        "glossary/persian-cossack-brigade/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "{expected} missing from {files:#?}"
        );
    }
    assert!(
        !files
            .iter()
            .any(|f| f.ends_with(".md") || f == "articles/siege.html"),
        "no .md or ugly .html URLs: {files:#?}"
    );
    assert_eq!(
        site.page("articles/siege/index.html").text("h1"),
        "The Siege of Tabriz"
    );
    assert!(
        site.page("glossary/majlis/index.html")
            .text("h1")
            .starts_with("Majlis")
    );
}

#[test]
fn home_page_shows_its_text_and_lists_the_articles() {
    let site = basic(&[]);
    let home = site.page("index.html");
    assert!(home.source.contains("Welcome to the test chronicle."));
    let mut listed = home.attrs("main a[href^='/articles/']", "href");
    listed.sort();
    listed.dedup();
    assert_eq!(listed, ["/articles/aftermath/", "/articles/siege/"]);
    assert!(
        home.texts("main a")
            .contains(&"The Siege of Tabriz".to_string())
    );
}

#[test]
fn relative_markdown_links_point_at_page_urls() {
    let site = basic(&[]);
    let page = site.page("articles/aftermath/index.html");
    let hrefs: Vec<String> = select_in(page.containing("p", "Relative test"), "a")
        .into_iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        hrefs,
        [
            "/articles/siege/",
            "/articles/siege/#from-constitution-to-coup",
            "/glossary/majlis/",
        ]
    );
    // From `_index.md` at the top of content/ too.
    let home = site.page("index.html");
    let intro = home.containing("p", "Welcome to the test chronicle");
    assert_eq!(
        select_in(intro, "a")[0].attr("href"),
        Some("/articles/siege/")
    );
}

// ---------------------------------------------------------------- linking

#[test]
fn first_mention_is_linked_and_the_photo_caption_counts_as_first() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        term_links(page.one("figcaption .caption")),
        [pair("majlis", "Majlis")],
        "the caption holds the page's first mention of Majlis"
    );
    assert_eq!(
        links_in(&page, "Caption test"),
        [],
        "Majlis was linked in the caption"
    );
    assert_eq!(
        links_in(&page, "Case test"),
        [pair("tabriz", "TABRIZ")],
        "only the first of two mentions in one paragraph"
    );
    assert_eq!(page.count("a.term[data-term='majlis']"), 1);
    assert_eq!(page.count("a.term[data-term='tabriz']"), 1);
}

#[test]
fn link_all_links_every_mention() {
    let site = Site::fixture("basic");
    set_link_mode(&site, "all");
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        links_in(&page, "Case test"),
        [pair("tabriz", "TABRIZ"), pair("tabriz", "Tabriz")]
    );
    assert_eq!(links_in(&page, "Caption test"), [pair("majlis", "Majlis")]);
    assert_eq!(
        term_links(page.one("figcaption .caption")),
        [pair("majlis", "Majlis")]
    );
    // Still never inside code, headings, links or raw HTML.
    assert_eq!(page.count("a.term[data-term='tabriz']"), 2);
}

#[test]
fn link_none_links_only_wiki_links() {
    let site = Site::fixture("basic");
    set_link_mode(&site, "none");
    site.build_ok(&[]);
    let siege = site.page("articles/siege/index.html");
    assert_eq!(
        siege.count("a.term"),
        0,
        "no automatic links:\n{}",
        siege.source
    );
    let aftermath = site.page("articles/aftermath/index.html");
    assert_eq!(
        links_in(&aftermath, "Wiki test"),
        [
            pair("majlis", "majlis"),
            pair("majlis", "the parliament"),
            pair("persian-cossack-brigade", "Cossack Division"),
        ],
        "wiki links always link"
    );
    // An unlinked mention is still a mention.
    let tabriz = site.page("glossary/tabriz/index.html");
    assert!(
        tabriz
            .attrs("#mentions a", "href")
            .contains(&"/articles/siege/".to_string())
    );
}

#[test]
fn longest_name_wins_over_names_nested_in_it() {
    // Terms "Persian Cossack Brigade", "Cossack Brigade", "Cossack" and
    // "Brigade": each mention links to the longest name, never a part of it.
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        links_in(&page, "Longest test"),
        [
            pair("persian-cossack-brigade", "Persian Cossack Brigade"),
            pair("cossack-brigade", "Cossack Brigade"),
            pair("brigade", "Brigade"),
        ]
    );
}

#[test]
fn matching_ignores_case() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    let link = page.one("a.term[data-term='tabriz']");
    assert_eq!(text(link), "TABRIZ", "the text keeps its own case");
    assert_eq!(link.attr("href"), Some("/glossary/tabriz/"));
}

#[test]
fn only_whole_words_are_linked() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        links_in(&page, "Word test"),
        [],
        "Tabriz must not match inside Tabrizi"
    );
}

#[test]
fn never_links_inside_code_headings_links_or_raw_html() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(page.text("p code"), "Tabriz");
    assert_eq!(page.count("code a, pre a"), 0, "no link inside code");
    assert_eq!(page.count(".body h2 a"), 0, "no link inside headings");
    for marker in ["Link test", "Raw test"] {
        let paragraph = page.containing("p", marker);
        let anchors = select_in(paragraph, "a");
        assert_eq!(
            anchors.len(),
            1,
            "only the author's own link in: {}",
            paragraph.html()
        );
        assert_eq!(anchors[0].attr("class"), None);
        assert!(text(anchors[0]).starts_with("Tabriz"));
    }
    // The first linkable mention comes after all of them.
    assert_eq!(links_in(&page, "Case test"), [pair("tabriz", "TABRIZ")]);
}

#[test]
fn emphasis_is_still_prose() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    let em = page.one(".body em");
    assert_eq!(term_links(em), [pair("azerbaijan", "Azerbaijan")]);
    // The caption's emphasis too.
    assert_eq!(page.count("figcaption em a.term[data-term='majlis']"), 1);
}

#[test]
fn aliases_link_to_their_term() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(links_in(&page, "Alias test"), [pair("zand", "Zandiyeh")]);
    assert_eq!(
        page.attr("a.term[data-term='zand']", "href"),
        "/glossary/zand/"
    );
}

#[test]
fn wiki_links_with_and_without_a_label() {
    let site = basic(&[]);
    let page = site.page("articles/aftermath/index.html");
    let paragraph = page.containing("p", "Wiki test");
    assert_eq!(
        term_links(paragraph),
        [
            pair("majlis", "majlis"),
            pair("majlis", "the parliament"),
            pair("persian-cossack-brigade", "Cossack Division"),
        ]
    );
    let hrefs: Vec<_> = select_in(paragraph, "a.term")
        .into_iter()
        .map(|a| a.attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "/glossary/majlis/",
            "/glossary/majlis/",
            "/glossary/persian-cossack-brigade/"
        ]
    );
    assert!(
        !paragraph.html().contains("[["),
        "no wiki syntax left: {}",
        paragraph.html()
    );
}

#[test]
fn glossary_entries_link_to_each_other_but_never_to_themselves() {
    let site = basic(&[]);
    let majlis = site.page("glossary/majlis/index.html");
    // Its body says "The Majlis", "[[majlis]]" and an alias: none may link.
    assert_eq!(
        majlis.count(".body a.term[data-term='majlis']"),
        0,
        "{}",
        majlis.source
    );
    assert_eq!(majlis.count("a[href='/glossary/majlis/']"), 0);
    assert!(text(majlis.one(".body")).contains("the majlis is also called"));
    assert_eq!(term_links(majlis.one(".body")), [pair("tabriz", "tabriz")]);

    let tabriz = site.page("glossary/tabriz/index.html");
    assert_eq!(term_links(tabriz.one(".body")), [pair("majlis", "Majlis")]);
}

#[test]
fn mentions_are_listed_articles_newest_first_then_terms_then_index_pages() {
    let site = Site::fixture("basic");
    let article = |date: &str, title: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\nThe majlis met.\n")
    };
    site.write("content/articles/later.md", article("2025-06-01", "Later"));
    site.write(
        "content/articles/earliest.md",
        article("2024-01-01", "Earliest"),
    );
    let home = std::fs::read_to_string(site.path("content/_index.md")).unwrap();
    site.write("content/_index.md", format!("{home}\nOn the majlis.\n"));
    site.build_ok(&[]);
    let expected = [
        "/articles/later/",     // 2025-06-01
        "/articles/aftermath/", // 2025-04-15
        "/articles/siege/",     // 2025-03-01
        "/articles/earliest/",  // 2024-01-01
        "/glossary/tabriz/",
        "/",
    ];
    let listed = site
        .page("glossary/majlis/index.html")
        .attrs("#mentions a", "href");
    assert_eq!(listed, expected);
    let json: serde_json::Value = serde_json::from_str(&site.read("glossary.json")).unwrap();
    let majlis = (json["terms"].as_array().unwrap().iter())
        .find(|t| t["slug"] == "majlis")
        .unwrap();
    let in_json: Vec<&str> = (majlis["mentioned_in"].as_array().unwrap().iter())
        .map(|p| p["url"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (expected.iter())
        .map(|u| format!("https://example.org{u}"))
        .collect();
    assert_eq!(in_json, expected);
}

#[test]
fn term_pages_list_exactly_the_pages_that_mention_them() {
    let site = basic(&[]);
    let mentions = |slug: &str| {
        let mut hrefs = site
            .page(&format!("glossary/{slug}/index.html"))
            .attrs("#mentions a", "href");
        hrefs.sort();
        hrefs
    };
    // siege: caption and prose; aftermath: a wiki link only; tabriz: prose.
    // Not the term itself, not the draft article or the draft term.
    assert_eq!(
        mentions("majlis"),
        [
            "/articles/aftermath/",
            "/articles/siege/",
            "/glossary/tabriz/"
        ]
    );
    // siege: prose (linked once, mentioned often); majlis: a wiki link.
    assert_eq!(
        mentions("tabriz"),
        ["/articles/siege/", "/glossary/majlis/"]
    );
    // Only the alias is used, and only in siege.
    assert_eq!(mentions("zand"), ["/articles/siege/"]);
    // Mentioned nowhere, or only inside longer names.
    assert_eq!(mentions("adil-shah"), Vec::<String>::new());
    assert_eq!(mentions("cossack"), Vec::<String>::new());
    // The link text is the page's title.
    let majlis = site.page("glossary/majlis/index.html");
    assert!(
        majlis
            .texts("#mentions a")
            .contains(&"The Siege of Tabriz".to_string())
    );
}

// ---------------------------------------------------------------- drafts

#[test]
fn drafts_are_skipped_and_never_listed_or_counted() {
    let site = basic(&[]);
    let files = files_below(&site.public());
    assert!(
        !files
            .iter()
            .any(|f| f.contains("draft-notes") || f.contains("secret-police"))
    );
    let home = site.page("index.html");
    assert!(!home.source.contains("Draft Notes"));
    let glossary = site.page("glossary/index.html");
    assert!(!glossary.source.contains("Secret Police"));
    assert!(!site.read("sitemap.xml").contains("draft"));
    assert!(!site.read("atom.xml").contains("Draft Notes"));
    // The draft term is no term: its name is plain text.
    let siege = site.page("articles/siege/index.html");
    assert_eq!(links_in(&siege, "Draft test"), []);
    // Mentions by drafts do not count (the draft article and the draft term
    // both mention Majlis).
    let majlis = site.page("glossary/majlis/index.html");
    assert!(!majlis.source.contains("Draft Notes"));
    assert!(!majlis.source.contains("Secret Police"));
}

#[test]
fn drafts_are_built_with_the_drafts_flag() {
    let site = basic(&["--drafts"]);
    let draft = site.page("articles/draft-notes/index.html");
    assert_eq!(draft.text("h1"), "Draft Notes");
    site.page("glossary/secret-police/index.html");
    let siege = site.page("articles/siege/index.html");
    assert_eq!(
        links_in(&siege, "Draft test"),
        [pair("secret-police", "Secret Police")]
    );
    let mut mentions = site
        .page("glossary/majlis/index.html")
        .attrs("#mentions a", "href");
    mentions.sort();
    assert!(
        mentions.contains(&"/articles/draft-notes/".to_string()),
        "{mentions:?}"
    );
    assert!(
        mentions.contains(&"/glossary/secret-police/".to_string()),
        "{mentions:?}"
    );
}

// ---------------------------------------------------------------- glossary

#[test]
fn glossary_index_lists_terms_a_to_z_with_accents_folded() {
    let site = basic(&[]);
    let glossary = site.page("glossary/index.html");
    assert_eq!(
        glossary.texts("dl.glossary dt a"),
        [
            "Ādil Shah",
            "Azerbaijan",
            "Brigade",
            "Cossack",
            "Cossack Brigade",
            "Majlis",
            "Persian Cossack Brigade",
            "Tabriz",
            "Zand dynasty",
        ]
    );
    let letters: Vec<String> = glossary
        .select("section.letter")
        .into_iter()
        .map(|s| text(select_in(s, "h2")[0]))
        .collect();
    assert_eq!(letters, ["A", "B", "C", "M", "P", "T", "Z"]);
    let first = glossary.select("section.letter")[0];
    assert_eq!(
        select_in(first, "dt a").len(),
        2,
        "Ādil Shah is filed under A"
    );
    assert_eq!(
        glossary.attr("dt a[href$='/adil-shah/']", "href"),
        "/glossary/adil-shah/"
    );
    // Each term with its summary.
    assert!(
        glossary
            .texts("dl.glossary dd")
            .contains(&"The Persian parliament.".to_string())
    );
}

#[test]
fn native_name_is_marked_with_its_language() {
    let site = basic(&[]);
    let majlis = site.page("glossary/majlis/index.html");
    let native = majlis.one("main [lang='fa']");
    assert_eq!(native.attr("lang"), Some("fa"));
    assert_eq!(text(native), "مجلس");
}

// ---------------------------------------------------------------- base URL

/// Every `href` and `src` in the site's HTML pages that is not external.
fn internal_urls(site: &Site) -> Vec<(String, String)> {
    let mut urls = Vec::new();
    for file in files_below(&site.public()) {
        if !file.ends_with(".html") {
            continue;
        }
        let page = site.page(&file);
        for (css, attr) in [("[href]", "href"), ("[src]", "src")] {
            for url in page.attrs(css, attr) {
                // Other sites, and data the page carries itself (its icon).
                let external = ["https://", "http://", "mailto:", "data:"]
                    .iter()
                    .any(|scheme| url.starts_with(scheme));
                if !external && !url.starts_with('#') {
                    urls.push((file.clone(), url));
                }
            }
        }
    }
    urls
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_internal_url() {
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("https://example.org/", "https://example.org/history/"),
    );
    site.build_ok(&[]);
    let urls = internal_urls(&site);
    assert!(urls.len() > 50, "{urls:?}");
    let wrong: Vec<_> = urls
        .iter()
        .filter(|(_, u)| !u.starts_with("/history/"))
        .collect();
    assert!(wrong.is_empty(), "URLs outside /history/: {wrong:#?}");

    let siege = site.page("articles/siege/index.html");
    assert_eq!(siege.attr("figure img", "src"), "/history/images/map.svg");
    assert_eq!(
        siege.attr("a.term[data-term='tabriz']", "href"),
        "/history/glossary/tabriz/"
    );
    let aftermath = site.page("articles/aftermath/index.html");
    assert!(
        aftermath
            .attrs("a", "href")
            .contains(&"/history/articles/siege/".to_string())
    );

    for loc in xml_values(&site.read("sitemap.xml"), "loc") {
        assert!(loc.starts_with("https://example.org/history/"), "{loc}");
    }
    let feed = site.read("atom.xml");
    assert!(
        feed.contains(r#"href="https://example.org/history/articles/siege/""#),
        "{feed}"
    );
    for id in xml_values(&feed, "id") {
        assert!(id.starts_with("https://example.org/history/"), "{id}");
    }
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = basic(&["--base-url", "https://preview.example.net/pr/7/"]);
    let wrong: Vec<_> = internal_urls(&site)
        .into_iter()
        .filter(|(_, u)| !u.starts_with("/pr/7/"))
        .collect();
    assert!(wrong.is_empty(), "URLs outside /pr/7/: {wrong:#?}");
    let locs = xml_values(&site.read("sitemap.xml"), "loc");
    assert!(locs.contains(&"https://preview.example.net/pr/7/articles/siege/".to_string()));
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://preview.example.net/pr/7/"))
    );
}

// ---------------------------------------------------------------- page parts

#[test]
fn front_matter_text_is_escaped_exactly_once() {
    let site = basic(&[]);
    let title = "Aftermath & Exile <1909>";
    let escaped = "Aftermath &amp; Exile &lt;1909&gt;";
    let page = site.page("articles/aftermath/index.html");
    assert_eq!(page.text("h1"), title);
    assert!(
        page.text("main")
            .contains("Tea & <sympathy> for the defeated.")
    );
    assert!(page.source.contains(escaped));
    assert!(page.text("title").starts_with(title));
    let home = site.page("index.html");
    assert!(home.texts("main a").contains(&title.to_string()));
    let majlis = site.page("glossary/majlis/index.html");
    assert!(majlis.texts("#mentions a").contains(&title.to_string()));
    let feed = site.read("atom.xml");
    assert!(
        feed.contains(&format!("<title>{escaped}</title>")),
        "{feed}"
    );
    for file in [
        "articles/aftermath/index.html",
        "index.html",
        "glossary/majlis/index.html",
    ] {
        let source = site.read(file);
        assert!(!source.contains("<1909>"), "unescaped in {file}");
        assert!(!source.contains("&amp;amp;"), "escaped twice in {file}");
        assert!(!source.contains("&amp;lt;"), "escaped twice in {file}");
    }
    assert!(!feed.contains("<1909>") && !feed.contains("&amp;amp;"));
}

#[test]
fn dates_are_shown_in_words_in_a_time_element() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    let time = page.one("article time");
    assert_eq!(time.attr("datetime"), Some("2025-03-01"));
    assert_eq!(text(time), "1 March 2025");
    let home = site.page("index.html");
    let dates: Vec<_> = home
        .select("time")
        .into_iter()
        .map(|t| (t.attr("datetime").unwrap().to_string(), text(t)))
        .collect();
    assert!(dates.contains(&("2025-04-15".to_string(), "15 April 2025".to_string())));
}

#[test]
fn photo_is_a_figure_with_alt_caption_and_credit() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(page.attr("figure.photo img", "src"), "/images/map.svg");
    assert_eq!(
        page.attr("figure.photo img", "alt"),
        "A sketch map of the city"
    );
    assert_eq!(
        page.text("figure.photo figcaption .caption").trim(),
        "Deputies of the Majlis meet in secret."
    );
    let credit = page.one("figure.photo figcaption .credit");
    assert!(
        text(credit).contains("Jane Doe / Example Archive"),
        "{}",
        credit.html()
    );
    assert!(text(credit).contains("CC BY 4.0"), "{}", credit.html());
    assert_eq!(
        page.attr("figure.photo .credit a", "href"),
        "https://example.com/photo"
    );
    assert!(page.text("main").contains("Editor's Pick"), "the label");
}

#[test]
fn headings_get_ids() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        page.attrs(".body h2", "id"),
        ["tabriz-under-siege", "from-constitution-to-coup"]
    );
}

#[test]
fn markdown_extensions_tables_footnotes_strikethrough_and_smart_punctuation() {
    let site = basic(&[]);
    let page = site.page("articles/aftermath/index.html");
    assert_eq!(page.texts("table th"), ["Year", "Event"]);
    assert_eq!(page.count("table tbody tr"), 2);
    let reference = page.attr("sup a[href^='#']", "href");
    let definition = page.one(&format!("[id='{}']", &reference[1..]));
    assert!(text(definition).contains("The footnote text."));
    let markup = page.containing("p", "Markup test");
    assert_eq!(text(select_in(markup, "del")[0]), "struck out");
    assert!(
        text(markup).contains("\u{201c}quoted\u{201d}"),
        "{}",
        markup.html()
    );
    assert!(text(markup).contains("it\u{2019}s"), "{}", markup.html());
}

#[test]
fn images_in_the_body_are_published_under_the_base_path() {
    let site = basic(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(page.attr(".body img", "src"), "/images/map.svg");
}

// ---------------------------------------------------------------- other files

#[test]
fn static_files_are_copied_verbatim() {
    let site = basic(&[]);
    for file in ["images/map.svg", "robots.txt"] {
        assert_eq!(
            fs::read(site.public().join(file)).unwrap(),
            fs::read(site.path("static").join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn sitemap_lists_every_page_by_absolute_url() {
    let site = basic(&[]);
    let mut locs = xml_values(&site.read("sitemap.xml"), "loc");
    locs.sort();
    assert_eq!(
        locs,
        [
            "https://example.org/",
            "https://example.org/articles/aftermath/",
            "https://example.org/articles/siege/",
            "https://example.org/credits/",
            "https://example.org/glossary/",
            "https://example.org/glossary/adil-shah/",
            "https://example.org/glossary/azerbaijan/",
            "https://example.org/glossary/brigade/",
            "https://example.org/glossary/cossack-brigade/",
            "https://example.org/glossary/cossack/",
            "https://example.org/glossary/majlis/",
            "https://example.org/glossary/persian-cossack-brigade/",
            "https://example.org/glossary/tabriz/",
            "https://example.org/glossary/zand/",
        ]
    );
}

#[test]
fn atom_feed_lists_the_articles() {
    let site = basic(&[]);
    let feed = site.read("atom.xml");
    assert!(feed.starts_with("<?xml"));
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#));
    assert_eq!(xml_values(&feed, "entry").len(), 2);
    let ids = xml_values(&feed, "id");
    assert!(
        ids.contains(&"https://example.org/articles/siege/".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"https://example.org/articles/aftermath/".to_string()),
        "{ids:?}"
    );
    assert!(
        !ids.iter().any(|id| id.contains("/glossary/")),
        "terms are not articles"
    );
}

#[test]
fn not_found_page_is_written() {
    let site = basic(&[]);
    let page = site.page("404.html");
    assert!(!page.text("h1").is_empty());
}

// ---------------------------------------------------------------- templates

#[test]
fn a_site_without_templates_or_site_toml_builds_with_the_built_ins() {
    let site = Site::fixture("minimal");
    assert!(!site.path("templates").exists() && !site.path("site.toml").exists());
    site.build_ok(&[]);
    let page = site.page("hello/index.html");
    assert_eq!(page.text("h1"), "Hello");
    assert!(page.text("main").contains("A site with no site.toml"));
    site.page("index.html");
    site.page("glossary/index.html");
    site.page("404.html");
    assert!(site.public().join("sitemap.xml").is_file());
    assert!(site.public().join("atom.xml").is_file());

    // The fuller `basic` has no templates/ either: articles, photos and terms
    // all come out of the built-ins.
    let full = basic(&[]);
    assert!(!full.path("templates").exists());
    assert_eq!(
        full.page("articles/siege/index.html").count("figure.photo"),
        1
    );
    assert_eq!(
        full.page("glossary/majlis/index.html").count("#mentions"),
        1
    );
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = Site::fixture("override");
    site.build_ok(&[]);
    let note = site.page("note/index.html");
    assert_eq!(note.text("#custom-article h1.custom-title"), "A Note");
    assert_eq!(
        term_links(note.one("#custom-article")),
        [pair("majlis", "Majlis")]
    );
    // Other templates are still the built-in ones.
    let term = site.page("glossary/majlis/index.html");
    assert_eq!(term.count("#custom-article"), 0);
    assert_eq!(term.attrs("#mentions a", "href"), ["/note/"]);
}

// ---------------------------------------------------------------- input forms

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/crlf.md",
        "+++\r\ntitle = \"Windows Lines\"\r\ndate = 2025-01-02\r\n+++\r\n## Windows heading\r\n\r\nThe Majlis wrote\r\nback.\r\n",
    );
    site.write(
        "content/glossary/bom.md",
        "\u{feff}+++\ntitle = \"Byte Order\"\nsummary = \"Starts with a BOM.\"\n+++\nMentions Tabriz.\n",
    );
    site.build_ok(&[]);
    let crlf = site.page("articles/crlf/index.html");
    assert_eq!(crlf.text("h1"), "Windows Lines");
    assert_eq!(crlf.attrs(".body h2", "id"), ["windows-heading"]);
    assert_eq!(term_links(crlf.one(".body")), [pair("majlis", "Majlis")]);
    assert!(!crlf.text(".body").contains("+++") && !crlf.text(".body").contains("title ="));
    let bom = site.page("glossary/bom/index.html");
    assert_eq!(bom.text("h1"), "Byte Order");
    assert_eq!(term_links(bom.one(".body")), [pair("tabriz", "Tabriz")]);
    assert!(
        site.page("glossary/index.html")
            .texts("dt a")
            .contains(&"Byte Order".to_string())
    );
}

// ---------------------------------------------------------------- output folder

#[test]
fn git_folder_and_cname_in_the_output_are_kept() {
    let site = basic(&[]);
    write_file(&site.public().join(".git/HEAD"), "ref: refs/heads/pages\n");
    write_file(&site.public().join(".git/objects/ab/cdef"), [1u8, 2, 3]);
    write_file(&site.public().join("CNAME"), "history.example.org\n");
    site.build_ok(&[]);
    assert_eq!(
        fs::read_to_string(site.public().join(".git/HEAD")).unwrap(),
        "ref: refs/heads/pages\n"
    );
    assert_eq!(
        fs::read(site.public().join(".git/objects/ab/cdef")).unwrap(),
        [1, 2, 3]
    );
    assert_eq!(
        fs::read_to_string(site.public().join("CNAME")).unwrap(),
        "history.example.org\n"
    );
    site.page("articles/siege/index.html");
}

#[test]
fn a_rebuild_leaves_no_stale_files() {
    let site = basic(&[]);
    assert!(
        site.public()
            .join("articles/aftermath/index.html")
            .is_file()
    );
    site.remove("content/articles/aftermath.md");
    site.remove("content/glossary/zand.md");
    site.write(
        "content/articles/siege.md",
        fs::read_to_string(site.path("content/articles/siege.md"))
            .unwrap()
            .replace("Alias test: the Zandiyeh ruled", "Alias test: others ruled"),
    );
    // Withdrawn on purpose: their URLs are retired from the ledger.
    let ledger = site.path("published-urls.txt");
    let kept: String = (fs::read_to_string(&ledger).unwrap().lines())
        .filter(|l| !l.starts_with("/articles/aftermath/") && !l.starts_with("/glossary/zand/"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&ledger, kept).unwrap();
    site.build_ok(&[]);
    let files = files_below(&site.public());
    assert!(
        !files
            .iter()
            .any(|f| f.contains("aftermath") || f.contains("zand")),
        "{files:#?}"
    );
    assert!(files.contains(&"articles/siege/index.html".to_string()));
    // Nothing left beside the output either.
    let beside: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("public") && n != "public")
        .collect();
    assert!(beside.is_empty(), "leftovers beside public/: {beside:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = basic(&[]);
    write_file(&site.public().join("CNAME"), "history.example.org\n");
    let before = snapshot(&site.public());
    site.write(
        "content/articles/broken.md",
        "+++\ntitle = \"Broken\"\nsumary = \"x\"\n+++\n",
    );
    site.remove("content/articles/aftermath.md");
    let run = site.build(&[]);
    run.assert_failed();
    assert_eq!(snapshot(&site.public()), before, "the output changed");
    let beside: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("public") && n != "public")
        .collect();
    assert!(beside.is_empty(), "leftovers beside public/: {beside:?}");
}

/// Asserts that building into `output` is refused and that nothing in the
/// temporary folder (the site and anything beside it) changed.
fn assert_output_refused(site: &Site, output: &Path) {
    let before = snapshot(site.tmp());
    let run = site.build(&["--output", output.to_str().unwrap()]);
    run.assert_failed();
    assert_eq!(
        snapshot(site.tmp()),
        before,
        "a refused build changed files\n{run}"
    );
}

/// Puts an `index.html` in `dir`, so that it is refused for where it is, not
/// for looking like something other than a site gloss built.
fn looks_like_a_site(dir: &Path) {
    write_file(&dir.join("index.html"), "<!DOCTYPE html><title>Old</title>");
}

#[test]
fn refuses_the_root_as_output() {
    let site = Site::fixture("basic");
    looks_like_a_site(&site.root());
    assert_output_refused(&site, &site.root());
}

#[test]
fn refuses_an_output_holding_the_root() {
    let site = Site::fixture("basic");
    looks_like_a_site(site.tmp());
    assert_output_refused(&site, site.tmp());
}

#[test]
fn refuses_an_output_inside_content_templates_or_static() {
    let site = Site::fixture("basic");
    fs::create_dir(site.path("templates")).unwrap();
    looks_like_a_site(&site.path("templates"));
    looks_like_a_site(&site.path("content/articles"));
    looks_like_a_site(&site.path("static/images"));
    for output in [
        "content",
        "content/articles",
        "content/new-folder",
        "templates",
        "templates/out",
        "static",
        "static/images",
    ] {
        assert_output_refused(&site, &site.path(output));
    }
}

#[test]
fn refuses_a_non_empty_folder_that_is_not_a_site() {
    let site = Site::fixture("basic");
    write_file(&site.tmp().join("documents/thesis.txt"), "years of work");
    assert_output_refused(&site, &site.tmp().join("documents"));
    assert_eq!(
        fs::read_to_string(site.tmp().join("documents/thesis.txt")).unwrap(),
        "years of work"
    );
}

#[test]
fn builds_into_an_output_folder_outside_the_root() {
    let site = Site::fixture("basic");
    let output = site.tmp().join("elsewhere/site");
    site.build_ok(&["--output", output.to_str().unwrap()]);
    assert!(output.join("articles/siege/index.html").is_file());
    assert!(!site.public().exists());
    // And again over its own previous output.
    site.build_ok(&["--output", output.to_str().unwrap()]);
    assert!(output.join("articles/siege/index.html").is_file());
}

/// A folder holding only what hosts keep (a `CNAME`, `.nojekyll`, a Git
/// repository) is an output to build into, and what it holds stays; one
/// holding anything else, and no `index.html`, is refused.
#[test]
fn an_output_holding_only_what_hosts_keep_is_built_into() {
    let site = Site::fixture("basic");
    let output = site.tmp().join("out");
    write_file(&output.join("CNAME"), "history.example.org\n");
    write_file(&output.join(".nojekyll"), "");
    site.build(&["--output", output.to_str().unwrap()])
        .assert_ok();
    assert!(output.join("index.html").is_file());
    assert_eq!(
        common::read_text(&output.join("CNAME")),
        "history.example.org\n"
    );

    let notes = site.tmp().join("notes");
    write_file(&notes.join("CNAME"), "history.example.org\n");
    write_file(&notes.join("draft.txt"), "mine");
    assert_output_refused(&site, &notes);
}

/// A file the previous output holds unchanged is linked, not copied, into
/// the next; a source changed with its time set back, as tools that keep
/// times do, is still published anew.
#[test]
fn a_static_file_changed_with_its_time_kept_is_published_anew() {
    let site = Site::fixture("basic");
    site.write("static/notes.txt", "first");
    site.build_ok(&[]);
    let published = site.public().join("notes.txt");
    let time = fs::metadata(site.path("static/notes.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(fs::metadata(&published).unwrap().modified().unwrap(), time);
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build_ok(&[]);
    assert_eq!(fs::read_to_string(&published).unwrap(), "first");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = fs::metadata(&published).unwrap().ino();
        site.build_ok(&[]);
        assert_eq!(
            fs::metadata(&published).unwrap().ino(),
            inode,
            "linked, not copied"
        );
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("static/notes.txt", "other");
    fs::File::options()
        .write(true)
        .open(site.path("static/notes.txt"))
        .unwrap()
        .set_modified(time)
        .unwrap();
    site.build_ok(&[]);
    assert_eq!(fs::read_to_string(&published).unwrap(), "other");
}
