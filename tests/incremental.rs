//! Rebuilding after an edit, as `gloss serve` does: an edit to the text of
//! existing articles renders only what it touches, and the site in memory
//! afterwards is byte for byte the site a clean render of the edited sources
//! makes. Every other change renders the whole site.

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use gloss::RenderOptions;
use gloss::serve::session::{Rebuilt, Session};

/// A site kept in memory by a session, file by file.
struct Served {
    root: PathBuf,
    session: Session,
    files: BTreeMap<String, Vec<u8>>,
    /// What the last rebuild of changed files rendered, and which of those
    /// came out different from before.
    rendered: Vec<String>,
    differ: Vec<String>,
    /// Whether a rebuild may render an article's or a term's page that
    /// comes out as it was.
    allow_in_vain: bool,
}

impl Served {
    fn start(root: &Path) -> Served {
        let mut session = Session::new(options(root));
        let Ok(Rebuilt::Whole(site)) = session.rebuild(None) else {
            panic!("the first render is whole and succeeds");
        };
        let files = site
            .files
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect();
        Served {
            root: root.to_path_buf(),
            session,
            files,
            rendered: Vec::new(),
            differ: Vec::new(),
            allow_in_vain: false,
        }
    }

    /// Writes each text over the file at its path and rebuilds; the number
    /// of files re-rendered, or `None` for a whole render.
    fn edit(&mut self, edits: &[(&str, &str)]) -> Option<usize> {
        let mut paths = Vec::new();
        for (rel, text) in edits {
            let path = self.root.join(rel);
            fs::write(&path, text).unwrap();
            paths.push(path);
        }
        self.rebuild(&paths)
    }

    /// Rebuilds after the files at `paths` changed, and keeps what it made;
    /// the number of files re-rendered, or `None` for a whole render.
    fn rebuild(&mut self, paths: &[PathBuf]) -> Option<usize> {
        match self
            .session
            .rebuild(Some(paths))
            .expect("the rebuild succeeds")
        {
            Rebuilt::Whole(site) => {
                self.files = site
                    .files
                    .into_iter()
                    .map(|f| (f.path, f.contents))
                    .collect();
                None
            }
            Rebuilt::Changed { files, .. } => {
                let count = files.len();
                self.rendered.clear();
                self.differ.clear();
                for f in files {
                    let before = self.files.insert(f.path.clone(), f.contents);
                    let before = before.unwrap_or_else(|| panic!("new file {}", f.path));
                    if before != self.files[&f.path] {
                        self.differ.push(f.path.clone());
                    }
                    self.rendered.push(f.path);
                }
                self.rendered.sort();
                self.differ.sort();
                let once = self.rendered.windows(2).find(|w| w[0] == w[1]);
                assert!(once.is_none(), "rendered twice: {once:?}");
                let in_vain: Vec<&String> = (self.rendered.iter())
                    .filter(|p| is_article_or_term_page(p) && !self.differ.contains(p))
                    .collect();
                assert!(
                    self.allow_in_vain || in_vain.is_empty(),
                    "rendered as they were: {in_vain:?}"
                );
                Some(count)
            }
        }
    }

    /// Asserts the files in memory are those a clean render makes.
    fn assert_same_as_clean(&self, after: &str) {
        let clean = gloss::render(&options(&self.root)).expect("a clean render");
        let clean: BTreeMap<String, Vec<u8>> = clean
            .files
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect();
        assert_eq!(
            self.files.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>(),
            "after {after}"
        );
        for (path, bytes) in &clean {
            assert!(
                &self.files[path] == bytes,
                "after {after}, {path} differs from a clean render's"
            );
        }
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }
}

/// An article's or a term's own page (`articles/x/index.html`), not a list.
fn is_article_or_term_page(path: &str) -> bool {
    path.split('/').count() == 3
        && path.ends_with("/index.html")
        && !path.starts_with("tags/")
        && !path.starts_with("series/")
        && !path.starts_with("page/")
}

fn options(root: &Path) -> RenderOptions {
    RenderOptions {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    }
}

/// A generated site of 60 articles and 40 terms, every article in its feed.
fn corpus_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let spec = corpus::Spec {
        pages: 60,
        terms: 40,
        seed: 11,
    };
    corpus::generate(&spec, tmp.path()).expect("generate the corpus");
    let root = tmp.path().join("gloss");
    let mut config = fs::read_to_string(root.join("site.toml")).unwrap();
    config.push_str("\n[feed]\nlimit = 0\n");
    fs::write(root.join("site.toml"), config).unwrap();
    (tmp, root)
}

/// The first article file under `content/articles/` whose name starts with `prefix`.
fn article(root: &Path, prefix: &str) -> String {
    let dir = root.join("content/articles");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    format!("content/articles/{}", names[0])
}

#[test]
fn edits_to_article_text_render_alone_and_match_a_clean_render() {
    let (_tmp, root) = corpus_site();
    let mut served = Served::start(&root);
    let a = article(&root, "a00007");
    let b = article(&root, "a00023");
    let text = served.read(&a);

    // A sentence added near the end: only the page itself, nothing listed changes.
    let edited = text.replacen("\n## ", "\nA sentence added late in the day.\n\n## ", 1);
    served.edit(&[(&a, &edited)]).expect("rendered alone");
    // The page, and the search index's files for the words it gained
    // (tests/search.rs holds which they are).
    let pages: Vec<&String> = (served.rendered.iter())
        .filter(|p| !p.starts_with("search-index/"))
        .collect();
    assert!(pages.len() <= 3, "{pages:?} for a plain edit");
    served.assert_same_as_clean("a plain edit");

    // A mention of a term the page did not mention: that term's page too.
    let term_title = first_term_title(&root);
    let edited = format!("{edited}\nIn the end the {term_title} had its say.\n");
    served.edit(&[(&a, &edited)]).expect("rendered alone");
    served.assert_same_as_clean("a new mention");

    // A new opening: the search index changes.
    let body_start = edited[3..].find("+++\n").unwrap() + 3 + 4;
    let edited = format!(
        "{}A new first sentence.\n\n{}",
        &edited[..body_start],
        &edited[body_start..]
    );
    served.edit(&[(&a, &edited)]).expect("rendered alone");
    served.assert_same_as_clean("a new opening");

    // A new title, and a new date: lists, previews, the feed and term pages.
    let retitled = edited.replacen("title = \"", "title = \"Retitled: ", 1);
    served.edit(&[(&a, &retitled)]).expect("rendered alone");
    served.assert_same_as_clean("a new title");
    let redated = retitled.replacen("date = ", "date = 2031-01-01\n# was ", 1);
    served.edit(&[(&a, &redated)]).expect("rendered alone");
    served.assert_same_as_clean("a new date");

    // Two articles saved together.
    let other = served
        .read(&b)
        .replacen("\n## ", "\nAnother added sentence.\n\n## ", 1);
    let back = redated.replacen("Retitled: ", "", 1);
    served
        .edit(&[(&a, &back), (&b, &other)])
        .expect("rendered alone");
    served.assert_same_as_clean("two edits at once");
}

#[test]
fn other_changes_render_the_whole_site_and_errors_leave_nothing_stale() {
    let (_tmp, root) = corpus_site();
    let mut served = Served::start(&root);
    let a = article(&root, "a00003");
    let text = served.read(&a);

    // A broken link is an error; the fix afterwards still ends in the right site.
    let broken = format!("{text}\nSee [nowhere](missing.md).\n");
    fs::write(root.join(&a), &broken).unwrap();
    let failed = served.session.rebuild(Some(&[root.join(&a)]));
    assert!(failed.is_err(), "a broken link fails the rebuild");
    let fixed = format!("{text}\nSee nothing.\n");
    served.edit(&[(&a, &fixed)]);
    served.assert_same_as_clean("an error, then its fix");

    // A term's text renders the whole site.
    let term = root.join("content/glossary");
    let term_file = fs::read_dir(&term)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.ends_with("_index.md"))
        .unwrap();
    let rel = term_file
        .strip_prefix(&root)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let term_text = served.read(&rel) + "\nOne more line.\n";
    assert_eq!(served.edit(&[(&rel, &term_text)]), None, "a whole render");
    served.assert_same_as_clean("a term edit");

    // A new article renders the whole site.
    let new = "content/articles/zz-new.md";
    let body = "+++\ntitle = \"New\"\ndate = 2020-02-02\n+++\nNew text.\n";
    assert_eq!(served.edit(&[(new, body)]), None, "a whole render");
    served.assert_same_as_clean("a new article");
    // After which edits render alone again.
    let count = served.edit(&[(new, &format!("{body}More.\n"))]);
    assert!(count.is_some());
    served.assert_same_as_clean("an edit after a whole render");
}

/// A copy of the demo site (its content, static files, templates and
/// settings) in `tmp/site`.
fn demo_copy(tmp: &Path) -> std::path::PathBuf {
    let root = tmp.join("site");
    corpus::copy_demo(&root).expect("copy the demo site");
    root
}

#[test]
fn the_demo_site_rebuilds_an_edit_alone_and_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let root = demo_copy(tmp.path());
    let mut served = Served::start(&root);
    let rel = "content/articles/tabriz-1909.md";
    let text = served.read(rel);
    // Removing the mentions of a term from the body changes the term's page.
    let body_at = text.rfind("+++\n").unwrap();
    let (front, body) = text.split_at(body_at);
    let edited = format!("{front}{}", body.replace("Tabriz", "the city"));
    assert!(served.edit(&[(rel, &edited)]).is_some());
    served.assert_same_as_clean("terms dropped from the demo article");
    let summary = edited.replacen("summary = \"", "summary = \"Revised. ", 1);
    // Term pages list what mentions them with its summary, which the
    // built-in template leaves out and a site's own may show.
    served.allow_in_vain = true;
    assert!(served.edit(&[(rel, &summary)]).is_some());
    served.assert_same_as_clean("a new summary on the demo article");
}

#[test]
fn edits_to_a_series_part_render_its_neighbours_and_regathered_lists_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let root = demo_copy(tmp.path());
    // Two a page, so the terms' mentions are paged.
    let config = root.join("site.toml");
    let settings = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        format!(
            "{settings}
[lists]\nper_page = 1\n"
        ),
    )
    .unwrap();
    let mut served = Served::start(&root);
    // A term's page shows only the first of its mentions, which a new title
    // of a later one leaves as it was.
    served.allow_in_vain = true;
    let first = "content/articles/before-the-siege.md";
    let text = served.read(first);
    // The next part names the first by its title.
    let retitled = text.replacen(
        "title = \"Before the siege",
        "title = \"Ahead of the siege",
        1,
    );
    assert!(served.edit(&[(first, &retitled)]).is_some());
    assert!(
        served
            .differ
            .contains(&"articles/tabriz-1909/index.html".to_string()),
        "{:?}",
        served.differ
    );
    served.assert_same_as_clean("a series part retitled");
    // Tags, series and parts gather the lists anew: the whole site renders.
    let retagged = retitled.replacen("tags = [\"Iran\"", "tags = [\"Persia\"", 1);
    assert_eq!(served.edit(&[(first, &retagged)]), None);
    served.assert_same_as_clean("a tag renamed");
    let renumbered = retagged.replacen("series_part = 1", "series_part = 3", 1);
    assert_eq!(served.edit(&[(first, &renumbered)]), None);
    served.assert_same_as_clean("a part renumbered");
    let redated = renumbered.replacen("date = 2025-02-22", "date = 2025-02-23", 1);
    assert_eq!(served.edit(&[(first, &redated)]), None);
    served.assert_same_as_clean("a part redated");
    // A mention that takes a term's mentions onto another page.
    let mentioning = redated.replacen("This short piece", "This short piece on the Young Turks", 1);
    assert_eq!(served.edit(&[(first, &mentioning)]), None);
    served.assert_same_as_clean("a mention that adds a page of mentions");
}

/// Writes `text` at `rel` under `root`, making its folders.
fn write_under(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The title of the alphabetically first term of the site at `root`.
fn first_term_title(root: &Path) -> String {
    let dir = root.join("content/glossary");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("_index.md"))
        .collect();
    files.sort();
    let text = fs::read_to_string(&files[0]).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap();
    line.trim_start_matches("title = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn edits_that_move_an_article_or_change_what_others_show_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let write = |rel: &str, text: &str| write_under(&root, rel, text);
    write(
        "site.toml",
        "title = \"Moves\"\nbase_url = \"https://example.org/\"\n[feed]\nlimit = 2\n",
    );
    write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nStart with [the first](articles/a.md).\n",
    );
    write(
        "static/images/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let article = |name: &str, year: u32, extra: &str| {
        format!(
            "+++\ntitle = \"Article {name}\"\ndate = {year}-01-01\nsummary = \"About {name}.\"\n{extra}+++\n\
             The Majlis sat. See [a](a.md), [b](b.md) and [c](c.md).\n"
        )
    };
    let photo = "[photo]\nsrc = \"images/map.svg\"\nalt = \"A map\"\ncredit = \"An archive\"\n";
    write("content/articles/a.md", &article("A", 2020, photo));
    write("content/articles/b.md", &article("B", 2021, ""));
    write("content/articles/c.md", &article("C", 2022, ""));
    write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\nsummary = \"The parliament.\"\n+++\nIt met in [article A](../articles/a.md).\n",
    );
    let mut served = Served::start(&root);
    let a = "content/articles/a.md";

    // Into the feed, which holds the newest two.
    let photo_later = photo.to_string();
    let moved = article("A", 2030, &photo_later);
    assert!(served.edit(&[(a, &moved)]).is_some());
    served.assert_same_as_clean("a date that moves the article into the feed");
    // Out of it again.
    let back = article("A", 2019, &photo_later);
    assert!(served.edit(&[(a, &back)]).is_some());
    served.assert_same_as_clean("a date that moves it out");

    let labelled = back.replacen("summary = ", "label = \"Feature\"\nsummary = ", 1);
    assert!(served.edit(&[(a, &labelled)]).is_some());
    served.assert_same_as_clean("a label");

    let credited = labelled.replace("An archive", "Another archive");
    assert!(served.edit(&[(a, &credited)]).is_some());
    served.assert_same_as_clean("a photo credit");

    // Previewed by the term and the home page.
    let summarised = credited.replace("About A.", "All about A.");
    assert!(served.edit(&[(a, &summarised)]).is_some());
    served.assert_same_as_clean("a summary that a term and the home page preview");

    // A draft leaves the site: the whole site is rendered.
    let draft = summarised.replacen("+++\n", "+++\ndraft = true\n", 1);
    let b = "content/articles/b.md";
    let unlinked = article("B", 2021, "").replace("See [a](a.md), ", "See ");
    let c = "content/articles/c.md";
    let c_unlinked = article("C", 2022, "").replace("See [a](a.md), ", "See ");
    let unlinking = [
        (b, unlinked.as_str()),
        (c, c_unlinked.as_str()),
        (
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nStart anywhere.\n",
        ),
        (
            "content/glossary/majlis.md",
            "+++\ntitle = \"Majlis\"\nsummary = \"The parliament.\"\n+++\nIt met.\n",
        ),
    ];
    assert_eq!(
        served.edit(&unlinking),
        None,
        "a term edited: a whole render"
    );
    assert_eq!(served.edit(&[(a, &draft)]), None, "a whole render");
    served.assert_same_as_clean("a draft");

    // A deleted article: the whole site is rendered.
    fs::remove_file(root.join(b)).unwrap();
    let c_alone = c_unlinked.replace("[b](b.md) and ", "");
    write(c, &c_alone);
    let rebuilt = served.rebuild(&[root.join(b), root.join(c)]);
    assert_eq!(rebuilt, None, "a whole render");
    served.assert_same_as_clean("a deleted article");
}

#[test]
fn edits_to_an_articles_citations_render_its_sources_anew() {
    let tmp = tempfile::tempdir().unwrap();
    let root = demo_copy(tmp.path());
    let mut served = Served::start(&root);
    let rel = "content/articles/tabriz-1909.md";
    let text = served.read(rel);

    // A work cited no more: the article's notes and sources, and the list
    // of every source, which no longer links the article from it.
    let edited = text.replace("[@shuster1912]", "");
    assert_ne!(edited, text);
    assert!(served.edit(&[(rel, &edited)]).is_some(), "rendered alone");
    served.assert_same_as_clean("a citation removed");
    let sources = String::from_utf8(served.files["sources/index.html"].clone()).unwrap();
    let shuster = &sources[sources.find("id=\"ref-shuster1912\"").unwrap()..];
    assert!(
        shuster[..shuster.find("</li>").unwrap()].contains("Not cited"),
        "{shuster}"
    );

    // A locator and a prefix added: the notes change, numbered again.
    let edited = edited.replacen("[@kazemzadeh1968]", "[see @kazemzadeh1968, chap. 9]", 1);
    assert!(served.edit(&[(rel, &edited)]).is_some(), "rendered alone");
    served.assert_same_as_clean("a locator added");

    // The server keeps what the citations were formatted to. An edit to
    // the text alone takes them as they were; any change to a citation or
    // to the notes around it formats them again.
    let prose = edited.replacen("Tabriz", "Tabriz,", 1);
    assert_ne!(prose, edited);
    let changes = [
        ("an edit to the text alone", prose.clone()),
        (
            "another locator",
            prose.replacen("chap. 9]", "chap. 10]", 1),
        ),
        ("the locator as it was", prose.clone()),
        (
            "another prefix",
            prose.replacen("[see @kazemzadeh1968", "[cf. @kazemzadeh1968", 1),
        ),
        (
            "notes between two citations of a work",
            notes_between(&prose),
        ),
        ("the text as it was", edited.clone()),
    ];
    for (change, text) in changes {
        assert!(served.edit(&[(rel, &text)]).is_some(), "rendered alone");
        served.assert_same_as_clean(change);
    }

    // The bibliography itself: the whole site.
    let bib = served
        .read("content/sources.bib")
        .replace("Century Co.", "Century Company");
    assert_eq!(
        served.edit(&[("content/sources.bib", &bib)]),
        None,
        "a whole render"
    );
    served.assert_same_as_clean("an edit to the bibliography");
}

/// `text` with six notes of the author's after its first citation: two
/// citations of one work that were near each other are not now.
fn notes_between(text: &str) -> String {
    let first = "chap. 9]";
    assert!(text.contains(first));
    let marks: String = (1..=6).map(|i| format!("[^added{i}]")).collect();
    let text = text.replacen(first, &format!("{first}{marks}"), 1);
    let notes: String = (1..=6)
        .map(|i| format!("\n[^added{i}]: A note added.\n"))
        .collect();
    format!("{text}{notes}")
}

#[test]
fn edits_to_an_articles_events_render_the_timeline_again() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let write = |rel: &str, text: &str| write_under(&root, rel, text);
    write(
        "site.toml",
        "title = \"Dates\"\nbase_url = \"https://example.org/\"\n[timeline]\nhijri = true\n",
    );
    let article = |title: &str, events: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = 2025-01-01\n{events}+++\nThe Majlis sat.\n")
    };
    let fall = "[[events]]\ndate = 1909-04-29\nlabel = \"Tabriz falls\"\n";
    let entry = "[[events]]\ndate = \"1908-10\"\nlabel = \"Rebels hold the city\"\n";
    write("content/articles/a.md", &article("A", fall));
    write("content/articles/b.md", &article("B", ""));
    write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\n[[events]]\ndate = \"1906-10\"\nlabel = \"First session\"\n+++\nA parliament.\n",
    );
    let mut served = Served::start(&root);
    let a = "content/articles/a.md";
    let timeline =
        |served: &Served| String::from_utf8(served.files["timeline/index.html"].clone()).unwrap();

    // A new event, a changed label, an event moved in time: rendered alone.
    let added = article("A", &format!("{fall}{entry}"));
    served.edit(&[(a, &added)]).expect("rendered alone");
    served.assert_same_as_clean("an event added");
    assert!(timeline(&served).contains("Rebels hold the city"));
    let relabelled = added.replace("Rebels hold the city", "The rebels hold Tabriz");
    served.edit(&[(a, &relabelled)]).expect("rendered alone");
    served.assert_same_as_clean("an event relabelled");
    let moved = relabelled.replace("1909-04-29", "1909-04-30");
    served.edit(&[(a, &moved)]).expect("rendered alone");
    served.assert_same_as_clean("an event moved");

    // A new title shows beside the article's events on the timeline.
    let retitled = moved.replace("title = \"A\"", "title = \"A, retitled\"");
    served.edit(&[(a, &retitled)]).expect("rendered alone");
    served.assert_same_as_clean("a title shown on the timeline");
    assert!(timeline(&served).contains("A, retitled"));

    // Events moved from one article to another, saved together.
    let b = "content/articles/b.md";
    served
        .edit(&[
            (a, &article("A", "")),
            (b, &article("B", &format!("{fall}{entry}"))),
        ])
        .expect("rendered alone");
    served.assert_same_as_clean("events moved between articles");

    // A bad date is reported by a whole render; its fix ends in the right site.
    let bad = article("A", "[[events]]\ndate = 1911\nend = 1905\nlabel = \"x\"\n");
    fs::write(root.join(a), &bad).unwrap();
    assert!(served.session.rebuild(Some(&[root.join(a)])).is_err());
    served.edit(&[(a, &article("A", ""))]);
    served.assert_same_as_clean("a bad event, then its fix");

    // The last events gone: the site loses its timeline, and every page
    // its link to it, in a whole render.
    write(
        "content/glossary/majlis.md",
        "+++\ntitle = \"Majlis\"\n+++\nA parliament.\n",
    );
    served.rebuild(&[root.join("content/glossary/majlis.md")]);
    assert_eq!(
        served.edit(&[(b, &article("B", ""))]),
        None,
        "a whole render"
    );
    served.assert_same_as_clean("the last events removed");
    assert!(!served.files.contains_key("timeline/index.html"));
    // And gains it again.
    assert_eq!(
        served.edit(&[(a, &article("A", fall))]),
        None,
        "a whole render"
    );
    served.assert_same_as_clean("a first event");
    assert!(timeline(&served).contains("Tabriz falls"));
}

#[test]
fn edits_on_a_site_with_places_keep_its_map_and_locators_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(&common::fixtures().join("places"), &root);
    let mut served = Served::start(&root);
    let rel = "content/articles/march.md";
    let text = served.read(rel);
    // Julfa is no longer mentioned: its page, locator and all, renders again.
    let edited = text.replace(" at Julfa", "");
    assert_ne!(edited, text);
    assert!(served.edit(&[(rel, &edited)]).is_some());
    served.assert_same_as_clean("a place no longer mentioned");
    // The map page's text links the article, so it previews the new title.
    let retitled = edited.replace("The March South", "The Road to Tabriz");
    assert!(served.edit(&[(rel, &retitled)]).is_some());
    let map = String::from_utf8(served.files["map/index.html"].clone()).unwrap();
    assert!(map.contains("The Road to Tabriz"), "the map page's preview");
    served.assert_same_as_clean("a new title, which the map page previews");
    // A place moved is a term edited: the whole site renders.
    let term = "content/glossary/baku.md";
    let moved = served.read(term).replace("lon = 49.867", "lon = 49.9");
    assert_eq!(served.edit(&[(term, &moved)]), None);
    served.assert_same_as_clean("a place moved");
}

#[test]
fn edits_that_change_what_articles_share_render_the_related_reading_anew() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let write = |rel: &str, text: &str| write_under(&root, rel, text);
    write(
        "site.toml",
        "title = \"R\"\nbase_url = \"https://example.org/\"\n",
    );
    for (slug, title) in [("majlis", "Majlis"), ("tabriz", "Tabriz")] {
        write(
            &format!("content/glossary/{slug}.md"),
            &format!("+++\ntitle = \"{title}\"\nsummary = \"A term.\"\n+++\nText.\n"),
        );
    }
    let article = |title: &str, day: u32, body: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = 2025-01-0{day}\n+++\n{body}\n")
    };
    write("content/articles/a.md", &article("A", 1, "The Majlis."));
    write(
        "content/articles/b.md",
        &article("B", 2, "The Majlis in Tabriz."),
    );
    write("content/articles/c.md", &article("C", 3, "Tabriz."));
    let mut served = Served::start(&root);
    let c = "content/articles/c.md";
    let page = |name: &str| format!("articles/{name}/index.html");

    // C comes to mention the Majlis: A now shares a term with it.
    let mentioning = article("C", 3, "Tabriz and the Majlis.");
    assert!(served.edit(&[(c, &mentioning)]).is_some());
    assert!(served.differ.contains(&page("a")), "{:?}", served.differ);
    served.assert_same_as_clean("a new mention");
    // Renamed, it is named anew wherever it is related reading.
    let renamed = article("C renamed", 3, "Tabriz and the Majlis.");
    assert!(served.edit(&[(c, &renamed)]).is_some());
    for name in ["a", "b"] {
        assert!(served.differ.contains(&page(name)), "{:?}", served.differ);
    }
    served.assert_same_as_clean("a new title");
    // It mentions nothing: no one's related reading.
    let silent = article("C renamed", 3, "Nothing.");
    assert!(served.edit(&[(c, &silent)]).is_some());
    served.assert_same_as_clean("mentions dropped");
}

#[test]
fn edits_to_an_articles_authors_and_versions_render_its_feed_and_sitemap() {
    let tmp = tempfile::tempdir().unwrap();
    let root = demo_copy(tmp.path());
    let mut served = Served::start(&root);
    let rel = "content/articles/before-the-siege.md";
    let text = served.read(rel);
    let page = "articles/before-the-siege/index.html".to_string();
    let versioned = text.replacen(
        "date = 2025-02-22\n",
        "date = 2025-02-22\nupdated = 2025-04-01\nauthors = [{ name = \"A. Writer\" }, \
         { name = \"B. Reader\", role = \"editor\" }]\n",
        1,
    );
    let versioned = versioned.replacen(
        "\n+++\n",
        "\n[[corrections]]\ndate = 2025-03-05\ntext = \"A word of the *majlis* made plain.\"\n+++\n",
        1,
    );
    assert!(served.edit(&[(rel, &versioned)]).is_some());
    for file in [&page, "atom.xml", "sitemap.xml"] {
        assert!(
            served.differ.iter().any(|d| d == file),
            "{file}: {:?}",
            served.differ
        );
    }
    served.assert_same_as_clean("authors, updated and a correction added");
    // A later correction moves the last change alone: the page, the feed's
    // entry and the sitemap's date.
    let corrected = versioned.replacen("date = 2025-03-05", "date = 2025-04-09", 1);
    assert!(served.edit(&[(rel, &corrected)]).is_some());
    for file in [&page, "atom.xml", "sitemap.xml"] {
        assert!(
            served.differ.iter().any(|d| d == file),
            "{file}: {:?}",
            served.differ
        );
    }
    served.assert_same_as_clean("a correction redated");
    // Another editor shows on the page and in the feed; the sitemap is as it was.
    let edited = corrected.replacen("B. Reader", "C. Reader", 1);
    assert!(served.edit(&[(rel, &edited)]).is_some());
    assert!(
        served.differ.contains(&"atom.xml".to_string()),
        "{:?}",
        served.differ
    );
    assert!(!served.rendered.contains(&"sitemap.xml".to_string()));
    served.assert_same_as_clean("an editor renamed");
}
