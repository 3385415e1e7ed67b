#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::sensitivity::tornado;
use beachhead_engine::uncertainty::{monte_carlo, Settings};
use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, Direction, IndexModel, Indicator, Market, Observation};
use proptest::prelude::*;

fn dataset(rows: &[[f64; 3]]) -> Dataset {
    let indicators = (0..3)
        .map(|i| Indicator::new(&format!("i{i}"), "units", Direction::HigherIsBetter))
        .collect();
    let markets = (0..rows.len())
        .map(|m| Market::new(&format!("M{m:02}"), "MM", &format!("Market {m}")))
        .collect();
    let values = rows
        .iter()
        .flatten()
        .map(|&value| Some(Observation { value, year: None }))
        .collect();
    Dataset::new(markets, indicators, values).unwrap()
}

fn model() -> IndexModel {
    IndexModel::flat(
        "t",
        &[("i0", 1.0, false), ("i1", 1.0, false), ("i2", 2.0, false)],
        0.5,
    )
}

fn sample() -> Dataset {
    // Market 0 is best on everything; 1-3 trade places depending on the weights.
    dataset(&[
        [10.0, 10.0, 10.0],
        [8.0, 1.0, 5.0],
        [1.0, 8.0, 5.0],
        [5.0, 5.0, 4.0],
        [0.0, 0.0, 0.0],
    ])
}

fn run(settings: Settings) -> beachhead_engine::uncertainty::Uncertainty {
    monte_carlo(&sample(), &model(), &settings, &mut |_| true)
}

#[test]
fn the_same_seed_gives_the_same_result_and_another_seed_may_not() {
    let settings = Settings {
        draws: 400,
        seed: 7,
        concentration: 5.0,
        ..Settings::default()
    };
    assert_eq!(run(settings), run(settings));
    // The intervals of a few markets can coincide under two seeds; the rank counts do not.
    let counts = |settings: &Settings| {
        let mut run = beachhead_engine::uncertainty::MonteCarlo::new(&sample(), &model(), settings);
        run.run(usize::MAX);
        run.tally().clone()
    };
    assert_eq!(counts(&settings), counts(&settings));
    assert_ne!(
        counts(&settings),
        counts(&Settings {
            seed: 8,
            ..settings
        }),
        "different seeds should give different draws"
    );
}

#[test]
fn intervals_are_ordered_and_the_dominant_market_is_always_first() {
    let result = run(Settings {
        draws: 500,
        concentration: 2.0,
        top_k: 1,
        ..Settings::default()
    });
    assert_eq!(result.draws, 500);
    for i in &result.intervals {
        assert!(i.p05 <= i.median && i.median <= i.p95, "{i:?}");
        assert!((0.0..=1.0).contains(&i.p_top_k));
    }
    let best = &result.intervals[0];
    assert_eq!(
        (best.market.0, best.rank, best.p05, best.p95, best.p_top_k),
        (0, 1, 1, 1, 1.0)
    );
    let worst = result.intervals.last().unwrap();
    assert_eq!((worst.market.0, worst.median), (4, 5));
    // Markets 1 and 2 tie under the chosen weights and swap under drawn ones.
    let swapping = result
        .intervals
        .iter()
        .find(|i| i.market == MarketIndex(1))
        .unwrap();
    assert!(swapping.p05 < swapping.p95, "{swapping:?}");
}

#[test]
fn a_very_high_concentration_pins_every_rank() {
    let data = dataset(&[
        [10.0, 1.0, 3.0],
        [8.0, 2.0, 1.0],
        [1.0, 9.0, 2.0],
        [4.0, 4.0, 9.0],
    ]);
    let result = monte_carlo(
        &data,
        &model(),
        &Settings {
            draws: 200,
            concentration: 1e9,
            ..Settings::default()
        },
        &mut |_| true,
    );
    for i in &result.intervals {
        assert_eq!((i.p05, i.median, i.p95), (i.rank, i.rank, i.rank), "{i:?}");
    }
}

#[test]
fn alternative_methods_run_and_cancellation_stops_early() {
    let settings = Settings {
        draws: 300,
        vary_normalisation: true,
        vary_aggregation: true,
        ..Settings::default()
    };
    let result = run(settings);
    assert_eq!(result.draws, 300);
    let stopped = monte_carlo(&sample(), &model(), &settings, &mut |done| done < 100);
    assert_eq!(stopped.draws, 100);
}

#[test]
fn slicing_the_run_does_not_change_the_result() {
    use beachhead_engine::uncertainty::MonteCarlo;
    let settings = Settings {
        draws: 230,
        seed: 3,
        vary_normalisation: true,
        ..Settings::default()
    };
    let whole = run(settings);
    let mut sliced = MonteCarlo::new(&sample(), &model(), &settings);
    while !sliced.finished() {
        sliced.run(17);
    }
    assert_eq!(sliced.result(), whole);
}

#[test]
fn draws_shared_among_runners_add_up_to_the_whole_run() {
    use beachhead_engine::uncertainty::{MonteCarlo, Plan};
    let settings = Settings {
        draws: 301,
        seed: 11,
        concentration: 8.0,
        vary_normalisation: true,
        vary_aggregation: true,
        ..Settings::default()
    };
    let whole = run(settings);
    let plan = Plan::new(&sample(), &model(), &settings);
    for parts in [1, 2, 3, 7] {
        let shares = plan.share_draws(parts);
        assert_eq!(shares.len(), parts);
        assert_eq!(shares.first().map(|r| r.start), Some(0));
        assert_eq!(shares.last().map(|r| r.end), Some(301));
        assert!(shares.windows(2).all(|w| w[0].end == w[1].start));
        let mut tally = plan.empty_tally();
        // Added in reverse: the order runners finish in does not matter either.
        for share in shares.into_iter().rev() {
            // Through bytes, as a worker receives the plan.
            let copy = Plan::from_bytes(&plan.to_bytes()).unwrap();
            let mut runner = MonteCarlo::over(copy, share);
            runner.run(usize::MAX);
            assert!(tally.add(runner.tally()));
        }
        assert_eq!(plan.result(&tally), whole, "{parts} runners");
    }
}

#[test]
fn a_plan_that_cannot_be_read_is_refused_with_a_message() {
    use beachhead_engine::uncertainty::Plan;
    let plan = Plan::new(&sample(), &model(), &Settings::default());
    let bytes = plan.to_bytes();
    assert!(Plan::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Plan::from_bytes(&[]).is_err());
    let mut other = Plan::new(&sample(), &model(), &Settings::default()).empty_tally();
    other.counts.pop();
    assert!(!plan.empty_tally().add(&other), "a tally of another plan");
}

#[test]
fn the_tornado_lists_every_weight_widest_first() {
    let t = tornado(&sample(), &model(), MarketIndex(1), 0.5).unwrap();
    assert_eq!(t.swings.len(), 3);
    assert!(t.swings.windows(2).all(|w| w[0].width() >= w[1].width()));
    // Market 1 is strong on i0 (8 of 10) and weak on i1 (1 of 10).
    let i0 = t.swings.iter().find(|s| s.node == "i0").unwrap();
    let i1 = t.swings.iter().find(|s| s.node == "i1").unwrap();
    assert!(
        i0.score_high > i0.score_low && i1.score_high < i1.score_low,
        "{t:?}"
    );
    assert!(tornado(&sample(), &model(), MarketIndex(99), 0.5).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn identical_seeds_give_identical_ranks(seed in any::<u64>(), rows in prop::collection::vec(prop::array::uniform3(0.0f64..100.0), 2..8)) {
        let data = dataset(&rows);
        let settings = Settings { draws: 60, seed, concentration: 10.0, ..Settings::default() };
        let a = monte_carlo(&data, &model(), &settings, &mut |_| true);
        let b = monte_carlo(&data, &model(), &settings, &mut |_| true);
        prop_assert_eq!(a, b);
    }
}

/// The tornado as first written, through the plain scorer: the oracle for the compiled one.
fn tornado_by_plain_scorer(
    dataset: &Dataset,
    model: &IndexModel,
    market: MarketIndex,
    swing: f64,
) -> Vec<(String, f64, f64, usize, usize)> {
    let prepared = beachhead_engine::readiness::Prepared::new(dataset, model);
    let mut nodes = Vec::new();
    model.root.visit(&mut |n| {
        if n.id != model.root.id && n.weight > 0.0 {
            nodes.push((n.id.clone(), n.weight));
        }
    });
    let at = |id: &str, weight: f64| {
        let mut varied = model.clone();
        varied.set_weight(id, weight);
        let ranking = prepared.score(&varied, &varied.root, 0.0);
        ranking
            .of_market(market)
            .map_or((f64::NAN, usize::MAX), |s| (s.score, s.rank))
    };
    nodes
        .into_iter()
        .map(|(id, weight)| {
            let (low, rank_low) = at(&id, weight * (1.0 - swing));
            let (high, rank_high) = at(&id, weight * (1.0 + swing));
            (id, low, high, rank_low, rank_high)
        })
        .collect()
}

#[test]
fn the_tornado_gives_the_plain_scorers_scores_and_ranks_bit_for_bit() {
    for seed in 1..=4 {
        let files = beachhead_engine::synthetic::bundle(40, 15, seed);
        let dataset =
            Dataset::from_csv("i.csv", &files.dictionary_csv, "m.csv", &files.markets_csv).unwrap();
        let arithmetic = IndexModel::from_json("m.json", &files.model_json).unwrap();
        let geometric = IndexModel::from_json(
            "m.json",
            &files.model_json.replace("\"arithmetic\"", "\"geometric\""),
        )
        .unwrap();
        for model in [arithmetic, geometric] {
            let ranking = beachhead_engine::readiness::score(&dataset, &model);
            for market in ranking.scores.iter().map(|s| s.market).take(12) {
                let t = tornado(&dataset, &model, market, 0.5).unwrap();
                let mut expected = tornado_by_plain_scorer(&dataset, &model, market, 0.5);
                expected.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
                assert_eq!(t.swings.len(), expected.len());
                for (got, (id, low, high, rank_low, rank_high)) in t.swings.iter().zip(&expected) {
                    assert_eq!(&got.node, id, "seed {seed}, market {market}");
                    assert_eq!(
                        got.score_low.to_bits(),
                        low.to_bits(),
                        "{id} low, seed {seed}"
                    );
                    assert_eq!(
                        got.score_high.to_bits(),
                        high.to_bits(),
                        "{id} high, seed {seed}"
                    );
                    assert_eq!(
                        (got.rank_low, got.rank_high),
                        (*rank_low, *rank_high),
                        "{id}"
                    );
                }
            }
        }
    }
}
