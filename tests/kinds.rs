//! People, places and organisations: a term's kind groups the glossary and
//! types its page, a Wikidata id links it to the same thing elsewhere, and
//! the credits page lists every picture with who made it.

mod common;

use common::{Page, Site};

/// A term file with the given extra front matter.
fn term(title: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nsummary = \"About {title}.\"\n{extra}\n+++\n{title} is a term.\n"
    )
}

/// `minimal` with these terms (slug, title, extra front matter).
fn site_with_terms(terms: &[(&str, &str, &str)]) -> Site {
    let site = Site::fixture("minimal");
    for (slug, title, extra) in terms {
        site.write(&format!("content/glossary/{slug}.md"), term(title, extra));
    }
    site
}

fn kinded() -> Site {
    site_with_terms(&[
        (
            "tehran",
            "Tehran",
            "kind = \"place\"\nlat = 35.689\nlon = 51.389\nwikidata = \"Q3616\"",
        ),
        ("tabriz", "Tabriz", "kind = \"place\""),
        (
            "shah",
            "Mohammad Ali Shah",
            "kind = \"person\"\nborn = 1872-06-21\ndied = \"1925\"",
        ),
        ("majlis", "Majlis", "kind = \"organization\""),
        ("tyranny", "Minor Tyranny", "kind = \"event\""),
        ("despotism", "Despotism", ""),
    ])
}

/// The group ids of the glossary page and the titles in each, in order.
fn groups(page: &Page) -> Vec<(String, Vec<String>)> {
    page.select("main section.kind")
        .into_iter()
        .map(|section| {
            let id = section.value().attr("id").unwrap().to_string();
            let titles = Page::parse(section.html()).texts("dt a");
            (id, titles)
        })
        .collect()
}

#[test]
fn the_glossary_groups_terms_by_kind_in_a_fixed_order_each_a_to_z() {
    let site = kinded();
    site.build_ok(&[]);
    let glossary = site.page("glossary/index.html");
    let expected = [
        ("kind-person", vec!["Mohammad Ali Shah"]),
        ("kind-place", vec!["Tabriz", "Tehran"]),
        ("kind-organisation", vec!["Majlis"]),
        ("kind-event", vec!["Minor Tyranny"]),
        ("kind-other", vec!["Despotism"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .into_iter()
        .map(|(id, titles)| {
            (
                id.to_string(),
                titles.into_iter().map(String::from).collect(),
            )
        })
        .collect();
    assert_eq!(groups(&glossary), expected);
    let headings = glossary.texts("main section.kind h2");
    assert_eq!(
        headings,
        ["People", "Places", "Organisations", "Events", "Other terms"]
    );
    // The filter links: "All" targets the wrapper of every group, and each
    // other link one group, so without a script they still lead somewhere.
    let targets = glossary.attrs("nav.kinds a", "href");
    assert_eq!(targets[0], "#kind-all");
    assert_eq!(glossary.count("#kind-all > section.kind"), 5);
    for (target, (id, _)) in targets[1..].iter().zip(&expected) {
        assert_eq!(target, &format!("#{id}"));
    }
    assert_eq!(glossary.texts("nav.kinds a")[2], "Places (2)");
    // Grouped by kind, the letters are not shown as well.
    assert_eq!(glossary.count("nav.letters"), 0);
}

#[test]
fn a_glossary_without_kinds_stays_a_to_z_by_letter() {
    let site = site_with_terms(&[("tehran", "Tehran", ""), ("ardabil", "Ardabil", "")]);
    site.build_ok(&[]);
    let glossary = site.page("glossary/index.html");
    assert_eq!(glossary.count("nav.kinds"), 0);
    assert_eq!(glossary.texts("main section.letter h2"), ["A", "T"]);
}

#[test]
fn a_term_page_names_its_kind_and_links_its_wikidata_item() {
    let site = kinded();
    site.build_ok(&[]);
    let tehran = site.page("glossary/tehran/index.html");
    assert_eq!(
        tehran.attrs("main header .label a", "href"),
        ["/glossary/", "/glossary/#kind-place"]
    );
    assert_eq!(tehran.text("main header .label a:nth-of-type(2)"), "Place");
    assert_eq!(
        tehran.attr(".elsewhere a", "href"),
        "https://www.wikidata.org/wiki/Q3616"
    );

    let ld = tehran.json_ld();
    assert_eq!(ld["@type"], serde_json::json!(["DefinedTerm", "Place"]));
    assert_eq!(ld["sameAs"], "https://www.wikidata.org/wiki/Q3616");
    assert_eq!(ld["geo"]["latitude"], 35.689);
    assert_eq!(ld["geo"]["longitude"], 51.389);

    let data: serde_json::Value = serde_json::from_str(&site.read("glossary.json")).unwrap();
    let record = |slug: &str| {
        (data["terms"].as_array().unwrap().iter())
            .find(|t| t["slug"] == slug)
            .unwrap()
            .clone()
    };
    let tehran = record("tehran");
    assert_eq!(tehran["kind"], "place");
    assert_eq!(tehran["wikidata"], "Q3616");
    assert_eq!(tehran["coordinates"], serde_json::json!([35.689, 51.389]));
    let despotism = record("despotism");
    for field in ["kind", "wikidata", "coordinates"] {
        assert!(
            despotism.get(field).is_none(),
            "{field} is left out when not given"
        );
    }

    let shah = site.page("glossary/shah/index.html").json_ld();
    assert_eq!(shah["@type"], serde_json::json!(["DefinedTerm", "Person"]));
    assert_eq!(shah["birthDate"], "1872-06-21");
    assert_eq!(shah["deathDate"], "1925");
    assert!(shah.get("geo").is_none());

    // Organisation is schema.org's spelling whichever the author used.
    let majlis = site.page("glossary/majlis/index.html").json_ld();
    assert_eq!(
        majlis["@type"],
        serde_json::json!(["DefinedTerm", "Organization"])
    );
    assert!(majlis.get("sameAs").is_none());
    // A term of no kind, or a concept, is only a defined term.
    let despotism = site.page("glossary/despotism/index.html");
    assert_eq!(despotism.json_ld()["@type"], "DefinedTerm");
    assert_eq!(despotism.count("main header .label a"), 1);
    assert_eq!(despotism.count(".elsewhere"), 0);
}

/// Builds and returns the error lines, asserting a failure with `errors` of them.
fn errors(site: &Site, errors: usize) -> Vec<String> {
    let run = site.build(&[]);
    run.assert_failed();
    let lines: Vec<String> = run.error_lines().into_iter().map(String::from).collect();
    assert_eq!(lines.len(), errors, "{run}");
    lines
}

#[test]
fn coordinates_and_wikidata_ids_are_checked_with_their_lines() {
    let site = site_with_terms(&[
        ("north", "North", "lat = 91.5\nlon = 10"),
        ("half", "Half", "lon = 44.2"),
        (
            "wiki",
            "Wiki",
            "wikidata = \"https://www.wikidata.org/wiki/Q3616\"",
        ),
        ("kind", "Kind", "kind = \"city\""),
    ]);
    let lines = errors(&site, 4);
    let find = |location: &str| {
        (lines.iter())
            .find(|l| l.starts_with(location))
            .unwrap_or_else(|| panic!("an error at {location}: {lines:#?}"))
            .clone()
    };
    assert!(find("content/glossary/north.md:4:7").contains("`lat` must lie between -90 and 90"));
    assert!(find("content/glossary/half.md:4:7").contains("`lon` is given without `lat`"));
    assert!(find("content/glossary/wiki.md:4:12").contains("is not a Wikidata id"));
    let kind = find("content/glossary/kind.md:4:8");
    assert!(kind.contains("unknown variant `city`"), "{kind}");
}

#[test]
fn the_credits_page_lists_every_photo_with_its_credit_source_and_licence() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/second.md",
        "+++\ntitle = \"A second article\"\ndate = 2025-04-01\n\n[photo]\nsrc = \"images/map.svg\"\nalt = \"The walls in 1909\"\ncredit = \"An archive\"\nlicense = \"CC BY 4.0\"\n+++\nText.\n",
    );
    site.write(
        "content/articles/plain.md",
        "+++\ntitle = \"No picture\"\n+++\nText.\n",
    );
    site.build_ok(&[]);
    let credits = site.page("credits/index.html");
    let items = credits.select("ul.figure-credits > li");
    // Each photo, credited by its page; then the same picture as the body
    // of the siege article shows it, with no credit.
    assert_eq!(
        items.len(),
        3,
        "one entry per photo, one for the image in a body, none for the article without"
    );
    let entries: Vec<Page> = items.into_iter().map(|li| Page::parse(li.html())).collect();
    // Newest article first, as lists show them.
    assert_eq!(entries[0].text(".figure-description"), "The walls in 1909");
    assert_eq!(entries[0].attr("dd a", "href"), "/articles/second/");
    assert_eq!(
        entries[0].texts("dd"),
        [
            "A second article",
            "An archive",
            "not given",
            "CC BY 4.0",
            "static/images/map.svg"
        ]
    );
    assert_eq!(
        entries[1].text(".figure-description"),
        "A sketch map of the city"
    );
    assert_eq!(
        entries[1].attrs("dd a", "href"),
        ["/articles/siege/", "https://example.com/photo"]
    );
    assert_eq!(entries[1].texts("dd")[1], "Jane Doe / Example Archive");
    assert_eq!(entries[1].attr("img", "src"), "/images/map.svg");
    assert_eq!(entries[2].text(".figure-description"), "Sketch");
    assert_eq!(
        entries[2].texts("dd"),
        [
            "The Siege of Tabriz",
            "not given",
            "not given",
            "not given",
            "static/images/map.svg"
        ]
    );
    // Every page links to it, and the sitemap lists it.
    let home = site.page("index.html");
    assert!(
        home.attrs("footer a", "href")
            .contains(&"/credits/".to_string())
    );
    assert!(site.read("sitemap.xml").contains("/credits/</loc>"));
}

#[test]
fn the_credits_page_takes_its_text_from_an_index_file_and_no_page_may_take_its_url() {
    let site = Site::fixture("basic");
    site.write(
        "content/credits/_index.md",
        "+++\ntitle = \"Picture credits\"\n+++\nWith thanks to the archives.\n",
    );
    site.build_ok(&[]);
    let credits = site.page("credits/index.html");
    assert_eq!(credits.text("main h1"), "Picture credits");
    assert_eq!(
        credits.text("main .intro").trim(),
        "With thanks to the archives."
    );

    site.write("content/credits.md", "+++\ntitle = \"Mine\"\n+++\nText.\n");
    let lines = errors(&site, 1);
    assert!(lines[0].contains("maps to /credits/"), "{lines:?}");
}
