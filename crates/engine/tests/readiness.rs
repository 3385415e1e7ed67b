#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failed test, with its place

use beachhead_engine::{
    readiness::score, Criterion, Dataset, Direction, Indicator, Market, Observation, ReadinessModel,
};
use proptest::prelude::*;

fn indicator(id: &str, direction: Direction) -> Indicator {
    Indicator::new(id, "units", direction)
}

fn market(code: &str) -> Market {
    Market::new(code, &code[..2], code)
}

/// `rows[market][indicator]`; every indicator is higher-is-better except those listed in `lower`.
fn dataset(rows: &[Vec<Option<f64>>], lower: &[usize]) -> Dataset {
    let indicator_count = rows.first().map_or(0, Vec::len);
    let indicators = (0..indicator_count)
        .map(|i| {
            let direction = if lower.contains(&i) {
                Direction::LowerIsBetter
            } else {
                Direction::HigherIsBetter
            };
            indicator(&format!("i{i}"), direction)
        })
        .collect();
    let markets = (0..rows.len())
        .map(|m| market(&format!("M{m:02}")))
        .collect();
    let values = rows
        .iter()
        .flatten()
        .map(|v| v.map(|value| Observation { value, year: None }))
        .collect();
    Dataset::new(markets, indicators, values).expect("rows are rectangular")
}

fn model(weights: &[f64], log: &[usize], min_coverage: f64) -> ReadinessModel {
    ReadinessModel {
        criteria: weights
            .iter()
            .enumerate()
            .map(|(i, &weight)| Criterion {
                indicator: format!("i{i}"),
                weight,
                log_transform: log.contains(&i),
            })
            .collect(),
        min_coverage,
    }
}

fn score_of(ranking: &beachhead_engine::Ranking, market: usize) -> Option<f64> {
    ranking
        .scores
        .iter()
        .find(|s| s.market == market)
        .map(|s| s.score)
}

#[test]
fn hand_computed_min_max_with_lower_is_better_and_reweighting() {
    // i0 (higher): 10, 20, 30 → 0, 0.5, 1.   i1 (lower): 1, 3, missing → 1, 0, —.
    // M00 = (0 + 1) / 2 = 50; M01 = (0.5 + 0) / 2 = 25; M02 has i0 only, re-weighted: 100.
    let data = dataset(
        &[
            vec![Some(10.0), Some(1.0)],
            vec![Some(20.0), Some(3.0)],
            vec![Some(30.0), None],
        ],
        &[1],
    );
    let ranking = score(&data, &model(&[1.0, 1.0], &[], 0.5));
    let got: Vec<(usize, f64, usize, f64)> = ranking
        .scores
        .iter()
        .map(|s| (s.market, s.score, s.rank, s.coverage))
        .collect();
    assert_eq!(
        got,
        vec![(2, 100.0, 1, 0.5), (0, 50.0, 2, 1.0), (1, 25.0, 3, 1.0)]
    );
    assert_eq!(ranking.scores[1].contributions, vec![Some(0.0), Some(50.0)]);
    assert!(ranking.excluded.is_empty());
}

#[test]
fn coverage_below_threshold_excludes_the_market() {
    let data = dataset(
        &[
            vec![Some(10.0), Some(1.0)],
            vec![Some(20.0), Some(3.0)],
            vec![Some(30.0), None],
        ],
        &[1],
    );
    let ranking = score(&data, &model(&[1.0, 1.0], &[], 0.6));
    assert_eq!(ranking.excluded, vec![2]);
    assert_eq!(ranking.scores.len(), 2);
}

#[test]
fn log_transform_is_applied_before_normalising() {
    // ln 10, ln 20, ln 30: the middle market sits at ln 2 / ln 3 of the range, not at 0.5.
    let data = dataset(&[vec![Some(10.0)], vec![Some(20.0)], vec![Some(30.0)]], &[]);
    let ranking = score(&data, &model(&[1.0], &[0], 0.5));
    let middle = score_of(&ranking, 1).expect("scored");
    assert!(
        (middle - 100.0 * 2f64.ln() / 3f64.ln()).abs() < 1e-9,
        "{middle}"
    );
}

#[test]
fn log_of_non_positive_value_counts_as_missing() {
    let data = dataset(
        &[vec![Some(0.0), Some(1.0)], vec![Some(5.0), Some(2.0)]],
        &[],
    );
    let ranking = score(&data, &model(&[1.0, 1.0], &[0], 0.9));
    assert_eq!(ranking.excluded, vec![0]);
}

#[test]
fn ties_share_a_rank_and_the_next_rank_is_skipped() {
    let data = dataset(
        &[
            vec![Some(5.0)],
            vec![Some(5.0)],
            vec![Some(1.0)],
            vec![Some(9.0)],
        ],
        &[],
    );
    let ranking = score(&data, &model(&[1.0], &[], 0.5));
    let ranks: Vec<usize> = ranking.scores.iter().map(|s| s.rank).collect();
    assert_eq!(ranks, vec![1, 2, 2, 4]);
}

#[test]
fn constant_indicator_scores_every_market_at_the_midpoint() {
    let data = dataset(&[vec![Some(7.0)], vec![Some(7.0)]], &[]);
    let ranking = score(&data, &model(&[1.0], &[], 0.5));
    assert!(ranking.scores.iter().all(|s| s.score == 50.0));
}

#[test]
fn no_positive_weight_ranks_nothing() {
    let data = dataset(&[vec![Some(1.0)], vec![Some(2.0)]], &[]);
    let ranking = score(&data, &model(&[0.0], &[], 0.5));
    assert!(ranking.scores.is_empty());
    assert!(ranking.excluded.is_empty());
}

#[test]
fn unknown_indicator_is_reported_not_silently_ignored() {
    let data = dataset(&[vec![Some(1.0)], vec![Some(2.0)]], &[]);
    let mut m = model(&[1.0], &[], 0.5);
    m.criteria.push(Criterion {
        indicator: "nope".into(),
        weight: 1.0,
        log_transform: false,
    });
    let ranking = score(&data, &m);
    assert_eq!(ranking.unknown_indicators, vec!["nope".to_string()]);
    assert_eq!(ranking.scores.len(), 2);
}

fn arb_case() -> impl Strategy<Value = (Vec<Vec<Option<f64>>>, Vec<f64>)> {
    (2usize..12, 1usize..5).prop_flat_map(|(markets, indicators)| {
        (
            prop::collection::vec(
                prop::collection::vec(prop::option::weighted(0.85, 0.1f64..1e6), indicators),
                markets,
            ),
            prop::collection::vec(0.0f64..10.0, indicators),
        )
    })
}

proptest! {
    #[test]
    fn scores_stay_within_0_to_100((rows, weights) in arb_case()) {
        let ranking = score(&dataset(&rows, &[0]), &model(&weights, &[1], 0.5));
        for s in &ranking.scores {
            prop_assert!((0.0..=100.0 + 1e-9).contains(&s.score), "{}", s.score);
            let sum: f64 = s.contributions.iter().flatten().sum();
            prop_assert!((sum - s.score).abs() < 1e-9);
        }
    }

    #[test]
    fn improving_a_higher_is_better_value_never_lowers_the_score(
        (rows, weights) in arb_case(), market_pick in 0usize..100, gain in 0.0f64..1e6,
    ) {
        let market = market_pick % rows.len();
        let before = score(&dataset(&rows, &[]), &model(&weights, &[], 0.5));
        let mut better = rows.clone();
        if let Some(v) = better[market][0].as_mut() { *v += gain; }
        let after = score(&dataset(&better, &[]), &model(&weights, &[], 0.5));
        if let (Some(b), Some(a)) = (score_of(&before, market), score_of(&after, market)) {
            prop_assert!(a >= b - 1e-9, "{b} → {a}");
        }
    }

    #[test]
    fn scaling_all_weights_changes_nothing((rows, weights) in arb_case(), factor in 0.01f64..100.0) {
        let data = dataset(&rows, &[0]);
        let base = score(&data, &model(&weights, &[], 0.5));
        let scaled: Vec<f64> = weights.iter().map(|w| w * factor).collect();
        let other = score(&data, &model(&scaled, &[], 0.5));
        prop_assert_eq!(base.scores.len(), other.scores.len());
        for (a, b) in base.scores.iter().zip(&other.scores) {
            prop_assert!((a.score - b.score).abs() < 1e-7);
        }
    }

    #[test]
    fn reordering_markets_changes_no_market_score((rows, weights) in arb_case()) {
        let forward = score(&dataset(&rows, &[]), &model(&weights, &[], 0.5));
        let reversed_rows: Vec<_> = rows.iter().rev().cloned().collect();
        let backward = score(&dataset(&reversed_rows, &[]), &model(&weights, &[], 0.5));
        let n = rows.len();
        for m in 0..n {
            let (a, b) = (score_of(&forward, m), score_of(&backward, n - 1 - m));
            prop_assert_eq!(a.is_some(), b.is_some());
            if let (Some(a), Some(b)) = (a, b) { prop_assert!((a - b).abs() < 1e-9); }
        }
    }
}
