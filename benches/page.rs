//! One page's render: a site of one ~800-word article (headings, a list, a
//! footnote, mentions of glossary terms) and a glossary of eleven terms, taken
//! through the whole in-memory pipeline, `gloss::render`: loading the files,
//! indexing the glossary, the Markdown passes and the templates. Nothing is
//! written out and no process starts, so this is the cost of the build itself
//! for the smallest real site.
//!
//! The site is written once to a temporary folder; its render must succeed
//! with no warnings before it is timed.
//!
//! Run with `cargo bench --bench page`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::RenderOptions;

const SITE_TOML: &str = r#"title = "A Brigade in Persia"
base_url = "https://example.org/brigade/"
language = "en"
description = "One article and its glossary."
author = "A. Historian"

[glossary]
link = "first"
"#;

const HOME: &str = r#"+++
title = "A Brigade in Persia"
summary = "The story of a cavalry unit and the country it served."
+++
Start with [the brigade's history](articles/one.md), or browse the glossary.
"#;

const GLOSSARY_INDEX: &str = r#"+++
title = "Glossary"
summary = "The people, places and institutions the article names."
+++
One entry a name, with the original script where there is one.
"#;

const ARTICLE: &str = r#"+++
title = "The Persian Cossack Brigade, 1879–1921"
date = 2025-06-01
summary = "How a royal guard trained by Russian officers became the strongest force in Persia, and then the ladder by which one of its officers climbed to the throne."
label = "Long Read"
+++
## A guard for the shah

When Naser al-Din Shah travelled through Russia in 1878 he watched Cossack regiments on parade and asked for something like them at home. The result, formed the next year in Tehran, was a small cavalry unit drilled, paid and commanded by officers on loan from the Russian army. It was called the Persian Cossack Brigade, and for forty years it would be the only body of troops in the country that could be relied on to turn up, in uniform, when ordered.

Its first men were few, a few hundred horsemen at most, and its purpose was more ceremony than war. The shah wanted a guard that looked like a modern army; Russia wanted a lever inside his court. Both got what they asked for. Persian recruits served in the ranks and in the junior posts, but the colonel in command answered as much to the Russian legation and to the war ministry in St Petersburg as to the king whose guard he led.

## Pay, drill and loyalty

What set the brigade apart from the rest of the army of the Qajar dynasty was not courage but regularity. Elsewhere, units existed mostly on paper, their pay skimmed by commanders and their muster rolls padded with the names of the dead. The Cossacks were paid, more or less on time, out of customs revenue that the Russians took care to secure. They drilled every day. They had rifles that worked and officers who knew how to use them.

Three habits made the difference:

- **Regular pay**, drawn from a fixed source rather than from a governor's goodwill;
- **Russian command**, which kept promotion out of the hands of court factions;
- **Steady drill**, so that a squadron could be moved across Tehran at an hour's notice.

That regularity made the brigade valuable to whoever held it, and dangerous to everyone else. A force that obeyed its colonel would obey him whatever he was told.

## The guns of June 1908

The test came with the Constitutional Revolution. In 1906 protests in the capital forced the dying Mozaffar ad-Din Shah to grant a constitution and an elected parliament, the Majlis. His son, Mohammad Ali Shah, meant to undo both. On 23 June 1908 the brigade's commander, Colonel Vladimir Liakhov, led his men against the parliament building and shelled it.[^liakhov] Deputies were arrested, some executed, and the constitution was suspended.

For a year the shah ruled without a parliament, and the brigade was the instrument of that rule in the capital. Resistance in the provinces, above all in Tabriz, kept the cause alive, and in July 1909 constitutionalist forces from the north and from the Bakhtiari tribes entered Tehran. The shah took refuge in the Russian legation and was deposed. Liakhov, who had fought the entry, negotiated a surrender that left his brigade intact. The new government needed soldiers too.

## A division in a divided country

During the First World War Persia was neutral in name and a battlefield in fact. British, Russian and Ottoman troops crossed its borders at will. The brigade grew into a division, with detachments in the northern provinces under Russian control, and the Cossack Division became the largest disciplined force on Persian soil. The Russian revolutions of 1917 cut it loose from the government that had paid for it. Its officers split between the new regime and its enemies, and the men went unpaid.

By 1920 the British, who had replaced Russia as the power at the shah's elbow, wanted the last Russian officers gone. They were dismissed that autumn, and command passed to Persians. Among them was a tall officer from Mazandaran who had risen through the ranks since boyhood: Reza Khan.

## From the barracks to the throne

In February 1921 Reza Khan marched some three thousand Cossacks from Qazvin to Tehran and took the capital with almost no bloodshed. A journalist, Sayyid Zia, became prime minister; Reza Khan became commander of the army and soon minister of war. He folded the Cossacks, the gendarmerie and the other units into a single national army, and with that army behind him he rose to prime minister in 1923.

In 1925 the Majlis deposed the last ruler of the Qajar dynasty, and a constituent assembly gave the crown to Reza Khan, who took the name Pahlavi. The brigade had been founded to guard one dynasty; its most successful officer used it to found another.

## What the brigade left

The Persian Cossack Brigade did not outlive 1921 as a unit, but its habits did. The new army kept its ranks, its drill and its belief that a soldier's first loyalty was to his commander. The Majlis, shelled by Cossacks in 1908, survived to see a Cossack crowned, and it would spend much of the next half-century learning how little a parliament could do against an army that answered to the throne. Tehran, whose streets the brigade had patrolled for four decades, became the capital of a state built, in large part, on the model of its old guard.

[^liakhov]: Liakhov's own reports to his superiors describe the attack as the restoration of order; the deputies who survived called it a massacre. Both accounts agree on the hour and on the guns.
"#;

/// The glossary: each term file, by file stem.
const TERMS: &[(&str, &str)] = &[
    (
        "persian-cossack-brigade",
        r#"+++
title = "Persian Cossack Brigade"
aliases = ["Cossack Division"]
summary = "A cavalry unit of the Persian crown, commanded by Russian officers from 1879 to 1920."
native = "بریگاد قزاق"
lang = "fa"
+++
Raised in 1879 under [[naser-al-din-shah]], enlarged to a division in 1916, and merged into the national army after [[reza-khan]] took [[tehran]] in 1921.
"#,
    ),
    (
        "cossack",
        r#"+++
title = "Cossack"
aliases = ["Cossacks"]
summary = "A horseman of the southern Russian steppe, and the regiments formed from them."
+++
The name came to Persia with the Russian instructors of the [[persian-cossack-brigade]], and stayed with its Persian troopers after the Russians left.
"#,
    ),
    (
        "majlis",
        r#"+++
title = "Majlis"
aliases = ["majles"]
summary = "Persia's elected parliament, created in 1906."
native = "مجلس"
lang = "fa"
+++
It first met in [[tehran]] in October 1906, was shelled in June 1908 and met again in November 1909.
"#,
    ),
    (
        "naser-al-din-shah",
        r#"+++
title = "Naser al-Din Shah"
summary = "Shah of Persia from 1848 to 1896."
+++
His journey through Russia in 1878 led to the founding of the [[persian-cossack-brigade]].
"#,
    ),
    (
        "mozaffar-ad-din-shah",
        r#"+++
title = "Mozaffar ad-Din Shah"
summary = "Shah of Persia from 1896 to 1907, who granted the constitution."
+++
He signed the constitution that created the [[majlis]] weeks before his death.
"#,
    ),
    (
        "mohammad-ali-shah",
        r#"+++
title = "Mohammad Ali Shah"
summary = "Shah of Persia from 1907 to 1909, deposed after he closed the parliament."
+++
He ordered the shelling of the [[majlis]] in 1908 and lived out his exile in Russia.
"#,
    ),
    (
        "qajar-dynasty",
        r#"+++
title = "Qajar dynasty"
aliases = ["Qajars"]
summary = "The dynasty that ruled Persia from 1789 to 1925."
+++
Its last shah was deposed by the [[majlis]] in 1925.
"#,
    ),
    (
        "constitutional-revolution",
        r#"+++
title = "Constitutional Revolution"
summary = "The movement of 1905 to 1911 that gave Persia a constitution and a parliament."
+++
Its centres were [[tehran]] and [[tabriz]].
"#,
    ),
    (
        "tehran",
        r#"+++
title = "Tehran"
aliases = ["Teheran"]
summary = "The capital of Persia since 1786."
native = "تهران"
lang = "fa"
+++
The seat of the court, the [[majlis]] and the headquarters of the [[persian-cossack-brigade]].
"#,
    ),
    (
        "reza-khan",
        r#"+++
title = "Reza Khan"
aliases = ["Reza Shah"]
summary = "Cossack officer who took Tehran in 1921 and became shah in 1925."
+++
He ruled as Reza Shah Pahlavi until 1941.
"#,
    ),
    (
        "tabriz",
        r#"+++
title = "Tabriz"
summary = "The chief city of Azerbaijan province, which held out for the constitution in 1908 and 1909."
native = "تبریز"
lang = "fa"
+++
The city held out against royalist troops for most of a year.
"#,
    ),
];

fn write_site(root: &Path) {
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).expect("a folder of the site");
        std::fs::write(&path, text).expect("a file of the site");
    };
    write("site.toml", SITE_TOML);
    write("content/_index.md", HOME);
    write("content/articles/one.md", ARTICLE);
    write("content/glossary/_index.md", GLOSSARY_INDEX);
    for (stem, file) in TERMS {
        write(&format!("content/glossary/{stem}.md"), file);
    }
}

fn page_bench(c: &mut Criterion) {
    let site = tempfile::Builder::new()
        .prefix("gloss-bench-page-")
        .tempdir()
        .expect("a temporary folder");
    write_site(site.path());
    let options = RenderOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };

    let rendered =
        gloss::render(&options).unwrap_or_else(|errors| panic!("the site renders:\n{errors}"));
    assert!(
        rendered.warnings.is_empty(),
        "no warnings:\n{}",
        rendered.warnings
    );
    assert_eq!((rendered.articles, rendered.terms), (1, TERMS.len()));
    let article = rendered
        .files
        .iter()
        .find(|f| f.path == "articles/one/index.html")
        .expect("the article's page");
    let html = String::from_utf8_lossy(&article.contents);
    for (stem, ..) in TERMS {
        assert!(
            html.contains(&format!("/glossary/{stem}/")),
            "the article links {stem}"
        );
    }
    println!(
        "site: 1 article of {} words, {} terms, {} files rendered",
        ARTICLE
            .splitn(3, "+++\n")
            .nth(2)
            .unwrap()
            .split_whitespace()
            .count(),
        TERMS.len(),
        rendered.files.len()
    );

    c.bench_function("page/render", |b| {
        b.iter(|| gloss::render(black_box(&options)).expect("the site renders"));
    });
}

criterion_group!(benches, page_bench);
criterion_main!(benches);
