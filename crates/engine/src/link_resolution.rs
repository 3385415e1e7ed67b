//! Following a link: a decoded [`ViewState`] checked against the data and the model in use.
//! Every part that names something the data or model lacks falls back to its default and is
//! reported as a [`LinkNotice`] (a kind and its parameters), which the app words in the
//! interface language.

use std::collections::BTreeMap;

use crate::economics::Assumptions;
use crate::gates::{default_gates, Gate};
use crate::market_filter::{regions, MarketFilter};
use crate::phrase::Phrase;
use crate::view_state::{apply_assumption_changes, ViewState};
use crate::MarketIndex;
use crate::{Aggregation, Dataset, IndexModel, Normalisation};

/// Why part of a link was not followed.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkNotice {
    /// The link could not be read there (an unknown key, a value of the wrong shape, a link
    /// too long), as the decoder words it.
    Unreadable(Phrase),
    UnknownView(String),
    UnknownMarket(String),
    UnknownCompared(String),
    UnknownWeight(String),
    MethodForNonIndicator(String),
    AggregationForNonGroup(String),
    UnknownRegion(String),
    UnknownEntered(String),
    /// An assumption change the assumptions' validation refused (its pointer and the reason).
    AssumptionChange(Phrase),
    NoTestMarket(String),
}

impl LinkNotice {
    /// The notice, worded; the interface translates it by its English template.
    pub fn phrase(&self) -> Phrase {
        match self {
            LinkNotice::Unreadable(why) | LinkNotice::AssumptionChange(why) => why.clone(),
            LinkNotice::UnknownView(v) => phrase!("There is no view named \"{}\"; the ranking is shown.", v),
            LinkNotice::UnknownMarket(c) => phrase!("The link's market \"{}\" is not in the data; the top candidate is shown.", c),
            LinkNotice::UnknownCompared(c) => phrase!("The link compares \"{}\", which is not in the data; it was left out.", c),
            LinkNotice::UnknownWeight(id) => phrase!("The link weights \"{}\", which is not in the model; it was left out.", id),
            LinkNotice::MethodForNonIndicator(id) => phrase!("The link sets a method for \"{}\", which is not an indicator of the model; it was left out.", id),
            LinkNotice::AggregationForNonGroup(id) => phrase!("The link sets an aggregation for \"{}\", which is not a group of the model; it was left out.", id),
            LinkNotice::UnknownRegion(r) => phrase!("The link filters on the region \"{}\", which the data does not have; all regions are shown.", r),
            LinkNotice::UnknownEntered(c) => phrase!("The link marks \"{}\" as entered, which is not in the data; it was left out.", c),
            LinkNotice::NoTestMarket(c) => phrase!("\"{}\" has no test-market data; the first test market is shown.", c),
        }
    }

    /// The notice in English, as files and logs keep it.
    pub fn english(&self) -> String {
        self.phrase().english()
    }
}

/// What a link is checked against, and what its missing parts fall back to.
pub struct LinkContext<'a> {
    pub dataset: &'a Dataset,
    pub model: &'a IndexModel,
    /// The slugs of the views this version has.
    pub views: &'a [&'a str],
    /// Markets (dataset indices) that have a test market.
    pub tracked_markets: &'a [MarketIndex],
    pub default_weights: &'a BTreeMap<String, f64>,
    pub default_filter: &'a MarketFilter,
    pub default_assumptions: &'a Assumptions,
}

/// The state a link asks for, every part checked: what the app sets.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedLink {
    /// The view's slug; the default view when the link names none or one this version lacks.
    pub view: Option<String>,
    pub market: Option<String>,
    /// At most four, each in the data.
    pub compared: Vec<String>,
    /// Every weight of the model: the link's where it gives one, the default elsewhere.
    pub weights: BTreeMap<String, f64>,
    pub normalisations: BTreeMap<String, Normalisation>,
    pub aggregations: BTreeMap<String, Aggregation>,
    pub filter: MarketFilter,
    pub assumptions: Assumptions,
    pub gates: Vec<Gate>,
    /// The test market shown (dataset index).
    pub tracked: Option<MarketIndex>,
    pub embed: bool,
    /// The illustrative layers count in the ranking.
    pub illustrative: bool,
}

/// The most markets the Compare view shows side by side.
pub const MAX_COMPARED: usize = 4;

/// Checks a decoded link against the data and model; `decoded` are the decoder's notices.
pub fn resolve(
    state: ViewState,
    decoded: Vec<Phrase>,
    context: &LinkContext,
) -> (ResolvedLink, Vec<LinkNotice>) {
    let mut notices: Vec<LinkNotice> = decoded.into_iter().map(LinkNotice::Unreadable).collect();
    let dataset = context.dataset;
    let known_market = |code: &str| dataset.markets().iter().any(|m| m.iso3 == code);

    let view = if state.view.is_empty() {
        None
    } else if context.views.contains(&state.view.as_str()) {
        Some(state.view.clone())
    } else {
        notices.push(LinkNotice::UnknownView(state.view.clone()));
        None
    };
    let market = state.market.filter(|code| {
        let known = known_market(code);
        if !known {
            notices.push(LinkNotice::UnknownMarket(code.clone()));
        }
        known
    });
    let compared: Vec<String> = state
        .compared
        .into_iter()
        .filter(|code| {
            let known = known_market(code);
            if !known {
                notices.push(LinkNotice::UnknownCompared(code.clone()));
            }
            known
        })
        .take(MAX_COMPARED)
        .collect();

    let mut weights = context.default_weights.clone();
    for (id, w) in state.weights {
        match weights.get_mut(&id) {
            Some(slot) => *slot = w,
            None => notices.push(LinkNotice::UnknownWeight(id)),
        }
    }
    let mut leaves = Vec::new();
    let mut groups = Vec::new();
    context.model.root.visit(&mut |n| {
        if n.is_leaf() {
            leaves.push(n.id.clone());
        } else {
            groups.push(n.id.clone());
        }
    });
    let normalisations = state
        .normalisations
        .into_iter()
        .filter(|(id, _)| {
            let known = leaves.contains(id);
            if !known {
                notices.push(LinkNotice::MethodForNonIndicator(id.clone()));
            }
            known
        })
        .collect();
    let aggregations = state
        .aggregations
        .into_iter()
        .filter(|(id, _)| {
            let known = groups.contains(id);
            if !known {
                notices.push(LinkNotice::AggregationForNonGroup(id.clone()));
            }
            known
        })
        .collect();

    let filter = match state.filter {
        None => context.default_filter.clone(),
        Some(mut f) => {
            if let Some(region) = f.region.clone() {
                if !regions(dataset).contains(&region) {
                    notices.push(LinkNotice::UnknownRegion(region));
                    f.region = None;
                }
            }
            f.entered.retain(|code| {
                let known = known_market(code);
                if !known {
                    notices.push(LinkNotice::UnknownEntered(code.clone()));
                }
                known
            });
            f
        }
    };

    let (assumptions, problems) =
        apply_assumption_changes(context.default_assumptions, &state.assumptions);
    notices.extend(problems.into_iter().map(LinkNotice::AssumptionChange));

    let tracked = state.tracked.and_then(|code| {
        let tracked = dataset
            .market_index(&code)
            .filter(|m| context.tracked_markets.contains(m));
        if tracked.is_none() {
            notices.push(LinkNotice::NoTestMarket(code));
        }
        tracked
    });

    let resolved = ResolvedLink {
        view,
        market,
        compared,
        weights,
        normalisations,
        aggregations,
        filter,
        assumptions,
        gates: state.gates.unwrap_or_else(default_gates),
        tracked,
        embed: state.embed,
        illustrative: state.illustrative,
    };
    (resolved, notices)
}
