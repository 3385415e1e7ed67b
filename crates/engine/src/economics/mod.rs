//! Unit economics per market: the price waterfall from shelf price to contribution per unit,
//! break-even volume, payback, goal seek and a tornado. Formulas in `docs/economics.md`.
//!
//! One file per concept: `types` (the assumptions file's model), `fields` (each editable
//! assumption's metadata and valid range, read by validation and the Margins form alike),
//! `overrides` (per-market overrides), `validation`, `unit` (unit economics), `payback`,
//! `goal_seek`, `tornado` and `ordering` (the economics table's sort). Each item is
//! re-exported here, so callers keep writing `economics::Inputs` and the like.

mod fields;
mod goal_seek;
mod ordering;
mod overrides;
mod payback;
mod tornado;
mod types;
mod unit;
mod validation;

pub use fields::{AssumptionField, Editing, FieldError, FieldMeta, OutOfRange, Range, Scope, Unit};
pub use goal_seek::{target_margin, PriceCurve, TARGET_MARGIN_PCT};
pub use ordering::EconomicsSort;
pub use payback::{
    monthly_contribution, Payback, PaybackReading, PAYBACK_CHART_MONTHS, PAYBACK_HORIZON_MONTHS,
};

pub use tornado::{margin_tornado, MarginSwing};
pub use types::{
    Assumptions, Channel, FixedCosts, Fx, MarketAssumptions, Price, Product, Volume,
    ASSUMPTIONS_FORMAT, ASSUMPTIONS_VERSION,
};
pub use unit::{market_economics, Inputs, MarketEconomics, Step, UnitEconomics};
