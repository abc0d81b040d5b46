//! A site in two languages: translations beside their originals, published
//! under `/<code>/` with the words, direction, digits and dates of their
//! language, each page linked to its other versions; and every mistake in
//! naming a language reported in one run.

mod common;

use common::Site;

const SITE: &str = "title = \"Tabriz\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n\
                    \n[languages.fa]\ntitle = \"تبریز\"\ndescription = \"یک تاریخ\"\n";

/// An article and a term in English, both translated into Persian, and an
/// article that is not.
fn bilingual() -> Site {
    let site = Site::empty();
    site.write("site.toml", SITE);
    site.write(
        "content/articles/siege.md",
        "+++\ntitle = \"The siege\"\ndate = 2025-03-01\n+++\n## One\n\nThe majlis met.[^1]\n\n## Two\n\nText.\n\n## Three\n\nText.\n\n[^1]: A note.\n",
    );
    site.write(
        "content/articles/siege.fa.md",
        "+++\ntitle = \"محاصره\"\ndate = 2025-03-01\n\n[[events]]\ndate = 1908-06-23\nlabel = \"به توپ بستن مجلس\"\n+++\nمجلسِ شوراي ملی گرد آمد.[^1] [[majlis]] و [اصل](other.md).\n\n[^1]: یادداشتی.\n",
    );
    site.write(
        "content/articles/other.md",
        "+++\ntitle = \"Other\"\ndate = 2025-01-01\n+++\nThe majlis again.\n",
    );
    site.write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"The parliament.\"\nnative = \"مجلس\"\nlang = \"fa\"\n+++\nThe parliament.\n",
    );
    site.write(
        "content/glossary/majlis.fa.md",
        "+++\ntitle = \"مجلس\"\naliases = [\"مجلس شورای ملی\"]\nsummary = \"پارلمان.\"\n+++\nپارلمان ایران.\n",
    );
    site
}

#[test]
fn a_translation_is_published_under_its_language_with_its_words_direction_and_dates() {
    let site = bilingual();
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{run}");
    let page = site.page("fa/articles/siege/index.html");
    let html = page.one("html");
    assert_eq!(html.value().attr("lang"), Some("fa"));
    assert_eq!(html.value().attr("dir"), Some("rtl"));
    // The built-in words are Persian; the site's title is the Persian one.
    assert_eq!(
        page.text("nav[aria-label] a[href=\"/fa/glossary/\"]"),
        "واژه‌نامه"
    );
    assert!(
        page.text("title").ends_with("تبریز"),
        "{}",
        page.text("title")
    );
    // The date: Solar Hijri first, Persian digits, ISO for machines.
    let date = page.one("p.date time");
    assert_eq!(date.value().attr("datetime"), Some("2025-03-01"));
    assert_eq!(common::text(date), "۱۱ اسفند ۱۴۰۳ (۱ مارس ۲۰۲۵)");
    // Note numbers in Persian digits.
    assert_eq!(page.text("sup.footnote-reference a"), "۱");
    // Persian text links the Persian term, whatever the Arabic yeh and the
    // kasra, and `[[majlis]]` by slug; a link to an untranslated article
    // leads to the original.
    let links = common::term_links(page.one("main"));
    assert!(
        links.contains(&("majlis".to_string(), "مجلسِ شوراي ملی".to_string())),
        "{links:?}"
    );
    assert_eq!(
        page.attr("main a[href$=\"/articles/other/\"]", "href"),
        "/articles/other/"
    );
    assert_eq!(
        page.attrs("main a.term", "href"),
        ["/fa/glossary/majlis/", "/fa/glossary/majlis/"],
        "Persian text links the Persian page"
    );
    // The stylesheet and icon are the site's, at its root.
    assert!(
        page.attr("link[rel=stylesheet]", "href")
            .starts_with("/gloss.")
    );
    assert_eq!(page.attr("link[rel=icon]", "href"), "/favicon.svg");
    // The event's date in the timeline, in Persian.
    let timeline = site.page("fa/timeline/index.html");
    assert!(
        timeline.source.contains("۲ تیر ۱۲۸۷ (۲۳ ژوئن ۱۹۰۸)"),
        "{}",
        timeline.source
    );
    // The English pages are as they were, in English and left to right.
    let english = site.page("articles/siege/index.html");
    assert_eq!(english.one("html").value().attr("dir"), Some("ltr"));
    assert_eq!(english.text("p.date time"), "1 March 2025");
    assert_eq!(english.text("sup.footnote-reference a"), "1");
    // Each language has its own lists, feed, search index and glossary.json.
    for file in [
        "fa/index.html",
        "fa/glossary/index.html",
        "fa/atom.xml",
        "fa/glossary.json",
        "fa/sitemap.xml",
        "fa/404.html",
    ] {
        assert!(site.public().join(file).is_file(), "{file}");
    }
    assert!(site.public().join("fa/search-index").is_dir());
    // The site's own files are written once, at the root.
    for file in ["fa/favicon.svg", "fa/robots.txt", "fa/gloss.css"] {
        assert!(!site.public().join(file).exists(), "{file}");
    }
    let home = site.read("fa/index.html");
    assert!(home.contains("/fa/articles/siege/"), "{home}");
    assert!(
        !home.contains("/articles/other/\""),
        "only Persian articles: {home}"
    );
}

#[test]
fn each_version_links_the_others_and_the_default_is_x_default() {
    let site = bilingual();
    site.build_ok(&[]);
    for (page, own) in [
        ("articles/siege/index.html", "en"),
        ("fa/articles/siege/index.html", "fa"),
        ("glossary/majlis/index.html", "en"),
        ("fa/glossary/majlis/index.html", "fa"),
        ("index.html", "en"),
        ("fa/index.html", "fa"),
    ] {
        let html = site.page(page);
        let path = page
            .trim_end_matches("index.html")
            .trim_start_matches("fa/");
        let alternates: Vec<(String, String)> = html
            .select("link[rel=alternate][hreflang]")
            .into_iter()
            .map(|e| {
                let attr = |name| e.value().attr(name).unwrap_or_default().to_string();
                (attr("hreflang"), attr("href"))
            })
            .collect();
        assert_eq!(
            alternates,
            [
                ("en".to_string(), format!("https://example.org/{path}")),
                ("fa".to_string(), format!("https://example.org/fa/{path}")),
                (
                    "x-default".to_string(),
                    format!("https://example.org/{path}")
                ),
            ],
            "{page}"
        );
        // The switch names each language in itself, the page's own current.
        let switch = html.select(".language-switch a");
        let names: Vec<String> = switch.iter().map(|a| common::text(*a)).collect();
        assert_eq!(names, ["English", "فارسی"], "{page}");
        let current: Vec<&str> = (switch.iter())
            .filter(|a| a.value().attr("aria-current").is_some())
            .filter_map(|a| a.value().attr("lang"))
            .collect();
        assert_eq!(current, [own], "{page}");
    }
    // A page in one language has no alternates; its switch leads home.
    let other = site.page("articles/other/index.html");
    assert_eq!(other.count("link[rel=alternate][hreflang]"), 0);
    assert_eq!(other.attrs(".language-switch a", "href"), ["/", "/fa/"]);
    // The sitemaps give the alternates, and robots.txt names both.
    let sitemap = site.read("fa/sitemap.xml");
    assert!(
        sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/articles/siege/"/>"#),
        "{sitemap}"
    );
    let robots = site.read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/sitemap.xml\n"),
        "{robots}"
    );
    assert!(
        robots.contains("Sitemap: https://example.org/fa/sitemap.xml\n"),
        "{robots}"
    );
}

#[test]
fn a_site_in_one_language_is_unchanged_but_for_its_direction() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write("content/articles/a.md", "+++\ntitle = \"A\"\n+++\nText.\n");
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{run}");
    let page = site.page("articles/a/index.html");
    assert_eq!(page.one("html").value().attr("dir"), Some("ltr"));
    assert_eq!(page.count(".language-switch"), 0);
    assert_eq!(page.count("link[hreflang]"), 0);
    assert_eq!(page.count("#gloss-strings"), 0);
}

#[test]
fn a_site_may_change_the_words_of_a_language() {
    let site = bilingual();
    site.write("i18n/fa.toml", "glossary = \"فرهنگ واژه‌ها\"\n");
    site.build_ok(&[]);
    let page = site.page("fa/index.html");
    assert_eq!(
        page.text("nav[aria-label] a[href=\"/fa/glossary/\"]"),
        "فرهنگ واژه‌ها"
    );
    // The reader's script takes the language's words from the page.
    let words: serde_json::Value =
        serde_json::from_str(&page.text("#gloss-strings")).expect("the script's words");
    assert_eq!(words["no_results"], "نتیجه‌ای یافت نشد");
}

#[test]
fn a_persian_glossary_is_in_persian_alphabetical_order() {
    let site = bilingual();
    for (slug, persian) in [("gilan", "گیلان"), ("tabriz", "تبریز"), ("pars", "پارس")]
    {
        site.write(
            &format!("content/glossary/{slug}.md"),
            format!("+++\ntitle = \"{slug}\"\n+++\nText.\n"),
        );
        site.write(
            &format!("content/glossary/{slug}.fa.md"),
            format!("+++\ntitle = \"{persian}\"\n+++\nمتن.\n"),
        );
    }
    site.build_ok(&[]);
    let glossary = site.page("fa/glossary/index.html");
    let titles: Vec<String> = glossary
        .select("main a[href^=\"/fa/glossary/\"]")
        .into_iter()
        .map(common::text)
        .filter(|t| !t.is_empty())
        .collect();
    let order = ["پارس", "تبریز", "گیلان", "مجلس"];
    let found: Vec<&str> = (titles.iter().map(String::as_str))
        .filter(|t| order.contains(t))
        .collect();
    assert_eq!(found, order, "{titles:?}");
}

#[test]
fn every_mistake_in_naming_languages_is_reported_in_one_run() {
    let site = bilingual();
    site.write(
        "site.toml",
        "title = \"T\"\nlanguage = \"en\"\n\n[languages.fa]\ndescription = \"no title\"\n\n\
         [languages.zz]\ntitle = \"Z\"\n\n[languages.en]\ntitle = \"E\"\n",
    );
    site.write(
        "content/articles/x.de.md",
        "+++\ntitle = \"X\"\n+++\nText.\n",
    );
    site.write(
        "content/articles/y.qq.md",
        "+++\ntitle = \"Y\"\n+++\nText.\n",
    );
    site.write(
        "content/articles/siege.en.md",
        "+++\ntitle = \"S\"\n+++\nText.\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    for needle in [
        "site.toml:4:1: error: [languages.fa] has no title",
        "site.toml:10:1: error: `en` is the site's default language already",
        "site.toml:7:1: error: unknown language `zz`",
        "content/articles/x.de.md: error: the file name gives the language `de` (Deutsch), which is not one of the site's",
        "content/articles/y.qq.md: error: the file name gives `qq`, which is no language gloss knows",
        "content/articles/siege.md: error: this file and content/articles/siege.en.md are the same page in one language",
    ] {
        run.assert_stderr_has(needle);
    }
    // The translations of a language missing its title are unknown files now.
    run.assert_stderr_has(
        "content/articles/siege.fa.md: error: the file name gives the language `fa`",
    );
}

#[test]
fn a_translation_without_an_original_is_built_with_a_warning() {
    let site = bilingual();
    site.write(
        "content/articles/lonely.fa.md",
        "+++\ntitle = \"تنها\"\n+++\nمتن.\n",
    );
    let run = site.build_ok(&[]);
    run.assert_stderr_has(
        "content/articles/lonely.fa.md: warning: this translation has no original: there is no content/articles/lonely.md",
    );
    assert!(
        site.public()
            .join("fa/articles/lonely/index.html")
            .is_file()
    );
}

#[test]
fn the_check_follows_links_within_each_language() {
    let site = bilingual();
    let run = site.check(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("error"), "{run}");
    site.write(
        "content/articles/siege.fa.md",
        "+++\ntitle = \"محاصره\"\n+++\n[پیوند](#nowhere)\n",
    );
    let run = site.check(&[]);
    assert!(
        run.stdout
            .contains("content/articles/siege.fa.md:4:1: error: link to `#nowhere`"),
        "{run}"
    );
}

#[test]
fn a_wiki_link_to_an_untranslated_term_leads_to_the_original() {
    let site = bilingual();
    site.write(
        "content/glossary/shah.md",
        "+++\ntitle = \"Shah\"\n+++\nThe king.\n",
    );
    site.write(
        "content/articles/siege.fa.md",
        "+++\ntitle = \"محاصره\"\n+++\n[[shah|شاه]] و [[majlis]].\n",
    );
    site.build_ok(&[]);
    let page = site.page("fa/articles/siege/index.html");
    assert_eq!(
        page.attr("main a[href=\"/glossary/shah/\"]", "href"),
        "/glossary/shah/"
    );
    assert_eq!(page.text("main a[href=\"/glossary/shah/\"]"), "شاه");
}

#[test]
fn a_page_of_the_default_language_may_not_stand_in_another_language_s_folder() {
    let site = bilingual();
    site.write(
        "content/fa/notes.md",
        "+++\ntitle = \"Notes\"\n+++\nText.\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has(
        "content/fa/notes.md: error: this file maps to /fa/notes/, under /fa/, where the site's pages in that language are",
    );
}

#[test]
fn a_site_in_one_language_names_its_files_as_it_likes() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    for name in ["what.is", "notes.en", "chapter.ii"] {
        site.write(
            &format!("content/articles/{name}.md"),
            "+++\ntitle = \"A\"\n+++\nText.\n",
        );
    }
    site.build_ok(&[]);
    for name in ["what.is", "notes.en", "chapter.ii"] {
        assert!(
            site.public()
                .join(format!("articles/{name}/index.html"))
                .is_file(),
            "{name}"
        );
    }
}
