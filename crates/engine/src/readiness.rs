//! Readiness: a weighted min-max composite index on a 0-100 scale.
//!
//! Per criterion, values are optionally log-transformed (income- and size-like indicators span
//! orders of magnitude; without the log China and India would flatten everyone else), then
//! min-max normalised over the markets that have a value, and flipped when lower is better.
//! A market's score is the weighted mean of its normalised values over the criteria it has data
//! for, re-weighted over those available; a market whose available criteria carry less than
//! `min_coverage` of the total weight is excluded rather than ranked on too little evidence.

use crate::dataset::{Dataset, Direction};

/// One indicator's part in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub indicator: String,
    pub weight: f64,
    pub log_transform: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReadinessModel {
    pub criteria: Vec<Criterion>,
    /// Share of the total weight (0-1) a market's available data must carry for it to be ranked.
    pub min_coverage: f64,
}

impl ReadinessModel {
    /// The first-slice model over the World Bank indicators: demand (people and their income),
    /// digital adoption (phones and internet), reachability (cities and logistics).
    pub fn starter() -> Self {
        let criterion = |indicator: &str, weight: f64, log_transform: bool| Criterion {
            indicator: indicator.to_owned(),
            weight,
            log_transform,
        };
        Self {
            criteria: vec![
                criterion("population", 3.0, true),
                criterion("gdp_pc_ppp_intl", 3.0, true),
                criterion("mobile_subs_per100", 2.0, false),
                criterion("internet_pct", 2.0, false),
                criterion("urban_pct", 1.0, false),
                criterion("lpi_score", 2.0, false),
            ],
            min_coverage: 0.7,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarketScore {
    /// Index into the dataset's markets.
    pub market: usize,
    /// 0-100.
    pub score: f64,
    /// 1 = best; tied scores share a rank ("1, 2, 2, 4").
    pub rank: usize,
    /// Share of the total weight (0-1) this market had data for.
    pub coverage: f64,
    /// Points each criterion adds to the score, in model order; `None` where the value is
    /// missing. They sum to `score`.
    pub contributions: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// Best first.
    pub scores: Vec<MarketScore>,
    /// Markets left out because their data covers less than `min_coverage` of the weight.
    pub excluded: Vec<usize>,
    /// Criteria naming an indicator the dataset does not have.
    pub unknown_indicators: Vec<String>,
}

/// Scores and ranks every market. Criteria with zero or negative weight are ignored; with no
/// positive weight at all there is nothing to rank, and no market is blamed for its data.
pub fn score(dataset: &Dataset, model: &ReadinessModel) -> Ranking {
    let market_count = dataset.markets().len();
    let mut unknown_indicators = Vec::new();
    let criteria: Vec<(usize, &Criterion)> = model
        .criteria
        .iter()
        .enumerate()
        .filter_map(
            |(position, c)| match dataset.indicator_index(&c.indicator) {
                Some(_) if c.weight > 0.0 && c.weight.is_finite() => Some((position, c)),
                Some(_) => None,
                None => {
                    unknown_indicators.push(c.indicator.clone());
                    None
                }
            },
        )
        .collect();
    let total_weight: f64 = criteria.iter().map(|(_, c)| c.weight).sum();
    if criteria.is_empty() || total_weight <= 0.0 {
        return Ranking {
            scores: Vec::new(),
            excluded: Vec::new(),
            unknown_indicators,
        };
    }

    let normalised: Vec<Vec<Option<f64>>> = criteria
        .iter()
        .map(|(_, c)| normalise_criterion(dataset, c))
        .collect();

    let mut scores = Vec::new();
    let mut excluded = Vec::new();
    for market in 0..market_count {
        let available_weight: f64 = criteria
            .iter()
            .zip(&normalised)
            .filter(|(_, column)| column[market].is_some())
            .map(|((_, c), _)| c.weight)
            .sum();
        let coverage = available_weight / total_weight;
        if available_weight <= 0.0 || coverage + 1e-12 < model.min_coverage {
            excluded.push(market);
            continue;
        }
        let mut contributions = vec![None; model.criteria.len()];
        for ((position, c), column) in criteria.iter().zip(&normalised) {
            if let Some(n) = column[market] {
                contributions[*position] = Some(100.0 * c.weight * n / available_weight);
            }
        }
        let score = contributions.iter().flatten().sum();
        scores.push(MarketScore {
            market,
            score,
            rank: 0,
            coverage,
            contributions,
        });
    }

    let markets = dataset.markets();
    scores.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| markets[a.market].name.cmp(&markets[b.market].name))
    });
    assign_ranks(&mut scores);
    Ranking {
        scores,
        excluded,
        unknown_indicators,
    }
}

/// Min-max normalises one criterion over the markets that have a value: 0 = worst, 1 = best.
/// When every market has the same value the criterion cannot tell them apart, and all get 0.5.
fn normalise_criterion(dataset: &Dataset, criterion: &Criterion) -> Vec<Option<f64>> {
    let Some(indicator) = dataset.indicator_index(&criterion.indicator) else {
        return vec![None; dataset.markets().len()];
    };
    let direction = dataset.indicators()[indicator].direction;
    let transformed: Vec<Option<f64>> = (0..dataset.markets().len())
        .map(|m| {
            let value = dataset.observation(m, indicator)?.value;
            if criterion.log_transform {
                // The logarithm of a non-positive value is undefined: treat it as missing.
                (value > 0.0).then(|| value.ln())
            } else {
                Some(value)
            }
        })
        .collect();
    let (min, max) = transformed
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    transformed
        .into_iter()
        .map(|v| {
            v.map(|v| {
                let n = if max > min {
                    (v - min) / (max - min)
                } else {
                    0.5
                };
                match direction {
                    Direction::HigherIsBetter => n,
                    Direction::LowerIsBetter => 1.0 - n,
                }
            })
        })
        .collect()
}

/// Standard competition ranking over scores already sorted best first.
fn assign_ranks(scores: &mut [MarketScore]) {
    for i in 0..scores.len() {
        scores[i].rank = if i > 0 && scores[i].score == scores[i - 1].score {
            scores[i - 1].rank
        } else {
            i + 1
        };
    }
}
