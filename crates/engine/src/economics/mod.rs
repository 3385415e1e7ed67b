//! Unit economics per market: the price waterfall from shelf price to contribution per unit,
//! break-even volume, payback, goal seek and a tornado. Formulas in `docs/economics.md`.
//!
//! One file per concept: `types` (the assumptions file's model), `overrides` (per-market
//! overrides), `validation`, `unit` (unit economics), `goal_seek` and `tornado`. Each
//! item is re-exported here, so callers keep writing `economics::Inputs` and the like.

mod goal_seek;
mod overrides;
mod tornado;
mod types;
mod unit;
mod validation;

pub use tornado::{margin_tornado, MarginSwing};
pub use types::{
    Assumptions, Channel, FixedCosts, Fx, MarketAssumptions, Price, Product, Volume,
    ASSUMPTIONS_FORMAT, ASSUMPTIONS_VERSION,
};
pub use unit::{market_economics, Inputs, MarketEconomics, Step, UnitEconomics};
