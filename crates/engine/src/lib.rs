//! Beachhead's engine: pure Rust, no web dependencies.
//!
//! Data flows one way: files → [`dataset`] (parsed and validated, every problem located) →
//! [`readiness`] (scores and ranks) → plain result structs that charts and tables render.

pub mod dataset;
pub mod problem;
pub mod readiness;

pub use dataset::{Dataset, Direction, Indicator, Market, Observation};
pub use problem::{LoadError, Problem};
pub use readiness::{Criterion, MarketScore, Ranking, ReadinessModel};
