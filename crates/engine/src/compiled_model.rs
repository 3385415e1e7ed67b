//! The model compiled for scoring many times over: the tree flattened into arrays, the
//! normalised data in one matrix, and scratch space reused between calls, so the Monte Carlo
//! scores every market for every draw without allocating.
//!
//! It computes exactly what [`Prepared::score`] computes for the scores (same operations in
//! the same order, so the same floating-point results and the same ranks); it leaves out what
//! the Monte Carlo does not need (coverage, pillar points, contributions).

use crate::index_model::{Aggregation, IndexModel, Node};
use crate::readiness::Prepared;

#[derive(Debug, Clone)]
enum Kind {
    /// Position in the prepared leaves; None when the data has no such indicator.
    Leaf(Option<usize>),
    /// Children as a range of `CompiledModel::children`.
    Group { first: usize, count: usize },
}

#[derive(Debug, Clone)]
struct CompiledNode {
    kind: Kind,
    base_weight: f64,
    aggregation: Aggregation,
}

/// The tree in arrays. Node 0 is the root; nodes are numbered in pre-order.
#[derive(Debug, Clone)]
pub struct CompiledModel {
    nodes: Vec<CompiledNode>,
    children: Vec<usize>,
    /// Children before parents.
    post_order: Vec<usize>,
    /// Groups in pre-order: the order the weights are redrawn in.
    groups: Vec<usize>,
    leaf_count: usize,
}

impl CompiledModel {
    pub fn new(model: &IndexModel, prepared: &Prepared) -> Self {
        let mut this = Self {
            nodes: Vec::new(),
            children: Vec::new(),
            post_order: Vec::new(),
            groups: Vec::new(),
            leaf_count: prepared.leaves.len(),
        };
        this.add(&model.root, prepared);
        this
    }

    /// Adds `node` and its subtree; returns its number.
    fn add(&mut self, node: &Node, prepared: &Prepared) -> usize {
        let at = self.nodes.len();
        let aggregation = node.aggregation.unwrap_or(Aggregation::Arithmetic);
        if node.is_leaf() {
            let position = prepared.leaves.iter().position(|l| l.id == node.id);
            self.nodes.push(CompiledNode {
                kind: Kind::Leaf(position),
                base_weight: node.weight,
                aggregation,
            });
        } else {
            self.nodes.push(CompiledNode {
                kind: Kind::Group { first: 0, count: 0 },
                base_weight: node.weight,
                aggregation,
            });
            self.groups.push(at);
            let numbers: Vec<usize> = node
                .children
                .iter()
                .map(|c| self.add(c, prepared))
                .collect();
            let first = self.children.len();
            self.children.extend(&numbers);
            self.nodes[at].kind = Kind::Group {
                first,
                count: numbers.len(),
            };
        }
        self.post_order.push(at);
        at
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The weights as the model sets them, by node number.
    pub fn base_weights(&self) -> Vec<f64> {
        self.nodes.iter().map(|n| n.base_weight).collect()
    }

    /// Groups in pre-order, each with its children's numbers.
    pub fn groups(&self) -> impl Iterator<Item = &[usize]> + '_ {
        self.groups.iter().map(|&g| match self.nodes[g].kind {
            Kind::Group { first, count } => &self.children[first..first + count],
            Kind::Leaf(_) => &[],
        })
    }

    /// The prepared data as one market-major matrix, NaN where a value is missing.
    pub fn matrix(&self, prepared: &Prepared) -> Vec<f64> {
        let mut matrix = vec![f64::NAN; prepared.market_count * self.leaf_count];
        for (leaf, values) in prepared.leaves.iter().enumerate() {
            for (market, value) in values.values.iter().enumerate() {
                if let Some(v) = value {
                    matrix[market * self.leaf_count + leaf] = *v;
                }
            }
        }
        matrix
    }

    /// Every market's score under `weights` (by node number) on the model's scale, NaN where a
    /// market has no value; `root_aggregation` overrides the root's method. `values` is scratch
    /// space of `node_count()` entries; `scores` receives one entry per market.
    #[allow(clippy::too_many_arguments)]
    pub fn score_into(
        &self,
        matrix: &[f64],
        market_count: usize,
        weights: &[f64],
        root_aggregation: Option<Aggregation>,
        rescale: bool,
        scale: f64,
        values: &mut [f64],
        scores: &mut Vec<f64>,
    ) {
        scores.clear();
        // The weights hold for every market: which children count is decided once per call.
        let counted: Vec<Vec<usize>> = self
            .nodes
            .iter()
            .map(|node| match node.kind {
                Kind::Group { first, count } => self.children[first..first + count]
                    .iter()
                    .copied()
                    .filter(|&c| weights[c] > 0.0)
                    .collect(),
                Kind::Leaf(_) => Vec::new(),
            })
            .collect();
        for market in 0..market_count {
            let row = &matrix[market * self.leaf_count..(market + 1) * self.leaf_count];
            for &n in &self.post_order {
                let node = &self.nodes[n];
                values[n] = match node.kind {
                    Kind::Leaf(position) => position.map_or(f64::NAN, |p| row[p]),
                    Kind::Group { .. } => {
                        let aggregation = if n == 0 {
                            root_aggregation.unwrap_or(node.aggregation)
                        } else {
                            node.aggregation
                        };
                        combine(&counted[n], weights, values, aggregation)
                    }
                };
            }
            scores.push(values[0]);
        }
        // As `Prepared::finish_scale`: z-scores are rescaled so the lowest is 0.
        let (lo, hi) = if rescale {
            scores
                .iter()
                .filter(|s| !s.is_nan())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &s| {
                    (lo.min(s), hi.max(s))
                })
        } else {
            (0.0, 1.0)
        };
        let span = if hi > lo { hi - lo } else { 1.0 };
        for s in scores.iter_mut() {
            *s = scale * (*s - lo) / span;
        }
    }
}

/// As `readiness::combine`, over the children of positive weight (`counted`, in order) whose
/// values in `values` are not NaN; the same sums in the same order, so the same results.
fn combine(counted: &[usize], weights: &[f64], values: &[f64], aggregation: Aggregation) -> f64 {
    // No child of positive weight: the group's total weight is zero.
    let mut available_weight = 0.0;
    let mut any = false;
    match aggregation {
        Aggregation::Arithmetic => {
            let mut sum = 0.0;
            for &c in counted {
                let v = values[c];
                if !v.is_nan() {
                    available_weight += weights[c];
                    sum += weights[c] * v;
                    any = true;
                }
            }
            if !any || available_weight <= 0.0 {
                return f64::NAN;
            }
            sum / available_weight
        }
        Aggregation::Geometric => {
            let mut log_sum = 0.0;
            let mut zero = false;
            for &c in counted {
                let v = values[c];
                if !v.is_nan() {
                    available_weight += weights[c];
                    any = true;
                    if v <= 0.0 {
                        zero = true;
                    } else {
                        log_sum += weights[c] * v.ln();
                    }
                }
            }
            if !any || available_weight <= 0.0 {
                return f64::NAN;
            }
            if zero {
                0.0
            } else {
                (log_sum / available_weight).exp()
            }
        }
    }
}
