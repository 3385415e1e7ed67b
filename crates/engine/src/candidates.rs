//! The candidates: the ranked markets the user's filters keep, with their rank among
//! themselves. Ties share a rank exactly as in the full ranking ("1, 2, 2, 4").

use crate::market_filter::MarketFilter;
use crate::readiness::tied_ranks;
use crate::MarketIndex;
use crate::{Dataset, Ranking};

/// One candidate market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Position in `Ranking::scores`.
    pub position: usize,
    /// 1 = best among the candidates; tied scores share a rank.
    pub rank: usize,
}

/// The markets of `ranking` that `keep` accepts (by dataset market index), best first.
pub fn candidates(ranking: &Ranking, keep: impl Fn(MarketIndex) -> bool) -> Vec<Candidate> {
    let kept: Vec<usize> = ranking
        .scores
        .iter()
        .enumerate()
        .filter(|(_, s)| keep(s.market))
        .map(|(position, _)| position)
        .collect();
    let ranks = tied_ranks(kept.iter().map(|&p| ranking.scores[p].score));
    kept.into_iter()
        .zip(ranks)
        .map(|(position, rank)| Candidate { position, rank })
        .collect()
}

/// The candidates under a market filter.
pub fn filtered(dataset: &Dataset, ranking: &Ranking, filter: &MarketFilter) -> Vec<Candidate> {
    candidates(ranking, |market| filter.matches(dataset, market))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ranking_of as ranking;
    use proptest::prelude::*;

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let r = ranking(&[90.0, 80.0, 80.0, 70.0]);
        let ranks: Vec<usize> = candidates(&r, |_| true).iter().map(|c| c.rank).collect();
        assert_eq!(ranks, [1, 2, 2, 4]);
    }

    #[test]
    fn ranks_count_only_the_markets_kept() {
        let r = ranking(&[90.0, 80.0, 80.0, 70.0]);
        // The first of the tied pair is filtered out: the other takes rank 2 alone.
        let kept = candidates(&r, |m| m != r.scores[1].market);
        let ranks: Vec<(usize, usize)> = kept.iter().map(|c| (c.position, c.rank)).collect();
        assert_eq!(ranks, [(0, 1), (2, 2), (3, 3)]);
    }

    proptest! {
        // With every market kept, candidate ranks are the full ranking's ranks.
        #[test]
        fn all_kept_gives_the_ranking_itself(scores in proptest::collection::vec(0u8..20, 0..40)) {
            let r = ranking(&scores.iter().map(|&s| f64::from(s)).collect::<Vec<_>>());
            let c = candidates(&r, |_| true);
            prop_assert_eq!(c.len(), r.scores.len());
            for (cand, score) in c.iter().zip(&r.scores) {
                prop_assert_eq!(cand.rank, score.rank);
            }
        }

        // Ranks never fall, start at 1, and a rank equals its predecessor only on a tie.
        #[test]
        fn ranks_are_competition_ranks(
            scores in proptest::collection::vec(0u8..10, 0..40),
            dropped in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let r = ranking(&scores.iter().map(|&s| f64::from(s)).collect::<Vec<_>>());
            let c = candidates(&r, |m| !dropped[m.0]);
            for (i, cand) in c.iter().enumerate() {
                if i == 0 {
                    prop_assert_eq!(cand.rank, 1);
                } else if r.scores[cand.position].score == r.scores[c[i - 1].position].score {
                    prop_assert_eq!(cand.rank, c[i - 1].rank);
                } else {
                    prop_assert_eq!(cand.rank, i + 1);
                }
            }
        }
    }
}
