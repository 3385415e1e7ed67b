//! Beachhead's web app: Leptos components over the engine. State lives in signals, derived
//! results in memos ([`explorer`]); components only render them.

pub mod app;
pub mod components;
pub mod data_source;
pub mod explorer;
pub mod format;

pub use app::App;
