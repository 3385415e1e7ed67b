//! The test markets in use (the bundled illustrative ones, or the user's own files), each
//! market's track, and which one the tracker shows.

use beachhead_engine::MarketIndex;
use std::collections::BTreeMap;
use std::sync::Arc;

use beachhead_engine::test_market::TestMarkets;
use beachhead_engine::tracker::{by_market, Kpis, Track};
use beachhead_engine::Phrase;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
/// Where loading the user's own files stands.
pub enum LoadStatus {
    Idle,
    /// Bytes read of all the files, then markets tracked of all.
    Reading {
        done: usize,
        total: usize,
    },
    Tracking {
        done: usize,
        total: usize,
    },
    /// The user stopped it: the data in use is unchanged.
    Stopped,
    Loaded {
        names: Vec<String>,
        markets: usize,
        /// How many warnings there were, and the first few.
        warnings: usize,
        shown: Vec<Phrase>,
    },
    /// Why, in the engine's words (the browser's reason a file could not be read among them).
    Failed(Vec<Phrase>),
}

#[derive(Clone, Copy)]
pub struct TestMarketState {
    pub data: RwSignal<Arc<TestMarkets>>,
    /// The bundled data, to go back to.
    pub bundled: StoredValue<Arc<TestMarkets>>,
    /// The user's file names, or None for the bundled illustrative data.
    pub own_files: RwSignal<Option<Vec<String>>>,
    /// One per market with weekly data, in the order the data lists them: built where the data
    /// is loaded (in slices, for a large file), not derived here in one long task.
    pub tracks: RwSignal<Arc<Vec<Arc<Track>>>>,
    bundled_tracks: StoredValue<Arc<Vec<Arc<Track>>>>,
    /// Each tracked market's KPIs, by market index.
    pub kpis: Memo<BTreeMap<MarketIndex, Kpis>>,
    /// The market the tracker shows (a market index); None: the first tracked.
    pub chosen: RwSignal<Option<MarketIndex>>,
    /// The last load of the user's files (kept while other views are open).
    pub load: RwSignal<LoadStatus>,
    /// Which load is current: a load started or stopped since makes an older one give up.
    load_run: StoredValue<u32>,
}

impl TestMarketState {
    pub fn new(bundled: TestMarkets) -> Self {
        let bundled = Arc::new(bundled);
        let data = RwSignal::new(Arc::clone(&bundled));
        let bundled_tracks = Arc::new(
            by_market(&bundled)
                .iter()
                .filter_map(|m| Track::from_records(m).map(Arc::new))
                .collect::<Vec<_>>(),
        );
        let tracks = RwSignal::new(Arc::clone(&bundled_tracks));
        let kpis =
            Memo::new(move |_| tracks.with(|t| t.iter().map(|t| (t.market, t.kpis())).collect()));
        Self {
            data,
            bundled: StoredValue::new(bundled),
            own_files: RwSignal::new(None),
            tracks,
            bundled_tracks: StoredValue::new(bundled_tracks),
            kpis,
            chosen: RwSignal::new(None),
            load: RwSignal::new(LoadStatus::Idle),
            load_run: StoredValue::new(0),
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

    /// The user's data, with its tracks (see [`by_market`] and [`Track::from_records`]).
    pub fn use_own(&self, data: TestMarkets, tracks: Vec<Arc<Track>>, names: Vec<String>) {
        self.data.set(Arc::new(data));
        self.tracks.set(Arc::new(tracks));
        self.own_files.set(Some(names));
    }

    /// A new load begins; returns its number for [`Self::report_load`].
    pub fn begin_load(&self) -> u32 {
        self.load_run.update_value(|n| *n = n.wrapping_add(1));
        self.load_run.get_value()
    }

    /// Stops the load under way, if any.
    pub fn stop_load(&self) {
        self.load_run.update_value(|n| *n = n.wrapping_add(1));
        self.load.set(LoadStatus::Stopped);
    }

    /// Shows how load `run` stands, unless it was stopped or another load began since; then
    /// it returns false, and the load should end.
    pub fn report_load(&self, run: u32, status: LoadStatus) -> bool {
        let current = self.load_run.get_value() == run;
        if current {
            self.load.set(status);
        }
        current
    }

    /// Back to the bundled data; a load under way ends unused.
    pub fn use_bundled(&self) {
        self.load_run.update_value(|n| *n = n.wrapping_add(1));
        self.load.set(LoadStatus::Idle);
        self.data.set(self.bundled.get_value());
        self.tracks.set(self.bundled_tracks.get_value());
        self.own_files.set(None);
    }
}
