//! What the files hold once read: a record per row, kept in place, and the three lists.

use crate::MarketIndex;
use std::fmt;

use super::schema::MAX_VALUES;
use super::Date;

/// One row: the market (index into the dataset), its date, and its values in the order of the
/// file kind's columns. Held in place, without a heap allocation: a million rows are a million
/// records.
#[derive(Clone, Copy)]
pub struct Record {
    /// The row in its file, for messages.
    pub line: usize,
    pub market: MarketIndex,
    pub date: Date,
    /// The first `len` are the kind's columns; NaN where the cell was empty or wrong (no valid
    /// value is NaN: non-finite numbers are refused).
    pub(super) values: [f64; MAX_VALUES],
    pub(super) len: u8,
}

impl Record {
    /// The value of the kind's `i`th column; None when its cell was empty or wrong, or the
    /// kind has fewer columns.
    pub fn value(&self, i: usize) -> Option<f64> {
        self.values[..usize::from(self.len)]
            .get(i)
            .copied()
            .filter(|v| !v.is_nan())
    }

    /// Every column's value, in the kind's column order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        self.values[..usize::from(self.len)]
            .iter()
            .map(|&v| (!v.is_nan()).then_some(v))
    }
}

impl PartialEq for Record {
    /// Values compare bit for bit, so an empty cell (NaN) equals an empty cell.
    fn eq(&self, other: &Self) -> bool {
        let len = usize::from(self.len);
        (self.line, self.market, self.date, self.len)
            == (other.line, other.market, other.date, other.len)
            && self.values[..len]
                .iter()
                .zip(&other.values[..len])
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("line", &self.line)
            .field("market", &self.market)
            .field("date", &self.date)
            .field("values", &self.values().collect::<Vec<_>>())
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TestMarkets {
    pub weekly: Vec<Record>,
    pub flash_sales: Vec<Record>,
    pub competitor_shares: Vec<Record>,
}

impl TestMarkets {
    /// Markets with weekly data, in the order they first appear.
    pub fn markets(&self) -> Vec<MarketIndex> {
        let mut seen: Vec<bool> = Vec::new();
        let mut out = Vec::new();
        for r in &self.weekly {
            let MarketIndex(i) = r.market;
            if i >= seen.len() {
                seen.resize(i + 1, false);
            }
            if !seen[i] {
                seen[i] = true;
                out.push(r.market);
            }
        }
        out
    }
}
