//! Related reading: for each article, the few others sharing the most of
//! its glossary terms, a rarer term counting for more. Found through an
//! inverted index (each term's articles), so an article is compared only
//! with those sharing a term with it; a term so common that walking its
//! articles would cost more than [`WALKED`] steps is scored, not walked.
//! The time taken grows with the number of mentions, not with the square
//! of the number of articles.

use rayon::prelude::*;

/// How many related articles each article shows.
pub const SHOWN: usize = 3;

/// At most this many articles are walked through one term's list, for each
/// article mentioning the term.
const WALKED: usize = 32;

/// An article related to another, and the terms they share, rarest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub article: usize,
    pub shared: Vec<usize>,
}

/// For each article, up to [`SHOWN`] related ones, the most related first.
/// `mentions[a]` holds the terms article `a` mentions, each below `terms`,
/// sorted and without repeats; `rank[a]` breaks ties, lower first (the
/// newest article first, say).
pub fn related(mentions: &[Vec<usize>], terms: usize, rank: &[usize]) -> Vec<Vec<Related>> {
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); terms];
    for (a, ts) in mentions.iter().enumerate() {
        for &t in ts {
            postings[t].push(a);
        }
    }
    // Each term's articles in rank order, so a long list is walked from its
    // newest articles.
    for list in &mut postings {
        list.sort_unstable_by_key(|&a| rank[a]);
    }
    let n = mentions.len() as f64;
    let weight: Vec<f64> = (postings.iter())
        .map(|p| (1.0 + n / p.len().max(1) as f64).ln())
        .collect();
    // Each article's terms, rarest first, so the walks start where they
    // tell most.
    let by_rarity = |ts: &[usize]| {
        let mut ts = ts.to_vec();
        ts.sort_unstable_by_key(|&t| (postings[t].len(), t));
        ts
    };
    // Each thread keeps a score for every article, with the article it
    // was last reset for beside it: one place in memory to reach.
    let scratch = || vec![(usize::MAX, 0.0f64); mentions.len()];
    (0..mentions.len())
        .into_par_iter()
        .map_init(scratch, |scores, a| {
            // A score from the walks alone: a term walked only in part
            // leaves out the articles past the walk.
            let mut candidates = Vec::new();
            for t in by_rarity(&mentions[a]) {
                for &b in postings[t].iter().take(WALKED + 1) {
                    if b == a {
                        continue;
                    }
                    let (reset_for, score) = &mut scores[b];
                    if *reset_for != a {
                        *reset_for = a;
                        *score = 0.0;
                        candidates.push(b);
                    }
                    *score += weight[t];
                }
            }
            let better = |x: &(f64, usize), y: &(f64, usize)| {
                y.0.total_cmp(&x.0).then(rank[x.1].cmp(&rank[y.1]))
            };
            let mut scored: Vec<(f64, usize)> =
                candidates.iter().map(|&b| (scores[b].1, b)).collect();
            // The best of those, scored on every term they share.
            let kept = RESCORED.min(scored.len());
            if kept > 0 && scored.len() > kept {
                scored.select_nth_unstable_by(kept - 1, better);
                scored.truncate(kept);
            }
            for (s, b) in &mut scored {
                *s = shared(&mentions[a], &mentions[*b]).map(|t| weight[t]).sum();
            }
            scored.sort_unstable_by(better);
            scored.truncate(SHOWN);
            (scored.into_iter())
                .map(|(_, b)| {
                    let mut shared: Vec<usize> = shared(&mentions[a], &mentions[b]).collect();
                    shared.sort_by(|&x, &y| {
                        (postings[x].len().cmp(&postings[y].len())).then(x.cmp(&y))
                    });
                    Related { article: b, shared }
                })
                .collect()
        })
        .collect()
}

/// How many of the best-scored articles found by the walks are scored
/// again on all the terms they share.
const RESCORED: usize = 4 * SHOWN;

/// The terms in both sorted lists, in order: each of the shorter looked
/// up in the longer, so an article mentioning every term costs each
/// article it is compared with only that article's terms.
fn shared<'s>(a: &'s [usize], b: &'s [usize]) -> impl Iterator<Item = usize> + 's {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (short.iter().copied()).filter(move |t| long.binary_search(t).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(r: &[Related]) -> Vec<usize> {
        r.iter().map(|r| r.article).collect()
    }

    #[test]
    fn a_rare_shared_term_outranks_a_common_one() {
        // Term 0 is in every article, term 1 only in articles 0 and 3.
        let mentions = vec![vec![0, 1], vec![0], vec![0], vec![0, 1], vec![0]];
        let rank: Vec<usize> = (0..5).collect();
        let r = related(&mentions, 2, &rank);
        assert_eq!(articles(&r[0]), [3, 1, 2]);
        assert_eq!(r[0][0].shared, [1, 0], "rarest first");
        assert_eq!(r[0][1].shared, [0]);
        assert_eq!(articles(&r[3]), [0, 1, 2]);
    }

    #[test]
    fn no_article_is_related_to_itself_nor_to_one_sharing_nothing() {
        let mentions = vec![vec![0], vec![1], vec![0], vec![]];
        let r = related(&mentions, 2, &[0, 1, 2, 3]);
        assert_eq!(articles(&r[0]), [2]);
        assert!(r[1].is_empty() && r[3].is_empty());
    }

    #[test]
    fn ties_go_to_the_better_ranked_article() {
        let mentions = vec![vec![0]; 6];
        let rank = [5, 4, 3, 2, 1, 0];
        let r = related(&mentions, 1, &rank);
        assert_eq!(articles(&r[0]), [5, 4, 3]);
        assert_eq!(articles(&r[5]), [4, 3, 2]);
    }

    /// A term every article mentions is walked only so far, and still
    /// scores the articles found through a rarer one.
    #[test]
    fn a_common_term_is_walked_only_so_far() {
        let n = 10 * WALKED;
        let mut mentions = vec![vec![0]; n];
        mentions[0] = vec![0, 1];
        mentions[n - 1] = vec![0, 1];
        let rank: Vec<usize> = (0..n).collect();
        let r = related(&mentions, 2, &rank);
        assert_eq!(r[0][0].article, n - 1, "found through the rare term");
        assert_eq!(r[0][0].shared, [1, 0]);
        assert_eq!(
            articles(&r[n / 2]),
            [0, 1, 2],
            "the best-ranked of the common term"
        );
    }
}
