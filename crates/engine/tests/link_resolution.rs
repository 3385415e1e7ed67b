#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failed test, with its place

use beachhead_engine::MarketIndex;
use std::collections::BTreeMap;

use beachhead_engine::economics::Assumptions;
use beachhead_engine::link_resolution::{resolve, LinkContext, LinkNotice, MAX_COMPARED};
use beachhead_engine::market_filter::MarketFilter;
use beachhead_engine::view_state::ViewState;
use beachhead_engine::{Dataset, IndexModel};
use proptest::prelude::*;

struct Bundle {
    dataset: Dataset,
    model: IndexModel,
    weights: BTreeMap<String, f64>,
    filter: MarketFilter,
    assumptions: Assumptions,
}

fn bundle() -> Bundle {
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
    let mut weights: BTreeMap<String, f64> = model.weights().into_iter().collect();
    weights.remove(&model.root.id);
    let assumptions = Assumptions::from_json(
        "assumptions.json",
        include_str!("../../../public/data/economics/assumptions.json"),
    )
    .unwrap();
    Bundle {
        dataset,
        model,
        weights,
        filter: MarketFilter::default(),
        assumptions,
    }
}

const VIEWS: [&str; 3] = ["ranking", "market", "margins"];

fn follow(b: &Bundle, link: &str, tracked: &[MarketIndex]) -> (ViewState, Vec<LinkNotice>) {
    let (state, decoded) = ViewState::decode(link);
    let context = LinkContext {
        dataset: &b.dataset,
        model: &b.model,
        views: &VIEWS,
        tracked_markets: tracked,
        default_weights: &b.weights,
        default_filter: &b.filter,
        default_assumptions: &b.assumptions,
    };
    let (resolved, notices) = resolve(state, decoded, &context);
    // Back to a state, as the app writes the URL after following a link.
    let state = ViewState {
        view: resolved.view.unwrap_or_default(),
        market: resolved.market,
        compared: resolved.compared,
        weights: resolved.weights,
        normalisations: resolved.normalisations,
        aggregations: resolved.aggregations,
        filter: Some(resolved.filter),
        assumptions: Vec::new(),
        gates: Some(resolved.gates),
        tracked: resolved.tracked.map(|m| b.dataset[m].iso3.clone()),
        embed: resolved.embed,
        illustrative: resolved.illustrative,
    };
    (state, notices)
}

#[test]
fn a_link_to_known_things_is_followed_without_a_notice() {
    let b = bundle();
    let hkg = b.dataset.market_index("HKG").unwrap();
    let (state, notices) = follow(&b, "#market?m=HKG&c=HKG,TWN&w=demand:30&t=HKG", &[hkg]);
    assert_eq!(notices, []);
    assert_eq!(state.view, "market");
    assert_eq!(state.market.as_deref(), Some("HKG"));
    assert_eq!(state.compared, ["HKG", "TWN"]);
    assert_eq!(state.weights["demand"], 30.0);
    assert_eq!(state.tracked.as_deref(), Some("HKG"));
}

#[test]
fn each_unknown_part_falls_back_and_is_named() {
    let b = bundle();
    let (state, notices) = follow(
        &b,
        "#nowhere?m=ZZZ&c=HKG,QQQ&w=nothing:3&n=demand:rank&g=population:geometric&r=Atlantis&x=YYY&t=HKG",
        &[],
    );
    assert_eq!(
        notices,
        [
            LinkNotice::UnknownView("nowhere".into()),
            LinkNotice::UnknownMarket("ZZZ".into()),
            LinkNotice::UnknownCompared("QQQ".into()),
            LinkNotice::UnknownWeight("nothing".into()),
            LinkNotice::MethodForNonIndicator("demand".into()),
            LinkNotice::AggregationForNonGroup("population".into()),
            LinkNotice::UnknownRegion("Atlantis".into()),
            LinkNotice::UnknownEntered("YYY".into()),
            LinkNotice::NoTestMarket("HKG".into()),
        ]
    );
    assert_eq!(state.view, "");
    assert_eq!(state.market, None);
    assert_eq!(state.compared, ["HKG"]);
    assert_eq!(state.weights, b.weights);
    assert!(state.normalisations.is_empty() && state.aggregations.is_empty());
    assert_eq!(state.filter.as_ref().and_then(|f| f.region.clone()), None);
    assert_eq!(state.tracked, None);
}

#[test]
fn notices_read_in_english_with_their_parameter() {
    assert_eq!(
        LinkNotice::UnknownMarket("ZZZ".into()).english(),
        "The link's market \"ZZZ\" is not in the data; the top candidate is shown."
    );
    assert_eq!(
        LinkNotice::Unreadable(beachhead_engine::phrase!("as the {} said", "decoder")).english(),
        "as the decoder said"
    );
}

proptest! {
    // Whatever a link holds, following it gives a state whose link follows without a notice
    // to the same state: a link the app writes never complains.
    #[test]
    fn what_a_followed_link_resolves_to_follows_cleanly(
        markets in proptest::collection::vec(0usize..300, 0..7),
        weight in 0.0f64..50.0,
        junk in "[a-z]{1,6}",
    ) {
        let b = bundle();
        let codes: Vec<String> = markets
            .iter()
            .map(|&i| b.dataset.markets().get(i).map_or_else(|| junk.to_uppercase(), |m| m.iso3.clone()))
            .collect();
        let link = format!(
            "#market?m={}&c={}&w=demand:{weight}&w={junk}:1&x={}",
            codes.first().cloned().unwrap_or_default(),
            codes.join(","),
            codes.last().cloned().unwrap_or_default(),
        );
        let (state, _) = follow(&b, &link, &[]);
        prop_assert!(state.compared.len() <= MAX_COMPARED);
        let (again, notices) = follow(&b, &format!("#{}", state.encode()), &[]);
        prop_assert_eq!(notices, Vec::<LinkNotice>::new());
        prop_assert_eq!(again, state);
    }
}
