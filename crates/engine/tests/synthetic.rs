#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::synthetic::{bundle, weekly_csv};
use beachhead_engine::test_market::load_files;
use beachhead_engine::{Dataset, IndexModel};

#[test]
fn the_synthetic_bundle_loads_through_the_real_loaders_at_benchmark_size() {
    let files = bundle(250, 40, 7);
    let dataset =
        Dataset::from_csv("i.csv", &files.dictionary_csv, "m.csv", &files.markets_csv).unwrap();
    assert_eq!(dataset.markets().len(), 250);
    assert_eq!(dataset.indicators().len(), 40);
    let model = IndexModel::from_json("model.json", &files.model_json).unwrap();
    assert_eq!(model.root.leaves().len(), 40);
    let ranking = beachhead_engine::readiness::score(&dataset, &model);
    assert!(
        ranking.scores.len() > 200,
        "{} ranked",
        ranking.scores.len()
    );
    assert_eq!(bundle(250, 40, 7), files, "seeded");
}

#[test]
fn the_synthetic_sell_through_file_loads_as_a_test_market_file() {
    let files = bundle(12, 10, 1);
    let dataset =
        Dataset::from_csv("i.csv", &files.dictionary_csv, "m.csv", &files.markets_csv).unwrap();
    let codes: Vec<&str> = dataset.markets().iter().map(|m| m.iso3.as_str()).collect();
    let csv = weekly_csv(&codes, 5_000, 3);
    assert_eq!(csv.lines().count(), 5_001);
    let loaded = load_files(&dataset, &[("weekly.csv".to_string(), csv.into_bytes())]);
    let (markets, warnings) = loaded.unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(markets.markets().len(), 12);
}
