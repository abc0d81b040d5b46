//! A deterministic corpus of invented articles and glossary terms, written
//! three ways so that gloss can be measured against other tools on the same
//! text:
//!
//! - `gloss/`: a complete gloss site (`site.toml`, `content/`);
//! - `hugo/`: the same pages as a Hugo site with minimal layouts, the links
//!   between articles written as `relref` shortcodes and no glossary links;
//! - `bare/`: only the Markdown bodies, one file a page, for the floor.
//!
//! Everything is drawn from one seed: the same seed writes the same bytes.
//! Each article has a random stream of its own, derived from the seed and
//! its number, so one article never shifts the text of the next.
//!
//! Term names nest, as "Brigade", "Cossack Brigade" and "Persian Cossack
//! Brigade" do, so that the glossary's longest-match rule has work to do:
//! each family of terms shares a head word and adds qualifiers in front of
//! it. The first article opens with the longest name of the first family and
//! then its shortest, which [`Summary::nested`] names for tests to look at.
//!
//! Benchmarks that measure the demo site instead copy it with
//! [`copy_demo`].
//!
//! Used by `examples/gen-corpus.rs`, the benches and `tests/corpus.rs`, each
//! through `#[path]`.

// Each program that includes this module uses a different part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub pages: usize,
    pub terms: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub terms: usize,
    /// Words in the bodies of the articles and terms.
    pub words: usize,
    /// Bytes written under `gloss/`, `hugo/` and `bare/`.
    pub gloss_bytes: u64,
    pub hugo_bytes: u64,
    pub bare_bytes: u64,
    /// Where a long term name is mentioned before a shorter one it contains.
    pub nested: Option<Nested>,
}

/// The first article's opening mentions: the longest name of a family of
/// terms, then the family's shortest, in its first paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nested {
    /// The article's path under `content/`, without `.md`: `articles/a00001-...`.
    pub article: String,
    /// A phrase of the opening paragraph, to find it by.
    pub marker: String,
    /// (slug, title) of the longest term, then of the shortest.
    pub long: (String, String),
    pub short: (String, String),
}

/// Writes `gloss/`, `hugo/` and `bare/` under `out`, which must not hold any
/// of them yet.
pub fn generate(spec: &Spec, out: &Path) -> io::Result<Summary> {
    for tree in ["gloss", "hugo", "bare"] {
        let dir = out.join(tree);
        if dir.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} already exists", dir.display()),
            ));
        }
    }
    let corpus = Corpus::new(spec);
    let mut gloss = Tree::new(out.join("gloss"));
    let mut hugo = Tree::new(out.join("hugo"));
    let mut bare = Tree::new(out.join("bare"));

    gloss.write("site.toml", &site_toml(spec))?;
    hugo.write("hugo.toml", &hugo_toml(spec))?;
    for (path, text) in HUGO_LAYOUTS {
        hugo.write(path, text)?;
    }

    let home = corpus.home();
    gloss.write("content/_index.md", &home.gloss())?;
    hugo.write("content/_index.md", &home.hugo(""))?;
    let glossary = corpus.glossary_index();
    gloss.write("content/glossary/_index.md", &glossary.gloss())?;
    hugo.write("content/glossary/_index.md", &glossary.hugo("glossary"))?;

    let mut words = 0;
    for term in &corpus.terms {
        let page = corpus.term_page(term);
        words += count_words(&page.body);
        let rel = format!("glossary/{}.md", term.slug);
        gloss.write(&format!("content/{rel}"), &page.gloss())?;
        hugo.write(&format!("content/{rel}"), &page.hugo("glossary"))?;
        bare.write(&rel, &page.body)?;
    }
    let mut nested = None;
    for (index, article) in corpus.articles.iter().enumerate() {
        let (page, opening) = corpus.article_page(index);
        words += count_words(&page.body);
        let rel = format!("articles/{}.md", article.slug);
        gloss.write(&format!("content/{rel}"), &page.gloss())?;
        hugo.write(&format!("content/{rel}"), &page.hugo("articles"))?;
        bare.write(&rel, &page.body)?;
        if nested.is_none() {
            nested = opening;
        }
    }
    Ok(Summary {
        pages: corpus.articles.len(),
        terms: corpus.terms.len(),
        words,
        gloss_bytes: gloss.bytes,
        hugo_bytes: hugo.bytes,
        bare_bytes: bare.bytes,
        nested,
    })
}

/// Memory-backed storage where there is one, so disk latency stays out of
/// the figures.
pub fn scratch() -> &'static Path {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { shm } else { Path::new("/tmp") }
}

/// The first article of the site at `root`, by file name.
pub fn first_article(root: &Path) -> PathBuf {
    let mut files: Vec<_> = fs::read_dir(root.join("content/articles"))
        .expect("the articles")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files.remove(0)
}

/// Copies the project's demo site (`site.toml`, `content/`, `static/`,
/// `templates/`) into `to`.
pub fn copy_demo(to: &Path) -> io::Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "static", "templates"] {
        let from = repo.join(part);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry?;
            let target = to
                .join(part)
                .join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target)?;
            } else {
                fs::copy(entry.path(), &target)?;
            }
        }
    }
    fs::copy(repo.join("site.toml"), to.join("site.toml"))?;
    Ok(())
}

/// Words as a reader counts them: runs of non-space holding a letter, so
/// list markers and footnote numbers do not count.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// A folder files are written under, counting the bytes.
struct Tree {
    root: PathBuf,
    bytes: u64,
}

impl Tree {
    fn new(root: PathBuf) -> Tree {
        Tree { root, bytes: 0 }
    }

    fn write(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, text)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.bytes += text.len() as u64;
        Ok(())
    }
}

// ------------------------------------------------------------ randomness

/// A seeded random stream; only the few draws the generator needs.
struct Dice(fastrand::Rng);

/// Stream kinds, so that the terms and each article draw independently.
const TERMS: u64 = 1;
const TITLES: u64 = 2;
const ARTICLE: u64 = 3;
const LISTS: u64 = 4;

impl Dice {
    /// The stream `index` of `kind` under `seed` (splitmix64 of the three).
    fn stream(seed: u64, kind: u64, index: u64) -> Dice {
        let mut x = seed ^ kind.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index.rotate_left(32);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Dice(fastrand::Rng::with_seed(x ^ (x >> 31)))
    }

    /// A number in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        self.0.u64(..n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// `count` distinct numbers of `0..n`, in the order drawn.
    fn distinct(&mut self, count: usize, n: usize, except: Option<usize>) -> Vec<usize> {
        let room = n - usize::from(except.is_some_and(|e| e < n));
        let mut chosen = Vec::new();
        while chosen.len() < count.min(room) {
            let i = self.below(n);
            if Some(i) != except && !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen
    }
}

// ------------------------------------------------------------ vocabulary

const ONSETS: &[&str] = &[
    "b", "d", "g", "h", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kh", "br", "dr", "tr",
    "st", "gr",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou"];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "s", "k", "m", "l", "sh", "d", "t", "v",
];
const DEMONYM_ENDINGS: &[&str] = &["i", "ian", "ese", "ic", "ite"];

/// An invented word of two or three syllables, capitalised: "Varosh".
fn invented_word(dice: &mut Dice) -> String {
    let syllables = if dice.chance(70) { 2 } else { 3 };
    let mut word = String::new();
    for i in 0..syllables {
        if i > 0 || dice.chance(80) {
            word.push_str(dice.pick(ONSETS));
        }
        word.push_str(dice.pick(VOWELS));
        if i + 1 == syllables || dice.chance(30) {
            word.push_str(dice.pick(CODAS));
        }
    }
    capitalise(&word)
}

/// The adjective of an invented place: "Varoshi", "Telmarian".
fn demonym(dice: &mut Dice) -> String {
    let word = invented_word(dice);
    let stem = word.trim_end_matches(['a', 'e', 'i', 'o', 'u']);
    format!("{stem}{}", dice.pick(DEMONYM_ENDINGS))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The head words of term families, each with what such a thing is. None is
/// a word the running text uses otherwise.
const HEADS: &[(&str, &str)] = &[
    ("Brigade", "a mounted force raised on a foreign model"),
    ("Legation", "a diplomatic mission kept at the capital"),
    ("Convention", "an agreement dividing two powers' interests"),
    ("Directorate", "an executive board of five members"),
    ("Tribunal", "a special court for political cases"),
    ("Synod", "a council of the established church"),
    ("Militia", "a volunteer force raised by the towns"),
    ("Chancery", "the writing office of the court"),
    ("Treasury", "the office that kept the state's accounts"),
    ("League", "an alliance of market towns"),
    ("Society", "a learned association with a printing press"),
    ("Company", "a chartered trading company"),
    ("Bank", "a state bank with the right to issue notes"),
    ("Accord", "a settlement that ended a border war"),
    ("Compact", "a treaty of mutual defence"),
    ("Regency", "a government ruling in a minority"),
    (
        "Protectorate",
        "a territory under a foreign power's protection",
    ),
    ("Commission", "a body that surveyed a disputed frontier"),
    ("Congress", "an assembly of delegates from the provinces"),
    ("Senate", "the upper chamber of the legislature"),
    ("Academy", "a school that trained officers"),
    ("Lyceum", "a secondary school on a foreign model"),
    ("Gazette", "the official newspaper"),
    ("Railway", "a railway line built with foreign loans"),
    ("Canal", "a waterway joining two river systems"),
    ("Concession", "a monopoly granted to foreign investors"),
    ("Tariff", "a schedule of customs duties"),
    ("Mint", "the office that struck the coinage"),
    ("Arsenal", "a depot of arms and powder"),
    ("Flotilla", "a fleet of river gunboats"),
    ("Squadron", "a naval squadron stationed in the gulf"),
    ("Regiment", "an infantry regiment of the line"),
    ("Corps", "an army corps of three divisions"),
    ("Legion", "a unit of foreign volunteers"),
    ("Brotherhood", "a secret society of reformers"),
    ("Guild", "an association of master craftsmen"),
    ("Khanate", "a tribal state on the steppe"),
    ("Emirate", "a principality of the southern coast"),
    ("Duchy", "a small state of the western hills"),
    ("Governorate", "an administrative province"),
    ("Prefecture", "a police district of the capital"),
    ("Consulate", "a consular office in a port"),
    ("Citadel", "the fortress above the old town"),
    ("Assembly", "an elected parliament"),
    ("Gendarmerie", "a rural police under foreign officers"),
    ("Constabulary", "a police force of the towns"),
    ("Uprising", "a popular revolt in the provinces"),
    ("Charter", "a founding document granted by the ruler"),
    ("Dynasty", "a ruling house"),
    ("Seminary", "a college for the clergy"),
];

/// Words set before a head word to make a sibling term: "Royal Brigade".
const RANKS: &[&str] = &[
    "Royal",
    "Provisional",
    "Imperial",
    "National",
    "Grand",
    "Supreme",
    "Popular",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Upper",
    "Lower",
    "Reformed",
    "United",
    "Central",
    "Frontier",
    "Coastal",
    "Second",
    "Third",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const VERBS: &[&str] = &[
    "opposed",
    "supported",
    "petitioned",
    "reorganised",
    "financed",
    "courted",
    "outlasted",
    "absorbed",
    "challenged",
    "recognised",
    "distrusted",
    "defended",
    "replaced",
    "negotiated with",
    "appealed to",
];

const NOUNS: &[&str] = &[
    "the harvest",
    "the new customs duties",
    "the salt monopoly",
    "the telegraph line",
    "the caravan road",
    "the grain reserves",
    "the foreign loan",
    "the silver coinage",
    "the land survey",
    "the river crossing",
    "the census",
    "the postal service",
    "the printing presses",
    "the city gates",
    "the tobacco trade",
];

const ADJECTIVES: &[&str] = &[
    "uneasy",
    "short-lived",
    "fragile",
    "unexpected",
    "bitter",
    "lasting",
    "cautious",
    "hurried",
    "quiet",
    "costly",
];

const ROLES: &[&str] = &[
    "envoy",
    "governor",
    "treasurer",
    "merchant",
    "preacher",
    "journalist",
    "colonel",
    "minister",
    "translator",
    "surveyor",
];

/// Sentences with slots: `{T}` a term name, `{P}` a person, `{L}` a place,
/// `{Y}` a year, `{M}` a month, `{N}` a number, `{V}` a verb, `{O}` a
/// thing, `{A}` an adjective, `{R}` a role.
const SENTENCES: &[&str] = &[
    "In {M} {Y} the {T} {V} the {T}, and the quarrel spread to {L} within weeks.",
    "{P}, who had served as {R} in {L}, {V} the {T} for most of the decade.",
    "The {T} never commanded more than {N} men, yet its name carried far beyond {L}.",
    "Contemporaries blamed the {T} for {O}, though the records of {L} tell a more {A} story.",
    "By {Y} the {T} had become the main creditor of the {T}.",
    "Nobody in {L} expected the {T} to survive the winter of {Y}.",
    "The settlement was {A}: the {T} kept {O}, and the {T} kept its officers.",
    "{P} wrote from {L} that the {T} was \"a house built on sand\".",
    "The peace that followed was {A}, bought with {O} and paid for by {L}.",
    "The envoys of the {T} reached {L} in {M}, too late to stop the fighting.",
    "For a generation the {T} and the {T} divided the province between them.",
    "Historians still argue whether the {T} {V} the {T} out of conviction or of need.",
    "Some {N} families left {L} in {Y}, most of them for the coast.",
    "The archive of the {T} was burned in {Y}, and with it most of what we could know.",
    "{P}, the {R}, kept a diary that survives in {L}.",
    "It was the {T}, not the {T}, that first spoke of reform.",
    "Prices in {L} doubled between {M} and the end of {Y}.",
    "The {T} answered with *a proclamation* read in every market of {L}.",
    "A {R} named {P} carried the terms to {L} on horseback.",
    "The quarrel over {O} lasted until {Y}, when the {T} gave way.",
    "The **{N} rifles** promised by the {T} never arrived.",
    "Travellers to {L} described the {T} as {A} and badly paid.",
    "Without {O}, the {T} could not pay its men for more than a season.",
    "The {T} met for the last time in {M} {Y}, in a hall lent by the {T}.",
    "{P} {V} the {T} in public and served it in private.",
    "At {L} the {T} lost {N} men in a single afternoon.",
    "The treaty of {Y} named the {T} three times and {L} not at all.",
    "Letters between {P} and the {R} of {L} show how little either trusted the {T}.",
    "In the end it was {O} that decided the matter, not the {T}.",
    "The *{T}* was remembered in {L} long after its officers had gone home.",
];

const HEADINGS: &[&str] = &[
    "The road to {L}",
    "Before {Y}",
    "A quarrel over {O}",
    "The winter of {Y}",
    "Envoys and creditors",
    "What the letters say",
    "After the treaty",
    "The view from {L}",
    "Money and men",
    "An uneasy peace",
    "How it ended",
    "Memory and records",
];

const BULLETS: &[&str] = &[
    "the {T}, which held {L}",
    "{N} men under {P}",
    "the revenues of {O}",
    "a promise of support from the {T}",
    "the right to appoint the {R} of {L}",
    "**{L}**, with its bridge and its customs house",
    "the *{T}*, on paper at least",
];

const STEPS: &[&str] = &[
    "The {T} sends an envoy to {L}.",
    "{P} answers with a list of demands.",
    "The {T} refuses the demands in {M}.",
    "Fighting breaks out near {L}.",
    "A truce is signed in {Y}.",
    "The {T} is dissolved, on paper.",
];

const QUOTES: &[&str] = &[
    "We were told the {T} would protect us, and it protected only itself.",
    "Nothing that was promised in {L} was kept, and nothing that was kept had been promised.",
    "The {T} has many friends in the capital and none in {L}.",
    "Give us {O} and we will give you peace.",
];

const NOTES: &[&str] = &[
    "The figure comes from the report of the {T} for {Y}, which may have rounded it up.",
    "Spelled in several ways in the sources; the form used here is that of the {T}.",
    "{P}'s diary gives a different date, {M} {Y}, which seems less likely.",
    "The original letter is lost; a copy survives in the archive of {L}.",
    "On the {T} see the glossary; its name changed twice in these years.",
];

const LINKING: &[&str] = &[
    "The same story is told from {L} in [{X}]({U}).",
    "For what came before, see [{X}]({U}).",
    "It is the subject of [another article]({U}), {X}.",
    "Compare [{X}]({U}), where the {T} plays the opposite part.",
];

const TITLES_FORMS: &[&str] = &[
    "The {T} and the crisis of {Y}",
    "{P} and the {T}",
    "How the {T} came to {L}",
    "The siege of {L}, {Y}",
    "Letters from {L}: the {T} in {Y}",
    "The fall of the {T}",
    "A quarrel over {O} in {L}",
    "The {T} and the {T}",
    "{L} in {Y}: a year of the {T}",
    "Why the {T} failed",
];

// ------------------------------------------------------------ the corpus

/// One glossary term.
#[derive(Debug, Clone)]
struct Term {
    title: String,
    slug: String,
    aliases: Vec<String>,
    /// What it was: "a mounted force raised on a foreign model".
    kind: &'static str,
    place: String,
    founded: usize,
    /// The next shorter name of its family, if any.
    parent: Option<usize>,
}

impl Term {
    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone)]
struct Article {
    title: String,
    slug: String,
    date: (usize, usize, usize),
    /// The first year the article is about.
    era: usize,
}

/// A page as written: front matter fields and the body.
struct Page {
    title: String,
    date: Option<(usize, usize, usize)>,
    summary: String,
    aliases: Vec<String>,
    body: String,
}

struct Corpus {
    seed: u64,
    terms: Vec<Term>,
    articles: Vec<Article>,
    /// The terms each article must mention, so that every term is mentioned.
    assigned: Vec<Vec<usize>>,
    /// The first family's terms, longest name first; empty when there are
    /// too few terms for a family of three.
    first_family: Vec<usize>,
}

impl Corpus {
    fn new(spec: &Spec) -> Corpus {
        let (terms, first_family) = make_terms(spec);
        let articles = make_articles(spec, &terms);
        let mut assigned = vec![Vec::new(); articles.len()];
        if !articles.is_empty() {
            for t in 0..terms.len() {
                assigned[t % articles.len()].push(t);
            }
        }
        Corpus {
            seed: spec.seed,
            terms,
            articles,
            assigned,
            first_family,
        }
    }

    fn home(&self) -> Page {
        let mut body = format!(
            "This site holds {} invented articles about the affairs of invented states, \
             and a glossary of {} terms they mention.",
            self.articles.len(),
            self.terms.len()
        );
        if let Some(first) = self.articles.first() {
            write!(
                body,
                " Start with [the first article](articles/{}.md),",
                first.slug
            )
            .unwrap();
        } else {
            body.push_str(" Start");
        }
        body.push_str(" or browse [the glossary](glossary/_index.md).\n");
        Page {
            title: "An invented archive".into(),
            date: None,
            summary: "Generated articles and glossary terms, for measuring static site \
                      generators on a site of realistic size."
                .into(),
            aliases: Vec::new(),
            body,
        }
    }

    fn glossary_index(&self) -> Page {
        Page {
            title: "Glossary".into(),
            date: None,
            summary: "Short entries on the institutions the articles mention.".into(),
            aliases: Vec::new(),
            body: "Each entry says what the institution was, where and when it was \
                   founded, and what it grew out of.\n"
                .into(),
        }
    }

    fn term_page(&self, term: &Term) -> Page {
        let mut body = format!(
            "The {} was {}, founded at {} in {}.",
            term.title, term.kind, term.place, term.founded
        );
        if let Some(parent) = term.parent {
            write!(
                body,
                " It grew out of the {} and kept much of its staff.",
                self.terms[parent].title
            )
            .unwrap();
        } else {
            body.push_str(" Several later bodies took their name from it.");
        }
        if let Some(alias) = term.aliases.first() {
            write!(body, " Some sources call it the {alias}.").unwrap();
        }
        writeln!(
            body,
            " Its records were dispersed after {}.",
            term.founded + 20 + term.title.len() % 30
        )
        .unwrap();
        Page {
            title: term.title.clone(),
            date: None,
            summary: format!(
                "{} at {}, from {}.",
                capitalise(term.kind),
                term.place,
                term.founded
            ),
            aliases: term.aliases.clone(),
            body,
        }
    }

    /// The article's page, and its opening's nested mention if it has one.
    fn article_page(&self, index: usize) -> (Page, Option<Nested>) {
        let article = &self.articles[index];
        let mut dice = Dice::stream(self.seed, ARTICLE, index as u64);
        let mut topic = self.assigned[index].clone();
        let wanted = dice.between(8, 14);
        while topic.len() < wanted.min(self.terms.len()) {
            let t = dice.below(self.terms.len());
            if !topic.contains(&t) {
                topic.push(t);
            }
        }
        let mut writer = Writer {
            dice,
            corpus: self,
            topic,
            era: article.era,
            people: Vec::new(),
            places: Vec::new(),
            in_sentence: Vec::new(),
        };
        let (body, nested) = writer.article(index);
        let summary = writer.random_sentence().replace(['*', '"'], "");
        let page = Page {
            title: article.title.clone(),
            date: Some(article.date),
            summary,
            aliases: Vec::new(),
            body,
        };
        (page, nested)
    }
}

/// Makes the glossary: families of nested names over head words.
fn make_terms(spec: &Spec) -> (Vec<Term>, Vec<usize>) {
    let mut dice = Dice::stream(spec.seed, TERMS, 0);
    let mut taken: HashSet<String> = HashSet::new();
    let mut terms: Vec<Term> = Vec::new();
    let mut first_family = Vec::new();
    let mut family = 0;
    while terms.len() < spec.terms {
        let (head_word, kind) = HEADS[family % HEADS.len()];
        // The first round of families has the bare head word as its
        // shortest name, later ones a word in front of it.
        let head = if family < HEADS.len() {
            head_word.to_string()
        } else {
            unique(&mut taken, &mut dice, |d| {
                format!("{} {head_word}", invented_word(d))
            })
        };
        taken.insert(head.to_lowercase());
        let size = if family == 0 {
            3
        } else {
            dice.pick(&[1, 2, 2, 3, 3, 3, 3, 4, 4, 4])
        }
        .min(spec.terms - terms.len());
        let place = invented_word(&mut dice);
        let founded = dice.between(1720, 1900);
        let base = terms.len();
        let push = |terms: &mut Vec<Term>, title: String, parent: Option<usize>| {
            terms.push(Term {
                slug: title.to_lowercase().replace(' ', "-"),
                title,
                aliases: Vec::new(),
                kind,
                place: place.clone(),
                founded,
                parent,
            });
        };
        push(&mut terms, head.clone(), None);
        if size >= 2 {
            let middle = unique(&mut taken, &mut dice, |d| {
                format!("{} {head}", invented_word(d))
            });
            push(&mut terms, middle.clone(), Some(base));
            if size >= 3 {
                let long = unique(&mut taken, &mut dice, |d| {
                    format!("{} {middle}", demonym(d))
                });
                push(&mut terms, long, Some(base + 1));
            }
        }
        if size >= 4 {
            let sibling = unique(&mut taken, &mut dice, |d| {
                format!("{} {head}", d.pick(RANKS))
            });
            push(&mut terms, sibling, Some(base));
        }
        if family == 0 && size >= 3 {
            first_family = vec![base + 2, base + 1, base];
        }
        family += 1;
    }
    for term in &mut terms {
        let count = dice.between(0, 3);
        for _ in 0..count {
            let candidate = match dice.below(4) {
                0 => acronym(&term.title),
                1 => Some(plural(&term.title)),
                2 => variant(&term.title, &mut dice),
                _ => head_first(&term.title),
            };
            if let Some(alias) = candidate
                && taken.insert(alias.to_lowercase())
            {
                term.aliases.push(alias);
            }
        }
    }
    (terms, first_family)
}

/// A name made by `make` that no term has yet.
fn unique(
    taken: &mut HashSet<String>,
    dice: &mut Dice,
    mut make: impl FnMut(&mut Dice) -> String,
) -> String {
    loop {
        let name = make(dice);
        if taken.insert(name.to_lowercase()) {
            return name;
        }
    }
}

/// "TVB" for "Tahiri Vorsk Brigade": only from three words or more, and only
/// without vowels, so that it is never an English word.
fn acronym(name: &str) -> Option<String> {
    let letters: String = name.split(' ').filter_map(|w| w.chars().next()).collect();
    (letters.len() >= 3 && !letters.contains(['A', 'E', 'I', 'O', 'U', 'Y'])).then_some(letters)
}

fn plural(name: &str) -> String {
    if let Some(stem) = name.strip_suffix('y') {
        format!("{stem}ies")
    } else if name.ends_with('s') {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

/// Another spelling of the first word: "Vorsk Brigade" as "Worsk Brigade";
/// only for names of more than one word.
fn variant(name: &str, dice: &mut Dice) -> Option<String> {
    let (first, rest) = name.split_once(' ')?;
    let swapped: String = match dice.below(3) {
        0 => first.replace('k', "q").replace('v', "w").replace('V', "W"),
        1 => first.replace('i', "y").replace('u', "ou"),
        _ => format!("{first}h"),
    };
    Some(format!("{swapped} {rest}"))
}

/// "Brigade of Vorsk" for "Vorsk Brigade": only for two-word names whose
/// first word is a place's.
fn head_first(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    (words.len() == 2 && !RANKS.contains(&words[0]))
        .then(|| format!("{} of {}", words[1], words[0]))
}

fn make_articles(spec: &Spec, terms: &[Term]) -> Vec<Article> {
    let width = spec.pages.to_string().len().max(5);
    (0..spec.pages)
        .map(|index| {
            let mut dice = Dice::stream(spec.seed, TITLES, index as u64);
            let era = dice.between(1740, 1930);
            let mut title = String::new();
            let form = dice.pick(TITLES_FORMS);
            fill(form, &mut title, &mut |slot, out| match slot {
                'T' if !terms.is_empty() => {
                    out.push_str(&terms[dice.below(terms.len())].title);
                }
                'T' => out.push_str("Council"),
                'P' => {
                    let person = person(&mut dice);
                    out.push_str(&person);
                }
                'L' => {
                    let place = invented_word(&mut dice);
                    out.push_str(&place);
                }
                'Y' => write!(out, "{}", era + dice.below(30)).unwrap(),
                'O' => out.push_str(dice.pick(NOUNS).trim_start_matches("the ")),
                _ => unreachable!("slot {slot} in a title"),
            });
            let title = capitalise(&title);
            let words: Vec<String> = title
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let slug = format!("a{:0width$}-{}", index + 1, words.join("-"));
            let date = (
                dice.between(2012, 2025),
                dice.between(1, 12),
                dice.between(1, 28),
            );
            Article {
                title,
                slug,
                date,
                era,
            }
        })
        .collect()
}

fn person(dice: &mut Dice) -> String {
    format!("{} {}", invented_word(dice), invented_word(dice))
}

/// Writes `template` into `out`, calling `slot` for each `{X}`.
fn fill(template: &str, out: &mut String, slot: &mut dyn FnMut(char, &mut String)) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let name = rest[open + 1..].chars().next().expect("a slot name");
        slot(name, out);
        rest = &rest[open + 3..];
    }
    out.push_str(rest);
}

/// Writes one article's body from its own stream.
struct Writer<'a> {
    dice: Dice,
    corpus: &'a Corpus,
    /// The terms it mentions.
    topic: Vec<usize>,
    era: usize,
    /// Its cast, drawn once so that names recur.
    people: Vec<String>,
    places: Vec<String>,
    /// The terms named so far in the sentence being written.
    in_sentence: Vec<usize>,
}

/// A paragraph's sentences, each with the footnote it carries, if any.
type Paragraph = Vec<(String, Option<String>)>;

enum Block {
    Heading(String),
    Paragraph(Paragraph),
    Bullets(Vec<String>),
    Steps(Vec<String>),
    Quote(String, String),
}

impl Writer<'_> {
    fn article(&mut self, index: usize) -> (String, Option<Nested>) {
        for _ in 0..3 {
            let p = person(&mut self.dice);
            self.people.push(p);
            let l = invented_word(&mut self.dice);
            self.places.push(l);
        }
        let target = self.dice.between(620, 860);
        let mut blocks = Vec::new();
        let mut nested = None;
        let mut opening = Paragraph::new();
        if index == 0 && !self.corpus.first_family.is_empty() {
            let family = &self.corpus.first_family;
            let long = &self.corpus.terms[family[0]];
            let short = &self.corpus.terms[family[family.len() - 1]];
            let marker = "Few institutions of the period are as misunderstood";
            opening.push((
                format!(
                    "{marker} as the {}, and fewer still as the {} from which it grew.",
                    long.title, short.title
                ),
                None,
            ));
            nested = Some(Nested {
                article: format!("articles/{}", self.corpus.articles[index].slug),
                marker: marker.to_string(),
                long: (long.slug.clone(), long.title.clone()),
                short: (short.slug.clone(), short.title.clone()),
            });
        }
        while opening.len() < 3 {
            let s = self.random_sentence();
            opening.push((s, None));
        }
        blocks.push(Block::Paragraph(opening));

        let sections = self.dice.between(3, 4);
        let quote_in = self.dice.between(1, sections - 1);
        for section in 0..sections {
            let heading = self.dice_pick(HEADINGS);
            let heading = self.sentence(heading);
            blocks.push(Block::Heading(heading));
            blocks.push(Block::Paragraph(self.paragraph(2)));
            blocks.push(Block::Paragraph(self.paragraph(2)));
            match section {
                0 => {
                    let count = self.dice.between(3, 5);
                    let items = (0..count)
                        .map(|_| {
                            let item = self.dice_pick(BULLETS);
                            self.sentence(item)
                        })
                        .collect();
                    blocks.push(Block::Bullets(items));
                    blocks.push(Block::Paragraph(self.paragraph(2)));
                }
                1 => {
                    let count = self.dice.between(3, 5);
                    let start = self.dice.below(STEPS.len() - count + 1);
                    let steps = (start..start + count)
                        .map(|i| self.sentence(STEPS[i]))
                        .collect();
                    blocks.push(Block::Steps(steps));
                }
                _ => {}
            }
            if section == quote_in {
                let quote = self.dice_pick(QUOTES);
                let quote = self.sentence(quote);
                let who = self.person_name();
                let year = self.year();
                blocks.push(Block::Quote(quote, format!("{who}, {year}")));
                blocks.push(Block::Paragraph(self.paragraph(2)));
            }
        }

        // Links to other articles, each in a paragraph of its own section.
        let links = self.dice.between(2, 4);
        let targets = self
            .dice
            .distinct(links, self.corpus.articles.len(), Some(index));
        let paragraphs = paragraph_indexes(&blocks);
        for (i, target) in targets.into_iter().enumerate() {
            let at = paragraphs[1 + i % (paragraphs.len() - 1)];
            let sentence = self.link_sentence(target);
            if let Block::Paragraph(p) = &mut blocks[at] {
                p.push((sentence, None));
            }
        }
        // Footnotes on sentences away from the opening.
        let notes = self.dice.between(1, 3);
        for _ in 0..notes {
            let at = paragraphs[1 + self.dice.below(paragraphs.len() - 1)];
            let note = self.dice_pick(NOTES);
            let note = self.sentence(note);
            if let Block::Paragraph(p) = &mut blocks[at] {
                let s = self.dice.below(p.len());
                if p[s].1.is_none() {
                    p[s].1 = Some(note);
                }
            }
        }
        // Grow the paragraphs, never the opening, up to the length wanted.
        let mut words = count_words(&render(&blocks));
        while words < target {
            let at = paragraphs[1 + self.dice.below(paragraphs.len() - 1)];
            let sentence = self.random_sentence();
            words += count_words(&sentence);
            if let Block::Paragraph(p) = &mut blocks[at] {
                let s = self.dice.below(p.len() + 1);
                p.insert(s, (sentence, None));
            }
        }
        (render(&blocks), nested)
    }

    fn paragraph(&mut self, sentences: usize) -> Paragraph {
        (0..sentences)
            .map(|_| (self.random_sentence(), None))
            .collect()
    }

    fn random_sentence(&mut self) -> String {
        let template = self.dice_pick(SENTENCES);
        self.sentence(template)
    }

    fn dice_pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.dice.below(items.len())]
    }

    fn link_sentence(&mut self, target: usize) -> String {
        let template = self.dice_pick(LINKING);
        let corpus = self.corpus;
        let article = &corpus.articles[target];
        let mut out = String::new();
        fill(template, &mut out, &mut |slot, out| match slot {
            'X' => out.push_str(&article.title),
            'U' => write!(out, "{}.md", article.slug).unwrap(),
            other => self.slot(other, out),
        });
        out
    }

    /// Fills every slot of `template`.
    fn sentence(&mut self, template: &str) -> String {
        self.in_sentence.clear();
        let mut out = String::new();
        fill(template, &mut out, &mut |slot, out| self.slot(slot, out));
        capitalise(&out)
    }

    fn slot(&mut self, slot: char, out: &mut String) {
        match slot {
            'T' => {
                let name = self.term_name();
                out.push_str(&name);
            }
            'P' => {
                let name = self.person_name();
                out.push_str(&name);
            }
            'L' => {
                let place = self.dice.below(self.places.len());
                out.push_str(&self.places[place]);
            }
            'Y' => {
                let year = self.year();
                write!(out, "{year}").unwrap();
            }
            'M' => out.push_str(self.dice_pick(MONTHS)),
            'N' => write!(out, "{}", 100 * self.dice.between(2, 90)).unwrap(),
            'V' => out.push_str(self.dice_pick(VERBS)),
            'O' => out.push_str(self.dice_pick(NOUNS)),
            'A' => out.push_str(self.dice_pick(ADJECTIVES)),
            'R' => out.push_str(self.dice_pick(ROLES)),
            other => unreachable!("unknown slot {other}"),
        }
    }

    /// A name of one of the article's terms: mostly the title, else an alias.
    fn term_name(&mut self) -> String {
        if self.topic.is_empty() {
            return "Council".into();
        }
        // A different term for each slot of a sentence, where there are enough.
        let mut pick = self.topic[self.dice.below(self.topic.len())];
        while self.in_sentence.contains(&pick) && self.in_sentence.len() < self.topic.len() {
            pick = self.topic[self.dice.below(self.topic.len())];
        }
        self.in_sentence.push(pick);
        let term = &self.corpus.terms[pick];
        if !term.aliases.is_empty() && self.dice.chance(30) {
            term.aliases[self.dice.below(term.aliases.len())].clone()
        } else {
            term.title.clone()
        }
    }

    fn person_name(&mut self) -> String {
        let p = self.dice.below(self.people.len());
        self.people[p].clone()
    }

    fn year(&mut self) -> usize {
        self.era + self.dice.below(30)
    }
}

/// The indexes of the paragraph blocks, the opening first.
fn paragraph_indexes(blocks: &[Block]) -> Vec<usize> {
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Paragraph(_)))
        .map(|(i, _)| i)
        .collect()
}

/// The Markdown of the blocks, footnotes numbered in order and listed last.
fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut notes = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(text) => writeln!(out, "## {text}\n").unwrap(),
            Block::Paragraph(sentences) => {
                for (i, (sentence, note)) in sentences.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(sentence);
                    if let Some(note) = note {
                        notes.push(note);
                        write!(out, "[^{}]", notes.len()).unwrap();
                    }
                }
                out.push_str("\n\n");
            }
            Block::Bullets(items) => {
                for item in items {
                    writeln!(out, "- {item}").unwrap();
                }
                out.push('\n');
            }
            Block::Steps(steps) => {
                for (i, step) in steps.iter().enumerate() {
                    writeln!(out, "{}. {step}", i + 1).unwrap();
                }
                out.push('\n');
            }
            Block::Quote(text, who) => writeln!(out, "> {text}\n>\n> — {who}\n").unwrap(),
        }
    }
    for (i, note) in notes.iter().enumerate() {
        writeln!(out, "[^{}]: {note}\n", i + 1).unwrap();
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The `.md` files of `dir`, sorted by name.
fn markdown_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    Ok(files)
}

/// Gives the gloss site at `root` a second language, Persian, holding
/// one in `every` of its articles (in the order of their file names)
/// translated: each a copy of its original beside it, as `x.fa.md`. The
/// text stays the original's, so the pages added cost what the originals
/// cost, and the build's growth can be set against the pages it adds.
pub fn add_translations(root: &Path, every: usize) -> io::Result<usize> {
    let dir = root.join("content/articles");
    let files = markdown_files(&dir)?;
    let mut written = 0;
    for path in files.iter().step_by(every.max(1)) {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        fs::copy(path, dir.join(format!("{stem}.fa.md")))?;
        written += 1;
    }
    let mut settings = fs::OpenOptions::new()
        .append(true)
        .open(root.join("site.toml"))?;
    io::Write::write_all(
        &mut settings,
        "\n[languages.fa]\ntitle = \"پیکره\"\ndescription = \"پیکرهٔ آزمایشی\"\n".as_bytes(),
    )?;
    Ok(written)
}

/// Puts the articles of the gloss site at `root` in series of five parts
/// (five in every 25, in the order of their file names) and gives each
/// two to four of 300 tags, the first tags far more often than the last.
pub fn add_lists(root: &Path, seed: u64) -> io::Result<()> {
    let dir = root.join("content/articles");
    let files = markdown_files(&dir)?;
    let mut dice = Dice::stream(seed, LISTS, 0);
    for (i, path) in files.iter().enumerate() {
        let text = fs::read_to_string(path)?;
        let Some(rest) = text.strip_prefix("+++\n") else {
            continue;
        };
        let mut lines = String::new();
        // Five consecutive articles of every 25 make one series.
        if i % 25 < 5 {
            writeln!(lines, "series = \"Series {}\"", i / 25).unwrap();
            writeln!(lines, "series_part = {}", i % 25 + 1).unwrap();
        }
        let count = 2 + dice.below(3);
        let mut tags: Vec<usize> = Vec::new();
        while tags.len() < count {
            // The product of two rolls: low numbers far more likely.
            let tag = dice.below(300) * dice.below(300) / 300;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let names: Vec<String> = tags.iter().map(|t| format!("\"Tag {t}\"")).collect();
        writeln!(lines, "tags = [{}]", names.join(", ")).unwrap();
        fs::write(path, format!("+++\n{lines}{rest}"))?;
    }
    Ok(())
}

// ------------------------------------------------------------ front matter

impl Page {
    /// The page as gloss reads it.
    fn gloss(&self) -> String {
        let mut out = self.front_matter("aliases");
        out.push_str(&self.body);
        out
    }

    /// The page as Hugo reads it: term names under `names` (Hugo's own
    /// `aliases` are redirect URLs), and links to Markdown files, read
    /// against the page's folder `dir`, as `relref` shortcodes.
    fn hugo(&self, dir: &str) -> String {
        let mut out = self.front_matter("names");
        out.push_str(&hugo_links(&self.body, dir));
        out
    }

    fn front_matter(&self, aliases_key: &str) -> String {
        let mut out = String::from("+++\n");
        writeln!(out, "title = {}", toml_string(&self.title)).unwrap();
        if let Some((y, m, d)) = self.date {
            writeln!(out, "date = {y:04}-{m:02}-{d:02}").unwrap();
        }
        if !self.summary.is_empty() {
            writeln!(out, "summary = {}", toml_string(&self.summary)).unwrap();
        }
        if !self.aliases.is_empty() {
            let names: Vec<String> = self.aliases.iter().map(|a| toml_string(a)).collect();
            writeln!(out, "{aliases_key} = [{}]", names.join(", ")).unwrap();
        }
        out.push_str("+++\n");
        out
    }
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Rewrites `](x.md)` links as `]({{< relref "/dir/x.md" >}})`.
fn hugo_links(body: &str, dir: &str) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut rest = body;
    while let Some(open) = rest.find("](") {
        let (before, after) = rest.split_at(open + 2);
        out.push_str(before);
        let close = after.find(')').expect("a closed link");
        let target = &after[..close];
        if target.ends_with(".md") {
            let path = if dir.is_empty() {
                format!("/{target}")
            } else {
                format!("/{dir}/{target}")
            };
            write!(out, "{{{{< relref \"{path}\" >}}}}").unwrap();
        } else {
            out.push_str(target);
        }
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------------ site files

pub const BASE_URL: &str = "https://corpus.example.org/";

fn site_toml(spec: &Spec) -> String {
    format!(
        r#"title = "An invented archive"
base_url = "{BASE_URL}"
language = "en"
description = "{} generated articles and {} glossary terms (seed {})."
author = "The gloss project"

[glossary]
link = "first"
"#,
        spec.pages, spec.terms, spec.seed
    )
}

fn hugo_toml(spec: &Spec) -> String {
    format!(
        r#"baseURL = "{BASE_URL}"
languageCode = "en"
title = "An invented archive"
disableKinds = ["taxonomy", "term"]

[params]
description = "{} generated articles and {} glossary terms (seed {})."
author = "The gloss project"

[markup.goldmark.extensions]
linkify = false

[markup.goldmark.parser.attribute]
title = true
"#,
        spec.pages, spec.terms, spec.seed
    )
}

/// Hugo's layouts: a base, article and term pages, the home page listing
/// every article as gloss's does, the glossary A–Z, and a short page for the
/// articles' section, which gloss does not have. Hugo adds the sitemap and
/// the RSS feeds itself.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header>
<a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Site"><ul>
<li><a href="{{ "/" | relURL }}">Articles</a></li>
<li><a href="{{ "/glossary/" | relURL }}">Glossary</a></li>
</ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Params.author }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "title" }}{{ .Title }} · {{ site.Title }}{{ end }}
{{ define "main" }}
<article>
<header>
<h1>{{ .Title }}</h1>
<p class="date"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
</header>
{{ .Content }}
</article>
{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="page-list">
{{ range (where site.RegularPages "Section" "articles").ByDate.Reverse }}
<li>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="date"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
</li>
{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "layouts/articles/list.html",
        r#"{{ define "title" }}{{ .Title }} · {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>The <a href="{{ "/" | relURL }}">home page</a> lists every article.</p>
{{ end }}
"#,
    ),
    (
        "layouts/glossary/list.html",
        r#"{{ define "title" }}{{ .Title }} · {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<dl class="glossary">
{{ range .Pages.ByTitle }}
<dt><a href="{{ .RelPermalink }}">{{ .Title }}</a></dt>
<dd>{{ .Params.summary }}</dd>
{{ end }}
</dl>
{{ end }}
"#,
    ),
    (
        "layouts/glossary/single.html",
        r#"{{ define "title" }}{{ .Title }} · Glossary · {{ site.Title }}{{ end }}
{{ define "main" }}
<article class="term-entry">
<header>
<p class="label"><a href="{{ "/glossary/" | relURL }}">Glossary</a></p>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.names }}<p class="aliases">Also written: {{ delimit . ", " }}</p>{{ end }}
</header>
<div class="body">
{{ .Content }}
</div>
</article>
{{ end }}
"#,
    ),
    (
        "layouts/404.html",
        r#"{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ "/" | relURL }}">Back to the articles</a></p>
{{ end }}
"#,
    ),
];

/// A long chapter: one article of `words` words in paragraphs, with
/// `notes` footnotes and `citations` citations (with page locators) of
/// `works` works of the site's bibliography, among 20 glossary terms
/// mentioned throughout. Writes a gloss site into `out` and the article's
/// bare body into `out/bare.md`; returns the body.
pub fn generate_long(
    out: &Path,
    words: usize,
    notes: usize,
    citations: usize,
    works: usize,
) -> io::Result<String> {
    let mut tree = Tree::new(out.to_path_buf());
    tree.write(
        "site.toml",
        "title = \"A long chapter\"\nbase_url = \"https://example.org/\"\n",
    )?;
    let terms: Vec<String> = (b'a'..b'u')
        .map(|c| format!("Qarbelin{}", c as char))
        .collect();
    for (i, term) in terms.iter().enumerate() {
        tree.write(
            &format!("content/glossary/term-{i}.md"),
            &format!(
                "+++\ntitle = \"{term}\"\nsummary = \"A term of the chapter.\"\n+++\nIts entry.\n"
            ),
        )?;
    }
    let mut bib = String::new();
    for w in 0..works {
        let _ = writeln!(
            bib,
            "@book{{work{w}, author = {{Surname{w}, Given}}, title = {{A History in {} Parts}}, \
             publisher = {{Press {}}}, address = {{City}}, year = {{{}}}}}",
            w + 2,
            w % 7,
            1900 + w % 120
        );
    }
    tree.write("content/sources.bib", &bib)?;

    let paragraphs = notes.max(citations).max(1);
    // A citation and a note add about nine words of their own.
    let per_paragraph = (words / paragraphs).saturating_sub(9).max(1);
    let mut rng = Dice::stream(1909, ARTICLE, u64::MAX);
    let mut body = String::new();
    let mut defs = String::new();
    for p in 0..paragraphs {
        if p % 40 == 0 {
            let _ = writeln!(body, "## Part {}\n", p / 40 + 1);
        }
        for w in 0..per_paragraph {
            if w > 0 {
                body.push(' ');
            }
            if w % 23 == 5 {
                body.push_str(&terms[rng.below(terms.len())]);
            } else {
                body.push_str(rng.pick(LONG_WORDS));
            }
        }
        if p < citations {
            let _ = write!(
                body,
                " [@work{}, p. {}]",
                rng.below(works.max(1)),
                1 + rng.below(400)
            );
        }
        body.push('.');
        if p < notes {
            let _ = write!(body, "[^n{p}]");
            let _ = writeln!(
                defs,
                "[^n{p}]: A note on the passage, with {}.",
                rng.pick(LONG_WORDS)
            );
        }
        body.push_str("\n\n");
    }
    body.push_str(&defs);
    tree.write(
        "content/articles/chapter.md",
        &format!("+++\ntitle = \"The chapter\"\ndate = 2025-01-01\n+++\n{body}"),
    )?;
    tree.write("bare.md", &body)?;
    Ok(body)
}

/// The words a long chapter is written in.
const LONG_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "city",
    "siege",
    "council",
    "road",
    "winter",
    "letters",
    "a",
    "to",
    "in",
    "merchants",
    "held",
    "wrote",
    "that",
    "was",
    "their",
    "north",
    "bread",
    "after",
    "which",
    "envoy",
    "for",
    "quarter",
    "town",
    "month",
    "with",
    "guards",
    "gate",
];
