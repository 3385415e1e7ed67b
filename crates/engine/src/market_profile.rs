//! One market as the Market, Compare and Memo views show it: its pillar scores against its
//! region's median and the top candidates' median, and every indicator behind the score with
//! its raw value, normalised value and the points it adds. The normalised values are the
//! ranking's own (`Prepared`), not computed again.

use crate::candidates::Candidate;
use crate::readiness::Prepared;
use crate::stats::median;
use crate::MarketIndex;
use crate::{Dataset, IndexModel, MarketScore, Observation, Ranking};

#[derive(Debug, Clone, PartialEq)]
pub struct PillarComparison {
    /// Position among the model's pillars.
    pub pillar: usize,
    pub market: Option<f64>,
    /// Over every ranked market of the same region that has this pillar.
    pub region_median: Option<f64>,
    /// Over the best `top` candidates that have this pillar.
    pub top_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorLine {
    /// Position among the model's pillars.
    pub pillar: usize,
    /// Position among the model's leaves (depth first), as in `Prepared::leaves`.
    pub leaf: usize,
    /// The dataset's indicator, if it has the one the leaf names.
    pub indicator: Option<usize>,
    pub observation: Option<Observation>,
    /// 0-100 after normalisation, higher is better.
    pub normalised: Option<f64>,
    /// Points this indicator adds to the score.
    pub points: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarketProfile {
    pub market: MarketIndex,
    pub score: Option<f64>,
    pub world_rank: Option<usize>,
    /// Rank among the candidates the filters keep; None when filtered out or unranked.
    pub candidate_rank: Option<usize>,
    pub coverage: Option<f64>,
    pub pillars: Vec<PillarComparison>,
    pub indicators: Vec<IndicatorLine>,
}

/// The profile of `market` (a dataset index), with `top` candidates making "the top markets".
pub fn market_profile(
    dataset: &Dataset,
    model: &IndexModel,
    prepared: &Prepared,
    ranking: &Ranking,
    candidates: &[Candidate],
    market: MarketIndex,
    top: usize,
) -> Option<MarketProfile> {
    let region = &dataset.market(market)?.region;
    let position = ranking.scores.iter().position(|s| s.market == market);
    let scored = position.map(|p| &ranking.scores[p]);
    let candidate_rank =
        position.and_then(|p| candidates.iter().find(|c| c.position == p).map(|c| c.rank));
    let region_scores: Vec<&MarketScore> = ranking
        .scores
        .iter()
        .filter(|s| &dataset[s.market].region == region)
        .collect();
    let top_scores: Vec<&MarketScore> = candidates
        .iter()
        .take(top)
        .filter_map(|c| ranking.scores.get(c.position))
        .collect();
    let pillar_median = |scores: &[&MarketScore], p: usize| {
        median(
            scores
                .iter()
                .filter_map(|s| s.pillar_scores.get(p).copied().flatten()),
        )
    };
    // A pillar that weighs nothing (an illustrative layer while switched off) is not part of
    // the score: the profile leaves it out rather than show it as missing data.
    let pillars = (0..model.pillars().len())
        .filter(|&p| model.pillars()[p].weight > 0.0)
        .map(|p| PillarComparison {
            pillar: p,
            market: scored.and_then(|s| s.pillar_scores.get(p).copied().flatten()),
            region_median: pillar_median(&region_scores, p),
            top_median: pillar_median(&top_scores, p),
        })
        .collect();

    let mut indicators = Vec::new();
    let mut leaf = 0;
    for (p, pillar) in model.pillars().iter().enumerate() {
        for node in pillar.leaves() {
            let indicator = node
                .indicator
                .as_deref()
                .and_then(|id| dataset.indicator_index(id));
            indicators.push(IndicatorLine {
                pillar: p,
                leaf,
                indicator,
                observation: indicator.and_then(|i| dataset.observation(market, i)),
                normalised: prepared
                    .leaves
                    .get(leaf)
                    .and_then(|l| l.values.get(market.0).copied().flatten())
                    .map(|v| 100.0 * v),
                points: scored.and_then(|s| s.contributions.get(leaf).copied().flatten()),
            });
            leaf += 1;
        }
    }
    Some(MarketProfile {
        market,
        score: scored.map(|s| s.score),
        world_rank: scored.map(|s| s.rank),
        candidate_rank,
        coverage: scored.map(|s| s.coverage),
        pillars,
        indicators,
    })
}
