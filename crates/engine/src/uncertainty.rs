//! Uncertainty analysis: how sure is a rank? Monte Carlo over the model's choices: weights
//! drawn from a Dirichlet centred on the chosen ones at every level of the tree (concentration
//! κ: larger is tighter), and optionally the normalisation of data-driven indicators and the
//! index's aggregation. Seeded: the same inputs and seed always give the same result.
//!
//! Each draw has a random stream of its own (the seed's stream numbered by the draw), so the
//! draws can be shared among workers in any way and their rank counts added up: the result
//! never depends on how many ran them, or in what slices.

use std::ops::Range;

use crate::MarketIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};
use serde::{Deserialize, Serialize};

use crate::compiled_model::{CompiledData, CompiledModel, Scratch};
use crate::dataset::Dataset;
use crate::index_model::{Aggregation, IndexModel, Normalisation};
use crate::readiness::Prepared;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

/// A group's children and the Dirichlet parameter of each (0: a child of no weight, which
/// stays at zero); no children when the group has no weight to share out.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct GroupWeights {
    children: Vec<usize>,
    alphas: Vec<f64>,
}

/// The Dirichlet draws of one group: each child's Gamma(α).
struct GroupDraw {
    children: Vec<usize>,
    gammas: Vec<Option<Gamma<f64>>>,
}

impl GroupDraw {
    fn new(group: &GroupWeights) -> Self {
        Self {
            children: group.children.clone(),
            gammas: group
                .alphas
                .iter()
                .map(|&alpha| (alpha > 0.0).then(|| Gamma::new(alpha, 1.0).ok()).flatten())
                .collect(),
        }
    }

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

/// Everything the draws need, settled before the first: the model compiled, the data under
/// each normalisation, the Dirichlet parameters and the ranking under the chosen weights.
/// Made once, and sent as bytes ([`Plan::to_bytes`]) to every worker that runs draws.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    compiled: CompiledModel,
    scale: f64,
    settings: Settings,
    base: CompiledData,
    alternatives: Vec<CompiledData>,
    groups: Vec<GroupWeights>,
    base_weights: Vec<f64>,
    /// Markets ranked under the chosen weights, best first, and their ranks.
    ranked: Vec<(MarketIndex, usize)>,
    /// Each market's place in `ranked` (usize::MAX: not ranked under the chosen weights).
    position_of: Vec<usize>,
}

impl Plan {
    pub fn new(dataset: &Dataset, model: &IndexModel, settings: &Settings) -> Self {
        let base_prepared = Prepared::new(dataset, model);
        let base = base_prepared.score(model, &model.root, model.min_coverage);
        let ranked: Vec<(MarketIndex, usize)> =
            base.scores.iter().map(|s| (s.market, s.rank)).collect();
        let compiled = CompiledModel::new(model, &base_prepared);
        let alternatives = if settings.vary_normalisation {
            [
                Normalisation::MinMax,
                Normalisation::Rank,
                Normalisation::ZScore,
            ]
            .iter()
            .map(|&m| {
                compiled.data(&Prepared::with_normalisation_override(
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
                GroupWeights {
                    children: children.to_vec(),
                    alphas: if total > 0.0 {
                        children
                            .iter()
                            .map(|&c| concentration * base_weights[c].max(0.0) / total)
                            .collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let mut position_of = vec![usize::MAX; dataset.markets().len()];
        for (i, &(m, _)) in ranked.iter().enumerate() {
            position_of[m.0] = i;
        }
        Self {
            scale: model.scale,
            base: compiled.data(&base_prepared),
            compiled,
            settings: *settings,
            alternatives,
            groups,
            base_weights,
            ranked,
            position_of,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The plan as bytes, for a worker.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Every field is plain numbers and vectors, which postcard always encodes.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let plan: Self = postcard::from_bytes(bytes)
            .map_err(|e| format!("a Monte Carlo plan that cannot be read: {e}"))?;
        let n = plan.ranked.len();
        let consistent = plan.position_of.iter().all(|&p| p == usize::MAX || p < n)
            && plan
                .ranked
                .iter()
                .all(|&(m, _)| m.0 < plan.position_of.len());
        if consistent {
            Ok(plan)
        } else {
            Err("a Monte Carlo plan whose ranking does not fit its markets".into())
        }
    }

    /// The draws `0..settings.draws` shared among `parts` runners as evenly as can be, in order.
    pub fn share_draws(&self, parts: usize) -> Vec<Range<usize>> {
        let draws = self.settings.draws;
        let parts = parts.clamp(1, draws.max(1));
        (0..parts)
            .map(|i| draws * i / parts..draws * (i + 1) / parts)
            .collect()
    }

    /// A tally with no draws yet, to add runners' tallies to.
    pub fn empty_tally(&self) -> Tally {
        let n = self.ranked.len();
        Tally {
            counts: vec![0; n * n],
            draws: 0,
        }
    }

    /// The rank intervals of the draws in `tally`.
    pub fn result(&self, tally: &Tally) -> Uncertainty {
        let n = self.ranked.len();
        let done = tally.draws;
        let intervals = self
            .ranked
            .iter()
            .enumerate()
            .map(|(position, &(market, rank))| {
                let row = tally
                    .counts
                    .get(position * n..(position + 1) * n)
                    .unwrap_or(&[]);
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

/// How often each market (in the plan's ranked order) took each rank: `counts[position * n +
/// rank - 1]`, over `draws` draws. Tallies of different draws add up.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub counts: Vec<u32>,
    pub draws: usize,
}

impl Tally {
    /// Adds another runner's draws; false (and nothing added) when it is for another plan.
    pub fn add(&mut self, other: &Tally) -> bool {
        if other.counts.len() != self.counts.len() {
            return false;
        }
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.draws += other.draws;
        true
    }
}

/// A Monte Carlo run over some of a plan's draws that can be advanced a slice at a time, so a
/// user interface can show progress and stop it between slices.
pub struct MonteCarlo {
    plan: Plan,
    groups: Vec<GroupDraw>,
    /// The seed's generator, from which each draw takes its own stream.
    seeded: ChaCha8Rng,
    next: usize,
    end: usize,
    /// Reused between draws: weights, scoring space, scores, market order, gamma draws.
    weights: Vec<f64>,
    scratch: Scratch,
    scores: Vec<f64>,
    order: Vec<u128>,
    gamma_draws: Vec<f64>,
    tally: Tally,
}

impl MonteCarlo {
    /// Every draw of the settings, in one run.
    pub fn new(dataset: &Dataset, model: &IndexModel, settings: &Settings) -> Self {
        let plan = Plan::new(dataset, model, settings);
        let all = 0..plan.settings.draws;
        Self::over(plan, all)
    }

    /// The plan's draws in `draws` (those past the plan's number are not run).
    pub fn over(plan: Plan, draws: Range<usize>) -> Self {
        let end = draws.end.min(plan.settings.draws);
        Self {
            groups: plan.groups.iter().map(GroupDraw::new).collect(),
            seeded: ChaCha8Rng::seed_from_u64(plan.settings.seed),
            next: draws.start.min(end),
            end,
            weights: plan.base_weights.clone(),
            scratch: plan.compiled.scratch(),
            scores: Vec::new(),
            order: Vec::new(),
            gamma_draws: Vec::new(),
            tally: plan.empty_tally(),
            plan,
        }
    }

    pub fn draws_done(&self) -> usize {
        self.tally.draws
    }

    pub fn finished(&self) -> bool {
        self.next >= self.end || self.plan.ranked.is_empty()
    }

    /// Runs up to `count` more draws; returns how many ran.
    pub fn run(&mut self, count: usize) -> usize {
        let plan = &self.plan;
        let n = plan.ranked.len();
        let mut ran = 0;
        while ran < count && !self.finished() {
            let mut rng = self.seeded.clone();
            rng.set_stream(self.next as u64);
            self.weights.copy_from_slice(&plan.base_weights);
            for group in &self.groups {
                group.draw(&mut self.weights, &mut self.gamma_draws, &mut rng);
            }
            let data = if plan.alternatives.is_empty() {
                &plan.base
            } else {
                &plan.alternatives[rng.random_range(0..plan.alternatives.len())]
            };
            // Drawn every time (when asked) so the random stream does not depend on the data.
            let geometric = plan.settings.vary_aggregation && rng.random_bool(0.5);
            // Geometric means need positive inputs: never over z-scores.
            let root_aggregation = (geometric && !data.rescale()).then_some(Aggregation::Geometric);
            plan.compiled.score_into(
                data,
                &self.weights,
                root_aggregation,
                plan.scale,
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
                let position = plan.position_of.get(market).copied().unwrap_or(usize::MAX);
                if position != usize::MAX {
                    rank += 1;
                    self.tally.counts[position * n + (rank - 1)] += 1;
                }
            }
            self.tally.draws += 1;
            self.next += 1;
            ran += 1;
        }
        ran
    }

    /// The rank counts of the draws run so far.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    pub fn result(&self) -> Uncertainty {
        self.plan.result(&self.tally)
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
