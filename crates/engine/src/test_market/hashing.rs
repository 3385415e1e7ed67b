//! A cheap hash for the lookups every row (and every scored leaf) makes, and the market each
//! cell names.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::numbers::{text, trim};
use crate::market_match::MarketMatcher;
use crate::MarketIndex;

/// FNV-1a: the keys are a few bytes (a market's cell) or a number, and a cheap hash is what
/// counts when every row looks one up.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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
