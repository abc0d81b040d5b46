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

/// A site of three articles: one naming its authors, translator and editor,
/// updated and corrected; one naming its author alone; one naming no one.
fn versions_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"P\"\nbase_url = \"https://example.org/\"\nauthor = \"A. Historian\"\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"The parliament.\"\n+++\nThe parliament.\n",
    );
    article(
        &site,
        "versioned",
        "title = \"The siege\"\ndate = 2025-03-01\nupdated = 2025-05-03\n\
         authors = [\n  { name = \"Janet Afary\" },\n  { name = \"Ervand Abrahamian\", role = \"author\" },\n  \
         { name = \"Ahmad Kasravi\", role = \"translator\" },\n  { name = \"Edward G. Browne\", role = \"Editor\" },\n]\n\n\
         [[corrections]]\ndate = 2025-04-02\ntext = \"The *majlis* sat in Tehran, not Tabriz.\"\n\n\
         [[corrections]]\ndate = 2025-03-20\ntext = \"A misprinted year.\"",
        "Text.",
    );
    article(
        &site,
        "single",
        "title = \"Alone\"\ndate = 2025-02-01\nauthor = \"Single Writer\"",
        "Text.",
    );
    article(
        &site,
        "bare",
        "title = \"Bare\"\ndate = 2025-01-01",
        "Text.",
    );
    // A correction later than `updated` is the last change.
    article(
        &site,
        "late",
        "title = \"Late\"\ndate = 2024-12-01\nupdated = 2025-01-05\n\
         [[authors]]\nname = \"Kasravi\"\nrole = \"translator\"\n\n\
         [[corrections]]\ndate = 2025-06-07\ntext = \"Fixed.\"",
        "Text.",
    );
    site
}

/// The feed entry of the article at `url`.
fn entry<'a>(feed: &'a str, url: &str) -> &'a str {
    (feed.split("<entry>"))
        .find(|e| e.contains(&format!("<id>{url}</id>")))
        .unwrap_or_else(|| panic!("an entry for {url}"))
}

#[test]
fn authors_updates_and_corrections_show_on_the_page() {
    let site = versions_site();
    site.build_ok(&[]);
    let page = site.page("articles/versioned/index.html");
    assert_eq!(
        page.text(".byline"),
        "By Janet Afary and Ervand Abrahamian · Translated by Ahmad Kasravi · Edited by Edward G. Browne"
    );
    assert_eq!(
        page.text(".date"),
        "1 March 2025 · Updated 3 May 2025 · 2 corrections"
    );
    assert_eq!(page.attr(".date .updated time", "datetime"), "2025-05-03");
    assert_eq!(page.attr(".date a", "href"), "#corrections");
    // Oldest first, each dated, its Markdown rendered with term links.
    assert_eq!(page.text("#corrections h2"), "Corrections");
    assert_eq!(
        page.attrs("#corrections li time", "datetime"),
        ["2025-03-20", "2025-04-02"]
    );
    assert_eq!(
        page.attrs("#corrections li", "id"),
        ["correction-1", "correction-2"]
    );
    let second = page.one("#correction-2");
    assert_eq!(
        common::term_links(second),
        [("majlis".to_string(), "majlis".to_string())]
    );
    assert_eq!(
        common::text(second).trim(),
        "2 April 2025\nThe majlis sat in Tehran, not Tabriz."
    );
    // The corrections come after the text.
    let html = &page.source;
    assert!(html.find("<p>Text.</p>") < html.find("id=\"corrections\""));
    // One correction is said so.
    let late = site.page("articles/late/index.html");
    assert_eq!(late.text(".byline"), "Translated by Kasravi");
    assert_eq!(
        late.text(".date"),
        "1 December 2024 · Updated 7 June 2025 · 1 correction"
    );
    // Without these keys, nothing of them: a lone `author` is no byline.
    for name in ["single", "bare"] {
        let page = site.page(&format!("articles/{name}/index.html"));
        assert_eq!(page.count(".byline, .updated, #corrections"), 0, "{name}");
        assert_eq!(page.count(".date a"), 0, "{name}");
    }
}

#[test]
fn authors_updates_and_corrections_in_the_feed_json_ld_and_sitemap() {
    let site = versions_site();
    site.build_ok(&[]);
    let ld = site.page("articles/versioned/index.html").json_ld();
    assert_eq!(ld["datePublished"], "2025-03-01");
    assert_eq!(ld["dateModified"], "2025-05-03");
    let names = |v: &serde_json::Value| -> Vec<String> {
        (v.as_array().expect("a list of people").iter())
            .map(|p| {
                assert_eq!(p["@type"], "Person");
                p["name"].as_str().unwrap().to_string()
            })
            .collect()
    };
    assert_eq!(names(&ld["author"]), ["Janet Afary", "Ervand Abrahamian"]);
    assert_eq!(ld["translator"]["name"], "Ahmad Kasravi");
    assert_eq!(ld["editor"]["name"], "Edward G. Browne");
    let page = site.page("articles/versioned/index.html");
    assert_eq!(
        page.attrs("meta[name=citation_author]", "content"),
        ["Janet Afary", "Ervand Abrahamian"]
    );
    assert_eq!(
        page.attr("meta[property='article:modified_time']", "content"),
        "2025-05-03"
    );
    // The latest correction is the last change when it is later.
    let ld = site.page("articles/late/index.html").json_ld();
    assert_eq!(ld["dateModified"], "2025-06-07");
    assert_eq!(ld["translator"]["name"], "Kasravi");
    assert_eq!(ld.get("author"), None, "a translation of no one's");
    // The single author as before; none given, the site's.
    let ld = site.page("articles/single/index.html").json_ld();
    assert_eq!(ld["author"]["name"], "Single Writer");
    assert_eq!(ld.get("dateModified"), None);
    let ld = site.page("articles/bare/index.html").json_ld();
    assert_eq!(ld["author"]["name"], "A. Historian");

    let feed = site.read("atom.xml");
    let versioned = entry(&feed, "https://example.org/articles/versioned/");
    assert_eq!(
        common::xml_values(versioned, "updated"),
        ["2025-05-03T00:00:00Z"]
    );
    assert_eq!(
        common::xml_values(versioned, "published"),
        ["2025-03-01T00:00:00Z"]
    );
    assert_eq!(
        common::xml_values(versioned, "author"),
        ["<name>Janet Afary</name>", "<name>Ervand Abrahamian</name>"]
    );
    assert_eq!(
        common::xml_values(versioned, "contributor"),
        [
            "<name>Ahmad Kasravi</name>",
            "<name>Edward G. Browne</name>"
        ]
    );
    // The corrections follow the text, oldest first, their links whole.
    let content = &versioned[versioned.find("<content").unwrap()..];
    let (text, fixes) = content
        .split_once("&lt;h2&gt;Corrections&lt;/h2&gt;")
        .expect("corrections");
    assert!(text.contains("Text."), "{content}");
    assert!(
        fixes.find("2025-03-20") < fixes.find("2025-04-02")
            && fixes.contains("href=&quot;https://example.org/glossary/majlis/&quot;"),
        "{fixes}"
    );
    let late = entry(&feed, "https://example.org/articles/late/");
    assert_eq!(
        common::xml_values(late, "updated"),
        ["2025-06-07T00:00:00Z"]
    );
    let single = entry(&feed, "https://example.org/articles/single/");
    assert_eq!(
        common::xml_values(single, "author"),
        ["<name>Single Writer</name>"]
    );
    // An entry naming no one has the feed's author.
    let bare = entry(&feed, "https://example.org/articles/bare/");
    assert!(!bare.contains("<author>"), "{bare}");
    // The feed changed when its latest entry did.
    let head = &feed[..feed.find("<entry>").unwrap()];
    assert_eq!(
        common::xml_values(head, "updated"),
        ["2025-06-07T00:00:00Z"]
    );

    let sitemap = site.read("sitemap.xml");
    for (url, lastmod) in [
        ("articles/versioned/", "2025-05-03"),
        ("articles/late/", "2025-06-07"),
        ("articles/bare/", "2025-01-01"),
    ] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.org/{url}</loc><lastmod>{lastmod}</lastmod>"
            )),
            "{url}: {sitemap}"
        );
    }
}

#[test]
fn how_to_cite_names_every_author_and_the_last_change() {
    let site = versions_site();
    site.build_ok(&[]);
    let page = site.page("articles/versioned/index.html");
    assert_eq!(
        page.text(".cite-chicago"),
        "Afary, Janet, and Ervand Abrahamian. “The Siege.” Translated by Ahmad Kasravi. \
         Edited by Edward G. Browne. P, March 1, 2025. Last modified May 3, 2025. \
         https://example.org/articles/versioned/."
    );
    let bibtex = page.text(".cite-bibtex");
    for line in [
        "@online{afary2025siege,",
        "author = {Janet Afary and Ervand Abrahamian},",
        "translator = {Ahmad Kasravi},",
        "editor = {Edward G. Browne},",
        "date = {2025-03-01},",
        "note = {Last modified May 3, 2025},",
    ] {
        assert!(bibtex.contains(line), "{line}\n{bibtex}");
    }
    let late = site.page("articles/late/index.html");
    assert_eq!(
        late.text(".cite-chicago"),
        "“Late.” Translated by Kasravi. P, December 1, 2024. Last modified June 7, 2025. \
         https://example.org/articles/late/."
    );
    // One author, and no change: as it always was.
    let single = site.page("articles/single/index.html");
    assert_eq!(
        single.text(".cite-chicago"),
        "Writer, Single. “Alone.” P, February 1, 2025. https://example.org/articles/single/."
    );
    assert!(!single.text(".cite-bibtex").contains("note"));
    // Three authors, Chicago's way.
    article(
        &site,
        "three",
        "title = \"Three\"\ndate = 2025-02-01\nauthors = [{ name = \"Ann Ash\" }, { name = \"Bo Birch\" }, { name = \"Cy Cedar\" }]",
        "Text.",
    );
    site.build_ok(&[]);
    let three = site.page("articles/three/index.html");
    assert!(
        three
            .text(".cite-chicago")
            .starts_with("Ash, Ann, Bo Birch, and Cy Cedar. “Three.”"),
        "{}",
        three.text(".cite-chicago")
    );
    assert_eq!(three.text(".byline"), "By Ann Ash, Bo Birch and Cy Cedar");
    assert!(
        three
            .text(".cite-bibtex")
            .contains("author = {Ann Ash and Bo Birch and Cy Cedar},")
    );
}

#[test]
fn bad_authors_updates_and_corrections_are_all_reported_in_one_run() {
    let site = versions_site();
    article(
        &site,
        "bad",
        "title = \"Bad\"\ndate = 2025-03-01\nupdated = 2025-02-01\nauthor = \"X\"\n\
         authors = [{ name = \" \" }, { name = \"B\", role = \"translater\" }]\n\n\
         [[corrections]]\ntext = \"No date.\"\n\n\
         [[corrections]]\ndate = 2025-01-01\ntext = \"\"\n\n\
         [[corrections]]\ndate = \"2025-02-30\"\ntext = \"An impossible day.\"",
        "Text.",
    );
    article(
        &site,
        "worse",
        "title = \"Worse\"\nauthors = []\n\n[[corrections]]\ndate = 2025-01-01",
        "Text.",
    );
    // A problem inside a correction's Markdown is at its text.
    article(
        &site,
        "linked",
        "title = \"Linked\"\n\n[[corrections]]\ndate = 2025-01-01\ntext = \"See [[nowhere]].\"",
        "Text.",
    );
    // A note or a heading there would share the body's numbers and ids.
    article(
        &site,
        "noted",
        "title = \"Noted\"\n\n[[corrections]]\ndate = 2025-01-01\ntext = \"Fixed.[^1]\\n\\n[^1]: A note.\"",
        "Text.",
    );
    // So would a figure: a picture alone in its paragraph is one.
    site.write(
        "static/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>",
    );
    article(
        &site,
        "pictured",
        "title = \"Pictured\"\n\n[[corrections]]\ndate = 2025-01-01\ntext = \"![A map](/map.svg)\"",
        "Text.",
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_no_panic();
    for expected in [
        "content/articles/noted.md:6:8: error: a correction's text has a note",
        "content/articles/pictured.md:6:8: error: a correction's text has a picture",
        "content/articles/bad.md:4:11: error: the article is updated on 1 February 2025, before its date, 1 March 2025",
        "content/articles/bad.md:5:10: error: `author` and `authors` are both given",
        "content/articles/bad.md:6:21: error: a name in `authors` is empty",
        "content/articles/bad.md:6:49: error: unknown role `translater`",
        "content/articles/bad.md:8:1: error: the correction has no date",
        "content/articles/bad.md:12:8: error: the correction is dated 1 January 2025, before the article's date, 1 March 2025",
        "content/articles/bad.md:13:8: error: the correction's text is empty",
        "content/articles/bad.md:16:8: error: date `2025-02-30` is not a date in the form 2025-03-01",
        "content/articles/worse.md:3:11: error: `authors` names no one",
        "content/articles/worse.md:5:1: error: the correction has no text",
        "content/articles/linked.md:6:8: error: `[[nowhere]]` matches no glossary term",
    ] {
        run.assert_stderr_has(expected);
    }
    run.assert_stderr_has("did you mean `translator`?");
    assert_eq!(run.error_lines().len(), 13, "{run}");
    assert!(!site.public().exists(), "nothing is written");
}
