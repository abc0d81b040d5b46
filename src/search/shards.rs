//! The index's words cut into shards by prefix, and the bytes of each file.
//!
//! A shard is its words one after another, each written as
//! `len word count (delta weight)*`: the word's length in bytes and its
//! UTF-8, how many pages hold it, then for each page (in order of id) the
//! difference from the previous page's id and the word's weight there. Every
//! number is an unsigned LEB128 varint.

use std::ops::Range;

use serde::Serialize;

use super::{FOLDER, Posting};

/// A shard larger than this is split by the letter after its prefix,
/// unless it holds a single word.
pub const SHARD_BYTES: usize = 12 * 1024;

/// One word of the index with its postings, encoded.
pub struct Word {
    pub word: Box<str>,
    /// How many pages hold it.
    count: u32,
    /// Its postings, as a shard writes them.
    postings: Vec<u8>,
}

impl Word {
    /// A word and its postings, sorted by page.
    pub fn new(word: Box<str>, postings: Vec<Posting>) -> Word {
        let mut w = Word {
            word,
            count: 0,
            postings: Vec::new(),
        };
        w.encode(&postings);
        w
    }

    fn encode(&mut self, postings: &[Posting]) {
        self.postings.clear();
        let mut last = 0;
        for &(page, weight) in postings {
            varint(page - last, &mut self.postings);
            varint(weight, &mut self.postings);
            last = page;
        }
        self.count = u32::try_from(postings.len()).expect("fewer than 4 billion pages");
    }

    fn decode(&self) -> Vec<Posting> {
        let mut out = Vec::with_capacity(self.count as usize);
        let mut at = 0;
        let mut page = 0;
        while at < self.postings.len() {
            page += read_varint(&self.postings, &mut at);
            let weight = read_varint(&self.postings, &mut at);
            out.push((page, weight));
        }
        out
    }

    /// Sets the word's weight on `page`, or takes the page away (`None`).
    pub fn set(&mut self, page: u32, weight: Option<u32>) {
        let mut postings = self.decode();
        match (postings.binary_search_by_key(&page, |p| p.0), weight) {
            (Ok(i), Some(w)) => postings[i].1 = w,
            (Ok(i), None) => {
                postings.remove(i);
            }
            (Err(i), Some(w)) => postings.insert(i, (page, w)),
            (Err(_), None) => {}
        }
        self.encode(&postings);
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Its size in a shard, in bytes.
    fn size(&self) -> usize {
        varint_len(self.word.len() as u32)
            + self.word.len()
            + varint_len(self.count)
            + self.postings.len()
    }

    fn write(&self, out: &mut Vec<u8>) {
        varint(self.word.len() as u32, out);
        out.extend_from_slice(self.word.as_bytes());
        varint(self.count, out);
        out.extend_from_slice(&self.postings);
    }
}

/// One shard: the prefix its words share and which words they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// Every word of the shard starts with it, and no longer key of the
    /// manifest is a prefix of any of them.
    pub key: String,
    /// Its words, as a range of the index's sorted words.
    pub words: Range<usize>,
    /// Its size in bytes.
    pub bytes: usize,
}

/// Cuts the sorted `words` into shards by prefix: every word under its
/// first letter, and a prefix whose words take more than [`SHARD_BYTES`]
/// split by the next letter, down to a word alone.
pub fn cut(words: &[Word]) -> Vec<Shard> {
    let mut out = Vec::new();
    let sizes: Vec<usize> = words.iter().map(Word::size).collect();
    let mut sums = Vec::with_capacity(sizes.len() + 1);
    sums.push(0);
    for size in &sizes {
        sums.push(sums.last().copied().unwrap_or(0) + size);
    }
    split(words, &sums, 0..words.len(), String::new(), &mut out);
    out
}

fn split(
    words: &[Word],
    sums: &[usize],
    range: Range<usize>,
    prefix: String,
    out: &mut Vec<Shard>,
) {
    if range.is_empty() {
        return;
    }
    let bytes = sums[range.end] - sums[range.start];
    if bytes <= SHARD_BYTES || range.len() == 1 {
        out.push(Shard {
            key: prefix,
            words: range,
            bytes,
        });
        return;
    }
    let mut i = range.start;
    // The word that is the prefix itself sorts first, and stays alone.
    if *words[i].word == *prefix {
        out.push(Shard {
            key: prefix.clone(),
            words: i..i + 1,
            bytes: sums[i + 1] - sums[i],
        });
        i += 1;
    }
    while i < range.end {
        let next = words[i].word[prefix.len()..].chars().next();
        let Some(next) = next else {
            // Only the word equal to the prefix has no next letter.
            i += 1;
            continue;
        };
        let mut child = prefix.clone();
        child.push(next);
        let end = i + words[i..range.end].partition_point(|w| w.word.starts_with(&*child));
        split(words, sums, i..end, child, out);
        i = end;
    }
}

/// The shard a word is in, or would be: the one whose key is the longest
/// prefix of it.
pub fn shard_of(shards: &[Shard], word: &str) -> Option<usize> {
    (shards.iter().enumerate())
        .filter(|(_, s)| word.starts_with(&s.key))
        .max_by_key(|(_, s)| s.key.len())
        .map(|(n, _)| n)
}

/// Where shard `n` is written, under the output root.
pub fn path(n: usize) -> String {
    format!("{FOLDER}/s/{n}.bin")
}

/// A shard's bytes.
pub fn encode(words: &[Word]) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.iter().map(Word::size).sum());
    for word in words {
        word.write(&mut out);
    }
    out
}

/// The manifest: the number of pages and each shard's key and size.
pub fn manifest(pages: usize, shards: &[Shard]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Manifest<'a> {
        version: u32,
        pages: usize,
        /// How many pages' fragments a file holds.
        fragment_pages: usize,
        /// `[key, bytes]`, shard `n` at place `n`.
        shards: Vec<(&'a str, usize)>,
    }
    let manifest = Manifest {
        version: 1,
        pages,
        fragment_pages: super::FRAGMENT_PAGES,
        shards: shards.iter().map(|s| (s.key.as_str(), s.bytes)).collect(),
    };
    let mut json = serde_json::to_vec(&manifest).expect("the manifest serialises");
    json.push(b'\n');
    json
}

fn varint(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7F) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn varint_len(n: u32) -> usize {
    match n {
        0..0x80 => 1,
        0x80..0x4000 => 2,
        0x4000..0x20_0000 => 3,
        0x20_0000..0x1000_0000 => 4,
        _ => 5,
    }
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        n |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str, pages: u32) -> Word {
        Word::new(w.into(), (0..pages).map(|p| (p * 3, 8)).collect())
    }

    #[test]
    fn varints_round_trip() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, u32::MAX] {
            let mut out = Vec::new();
            varint(n, &mut out);
            assert_eq!(out.len(), varint_len(n), "{n}");
            let mut at = 0;
            assert_eq!(read_varint(&out, &mut at), n);
            assert_eq!(at, out.len());
        }
    }

    #[test]
    fn postings_are_set_and_taken_away() {
        let mut w = Word::new("x".into(), vec![(1, 8), (5, 16)]);
        w.set(3, Some(1));
        w.set(5, None);
        w.set(1, Some(9));
        assert_eq!(w.decode(), [(1, 9), (3, 1)]);
        w.set(1, None);
        w.set(3, None);
        assert!(w.is_empty());
    }

    #[test]
    fn large_prefixes_split_by_the_next_letter() {
        // Three words too large together, and a small one apart.
        let words = vec![
            word("ta", 3000),
            word("tab", 3000),
            word("tac", 3000),
            word("zed", 1),
        ];
        let shards = cut(&words);
        let keys: Vec<&str> = shards.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["ta", "tab", "tac", "z"]);
        assert_eq!(shards[1].words, 1..2);
        assert_eq!(shard_of(&shards, "tab"), Some(1));
        assert_eq!(shard_of(&shards, "tabriz"), Some(1));
        assert_eq!(shard_of(&shards, "taz"), Some(0));
        assert_eq!(shard_of(&shards, "q"), None);
        let total: usize = shards.iter().map(|s| s.bytes).sum();
        assert_eq!(total, encode(&words).len());
    }

    #[test]
    fn a_small_index_is_one_shard() {
        let words = vec![word("a", 2), word("b", 2)];
        let shards = cut(&words);
        assert_eq!(shards.len(), 1);
        assert_eq!(shards[0].key, "");
    }
}
