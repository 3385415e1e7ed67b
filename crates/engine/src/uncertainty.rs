//! Uncertainty analysis: how sure is a rank? Monte Carlo over the model's choices: weights
//! drawn from a Dirichlet centred on the chosen ones at every level of the tree (concentration
//! κ: larger is tighter), and optionally the normalisation of data-driven indicators and the
//! index's aggregation. Seeded: the same inputs and seed always give the same result.

use crate::MarketIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};

use crate::compiled_model::{CompiledData, CompiledModel, Scratch};
use crate::dataset::Dataset;
use crate::index_model::{Aggregation, IndexModel, Normalisation};
use crate::readiness::Prepared;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub draws: usize,
    pub seed: u64,
    /// Dirichlet concentration: the draws' weights have the chosen weights as their mean, and
    /// a spread that shrinks as κ grows (κ = 50: a weight of 0.25 varies by about ±0.06).
    pub concentration: f64,
    /// Also draw min-max, rank or z-score for indicators not on fixed goalposts.
    pub vary_normalisation: bool,
    /// Also draw arithmetic or geometric aggregation for the index.
    pub vary_aggregation: bool,
    /// For P(rank ≤ k).
    pub top_k: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            draws: 1000,
            seed: 2013,
            concentration: 50.0,
            vary_normalisation: false,
            vary_aggregation: false,
            top_k: 10,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankInterval {
    pub market: MarketIndex,
    /// Rank with the chosen weights.
    pub rank: usize,
    pub median: usize,
    pub p05: usize,
    pub p95: usize,
    /// Share of draws (0-1) in which the market ranked k or better.
    pub p_top_k: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Uncertainty {
    /// Markets ranked with the chosen weights, best first.
    pub intervals: Vec<RankInterval>,
    pub draws: usize,
    pub top_k: usize,
}

/// The Dirichlet draws of one group: each child's Gamma(α) with α proportional to its weight
/// (None: a child of no weight, which stays at zero).
struct GroupDraw {
    children: Vec<usize>,
    gammas: Vec<Option<Gamma<f64>>>,
}

impl GroupDraw {
    /// New weights for the group's children around the chosen ones, in `weights`; the
    /// children keep theirs when the group has no weight to share out.
    fn draw(&self, weights: &mut [f64], scratch: &mut Vec<f64>, rng: &mut ChaCha8Rng) {
        if self.gammas.is_empty() {
            return;
        }
        scratch.clear();
        scratch.extend(
            self.gammas
                .iter()
                .map(|g| g.as_ref().map_or(0.0, |g| g.sample(rng))),
        );
        let sum: f64 = scratch.iter().sum();
        if sum > 0.0 {
            for (&child, draw) in self.children.iter().zip(scratch.iter()) {
                weights[child] = draw / sum;
            }
        }
    }
}

/// A key whose ascending order is the ranking: higher score first, then the lower market
/// index. Sorting plain integers is several times faster than sorting by a comparison closure
/// that looks the scores up, and a draw sorts every market.
fn rank_key(score: f64, market: usize) -> u128 {
    // As `f64::total_cmp`: the bits flipped so that integer order is numeric order.
    let bits = score.to_bits();
    let ascending = bits ^ ((((bits as i64) >> 63) as u64) >> 1) ^ (1 << 63);
    (u128::from(!ascending) << 64) | market as u128
}

/// A Monte Carlo run that can be advanced a slice at a time, so a user interface can show
/// progress and stop it between slices. The result depends only on the inputs and the seed,
/// not on how the draws were sliced.
pub struct MonteCarlo {
    compiled: CompiledModel,
    scale: f64,
    settings: Settings,
    base: CompiledData,
    alternatives: Vec<CompiledData>,
    groups: Vec<GroupDraw>,
    base_weights: Vec<f64>,
    /// Reused between draws: weights, scoring space, scores, market order, gamma draws.
    weights: Vec<f64>,
    scratch: Scratch,
    scores: Vec<f64>,
    order: Vec<u128>,
    gamma_draws: Vec<f64>,
    /// Markets ranked under the chosen weights, best first, and their ranks.
    ranked: Vec<(MarketIndex, usize)>,
    position_of: Vec<usize>,
    histogram: Vec<u32>,
    rng: ChaCha8Rng,
    done: usize,
}

impl MonteCarlo {
    pub fn new(dataset: &Dataset, model: &IndexModel, settings: &Settings) -> Self {
        let base_prepared = Prepared::new(dataset, model);
        let base = base_prepared.score(model, &model.root, model.min_coverage);
        let ranked: Vec<(MarketIndex, usize)> =
            base.scores.iter().map(|s| (s.market, s.rank)).collect();
        let compiled = CompiledModel::new(model, &base_prepared);
        let alternative = |prepared: &Prepared| compiled.data(prepared);
        let alternatives = if settings.vary_normalisation {
            [
                Normalisation::MinMax,
                Normalisation::Rank,
                Normalisation::ZScore,
            ]
            .iter()
            .map(|&m| {
                alternative(&Prepared::with_normalisation_override(
                    dataset,
                    model,
                    Some(m),
                ))
            })
            .collect()
        } else {
            Vec::new()
        };
        let base_weights = compiled.base_weights();
        let concentration = settings.concentration.max(1e-6);
        let groups = compiled
            .groups()
            .map(|children| {
                let total: f64 = children.iter().map(|&c| base_weights[c].max(0.0)).sum();
                GroupDraw {
                    children: children.to_vec(),
                    gammas: if total > 0.0 {
                        children
                            .iter()
                            .map(|&c| {
                                let alpha = concentration * base_weights[c].max(0.0) / total;
                                (alpha > 0.0).then(|| Gamma::new(alpha, 1.0).ok()).flatten()
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        // position_of[market] = index into `ranked`, for markets ranked under the base weights.
        let mut position_of = vec![usize::MAX; dataset.markets().len()];
        for (i, &(m, _)) in ranked.iter().enumerate() {
            position_of[m.0] = i;
        }
        let n = ranked.len();
        Self {
            scale: model.scale,
            base: alternative(&base_prepared),
            scratch: compiled.scratch(),
            compiled,
            settings: *settings,
            alternatives,
            groups,
            weights: base_weights.clone(),
            base_weights,
            scores: Vec::new(),
            order: Vec::new(),
            gamma_draws: Vec::new(),
            ranked,
            position_of,
            histogram: vec![0; n * n],
            rng: ChaCha8Rng::seed_from_u64(settings.seed),
            done: 0,
        }
    }

    pub fn draws_done(&self) -> usize {
        self.done
    }

    pub fn finished(&self) -> bool {
        self.done >= self.settings.draws || self.ranked.is_empty()
    }

    /// Runs up to `count` more draws; returns how many ran.
    pub fn run(&mut self, count: usize) -> usize {
        let n = self.ranked.len();
        let mut ran = 0;
        while ran < count && !self.finished() {
            self.weights.copy_from_slice(&self.base_weights);
            for group in &self.groups {
                group.draw(&mut self.weights, &mut self.gamma_draws, &mut self.rng);
            }
            let data = if self.alternatives.is_empty() {
                &self.base
            } else {
                &self.alternatives[self.rng.random_range(0..self.alternatives.len())]
            };
            // Drawn every time (when asked) so the random stream does not depend on the data.
            let geometric = self.settings.vary_aggregation && self.rng.random_bool(0.5);
            // Geometric means need positive inputs: never over z-scores.
            let root_aggregation = (geometric && !data.rescale()).then_some(Aggregation::Geometric);
            self.compiled.score_into(
                data,
                &self.weights,
                root_aggregation,
                self.scale,
                &mut self.scratch,
                &mut self.scores,
            );
            self.order.clear();
            self.order.extend(
                self.scores
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| !s.is_nan())
                    .map(|(market, &score)| rank_key(score, market)),
            );
            self.order.sort_unstable();
            // Markets excluded under the chosen weights stay out, so every draw ranks the same set.
            let mut rank = 0;
            for &key in &self.order {
                let market = key as u64 as usize;
                let position = self.position_of[market];
                if position != usize::MAX {
                    rank += 1;
                    self.histogram[position * n + (rank - 1)] += 1;
                }
            }
            self.done += 1;
            ran += 1;
        }
        ran
    }

    pub fn result(&self) -> Uncertainty {
        let n = self.ranked.len();
        let done = self.done;
        let intervals = self
            .ranked
            .iter()
            .enumerate()
            .map(|(position, &(market, rank))| {
                let row = &self.histogram[position * n..(position + 1) * n];
                let quantile = |q: f64| {
                    let target = (q * done as f64).ceil().max(1.0) as u64;
                    let mut seen = 0u64;
                    for (r, &count) in row.iter().enumerate() {
                        seen += u64::from(count);
                        if seen >= target {
                            return r + 1;
                        }
                    }
                    n
                };
                let in_top: u64 = row
                    .iter()
                    .take(self.settings.top_k)
                    .map(|&c| u64::from(c))
                    .sum();
                RankInterval {
                    market,
                    rank,
                    median: quantile(0.5),
                    p05: quantile(0.05),
                    p95: quantile(0.95),
                    p_top_k: if done > 0 {
                        in_top as f64 / done as f64
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        Uncertainty {
            intervals,
            draws: done,
            top_k: self.settings.top_k,
        }
    }
}

/// Runs the Monte Carlo to the end. `progress` is called with the number of draws done every
/// 50 draws, and stops the run early when it returns false.
pub fn monte_carlo(
    dataset: &Dataset,
    model: &IndexModel,
    settings: &Settings,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Uncertainty {
    let mut run = MonteCarlo::new(dataset, model, settings);
    while !run.finished() {
        run.run(50);
        if !progress(run.draws_done()) {
            break;
        }
    }
    run.result()
}
