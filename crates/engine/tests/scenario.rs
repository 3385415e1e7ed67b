#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::economics::Assumptions;
use beachhead_engine::scenario::{
    compare, outcome, read, read_file, ReadError, Scenario, ScenarioFile,
};
use beachhead_engine::view_state::ViewState;
use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, IndexModel};

fn bundled() -> (Dataset, IndexModel, Assumptions) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
    (
        Dataset::from_csv(
            "indicators.csv",
            &read("indicators.csv"),
            "markets.csv",
            &read("markets.csv"),
        )
        .unwrap(),
        IndexModel::from_json("m", &read("models/beachhead-readiness.json")).unwrap(),
        Assumptions::from_json("a", &read("economics/assumptions.json")).unwrap(),
    )
}

fn china_entered() -> beachhead_engine::market_filter::MarketFilter {
    beachhead_engine::market_filter::MarketFilter {
        entered: vec!["CHN".into()],
        ..Default::default()
    }
}

#[test]
fn a_scenario_file_round_trips() {
    let file = ScenarioFile::new(vec![Scenario {
        name: "Demand first \"bold\"".into(),
        saved: "2026-11-25T05:00:00.000Z".into(),
        state: "w=demand:50".into(),
    }]);
    assert_eq!(read(&file.to_json()).unwrap(), file);
}

#[test]
fn unreadable_and_future_files_are_told_apart() {
    assert!(matches!(read("{not json"), Err(ReadError::Corrupt(_))));
    assert!(matches!(
        read(r#"{"format":"other","version":1,"scenarios":[]}"#),
        Err(ReadError::Corrupt(_))
    ));
    assert!(matches!(
        read(r#"{"format":"beachhead-scenarios","scenarios":[]}"#),
        Err(ReadError::Corrupt(_))
    ));
    let future =
        read(r#"{"format":"beachhead-scenarios","version":9,"scenarios":[{"anything":1}]}"#);
    assert_eq!(future, Err(ReadError::Future(9)));
    assert!(future.unwrap_err().to_string().contains("newer Beachhead"));
}

#[test]
fn an_unreadable_scenario_file_is_told_where() {
    let corrupt = |text: &str| match read_file("mine.json", text) {
        Err(ReadError::Corrupt(problem)) => problem,
        other => panic!("{other:?}"),
    };
    let p = corrupt(
        "{\"format\": \"beachhead-scenarios\",\n \"version\": 1,\n \"scenarios\": [{\"name\": ",
    );
    assert_eq!(
        (p.file.as_str(), p.row, p.line_column),
        ("mine.json", Some(3), Some(24))
    );
    assert_eq!(
        p.to_string(),
        "mine.json, line 3, column 24: found invalid JSON: EOF while parsing a value; expected a scenario file: {\"format\": \"beachhead-scenarios\", \"version\": 1, \"scenarios\": […]}"
    );
    let p = corrupt(
        r#"{"format": "beachhead-scenarios", "version": 1, "scenarios": [
            {"name": "A", "saved": "2024-01-01T00:00:00Z", "state": ""},
            {"name": "B", "saved": "2024-01-01T00:00:00Z", "state": 4}]}"#,
    );
    assert_eq!(
        p.to_string(),
        "mine.json, entry 2, column \"state\": found 4; expected text: the scenario's choices, as a link's state"
    );
    let p = corrupt(r#"{"format": "beachhead-scenarios", "version": "1", "scenarios": []}"#);
    assert_eq!(p.column.as_deref(), Some("version"));
    // The app's sentence names the file itself: the reason gives the place and the fault.
    let why = read(
        "{\"format\": \"beachhead-scenarios\", \"version\": 1, \"scenarios\": [{\"name\": \"A\"}]}",
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        why,
        "they are not readable scenarios (entry 1, column \"saved\": found a scenario without \"saved\"; expected text: when it was saved)"
    );
}

#[test]
fn two_scenarios_compare_by_rank_and_margin() {
    let (d, m, a) = bundled();
    let base = outcome(&d, &m, &a, &china_entered(), "");
    assert!(base.notices.is_empty());
    assert_eq!(
        base.ranking,
        beachhead_engine::readiness::score(&d, &m),
        "no choices: the model as shipped"
    );
    let mut pricier = a.clone();
    let mut hk = pricier.for_market("HKG").unwrap();
    hk.retail_price.amount *= 1.2;
    pricier.set_market("HKG", &hk).unwrap();
    let state = ViewState {
        weights: [("demand".to_owned(), 0.0), ("nonexistent".to_owned(), 3.0)]
            .into_iter()
            .collect(),
        assumptions: beachhead_engine::view_state::assumption_changes(&a, &pricier),
        ..ViewState::default()
    };
    let link = state.encode();
    let other = outcome(&d, &m, &a, &china_entered(), link.trim_start_matches('?'));
    assert_eq!(other.notices.len(), 1, "{:?}", other.notices);
    let changes = compare(&base, &other, 10);
    assert!(changes.len() >= 10);
    let chn = d.market_index("CHN").unwrap();
    assert!(
        changes.iter().all(|c| c.market != chn),
        "an entered market is not a candidate"
    );
    assert_eq!(base.candidates[0].1, 1);
    assert!(
        changes.iter().any(|c| c.rank_a != c.rank_b),
        "demand at zero moves ranks"
    );
    let hkg = d.market_index("HKG").unwrap();
    let (ma, mb) = (
        base.margin_pct[hkg.0].unwrap(),
        other.margin_pct[hkg.0].unwrap(),
    );
    assert!(
        mb > ma,
        "a higher price raises Hong Kong's margin: {ma} -> {mb}"
    );
}

#[test]
fn a_change_says_how_far_a_market_moved_and_its_margin_change() {
    use beachhead_engine::scenario::{Change, RankMove};
    let change = |rank_a, rank_b, margin_a, margin_b| Change {
        market: MarketIndex(0),
        rank_a,
        rank_b,
        margin_a,
        margin_b,
    };
    assert_eq!(
        change(Some(5), Some(2), None, None).rank_move(),
        RankMove::Up(3)
    );
    assert_eq!(
        change(Some(2), Some(7), None, None).rank_move(),
        RankMove::Down(5)
    );
    assert_eq!(
        change(Some(4), Some(4), None, None).rank_move(),
        RankMove::Same
    );
    assert_eq!(
        change(None, Some(4), None, None).rank_move(),
        RankMove::Unranked
    );
    assert_eq!(
        change(None, None, Some(10.0), Some(12.5)).margin_change_pts(),
        Some(2.5)
    );
    assert_eq!(
        change(None, None, None, Some(12.5)).margin_change_pts(),
        None
    );
}

#[test]
fn a_scenario_counts_the_illustrative_layers_only_when_it_switched_them_on() {
    let (d, m, a) = bundled();
    let off = outcome(&d, &m, &a, &china_entered(), "");
    let on = outcome(&d, &m, &a, &china_entered(), "il=1");
    assert!(off.notices.is_empty() && on.notices.is_empty());
    assert_eq!(
        off.ranking,
        beachhead_engine::readiness::score(&d, &m.with_illustrative(d.indicators(), false))
    );
    assert_eq!(
        on.ranking,
        beachhead_engine::readiness::score(&d, &m.with_illustrative(d.indicators(), true))
    );
    assert_ne!(off.ranking, on.ranking, "the generated layers move scores");
    // A weight given for an illustrative pillar stays out while the layers are off.
    let weighted = outcome(&d, &m, &a, &china_entered(), "w=community:40");
    assert_eq!(weighted.ranking, off.ranking);
}
