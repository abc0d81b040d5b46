//! The search index (`search-index/`): every word of every article and
//! glossary entry, folded, in shards by prefix that a query fetches only
//! as it needs them, with a fragment per page for the hits shown; and the
//! same files after an edit under `gloss serve` as after a clean build.
//!
//! The shards are read here as the reader's script reads them: the
//! manifest's keys, the shard whose key is the longest prefix of a word,
//! and each shard's words with their pages and weights.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{Site, files_below};
use gloss::RenderOptions;
use gloss::search::fold;
use gloss::serve::session::{Rebuilt, Session};
use serde_json::Value;

const TITLE: u32 = 1;
const ALIAS: u32 = 2;
const TAG: u32 = 4;
const TEXT: u32 = 8;

/// The built index, read back.
struct Index {
    pages: usize,
    fragment_pages: usize,
    /// Each shard's key and size, as the manifest lists them.
    keys: Vec<(String, usize)>,
    /// Each shard's words, with their postings `(page, weight)`.
    shards: Vec<BTreeMap<String, Vec<(u32, u32)>>>,
    root: std::path::PathBuf,
}

impl Index {
    fn read(public: &Path) -> Index {
        let root = public.join("search-index");
        let manifest: Value =
            serde_json::from_str(&fs::read_to_string(root.join("index.json")).unwrap()).unwrap();
        assert_eq!(manifest["version"], 1);
        let keys: Vec<(String, usize)> = (manifest["shards"].as_array().unwrap().iter())
            .map(|s| {
                (
                    s[0].as_str().unwrap().to_string(),
                    s[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let shards = (0..keys.len())
            .map(|n| {
                let bytes = fs::read(root.join(format!("s/{n}.bin"))).unwrap();
                assert_eq!(bytes.len(), keys[n].1, "shard {n}'s size in the manifest");
                decode(&bytes)
            })
            .collect();
        Index {
            pages: manifest["pages"].as_u64().unwrap() as usize,
            fragment_pages: manifest["fragment_pages"].as_u64().unwrap() as usize,
            keys,
            shards,
            root,
        }
    }

    /// The shard a word is in: the one whose key is its longest prefix.
    fn shard_of(&self, word: &str) -> Option<usize> {
        (self.keys.iter().enumerate())
            .filter(|(_, (k, _))| word.starts_with(k.as_str()))
            .max_by_key(|(_, (k, _))| k.len())
            .map(|(n, _)| n)
    }

    /// The shards holding the words `prefix` starts.
    fn shards_starting(&self, prefix: &str) -> Vec<usize> {
        let own = self.shard_of(prefix);
        let mut list: Vec<usize> = own.into_iter().collect();
        list.extend(
            (self.keys.iter().enumerate())
                .filter(|(n, (k, _))| Some(*n) != own && k.starts_with(prefix))
                .map(|(n, _)| n),
        );
        list
    }

    /// A word's postings, read from its one shard.
    fn postings(&self, word: &str) -> Vec<(u32, u32)> {
        let folded = fold::words(word).join(" ");
        self.shard_of(&folded)
            .and_then(|n| self.shards[n].get(&folded).cloned())
            .unwrap_or_default()
    }

    /// The pages holding every word of `query` (the last one as a prefix),
    /// by their URLs.
    fn query(&self, query: &str) -> Vec<String> {
        let words = fold::words(query);
        let Some((last, whole)) = words.split_last() else {
            return Vec::new();
        };
        let mut sets: Vec<std::collections::BTreeSet<u32>> = (whole.iter())
            .map(|w| self.postings(w).into_iter().map(|p| p.0).collect())
            .collect();
        let mut prefixed = std::collections::BTreeSet::new();
        for n in self.shards_starting(last) {
            for (word, postings) in &self.shards[n] {
                if word.starts_with(last.as_str()) {
                    prefixed.extend(postings.iter().map(|p| p.0));
                }
            }
        }
        sets.push(prefixed);
        let mut pages = sets[0].clone();
        for set in &sets[1..] {
            pages.retain(|p| set.contains(p));
        }
        pages
            .into_iter()
            .map(|p| self.fragment(p)["url"].as_str().unwrap().to_string())
            .collect()
    }

    /// Page `page`'s fragment, from its file of `fragment_pages`.
    fn fragment(&self, page: u32) -> Value {
        let per = self.fragment_pages as u32;
        let path = self.root.join(format!("p/{}.json", page / per));
        let file: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        file[(page % per) as usize].clone()
    }
}

fn varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut n, mut shift) = (0u32, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

fn decode(bytes: &[u8]) -> BTreeMap<String, Vec<(u32, u32)>> {
    let mut words = BTreeMap::new();
    let mut at = 0;
    while at < bytes.len() {
        let length = varint(bytes, &mut at) as usize;
        let word = String::from_utf8(bytes[at..at + length].to_vec()).unwrap();
        at += length;
        let count = varint(bytes, &mut at);
        let mut page = 0;
        let postings = (0..count)
            .map(|_| {
                page += varint(bytes, &mut at);
                (page, varint(bytes, &mut at))
            })
            .collect();
        words.insert(word, postings);
    }
    words
}

/// A small site: an article whose rarest word is at its very end, a term
/// with accents, an alias and a native form, and a page in transliteration.
fn site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Search\"\nbase_url = \"https://example.org/history/\"\n",
    );
    let filler =
        "The siege went on, and the city held its ground for another week.\n\n".repeat(400);
    site.write(
        "content/articles/siege.md",
        format!(
            "+++\ntitle = \"The Siege of Tabriz\"\nsummary = \"How the city held.\"\n+++\n\
             {filler}At the very end the zanjirbaf guild opened its stores.[^1]\n\n\
             [^1]: The last of the hidden granaries.\n"
        ),
    );
    site.write(
        "content/articles/shia.md",
        "+++\ntitle = \"Clerics\"\nsummary = \"\"\n+++\n\
         The Shīʿa clergy of the Qājār realm took sides; the ʿulamāʾ were divided.\n",
    );
    site.write(
        "content/glossary/qajar.md",
        "+++\ntitle = \"Qājār dynasty\"\naliases = [\"Kadjar\"]\nnative = \"قاجار\"\nlang = \"fa\"\n\
         summary = \"The dynasty that ruled Persia.\"\n+++\nRulers of Persia from 1789.\n",
    );
    site
}

#[test]
fn the_index_is_a_manifest_shards_and_a_fragment_a_page() {
    let site = site();
    site.build_ok(&[]);
    let public = site.public();
    assert!(
        !public.join("search.json").exists(),
        "the old index is gone"
    );
    let index = Index::read(&public);
    assert_eq!(index.pages, 3);
    let mut files = files_below(&public.join("search-index"));
    files.sort();
    let mut expected: Vec<String> = vec!["index.json".into()];
    expected.extend((0..index.keys.len()).map(|n| format!("s/{n}.bin")));
    // Three pages, their fragments in two files.
    assert_eq!(index.fragment_pages, 2);
    expected.extend(["p/0.json".into(), "p/1.json".into()]);
    expected.sort();
    assert_eq!(files, expected);
    // Articles first, then terms.
    let kinds: Vec<(String, String)> = (0..3)
        .map(|p| {
            let f = index.fragment(p);
            (
                f["kind"].as_str().unwrap().into(),
                f["url"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("article".into(), "/history/articles/shia/".into()),
            ("article".into(), "/history/articles/siege/".into()),
            ("term".into(), "/history/glossary/qajar/".into()),
        ]
    );
    // Every page refers to the index's folder.
    let page = site.page("index.html");
    assert_eq!(
        page.attr("#gloss-search", "data-index"),
        "/history/search-index/"
    );
}

#[test]
fn the_whole_text_is_searched_to_its_last_note() {
    let site = site();
    site.build_ok(&[]);
    let index = Index::read(&site.public());
    assert_eq!(index.query("zanjirbaf"), ["/history/articles/siege/"]);
    assert_eq!(
        index.query("hidden granaries"),
        ["/history/articles/siege/"]
    );
    assert_eq!(index.query("granar"), ["/history/articles/siege/"]);
    assert_eq!(
        index.query("zanjirbaf clergy"),
        Vec::<String>::new(),
        "every word must match"
    );
    // The fragment holds the whole text, so an excerpt can be cut there.
    let siege = index.fragment(1);
    let text = siege["text"].as_str().unwrap();
    assert!(
        text.starts_with("How the city held. The siege went on"),
        "{}",
        &text[..80]
    );
    assert!(
        text.ends_with("The last of the hidden granaries."),
        "{}",
        &text[text.len() - 80..]
    );
    assert!(!text.contains('<'));
    assert_eq!(siege["title"], "The Siege of Tabriz");
}

#[test]
fn accents_case_and_transliteration_marks_are_folded_away() {
    let site = site();
    site.build_ok(&[]);
    let index = Index::read(&site.public());
    let both = ["/history/articles/shia/", "/history/glossary/qajar/"];
    assert_eq!(index.query("Qajar"), both);
    assert_eq!(index.query("qājār"), both);
    assert_eq!(index.query("QAJ"), both);
    assert_eq!(index.query("shia"), ["/history/articles/shia/"]);
    assert_eq!(index.query("Shi'a ulama"), ["/history/articles/shia/"]);
    assert_eq!(index.query("kadjar"), ["/history/glossary/qajar/"]);
    assert_eq!(index.query("قاجار"), ["/history/glossary/qajar/"]);
    // The words are stored folded.
    let words: Vec<&String> = index.shards.iter().flat_map(|s| s.keys()).collect();
    assert!(words.iter().any(|w| *w == "ulama"), "{words:?}");
    assert!(
        !words.iter().any(|w| w.contains(['ā', 'ʿ', 'Q'])),
        "{words:?}"
    );
}

#[test]
fn titles_aliases_and_text_are_weighed_apart() {
    let site = site();
    site.build_ok(&[]);
    let index = Index::read(&site.public());
    let qajar = index.postings("qajar");
    // In the text of the article (page 0), in the term's title (page 2).
    assert_eq!(qajar, [(0, TEXT), (2, TITLE)]);
    assert_eq!(index.postings("kadjar"), [(2, ALIAS)]);
    let siege = index.postings("siege");
    assert_eq!(siege, [(1, TITLE | (400 * TEXT))]);
    assert_eq!(index.postings("persia"), [(2, 2 * TEXT)]);
}

#[test]
fn an_articles_tags_are_searched_as_tags() {
    let site = site();
    site.write(
        "content/articles/tagged.md",
        "+++\ntitle = \"Notes\"\ntags = [\"Zanjan\", \"Kāshān\"]\n+++\nOn the roads.\n",
    );
    site.build_ok(&[]);
    let index = Index::read(&site.public());
    let tagged = |word: &str| {
        let postings = index.postings(word);
        assert_eq!(postings.len(), 1, "{word}: {postings:?}");
        index.fragment(postings[0].0)["url"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(tagged("zanjan"), "/history/articles/tagged/");
    assert_eq!(tagged("kashan"), "/history/articles/tagged/");
    assert_eq!(index.postings("kashan")[0].1, TAG);
}

/// A site of `n` articles, each with words of its own and words they share.
fn large_site(n: usize) -> Site {
    let site = Site::empty();
    site.write("site.toml", "title = \"Large\"\nbase_url = \"/\"\n");
    for i in 0..n {
        let own: Vec<String> = (0..40).map(|k| format!("w{i}x{k}")).collect();
        site.write(
            &format!("content/articles/a{i:04}.md"),
            format!(
                "+++\ntitle = \"Article {i}\"\nsummary = \"One of many.\"\n+++\n\
                 The common words of every page, and then its own: {}.\n\n\
                 A rare word here: {}.\n",
                own.join(" "),
                if i == n / 2 { "zygodactyl" } else { "nothing" },
            ),
        );
    }
    site
}

#[test]
fn a_query_needs_only_the_shards_of_its_words() {
    let site = large_site(400);
    site.build_ok(&[]);
    let index = Index::read(&site.public());
    assert!(index.keys.len() > 20, "{} shards", index.keys.len());
    let total: usize = index.keys.iter().map(|k| k.1).sum();
    for (n, shard) in index.shards.iter().enumerate() {
        let (key, bytes) = &index.keys[n];
        // Small enough to fetch, unless it is one word alone.
        assert!(
            *bytes <= 12 * 1024 || shard.len() == 1,
            "shard {key:?}: {bytes} B"
        );
        // Each word is in the shard its longest prefix names, and only there.
        for word in shard.keys() {
            assert!(word.starts_with(key.as_str()));
            assert_eq!(index.shard_of(word), Some(n), "{word} in shard {key:?}");
        }
    }
    // A rare word is in one small shard.
    let rare = index.shard_of("zygodactyl").unwrap();
    assert!(index.shards[rare].contains_key("zygodactyl"));
    assert!(
        index.keys[rare].1 * 20 < total,
        "{} of {total} B",
        index.keys[rare].1
    );
    assert_eq!(index.query("zygo"), ["/articles/a0200/"]);
    assert_eq!(index.postings("the").len(), 400);
    // A prefix fetches the shards of the words it starts and no others.
    let prefixed = index.shards_starting("w12x");
    assert!(!prefixed.is_empty());
    let bytes: usize = prefixed.iter().map(|&n| index.keys[n].1).sum();
    assert!(bytes * 10 < total, "{bytes} of {total} B for \"w12x\"");
    assert_eq!(index.query("w12x3"), ["/articles/a0012/"]);
}

#[test]
fn no_page_may_take_the_index_folder() {
    let site = site();
    site.write(
        "content/search-index.md",
        "+++\ntitle = \"Mine\"\nsummary = \"\"\n+++\nText.\n",
    );
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("where the build writes its own page");
}

fn options(root: &Path) -> RenderOptions {
    RenderOptions {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Default::default()
    }
}

fn files(site: gloss::RenderedSite) -> BTreeMap<String, Vec<u8>> {
    site.files
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect()
}

#[test]
fn an_edit_under_serve_gives_the_index_a_clean_build_makes() {
    let site = large_site(300);
    let root = site.root();
    let mut session = Session::new(options(&root));
    let Ok(Rebuilt::Whole(first)) = session.rebuild(None) else {
        panic!("the first render succeeds");
    };
    let mut served = files(first);
    let path = root.join("content/articles/a0007.md");
    let text = fs::read_to_string(&path).unwrap();
    let edits = [
        // A new word, a word gone, a word more often.
        text.replace("A rare word here", "A rarer word here, here"),
        // A new title.
        text.replace("title = \"Article 7\"", "title = \"Article number 7\""),
        // Back as it was.
        text.clone(),
    ];
    for (i, edited) in edits.iter().enumerate() {
        fs::write(&path, edited).unwrap();
        match (session.rebuild(Some(std::slice::from_ref(&path)))).expect("the edit renders") {
            Rebuilt::Changed { files, .. } => {
                let index_files: Vec<&str> = (files.iter())
                    .map(|f| f.path.as_str())
                    .filter(|p| p.starts_with("search-index/"))
                    .collect();
                assert!(
                    index_files.contains(&"search-index/p/3.json")
                        && index_files.contains(&"search-index/index.json"),
                    "edit {i}: {index_files:?}"
                );
                // Only the shards of the words that changed.
                let shards = index_files.iter().filter(|p| p.contains("/s/")).count();
                assert!((1..=6).contains(&shards), "edit {i}: {index_files:?}");
                for f in files {
                    served.insert(f.path, f.contents);
                }
            }
            Rebuilt::Whole(_) => panic!("edit {i} rendered the whole site"),
        }
        let clean = files(gloss::render(&options(&root)).expect("a clean render"));
        let index = |f: &BTreeMap<String, Vec<u8>>| -> Vec<(String, Vec<u8>)> {
            (f.iter())
                .filter(|(p, _)| p.starts_with("search-index/"))
                .map(|(p, b)| (p.clone(), b.clone()))
                .collect()
        };
        assert!(
            index(&served) == index(&clean),
            "edit {i}: the index differs from a clean build's"
        );
        assert!(
            served == clean,
            "edit {i}: the site differs from a clean build's"
        );
    }
}

#[test]
fn an_edit_that_cuts_the_shards_otherwise_renders_the_whole_site() {
    let site = large_site(300);
    let root = site.root();
    let mut session = Session::new(options(&root));
    let Ok(Rebuilt::Whole(_)) = session.rebuild(None) else {
        panic!("the first render succeeds");
    };
    // Words no page had, under letters no page used: new shards.
    let path = root.join("content/articles/a0007.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\nQuixotic jabberwocky.\n")).unwrap();
    let rebuilt = session.rebuild(Some(&[path])).expect("the edit renders");
    let Rebuilt::Whole(whole) = rebuilt else {
        panic!("new shards need the whole site rendered");
    };
    let clean = gloss::render(&options(&root)).expect("a clean render");
    assert!(files(whole) == files(clean));
}
