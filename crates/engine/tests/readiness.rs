#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failed test, with its place

use beachhead_engine::MarketIndex;
use beachhead_engine::{
    readiness::score, Aggregation, Dataset, Direction, IndexModel, Indicator, Market, Node,
    Normalisation, Observation, Transform,
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

fn model(weights: &[f64], log: &[usize], min_coverage: f64) -> IndexModel {
    let ids: Vec<String> = (0..weights.len()).map(|i| format!("i{i}")).collect();
    let spec: Vec<(&str, f64, bool)> = ids
        .iter()
        .zip(weights)
        .enumerate()
        .map(|(i, (id, &w))| (id.as_str(), w, log.contains(&i)))
        .collect();
    IndexModel::flat("test", &spec, min_coverage)
}

fn score_of(ranking: &beachhead_engine::Ranking, market: usize) -> Option<f64> {
    let market = MarketIndex(market);
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
        .map(|s| (s.market.0, s.score, s.rank, s.coverage))
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
    assert_eq!(ranking.excluded, vec![MarketIndex(2)]);
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
    assert_eq!(ranking.excluded, vec![MarketIndex(0)]);
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
}

#[test]
fn unknown_indicator_is_reported_not_silently_ignored() {
    let data = dataset(&[vec![Some(1.0)], vec![Some(2.0)]], &[]);
    let mut m = model(&[1.0], &[], 0.5);
    m.root
        .children
        .push(Node::leaf("nope", 1.0, None, Normalisation::MinMax));
    let ranking = score(&data, &m);
    assert_eq!(ranking.unknown_indicators, vec!["nope".to_string()]);
    // The unknown leaf carries half the weight and is missing everywhere: coverage 0.5.
    assert_eq!(ranking.scores.len(), 2);
}

fn leaf(id: &str, weight: f64, normalisation: Normalisation) -> Node {
    Node::leaf(id, weight, None, normalisation)
}

fn tree(root: Node, scale: f64) -> IndexModel {
    let mut m = IndexModel::flat("tree", &[], 0.0);
    m.root = root;
    m.scale = scale;
    m
}

fn scores_by_market(data: &Dataset, m: &IndexModel) -> Vec<f64> {
    let ranking = score(data, m);
    data.market_indices()
        .map(|i| ranking.of_market(i).map_or(f64::NAN, |s| s.score))
        .collect()
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
}

#[test]
fn goalposts_cap_values_outside_them() {
    // Goalposts 0-50: 25 → 0.5; 80 is capped at 1; -10 is capped at 0.
    let data = dataset(
        &[vec![Some(25.0)], vec![Some(80.0)], vec![Some(-10.0)]],
        &[],
    );
    let m = tree(
        Node::group(
            "index",
            1.0,
            Aggregation::Arithmetic,
            vec![leaf(
                "i0",
                1.0,
                Normalisation::Goalposts {
                    min: 0.0,
                    max: 50.0,
                },
            )],
        ),
        1.0,
    );
    assert!(close(&scores_by_market(&data, &m), &[0.5, 1.0, 0.0]));
}

#[test]
fn z_scores_use_the_sample_deviation_and_are_rescaled_to_the_scale() {
    // 1, 2, 3: mean 2, sample sd 1 → z = -1, 0, 1 → rescaled to 0, 50, 100.
    let data = dataset(&[vec![Some(1.0)], vec![Some(2.0)], vec![Some(3.0)]], &[]);
    let m = tree(
        Node::group(
            "index",
            1.0,
            Aggregation::Arithmetic,
            vec![leaf("i0", 1.0, Normalisation::ZScore)],
        ),
        100.0,
    );
    assert!(close(&scores_by_market(&data, &m), &[0.0, 50.0, 100.0]));
}

#[test]
fn rank_normalisation_averages_ties() {
    // 10, 20, 20, 40: positions 0, 1.5, 1.5, 3 of 3 → 0, 0.5, 0.5, 1.
    let data = dataset(
        &[
            vec![Some(10.0)],
            vec![Some(20.0)],
            vec![Some(20.0)],
            vec![Some(40.0)],
        ],
        &[],
    );
    let m = tree(
        Node::group(
            "index",
            1.0,
            Aggregation::Arithmetic,
            vec![leaf("i0", 1.0, Normalisation::Rank)],
        ),
        1.0,
    );
    assert!(close(&scores_by_market(&data, &m), &[0.0, 0.5, 0.5, 1.0]));
}

#[test]
fn winsorising_clamps_outliers_before_min_max() {
    // 0, 1, 2, 3, 100 clamped to the 0th-75th percentiles [0, 3]: the outlier scores 1, and 2
    // scores 2/3 instead of 0.02.
    let data = dataset(
        &[
            vec![Some(0.0)],
            vec![Some(1.0)],
            vec![Some(2.0)],
            vec![Some(3.0)],
            vec![Some(100.0)],
        ],
        &[],
    );
    let mut l = leaf("i0", 1.0, Normalisation::MinMax);
    l.winsorise = Some(beachhead_engine::index_model::Winsorise {
        lower_pct: 0.0,
        upper_pct: 75.0,
    });
    let m = tree(
        Node::group("index", 1.0, Aggregation::Arithmetic, vec![l]),
        1.0,
    );
    assert!(close(
        &scores_by_market(&data, &m),
        &[0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0, 1.0]
    ));
}

#[test]
fn weighted_geometric_mean_and_a_zero_child() {
    // Goalposts 0-1 keep the values: 0.25 (weight 1) and 1.0 (weight 3):
    // 0.25^(1/4) × 1^(3/4) = 0.7071…; a zero child zeroes the group.
    let data = dataset(
        &[vec![Some(0.25), Some(1.0)], vec![Some(0.0), Some(1.0)]],
        &[],
    );
    let gp = Normalisation::Goalposts { min: 0.0, max: 1.0 };
    let m = tree(
        Node::group(
            "index",
            1.0,
            Aggregation::Geometric,
            vec![leaf("i0", 1.0, gp), leaf("i1", 3.0, gp)],
        ),
        1.0,
    );
    assert!(close(
        &scores_by_market(&data, &m),
        &[0.25f64.powf(0.25), 0.0]
    ));
}

#[test]
fn an_hdi_shaped_model_reproduces_the_hand_computed_index() {
    // The UNDP HDI's method: health = LE on goalposts 20-85; education = mean of EYS (0-18)
    // and MYS (0-15); income = ln GNIpc on goalposts ln 100 - ln 75,000; HDI = geometric mean.
    // LE 72, EYS 13, MYS 8, GNIpc 10,000:
    //   health 52/65 = 0.8; education (13/18 + 8/15) / 2 = 0.62777…;
    //   income ln(100) / ln(750) = 0.69563…; HDI = (0.8 × 0.62777 × 0.69563)^(1/3) = 0.70439…
    let data = dataset(
        &[vec![Some(72.0), Some(13.0), Some(8.0), Some(10_000.0)]],
        &[],
    );
    let gp = |min, max| Normalisation::Goalposts { min, max };
    let mut income = Node::leaf("i3", 1.0, Some(Transform::Log), gp(100.0, 75_000.0));
    income.indicator = Some("i3".into());
    let m = tree(
        Node::group(
            "hdi",
            1.0,
            Aggregation::Geometric,
            vec![
                leaf("i0", 1.0, gp(20.0, 85.0)),
                Node::group(
                    "education",
                    1.0,
                    Aggregation::Arithmetic,
                    vec![
                        leaf("i1", 1.0, gp(0.0, 18.0)),
                        leaf("i2", 1.0, gp(0.0, 15.0)),
                    ],
                ),
                income,
            ],
        ),
        1.0,
    );
    let hdi = scores_by_market(&data, &m)[0];
    let education = (13.0 / 18.0 + 8.0 / 15.0) / 2.0;
    let income_index = 100f64.ln() / 750f64.ln();
    let expected = (0.8 * education * income_index).powf(1.0 / 3.0);
    assert!((hdi - expected).abs() < 1e-12, "{hdi} vs {expected}");
    assert_eq!(format!("{hdi:.3}"), "0.704");
}

#[test]
fn pillar_points_and_leaf_contributions_add_up_to_the_score() {
    let data = dataset(
        &[
            vec![Some(1.0), Some(5.0), Some(2.0)],
            vec![Some(3.0), Some(1.0), None],
            vec![Some(2.0), Some(2.0), Some(9.0)],
        ],
        &[],
    );
    let mm = Normalisation::MinMax;
    let m = tree(
        Node::group(
            "index",
            1.0,
            Aggregation::Arithmetic,
            vec![
                Node::group(
                    "a",
                    2.0,
                    Aggregation::Arithmetic,
                    vec![leaf("i0", 1.0, mm), leaf("i1", 3.0, mm)],
                ),
                Node::group("b", 1.0, Aggregation::Arithmetic, vec![leaf("i2", 1.0, mm)]),
            ],
        ),
        100.0,
    );
    let ranking = score(&data, &m);
    assert_eq!(ranking.pillar_ids, ["a", "b"]);
    for s in &ranking.scores {
        let points: f64 = s.pillar_points.iter().sum();
        let leaves: f64 = s.contributions.iter().flatten().sum();
        assert!(
            (points - s.score).abs() < 1e-9 && (leaves - s.score).abs() < 1e-9,
            "{s:?}"
        );
    }
    // Market 1 lacks i2, so pillar b is missing and a carries everything.
    let m1 = ranking.of_market(MarketIndex(1)).unwrap();
    assert_eq!(m1.pillar_scores[1], None);
    assert!((m1.coverage - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn the_shipped_model_is_valid_and_scores_the_bundled_data() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
    let model = IndexModel::from_json(
        "beachhead-readiness.json",
        &read("models/beachhead-readiness.json"),
    )
    .unwrap();
    let data = Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .unwrap();
    assert!(
        model.unknown_indicators(&data).is_empty(),
        "{:?}",
        model.unknown_indicators(&data)
    );
    assert_eq!(model.pillars().len(), 7);
    assert!(model.pillars().iter().all(|p| !p.rationale.is_empty()));
    let ranking = score(&data, &model);
    assert!(ranking.scores.len() > 150, "{}", ranking.scores.len());
    assert!(ranking
        .scores
        .iter()
        .all(|s| (0.0..=100.0).contains(&s.score)));
}

#[test]
fn model_files_with_mistakes_are_refused_with_the_node_named() {
    let text = r#"{"format":"beachhead-index-model","version":2,"name":"x","scale":10,
        "root":{"id":"r","aggregation":"geometric","children":[
          {"id":"a","indicator":"a","normalisation":{"method":"z_score"}},
          {"id":"a","indicator":"b","weight":-1,"normalisation":{"method":"goalposts","min":5,"max":1}}]}}"#;
    let err = IndexModel::from_json("m.json", text).unwrap_err();
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [
        "m.json, column \"version\": found version 2; expected version 1 (the version this Beachhead reads)",
        "m.json, column \"scale\": found 10; expected 1 or 100",
        "m.json, column \"node \"r\"\": found geometric aggregation over z-scores; expected goalposts, min-max or rank below a geometric mean: z-scores can be negative",
        "m.json, column \"node \"a\"\": found this id a second time; expected unique node ids",
        "m.json, column \"node \"a\"\": found weight -1; expected a weight of 0 or more",
        "m.json, column \"node \"a\"\": found goalposts 5 to 1; expected min below max",
    ]);
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
