//! The search index: every word of every article and glossary entry, in
//! files a reader's browser fetches only as a query needs them.
//!
//! Under `search-index/` at the output root:
//!
//! - `index.json`, the manifest: how many pages, and the shards, each named
//!   by the prefix its words share, with its size in bytes;
//! - `s/<n>.bin`, shard `n` of the manifest's list: its words, each with the
//!   pages holding it and where (the title, an alias, a tag, or the text so
//!   many times);
//! - `p/<n>.json`, the fragments of pages `2n` and `2n + 1`: each page's
//!   kind, title, URL and text, from which a hit's excerpt is cut.
//!
//! Words are folded ([`fold`]) before they are indexed, and the script folds
//! a query the same way. A word is in the shard of the longest prefix in the
//! manifest that it starts with; a shard holding too many bytes is split by
//! the next letter, so a query fetches the few shards its words start with.
//!
//! The stage is given plain text and names ([`Doc`]), not pages: the render
//! stage says what a page's text is.

pub mod fold;
mod shards;

use std::collections::hash_map::Entry;
use std::sync::Mutex;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use serde::Serialize;

pub use shards::Shard;

/// The folder of the index, under the output root.
pub const FOLDER: &str = "search-index";
/// The manifest, under the output root.
pub const MANIFEST: &str = "search-index/index.json";

/// Where a word is on a page: a bit for each field, and the times it is in
/// the text above them.
pub mod weight {
    pub const TITLE: u32 = 1;
    /// An alias, or a term's form in its own script.
    pub const ALIAS: u32 = 2;
    pub const TAG: u32 = 4;
    /// Each time the word is in the text adds this.
    pub const TEXT: u32 = 8;
}

/// What a page is, as a hit says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Article,
    Term,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Term => "term",
        }
    }
}

/// One page as search sees it.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub url: &'a str,
    /// Other names: a term's aliases and its form in its own script.
    pub aliases: Vec<&'a str>,
    /// An article's tags.
    pub tags: Vec<&'a str>,
    /// The summary, shown first.
    pub summary: &'a str,
    /// The whole text of the page's body, as plain text.
    pub text: &'a str,
}

impl Doc<'_> {
    /// The text a hit's excerpt is cut from: the summary, then the body.
    fn full_text(&self) -> String {
        let summary = self.summary.trim();
        let text = self.text.trim();
        match (summary.is_empty(), text.is_empty()) {
            (true, _) => text.to_string(),
            (false, true) => summary.to_string(),
            (false, false) => format!("{summary} {text}"),
        }
    }

    /// Hands each word of the page, folded, to `f` with what it adds to
    /// the word's weight on the page: the fields' bits first, then each
    /// occurrence in the text.
    fn each_word(&self, mut f: impl FnMut(&str, Weigh)) {
        let mut word = String::with_capacity(64);
        let fields = std::iter::once((self.title, weight::TITLE))
            .chain(self.aliases.iter().map(|a| (*a, weight::ALIAS)))
            .chain(self.tags.iter().map(|t| (*t, weight::TAG)));
        for (text, bit) in fields {
            fold::each_word(text, &mut word, |w| f(w, Weigh::Field(bit)));
        }
        for text in [self.summary, self.text] {
            fold::each_word(text, &mut word, |w| f(w, Weigh::Text));
        }
    }

    /// The page's fragment, one of its file's.
    pub fn fragment(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Fragment<'a> {
            kind: &'static str,
            title: &'a str,
            url: &'a str,
            text: &'a str,
        }
        let text = self.full_text();
        let fragment = Fragment {
            kind: self.kind.name(),
            title: self.title,
            url: self.url,
            text: &text,
        };
        let mut json = serde_json::to_vec(&fragment).expect("fragments serialise");
        json.push(b'\n');
        json
    }
}

/// How many pages' fragments one file holds. A file a page would cost
/// the build more than the text (BENCHMARKS.md, "Search"); the hits a query
/// shows fetch a few more pages' text than they need.
pub const FRAGMENT_PAGES: usize = 2;

/// Where page `id`'s fragment is written, under the output root: in the
/// file of its group of [`FRAGMENT_PAGES`].
pub fn fragment_path(id: usize) -> String {
    format!("{FOLDER}/p/{}.json", id / FRAGMENT_PAGES)
}

/// The pages whose fragments share page `id`'s file.
pub fn fragment_group(id: usize, pages: usize) -> std::ops::Range<usize> {
    let start = id - id % FRAGMENT_PAGES;
    start..(start + FRAGMENT_PAGES).min(pages)
}

/// A file of fragments: a JSON array of its pages' fragments, in order.
pub fn fragment_file(fragments: &[Vec<u8>]) -> Vec<u8> {
    let mut json = Vec::with_capacity(fragments.iter().map(|f| f.len() + 1).sum::<usize>() + 2);
    json.push(b'[');
    for (i, fragment) in fragments.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(fragment.trim_ascii_end());
    }
    json.extend_from_slice(b"]\n");
    json
}

/// The fragments of the pages as they render, in any order, each file
/// handed back once its pages are all there.
pub struct Fragments {
    pages: usize,
    waiting: Mutex<FxHashMap<usize, Vec<Option<Vec<u8>>>>>,
}

impl Fragments {
    /// The fragments of a site of `pages` pages.
    pub fn new(pages: usize) -> Fragments {
        Fragments {
            pages,
            waiting: Mutex::default(),
        }
    }

    /// Page `id`'s fragment: its file's path and contents if the other
    /// pages of the file are already in.
    pub fn put(&self, id: usize, fragment: Vec<u8>) -> Option<(String, Vec<u8>)> {
        let group = fragment_group(id, self.pages);
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let slots = waiting
            .entry(group.start)
            .or_insert_with(|| vec![None; group.len()]);
        slots[id - group.start] = Some(fragment);
        if slots.iter().any(Option::is_none) {
            return None;
        }
        let done: Vec<Vec<u8>> = (waiting.remove(&group.start)?.into_iter())
            .flatten()
            .collect();
        Some((fragment_path(id), fragment_file(&done)))
    }
}

/// What one occurrence of a word adds to its weight on a page.
#[derive(Debug, Clone, Copy)]
enum Weigh {
    /// It is in the title, an alias or a tag: that field's bit.
    Field(u32),
    /// Once more in the text.
    Text,
}

impl Weigh {
    fn apply(self, weight: &mut u32) {
        match self {
            Weigh::Field(bit) => *weight |= bit,
            Weigh::Text => *weight = weight.saturating_add(weight::TEXT),
        }
    }
}

/// The words of one page and their weights, owned: what an edit compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageWords(Vec<(Box<str>, u32)>);

impl PageWords {
    pub fn of(doc: &Doc) -> PageWords {
        let mut weights: FxHashMap<Box<str>, u32> = FxHashMap::default();
        doc.each_word(|word, weigh| match weights.get_mut(word) {
            Some(weight) => weigh.apply(weight),
            None => weigh.apply(weights.entry(word.into()).or_default()),
        });
        let mut words: Vec<(Box<str>, u32)> = weights.into_iter().collect();
        words.sort_unstable();
        PageWords(words)
    }
}

/// One posting: a page and the word's weight on it.
type Posting = (u32, u32);

/// A word's postings as pages are added: its latest page's, where an
/// occurrence adds to the weight, kept beside the word and out of the list
/// until a later page holds the word.
#[derive(Debug)]
struct Postings {
    latest: Posting,
    earlier: Vec<Posting>,
}

impl Postings {
    fn new(page: u32, weigh: Weigh) -> Postings {
        let mut weight = 0;
        weigh.apply(&mut weight);
        Postings {
            latest: (page, weight),
            earlier: Vec::new(),
        }
    }

    fn add(&mut self, page: u32, weigh: Weigh) {
        if self.latest.0 != page {
            self.earlier.push(self.latest);
            self.latest = (page, 0);
        }
        weigh.apply(&mut self.latest.1);
    }

    fn into_vec(self) -> Vec<Posting> {
        let mut all = self.earlier;
        all.push(self.latest);
        all
    }
}

/// The words of some pages, with their postings. Nearly every word fits
/// in its key, with no allocation of its own to reach when it is looked up.
type Part = FxHashMap<CompactString, Postings>;

/// The index as pages are added to it, from any thread: a part for each
/// thread of the pool, so that threads do not wait for each other.
pub struct Builder {
    parts: Vec<Mutex<Part>>,
}

impl Default for Builder {
    fn default() -> Self {
        let threads = rayon::current_num_threads().max(1);
        Builder {
            parts: (0..threads).map(|_| Mutex::default()).collect(),
        }
    }
}

impl Builder {
    /// Adds page `id`, whose words are `doc`'s: straight into this
    /// thread's postings.
    pub fn add(&self, id: usize, doc: &Doc) {
        let id = page_number(id);
        let part = rayon::current_thread_index().unwrap_or(0) % self.parts.len();
        let mut words = self.parts[part].lock().unwrap_or_else(|e| e.into_inner());
        doc.each_word(|word, weigh| match words.get_mut(word) {
            Some(postings) => postings.add(id, weigh),
            None => {
                words.insert(word.into(), Postings::new(id, weigh));
            }
        });
    }

    /// The index of the `pages` pages added.
    pub fn finish(self, pages: usize) -> Index {
        let mut all: FxHashMap<CompactString, Vec<Posting>> = FxHashMap::default();
        for part in self.parts {
            for (word, postings) in part.into_inner().unwrap_or_else(|e| e.into_inner()) {
                match all.entry(word) {
                    Entry::Vacant(v) => {
                        v.insert(postings.into_vec());
                    }
                    Entry::Occupied(mut o) => o.get_mut().extend(postings.into_vec()),
                }
            }
        }
        let mut words: Vec<shards::Word> = (all.into_iter())
            .map(|(word, mut postings)| {
                postings.sort_unstable();
                shards::Word::new(word.as_str().into(), postings)
            })
            .collect();
        words.sort_unstable_by(|a, b| a.word.cmp(&b.word));
        Index::new(words, pages)
    }
}

/// A page's id as the index writes it.
fn page_number(id: usize) -> u32 {
    u32::try_from(id).expect("fewer than 4 billion pages")
}

/// The whole index: every word with its postings, and the shards they fall in.
pub struct Index {
    words: Vec<shards::Word>,
    pages: usize,
    shards: Vec<Shard>,
}

/// A file of the index, by its path under the output root.
pub struct IndexFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// The index changed by an edit so that its shards are cut otherwise: the
/// files a clean build makes are not the same files, and the whole site is
/// built again.
#[derive(Debug)]
pub struct Resharded;

impl Index {
    fn new(words: Vec<shards::Word>, pages: usize) -> Index {
        let shards = shards::cut(&words);
        Index {
            words,
            pages,
            shards,
        }
    }

    /// The shards, in the manifest's order.
    pub fn shards(&self) -> &[Shard] {
        &self.shards
    }

    /// The manifest and every shard.
    pub fn files(&self) -> Vec<IndexFile> {
        let mut files = vec![self.manifest()];
        files.extend((0..self.shards.len()).map(|n| self.shard_file(n)));
        files
    }

    fn manifest(&self) -> IndexFile {
        IndexFile {
            path: MANIFEST.to_string(),
            contents: shards::manifest(self.pages, &self.shards),
        }
    }

    fn shard_file(&self, n: usize) -> IndexFile {
        IndexFile {
            path: shards::path(n),
            contents: shards::encode(&self.words[self.shards[n].words.clone()]),
        }
    }

    /// Page `id` now has the words `now` where it had `before`: sets its
    /// postings, and returns the words whose postings changed.
    pub fn replace(&mut self, id: usize, before: &PageWords, now: &PageWords) -> Vec<Box<str>> {
        let page = page_number(id);
        let changed = changed_words(before, now);
        for (word, weight) in changed.iter().copied() {
            match self.words.binary_search_by(|w| (*w.word).cmp(word)) {
                Ok(i) => {
                    self.words[i].set(page, weight);
                    if self.words[i].is_empty() {
                        self.words.remove(i);
                    }
                }
                Err(i) => {
                    if let Some(weight) = weight {
                        let word = shards::Word::new(word.into(), vec![(page, weight)]);
                        self.words.insert(i, word);
                    }
                }
            }
        }
        changed.into_iter().map(|(w, _)| w.into()).collect()
    }

    /// The files that changed since the postings of `words` did: the
    /// manifest and the shards of those words; none if no word changed.
    /// [`Resharded`] when the shards are now cut otherwise.
    pub fn files_for(&mut self, words: &[Box<str>]) -> Result<Vec<IndexFile>, Resharded> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let cut = shards::cut(&self.words);
        let same_keys = cut.len() == self.shards.len()
            && (cut.iter().zip(&self.shards)).all(|(a, b)| a.key == b.key);
        self.shards = cut;
        if !same_keys {
            return Err(Resharded);
        }
        let mut touched: Vec<usize> = (words.iter())
            .map(|word| shards::shard_of(&self.shards, word))
            .collect::<Option<_>>()
            .ok_or(Resharded)?;
        touched.sort_unstable();
        touched.dedup();
        let mut files = vec![self.manifest()];
        files.extend(touched.into_iter().map(|n| self.shard_file(n)));
        Ok(files)
    }
}

/// The words whose weight differs between `before` and `now`, with the
/// weight now (`None` where the word is gone).
fn changed_words<'w>(before: &'w PageWords, now: &'w PageWords) -> Vec<(&'w str, Option<u32>)> {
    let mut changed = Vec::new();
    let (mut a, mut b) = (before.0.iter().peekable(), now.0.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some((wa, na)), Some((wb, nb))) => match wa.cmp(wb) {
                std::cmp::Ordering::Less => {
                    changed.push((&**wa, None));
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    changed.push((&**wb, Some(*nb)));
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    if na != nb {
                        changed.push((&**wb, Some(*nb)));
                    }
                    a.next();
                    b.next();
                }
            },
            (Some((wa, _)), None) => {
                changed.push((&**wa, None));
                a.next();
            }
            (None, Some((wb, nb))) => {
                changed.push((&**wb, Some(*nb)));
                b.next();
            }
            (None, None) => return changed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, text: &'a str) -> Doc<'a> {
        Doc {
            kind: Kind::Article,
            title,
            url: "/a/",
            aliases: Vec::new(),
            tags: Vec::new(),
            summary: "",
            text,
        }
    }

    #[test]
    fn words_are_weighed_by_where_they_are() {
        let mut page = doc(
            "The Siege of Tabrīz",
            "Tabriz held. The city held, and held.",
        );
        page.aliases = vec!["Tauris"];
        page.tags = vec!["sieges"];
        let words = PageWords::of(&page);
        let get = |w: &str| words.0.iter().find(|(x, _)| &**x == w).map(|(_, n)| *n);
        assert_eq!(get("tabriz"), Some(weight::TITLE | weight::TEXT));
        assert_eq!(get("held"), Some(3 * weight::TEXT));
        assert_eq!(get("tauris"), Some(weight::ALIAS));
        assert_eq!(get("sieges"), Some(weight::TAG));
        assert_eq!(get("siege"), Some(weight::TITLE));
        assert_eq!(get("the"), Some(weight::TITLE | weight::TEXT));
    }

    #[test]
    fn pages_added_in_any_order_give_one_index() {
        let pages = [
            doc("One", "alpha beta alpha"),
            doc("Two", "beta gamma"),
            doc("Three", "alpha gamma gamma"),
        ];
        let build = |order: &[usize]| {
            let builder = Builder::default();
            for &i in order {
                builder.add(i, &pages[i]);
            }
            let index = builder.finish(pages.len());
            (index.files().into_iter())
                .map(|f| (f.path, f.contents))
                .collect::<Vec<_>>()
        };
        let in_order = build(&[0, 1, 2]);
        assert_eq!(build(&[2, 1, 0]), in_order);
        assert_eq!(build(&[1, 2, 0]), in_order);
        // Alpha is on pages 0 (twice) and 2 (once), in order of page.
        let alpha = shards::Word::new("alpha".into(), vec![(0, 16), (2, 8)]);
        let shard = &in_order[1].1;
        let encoded = shards::encode(std::slice::from_ref(&alpha));
        assert!(
            shard.windows(encoded.len()).any(|w| w == encoded),
            "alpha's postings: {shard:?}"
        );
    }

    #[test]
    fn a_replaced_page_gives_the_index_a_clean_build_would() {
        let pages = [
            doc("One", "alpha beta gamma"),
            doc("Two", "beta delta"),
            doc("Three", "gamma epsilon alpha"),
        ];
        let edited = doc("Two", "beta zeta zeta and more");
        let build = |pages: &[Doc]| {
            let builder = Builder::default();
            for (i, p) in pages.iter().enumerate() {
                builder.add(i, p);
            }
            builder.finish(pages.len())
        };
        let mut index = build(&pages);
        let words = index.replace(1, &PageWords::of(&pages[1]), &PageWords::of(&edited));
        let files = index.files_for(&words).expect("the same shards");
        assert!(!files.is_empty());
        let clean = build(&[pages[0].clone(), edited, pages[2].clone()]);
        let bytes = |i: &Index| -> Vec<(String, Vec<u8>)> {
            i.files()
                .into_iter()
                .map(|f| (f.path, f.contents))
                .collect()
        };
        assert_eq!(bytes(&index), bytes(&clean));
    }
}
