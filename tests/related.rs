//! Related reading: each article ends with up to three others sharing its
//! glossary terms, a rarer term counting for more, each saying which terms
//! it shares.

mod common;

use common::Site;

/// Six articles over three terms: Tehran in five, Tabriz in three, the
/// Majlis in two; one article mentions none.
fn site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"R\"\nbase_url = \"https://example.org/\"\nauthor = \"A. Historian\"\n",
    );
    for (slug, title) in [
        ("tehran", "Tehran"),
        ("tabriz", "Tabriz"),
        ("majlis", "Majlis"),
    ] {
        site.write(
            &format!("content/glossary/{slug}.md"),
            format!("+++\ntitle = \"{title}\"\nsummary = \"A term.\"\n+++\nText.\n"),
        );
    }
    for (name, day, body) in [
        ("a", 1, "Tehran, the Majlis and Tabriz."),
        ("b", 2, "Tehran and Tabriz."),
        ("c", 3, "Tehran and Tabriz again."),
        ("d", 4, "Tehran and the Majlis."),
        ("e", 5, "Tehran alone."),
        ("f", 6, "Nothing the glossary knows."),
    ] {
        site.write(
            &format!("content/articles/{name}.md"),
            format!("+++\ntitle = \"Article {name}\"\ndate = 2025-01-0{day}\n+++\n{body}\n"),
        );
    }
    site
}

#[test]
fn related_reading_ranks_rarer_shared_terms_first_and_says_why() {
    let site = site();
    site.build_ok(&[]);
    let a = site.page("articles/a/index.html");
    assert_eq!(a.text("#related-heading"), "Related reading");
    // The Majlis is rarer than Tabriz; of b and c, the newer comes first;
    // e shares only Tehran and is fourth, so not shown.
    assert_eq!(
        a.attrs(".related li > a", "href"),
        ["/articles/d/", "/articles/c/", "/articles/b/"]
    );
    assert_eq!(
        a.texts(".related li > a"),
        ["Article d", "Article c", "Article b"]
    );
    assert_eq!(
        a.texts(".related .why"),
        [
            "Also about Majlis and Tehran",
            "Also about Tabriz and Tehran",
            "Also about Tabriz and Tehran",
        ]
    );
    // Sharing only the commonest term, the newest three.
    let e = site.page("articles/e/index.html");
    assert_eq!(
        e.attrs(".related li > a", "href"),
        ["/articles/d/", "/articles/c/", "/articles/b/"]
    );
    assert_eq!(e.texts(".related .why"), ["Also about Tehran"; 3]);
    // Never itself, and nothing for an article sharing no term.
    assert!(
        !e.attrs(".related a", "href")
            .contains(&"/articles/e/".to_string())
    );
    let f = site.page("articles/f/index.html");
    assert_eq!(f.count(".related"), 0);
    assert!(
        !site
            .page("articles/b/index.html")
            .attrs(".related a", "href")
            .join(" ")
            .contains("/articles/f/")
    );
}

#[test]
fn a_draft_is_no_one_s_related_reading() {
    let site = site();
    site.write(
        "content/articles/g.md",
        "+++\ntitle = \"Article g\"\ndate = 2025-01-09\ndraft = true\n+++\nTehran, the Majlis and Tabriz.\n",
    );
    site.build_ok(&[]);
    let a = site.page("articles/a/index.html");
    assert_eq!(a.attrs(".related li > a", "href")[0], "/articles/d/");
    site.build_ok(&["--drafts"]);
    let a = site.page("articles/a/index.html");
    assert_eq!(a.attrs(".related li > a", "href")[0], "/articles/g/");
}
