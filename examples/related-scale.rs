//! Times related reading alone, per article, for sites of several sizes:
//! each article mentions 25 of the glossary's terms, drawn with a skew
//! (a few terms in most articles, most terms in few), as a real glossary is
//! mentioned.
//!
//!     cargo run --release --example related-scale -- 10000 50000
//!
//! Prints, for each size, the best of five runs and the time per article.

use std::time::Instant;

/// Terms each article mentions.
const MENTIONS: usize = 25;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number of articles"))
        .collect();
    let terms: usize = std::env::var("TERMS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1000);
    println!("terms {terms}, {MENTIONS} mentions an article");
    for n in sizes {
        let mut rng = fastrand::Rng::with_seed(7);
        let mentions: Vec<Vec<usize>> = (0..n)
            .map(|_| {
                let mut ts: Vec<usize> = (0..MENTIONS)
                    .map(|_| {
                        // The square of a uniform draw: term 0 the commonest.
                        let u = rng.f64();
                        ((u * u) * terms as f64) as usize
                    })
                    .collect();
                ts.sort_unstable();
                ts.dedup();
                ts
            })
            .collect();
        let rank: Vec<usize> = (0..n).collect();
        let best = (0..5)
            .map(|_| {
                let started = Instant::now();
                let related = gloss::lists::related::related(&mentions, terms, &rank);
                let took = started.elapsed();
                assert_eq!(related.len(), n);
                took
            })
            .min()
            .expect("five runs");
        println!(
            "{n:>7} articles: {:>8.1} ms, {:>6.2} µs an article",
            best.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e6 / n as f64
        );
    }
}
