//! The index model: how indicators become a composite index, as a JSON file (documented in
//! `docs/index-model.md`). A tree: leaves name an indicator and how to normalise it; groups
//! (pillars, the index itself, any depth) weight and aggregate their children.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::dataset::{Dataset, Status};
use crate::dictionary::Indicator;
use crate::phrase::Phrase;
use crate::problem::{LoadError, Problem};

pub const MODEL_FORMAT: &str = "beachhead-index-model";
pub const MODEL_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Σ wᵢxᵢ / Σ wᵢ: full compensation between children.
    Arithmetic,
    /// Π xᵢ^(wᵢ/Σw): a weak child drags the group down; a zero child makes it zero.
    Geometric,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Normalisation {
    /// (x - min) / (max - min) with fixed goalposts; values are capped at the goalposts.
    Goalposts { min: f64, max: f64 },
    /// (x - min) / (max - min) over the markets that have a value.
    MinMax,
    /// (x - mean) / sd over the markets that have a value.
    ZScore,
    /// Percentile rank: rank / (n - 1), ties averaged; 0 = lowest, 1 = highest.
    Rank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// Natural logarithm, applied to the values and to fixed goalposts alike.
    Log,
}

/// Clamp outliers to these percentiles (0-100) of the markets' values before normalising.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Winsorise {
    pub lower_pct: f64,
    pub upper_pct: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default = "one")]
    pub weight: f64,
    /// The weight this node is designed to have when the illustrative layers are included: set
    /// on nodes that rest on illustrative (generated) data, which weigh 0 by default so that
    /// the default answer uses real data only ([`IndexModel::with_illustrative`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative_weight: Option<f64>,
    /// Why this weight: one line, shown beside the slider.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    /// A leaf names an indicator; a group has children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<Transform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalisation: Option<Normalisation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winsorise: Option<Winsorise>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Aggregation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

fn one() -> f64 {
    1.0
}

impl Node {
    pub fn is_leaf(&self) -> bool {
        self.indicator.is_some()
    }

    pub fn display_label(&self) -> &str {
        if self.label.is_empty() {
            &self.id
        } else {
            &self.label
        }
    }

    /// Every leaf under this node, depth first.
    pub fn leaves(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        self.visit(&mut |n| {
            if n.is_leaf() {
                out.push(n);
            }
        });
        out
    }

    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        f(self);
        for child in &self.children {
            child.visit(f);
        }
    }

    pub fn visit_mut(&mut self, f: &mut dyn FnMut(&mut Node)) {
        f(self);
        for child in &mut self.children {
            child.visit_mut(f);
        }
    }

    pub fn find(&self, id: &str) -> Option<&Node> {
        if self.id == id {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(id))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexModel {
    pub format: String,
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Scores run from 0 to this: 1 or 100.
    #[serde(default = "hundred")]
    pub scale: f64,
    /// Share (0-1) of the total weight a market's available indicators must carry for it to
    /// be ranked. Below it the market is excluded and flagged; above it, missing indicators'
    /// weight is spread over the available ones (re-weighting).
    #[serde(default = "default_coverage")]
    pub min_coverage: f64,
    pub root: Node,
}

fn hundred() -> f64 {
    100.0
}

fn default_coverage() -> f64 {
    0.7
}

impl IndexModel {
    /// Parses and checks a model file; every problem is located by its node id.
    pub fn from_json(file: &str, text: &str) -> Result<Self, LoadError> {
        let model: IndexModel =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
                LoadError::single(Problem::json(
                    file,
                    &e,
                    phrase!("an index model in the format of docs/index-model.md"),
                ))
            })?;
        model.check(file)?;
        Ok(model)
    }

    /// Structural checks that do not need data: format, version, scale, weights, leaves.
    pub fn check(&self, file: &str) -> Result<(), LoadError> {
        let mut problems = Vec::new();
        let mut at = |column: &str, found: Phrase, expected: Phrase| {
            problems.push(Problem::error(file, None, Some(column), found, expected));
        };
        if self.format != MODEL_FORMAT {
            at(
                "format",
                phrase!("\"{}\"", &self.format),
                phrase!("\"beachhead-index-model\""),
            );
        }
        if self.version != MODEL_VERSION {
            at(
                "version",
                phrase!("version {}", self.version),
                phrase!("version 1 (the version this Beachhead reads)"),
            );
        }
        if !(self.scale == 1.0 || self.scale == 100.0) {
            at("scale", phrase!("{}", self.scale), phrase!("1 or 100"));
        }
        if !(0.0..=1.0).contains(&self.min_coverage) {
            at(
                "min_coverage",
                phrase!("{}", self.min_coverage),
                phrase!("a share from 0 to 1"),
            );
        }
        let mut ids: Vec<&str> = Vec::new();
        self.root.visit(&mut |node| {
            let here = format!("node \"{}\"", node.id);
            if node.id.is_empty() {
                at("id", phrase!("a node without an id"), phrase!("an id on every node"));
            } else if ids.contains(&node.id.as_str()) {
                at(&here, phrase!("this id a second time"), phrase!("unique node ids"));
            }
            ids.push(&node.id);
            if !(node.weight.is_finite() && node.weight >= 0.0) {
                at(&here, phrase!("weight {}", node.weight), phrase!("a weight of 0 or more"));
            }
            if let Some(w) = node.illustrative_weight {
                if !(w.is_finite() && w >= 0.0) {
                    at(&here, phrase!("illustrative_weight {}", w), phrase!("an illustrative_weight of 0 or more"));
                }
            }
            match (node.is_leaf(), node.children.is_empty()) {
                (true, false) => at(&here, phrase!("an indicator and children"), phrase!("one or the other")),
                (false, true) => at(&here, phrase!("no indicator and no children"), phrase!("an indicator (a leaf) or children (a group)")),
                _ => {}
            }
            if let Some(Normalisation::Goalposts { min, max }) = node.normalisation {
                if min.partial_cmp(&max) != Some(std::cmp::Ordering::Less) {
                    at(&here, phrase!("goalposts {} to {}", min, max), phrase!("min below max"));
                }
                if node.transform == Some(Transform::Log) && min <= 0.0 {
                    at(&here, phrase!("log goalposts from {}", min), phrase!("goalposts above 0 for a log transform"));
                }
            }
            if let Some(w) = node.winsorise {
                if !(0.0 <= w.lower_pct && w.lower_pct < w.upper_pct && w.upper_pct <= 100.0) {
                    at(&here, phrase!("winsorise {} to {}", w.lower_pct, w.upper_pct), phrase!("0 ≤ lower < upper ≤ 100"));
                }
            }
            if node.aggregation == Some(Aggregation::Geometric) {
                let z_below = node.leaves().iter().any(|l| l.normalisation == Some(Normalisation::ZScore));
                if z_below {
                    at(&here, phrase!("geometric aggregation over z-scores"), phrase!("goalposts, min-max or rank below a geometric mean: z-scores can be negative"));
                }
            }
        });
        if problems.is_empty() {
            Ok(())
        } else {
            Err(LoadError { problems })
        }
    }

    /// Leaves naming indicators the dataset lacks.
    pub fn unknown_indicators(&self, dataset: &Dataset) -> Vec<String> {
        self.root
            .leaves()
            .iter()
            .filter_map(|l| l.indicator.clone())
            .filter(|id| dataset.indicator_index(id).is_none())
            .collect()
    }

    /// The pillars: the root's children.
    pub fn pillars(&self) -> &[Node] {
        &self.root.children
    }

    pub fn set_weight(&mut self, id: &str, weight: f64) {
        self.root.visit_mut(&mut |n| {
            if n.id == id {
                n.weight = weight;
            }
        });
    }

    /// Every node's weight by id.
    /// The model with the user's choices laid over it: weights by node id (leaves without one
    /// weigh 1, the root keeps its own), and normalisation and aggregation overrides by id.
    pub fn with_choices(
        &self,
        weights: &BTreeMap<String, f64>,
        normalisations: &BTreeMap<String, Normalisation>,
        aggregations: &BTreeMap<String, Aggregation>,
    ) -> IndexModel {
        let mut model = self.clone();
        let root = model.root.id.clone();
        model.root.visit_mut(&mut |n| {
            if let Some(&method) = normalisations.get(&n.id) {
                n.normalisation = Some(method);
            }
            if let Some(&aggregation) = aggregations.get(&n.id) {
                n.aggregation = Some(aggregation);
            }
            if n.id != root {
                if let Some(&weight) = weights.get(&n.id) {
                    n.weight = weight;
                } else if n.is_leaf() {
                    n.weight = 1.0;
                }
            }
        });
        model
    }

    /// The model with the illustrative layers switched on or off: on, the designed weights
    /// ([`IndexModel::with_designed_weights`]); off, those weights with every illustrative
    /// number kept out ([`IndexModel::without_illustrative`]).
    pub fn with_illustrative(&self, indicators: &[Indicator], on: bool) -> IndexModel {
        let designed = self.with_designed_weights();
        if on {
            designed
        } else {
            designed.without_illustrative(indicators)
        }
    }

    /// Every node that has an `illustrative_weight` takes it: the weights the model was
    /// designed with, illustrative layers included. The sliders start from these.
    pub fn with_designed_weights(&self) -> IndexModel {
        let mut model = self.clone();
        model.root.visit_mut(&mut |n| {
            if let Some(designed) = n.illustrative_weight {
                n.weight = designed;
            }
        });
        model
    }

    /// No generated number enters the ranking, whatever the weights: every node
    /// [`IndexModel::illustrative_only`] names weighs 0. Other weights are kept.
    pub fn without_illustrative(&self, indicators: &[Indicator]) -> IndexModel {
        self.holding(&self.illustrative_only(indicators))
    }

    /// The model with the nodes `held_out` names at weight 0, every other weight kept.
    pub fn holding(&self, held_out: &[String]) -> IndexModel {
        let mut model = self.clone();
        model.root.visit_mut(&mut |n| {
            if held_out.contains(&n.id) {
                n.weight = 0.0;
            }
        });
        model
    }

    /// The nodes (below the root) that rest on generated numbers only: a leaf on an indicator
    /// `indicators` marks illustrative, and a group all of whose indicators in `indicators` are.
    /// An indicator the user gave values for is the user's (see [`Dataset::with_user_data`]),
    /// so its leaf and its groups are not among them.
    pub fn illustrative_only(&self, indicators: &[Indicator]) -> Vec<String> {
        let status = |id: &str| indicators.iter().find(|i| i.id == id).map(|i| i.status);
        let mut out = Vec::new();
        self.root.visit(&mut |node| {
            if node.id == self.root.id {
                return;
            }
            let (mut any, mut all) = (false, true);
            node.visit(&mut |n| {
                if let Some(s) = n.indicator.as_deref().and_then(status) {
                    any = true;
                    all &= s == Status::Illustrative;
                }
            });
            if any && all {
                out.push(node.id.clone());
            }
        });
        out
    }

    pub fn weights(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        self.root.visit(&mut |n| out.push((n.id.clone(), n.weight)));
        out
    }

    /// A one-level model (every indicator a child of the root, weighted arithmetic mean,
    /// min-max normalisation): handy for tests and quick looks.
    pub fn flat(name: &str, indicators: &[(&str, f64, bool)], min_coverage: f64) -> Self {
        IndexModel {
            format: MODEL_FORMAT.into(),
            version: MODEL_VERSION,
            name: name.into(),
            description: String::new(),
            scale: 100.0,
            min_coverage,
            root: Node {
                id: "index".into(),
                label: name.into(),
                weight: 1.0,
                illustrative_weight: None,
                rationale: String::new(),
                indicator: None,
                transform: None,
                normalisation: None,
                winsorise: None,
                aggregation: Some(Aggregation::Arithmetic),
                children: indicators
                    .iter()
                    .map(|&(id, weight, log)| {
                        Node::leaf(
                            id,
                            weight,
                            log.then_some(Transform::Log),
                            Normalisation::MinMax,
                        )
                    })
                    .collect(),
            },
        }
    }
}

impl Node {
    pub fn leaf(
        id: &str,
        weight: f64,
        transform: Option<Transform>,
        normalisation: Normalisation,
    ) -> Self {
        Node {
            id: id.into(),
            label: String::new(),
            weight,
            illustrative_weight: None,
            rationale: String::new(),
            indicator: Some(id.into()),
            transform,
            normalisation: Some(normalisation),
            winsorise: None,
            aggregation: None,
            children: Vec::new(),
        }
    }

    pub fn group(id: &str, weight: f64, aggregation: Aggregation, children: Vec<Node>) -> Self {
        Node {
            id: id.into(),
            label: String::new(),
            weight,
            illustrative_weight: None,
            rationale: String::new(),
            indicator: None,
            transform: None,
            normalisation: None,
            winsorise: None,
            aggregation: Some(aggregation),
            children,
        }
    }
}
