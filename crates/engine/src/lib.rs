//! Beachhead's engine: pure Rust, no web dependencies.
//!
//! Data flows one way: files → [`table`] (delimited text, located problems) → [`dictionary`]
//! and [`dataset`] (validated markets × indicators) → [`user_data`] (the user's own files,
//! merged in) → [`readiness`] (an [`index_model`] scored and ranked) → plain result structs that charts and
//! tables render.

// First, so that every module after it has `phrase!`.
#[macro_use]
pub mod phrase;
pub mod candidates;
pub mod compiled_model;
pub mod csv_export;
pub mod dataset;
pub mod decision_board;
pub mod demand_signals;
pub mod dictionary;
pub mod economics;
mod fnv_map;
pub mod gates;
pub mod index_model;
pub mod json_diff;
pub mod link_resolution;
pub mod market_filter;
pub mod market_match;
pub mod market_profile;
pub mod opportunity;
pub mod order;
pub mod problem;
pub mod ranking_table;
pub mod readiness;
pub mod scenario;
pub mod sensitivity;
pub mod stats;
pub mod synthetic;
pub mod table;
pub mod template;
pub mod test_market;
#[cfg(test)]
mod test_support;
pub mod tracker;
pub mod uncertainty;
pub mod user_data;
pub mod value_sources;
pub mod view_state;
pub mod weight_shares;
pub mod weight_status;

pub use dataset::{Dataset, Direction, Market, MarketIndex, Observation, Status};
pub use dictionary::Indicator;
pub use index_model::{Aggregation, IndexModel, Node, Normalisation, Transform};
pub use phrase::{Arg, Phrase};
pub use problem::{LoadError, Problem, Severity};
pub use readiness::{MarketScore, Ranking};
pub use user_data::{parse_user_files, MergeMode, UserData};
pub use value_sources::{Source, ValueSourceRef};
