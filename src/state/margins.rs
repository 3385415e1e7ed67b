//! The Margins view's choices and edits, held here so that they outlive the view, which is on
//! the page only while open.

use beachhead_engine::economics::{Assumptions, EconomicsSort};
use leptos::prelude::*;

/// What the user chose and typed in the view: it outlives the view, which is on the page only
/// while open.
#[derive(Clone, Copy)]
pub struct MarginState {
    pub sku: RwSignal<usize>,
    pub target: RwSignal<String>,
    /// Edits not yet applied: see the form.
    pub draft: RwSignal<Option<Assumptions>>,
    pub draft_problems: RwSignal<Vec<beachhead_engine::Problem>>,
    pub sort: RwSignal<EconomicsSort>,
}

impl Default for MarginState {
    fn default() -> Self {
        Self {
            sku: RwSignal::new(0),
            target: RwSignal::new("20".into()),
            draft: RwSignal::new(None),
            draft_problems: RwSignal::new(Vec::new()),
            sort: RwSignal::new(EconomicsSort::Margin),
        }
    }
}
