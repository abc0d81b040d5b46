//! Sources and citations: `[@key]` in Markdown formatted with the site's
//! style, as notes numbered with the author's own or in the text; each
//! page's list of the works it cites; `/sources/` with every work and the
//! pages citing it; each article's citation of itself; and every mistake
//! reported with its file, line and column.

mod common;

use common::{Run, Site, select_in, text};

const CITED: &str = "articles/cited/index.html";

fn built() -> Site {
    let site = Site::fixture("citations");
    site.build_ok(&[]);
    site
}

/// The fixture with `[sources] style` set to `style`.
fn with_style(style: &str) -> Site {
    let site = Site::fixture("citations");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[sources]\nstyle = \"{style}\"\n"),
    );
    site
}

#[test]
fn citations_become_notes_numbered_with_the_authors_own() {
    let site = built();
    let page = site.page(CITED);
    let refs = page.select(".body p sup.footnote-reference a");
    let numbers: Vec<String> = refs.iter().map(|a| text(*a)).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    let hrefs: Vec<&str> = refs.iter().map(|a| a.attr("href").unwrap()).collect();
    assert_eq!(hrefs, ["#fn-cite-1", "#fn-a", "#fn-cite-2", "#fn-cite-3"]);

    // The notes follow the text, in the order of their numbers, each with a
    // way back, as the author's notes have.
    let notes = page.select(".body > .footnote-definition");
    let ids: Vec<&str> = notes.iter().map(|n| n.attr("id").unwrap()).collect();
    assert_eq!(ids, ["fn-cite-1", "fn-a", "fn-cite-2", "fn-cite-3"]);
    for (n, note) in notes.iter().enumerate() {
        let label = text(select_in(*note, ".footnote-definition-label")[0]);
        assert_eq!(label, (n + 1).to_string());
        let back = select_in(*note, "a.footnote-back")[0].attr("href").unwrap();
        assert_eq!(back, format!("#fnref-{}", &ids[n][3..]));
    }
    let note = |n: usize| text(select_in(notes[n], "p")[0]);
    // The first citation of a work in full, with its page.
    assert_eq!(
        note(0),
        "Janet Afary, The Iranian Constitutional Revolution, 1906–1911: Grassroots Democracy, \
         Social Democracy, and the Origins of Feminism (Columbia University Press, 1996), 212."
    );
    assert_eq!(note(1), "An author’s own note.");
    assert_eq!(
        note(2),
        "Edward G. Browne, The Persian Revolution of 1905–1909 (Cambridge University Press, 1910), 250–60."
    );
    // Later ones short, with the prefix, capitalised, and each locator.
    assert_eq!(
        note(3),
        "See Afary, Iranian Constitutional Revolution, 213; Browne, Persian Revolution, chap. 4."
    );
    assert_eq!(select_in(notes[0], "i").len(), 1, "the title is in italics");
}

#[test]
fn code_escapes_and_real_links_keep_their_meaning() {
    let site = built();
    let page = site.page(CITED);
    assert_eq!(
        page.texts(".body code"),
        ["[@afary1996]", "[@browne1910]\n"]
    );
    let escaped = page.containing(".body p", "Escaped brackets");
    assert!(
        text(escaped).contains("stay: [@afary1996]."),
        "{}",
        escaped.html()
    );
    let link = page.one(".body a[href='https://example.org/afary']");
    assert_eq!(text(link), "@afary1996");
    assert_eq!(page.count(".body sup.footnote-reference"), 4);
}

#[test]
fn each_page_lists_the_works_it_cites() {
    let site = built();
    let page = site.page(CITED);
    assert_eq!(page.text("#sources-heading"), "Sources");
    let ids = page.attrs(".sources li", "id");
    assert_eq!(ids, ["ref-afary1996", "ref-browne1910"]);
    assert_eq!(
        page.text("#ref-browne1910"),
        "Browne, Edward G. The Persian Revolution of 1905–1909. Cambridge University Press, 1910."
    );
    // A glossary entry that cites has its list too; a page that cites
    // nothing has none.
    let term = site.page("glossary/convention/index.html");
    assert_eq!(term.attrs(".sources li", "id"), ["ref-kazemzadeh1968"]);
    assert_eq!(site.page("index.html").count(".sources"), 0);
}

#[test]
fn the_sources_page_lists_every_work_with_the_pages_citing_it() {
    let site = built();
    let page = site.page("sources/index.html");
    assert_eq!(page.text("h1"), "Sources");
    // In the style's order: by author.
    let ids = page.attrs(".works > li", "id");
    assert_eq!(
        ids,
        [
            "ref-abrahamian1982",
            "ref-afary1996",
            "ref-browne1910",
            "ref-kazemzadeh1968"
        ]
    );
    let citing = |id: &str| page.attrs(&format!("#{id} .cited-by a"), "href");
    assert_eq!(citing("ref-afary1996"), ["/history/articles/cited/"]);
    // Articles newest first, then glossary entries.
    assert_eq!(
        citing("ref-browne1910"),
        ["/history/articles/cited/", "/history/articles/other/"]
    );
    assert_eq!(
        citing("ref-kazemzadeh1968"),
        ["/history/glossary/convention/"]
    );
    assert!(citing("ref-abrahamian1982").is_empty());
    assert_eq!(
        page.text("#ref-abrahamian1982 .cited-by"),
        "Not cited on any page."
    );
    // Every page's navigation leads to it, and the sitemap names it.
    let nav = site.page(CITED);
    assert_eq!(
        nav.attrs("nav[aria-label='Site'] a", "href"),
        ["/history/", "/history/glossary/", "/history/sources/"]
    );
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/history/sources/</loc>")
    );
}

#[test]
fn a_site_without_a_bibliography_has_no_sources_page() {
    let site = Site::fixture("citations");
    site.remove("content/sources.bib");
    site.write(
        "content/articles/cited.md",
        "+++\ntitle = \"Plain\"\n+++\nNo citations; [brackets] and [me@example.org] are text.\n",
    );
    site.write(
        "content/articles/other.md",
        "+++\ntitle = \"Other\"\n+++\nText.\n",
    );
    site.write(
        "content/glossary/convention.md",
        "+++\ntitle = \"Convention\"\n+++\nText.\n",
    );
    site.build_ok(&[]);
    assert!(!site.public().join("sources").exists());
    let page = site.page(CITED);
    assert_eq!(page.count("nav[aria-label='Site'] a"), 2);
    assert!(
        page.text(".body p")
            .contains("[brackets] and [me@example.org]")
    );
}

#[test]
fn an_in_text_style_cites_in_the_text_and_links_to_the_list() {
    let site = with_style("chicago-author-date");
    site.build_ok(&[]);
    let page = site.page(CITED);
    assert_eq!(
        page.texts(".body span.citation"),
        [
            "(Afary 1996, 212)",
            "(Browne 1910, 250–60)",
            "(see Afary 1996, 213; Browne 1910, chap. 4)"
        ]
    );
    assert_eq!(
        page.attrs(".body span.citation a", "href"),
        [
            "#ref-afary1996",
            "#ref-browne1910",
            "#ref-afary1996",
            "#ref-browne1910"
        ]
    );
    // Only the author's own note is a note.
    assert_eq!(page.count(".body sup.footnote-reference"), 1);
    assert_eq!(
        page.text("#ref-afary1996"),
        "Afary, Janet. 1996. The Iranian Constitutional Revolution, 1906–1911: Grassroots \
         Democracy, Social Democracy, and the Origins of Feminism. Columbia University Press."
    );
}

#[test]
fn a_bibliography_in_yaml_and_a_style_of_the_sites_own() {
    let site = Site::fixture("citations");
    site.remove("content/sources.bib");
    site.write(
        "content/sources.yaml",
        "afary1996:\n  type: book\n  author: Afary, Janet\n  title: The Iranian Constitutional Revolution\n  \
         date: 1996\nbrowne1910:\n  type: book\n  author: Browne, Edward G.\n  title: The Persian Revolution\n  \
         date: 1910\nkazemzadeh1968:\n  type: book\n  author: Kazemzadeh, Firuz\n  title: Russia and Britain in Persia\n  \
         date: 1968\n",
    );
    // A style that cites by title and year, in brackets.
    site.write(
        "title-year.csl",
        r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Title and year</title><id>title-year</id><updated>2025-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout prefix="[" suffix="]" delimiter="; ">
      <group delimiter=", ">
        <text variable="title"/>
        <date variable="issued"><date-part name="year"/></date>
        <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
      </group>
    </layout>
  </citation>
  <bibliography><layout><text variable="title" font-style="italic"/></layout></bibliography>
</style>
"#,
    );
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[sources]\nstyle = \"title-year.csl\"\n"),
    );
    site.build_ok(&[]);
    let page = site.page(CITED);
    assert_eq!(
        page.texts(".body span.citation")[0],
        "[The Iranian Constitutional Revolution, 1996, p. 212]"
    );
    assert_eq!(page.text("#ref-browne1910"), "The Persian Revolution");
}

#[test]
fn every_article_says_how_to_cite_it() {
    let site = built();
    let page = site.page(CITED);
    assert_eq!(page.text("#cite-this-heading"), "How to cite this article");
    let permalink = "https://example.org/history/articles/cited/";
    let chicago = page.text(".cite-chicago");
    assert_eq!(
        chicago,
        format!(
            "Historian, A. “Tea & 50% {{More}}: A Cited Article.” Citations, March 1, 2025. {permalink}."
        )
    );
    assert_eq!(page.attr(".cite-chicago a", "href"), permalink);
    let bibtex = page.text(".cite-bibtex");
    assert_eq!(
        bibtex,
        format!(
            "@online{{historian2025tea,\nauthor = {{A. Historian}},\ndate = {{2025-03-01}},\n\
             organization = {{Citations}},\ntitle = {{Tea \\& 50\\% \\{{more\\}}: a cited article}},\n\
             url = {{{permalink}}},\n}}"
        )
    );
    // The article's own author wins over the site's.
    let other = site.page("articles/other/index.html");
    assert!(
        other
            .text(".cite-chicago")
            .starts_with("Historian, A. “Another Article.”")
    );
    assert!(
        !site
            .page("glossary/convention/index.html")
            .source
            .contains("cite-this")
    );
}

/// The one error line starting with `location`, which must say `message`.
fn error_at<'a>(run: &'a Run, location: &str, message: &str) -> &'a str {
    let prefix = format!("{location}: error: ");
    let found: Vec<&str> = (run.error_lines().into_iter())
        .filter(|l| l.starts_with(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "expected one error at {location}\n{run}");
    assert!(
        found[0].contains(message),
        "{message:?} in {}\n{run}",
        found[0]
    );
    found[0]
}

fn fails(site: &Site, errors: usize) -> Run {
    let run = site.build(&[]);
    run.assert_failed();
    assert_eq!(run.error_lines().len(), errors, "{run}");
    assert!(!site.public().exists(), "a failed build wrote output");
    run
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion_all_at_once() {
    let site = Site::fixture("citations");
    site.write(
        "content/articles/other.md",
        "+++\ntitle = \"Another article\"\n+++\nFirst line.\nA claim.[see @afary1997, p. 3; @browne1910]\n",
    );
    site.write(
        "content/glossary/convention.md",
        "+++\ntitle = \"Convention\"\n+++\nText.[@nobody]\n",
    );
    let run = fails(&site, 2);
    error_at(
        &run,
        "content/articles/other.md:5:14",
        "unknown work `@afary1997`",
    );
    run.assert_stderr_has("did you mean `@afary1996`?");
    error_at(
        &run,
        "content/glossary/convention.md:4:7",
        "unknown work `@nobody`",
    );
    run.assert_stderr_has("content/sources.bib has no work with this key");
}

#[test]
fn a_malformed_locator_is_an_error_at_its_place() {
    let site = Site::fixture("citations");
    site.write(
        "content/articles/other.md",
        "+++\ntitle = \"Another article\"\n+++\nA claim.[@browne1910, paeg 4]\n",
    );
    let run = fails(&site, 1);
    error_at(
        &run,
        "content/articles/other.md:4:23",
        "unknown locator `paeg`",
    );
    run.assert_stderr_has("did you mean `page`?");
}

#[test]
fn a_malformed_bibliography_is_an_error_at_its_line() {
    let site = Site::fixture("citations");
    site.write(
        "content/sources.bib",
        "@book{afary1996,\n  title = {A},\n}\n\n@book{browne1910,\n  title = {The Persian Revolution,\n  year = {1910}\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    // The brace opened on line 6 is never closed: the file ends first, on
    // the line after the last.
    assert_eq!(
        run.error_lines(),
        ["content/sources.bib:8:1: error: unexpected end of file"],
        "{run}"
    );
    assert!(!site.public().exists());

    let site = Site::fixture("citations");
    site.remove("content/sources.bib");
    site.write(
        "content/sources.yml",
        "afary1996:\n  type: book\n  title: [unclosed\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    // At the `[` that opens a list where a title is a string.
    let lines = run.error_lines();
    assert_eq!(lines.len(), 1, "{run}");
    assert!(
        lines[0].starts_with("content/sources.yml:3:10: error: afary1996.title: "),
        "{run}"
    );
}

#[test]
fn an_unknown_style_is_an_error_with_a_suggestion() {
    let site = with_style("chicago-note");
    let run = fails(&site, 1);
    error_at(
        &run,
        "site.toml:6:9",
        "unknown citation style `chicago-note`",
    );
    run.assert_stderr_has("did you mean `chicago-notes`?");

    let site = with_style("styles/missing.csl");
    let run = fails(&site, 1);
    error_at(
        &run,
        "site.toml:6:9",
        "there is no style file `styles/missing.csl`",
    );
}

#[test]
fn two_bibliographies_or_none_for_a_citation_are_errors() {
    let site = Site::fixture("citations");
    site.write("content/sources.yaml", "{}\n");
    let run = fails(&site, 1);
    error_at(&run, "content/sources.yaml", "a second bibliography");

    let site = Site::fixture("citations");
    site.remove("content/sources.bib");
    site.write(
        "content/articles/other.md",
        "+++\ntitle = \"Other\"\n+++\nText.\n",
    );
    site.write(
        "content/glossary/convention.md",
        "+++\ntitle = \"Convention\"\n+++\nText.\n",
    );
    let run = fails(&site, 3);
    error_at(
        &run,
        "content/articles/cited.md:5:32",
        "cites a work, but the site has no bibliography",
    );
}

#[test]
fn an_article_at_sources_clashes_with_the_list() {
    let site = Site::fixture("citations");
    site.write(
        "content/sources.md",
        "+++\ntitle = \"Sources\"\n+++\nText.\n",
    );
    let run = fails(&site, 1);
    error_at(&run, "content/sources.md", "maps to /sources/");
    // An _index.md gives the page its text instead.
    let site = Site::fixture("citations");
    site.write(
        "content/sources/_index.md",
        "+++\ntitle = \"Works cited\"\n+++\nThe books behind the site.\n",
    );
    site.build_ok(&[]);
    let page = site.page("sources/index.html");
    assert_eq!(page.text("h1"), "Works cited");
    assert_eq!(page.text(".intro p"), "The books behind the site.");
    assert_eq!(page.count(".works > li"), 4);
}

#[test]
fn the_texts_of_the_built_pages_list_what_they_cite_once() {
    let site = Site::fixture("citations");
    let intro =
        |title: &str| format!("+++\ntitle = \"{title}\"\n+++\nAs Afary shows.[@afary1996]\n");
    site.write("content/credits/_index.md", intro("Credits"));
    site.write("content/sources/_index.md", intro("Sources"));
    site.build_ok(&[]);
    let credits = site.page("credits/index.html");
    assert_eq!(credits.attrs("section.sources li", "id"), ["ref-afary1996"]);
    // The list of every work already holds the entry its text cites.
    let sources = site.page("sources/index.html");
    assert_eq!(sources.count("[id='ref-afary1996']"), 1);
    assert_eq!(sources.count("section.sources"), 0);
}
