//! Beachhead's web app: Leptos components over the engine. State lives in signals, derived
//! results in memos ([`explorer`]); components only render them.

pub mod app;
pub mod browser;
pub mod components;
pub mod data_catalogue;
pub mod data_source;
pub mod explorer;
pub mod format;
pub mod market_detail;
pub mod navigation;
pub mod user_files;

pub use app::App;
