//! The Uncertainty view's settings and its Monte Carlo run, held here so that a run goes on and
//! its result stays while another view is shown.

use beachhead_engine::uncertainty::Uncertainty;
use leptos::prelude::*;

/// Where the Monte Carlo run is.
#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Idle,
    Running { done: usize, total: usize },
    Finished(Uncertainty),
}

/// The view's settings and its run: they outlive the view, which is on the page only while
/// open, so a run goes on and its result stays while another view is shown.
#[derive(Clone, Copy)]
pub struct UncertaintyState {
    pub draws: RwSignal<usize>,
    pub kappa: RwSignal<f64>,
    pub vary_methods: RwSignal<bool>,
    pub top_k: RwSignal<usize>,
    pub run: RwSignal<Run>,
    pub cancel: RwSignal<bool>,
    /// The model the shown result was computed with, to flag it stale when weights move.
    pub computed_for: RwSignal<Option<beachhead_engine::IndexModel>>,
    /// The background workers that ran the shown result; 0: the page itself, when no worker
    /// could start.
    pub workers: RwSignal<usize>,
}

impl Default for UncertaintyState {
    fn default() -> Self {
        Self {
            draws: RwSignal::new(1000),
            kappa: RwSignal::new(50.0),
            vary_methods: RwSignal::new(false),
            top_k: RwSignal::new(10),
            run: RwSignal::new(Run::Idle),
            cancel: RwSignal::new(false),
            computed_for: RwSignal::new(None),
            workers: RwSignal::new(0),
        }
    }
}
