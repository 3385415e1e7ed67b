//! Readiness: a composite index computed from an [`IndexModel`], following the OECD/JRC
//! Handbook on Constructing Composite Indicators (2008).
//!
//! Two stages, so that re-weighting (sliders, Monte Carlo) never redoes the first:
//! 1. [`Prepared::new`]: each leaf's values are transformed (log), winsorised, normalised and
//!    turned so that higher is always better. This depends on the data and the methods only.
//! 2. [`Prepared::score`]: every group aggregates its children, re-weighting over the children a
//!    market has values for; markets whose available leaves carry less than `min_coverage` of
//!    the total weight are excluded.

use crate::dataset::{Dataset, Direction};
use crate::index_model::{Aggregation, IndexModel, Node, Normalisation, Transform};
use crate::stats;
use crate::MarketIndex;

/// One leaf's normalised values, one per market (None where missing); higher is better.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedLeaf {
    pub id: String,
    pub values: Vec<Option<f64>>,
}

/// The data side of a model: normalised leaves, ready to be weighted and aggregated.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub market_count: usize,
    /// Depth-first order of the model's leaves.
    pub leaves: Vec<PreparedLeaf>,
    /// Z-scores are unbounded: the index is then rescaled so the lowest market is 0 and the
    /// highest is the model's scale.
    pub rescale: bool,
    pub unknown_indicators: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarketScore {
    /// Index into the dataset's markets.
    pub market: MarketIndex,
    /// 0 to the model's scale.
    pub score: f64,
    /// 1 = best; tied scores share a rank ("1, 2, 2, 4").
    pub rank: usize,
    /// Share of the total weight (0-1) this market had data for.
    pub coverage: f64,
    /// Each pillar's (root child's) score on the model's scale; None where it has no data.
    pub pillar_scores: Vec<Option<f64>>,
    /// What each pillar adds to the score; they sum to `score`. Exact when the root is
    /// arithmetic; under a geometric root, the pillars' weighted values scaled to the score.
    pub pillar_points: Vec<f64>,
    /// What each leaf adds (depth-first order), on the same terms; None where missing.
    pub contributions: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// Best first.
    pub scores: Vec<MarketScore>,
    /// Markets left out because their data covers less than `min_coverage` of the weight.
    pub excluded: Vec<MarketIndex>,
    /// Leaves naming an indicator the dataset does not have (they are left out).
    pub unknown_indicators: Vec<String>,
    pub pillar_ids: Vec<String>,
    pub leaf_ids: Vec<String>,
}

impl Ranking {
    pub fn of_market(&self, market: MarketIndex) -> Option<&MarketScore> {
        self.scores.iter().find(|s| s.market == market)
    }
}

/// Scores and ranks every market.
pub fn score(dataset: &Dataset, model: &IndexModel) -> Ranking {
    Prepared::new(dataset, model).score(model, &model.root, model.min_coverage)
}

impl Prepared {
    pub fn new(dataset: &Dataset, model: &IndexModel) -> Self {
        Self::with_normalisation_override(dataset, model, None)
    }

    /// As [`Prepared::new`], with every data-driven normalisation (not fixed goalposts)
    /// replaced by `method`: the Monte Carlo's alternative normalisations.
    pub fn with_normalisation_override(
        dataset: &Dataset,
        model: &IndexModel,
        method: Option<Normalisation>,
    ) -> Self {
        let market_count = dataset.markets().len();
        let mut unknown_indicators = Vec::new();
        let mut rescale = false;
        let leaves = model
            .root
            .leaves()
            .into_iter()
            .map(|leaf| {
                let id = leaf.id.clone();
                let indicator_id = leaf.indicator.clone().unwrap_or_default();
                let Some(indicator) = dataset.indicator_index(&indicator_id) else {
                    unknown_indicators.push(indicator_id);
                    return PreparedLeaf {
                        id,
                        values: vec![None; market_count],
                    };
                };
                let mut normalisation = leaf.normalisation.unwrap_or(Normalisation::MinMax);
                if let (Some(alternative), false) = (
                    method,
                    matches!(normalisation, Normalisation::Goalposts { .. }),
                ) {
                    normalisation = alternative;
                }
                rescale |= normalisation == Normalisation::ZScore;
                let raw: Vec<Option<f64>> = (0..market_count)
                    .map(|m| {
                        dataset
                            .observation(MarketIndex(m), indicator)
                            .map(|o| o.value)
                    })
                    .collect();
                let direction = dataset.indicators()[indicator].direction;
                PreparedLeaf {
                    id,
                    values: normalise_leaf(&raw, leaf, normalisation, direction),
                }
            })
            .collect();
        Prepared {
            market_count,
            leaves,
            rescale,
            unknown_indicators,
        }
    }

    /// Aggregates with the weights and aggregation methods in `root` (the model's tree, or a
    /// re-weighted copy of it with the same node ids).
    pub fn score(&self, model: &IndexModel, root: &Node, min_coverage: f64) -> Ranking {
        let leaf_ids: Vec<String> = self.leaves.iter().map(|l| l.id.clone()).collect();
        let pillar_ids: Vec<String> = root.children.iter().map(|c| c.id.clone()).collect();
        let positions = self.leaf_positions();
        let mut scores = Vec::new();
        let mut excluded = Vec::new();
        for market in (0..self.market_count).map(MarketIndex) {
            // Each pillar is evaluated once: its score is shown, and the index is built from it.
            let pillars: Vec<Option<Evaluated>> = root
                .children
                .iter()
                .map(|pillar| self.evaluate(pillar, market, &positions))
                .collect();
            let pillar_scores: Vec<Option<f64>> = pillars
                .iter()
                .map(|p| p.as_ref().map(|e| e.value))
                .collect();
            let evaluated = if root.is_leaf() {
                self.evaluate(root, market, &positions)
            } else {
                combine(root, pillars)
            };
            let Some(evaluated) = evaluated else {
                excluded.push(market);
                continue;
            };
            if evaluated.coverage + 1e-12 < min_coverage {
                excluded.push(market);
                continue;
            }
            let mut contributions = vec![None; leaf_ids.len()];
            for (position, value, share) in &evaluated.leaves {
                contributions[*position] = Some(value * share);
            }
            // Exact under arithmetic aggregation; under geometric, attribute the score to the
            // leaves in proportion to their weighted values.
            let total: f64 = contributions.iter().flatten().sum();
            if total > 0.0 && (total - evaluated.value).abs() > 1e-12 {
                let ratio = evaluated.value / total;
                contributions.iter_mut().flatten().for_each(|c| *c *= ratio);
            }
            scores.push(MarketScore {
                market,
                score: evaluated.value,
                rank: 0,
                coverage: evaluated.coverage,
                pillar_points: pillar_points(root, &pillar_scores, evaluated.value),
                pillar_scores,
                contributions,
            });
        }
        self.finish_scale(model.scale, &mut scores);
        scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.market.cmp(&b.market)));
        assign_ranks(&mut scores);
        Ranking {
            scores,
            excluded,
            unknown_indicators: self.unknown_indicators.clone(),
            pillar_ids,
            leaf_ids,
        }
    }

    /// Puts scores, pillar scores, points and contributions on the model's scale.
    fn finish_scale(&self, scale: f64, scores: &mut [MarketScore]) {
        let (lo, hi) = if self.rescale {
            scores
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
                    (lo.min(s.score), hi.max(s.score))
                })
        } else {
            (0.0, 1.0)
        };
        let span = if hi > lo { hi - lo } else { 1.0 };
        for s in scores.iter_mut() {
            let raw = s.score;
            s.score = scale * (raw - lo) / span;
            // Points and contributions share the (possibly rescaled) score in proportion.
            let ratio = if raw != 0.0 { s.score / raw } else { 0.0 };
            s.pillar_points.iter_mut().for_each(|p| *p *= ratio);
            s.contributions
                .iter_mut()
                .flatten()
                .for_each(|c| *c *= ratio);
            s.pillar_scores
                .iter_mut()
                .flatten()
                .for_each(|p| *p = scale * (*p - lo) / span);
        }
    }

    /// Each leaf's position by id (the first, should an id repeat). Looked up for every leaf
    /// of every market: searching the list each time was most of a score at 40 indicators.
    fn leaf_positions(&self) -> LeafPositions<'_> {
        let mut positions = LeafPositions::default();
        for (position, leaf) in self.leaves.iter().enumerate() {
            positions.entry(leaf.id.as_str()).or_insert(position);
        }
        positions
    }

    /// A node's value for one market: its normalised value (leaf) or the weighted aggregate of
    /// the children that have one (re-weighted over them), with the share of the node's weight
    /// each of its leaves carries.
    fn evaluate(
        &self,
        node: &Node,
        market: MarketIndex,
        positions: &LeafPositions,
    ) -> Option<Evaluated> {
        if node.is_leaf() {
            let position = *positions.get(node.id.as_str())?;
            let value = self.leaves[position]
                .values
                .get(market.0)
                .copied()
                .flatten()?;
            return Some(Evaluated {
                value,
                coverage: 1.0,
                leaves: vec![(position, value, 1.0)],
            });
        }
        let children = node
            .children
            .iter()
            .map(|c| {
                (c.weight > 0.0)
                    .then(|| self.evaluate(c, market, positions))
                    .flatten()
            })
            .collect();
        combine(node, children)
    }
}

/// A group's value from its children's (aligned with `node.children`): the weighted
/// aggregate over the children that have a value, re-weighted over them, with the share of the
/// group's weight each leaf carries. Children of zero weight do not count.
fn combine(node: &Node, evaluated: Vec<Option<Evaluated>>) -> Option<Evaluated> {
    let total_weight: f64 = node.children.iter().map(|c| c.weight.max(0.0)).sum();
    if total_weight <= 0.0 {
        return None;
    }
    let children: Vec<(f64, Evaluated)> = node
        .children
        .iter()
        .zip(evaluated)
        .filter(|(c, _)| c.weight > 0.0)
        .filter_map(|(c, e)| e.map(|e| (c.weight, e)))
        .collect();
    let available_weight: f64 = children.iter().map(|(w, _)| w).sum();
    if children.is_empty() || available_weight <= 0.0 {
        return None;
    }
    let coverage = children
        .iter()
        .map(|(w, e)| w / total_weight * e.coverage)
        .sum();
    let value = match node.aggregation.unwrap_or(Aggregation::Arithmetic) {
        Aggregation::Arithmetic => {
            children.iter().map(|(w, e)| w * e.value).sum::<f64>() / available_weight
        }
        Aggregation::Geometric => {
            if children.iter().any(|(_, e)| e.value <= 0.0) {
                // A zero anywhere makes the product zero: no compensation, by design.
                0.0
            } else {
                (children.iter().map(|(w, e)| w * e.value.ln()).sum::<f64>() / available_weight)
                    .exp()
            }
        }
    };
    let leaves = children
        .iter()
        .flat_map(|(w, e)| {
            let share = w / available_weight;
            e.leaves
                .iter()
                .map(move |&(position, v, inner)| (position, v, share * inner))
        })
        .collect();
    Some(Evaluated {
        value,
        coverage,
        leaves,
    })
}

type LeafPositions<'a> = crate::fnv_map::FnvMap<&'a str, usize>;

struct Evaluated {
    value: f64,
    coverage: f64,
    /// (leaf position, normalised value, share of this node's weight).
    leaves: Vec<(usize, f64, f64)>,
}

fn pillar_points(root: &Node, pillar_scores: &[Option<f64>], score: f64) -> Vec<f64> {
    let available: f64 = root
        .children
        .iter()
        .zip(pillar_scores)
        .filter(|(c, s)| s.is_some() && c.weight > 0.0)
        .map(|(c, _)| c.weight)
        .sum();
    if available <= 0.0 {
        return vec![0.0; pillar_scores.len()];
    }
    let raw: Vec<f64> = root
        .children
        .iter()
        .zip(pillar_scores)
        .map(|(c, s)| s.map_or(0.0, |s| c.weight.max(0.0) * s / available))
        .collect();
    let total: f64 = raw.iter().sum();
    // Exact for an arithmetic root (total == score); scaled to the score otherwise.
    if total > 0.0 {
        raw.iter().map(|p| p * score / total).collect()
    } else {
        raw
    }
}

/// Transform, winsorise, normalise and orient one leaf's values.
fn normalise_leaf(
    raw: &[Option<f64>],
    leaf: &Node,
    normalisation: Normalisation,
    direction: Direction,
) -> Vec<Option<f64>> {
    let log = leaf.transform == Some(Transform::Log);
    let mut values: Vec<Option<f64>> = raw
        .iter()
        .map(|v| {
            v.and_then(|v| {
                if log {
                    // The logarithm of a non-positive value is undefined: treat it as missing.
                    (v > 0.0).then(|| v.ln())
                } else {
                    Some(v)
                }
            })
        })
        .collect();
    if let Some(w) = leaf.winsorise {
        let sorted = stats::sorted(values.iter().flatten().copied());
        if let (Some(lo), Some(hi)) = (
            stats::percentile_of_sorted(&sorted, w.lower_pct),
            stats::percentile_of_sorted(&sorted, w.upper_pct),
        ) {
            values
                .iter_mut()
                .flatten()
                .for_each(|v| *v = v.clamp(lo, hi));
        }
    }
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let normalised: Vec<Option<f64>> = match normalisation {
        Normalisation::Goalposts { min, max } => {
            let (min, max) = if log {
                (min.ln(), max.ln())
            } else {
                (min, max)
            };
            values
                .iter()
                .map(|v| v.map(|v| ((v - min) / (max - min)).clamp(0.0, 1.0)))
                .collect()
        }
        Normalisation::MinMax => {
            let (lo, hi) = present
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            values
                .iter()
                .map(|v| v.map(|v| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 }))
                .collect()
        }
        Normalisation::ZScore => {
            let n = present.len() as f64;
            let mean = present.iter().sum::<f64>() / n.max(1.0);
            let variance =
                present.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
            let sd = variance.sqrt();
            values
                .iter()
                .map(|v| v.map(|v| if sd > 0.0 { (v - mean) / sd } else { 0.0 }))
                .collect()
        }
        Normalisation::Rank => stats::rank_fractions(&values),
    };
    normalised
        .into_iter()
        .map(|v| {
            v.map(|v| match (direction, normalisation) {
                (Direction::HigherIsBetter, _) => v,
                (Direction::LowerIsBetter, Normalisation::ZScore) => -v,
                (Direction::LowerIsBetter, _) => 1.0 - v,
            })
        })
        .collect()
}

/// Standard competition ranking over scores already sorted best first.
pub fn assign_ranks(scores: &mut [MarketScore]) {
    let ranks = tied_ranks(scores.iter().map(|s| s.score));
    for (score, rank) in scores.iter_mut().zip(ranks) {
        score.rank = rank;
    }
}

/// Competition ranks ("1, 2, 2, 4") of scores sorted best first: a score equal to the one
/// before it shares its rank; the next different one takes its position.
pub fn tied_ranks(sorted_scores: impl IntoIterator<Item = f64>) -> Vec<usize> {
    let mut ranks: Vec<usize> = Vec::new();
    let mut previous: Option<f64> = None;
    for (i, score) in sorted_scores.into_iter().enumerate() {
        let rank = match (previous, ranks.last()) {
            (Some(p), Some(&r)) if p == score => r,
            _ => i + 1,
        };
        ranks.push(rank);
        previous = Some(score);
    }
    ranks
}
