//! Beachhead's web app: Leptos components over the engine. State lives in signals, derived
//! results in memos ([`explorer`]); components only render them.

pub mod app;
pub mod bench;
pub mod browser;
pub mod chart_backend;
pub mod components;
pub mod data_catalogue;
pub mod data_source;
pub mod explorer;
pub mod format;
pub mod gate_board;
pub mod i18n;
pub mod market_detail;
pub mod navigation;
pub mod offline;
pub mod scenarios;
pub mod test_markets;
pub mod url_state;
pub mod user_files;

pub use app::App;
