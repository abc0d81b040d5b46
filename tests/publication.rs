//! A publication of many articles: series in order with their parts linked,
//! tags gathered however they are spelt, every list cut into pages, and a
//! table of contents for long articles; every bad value reported in one run.

mod common;

use common::Site;

fn article(site: &Site, name: &str, front: &str, body: &str) {
    site.write(
        &format!("content/articles/{name}.md"),
        format!("+++\n{front}\n+++\n{body}\n"),
    );
}

fn series_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"P\"\nbase_url = \"https://example.org/\"\nauthor = \"A. Historian\"\n",
    );
    // Read in the order of their file names, numbered otherwise.
    article(
        &site,
        "a-third",
        "title = \"Third\"\ndate = 2025-01-03\nseries = \"The Revolution\"\nseries_part = 3",
        "Text.",
    );
    article(
        &site,
        "b-first",
        "title = \"First\"\ndate = 2025-01-09\nseries = \"The Revolution\"\nseries_part = 1",
        "Text.",
    );
    article(
        &site,
        "c-second",
        "title = \"Second\"\ndate = 2025-01-01\nseries = \"the revolution\"\nseries_part = 2",
        "Text.",
    );
    article(
        &site,
        "d-alone",
        "title = \"Alone\"\ndate = 2025-01-05",
        "Text.",
    );
    site
}

#[test]
fn a_series_lists_its_parts_in_order_and_each_links_its_neighbours() {
    let site = series_site();
    site.write(
        "content/series/the-revolution/_index.md",
        "+++\nsummary = \"Three parts.\"\n+++\nAn introduction.\n",
    );
    site.write("content/series/no-such/_index.md", "+++\n+++\nLost.\n");
    let run = site.build_ok(&[]);
    run.assert_stderr_has("content/series/no-such/_index.md: warning: no article is in the series published at /series/no-such/");
    let series = site.page("series/the-revolution/index.html");
    assert_eq!(series.text("h1"), "The Revolution");
    assert_eq!(series.text(".intro").trim(), "An introduction.");
    assert_eq!(
        series.attr("meta[name=description]", "content"),
        "Three parts."
    );
    assert_eq!(
        series.texts(".series-parts h2"),
        ["First", "Second", "Third"]
    );
    assert_eq!(
        series.texts(".series-parts .label"),
        ["Part 1 of 3", "Part 2 of 3", "Part 3 of 3"]
    );
    let second = site.page("articles/c-second/index.html");
    assert_eq!(second.text(".series-part"), "Part 2 of 3 in The Revolution");
    assert_eq!(
        second.attr(".series-part a", "href"),
        "/series/the-revolution/"
    );
    assert_eq!(second.attr(".series-prev a", "href"), "/articles/b-first/");
    assert_eq!(second.attr(".series-next a", "href"), "/articles/a-third/");
    assert!(second.text(".series-next").contains("Third"));
    let first = site.page("articles/b-first/index.html");
    assert_eq!(first.count(".series-prev"), 0);
    assert_eq!(first.attr(".series-next a", "href"), "/articles/c-second/");
    assert_eq!(
        site.page("articles/d-alone/index.html")
            .count(".series-part, .series-nav"),
        0
    );
    // In the JSON-LD and the citation.
    let ld = second.json_ld();
    assert_eq!(ld["isPartOf"]["@type"], "CreativeWorkSeries");
    assert_eq!(ld["isPartOf"]["name"], "The Revolution");
    assert_eq!(
        ld["isPartOf"]["url"],
        "https://example.org/series/the-revolution/"
    );
    assert_eq!(ld["position"], 2);
    assert!(
        second
            .text(".cite-chicago")
            .contains("“Second.” Part 2 of The Revolution. P,"),
        "{}",
        second.text(".cite-chicago")
    );
    assert!(
        second
            .text(".cite-bibtex")
            .contains("series = {The Revolution}")
    );
    // The list of every series, the navigation and the sitemap.
    let all = site.page("series/index.html");
    assert_eq!(all.texts(".series-list h2"), ["The Revolution"]);
    assert_eq!(all.text(".series-list .summary"), "3 parts");
    assert!(
        second
            .attrs("nav[aria-label=Site] a", "href")
            .contains(&"/series/".to_string())
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("https://example.org/series/the-revolution/"));
    assert!(sitemap.contains("https://example.org/series/</loc>"));
}

#[test]
fn parts_without_a_number_follow_the_numbered_oldest_first() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    article(
        &site,
        "x",
        "title = \"Late\"\ndate = 2025-02-01\nseries = \"S\"",
        "T.",
    );
    article(
        &site,
        "y",
        "title = \"Early\"\ndate = 2025-01-01\nseries = \"S\"",
        "T.",
    );
    article(
        &site,
        "z",
        "title = \"Two\"\nseries = \"S\"\nseries_part = 2",
        "T.",
    );
    site.build_ok(&[]);
    let series = site.page("series/s/index.html");
    assert_eq!(series.texts(".series-parts h2"), ["Two", "Early", "Late"]);
    assert_eq!(
        series.texts(".series-parts .label"),
        ["Part 2 of 4", "Part 3 of 4", "Part 4 of 4"]
    );
    assert_eq!(series.text("h1"), "S");
    assert_eq!(
        site.page("series/index.html").text(".series-list .summary"),
        "3 of 4 parts"
    );
}

#[test]
fn tags_spelt_by_case_or_accents_are_one_and_list_newest_first() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    article(
        &site,
        "a",
        "title = \"Old\"\ndate = 2020-01-01\ntags = [\"Iran\", \"Qājār\"]",
        "T.",
    );
    article(
        &site,
        "b",
        "title = \"New\"\ndate = 2024-01-01\ntags = [\"iran\"]",
        "T.",
    );
    article(
        &site,
        "c",
        "title = \"Mid\"\ndate = 2022-01-01\ntags = [\"IRAN\", \"Qajar\", \"Russia\"]",
        "T.",
    );
    let run = site.build_ok(&[]);
    // The first spelling wins, with a warning at each other one.
    run.assert_stderr_has("content/articles/b.md:4:9: warning: the tag “iran” is listed as “Iran”");
    run.assert_stderr_has("content/articles/c.md:4:9: warning: the tag “IRAN” is listed as “Iran”");
    run.assert_stderr_has("the tag “Qajar” is listed as “Qājār”");
    let tags = site.page("tags/index.html");
    assert_eq!(tags.texts(".tag-list a"), ["Iran", "Qājār", "Russia"]);
    assert_eq!(
        tags.texts(".tag-list .count"),
        ["(3 articles)", "(2 articles)", "(1 article)"]
    );
    let iran = site.page("tags/iran/index.html");
    assert_eq!(iran.text("h1"), "Iran");
    assert_eq!(iran.texts(".page-list h2"), ["New", "Mid", "Old"]);
    assert_eq!(
        site.page("tags/qajar/index.html").texts(".page-list h2"),
        ["Mid", "Old"]
    );
    let mid = site.page("articles/c/index.html");
    assert_eq!(mid.texts(".tags a"), ["Iran", "Qājār", "Russia"]);
    assert_eq!(mid.attrs(".tags a", "href")[0], "/tags/iran/");
    assert_eq!(
        mid.json_ld()["keywords"],
        serde_json::json!(["Iran", "Qājār", "Russia"])
    );
}

/// `n` dated articles, the newest first named `a1`, with `per_page` set.
fn many(n: usize, per_page: usize) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        format!(
            "title = \"P\"\nbase_url = \"https://example.org/\"\n[lists]\nper_page = {per_page}\n"
        ),
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nWelcome to [[Majlis]].\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"A parliament.\"\n+++\nAn assembly.\n",
    );
    for i in 1..=n {
        article(
            &site,
            &format!("a{i}"),
            &format!(
                "title = \"Article {i}\"\ndate = {}-01-01\ntags = [\"All\"]",
                2100 - i
            ),
            "On the majlis.",
        );
    }
    site
}

#[test]
fn long_lists_are_paged_with_linked_pages() {
    let site = many(5, 2);
    site.build_ok(&[]);
    let home = site.page("index.html");
    assert_eq!(home.texts(".page-list h2"), ["Article 1", "Article 2"]);
    assert_eq!(home.text(".intro").trim(), "Welcome to Majlis.");
    assert_eq!(home.attr("link[rel=next]", "href"), "/page/2/");
    assert_eq!(home.count("link[rel=prev]"), 0);
    assert_eq!(home.attr("nav.pager", "aria-label"), "Pages");
    assert_eq!(home.attr(".pager [aria-current=page]", "href"), "/");
    let two = site.page("page/2/index.html");
    assert_eq!(two.texts(".page-list h2"), ["Article 3", "Article 4"]);
    assert_eq!(two.count(".intro"), 0);
    assert_eq!(two.attr("link[rel=prev]", "href"), "/");
    assert_eq!(two.attr("link[rel=next]", "href"), "/page/3/");
    assert_eq!(
        two.attr("link[rel=canonical]", "href"),
        "https://example.org/page/2/"
    );
    assert!(
        two.text("title").contains("Page 2"),
        "{}",
        two.text("title")
    );
    let three = site.page("page/3/index.html");
    assert_eq!(three.texts(".page-list h2"), ["Article 5"]);
    assert_eq!(three.count("link[rel=next]"), 0);
    assert!(!site.public().join("page/4").exists());
    // A tag's list, and a term's "Mentioned in", are paged the same way.
    assert_eq!(
        site.page("tags/all/page/3/index.html")
            .texts(".page-list h2"),
        ["Article 5"]
    );
    let term = site.page("glossary/majlis/index.html");
    assert_eq!(term.count("#mentions li a[href^='/articles/']"), 2);
    assert_eq!(
        term.attr("#mentions .pager-next a", "href"),
        "/glossary/majlis/page/2/"
    );
    let more = site.page("glossary/majlis/page/3/index.html");
    // Articles newest first, then the home page's text.
    assert_eq!(more.texts(".mentions a"), ["Article 5", "Home"]);
    assert_eq!(
        more.attr("link[rel=prev]", "href"),
        "/glossary/majlis/page/2/"
    );
    // Later pages are in no sitemap; the lists' first pages are.
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/page/"), "{sitemap}");
    assert!(sitemap.contains("https://example.org/tags/all/"));
}

#[test]
fn a_page_navigation_names_the_pages_around_this_one_and_the_ends() {
    let site = many(40, 2);
    site.build_ok(&[]);
    let ten = site.page("page/10/index.html");
    let shown: Vec<String> = ten
        .select(".pager li:not(.pager-prev):not(.pager-next)")
        .into_iter()
        .map(common::text)
        .collect();
    assert_eq!(
        shown,
        [
            "Page 1", "…", "Page 8", "Page 9", "Page 10", "Page 11", "Page 12", "…", "Page 20"
        ]
    );
}

#[test]
fn the_home_page_of_a_large_site_shows_one_page_of_it() {
    let site = many(0, 20);
    site.write("site.toml", "title = \"P\"\n");
    for i in 0..300 {
        article(
            &site,
            &format!("n{i:03}"),
            &format!("title = \"N {i}\""),
            "Text.",
        );
    }
    site.build_ok(&[]);
    assert_eq!(site.page("index.html").count(".page-list li"), 20);
    assert_eq!(site.page("page/15/index.html").count(".page-list li"), 20);
    assert!(!site.public().join("page/16").exists());
}

#[test]
fn an_article_of_three_sections_or_more_has_its_contents() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n");
    article(
        &site,
        "long",
        "title = \"Long\"",
        "## One\n\nText.\n\n### One, in part\n\nText.\n\n## Two `code`\n\nText.\n\n## Three {#third}\n\nText.\n",
    );
    article(
        &site,
        "short",
        "title = \"Short\"",
        "## One\n\nText.\n\n## Two\n\nText.\n",
    );
    article(
        &site,
        "off",
        "title = \"Off\"\ntoc = false",
        "## One\n\n## Two\n\n## Three\n",
    );
    site.build_ok(&[]);
    let long = site.page("articles/long/index.html");
    assert_eq!(long.attr("nav.toc", "aria-labelledby"), "toc-heading");
    assert_eq!(
        long.attrs(".toc a", "href"),
        ["#one", "#one-in-part", "#two-code", "#third"]
    );
    assert_eq!(
        long.texts(".toc a"),
        ["One", "One, in part", "Two code", "Three"]
    );
    assert_eq!(long.attrs(".toc li", "class")[1], "toc-h3");
    // Every link leads to a heading of the page.
    for href in long.attrs(".toc a", "href") {
        assert_eq!(long.count(&format!("h2{href}, h3{href}")), 1, "{href}");
    }
    assert_eq!(site.page("articles/short/index.html").count(".toc"), 0);
    assert_eq!(site.page("articles/off/index.html").count(".toc"), 0);
}

#[test]
fn bad_series_tags_and_paging_are_all_reported_in_one_run() {
    let site = Site::empty();
    site.write("site.toml", "title = \"P\"\n\n[lists]\nper_page = 0\n");
    article(
        &site,
        "a",
        "title = \"A\"\nseries = \"S\"\nseries_part = 1",
        "T.",
    );
    article(
        &site,
        "b",
        "title = \"B\"\nseries = \"S\"\nseries_part = 1",
        "T.",
    );
    article(&site, "c", "title = \"C\"\nseries_part = 2", "T.");
    article(
        &site,
        "d",
        "title = \"D\"\nseries = \"S\"\nseries_part = -1",
        "T.",
    );
    article(&site, "e", "title = \"E\"\ntags = \"Iran\"", "T.");
    article(&site, "f", "title = \"F\"\ntags = [\"Iran\", 3]", "T.");
    site.write("content/articles/page/2.md", "+++\ntitle = \"G\"\n+++\n");
    site.write("content/tags/iran.md", "+++\ntitle = \"H\"\n+++\n");
    let run = site.build(&[]);
    run.assert_failed();
    for expected in [
        "site.toml:4:12: error: `per_page` must be a number from 1 to 10000",
        "content/articles/b.md:4:15: error: this article and content/articles/a.md are both part 1 of the series “S”",
        "content/articles/c.md:3:15: error: `series_part` is given without a `series`",
        "content/articles/d.md:4:15: error: a series' parts are numbered from 1",
        "content/articles/e.md:3:8: error:",
        "content/articles/f.md:3:",
        "content/articles/page/2.md: error: this file maps to /articles/page/2/, where the build writes a page of a list",
        "content/tags/iran.md: error: this file maps to /tags/iran/, where the build writes its own page",
    ] {
        run.assert_stderr_has(expected);
    }
    assert!(!site.public().exists(), "nothing is written");
}
