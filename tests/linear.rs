//! No input makes gloss slower than linear: every pass over a page's
//! Markdown and every list the render stage builds is fed one construct n
//! times and 4n times, and the build may take at most 8 times as long (about
//! 4 is linear; 16 would be quadratic). And CommonMark's pathological
//! inputs, re-created here, each build within 4 s.
//!
//! The sizes are chosen so that the work grows well above the fixed cost of
//! a build. `GLOSS_LINEAR_BIN` runs the same checks on another gloss binary,
//! such as an earlier release, to show what they catch.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Site;

/// The binary to time.
fn binary() -> PathBuf {
    std::env::var_os("GLOSS_LINEAR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_gloss")))
}

/// Runs `gloss <command>` on the site, whether it succeeds or reports
/// problems, and returns how long it took; a crash fails the test.
fn time(site: &Site, command: &str) -> Duration {
    let out = site.tmp().join("out");
    let root = site.root();
    let mut cmd = Command::new(binary());
    cmd.arg(command).arg("-q").arg("--root").arg(&root);
    if command == "build" {
        cmd.arg("--output").arg(&out);
    }
    let start = Instant::now();
    let output = cmd.output().expect("run gloss");
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
        "gloss {command} crashed: {}\n{}",
        output.status,
        &stderr[..stderr.len().min(2000)]
    );
    took
}

/// The fastest of three runs: the machine's noise only ever adds time.
fn best_time(site: &Site, command: &str) -> Duration {
    (0..3).map(|_| time(site, command)).min().unwrap()
}

/// A site with two terms (`Alpha` and `Beta`, slugs t0 and t1), a second
/// article `b.md` with a section, an image, a bibliography of two works,
/// and `a.md` holding `body`.
fn site(body: &str, settings: &str) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        format!("title = \"L\"\nbase_url = \"https://example.org/\"\n{settings}"),
    );
    for (slug, title) in [("t0", "Alpha"), ("t1", "Beta")] {
        site.write(
            &format!("content/glossary/{slug}.md"),
            format!("+++\ntitle = \"{title}\"\nsummary = \"A term.\"\n+++\nThe entry.\n"),
        );
    }
    site.write(
        "content/articles/b.md",
        "+++\ntitle = \"B\"\ndate = 2025-01-01\n+++\n## Part\n\nText.\n",
    );
    site.write(
        "static/i.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"></svg>"#,
    );
    site.write(
        "content/sources.bib",
        "@book{k1, author = {Afary, Janet}, title = {The Iranian Constitutional Revolution}, \
         publisher = {Columbia University Press}, year = {1996}}\n\
         @book{k2, author = {Kasravi, Ahmad}, title = {History}, publisher = {P}, year = {1940}}\n",
    );
    site.write(
        "content/articles/a.md",
        format!("+++\ntitle = \"A\"\ndate = 2025-01-02\n+++\n{body}\n"),
    );
    site
}

/// `line(i)` for i in 0..n, one paragraph each.
fn paragraphs(n: usize, line: impl Fn(usize) -> String) -> String {
    (0..n).map(line).collect::<Vec<_>>().join("\n\n")
}

/// One construct, written n times into a site, and the command that reads it.
struct Case {
    name: &'static str,
    command: &'static str,
    n: usize,
    make: fn(usize) -> Site,
}

fn markdown_cases() -> Vec<Case> {
    vec![
        Case {
            name: "footnotes `Text[^i]` with their definitions",
            command: "build",
            n: 2000,
            make: |n| {
                let refs: String = (0..n).map(|i| format!("Text[^{i}].\n")).collect();
                let defs: String = (0..n).map(|i| format!("[^{i}]: Note {i}.\n")).collect();
                site(&format!("{refs}\n{defs}"), "")
            },
        },
        Case {
            name: "one footnote referenced n times",
            command: "build",
            n: 2000,
            make: |n| site(&format!("{}\n[^a]: The note.", "Text[^a].\n".repeat(n)), ""),
        },
        Case {
            name: "the same heading n times",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |i| format!("## Same\n\nText {i}.")), ""),
        },
        Case {
            name: "`[[t0]]` wiki links",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "[[t0]]".into()), ""),
        },
        Case {
            name: "`[[t1|x]]` wiki links with text",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "[[t1|x]]".into()), ""),
        },
        Case {
            name: "`[see](b.md#part)` links, checked",
            command: "check",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "[see](b.md#part)".into()), ""),
        },
        Case {
            name: "a term mentioned 4n times, link = \"all\"",
            command: "build",
            n: 2000,
            make: |n| {
                site(
                    &paragraphs(n, |_| "Alpha, Alpha, Alpha and Alpha.".into()),
                    "[glossary]\nlink = \"all\"\n",
                )
            },
        },
        Case {
            name: "n/2 citations `[@k1, p. i]`",
            command: "build",
            n: 400,
            make: |n| site(&paragraphs(n / 2, |i| format!("Claim [@k1, p. {i}].")), ""),
        },
        Case {
            name: "citations of unknown works, each an error",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |i| format!("Claim [@nobody{i}].")), ""),
        },
        Case {
            name: "unknown `[[wiki links]]`, each an error",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "[[nowhere]]".into()), ""),
        },
        Case {
            name: "unknown wiki links on one line",
            command: "build",
            n: 2000,
            make: |n| site(&"[[nowhere]] ".repeat(n), ""),
        },
        Case {
            name: "links to missing pages, each an error",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "[x](missing.md)".into()), ""),
        },
        Case {
            name: "raw HTML shown as text, with warnings",
            command: "build",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "a <span>b</span> <!-- c -->".into()), ""),
        },
        Case {
            name: "raw HTML published, on a trusting site",
            command: "build",
            n: 2000,
            make: |n| {
                site(
                    &paragraphs(n, |_| {
                        "<div><a href=\"/x\">Alpha</a> <code>Beta</code></div>".into()
                    }),
                    "[markdown]\nunsafe_html = true\n",
                )
            },
        },
        Case {
            name: "images without alt text, checked",
            command: "check",
            n: 2000,
            make: |n| site(&paragraphs(n, |_| "![](/i.svg)".into()), ""),
        },
        Case {
            name: "headings with written ids and attributes",
            command: "build",
            n: 2000,
            make: |n| {
                site(
                    &paragraphs(n, |i| format!("## H {{#h{i} .c}}\n\nText.")),
                    "",
                )
            },
        },
    ]
}

/// The site of [`site`] with n more pages: `content/<prefix><i>.md`, each
/// titled "<title> <i>" and then given `rest(i)`, the rest of its front
/// matter and its body.
fn with_pages(n: usize, prefix: &str, title: &str, rest: impl Fn(usize) -> String) -> Site {
    let site = site("Alpha.", "");
    for i in 0..n {
        site.write(
            &format!("content/{prefix}{i}.md"),
            format!("+++\ntitle = \"{title} {i}\"\n{}", rest(i)),
        );
    }
    site
}

/// n more articles `articles/p<i>.md`.
fn with_articles(n: usize, rest: impl Fn(usize) -> String) -> Site {
    with_pages(n, "articles/p", "P", rest)
}

fn site_cases() -> Vec<Case> {
    vec![
        Case {
            name: "articles each mentioning one term (lists, backlinks, feed, search, related reading)",
            command: "build",
            n: 300,
            make: |n| {
                with_articles(n, |i| {
                    format!(
                        "date = 2024-01-{:02}\n+++\nOn Alpha and Beta.\n",
                        i % 28 + 1
                    )
                })
            },
        },
        Case {
            name: "URLs of the ledger no page publishes any longer (errors, suggestions)",
            command: "build",
            n: 300,
            make: |n| {
                let site = with_articles(n, |_| "date = 2024-01-01\n+++\nText.\n".into());
                let ledger: String = (0..n)
                    .map(|i| format!("/articles/old-{i}/  content/articles/old-{i}.md\n"))
                    .collect();
                site.write("published-urls.txt", ledger);
                site
            },
        },
        Case {
            name: "articles with photos (credits)",
            command: "build",
            n: 300,
            make: |n| {
                with_articles(n, |i| {
                    format!(
                        "date = 2024-02-01\n[photo]\nsrc = \"i.svg\"\nalt = \"A drawing\"\n\
                         credit = \"Maker {}\"\n+++\nText.\n",
                        i % 50
                    )
                })
            },
        },
        Case {
            name: "terms (glossary index, glossary.json, matcher)",
            command: "build",
            n: 300,
            make: |n| {
                with_pages(n, "glossary/g", "Gterm", |i| {
                    format!("summary = \"Term {i}.\"\n+++\nEntry.\n")
                })
            },
        },
        Case {
            name: "events of one article (timeline, key dates)",
            command: "build",
            n: 1000,
            make: |n| {
                let mut front = String::from("+++\ntitle = \"E\"\ndate = 2025-01-03\n");
                for i in 0..n {
                    let _ = write!(
                        front,
                        "\n[[events]]\ndate = \"{}-{:02}\"\nlabel = \"Event {i}\"\n",
                        1000 + i % 900,
                        i % 12 + 1
                    );
                }
                let site = site("Text.", "");
                site.write("content/articles/e.md", format!("{front}+++\nText.\n"));
                site
            },
        },
        Case {
            name: "places on the map",
            command: "build",
            n: 200,
            make: |n| {
                with_pages(n, "glossary/place", "Place", |i| {
                    format!(
                        "summary = \"A town.\"\nkind = \"place\"\nlat = {}\nlon = {}\n+++\nA town.\n",
                        30.0 + (i % 20) as f64 * 0.7,
                        40.0 + (i / 20) as f64 * 0.9
                    )
                })
            },
        },
        Case {
            name: "works in the bibliography (sources page)",
            command: "build",
            n: 25,
            make: |n| {
                let site = site("Text [@w0].", "");
                let bib: String = (0..n)
                    .map(|i| {
                        format!(
                            "@book{{w{i}, author = {{Author{i}, A.}}, title = {{Title {i}}}, \
                             publisher = {{P}}, year = {{{}}}}}\n",
                            1900 + i
                        )
                    })
                    .collect();
                site.write("content/sources.bib", bib);
                site
            },
        },
    ]
}

/// Times each case at n and 4n, and fails naming every case that grew more
/// than 8 times. n starts at the case's own and doubles until the
/// construct costs at least twice what a build of the site without it does,
/// so that what is measured is the construct, on a fast binary or a slow
/// one.
fn assert_linear(cases: Vec<Case>) {
    let mut report = String::new();
    let mut slow = Vec::new();
    for case in cases {
        let bare = best_time(&(case.make)(0), case.command);
        let mut n = case.n;
        while time(&(case.make)(n), case.command) < 3 * bare && n < case.n * 32 {
            n *= 2;
        }
        let small = (case.make)(n);
        let large = (case.make)(4 * n);
        let t1 = best_time(&small, case.command);
        let t4 = best_time(&large, case.command);
        let growth = t4.as_secs_f64() / t1.as_secs_f64();
        let _ = writeln!(
            report,
            "{n:>7} {:>8.1} ms {:>8.1} ms  x{growth:<5.1} {}",
            t1.as_secs_f64() * 1e3,
            t4.as_secs_f64() * 1e3,
            case.name
        );
        if growth > 8.0 {
            slow.push(case.name);
        }
    }
    eprintln!("      n  time at n, at 4n, growth:\n{report}");
    assert!(slow.is_empty(), "slower than linear: {slow:?}\n{report}");
}

#[test]
fn every_markdown_pass_is_linear() {
    assert_linear(markdown_cases());
}

#[test]
fn every_list_of_the_site_is_linear() {
    assert_linear(site_cases());
}

/// CommonMark's pathological inputs (after the reference implementation's
/// `test/pathological_tests.py`), each built as an article of its own.
#[test]
fn commonmark_pathological_inputs_build_in_four_seconds() {
    let n = 30_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "nested strong emphasis",
            format!("{}a{}", "*a **a ".repeat(n), " a** a*".repeat(n)),
        ),
        ("many emphasis closers with no openers", "a_ ".repeat(n)),
        ("many emphasis openers with no closers", "_a ".repeat(n)),
        ("many link closers with no openers", "a]".repeat(n)),
        ("many link openers with no closers", "[a".repeat(n)),
        ("mismatched openers and closers", "*a_ ".repeat(n)),
        (
            "openers and closers multiple of 3",
            format!("a**b{}", "c* ".repeat(n)),
        ),
        ("link openers and emphasis closers", "[ a_".repeat(n)),
        ("pattern [ (]( repeated", "[ (](".repeat(n)),
        (
            "nested brackets",
            format!("{}a{}", "[".repeat(n), "]".repeat(n)),
        ),
        ("nested block quotes", format!("{}a", "> ".repeat(n))),
        (
            "deeply nested lists",
            (0..1000)
                .map(|i| format!("{}* a\n", "  ".repeat(i)))
                .collect(),
        ),
        ("U+0000 in input", "abc\u{0}de\u{0}".repeat(n)),
        (
            "backticks",
            (1..2000).map(|i| format!("e{}", "`".repeat(i))).collect(),
        ),
        ("unclosed links A", "[a](<b".repeat(n)),
        ("unclosed links B", "[a](b".repeat(n)),
        ("unclosed <!--", format!("</{}", "<!--".repeat(n))),
        ("unclosed <?", format!("a{}", "<?".repeat(n))),
        ("unclosed <!X", format!("a{}", "<!A ".repeat(n))),
        ("unclosed <![CDATA[", format!("a{}", "<![CDATA[".repeat(n))),
        ("tables", format!("a|b\n-|-\n{}", "x|y\n".repeat(n))),
        (
            "reference definitions",
            (0..n).map(|i| format!("[x{i}]: /u\n")).collect(),
        ),
        ("many autolinks", "<http://x> ".repeat(n)),
        ("wiki link openers", "[[a".repeat(n)),
        ("footnote openers", "[^a".repeat(n)),
        ("citation openers", "[@a, ".repeat(n)),
    ];
    let mut slow = Vec::new();
    let mut report = String::new();
    for (name, body) in cases {
        let site = site(&body, "");
        let took = time(&site, "build");
        let _ = writeln!(report, "{:>8.1} ms  {name}", took.as_secs_f64() * 1e3);
        if took > Duration::from_secs(4) {
            slow.push(name);
        }
    }
    eprintln!("{report}");
    assert!(slow.is_empty(), "over 4 s: {slow:?}\n{report}");
}
