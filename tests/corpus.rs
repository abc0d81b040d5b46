//! The benchmark corpus (`benches/corpus/`): the same seed writes the same
//! bytes, and the gloss site it writes builds without a single diagnostic,
//! one page per article and term, with nested term names linked to the
//! longest.

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;

use common::{Page, files_below, read_text, snapshot, term_links};
use corpus::{Spec, Summary};

const SMALL: Spec = Spec {
    pages: 40,
    terms: 30,
    seed: 7,
};

fn generate(spec: &Spec, out: &Path) -> Summary {
    corpus::generate(spec, out).expect("generate the corpus")
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    generate(&SMALL, &a);
    generate(&SMALL, &b);
    generate(&Spec { seed: 8, ..SMALL }, &c);
    let first = snapshot(&a);
    let second = snapshot(&b);
    assert!(first.len() > 200, "{} files", first.len());
    assert!(
        first.keys().eq(second.keys()),
        "two runs with one seed differ"
    );
    for (path, bytes) in &first {
        assert!(
            *bytes == second[path],
            "two runs with one seed differ in {}",
            path.display()
        );
    }
    assert!(first != snapshot(&c), "another seed wrote the same corpus");
}

#[test]
fn it_will_not_write_over_a_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    generate(&SMALL, tmp.path());
    let again = corpus::generate(&SMALL, tmp.path());
    assert!(again.is_err());
}

#[test]
fn the_trees_hold_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = generate(&SMALL, tmp.path());
    assert_eq!((summary.pages, summary.terms), (40, 30));
    let bare = files_below(&tmp.path().join("bare"));
    assert_eq!(bare.len(), 70, "{bare:#?}");
    assert!(bare.iter().all(|f| f.ends_with(".md")));
    for tree in ["gloss/content", "hugo/content"] {
        let content = files_below(&tmp.path().join(tree));
        // The pages, plus the home page's and the glossary's text.
        assert_eq!(content.len(), 72, "{tree}: {content:#?}");
        for file in &bare {
            assert!(content.contains(file), "{tree} lacks {file}");
        }
    }
    // Hugo gets its own link form and no `aliases`, which it reads as URLs.
    let hugo = snapshot(&tmp.path().join("hugo/content"));
    for (path, bytes) in &hugo {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(".md)"),
            "{}: a Markdown link",
            path.display()
        );
        assert!(!text.contains("\naliases ="), "{}: aliases", path.display());
    }
    // Each article is within the length asked for.
    for file in bare.iter().filter(|f| f.starts_with("articles/")) {
        let words = corpus::count_words(&read_text(&tmp.path().join("bare").join(file)));
        assert!((600..=900).contains(&words), "{file}: {words} words");
    }
}

#[test]
fn the_gloss_site_builds_cleanly_and_links_the_longest_name() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = generate(&SMALL, tmp.path());
    let root = tmp.path().join("gloss");
    let output = tmp.path().join("public");
    let report = gloss::build(&gloss::BuildOptions {
        site: gloss::RenderOptions {
            root: root.clone(),
            ..Default::default()
        },
        output: Some(output.clone()),
    })
    .unwrap_or_else(|diagnostics| panic!("the corpus should build:\n{diagnostics}"));
    assert!(
        report.warnings.is_empty(),
        "the corpus should build without warnings:\n{}",
        report.warnings
    );
    assert_eq!((report.articles, report.terms), (40, 30));

    let built = files_below(&output);
    for source in files_below(&root.join("content")) {
        let Some(page) = source.strip_suffix(".md") else {
            continue;
        };
        if page.ends_with("_index") {
            continue;
        }
        let html = format!("{page}/index.html");
        assert!(built.contains(&html), "no {html} for {source}");
    }

    let nested = summary.nested.expect("the corpus names a nested mention");
    let (long, short) = (&nested.long, &nested.short);
    assert!(
        long.1.len() > short.1.len() && long.1.ends_with(&format!(" {}", short.1)),
        "{long:?} should contain {short:?}"
    );
    let page = Page::parse(read_text(&output.join(&nested.article).join("index.html")));
    let links = term_links(page.containing("p", &nested.marker));
    assert_eq!(
        links[..2],
        [long.clone(), short.clone()],
        "the longest name links to its own term, the shorter one after it to its own"
    );
}
