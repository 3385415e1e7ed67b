//! The model compiled for scoring many times over: the tree flattened into arrays, the
//! normalised data in one matrix, and scratch space reused between calls, so the Monte Carlo
//! scores every market for every draw without allocating.
//!
//! It computes exactly what [`Prepared::score`] computes for the scores (same operations in
//! the same order, so the same floating-point results and the same ranks); it leaves out what
//! the Monte Carlo does not need (coverage, pillar points, contributions).

use crate::index_model::{Aggregation, IndexModel, Node};
use crate::readiness::Prepared;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
enum Kind {
    /// Position in the prepared leaves; None when the data has no such indicator.
    Leaf(Option<usize>),
    /// Children as a range of `CompiledModel::children`.
    Group { first: usize, count: usize },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CompiledNode {
    kind: Kind,
    base_weight: f64,
    aggregation: Aggregation,
}

/// Markets scored together by the dense sums.
const LANES: usize = 4;

/// A stretch of a group's children, in order: leaves next to each other in the data, or one
/// child group.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Part {
    Leaves(std::ops::Range<usize>),
    Group(usize),
}

/// The tree in arrays. Node 0 is the root; nodes are numbered in pre-order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompiledModel {
    nodes: Vec<CompiledNode>,
    children: Vec<usize>,
    /// Children before parents.
    post_order: Vec<usize>,
    /// Groups in pre-order: the order the weights are redrawn in.
    groups: Vec<usize>,
    group_post_order: Vec<usize>,
    /// Each group's children as stretches, by node number (empty for leaves).
    parts: Vec<Vec<Part>>,
    leaf_count: usize,
}

impl CompiledModel {
    pub fn new(model: &IndexModel, prepared: &Prepared) -> Self {
        let mut this = Self {
            nodes: Vec::new(),
            children: Vec::new(),
            post_order: Vec::new(),
            groups: Vec::new(),
            group_post_order: Vec::new(),
            parts: Vec::new(),
            leaf_count: prepared.leaves.len(),
        };
        this.add(&model.root, prepared);
        this.parts = (0..this.nodes.len()).map(|n| this.parts_of(n)).collect();
        this.group_post_order = this
            .post_order
            .iter()
            .copied()
            .filter(|&n| matches!(this.nodes[n].kind, Kind::Group { .. }))
            .collect();
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

    fn parts_of(&self, n: usize) -> Vec<Part> {
        let Kind::Group { first, count } = self.nodes[n].kind else {
            return Vec::new();
        };
        let mut parts: Vec<Part> = Vec::new();
        for &c in &self.children[first..first + count] {
            match self.nodes[c].kind {
                // Not in the data: never available, so it adds nothing.
                Kind::Leaf(None) => {}
                Kind::Leaf(Some(p)) => match parts.last_mut() {
                    Some(Part::Leaves(range)) if range.end == p => range.end += 1,
                    _ => parts.push(Part::Leaves(p..p + 1)),
                },
                Kind::Group { .. } => parts.push(Part::Group(c)),
            }
        }
        parts
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

    /// One normalisation's data, ready to be scored many times.
    pub fn data(&self, prepared: &Prepared) -> CompiledData {
        let mut matrix = vec![f64::NAN; prepared.market_count * self.leaf_count];
        for (leaf, values) in prepared.leaves.iter().enumerate() {
            for (market, value) in values.values.iter().enumerate() {
                if let Some(v) = value {
                    matrix[market * self.leaf_count + leaf] = *v;
                }
            }
        }
        // Interleaved by LANES markets: a leaf's values for the markets scored together sit
        // side by side. Lanes past the last market stay empty (no value, no weight).
        let blocks = prepared.market_count.div_ceil(LANES);
        let mut filled = vec![0.0; blocks * self.leaf_count * LANES];
        let mut present = vec![0.0; blocks * self.leaf_count * LANES];
        for (at, value) in matrix.iter().enumerate() {
            let (market, leaf) = (at / self.leaf_count, at % self.leaf_count);
            let lane = ((market / LANES) * self.leaf_count + leaf) * LANES + market % LANES;
            if !value.is_nan() {
                filled[lane] = *value;
                present[lane] = 1.0;
            }
        }
        CompiledData {
            market_count: prepared.market_count,
            matrix,
            filled,
            present,
            rescale: prepared.rescale,
        }
    }

    /// Every market's score under `weights` (by node number) on the model's scale, NaN where a
    /// market has no value; `root_aggregation` overrides the root's method. `scores` receives
    /// one entry per market.
    ///
    /// When every group is an arithmetic mean, a group's leaves are summed as two dense dot
    /// products, values and availability each against the weights, with zero for a missing
    /// value or an uncounted child: no branch or lookup per leaf. Adding those zeros leaves the
    /// sums as the tree makes them, bit for bit (the property test checks it). Geometric means
    /// go through the tree node by node.
    pub fn score_into(
        &self,
        data: &CompiledData,
        weights: &[f64],
        root_aggregation: Option<Aggregation>,
        scale: f64,
        scratch: &mut Scratch,
        scores: &mut Vec<f64>,
    ) {
        scores.clear();
        scratch.count(self, weights);
        let root = root_aggregation.unwrap_or(self.nodes[0].aggregation);
        let linear = root == Aggregation::Arithmetic && self.arithmetic_below_root();
        if linear {
            self.score_dense(data, weights, scratch, scores);
        } else {
            self.score_tree(data, weights, root, scratch, scores);
        }
        // As `Prepared::finish_scale`: z-scores are rescaled so the lowest is 0.
        let (lo, hi) = if data.rescale {
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

    fn arithmetic_below_root(&self) -> bool {
        self.groups[1..]
            .iter()
            .all(|&g| self.nodes[g].aggregation == Aggregation::Arithmetic)
    }

    fn score_tree(
        &self,
        data: &CompiledData,
        weights: &[f64],
        root: Aggregation,
        scratch: &mut Scratch,
        scores: &mut Vec<f64>,
    ) {
        let Scratch {
            values,
            counted,
            counted_at,
            ..
        } = scratch;
        for market in 0..data.market_count {
            let row = &data.matrix[market * self.leaf_count..(market + 1) * self.leaf_count];
            for &n in &self.post_order {
                let node = &self.nodes[n];
                values[n] = match node.kind {
                    Kind::Leaf(position) => position.map_or(f64::NAN, |p| row[p]),
                    Kind::Group { .. } => {
                        let aggregation = if n == 0 { root } else { node.aggregation };
                        let counted = &counted[counted_at[n]..counted_at[n + 1]];
                        combine(counted, weights, values, aggregation)
                    }
                };
            }
            scores.push(values[0]);
        }
    }

    fn score_dense(
        &self,
        data: &CompiledData,
        weights: &[f64],
        scratch: &mut Scratch,
        scores: &mut Vec<f64>,
    ) {
        let Scratch {
            lanes: values,
            leaf_weights,
            ..
        } = scratch;
        // An uncounted child (weight not positive) adds nothing, as in `combine`.
        for node in &self.nodes {
            if let Kind::Leaf(Some(p)) = node.kind {
                leaf_weights[p] = 0.0;
            }
        }
        for (n, node) in self.nodes.iter().enumerate() {
            if let Kind::Leaf(Some(p)) = node.kind {
                leaf_weights[p] = weights[n].max(0.0);
            }
        }
        // LANES markets at a time: their sums are independent, so the processor overlaps them
        // instead of waiting on one chain of additions; each market's own sum keeps its order.
        let leaves = self.leaf_count;
        for block in 0..data.market_count.div_ceil(LANES) {
            let block_start = block * leaves * LANES;
            for &g in &self.group_post_order {
                let mut sum = [0.0; LANES];
                let mut available_weight = [0.0; LANES];
                for part in &self.parts[g] {
                    match *part {
                        Part::Leaves(ref range) => {
                            for p in range.clone() {
                                let w = leaf_weights[p];
                                let at = block_start + p * LANES;
                                let filled = &data.filled[at..at + LANES];
                                let present = &data.present[at..at + LANES];
                                for k in 0..LANES {
                                    sum[k] += w * filled[k];
                                    available_weight[k] += w * present[k];
                                }
                            }
                        }
                        Part::Group(c) => {
                            let w = weights[c];
                            if w > 0.0 {
                                for k in 0..LANES {
                                    let v = values[c][k];
                                    if !v.is_nan() {
                                        sum[k] += w * v;
                                        available_weight[k] += w;
                                    }
                                }
                            }
                        }
                    }
                }
                values[g] = std::array::from_fn(|k| {
                    if available_weight[k] > 0.0 {
                        sum[k] / available_weight[k]
                    } else {
                        f64::NAN
                    }
                });
            }
            let in_block = LANES.min(data.market_count - block * LANES);
            scores.extend_from_slice(&values[0][..in_block]);
        }
    }

    pub fn scratch(&self) -> Scratch {
        let n = self.nodes.len();
        Scratch {
            values: vec![0.0; n],
            counted: Vec::new(),
            counted_at: vec![0; n + 1],
            leaf_weights: vec![0.0; self.leaf_count],
            lanes: vec![[0.0; LANES]; n],
        }
    }
}

/// One normalisation's data as the compiled model reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompiledData {
    market_count: usize,
    /// Market-major, NaN where a value is missing.
    matrix: Vec<f64>,
    /// The same with zero for missing values, and 1 where a value is present, 0 where not,
    /// for the dense sums: interleaved by [`LANES`] markets.
    filled: Vec<f64>,
    present: Vec<f64>,
    rescale: bool,
}

impl CompiledData {
    /// Whether the scores are z-scores, rescaled so the lowest is 0.
    pub fn rescale(&self) -> bool {
        self.rescale
    }
}

/// Space reused between scorings, so scoring allocates nothing once warm.
#[derive(Debug, Clone)]
pub struct Scratch {
    values: Vec<f64>,
    /// Each group's children of positive weight, flat: node n's are
    /// `counted[counted_at[n]..counted_at[n + 1]]`.
    counted: Vec<usize>,
    counted_at: Vec<usize>,
    /// The weights by leaf position, for the dense sums.
    leaf_weights: Vec<f64>,
    /// Node values of the markets scored together, by node number.
    lanes: Vec<[f64; LANES]>,
}

impl Scratch {
    /// The weights hold for every market: which children count is decided once per scoring.
    fn count(&mut self, model: &CompiledModel, weights: &[f64]) {
        self.counted.clear();
        for (n, node) in model.nodes.iter().enumerate() {
            self.counted_at[n] = self.counted.len();
            if let Kind::Group { first, count } = node.kind {
                self.counted.extend(
                    model.children[first..first + count]
                        .iter()
                        .copied()
                        .filter(|&c| weights[c] > 0.0),
                );
            }
        }
        self.counted_at[model.nodes.len()] = self.counted.len();
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
