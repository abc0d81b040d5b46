//! Dates and the timeline: `/timeline/` lists every event of every article
//! and term, and the births and deaths of people, in order, each linked to
//! its page; articles show their "Key dates", terms their dates, people
//! their life dates; Hijri years appear only when `[timeline] hijri` is on;
//! bad dates are errors pointing into the file.

mod common;

use common::{Page, Run, Site, select_in, text};

/// The `timeline` fixture, built.
fn built(extra: &[(&str, &str)]) -> Site {
    let site = Site::fixture("timeline");
    for (path, contents) in extra {
        site.write(path, contents);
    }
    site.build_ok(&[]);
    site
}

/// Each entry of the timeline: its link's text and target.
fn entries(page: &Page) -> Vec<(String, String)> {
    page.select("ol.timeline > li")
        .into_iter()
        .map(|li| {
            let link = select_in(li, "a")[0];
            (text(link), link.attr("href").unwrap().to_string())
        })
        .collect()
}

/// The text of each `li` matching `css` after its date.
fn labels(page: &Page, css: &str) -> Vec<String> {
    page.select(css)
        .into_iter()
        .map(|li| {
            let when = text(select_in(li, ".when")[0]);
            text(li).replacen(&when, "", 1).trim().to_string()
        })
        .collect()
}

/// The text of the date part alone (no Hijri years) of each entry.
fn dates(page: &Page, css: &str) -> Vec<String> {
    page.select(css)
        .into_iter()
        .map(|when| {
            let hijri: String = select_in(when, ".hijri").into_iter().map(text).collect();
            text(when).replace(&hijri, "").trim().to_string()
        })
        .collect()
}

const SIEGE: &str = "/articles/siege/";
const SHAH: &str = "/glossary/mohammad-ali-shah/";

#[test]
fn the_timeline_lists_every_event_in_order_linked_to_its_page() {
    let site = built(&[]);
    let page = site.page("timeline/index.html");
    let found = entries(&page);
    let expected = [
        ("Birth of Mohammad Ali Shah", SHAH),
        ("The Constitutional Revolution", SIEGE),
        ("Signed in St Petersburg", "/glossary/convention/"),
        ("Rebels hold the city", SIEGE),
        ("A year of sieges", SIEGE),
        ("The last week of the siege", SIEGE),
        ("Tabriz falls", SIEGE),
        ("Deposed", SHAH),
        ("Death of Mohammad Ali Shah", SHAH),
    ];
    let expected: Vec<(String, String)> = (expected.iter())
        .map(|(l, h)| (l.to_string(), h.to_string()))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(
        dates(&page, "ol.timeline .when"),
        [
            "21 June 1872",
            "1905–1911",
            "31 August 1907",
            "October 1908",
            "1909",
            "23–29 April 1909",
            "29 April 1909",
            "July 1909",
            "5 April 1925",
        ]
    );
    // Grouped by year, under headings the groups are labelled by.
    assert_eq!(
        page.texts("section.timeline-group > h2"),
        ["1872", "1905", "1907", "1908", "1909", "1925"]
    );
    for section in page.select("section.timeline-group") {
        let heading = select_in(section, "h2")[0];
        assert_eq!(
            section.attr("aria-labelledby"),
            heading.attr("id"),
            "{}",
            section.html()
        );
    }
    // Machine-readable dates, two for a range.
    assert_eq!(
        page.attrs("ol.timeline time", "datetime"),
        [
            "1872-06-21",
            "1905",
            "1911",
            "1907-08-31",
            "1908-10",
            "1909",
            "1909-04-23",
            "1909-04-29",
            "1909-04-29",
            "1909-07",
            "1925-04-05",
        ]
    );
    // An event names the page it comes from; the page's title is in the entry.
    let convention = page.containing("ol.timeline > li", "St Petersburg");
    assert_eq!(
        text(select_in(convention, "cite")[0]),
        "Anglo-Russian Convention"
    );
    // The page is in the navigation, the sitemap, and named in the head.
    assert_eq!(page.text("title"), "Timeline · Dates");
    assert_eq!(page.text("h1"), "Timeline");
    let home = site.page("index.html");
    assert_eq!(home.attr("nav a[href='/timeline/']", "href"), "/timeline/");
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/timeline/</loc>"),
        "{}",
        site.read("sitemap.xml")
    );
}

#[test]
fn before_the_common_era_the_timeline_goes_by_century_without_datetime() {
    let ancient = "+++\ntitle = \"Antiquity\"\n\n\
                   [[events]]\ndate = \"0044-03-15 BCE\"\nlabel = \"Caesar is killed\"\n\n\
                   [[events]]\ndate = \"330 BCE\"\nlabel = \"Persepolis burns\"\n\n\
                   [[events]]\ndate = \"331 BC\"\nend = \"330 BCE\"\nlabel = \"Alexander in Persia\"\n+++\nOld.\n";
    let site = built(&[("content/articles/ancient.md", ancient)]);
    let page = site.page("timeline/index.html");
    assert_eq!(
        page.texts("section.timeline-group > h2"),
        [
            "4th century BCE",
            "1st century BCE",
            "19th century",
            "20th century"
        ]
    );
    let shown = dates(&page, "ol.timeline .when");
    assert_eq!(
        shown[..3],
        ["331–330 BCE", "330 BCE", "15 March 44 BCE"],
        "{shown:?}"
    );
    // `datetime` cannot hold a year before 1 CE: those dates are plain text.
    for li in page.select("ol.timeline > li").into_iter().take(3) {
        assert!(select_in(li, "time").is_empty(), "{}", li.html());
    }
    let first_ce = page.select("ol.timeline > li")[3];
    assert_eq!(select_in(first_ce, "time").len(), 1);
}

#[test]
fn the_article_shows_its_key_dates_in_order() {
    let site = built(&[]);
    let page = site.page("articles/siege/index.html");
    let aside = page.one("aside.key-dates");
    assert_eq!(aside.attr("aria-labelledby"), Some("key-dates-heading"));
    assert_eq!(page.text("#key-dates-heading"), "Key dates");
    assert_eq!(
        dates(&page, "aside.key-dates li .when"),
        [
            "1905–1911",
            "October 1908",
            "1909",
            "23–29 April 1909",
            "29 April 1909"
        ]
    );
    assert_eq!(
        labels(&page, "aside.key-dates li"),
        [
            "The Constitutional Revolution",
            "Rebels hold the city",
            "A year of sieges",
            "The last week of the siege",
            "Tabriz falls"
        ]
    );
    // Only the article's own events: not the term's.
    assert!(!text(aside).contains("Deposed"));
    assert_eq!(page.attr("aside.key-dates .more a", "href"), "/timeline/");
    // An article without events has no box.
    let undated = site.page("articles/undated/index.html");
    assert_eq!(undated.count(".key-dates"), 0);
}

#[test]
fn a_person_shows_life_dates_and_a_term_its_dates() {
    let site = built(&[]);
    let page = site.page("glossary/mohammad-ali-shah/index.html");
    assert_eq!(page.text("p.life"), "21 June 1872 – 5 April 1925");
    assert_eq!(
        page.attrs("p.life time", "datetime"),
        ["1872-06-21", "1925-04-05"]
    );
    assert_eq!(dates(&page, ".key-dates li .when"), ["July 1909"]);
    assert_eq!(labels(&page, ".key-dates li"), ["Deposed"]);
    assert_eq!(page.text("#dates-heading"), "Dates");
    // The glossary gives people's years beside their names.
    let glossary = site.page("glossary/index.html");
    let shah = glossary.containing("dl.glossary dt", "Mohammad Ali Shah");
    assert_eq!(text(select_in(shah, ".years")[0]), "(1872–1925)");
    let convention = glossary.containing("dl.glossary dt", "Convention");
    assert!(select_in(convention, ".years").is_empty());
    // Only born or only died.
    let site = built(&[(
        "content/glossary/mohammad-ali-shah.md",
        "+++\ntitle = \"Mohammad Ali Shah\"\nborn = \"1872\"\n+++\nText.\n",
    )]);
    let page = site.page("glossary/mohammad-ali-shah/index.html");
    assert_eq!(page.text("p.life"), "Born 1872");
    assert_eq!(page.count(".key-dates"), 0);
}

#[test]
fn hijri_years_appear_only_when_switched_on() {
    let off = built(&[]);
    for page in [
        "timeline/index.html",
        "articles/siege/index.html",
        "glossary/mohammad-ali-shah/index.html",
    ] {
        assert_eq!(off.page(page).count(".hijri"), 0, "{page}");
        assert!(!off.read(page).contains(" AH"), "{page}");
    }
    let on = built(&[(
        "site.toml",
        "title = \"Dates\"\nbase_url = \"https://example.org/\"\n\n[timeline]\nhijri = true\n",
    )]);
    let page = on.page("timeline/index.html");
    let hijri: Vec<String> = page
        .select("ol.timeline > li")
        .into_iter()
        .map(|li| select_in(li, ".hijri").into_iter().map(text).collect())
        .collect();
    assert_eq!(
        hijri,
        [
            "1251 SH, 1289 AH",
            "1283–1290 SH, 1322–1330 AH",
            "1286 SH, 1325 AH",
            "1287 SH, 1326 AH",
            "1287–1288 SH, 1326–1327 AH",
            "1288 SH, 1327 AH",
            "1288 SH, 1327 AH",
            "1288 SH, 1327 AH",
            "1304 SH, 1343 AH",
        ]
    );
    assert_eq!(
        page.attrs(".hijri abbr", "title")[..2],
        ["Solar Hijri", "Lunar Hijri"]
    );
    let article = on.page("articles/siege/index.html");
    assert_eq!(article.count("aside.key-dates .hijri"), 5);
    // Nothing before the Hijra.
    let ancient = "+++\ntitle = \"Antiquity\"\n[[events]]\ndate = \"330 BCE\"\nlabel = \"Persepolis burns\"\n+++\n";
    let on = built(&[
        (
            "site.toml",
            "title = \"Dates\"\nbase_url = \"https://example.org/\"\n[timeline]\nhijri = true\n",
        ),
        ("content/articles/ancient.md", ancient),
    ]);
    let page = on.page("timeline/index.html");
    let first = page.select("ol.timeline > li")[0];
    assert!(text(first).contains("Persepolis"));
    assert!(select_in(first, ".hijri").is_empty(), "{}", first.html());
}

#[test]
fn a_site_without_dates_has_no_timeline_unless_it_gives_one_text() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    assert!(!site.public().join("timeline").exists());
    assert_eq!(site.page("index.html").count("a[href='/timeline/']"), 0);
    assert!(!site.read("sitemap.xml").contains("/timeline/"));
    // `content/timeline/_index.md` gives the page its title and text.
    site.write(
        "content/timeline/_index.md",
        "+++\ntitle = \"Chronology\"\n+++\nWhat happened when.\n",
    );
    site.build_ok(&[]);
    let page = site.page("timeline/index.html");
    assert_eq!(page.text("h1"), "Chronology");
    assert!(page.text(".intro").contains("What happened when."));
    assert_eq!(page.text("main > p"), "No dated events yet.");
}

/// Builds the fixture with the files given and asserts it fails, with
/// exactly the errors at `locations` (`path:line:col`), each with help.
fn fails_at(files: &[(&str, &str)], locations: &[&str]) -> Run {
    let site = Site::fixture("timeline");
    for (path, contents) in files {
        site.write(path, contents);
    }
    let run = site.build(&[]);
    run.assert_failed();
    let errors = run.error_lines();
    let at: Vec<&str> = errors
        .iter()
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(at, locations, "{run}");
    assert_eq!(
        run.stderr.matches("= help:").count(),
        locations.len(),
        "each error has help\n{run}"
    );
    assert!(!site.public().exists(), "a failed build wrote output");
    run
}

const BAD: &str = "content/articles/bad.md";

#[test]
fn an_impossible_date_is_an_error_at_its_place() {
    let run = fails_at(
        &[(
            BAD,
            "+++\ntitle = \"Bad\"\n\n[[events]]\ndate = \"1909-02-30\"\nlabel = \"x\"\n+++\n",
        )],
        &["content/articles/bad.md:5:8"],
    );
    run.assert_stderr_has("February 1909 has no day 30: it has 28 days");
}

#[test]
fn an_event_ending_before_it_begins_is_an_error_at_its_end() {
    let run = fails_at(
        &[(
            BAD,
            "+++\ntitle = \"Bad\"\n\n[[events]]\ndate = 1911\nend = 1905\nlabel = \"x\"\n+++\n",
        )],
        &["content/articles/bad.md:6:7"],
    );
    run.assert_stderr_has("`end` (1905) must come after `date` (1911)");
    run.assert_stderr_has("did `date` and `end` change places?");
}

#[test]
fn every_bad_date_of_a_run_is_reported_at_once() {
    let run = fails_at(
        &[
            (
                BAD,
                "+++\ntitle = \"Bad\"\n\n[[events]]\ndate = \"-330\"\nlabel = \"x\"\n\n\
                 [[events]]\ndate = \"June 1908\"\nlabel = \"y\"\n+++\n",
            ),
            (
                "content/glossary/mohammad-ali-shah.md",
                "+++\ntitle = \"Mohammad Ali Shah\"\nborn = 1925\ndied = 1872-06-21\n+++\n",
            ),
        ],
        &[
            "content/articles/bad.md:5:8",
            "content/articles/bad.md:9:8",
            "content/glossary/mohammad-ali-shah.md:4:8",
        ],
    );
    run.assert_stderr_has("a year with a minus sign is ambiguous");
    run.assert_stderr_has("write a year before the common era with BCE");
    run.assert_stderr_has("`June 1908` is not a date");
    run.assert_stderr_has("`died` (21 June 1872) comes before `born` (1925)");
}

#[test]
fn the_timeline_page_is_reserved() {
    let site = Site::fixture("timeline");
    site.write("content/timeline.md", "+++\ntitle = \"Mine\"\n+++\n");
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("content/timeline.md: error: this file maps to /timeline/");
    run.assert_stderr_has("write content/timeline/_index.md");
}
