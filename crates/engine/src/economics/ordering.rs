//! The order of the markets in the economics table: best first by the column chosen, and the
//! markets without a figure (never breaking even, never paying back) last.

use super::UnitEconomics;
use crate::order::missing_last;

/// The column the markets are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EconomicsSort {
    /// Highest contribution margin first.
    #[default]
    Margin,
    /// Fewest units to break even first.
    BreakEven,
    /// Soonest payback first.
    Payback,
}

impl EconomicsSort {
    /// Whether best first means the highest value first.
    pub fn descending(self) -> bool {
        self == EconomicsSort::Margin
    }

    /// The figure sorted by; None where a market has none.
    pub fn key(self, e: &UnitEconomics) -> Option<f64> {
        match self {
            EconomicsSort::Margin => Some(e.contribution_pct),
            EconomicsSort::BreakEven => e.break_even_units,
            EconomicsSort::Payback => e.payback_months,
        }
    }

    /// Sorts `rows` best first by this column (stable: ties keep their order), markets
    /// without the figure last.
    pub fn sort<T>(self, rows: &mut [T], economics: impl Fn(&T) -> &UnitEconomics) {
        let descending = self.descending();
        rows.sort_by(|a, b| {
            missing_last(self.key(economics(a)), self.key(economics(b)), descending)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    fn figure() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            Just(Some(f64::NAN)),
            Just(Some(f64::INFINITY)),
            (-50i32..50).prop_map(|v| Some(f64::from(v))),
            any::<f64>().prop_map(Some),
        ]
    }

    #[test]
    fn missing_figures_go_last_either_way() {
        let mut up = [None, Some(3.0), Some(f64::NAN), Some(1.0)];
        up.sort_by(|a, b| missing_last(*a, *b, false));
        assert_eq!(up[..2], [Some(1.0), Some(3.0)]);
        assert!(up[2..].iter().all(|v| v.is_none_or(f64::is_nan)));
        let mut down = vec![None, Some(1.0), Some(3.0)];
        down.sort_by(|a, b| missing_last(*a, *b, true));
        assert_eq!(down, vec![Some(3.0), Some(1.0), None]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        #[test]
        fn present_first_in_order_then_missing_in_their_order(
            values in prop::collection::vec(figure(), 0..20),
            descending: bool,
        ) {
            let mut rows: Vec<(usize, Option<f64>)> = values.iter().copied().enumerate().collect();
            rows.sort_by(|a, b| missing_last(a.1, b.1, descending));
            let is_present = |v: Option<f64>| v.is_some_and(|v| !v.is_nan());
            let split = rows.iter().take_while(|r| is_present(r.1)).count();
            prop_assert!(rows[split..].iter().all(|r| !is_present(r.1)));
            prop_assert_eq!(split, values.iter().filter(|v| is_present(**v)).count());
            for pair in rows[..split].windows(2) {
                let (a, b) = (pair[0].1.unwrap_or_default(), pair[1].1.unwrap_or_default());
                let ordered = if descending { b.total_cmp(&a) } else { a.total_cmp(&b) };
                prop_assert!(ordered != Ordering::Greater);
                if ordered == Ordering::Equal {
                    prop_assert!(pair[0].0 < pair[1].0, "ties keep their order");
                }
            }
            prop_assert!(rows[split..].windows(2).all(|p| p[0].0 < p[1].0), "missing keep their order");
        }

        /// Ascending, with figures finite or missing, it is the order the table had before
        /// (`unwrap_or(INFINITY)` and `total_cmp`).
        #[test]
        fn ascending_present_figures_keep_the_old_order(
            values in prop::collection::vec(prop::option::of((-50i32..50).prop_map(f64::from)), 0..20),
        ) {
            let mut new: Vec<(usize, Option<f64>)> = values.iter().copied().enumerate().collect();
            let mut old = new.clone();
            new.sort_by(|a, b| missing_last(a.1, b.1, false));
            old.sort_by(|a, b| a.1.unwrap_or(f64::INFINITY).total_cmp(&b.1.unwrap_or(f64::INFINITY)));
            prop_assert_eq!(new, old);
        }
    }
}
