//! The test markets in use (the bundled illustrative ones, or the user's own files), each
//! market's track, and which one the tracker shows.

use std::collections::BTreeMap;
use std::sync::Arc;

use beachhead_engine::test_market::TestMarkets;
use beachhead_engine::tracker::{Kpis, Track};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct TestMarketState {
    pub data: RwSignal<Arc<TestMarkets>>,
    /// The bundled data, to go back to.
    pub bundled: StoredValue<Arc<TestMarkets>>,
    /// The user's file names, or None for the bundled illustrative data.
    pub own_files: RwSignal<Option<Vec<String>>>,
    /// One per market with weekly data, in the order the data lists them.
    pub tracks: Memo<Vec<Arc<Track>>>,
    /// Each tracked market's KPIs, by market index.
    pub kpis: Memo<BTreeMap<usize, Kpis>>,
    /// The market the tracker shows (a market index); None: the first tracked.
    pub chosen: RwSignal<Option<usize>>,
}

impl TestMarketState {
    pub fn new(bundled: TestMarkets) -> Self {
        let bundled = Arc::new(bundled);
        let data = RwSignal::new(Arc::clone(&bundled));
        let tracks = Memo::new(move |_| {
            data.with(|d| {
                d.markets()
                    .into_iter()
                    .filter_map(|m| Track::new(d, m).map(Arc::new))
                    .collect::<Vec<_>>()
            })
        });
        let kpis =
            Memo::new(move |_| tracks.with(|t| t.iter().map(|t| (t.market, t.kpis())).collect()));
        Self {
            data,
            bundled: StoredValue::new(bundled),
            own_files: RwSignal::new(None),
            tracks,
            kpis,
            chosen: RwSignal::new(None),
        }
    }

    /// The track the tracker shows: the chosen market's if it has one, else the first.
    pub fn shown(&self) -> Option<Arc<Track>> {
        let chosen = self.chosen.get();
        self.tracks.with(|tracks| {
            chosen
                .and_then(|m| tracks.iter().find(|t| t.market == m))
                .or_else(|| tracks.first())
                .cloned()
        })
    }

    pub fn use_own(&self, data: TestMarkets, names: Vec<String>) {
        self.data.set(Arc::new(data));
        self.own_files.set(Some(names));
    }

    pub fn use_bundled(&self) {
        self.data.set(self.bundled.get_value());
        self.own_files.set(None);
    }
}
