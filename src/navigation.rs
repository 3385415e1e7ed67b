//! The explorer's views and moving between them. The URL hash names the view, so a view can be
//! linked and the browser's back and forward buttons move between views.

use leptos::prelude::*;

use crate::components::canvas_chart::LayoutTick;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Ranking,
    Map,
    Market,
    Compare,
    Uncertainty,
    Margins,
    Opportunity,
    TestMarkets,
    Demand,
    Gates,
    Memo,
    Data,
}

impl Tab {
    pub const ALL: [(Tab, &'static str); 12] = [
        (Tab::Ranking, "Ranking"),
        (Tab::Map, "Map"),
        (Tab::Market, "Market"),
        (Tab::Compare, "Compare"),
        (Tab::Uncertainty, "Uncertainty"),
        (Tab::Margins, "Margins"),
        (Tab::Opportunity, "Opportunity"),
        (Tab::TestMarkets, "Test markets"),
        (Tab::Demand, "Demand signals"),
        (Tab::Gates, "Go/no-go"),
        (Tab::Memo, "Memo"),
        (Tab::Data, "Data and sources"),
    ];

    pub fn from_hash(hash: &str) -> Self {
        match hash.trim_start_matches('#') {
            "map" => Tab::Map,
            "market" => Tab::Market,
            "compare" => Tab::Compare,
            "uncertainty" => Tab::Uncertainty,
            "margins" => Tab::Margins,
            "opportunity" => Tab::Opportunity,
            "test-markets" => Tab::TestMarkets,
            "demand" => Tab::Demand,
            "gates" => Tab::Gates,
            "memo" => Tab::Memo,
            "data" => Tab::Data,
            _ => Tab::Ranking,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Ranking => "ranking",
            Tab::Map => "map",
            Tab::Market => "market",
            Tab::Compare => "compare",
            Tab::Uncertainty => "uncertainty",
            Tab::Margins => "margins",
            Tab::Opportunity => "opportunity",
            Tab::TestMarkets => "test-markets",
            Tab::Demand => "demand",
            Tab::Gates => "gates",
            Tab::Memo => "memo",
            Tab::Data => "data",
        }
    }
}

/// Shared through context so any view can send the user to another.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub tab: RwSignal<Tab>,
    layout: LayoutTick,
}

impl Navigation {
    /// Creates the navigation, follows the URL hash (now and on every change), and provides
    /// it and the layout tick to the views below through context.
    pub fn provide() -> Self {
        let layout = LayoutTick(RwSignal::new(0));
        provide_context(layout);
        let tab = RwSignal::new(Tab::from_hash(&current_hash()));
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            tab.set(Tab::from_hash(&current_hash()));
            layout.bump();
        });
        on_cleanup(move || listener.remove());
        let navigation = Self { tab, layout };
        provide_context(navigation);
        navigation
    }

    pub fn go(&self, to: Tab) {
        if self.tab.get_untracked() != to {
            // Setting the hash adds a history entry; the hashchange listener updates `tab`.
            let _ = window().location().set_hash(to.slug());
        } else {
            self.layout.bump();
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}
