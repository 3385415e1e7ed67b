#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::demand_signals::{demand_signals, without_interest, Verdict};
use beachhead_engine::{readiness, Dataset, IndexModel};

fn bundled() -> (Dataset, IndexModel) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
    let dataset = Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .unwrap();
    let model = IndexModel::from_json("m", &read("models/beachhead-readiness.json")).unwrap();
    (dataset, model)
}

#[test]
fn readiness_is_compared_without_the_interest_indicators() {
    let (dataset, model) = bundled();
    let plain = without_interest(&model);
    let community = plain
        .root
        .children
        .iter()
        .find(|c| c.id == "community")
        .unwrap();
    assert_eq!(community.weight, 0.0);
    // Every other pillar keeps the model's weight (the default model's illustrative service
    // pillar weighs 0 already).
    for (plain, designed) in plain.root.children.iter().zip(&model.root.children) {
        if plain.id != "community" {
            assert_eq!(plain.weight, designed.weight, "{}", plain.id);
        }
    }
    assert!(plain.root.children.iter().any(|c| c.weight > 0.0));
    let ranking = readiness::score(&dataset, &plain);
    assert!(ranking.scores.len() > 150);
    assert!(ranking.scores.iter().all(|s| s.score.is_finite()));
}

#[test]
fn every_market_with_interest_gets_a_percentile_rank_and_verdict() {
    let (dataset, model) = bundled();
    let ranking = readiness::score(&dataset, &without_interest(&model));
    let signals = demand_signals(&dataset, &ranking);
    assert!(signals.len() > 150, "{}", signals.len());
    assert_eq!(signals[0].interest_rank, 1);
    for pair in signals.windows(2) {
        assert!(pair[0].interest >= pair[1].interest);
        assert!(pair[0].interest_rank <= pair[1].interest_rank);
    }
    for s in &signals {
        assert!((0.0..=100.0).contains(&s.interest));
        if let (Some(r), Some(gap), Some(verdict)) = (s.readiness_pct, s.gap, s.verdict) {
            assert!((gap - (s.interest - r)).abs() < 1e-9);
            let expected = if gap >= 25.0 {
                Verdict::InterestAhead
            } else if gap <= -25.0 {
                Verdict::ReadinessAhead
            } else {
                Verdict::InStep
            };
            assert_eq!(verdict, expected);
        }
    }
    // The comparison is not degenerate: some markets on each side.
    let count = |v| signals.iter().filter(|s| s.verdict == Some(v)).count();
    assert!(count(Verdict::InterestAhead) > 0 && count(Verdict::ReadinessAhead) > 0);
}
