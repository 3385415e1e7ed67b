#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

//! The compiled model scores exactly as `Prepared::score` does: same values, bit for bit, both
//! through the tree (any geometric mean) and through the dense sums (arithmetic means only),
//! so the Monte Carlo's ranks are those of the plain scorer.

use beachhead_engine::compiled_model::CompiledModel;
use beachhead_engine::index_model::Node;
use beachhead_engine::readiness::Prepared;
use beachhead_engine::MarketIndex;
use beachhead_engine::{
    Aggregation, Dataset, Direction, IndexModel, Indicator, Market, Normalisation, Observation,
};
use proptest::prelude::*;

const INDICATORS: usize = 6;

fn dataset(rows: &[Vec<Option<f64>>]) -> Dataset {
    let indicators = (0..INDICATORS)
        .map(|i| {
            let direction = if i == 4 {
                Direction::LowerIsBetter
            } else {
                Direction::HigherIsBetter
            };
            Indicator::new(&format!("i{i}"), "units", direction)
        })
        .collect();
    let markets = (0..rows.len())
        .map(|m| Market::new(&format!("M{m:02}"), "MM", &format!("Market {m}")))
        .collect();
    let values = rows
        .iter()
        .flatten()
        .map(|v| v.map(|value| Observation { value, year: None }))
        .collect();
    Dataset::new(markets, indicators, values).unwrap()
}

fn aggregation(geometric: bool) -> Aggregation {
    if geometric {
        Aggregation::Geometric
    } else {
        Aggregation::Arithmetic
    }
}

/// Two pillars of three indicators, then a root over them; `mixed`: the last indicator hangs
/// from the root itself, beside the pillars.
fn model(
    weights: &[f64],
    pillar_weights: [f64; 2],
    geometric: [bool; 3],
    z_score: bool,
    mixed: bool,
) -> IndexModel {
    let mut model = IndexModel::flat("t", &[], 0.0);
    let leaf = |i: usize| {
        let method = if z_score && i == 2 {
            Normalisation::ZScore
        } else {
            Normalisation::MinMax
        };
        Node::leaf(&format!("i{i}"), weights[i], None, method)
    };
    model.root.aggregation = Some(aggregation(geometric[0]));
    model.root.children = vec![
        Node::group(
            "a",
            pillar_weights[0],
            aggregation(geometric[1]),
            (0..3).map(leaf).collect(),
        ),
        Node::group(
            "b",
            pillar_weights[1],
            aggregation(geometric[2]),
            (3..if mixed { 5 } else { 6 }).map(leaf).collect(),
        ),
    ];
    if mixed {
        model.root.children.insert(1, leaf(5));
    }
    model
}

fn value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![1 => Just(None), 4 => (0.0..100.0f64).prop_map(Some)]
}

proptest! {
    #[test]
    fn compiled_scores_equal_the_plain_scorer(
        rows in prop::collection::vec(prop::collection::vec(value(), INDICATORS), 2..14),
        weights in prop::collection::vec(prop_oneof![1 => Just(0.0), 4 => 0.0..5.0f64], INDICATORS),
        pillar_weights in [0.0..3.0f64, 0.0..3.0f64],
        geometric in [any::<bool>(), any::<bool>(), any::<bool>()],
        z_score in any::<bool>(),
        mixed in any::<bool>(),
    ) {
        let data = dataset(&rows);
        let model = model(&weights, pillar_weights, geometric, z_score, mixed);
        let prepared = Prepared::new(&data, &model);
        let plain = prepared.score(&model, &model.root, 0.0);

        let compiled = CompiledModel::new(&model, &prepared);
        let data = compiled.data(&prepared);
        let mut scratch = compiled.scratch();
        let mut scores = Vec::new();
        // Twice: the second scoring reuses the space the first left behind.
        for _ in 0..2 {
            compiled.score_into(
                &data,
                &compiled.base_weights(),
                None,
                model.scale,
                &mut scratch,
                &mut scores,
            );
        }
        prop_assert_eq!(scores.len(), rows.len());
        for (market, &score) in scores.iter().enumerate() {
            match plain.of_market(MarketIndex(market)) {
                Some(s) => prop_assert_eq!(s.score.to_bits(), score.to_bits(), "market {}", market),
                None => prop_assert!(score.is_nan(), "market {} has no score but got {}", market, score),
            }
        }
    }
}
