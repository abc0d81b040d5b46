//! The term matcher against glossaries of growing size. One Aho-Corasick
//! automaton holds every title and alias, so scanning an article should cost
//! about the same with 1,000 terms as with 20,000: `matcher/find` scans one
//! ~800-word article with each size and reports bytes per second, and
//! `matcher/build` shows what a larger glossary costs instead, once, when the
//! automaton is built.
//!
//! The glossary is invented but shaped like a real one: nested names
//! ("Brigade", "Cossack Brigade", "Persian Cossack Brigade"), aliases and the
//! odd long vowel, drawn from a fixed seed so every run sees the same terms. A
//! smaller glossary is the start of a larger one, and the article mentions
//! only terms every size holds, so each scan finds the same mentions.
//!
//! Run with `cargo bench --bench matcher`.

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use gloss::glossary::{Matcher, fold_name};

const SEED: u64 = 1909;
const FIND_SIZES: [usize; 3] = [1_000, 5_000, 20_000];
const BUILD_SIZES: [usize; 2] = [1_000, 20_000];
/// The article mentions terms from this many at the start of the glossary.
const MENTIONED: usize = 1_000;
const ARTICLE_WORDS: usize = 800;

/// Plain English words for the prose between mentions; no term is named like one.
const PROSE: &[&str] = &[
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "a",
    "in",
    "in",
    "to",
    "to",
    "was",
    "were",
    "had",
    "by",
    "with",
    "from",
    "on",
    "at",
    "for",
    "that",
    "which",
    "after",
    "before",
    "when",
    "while",
    "their",
    "his",
    "its",
    "city",
    "river",
    "road",
    "army",
    "town",
    "court",
    "winter",
    "spring",
    "summer",
    "march",
    "siege",
    "garrison",
    "deputies",
    "merchants",
    "soldiers",
    "officers",
    "governor",
    "letters",
    "treaty",
    "parliament",
    "province",
    "border",
    "market",
    "bazaar",
    "walls",
    "gates",
    "bridge",
    "caravan",
    "newspaper",
    "telegraph",
    "loan",
    "tax",
    "crown",
    "rebels",
    "royalists",
    "held",
    "sent",
    "marched",
    "signed",
    "refused",
    "crossed",
    "defended",
    "shelled",
    "opened",
    "closed",
    "wrote",
    "answered",
    "returned",
    "north",
    "south",
    "east",
    "west",
    "long",
    "hard",
    "new",
    "old",
    "quiet",
    "slow",
    "many",
    "few",
    "some",
];

/// One glossary term: what a term file's `title` and `aliases` would hold.
struct Term {
    title: String,
    aliases: Vec<String>,
}

/// Invents distinct names, none folding like another or like a word of `PROSE`.
struct Names {
    rng: fastrand::Rng,
    taken: HashSet<String>,
}

impl Names {
    fn new(seed: u64) -> Names {
        Names {
            rng: fastrand::Rng::with_seed(seed),
            taken: PROSE.iter().map(|w| fold_name(w)).collect(),
        }
    }

    /// A capitalised word of two or three syllables: "Kavori", "Shāndel".
    fn word(&mut self) -> String {
        const ONSETS: &[&str] = &[
            "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh",
            "gh", "ch",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "e", "o"];
        const CODAS: &[&str] = &["n", "r", "l", "sh", "z"];
        let syllables = self.rng.usize(2..=3);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(ONSETS[self.rng.usize(..ONSETS.len())]);
            word.push_str(match self.rng.u8(..20) {
                0 => "ā",
                1 => "ī",
                _ => VOWELS[self.rng.usize(..VOWELS.len())],
            });
            if self.rng.u8(..4) == 0 {
                word.push_str(CODAS[self.rng.usize(..CODAS.len())]);
            }
        }
        capitalise(&word)
    }

    /// Claims `name` if no earlier name folds alike.
    fn claim(&mut self, name: String) -> Option<String> {
        self.taken.insert(fold_name(&name)).then_some(name)
    }

    /// A new word that is not yet a name.
    fn fresh_word(&mut self) -> String {
        loop {
            let word = self.word();
            if let Some(word) = self.claim(word) {
                return word;
            }
        }
    }

    /// `name` with its last vowel changed, as a second transliteration would
    /// spell it, if that spelling is still free.
    fn variant(&mut self, name: &str) -> Option<String> {
        let (at, vowel) = name
            .char_indices()
            .rev()
            .find(|(_, c)| "aeiouāī".contains(*c))?;
        let other = match vowel {
            'a' | 'ā' => "e",
            'e' => "a",
            'i' | 'ī' => "ee",
            'o' => "ou",
            _ => "o",
        };
        let spelled = format!("{}{other}{}", &name[..at], &name[at + vowel.len_utf8()..]);
        self.claim(spelled)
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `count` invented terms. About half come in families of nested names, a
/// head word, that word after another and that pair after a third, the way
/// "Brigade", "Cossack Brigade" and "Persian Cossack Brigade" nest; the rest
/// stand alone. About a third have an alias: another spelling, or for the
/// longest name of a family a different head word. The same seed gives the
/// same terms, and fewer terms are the start of more.
fn glossary(count: usize, seed: u64) -> Vec<Term> {
    let mut names = Names::new(seed);
    let mut terms = Vec::with_capacity(count);
    while terms.len() < count {
        if names.rng.bool() {
            let head = names.fresh_word();
            let outer = names.fresh_word();
            let inner = names.fresh_word();
            let middle = names.claim(format!("{inner} {head}"));
            let longest = names.claim(format!("{outer} {inner} {head}"));
            let (Some(middle), Some(longest)) = (middle, longest) else {
                continue;
            };
            let alias = if names.rng.u8(..3) == 0 {
                let other_head = names.fresh_word();
                names.claim(format!("{outer} {inner} {other_head}"))
            } else {
                None
            };
            terms.push(Term {
                title: head,
                aliases: Vec::new(),
            });
            terms.push(Term {
                title: middle,
                aliases: Vec::new(),
            });
            terms.push(Term {
                title: longest,
                aliases: alias.into_iter().collect(),
            });
        } else {
            let title = if names.rng.u8(..4) == 0 {
                let first = names.fresh_word();
                let second = names.fresh_word();
                match names.claim(format!("{first} {second}")) {
                    Some(name) => name,
                    None => continue,
                }
            } else {
                names.fresh_word()
            };
            let alias = if names.rng.u8(..3) == 0 {
                names.variant(&title)
            } else {
                None
            };
            terms.push(Term {
                title,
                aliases: alias.into_iter().collect(),
            });
        }
    }
    terms.truncate(count);
    terms
}

/// Every title and alias of `terms`, each with the index of its term, as the
/// site's glossary hands them to the matcher.
fn names(terms: &[Term]) -> Vec<(&str, usize)> {
    terms
        .iter()
        .enumerate()
        .flat_map(|(index, term)| {
            std::iter::once(term.title.as_str())
                .chain(term.aliases.iter().map(String::as_str))
                .map(move |name| (name, index))
        })
        .collect()
}

/// About `words` words of prose in paragraphs, naming a term every ten words
/// or so: by title or alias, in the glossary's case, lower case or capitals,
/// now and then with a possessive `’s`. Only the first `mentioned` terms are
/// named.
fn article(terms: &[Term], mentioned: usize, words: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut text = String::new();
    let mut written = 0;
    let mut sentences = 0;
    while written < words {
        let length = rng.usize(8..=20);
        let mut sentence: Vec<String> = Vec::with_capacity(length);
        while sentence.len() < length {
            if rng.u8(..10) == 0 {
                let term = &terms[rng.usize(..mentioned)];
                let pick = rng.usize(..=term.aliases.len());
                let name = if pick == 0 {
                    &term.title
                } else {
                    &term.aliases[pick - 1]
                };
                let mut name = match rng.u8(..8) {
                    0 => name.to_lowercase(),
                    1 => name.to_uppercase(),
                    _ => name.clone(),
                };
                if rng.u8(..6) == 0 {
                    name.push_str("’s");
                }
                sentence.push(name);
            } else {
                sentence.push(PROSE[rng.usize(..PROSE.len())].to_string());
            }
        }
        written += sentence.iter().map(|w| w.split(' ').count()).sum::<usize>();
        let mut line = String::new();
        for (at, word) in sentence.iter().enumerate() {
            if at == 0 {
                line.push_str(&capitalise(word));
            } else {
                line.push(' ');
                line.push_str(word);
            }
            if length > 12 && at == length / 2 {
                line.push(',');
            }
        }
        line.push('.');
        text.push_str(&line);
        sentences += 1;
        text.push_str(if sentences % 5 == 0 { "\n\n" } else { " " });
    }
    text.truncate(text.trim_end().len());
    text
}

fn matcher_benches(c: &mut Criterion) {
    let largest = *FIND_SIZES.iter().chain(&BUILD_SIZES).max().unwrap();
    let terms = glossary(largest, SEED);
    let text = article(&terms, MENTIONED, ARTICLE_WORDS, SEED + 1);

    let matchers: Vec<(usize, Matcher)> = FIND_SIZES
        .iter()
        .map(|&size| {
            let matcher = Matcher::new(names(&terms[..size])).expect("the matcher builds");
            (size, matcher)
        })
        .collect();
    let expected = matchers[0].1.find(&text);
    assert!(
        expected.len() > ARTICLE_WORDS / 20,
        "the article names terms"
    );
    for (size, matcher) in &matchers {
        assert_eq!(
            matcher.find(&text),
            expected,
            "{size} terms find what {} terms find",
            FIND_SIZES[0]
        );
    }
    println!(
        "article: {} words, {} bytes, {} mentions found",
        text.split_whitespace().count(),
        text.len(),
        expected.len()
    );
    for size in FIND_SIZES
        .iter()
        .chain(&BUILD_SIZES)
        .collect::<std::collections::BTreeSet<_>>()
    {
        println!(
            "glossary of {size} terms: {} names",
            names(&terms[..*size]).len()
        );
    }

    let mut find = c.benchmark_group("matcher/find");
    find.throughput(Throughput::Bytes(text.len() as u64));
    for (size, matcher) in &matchers {
        find.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| matcher.find(black_box(text)));
        });
    }
    find.finish();

    let mut build = c.benchmark_group("matcher/build");
    build.sampling_mode(SamplingMode::Flat);
    build.sample_size(20);
    for size in BUILD_SIZES {
        let names = names(&terms[..size]);
        build.throughput(Throughput::Elements(names.len() as u64));
        build.bench_with_input(BenchmarkId::from_parameter(size), &names, |b, names| {
            b.iter_with_large_drop(|| {
                Matcher::new(black_box(names).iter().copied()).expect("the matcher builds")
            });
        });
    }
    build.finish();
}

criterion_group!(benches, matcher_benches);
criterion_main!(benches);
