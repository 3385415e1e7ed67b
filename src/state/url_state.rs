//! The URL holds the whole view: opening a link reproduces it, and every change is written
//! back (replacing the history entry, so moving a slider does not flood the back button; moving
//! between views adds entries). Back and forward re-apply the state of their entry.

use beachhead_engine::economics::Assumptions;
use beachhead_engine::gates::default_gates;
use beachhead_engine::link_resolution::{resolve, LinkContext, LinkNotice};
use beachhead_engine::market_filter::MarketFilter;
use beachhead_engine::view_state::{assumption_changes, ViewState};
use beachhead_engine::MarketIndex;
use leptos::prelude::*;

use crate::i18n::phrase;
use crate::state::explorer::Explorer;
use crate::state::gate_board::GateBoard;
use crate::state::navigation::{Navigation, Tab};
use crate::state::test_markets::TestMarketState;

#[derive(Clone, Copy)]
pub struct UrlState {
    explorer: Explorer,
    tests: TestMarketState,
    board: GateBoard,
    navigation: Navigation,
    default_filter: StoredValue<MarketFilter>,
    default_assumptions: StoredValue<Assumptions>,
    /// What could not be followed in the last link opened.
    pub notices: RwSignal<Vec<LinkNotice>>,
    /// Set when a link was just followed: its cleaned-up form replaces it rather than adding a
    /// history entry.
    followed: StoredValue<bool>,
}

/// How long the state must stay unchanged before the URL is replaced with it.
const LINK_WRITE_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// Writes `link` into the URL: a new history entry (`push`), or in place of the current one.
fn write_link(link: &str, push: bool) {
    let write = format!("#{link}");
    if let Ok(history) = window().history() {
        let _ = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&write))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&write))
        };
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

impl UrlState {
    /// Applies the page's link, then keeps the URL in step with the state.
    pub fn start(
        explorer: Explorer,
        tests: TestMarketState,
        board: GateBoard,
        navigation: Navigation,
    ) -> Self {
        let this = Self {
            explorer,
            tests,
            board,
            navigation,
            default_filter: StoredValue::new(explorer.filter.get_untracked()),
            default_assumptions: StoredValue::new(explorer.assumptions.get_untracked()),
            notices: RwSignal::new(Vec::new()),
            followed: StoredValue::new(true),
        };
        this.follow(&current_hash());
        // The only hashchange listener: the state written back after one part had changed
        // would replace the link before a second listener read it.
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            this.follow(&current_hash());
        });
        on_cleanup(move || listener.remove());
        // Which write is the latest: a slider dragged writes many states, and only the last
        // one needs to reach the URL (browsers also throttle pages that replace it too often).
        let pending = StoredValue::new(0u32);
        Effect::new(move |_| {
            let link = this.state().encode();
            let hash = current_hash();
            let hash = hash.trim_start_matches('#').to_owned();
            let followed = this.followed.get_value();
            this.followed.set_value(false);
            // Any newer state (a link followed included) cancels a write still waiting.
            pending.update_value(|n| *n = n.wrapping_add(1));
            if hash == link {
                return;
            }
            let view_of = |text: &str| text.split_once('?').map_or(text, |(v, _)| v).to_owned();
            // A new view is a new history entry at once, so back returns to the one before;
            // any other change (and cleaning up the link first opened) replaces the entry,
            // once the changes pause.
            let new_view = !followed && view_of(&hash) != view_of(&link);
            if new_view {
                write_link(&link, true);
                return;
            }
            let mine = pending.get_value();
            set_timeout(
                move || {
                    if pending.try_get_value() == Some(mine) {
                        write_link(&link, false);
                    }
                },
                LINK_WRITE_DELAY,
            );
        });
        this
    }

    /// The filter the app starts with.
    pub fn default_filter(&self) -> MarketFilter {
        self.default_filter.get_value()
    }

    /// The state as it is now, only what differs from the defaults.
    pub fn state(&self) -> ViewState {
        let e = self.explorer;
        let defaults = e.default_weights.get_value();
        let weights = e.weights.with(|w| {
            w.iter()
                .filter(|(id, v)| defaults.get(*id) != Some(*v))
                .map(|(id, v)| (id.clone(), *v))
                .collect()
        });
        let filter = e.filter.get();
        let assumptions = e
            .assumptions
            .with(|current| assumption_changes(&self.default_assumptions.get_value(), current));
        let gates = self.board.gates.get();
        let tracked = self
            .tests
            .chosen
            .get()
            .and_then(|m| e.dataset.with(|d| d.market(m).map(|m| m.iso3.clone())));
        ViewState {
            view: self.navigation.tab.get().slug().to_owned(),
            market: e.selected.get(),
            compared: e.compared.get(),
            weights,
            normalisations: e.normalisations.get(),
            aggregations: e.aggregations.get(),
            filter: (filter != self.default_filter.get_value()).then_some(filter),
            assumptions,
            gates: (gates != default_gates()).then_some(gates),
            tracked,
            embed: self.navigation.embed.get(),
            illustrative: e.illustrative.get(),
        }
    }

    /// Applies a link: every part it gives, defaults for the rest; what cannot be followed is
    /// left at its default and listed in `notices` (the engine decides which, `link_resolution`).
    pub fn follow(&self, hash: &str) {
        self.followed.set_value(true);
        let (state, decoded) = ViewState::decode(hash);
        let e = self.explorer;
        let views: Vec<&str> = Tab::ALL.iter().map(|(tab, _)| tab.slug()).collect();
        let tracked_markets: Vec<MarketIndex> = self
            .tests
            .tracks
            .with_untracked(|t| t.iter().map(|t| t.market).collect());
        let default_weights = e.default_weights.get_value();
        let default_filter = self.default_filter.get_value();
        let default_assumptions = self.default_assumptions.get_value();
        let (link, notices) = e.dataset.with_untracked(|dataset| {
            e.model.with_untracked(|model| {
                let context = LinkContext {
                    dataset,
                    model,
                    views: &views,
                    tracked_markets: &tracked_markets,
                    default_weights: &default_weights,
                    default_filter: &default_filter,
                    default_assumptions: &default_assumptions,
                };
                resolve(state, decoded, &context)
            })
        });

        if self.navigation.embed.get_untracked() != link.embed {
            self.navigation.embed.set(link.embed);
        }
        let tab = link
            .view
            .as_deref()
            .and_then(Tab::from_slug)
            .unwrap_or(Tab::Ranking);
        if self.navigation.tab.get_untracked() != tab {
            self.navigation.show(tab);
        }
        e.selected.set(link.market);
        e.compared.set(link.compared);
        e.weights.set(link.weights);
        e.normalisations.set(link.normalisations);
        e.aggregations.set(link.aggregations);
        e.illustrative.set(link.illustrative);
        e.filter.set(link.filter);
        if e.assumptions.with_untracked(|a| *a != link.assumptions) {
            e.assumptions.set(link.assumptions);
        }
        self.board.gates.set(link.gates);
        self.tests.chosen.set(link.tracked);
        self.notices.set(notices);
    }
}

/// A notice in the language in use (files and logs keep `LinkNotice::english`).
pub fn notice_text(notice: &LinkNotice) -> String {
    phrase(&notice.phrase())
}
