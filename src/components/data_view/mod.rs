//! The Data view: every indicator's source, licence, years and coverage; which markets lack
//! what; and loading the user's own files, merged with or replacing the bundled indicators.
//!
//! A file per card: `your_data` (loading files), `trust` (what the ranking rests on, and the
//! values from other sources), `catalogue` (the indicators) and `coverage` (which markets lack
//! what).

mod catalogue;
mod coverage;
mod trust;
mod your_data;

use std::sync::Arc;

use beachhead_engine::Dataset;
use leptos::prelude::*;

use crate::state::explorer::Explorer;
use crate::state::user_files::DataFilesState;
use catalogue::CatalogueCard;
use coverage::CoverageCard;
use trust::{OwnSourcesCard, WeightStatusCard};
use your_data::YourDataCard;

/// How many of the least-covered markets to list before "Show all".
const COVERAGE_PREVIEW: usize = 25;

#[component]
pub fn DataView(
    base: Arc<Dataset>,
    dataset: RwSignal<Arc<Dataset>>,
    state: DataFilesState,
    explorer: Explorer,
) -> impl IntoView {
    let base = StoredValue::new(base);

    view! {
        <div class="data-view">
            <YourDataCard base=base dataset=dataset state=state/>

            <WeightStatusCard explorer=explorer/>

            <CatalogueCard dataset=dataset/>

            <OwnSourcesCard dataset=dataset/>

            <CoverageCard dataset=dataset show_all=state.show_all/>
        </div>
    }
}
