//! Content trust: raw HTML in Markdown is shown as text and unsafe link
//! schemes are dropped unless `[markdown] unsafe_html = true`, each with a
//! warning; front-matter text is escaped on every page whatever the
//! setting, and front-matter URLs must have a safe scheme.

mod common;

use std::path::Path;

use common::{Page, Site, files_below, read_text, select_in, term_links, text};
use gloss::RenderOptions;
use gloss::serve::session::{Rebuilt, Session};
use scraper::Html;

fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

const TRUSTING: &str = "[markdown]\nunsafe_html = true\n";

const SETTING: &str = "`[markdown] unsafe_html = true` in site.toml";

#[test]
fn raw_html_is_shown_as_text_with_a_warning_naming_the_setting() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        article(
            "A",
            "Some <b onclick=\"steal()\">bold</b> words.<!-- a note -->\n\n\
             <div class=\"box\">\n<script>steal()</script>\n</div>\n\n\
             <!--\nA longer note.\n-->\n\nThe end.",
        ),
    );
    let run = site.build_ok(&[]);
    run.assert_stderr_has(
        "content/a.md:4:6: warning: raw HTML `<b onclick=\"steal()\">` is shown as text",
    );
    run.assert_stderr_has("content/a.md:4:31: warning: raw HTML `</b>` is shown as text");
    run.assert_stderr_has(
        "content/a.md:6:1: warning: raw HTML `<div class=\"box\">…` is shown as text",
    );
    run.assert_stderr_has(SETTING);
    assert_eq!(
        run.stderr.matches(": warning: raw HTML").count(),
        3,
        "{run}"
    );
    let page = site.page("a/index.html");
    let body = page.one(".body");
    assert!(
        select_in(body, "b, div.box, script").is_empty(),
        "{}",
        body.html()
    );
    let shown = text(body);
    assert!(
        shown.contains("Some <b onclick=\"steal()\">bold</b> words."),
        "{shown}"
    );
    assert!(
        shown.contains("<div class=\"box\">\n<script>steal()</script>\n</div>"),
        "{shown}"
    );
    // Comments are left out of the page altogether, text and source.
    assert!(!page.source.contains("note"), "{}", page.source);
    assert!(shown.contains("The end."));

    // `gloss check` reports the same warnings, and succeeds.
    let check = site.check(&[]);
    assert!(check.status.success(), "{check}");
    assert!(
        check
            .stdout
            .contains("content/a.md:6:1: warning: raw HTML `<div class=\"box\">…`"),
        "{check}"
    );
}

#[test]
fn a_trusting_site_keeps_raw_html_and_every_link_without_a_word() {
    let site = Site::empty();
    site.write("site.toml", TRUSTING);
    site.write(
        "content/a.md",
        article(
            "A",
            "Some <b class=\"x\">bold</b> words.<!-- a note -->\n\n\
             <div class=\"box\">Boxed</div>\n\n[run](javascript:run()) <ftp://e.org/f>",
        ),
    );
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("raw HTML"), "{run}");
    assert!(!run.stderr.contains("scheme"), "{run}");
    let page = site.page("a/index.html");
    assert_eq!(page.text(".body b.x"), "bold");
    assert_eq!(page.text(".body div.box"), "Boxed");
    assert!(page.source.contains("<!-- a note -->"));
    assert_eq!(
        page.attrs(".body a", "href"),
        ["javascript:run()", "ftp://e.org/f"]
    );
}

#[test]
fn links_with_an_unsafe_scheme_are_dropped_keeping_their_text() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        article(
            "A",
            "[Run](JavaScript:run()) and [mail](mailto:a@e.org) and \
             <https://e.org/x>.\n\n![A map](data:image/svg+xml;base64,PHN2Zz4=)\n\n\
             See [the page][p].\n\n[p]: \u{20}java&#x09;script:run()",
        ),
    );
    let run = site.build_ok(&[]);
    let dropped = |at: &str, what: &str, scheme: &str| {
        run.assert_stderr_has(&format!(
            "content/a.md:{at}: warning: {what}: `{scheme}:` is not a safe scheme"
        ));
    };
    dropped(
        "4:1",
        "link to `JavaScript:run()` is dropped, keeping its text",
        "javascript",
    );
    dropped(
        "6:1",
        "image `data:image/svg+xml;base64,PHN2Zz4=` is dropped, keeping its alt text",
        "data",
    );
    dropped(
        "8:5",
        "link to `java\tscript:run()` is dropped, keeping its text",
        "javascript",
    );
    run.assert_stderr_has("may be relative or use `http:`, `https:`, `mailto:` or `tel:`");
    run.assert_stderr_has(SETTING);
    let page = site.page("a/index.html");
    assert_eq!(
        page.attrs(".body a", "href"),
        ["mailto:a@e.org", "https://e.org/x"]
    );
    assert_eq!(page.count(".body img"), 0);
    let shown = page.text(".body");
    for kept in ["Run and mail", "A map", "See the page."] {
        assert!(shown.contains(kept), "{kept:?} in {shown:?}");
    }
}

#[test]
fn escaped_html_is_prose_whose_mentions_link_without_nesting_links() {
    let site = Site::empty();
    site.write("content/glossary/tabriz.md", article("Tabriz", "A city."));
    site.write(
        "content/a.md",
        article("A", "Raw <a href=\"x\">Tabriz</a> here."),
    );
    site.build_ok(&[]);
    let page = site.page("a/index.html");
    let paragraph = page.containing(".body p", "Raw");
    assert_eq!(
        term_links(paragraph),
        [("tabriz".to_string(), "Tabriz".to_string())]
    );
    assert!(page.select(".body a a").is_empty(), "{}", paragraph.html());
    assert_eq!(
        text(paragraph),
        "Raw <a href=\"x\">Tabriz</a> here.",
        "the escaped tags show around the linked mention"
    );

    // A trusting site keeps the author's link, and no term link goes inside it.
    site.write("site.toml", TRUSTING);
    site.write(
        "content/a.md",
        article("A", "Raw <a href=\"x\">Tabriz</a> here.\n\nTabriz again."),
    );
    site.build_ok(&[]);
    let page = site.page("a/index.html");
    assert_eq!(
        page.attrs(".body a", "href").first().map(String::as_str),
        Some("x")
    );
    assert!(page.select(".body a a").is_empty());
    assert_eq!(
        term_links(page.containing(".body p", "again")),
        [("tabriz".to_string(), "Tabriz".to_string())]
    );
}

#[test]
fn the_caption_follows_the_policy_at_its_own_line() {
    let site = Site::empty();
    site.write(
        "static/p.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n[photo]\nsrc = \"p.svg\"\nalt = \"x\"\n\
         caption = \"A <img src=x onerror=run()> and [a](javascript:run())\"\n+++\nBody.\n",
    );
    let run = site.build_ok(&[]);
    // Errors in a front-matter value point at its start.
    run.assert_stderr_has(
        "content/a.md:6:11: warning: raw HTML `<img src=x onerror=run()>` is shown as text",
    );
    run.assert_stderr_has("content/a.md:6:11: warning: link to `javascript:run()` is dropped");
    let page = site.page("a/index.html");
    let caption = page.one("figcaption .caption");
    assert!(
        select_in(caption, "img, a").is_empty(),
        "{}",
        caption.html()
    );
    assert_eq!(text(caption).trim(), "A <img src=x onerror=run()> and a");
}

#[test]
fn photo_urls_need_a_safe_scheme_whatever_the_setting() {
    for config in ["", TRUSTING] {
        let site = Site::empty();
        site.write("site.toml", config);
        site.write(
            "content/a.md",
            "+++\ntitle = \"A\"\n[photo]\nsrc = \"data:image/svg+xml,<svg/onload=run()>\"\n\
             alt = \"x\"\nsource = \" JavaScript:run()\"\n+++\n",
        );
        site.write(
            "content/b.md",
            "+++\ntitle = \"B\"\n[photo]\nsrc = \"https://e.org/p.jpg\"\nalt = \"x\"\n\
             source = \"https://e.org/p\"\n+++\n",
        );
        let run = site.build(&[]);
        run.assert_failed();
        run.assert_stderr_has(
            "content/a.md:4:7: error: photo src `data:image/svg+xml,<svg/onload=run()>` \
             is not a path under static/ or an http(s) URL",
        );
        run.assert_stderr_has(
            "content/a.md:6:10: error: photo source ` JavaScript:run()` is not an http(s) URL",
        );
        run.assert_stderr_has("a URL with `http:` or `https:`");
        assert_eq!(run.error_lines().len(), 2, "{run}");
    }
}

/// Text that adds an element, an attribute or a script wherever any of
/// it reaches a page unescaped.
const MARKUP: &str =
    r#"</script><script>probe()</script>"'><img src=x onerror=probe()><xss-probe>"#;

/// [`MARKUP`], a template expression and the start of a comment.
const PAYLOAD: &str = concat!(
    r#"</script><script>probe()</script>"'><img src=x onerror=probe()><xss-probe>"#,
    "{{ probe }}{% if x %}<!--"
);

/// A site with the payload in every text field of front matter, site.toml
/// and the bibliography, on every kind of page; `body` is the Markdown of
/// every page and the photo's caption.
fn site_with_payloads(config: &str, body: &str) -> Site {
    let p = format!("'''{PAYLOAD}'''");
    let site = Site::empty();
    site.write(
        "site.toml",
        format!(
            "title = {p}\ndescription = {p}\nauthor = {p}\nrights = {p}\n\
             base_url = \"https://example.org/\"\n{config}"
        ),
    );
    site.write(
        "static/p.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let index = format!("+++\ntitle = {p}\nsummary = {p}\n+++\n{body}\n");
    for section in [
        "_index.md",
        "notes/_index.md",
        "glossary/_index.md",
        "credits/_index.md",
        "timeline/_index.md",
        "map/_index.md",
        "sources/_index.md",
    ] {
        site.write(&format!("content/{section}"), &index);
    }
    site.write(
        "content/notes/a.md",
        format!(
            "+++\ntitle = {p}\ndate = 2025-03-01\nsummary = {p}\nauthor = {p}\nlabel = {p}\n\
             [photo]\nsrc = \"p.svg\"\nalt = {p}\ncaption = '''{body}'''\ncredit = {p}\n\
             source = \"https://example.org/p\"\nlicense = {p}\n\
             [[events]]\ndate = 1908\nlabel = {p}\n+++\n\
             The majlis met [@probe]. {body}\n"
        ),
    );
    site.write(
        "content/glossary/majlis.md",
        format!(
            "+++\ntitle = {p}\naliases = [\"majlis\", {p}]\nsummary = {p}\nnative = {p}\n\
             lang = \"fa\"\nkind = \"place\"\nlat = 38.08\nlon = 46.29\n\
             [[events]]\ndate = 1906\nlabel = {p}\n+++\n{body}\n"
        ),
    );
    site.write(
        "content/sources.yaml",
        format!(
            "probe:\n  type: book\n  title: |-\n    {MARKUP}\n  author: [\"Probe, Ann\"]\n  \
             publisher: |-\n    {MARKUP}\n  url: javascript:probe()\n  date: 1999\n"
        ),
    );
    site
}

/// Asserts that nothing in `html` (a page or a fragment) was made by the
/// payload: no element, attribute, script or link of its making.
fn assert_nothing_injected(html: &Html, shown: &str) {
    let all = scraper::Selector::parse("*").unwrap();
    for element in html.select(&all) {
        let name = element.value().name();
        assert_ne!(name, "xss-probe", "an element was injected in {shown}");
        for (attr, value) in element.value().attrs() {
            assert!(!attr.starts_with("on"), "`{attr}` on <{name}> in {shown}");
            if matches!(attr, "href" | "src") {
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "<{name} {attr}={value:?}> in {shown}"
                );
            }
        }
        if name == "img" {
            assert_ne!(
                element.attr("src"),
                Some("x"),
                "an image was injected in {shown}"
            );
        }
        if name == "script" {
            let code: String = element.text().collect();
            match element.attr("type") {
                Some("application/ld+json" | "application/json") => {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&code);
                    assert!(
                        parsed.is_ok(),
                        "JSON in a script of {shown} is broken: {code}"
                    );
                }
                _ if element.attr("src").is_some() => assert!(code.is_empty()),
                _ => assert_eq!(
                    code, "document.documentElement.classList.add(\"js\")",
                    "{shown}"
                ),
            }
        }
    }
}

/// Whether some string of `value` holds the payload whole.
fn json_holds_payload(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains(PAYLOAD),
        serde_json::Value::Array(items) => items.iter().any(json_holds_payload),
        serde_json::Value::Object(map) => map.values().any(json_holds_payload),
        _ => false,
    }
}

fn assert_every_page_escapes_front_matter(site: &Site) {
    let public = site.public();
    let files = files_below(&public);
    let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    for kind in [
        "index.html",
        "notes/index.html",
        "notes/a/index.html",
        "glossary/index.html",
        "glossary/majlis/index.html",
        "credits/index.html",
        "timeline/index.html",
        "map/index.html",
        "sources/index.html",
        "404.html",
    ] {
        assert!(files.iter().any(|f| f == kind), "no {kind} among {files:?}");
    }
    for rel in pages {
        let page = Page::parse(read_text(&public.join(rel)));
        assert_nothing_injected(&page.html, rel);
        // The site's title is on every page, as the text it is: not
        // markup, and no template expression evaluated.
        assert!(page.text("head > title").contains(PAYLOAD), "{rel}");
    }
    let article = site.page("notes/a/index.html");
    for field in [
        "h1",
        ".article-header .label",
        ".article-header .summary",
        ".key-dates li",
    ] {
        assert!(article.text(field).contains(PAYLOAD), "{field}");
    }
    assert_eq!(article.attr(".photo img", "alt"), PAYLOAD);
    assert_eq!(
        article.text(".photo .credit"),
        format!("{PAYLOAD} · {PAYLOAD}")
    );
    // The caption is Markdown: its HTML follows the `[markdown]` setting,
    // and its quotes and dashes are typeset.
    let caption = article.text(".photo .caption");
    assert!(
        caption.contains("<img src=x onerror=probe()><xss-probe>{{ probe }}")
            || caption.trim() == "Caption.",
        "{caption}"
    );
    // Braces mean something in a bibliography: its fields hold the markup alone.
    assert!(article.text(".sources").contains(MARKUP));
    let term = site.page("glossary/majlis/index.html");
    assert!(term.text("h1").contains(PAYLOAD));
    assert_eq!(term.texts(".aliases i"), ["majlis", PAYLOAD]);
    assert!(
        site.page("map/index.html")
            .text(".map-list")
            .contains(PAYLOAD)
    );
    assert!(
        site.page("timeline/index.html")
            .text("main")
            .contains(PAYLOAD)
    );

    // The feed: well-formed, with the payload as text and its HTML clean.
    let feed = read_text(&public.join("atom.xml"));
    let doc = roxmltree::Document::parse(&feed).expect("the feed parses");
    let texts = |tag: &str| -> Vec<String> {
        (doc.descendants())
            .filter(|n| n.has_tag_name(tag))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(texts("title"), [PAYLOAD, PAYLOAD]);
    for content in texts("content") {
        assert_nothing_injected(&Html::parse_fragment(&content), "atom.xml");
    }
    roxmltree::Document::parse(&read_text(&public.join("sitemap.xml"))).expect("sitemap parses");
    for json in ["glossary.json", "search-index/p/0.json"] {
        let value: serde_json::Value =
            serde_json::from_str(&read_text(&public.join(json))).expect(json);
        assert!(json_holds_payload(&value), "{json} keeps the text as it is");
    }
}

#[test]
fn front_matter_is_escaped_on_every_page() {
    let site = site_with_payloads("", PAYLOAD);
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.contains("raw HTML"),
        "the body's HTML is escaped\n{run}"
    );
    assert_every_page_escapes_front_matter(&site);
}

#[test]
fn front_matter_is_escaped_on_a_trusting_site_too() {
    let site = site_with_payloads(TRUSTING, "Caption.");
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{run}");
    assert_every_page_escapes_front_matter(&site);
}

fn session(root: &Path) -> Session {
    Session::new(RenderOptions {
        root: root.to_path_buf(),
        base_url: Some("https://example.org/".into()),
        ..Default::default()
    })
}

/// The messages of the warnings a rebuild reports, and whether it rendered
/// the whole site.
fn rebuilt(session: &mut Session, paths: &[std::path::PathBuf]) -> (Vec<String>, bool) {
    match session.rebuild(Some(paths)).expect("the rebuild succeeds") {
        Rebuilt::Whole(site) => (site.warnings.iter().map(|d| d.to_string()).collect(), true),
        Rebuilt::Changed { warnings, .. } => {
            (warnings.iter().map(|d| d.to_string()).collect(), false)
        }
    }
}

#[test]
fn serve_reports_the_warnings_an_edit_brings_and_clears() {
    let site = Site::empty();
    site.write("content/a.md", article("A", "Plain."));
    site.write("content/b.md", article("B", "Plain."));
    let mut session = session(&site.root());
    let Ok(Rebuilt::Whole(first)) = session.rebuild(None) else {
        panic!("the first render succeeds");
    };
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let (a, b) = (site.path("content/a.md"), site.path("content/b.md"));

    site.write("content/a.md", article("A", "Now <em>raw</em>."));
    let (warnings, whole) = rebuilt(&mut session, std::slice::from_ref(&a));
    assert!(
        whole,
        "an edit with something to report renders the whole site"
    );
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("content/a.md:4:5: warning: raw HTML `<em>`"));

    // An edit elsewhere renders alone and still reports the site's warnings.
    site.write("content/b.md", article("B", "Edited."));
    let (warnings, whole) = rebuilt(&mut session, std::slice::from_ref(&b));
    assert!(!whole);
    assert_eq!(warnings.len(), 2, "{warnings:?}");

    // Fixing the page clears them.
    site.write("content/a.md", article("A", "Now *raw*."));
    let (warnings, _) = rebuilt(&mut session, std::slice::from_ref(&a));
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn a_heading_cannot_take_the_id_the_previews_script_reads_nor_a_handler() {
    let body = "# Data {#gloss-previews onclick=run()}\n\nSee [[tabriz]].";
    let site = Site::empty();
    site.write("content/glossary/tabriz.md", article("Tabriz", "A city."));
    site.write("content/a.md", article("A", body));
    let run = site.build_ok(&[]);
    run.assert_stderr_has(
        "content/a.md:4:1: warning: heading id `gloss-previews` is dropped: the page's own elements use it",
    );
    run.assert_stderr_has("content/a.md:4:1: warning: heading attribute `onclick` is dropped");
    let page = site.page("a/index.html");
    assert_eq!(page.attr(".body h1", "id"), "data");
    assert_eq!(page.count("[onclick]"), 0);
    assert_eq!(
        page.count("#gloss-previews"),
        1,
        "only the previews' own data"
    );

    site.write("site.toml", TRUSTING);
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("heading"), "{run}");
    assert_eq!(
        site.page("a/index.html").attr(".body h1", "onclick"),
        "run()"
    );
}

#[test]
fn a_misspelt_markdown_setting_is_an_error_with_a_suggestion() {
    let site = Site::empty();
    site.write("site.toml", "[markdown]\nunsafe_htm = true\n");
    site.write("content/a.md", article("A", "Text."));
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("site.toml:2:1: error: unknown field `unsafe_htm`");
    run.assert_stderr_has("did you mean `unsafe_html`?");
}
