//! Test-market tracking data (docs/test-market-format.md): weekly sell-through, inventory,
//! demand signals and service KPIs; flash sales; monthly competitor shares. Read from three
//! CSV files, matched to the dataset's markets and validated like every other input.
//!
//! The files are read once, row by row, by an [`Ingest`], which can stop after any number of
//! rows and go on later: a browser reads a 100 MB file a slice at a time between frames,
//! showing how far it has got. Every check is the one [`crate::table::read_table`] makes, at
//! the same rows, with the same messages.
//!
//! One file per concept: `schema` (columns, ranges, file kinds), `dates`, `numbers` (cells
//! read as numbers), `market_cells` (the market each cell names), `records` (what a load gives), `part` (one kind's rows
//! checked), `ingest` (reading a slice at a time) and `loading`. Each public item is
//! re-exported here, so callers keep writing `test_market::Ingest` and the like.

mod dates;
mod ingest;
mod loading;
mod market_cells;
mod numbers;
mod part;
mod records;
mod schema;

pub use dates::Date;
pub use ingest::Ingest;
pub use loading::{load, load_files};
pub use records::{Record, TestMarkets};
pub use schema::{FileKind, MAX_VALUES, VENDORS, WEEKLY_COLUMNS};
