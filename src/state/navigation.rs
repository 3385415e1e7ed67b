//! The explorer's views and moving between them. The URL hash names the view, so a view can be
//! linked and the browser's back and forward buttons move between views.

use leptos::prelude::*;

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
        (Tab::Demand, "Demand"),
        (Tab::Gates, "Go/no-go"),
        (Tab::Memo, "Memo"),
        (Tab::Data, "Data and sources"),
    ];

    /// The view a link names (`#margins?m=HKG` names Margins); the ranking when it names none
    /// or one that does not exist.
    pub fn from_hash(hash: &str) -> Self {
        let view = hash.trim_start_matches('#');
        let view = view.split_once('?').map_or(view, |(v, _)| v);
        Self::from_slug(view).unwrap_or(Tab::Ranking)
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .map(|&(tab, _)| tab)
            .find(|tab| tab.slug() == slug)
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
    /// One view without the app's chrome, for another page's iframe.
    pub embed: RwSignal<bool>,
}

impl Navigation {
    /// Creates the navigation on the URL's view and provides it to the views below through
    /// context.
    pub fn provide() -> Self {
        // The URL's changes (back, forward, an edited link) reach `tab` through the link state
        // (`url_state.rs`), which reads the whole link at once.
        let tab = RwSignal::new(Tab::from_hash(&current_hash()));
        let navigation = Self {
            tab,
            embed: RwSignal::new(false),
        };
        provide_context(navigation);
        navigation
    }

    /// Shows `to` (the URL already names it).
    pub fn show(&self, to: Tab) {
        self.tab.set(to);
    }

    /// Moves to another view. The link state (`url_state.rs`) writes the new view into the URL
    /// as a new history entry, with the state as it is at that moment.
    pub fn go(&self, to: Tab) {
        if self.tab.get_untracked() != to {
            self.tab.set(to);
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}
