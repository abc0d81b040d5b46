//! What the build gives the reader's script to work with: the script itself,
//! each page's link previews, notes with a way back, the search box, the
//! photo's other sizes, and controls that stay hidden without JavaScript.

mod common;

use common::{Site, select_in};
use serde_json::Value;

/// A small site: one article linking two terms, another article and a
/// footnote; a term with a native form in Persian script.
fn site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Reader\"\nbase_url = \"https://example.org/history/\"\n",
    );
    site.write(
        "content/articles/siege.md",
        "+++\ntitle = \"The Siege\"\nsummary = \"How the city held.\"\nlabel = \"Feature\"\n\n\
         [photo]\nsrc = \"images/map.jpg\"\nalt = \"A map\"\n+++\n\
         The Majlis met in Tabriz.[^1] Read [the aftermath](aftermath.md#end) too.\n\n\
         Again the note.[^1]\n\n[^1]: From the Arabic for a place of sitting.\n",
    );
    site.write(
        "content/articles/aftermath.md",
        "+++\ntitle = \"Aftermath\"\nsummary = \"What came next.\"\n+++\nNo links here.\n\n## End\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\naliases = [\"Majles\"]\nsummary = \"The Persian parliament.\"\nnative = \"مجلس\"\nlang = \"fa\"\n+++\nThe assembly.\n",
    );
    site.write(
        "content/glossary/tabriz.md",
        "+++\ntitle = \"Tabriz\"\nsummary = \"A city in Azerbaijan.\"\n+++\nA city; see the [[majlis]].\n",
    );
    site.write(
        "content/glossary/unlinked.md",
        "+++\ntitle = \"Qajar\"\nsummary = \"A dynasty.\"\n+++\nRulers.\n",
    );
    site.write("static/images/map.jpg", common::jpeg(300, 200));
    site
}

fn previews(page: &common::Page) -> serde_json::Map<String, Value> {
    let json = page.text("script#gloss-previews");
    let value: Value = serde_json::from_str(&json).expect("the previews are JSON");
    value.as_object().expect("an object").clone()
}

#[test]
fn every_page_loads_the_fingerprinted_script() {
    let site = site();
    site.build_ok(&[]);
    for page in [
        "index.html",
        "articles/siege/index.html",
        "glossary/majlis/index.html",
        "glossary/index.html",
        "404.html",
    ] {
        let page = site.page(page);
        let src = page.attr("script[src]", "src");
        assert!(
            src.starts_with("/history/gloss.")
                && src.ends_with(".js")
                && src.len() == "/history/gloss..js".len() + 10,
            "{src}"
        );
        assert!(page.one("script[src]").attr("defer").is_some());
        let file = src.trim_start_matches("/history/");
        assert!(site.read(file).contains("gloss-popover"));
    }
    assert_eq!(
        site.read("gloss.js"),
        site.read(
            site.page("index.html")
                .attr("script[src]", "src")
                .trim_start_matches("/history/")
        )
    );
}

#[test]
fn previews_list_exactly_the_linked_terms_and_articles() {
    let site = site();
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    let map = previews(&page);
    let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "/history/articles/aftermath/#end",
            "/history/glossary/majlis/",
            "/history/glossary/tabriz/"
        ]
    );
    // Every key is an href of a link in the page.
    for key in &keys {
        assert!(
            page.attrs("main a", "href").iter().any(|h| h == key),
            "{key}"
        );
    }
    let majlis = &map["/history/glossary/majlis/"];
    assert_eq!(
        majlis["kind"],
        Value::Null,
        "a term's kind goes without saying"
    );
    assert_eq!(majlis["title"], "Majlis");
    assert_eq!(majlis["native"], "مجلس");
    assert_eq!(majlis["lang"], "fa");
    assert_eq!(majlis["dir"], "rtl");
    assert_eq!(majlis["summary"], "The Persian parliament.");
    let tabriz = &map["/history/glossary/tabriz/"];
    assert_eq!(tabriz["native"], Value::Null);
    assert_eq!(tabriz["dir"], Value::Null);
    let article = &map["/history/articles/aftermath/#end"];
    assert_eq!(article["kind"], "article");
    assert_eq!(article["title"], "Aftermath");
    assert_eq!(article["label"], Value::Null);
    assert_eq!(article["summary"], "What came next.");
    for field in ["title", "summary"] {
        assert!(
            article.get(field).is_some() && majlis.get(field).is_some(),
            "{field}"
        );
    }
    // What a preview lacks is left out, not written as null, and its URL
    // is its key's.
    for field in ["native", "lang", "dir", "label", "url"] {
        assert!(article.get(field).is_none(), "{field}");
    }

    // A term page lists the terms its own text links to.
    let term = site.page("glossary/tabriz/index.html");
    assert_eq!(
        previews(&term).keys().collect::<Vec<_>>(),
        ["/history/glossary/majlis/"]
    );
    // A page that links nothing has no block.
    assert_eq!(
        site.page("articles/aftermath/index.html")
            .count("#gloss-previews"),
        0
    );
}

#[test]
fn footnotes_have_ids_and_a_way_back() {
    let site = site();
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    assert_eq!(
        page.attrs("sup.footnote-reference a", "id"),
        ["fnref-1", "fnref-1-2"]
    );
    assert_eq!(
        page.attrs("sup.footnote-reference a", "href"),
        ["#fn-1", "#fn-1"]
    );
    let note = page.one(".footnote-definition");
    assert_eq!(note.attr("id"), Some("fn-1"));
    let back = select_in(note, "a.footnote-back");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].attr("href"), Some("#fnref-1"));
    assert!(back[0].attr("aria-label").is_some());
    // The note keeps its number.
    assert_eq!(page.text(".footnote-definition-label"), "1");
}

#[test]
fn photo_gets_a_srcset_only_when_sizes_exist() {
    let site = site();
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    let img = page.one(".photo img");
    assert_eq!(img.attr("srcset"), None);
    assert_eq!(img.attr("sizes"), None);

    // Sizes made by hand, wider than the original gloss would make none of.
    site.write("static/images/map-1280w.jpg", common::jpeg(1280, 853));
    site.write("static/images/map-640w.jpg", common::jpeg(640, 427));
    site.write("static/images/map-wide.jpg", common::jpeg(20, 20));
    site.write("static/images/other-320w.jpg", common::jpeg(320, 213));
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    let img = page.one(".photo img");
    assert_eq!(img.attr("src"), Some("/history/images/map-1280w.jpg"));
    assert_eq!(
        img.attr("srcset"),
        Some(
            "/history/images/map.jpg 300w, /history/images/map-640w.jpg 640w, \
             /history/images/map-1280w.jpg 1280w"
        )
    );
    assert!(img.attr("sizes").is_some());
}

#[test]
fn controls_that_need_javascript_are_rendered_hidden() {
    let site = site();
    site.build_ok(&[]);
    for rel in [
        "index.html",
        "articles/siege/index.html",
        "glossary/index.html",
    ] {
        let page = site.page(rel);
        let toggle = page.one("footer button#gloss-previews-toggle");
        assert_eq!(toggle.attr("type"), Some("button"));
        assert_eq!(toggle.attr("aria-pressed"), Some("true"));
        assert!(toggle.attr("hidden").is_some(), "{rel}");
        let form = page.one("header form[role=search]");
        assert!(form.attr("hidden").is_some(), "{rel}");
        assert_eq!(select_in(form, "input[type=text]#gloss-search").len(), 1);
        assert_eq!(select_in(form, "label[for=gloss-search]").len(), 1);
        // Its part as a combobox and its results come with the script
        // (tests/browser/search.test.mjs).
        assert_eq!(select_in(form, "[role=combobox], [role=listbox]").len(), 0);
        assert_eq!(
            page.attr("#gloss-search", "data-index"),
            "/history/search-index/"
        );
        // Without the script, the search box points to the lists instead.
        let fallback = page.one("header .search-fallback");
        assert!(fallback.attr("hidden").is_none(), "{rel}");
        assert_eq!(
            select_in(fallback, "a")
                .iter()
                .map(|a| a.attr("href").unwrap())
                .collect::<Vec<_>>(),
            ["/history/", "/history/glossary/"]
        );
    }
}

#[test]
fn a_summary_cannot_break_out_of_the_previews_script() {
    let site = site();
    let summary = "Ends </script><script>alert(1)</script> & <!-- here";
    site.write(
        "content/glossary/tabriz.md",
        format!(
            "+++\ntitle = \"Tabriz\"\nsummary = {summary:?}\nnative = \"تبریز\"\n+++\nA city.\n"
        ),
    );
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    assert!(!page.source.contains("<script>alert(1)"));
    let map = previews(&page);
    let tabriz = &map["/history/glossary/tabriz/"];
    assert_eq!(tabriz["summary"], summary);
    // No language given: the script decides the direction.
    assert_eq!(tabriz["dir"], "rtl");
}

#[test]
fn an_article_page_with_its_css_and_js_stays_small() {
    // The demo site, the repository itself, built as published.
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("demo");
    let root = env!("CARGO_MANIFEST_DIR");
    let out_arg = out.to_str().unwrap();
    common::gloss(&[
        "build",
        "--root",
        root,
        "--output",
        out_arg,
        "--base-url",
        "/",
        "--minify",
    ])
    .assert_ok();
    let read = |rel: &str| common::read_text(&out.join(rel.trim_start_matches('/')));
    let index = common::Page::parse(read("index.html"));
    let article = index.attrs(".page-list h2 a", "href")[0].clone();
    let page = common::Page::parse(read(&format!("{article}index.html")));
    assert!(page.count("#gloss-previews") == 1 && page.count(".footnote-back") > 0);
    let css = page.attr("link[rel=stylesheet]", "href");
    let js = page.attr("script[src]", "src");
    let weight = page.source.len() + read(&css).len() + read(&js).len();
    assert!(weight < 100 * 1024, "{weight} bytes");
}

#[test]
fn articles_named_in_persian_script_or_with_an_apostrophe_get_previews() {
    let site = Site::empty();
    site.write("site.toml", "title = \"Names\"\n");
    site.write(
        "content/articles/تبریز.md",
        "+++\ntitle = \"Tabriz\"\nsummary = \"The city.\"\n+++\nText.\n",
    );
    site.write(
        "content/articles/shah's-return.md",
        "+++\ntitle = \"The Shah's Return\"\nsummary = \"He came back.\"\n+++\nText.\n",
    );
    site.write(
        "content/articles/links.md",
        "+++\ntitle = \"Links\"\n+++\nSee [the city](تبریز.md) and [the return](shah's-return.md).\n",
    );
    site.build_ok(&[]);
    let page = site.page("articles/links/index.html");
    let map = previews(&page);
    let titles: Vec<&str> = map.values().filter_map(|p| p["title"].as_str()).collect();
    assert!(titles.contains(&"Tabriz"), "{map:?}");
    assert!(titles.contains(&"The Shah's Return"), "{map:?}");
    // Each is keyed by the href exactly as the page writes it.
    for a in page.select("a[href]") {
        let href = a.value().attr("href").unwrap();
        if href.contains("articles/") {
            assert!(map.contains_key(href), "{href} in {map:?}");
        }
    }
}

#[test]
fn the_photo_keeps_its_space_with_the_size_its_file_gives() {
    let site = site();
    // The photo's size comes from its file's header.
    site.build_ok(&[]);
    let page = site.page("articles/siege/index.html");
    let img = page.one(".photo img");
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("300"), Some("200"))
    );

    let svg = "+++\ntitle = \"Drawn\"\n\n[photo]\nsrc = \"images/plan.svg\"\nalt = \"A plan\"\n+++\nText.\n";
    site.write("content/articles/drawn.md", svg);
    site.write(
        "static/images/plan.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 500\"><rect width=\"8\" height=\"5\"/></svg>",
    );
    site.build_ok(&[]);
    let page = site.page("articles/drawn/index.html");
    let img = page.one(".photo img");
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("800"), Some("500"))
    );
}
