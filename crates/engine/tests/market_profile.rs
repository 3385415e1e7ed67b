#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failed test, with its place

use beachhead_engine::candidates::candidates;
use beachhead_engine::market_profile::market_profile;
use beachhead_engine::readiness::Prepared;
use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, IndexModel};

fn bundled() -> (Dataset, IndexModel) {
    let dataset = Dataset::from_csv(
        "indicators.csv",
        include_str!("../../../public/data/indicators.csv"),
        "markets.csv",
        include_str!("../../../public/data/markets.csv"),
    )
    .unwrap();
    let model = IndexModel::from_json(
        "model",
        include_str!("../../../public/data/models/beachhead-readiness.json"),
    )
    .unwrap();
    (dataset, model)
}

fn market(dataset: &Dataset, iso3: &str) -> MarketIndex {
    dataset.market_index(iso3).unwrap()
}

#[test]
fn the_profile_reads_the_rankings_own_numbers() {
    let (dataset, model) = bundled();
    let prepared = Prepared::new(&dataset, &model);
    let ranking = prepared.score(&model, &model.root, model.min_coverage);
    let all = candidates(&ranking, |_| true);
    let m = ranking.scores[3].market;
    let profile = market_profile(&dataset, &model, &prepared, &ranking, &all, m, 10).unwrap();
    assert_eq!(profile.world_rank, Some(ranking.scores[3].rank));
    assert_eq!(profile.candidate_rank, Some(ranking.scores[3].rank));
    assert_eq!(profile.score, Some(ranking.scores[3].score));
    // The pillars that weigh nothing (the illustrative layers, off) are left out.
    let weighted: Vec<usize> = (0..model.pillars().len())
        .filter(|&p| model.pillars()[p].weight > 0.0)
        .collect();
    assert_eq!(weighted.len(), 5);
    assert_eq!(
        profile.pillars.iter().map(|c| c.pillar).collect::<Vec<_>>(),
        weighted
    );
    assert_eq!(profile.indicators.len(), prepared.leaves.len());
    for line in &profile.indicators {
        let expected = prepared.leaves[line.leaf].values[m.0].map(|v| 100.0 * v);
        assert_eq!(line.normalised, expected);
        assert_eq!(line.normalised.is_some(), line.observation.is_some());
    }
    // The points add up to the score (the bundled root is an arithmetic mean).
    let points: f64 = profile.indicators.iter().filter_map(|l| l.points).sum();
    assert!((points - ranking.scores[3].score).abs() < 1e-9);
}

#[test]
fn medians_are_over_the_region_and_over_the_top_candidates() {
    let (dataset, model) = bundled();
    let prepared = Prepared::new(&dataset, &model);
    let ranking = prepared.score(&model, &model.root, model.min_coverage);
    let all = candidates(&ranking, |_| true);
    let hkg = market(&dataset, "HKG");
    let profile = market_profile(&dataset, &model, &prepared, &ranking, &all, hkg, 3).unwrap();
    let region = &dataset[hkg].region;
    for pillar in &profile.pillars {
        let mut region_values: Vec<f64> = ranking
            .scores
            .iter()
            .filter(|s| &dataset[s.market].region == region)
            .filter_map(|s| s.pillar_scores[pillar.pillar])
            .collect();
        region_values.sort_by(f64::total_cmp);
        let n = region_values.len();
        let expected = match n {
            0 => None,
            _ if n % 2 == 1 => Some(region_values[n / 2]),
            _ => Some((region_values[n / 2 - 1] + region_values[n / 2]) / 2.0),
        };
        assert_eq!(pillar.region_median, expected);
        let mut top: Vec<f64> = ranking.scores[..3]
            .iter()
            .filter_map(|s| s.pillar_scores[pillar.pillar])
            .collect();
        top.sort_by(f64::total_cmp);
        let expected_top = match top.len() {
            0 => None,
            1 => Some(top[0]),
            2 => Some((top[0] + top[1]) / 2.0),
            _ => Some(top[1]),
        };
        assert_eq!(pillar.top_median, expected_top);
    }
}

#[test]
fn a_filtered_out_market_has_no_candidate_rank_and_an_unknown_one_no_profile() {
    let (dataset, model) = bundled();
    let prepared = Prepared::new(&dataset, &model);
    let ranking = prepared.score(&model, &model.root, model.min_coverage);
    let hkg = market(&dataset, "HKG");
    let without_hkg = candidates(&ranking, |m| m != hkg);
    let profile =
        market_profile(&dataset, &model, &prepared, &ranking, &without_hkg, hkg, 10).unwrap();
    assert_eq!(profile.candidate_rank, None);
    assert!(profile.world_rank.is_some());
    let past_the_end = MarketIndex(dataset.markets().len());
    assert_eq!(
        market_profile(
            &dataset,
            &model,
            &prepared,
            &ranking,
            &without_hkg,
            past_the_end,
            10
        ),
        None
    );
}
