//! The market each cell of a test-market file names, remembered: a file names a few hundred
//! markets a million times, and matching normalises the name.

use super::numbers::{text, trim};
use crate::fnv_map::FnvMap;
use crate::market_match::MarketMatcher;
use crate::MarketIndex;

/// The dataset's markets, and the market each cell seen so far names: a file names a few
/// hundred markets a million times, and matching normalises the name.
pub(super) struct MarketCells {
    pub(super) matcher: MarketMatcher,
    pub(super) count: usize,
    pub(super) known: FnvMap<Box<[u8]>, Option<MarketIndex>>,
}

impl MarketCells {
    /// Cells remembered at most (a file of made-up names should not fill memory).
    const KNOWN: usize = 1 << 16;

    pub(super) fn find(&mut self, cell: &[u8]) -> Option<MarketIndex> {
        if let Some(&market) = self.known.get(cell) {
            return market;
        }
        let market = self.matcher.find(text(trim(cell)));
        if self.known.len() < Self::KNOWN {
            self.known.insert(cell.into(), market);
        }
        market
    }
}
