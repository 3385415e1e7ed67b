//! Order statistics over `f64` values: the median, percentiles and percentile ranks. The
//! readiness index (winsorising and rank normalisation), the demand signals and the app's
//! medians all read them here, so they agree on ties, interpolation and missing values.
//!
//! Missing values: NaN is no value. Every function leaves NaNs out, as it leaves out `None`:
//! a NaN never becomes a median, never moves a percentile and never shifts another value's
//! rank, and its own rank is `None`. Infinities are values and order as numbers do. Values
//! are ordered by [`f64::total_cmp`] (so −0 sorts before +0, though the two tie in ranks).

/// The values without NaN, in ascending order: what [`percentile_of_sorted`] and
/// [`median_of_sorted`] expect.
pub fn sorted(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut out: Vec<f64> = values.into_iter().filter(|v| !v.is_nan()).collect();
    out.sort_by(f64::total_cmp);
    out
}

/// The middle value, or the mean of the two middle ones for an even count; None when there
/// are no values (NaNs left out).
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    median_of_sorted(&sorted(values))
}

/// [`median`] of values already sorted ascending, without NaN (as [`sorted`] gives them).
pub fn median_of_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The `pct` percentile (0-100; clamped to it) of the values, interpolated linearly between
/// the two nearest; None when there are no values (NaNs left out) or `pct` is NaN.
pub fn percentile(values: impl IntoIterator<Item = f64>, pct: f64) -> Option<f64> {
    percentile_of_sorted(&sorted(values), pct)
}

/// [`percentile`] of values already sorted ascending, without NaN (as [`sorted`] gives them).
pub fn percentile_of_sorted(sorted: &[f64], pct: f64) -> Option<f64> {
    if pct.is_nan() {
        return None;
    }
    let last = sorted.len().checked_sub(1)?;
    let position = (pct / 100.0).clamp(0.0, 1.0) * last as f64;
    let (lo, hi) = (position.floor() as usize, position.ceil() as usize);
    let t = position - lo as f64;
    Some(sorted[lo] + t * (sorted[hi] - sorted[lo]))
}

/// Each value's place among the values present, from 0 (the lowest) to 1 (the highest);
/// tied values share the mean of the places they take, and with fewer than two values
/// present every one is at 0.5. None where the value is None or NaN.
pub fn rank_fractions(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let present = sorted(values.iter().flatten().copied());
    let n = present.len();
    values
        .iter()
        .map(|v| {
            let v = v.filter(|v| !v.is_nan())?;
            if n < 2 {
                return Some(0.5);
            }
            let below = present.partition_point(|x| *x < v);
            let up_to = present.partition_point(|x| *x <= v);
            let mean_place = (below + up_to - 1) as f64 / 2.0;
            Some(mean_place / (n - 1) as f64)
        })
        .collect()
}

/// [`rank_fractions`] on the 0-100 scale: 0 for the lowest value, 100 for the highest.
pub fn percentile_ranks(values: &[Option<f64>]) -> Vec<Option<f64>> {
    rank_fractions(values)
        .into_iter()
        .map(|r| r.map(|r| r * 100.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The copies this module replaced, verbatim but for their names: the oracles for
    /// "bit for bit the same" on values without NaN.
    mod before {
        /// `market_detail::median` in the app.
        pub fn median(mut values: Vec<f64>) -> Option<f64> {
            values.sort_by(f64::total_cmp);
            let n = values.len();
            match n {
                0 => None,
                _ if n % 2 == 1 => Some(values[n / 2]),
                _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
            }
        }

        /// `readiness::percentile`.
        pub fn percentile(sorted: &[f64], pct: f64) -> Option<f64> {
            let last = sorted.len().checked_sub(1)?;
            let position = (pct / 100.0).clamp(0.0, 1.0) * last as f64;
            let (lo, hi) = (position.floor() as usize, position.ceil() as usize);
            let t = position - lo as f64;
            Some(sorted[lo] + t * (sorted[hi] - sorted[lo]))
        }

        /// `demand_signals::percentiles`.
        pub fn percentiles(values: &[Option<f64>]) -> Vec<Option<f64>> {
            let mut present: Vec<f64> = values.iter().flatten().copied().collect();
            present.sort_by(f64::total_cmp);
            let n = present.len();
            values
                .iter()
                .map(|v| {
                    let v = (*v)?;
                    if n < 2 {
                        return Some(50.0);
                    }
                    let below = present.partition_point(|x| *x < v);
                    let not_above = present.partition_point(|x| *x <= v);
                    let mid = (below + not_above - 1) as f64 / 2.0;
                    Some(mid / (n - 1) as f64 * 100.0)
                })
                .collect()
        }

        /// The rank normalisation in `readiness::normalise_leaf`.
        pub fn rank(values: &[Option<f64>]) -> Vec<Option<f64>> {
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            let mut sorted = present.clone();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            values
                .iter()
                .map(|v| {
                    v.map(|v| {
                        if n < 2 {
                            return 0.5;
                        }
                        let below = sorted.partition_point(|x| *x < v);
                        let up_to = sorted.partition_point(|x| *x <= v);
                        let mean_position = (below + up_to - 1) as f64 / 2.0;
                        mean_position / (n - 1) as f64
                    })
                })
                .collect()
        }
    }

    fn bits(v: Option<f64>) -> Option<u64> {
        v.map(f64::to_bits)
    }

    fn all_bits(v: &[Option<f64>]) -> Vec<Option<u64>> {
        v.iter().copied().map(bits).collect()
    }

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median([4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(Vec::new()), None);
        assert_eq!(median([f64::NAN, 5.0, f64::NAN]), Some(5.0));
        assert_eq!(median([f64::NAN]), None);
    }

    #[test]
    fn percentile_interpolates_and_clamps() {
        let v = [10.0, 20.0, 30.0, 40.0, 50.0];
        assert_eq!(percentile(v, 0.0), Some(10.0));
        assert_eq!(percentile(v, 100.0), Some(50.0));
        assert_eq!(percentile(v, 50.0), Some(30.0));
        assert_eq!(percentile(v, 12.5), Some(15.0));
        assert_eq!(percentile(v, -5.0), Some(10.0));
        assert_eq!(percentile(v, 500.0), Some(50.0));
        assert_eq!(percentile(v, f64::NAN), None);
        assert_eq!(percentile([7.0], 30.0), Some(7.0));
        assert_eq!(percentile([], 30.0), None);
        assert_eq!(percentile([f64::NAN, 1.0, 3.0], 50.0), Some(2.0));
    }

    #[test]
    fn ranks_average_ties_and_skip_missing() {
        let ranks = percentile_ranks(&[Some(3.0), None, Some(1.0), Some(3.0), Some(f64::NAN)]);
        // Present: 1, 3, 3 at places 0, 1, 2; the threes share 1.5 of 2.
        assert_eq!(ranks, vec![Some(75.0), None, Some(0.0), Some(75.0), None]);
        assert_eq!(percentile_ranks(&[Some(4.0), None]), vec![Some(50.0), None]);
        assert_eq!(rank_fractions(&[Some(4.0)]), vec![Some(0.5)]);
        assert_eq!(rank_fractions(&[]), Vec::<Option<f64>>::new());
    }

    /// Any f64 but NaN, infinities and both zeros included, often repeated.
    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-5i32..5).prop_map(f64::from),
            any::<f64>().prop_filter("no NaN", |v| !v.is_nan()),
            Just(-0.0),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn median_is_the_apps_median(values in prop::collection::vec(number(), 0..12)) {
            prop_assert_eq!(bits(median(values.clone())), bits(before::median(values)));
        }

        #[test]
        fn percentile_is_readinesss_percentile(
            values in prop::collection::vec(number(), 0..12),
            pct in -10.0f64..110.0,
        ) {
            let mut sorted_before = values.clone();
            sorted_before.sort_by(f64::total_cmp);
            prop_assert_eq!(
                bits(percentile(values, pct)),
                bits(before::percentile(&sorted_before, pct))
            );
        }

        #[test]
        fn ranks_are_demand_signals_and_readinesss(
            values in prop::collection::vec(prop::option::of(number()), 0..12),
        ) {
            prop_assert_eq!(all_bits(&percentile_ranks(&values)), all_bits(&before::percentiles(&values)));
            prop_assert_eq!(all_bits(&rank_fractions(&values)), all_bits(&before::rank(&values)));
        }

        #[test]
        fn nans_change_nothing_but_their_own_rank(
            values in prop::collection::vec(prop::option::of(number()), 0..12),
            at in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
            pct in 0.0f64..=100.0,
        ) {
            let mut with_nan = values.clone();
            for i in &at {
                with_nan.insert(i.index(with_nan.len() + 1), Some(f64::NAN));
            }
            let plain = |v: &[Option<f64>]| v.iter().flatten().copied().collect::<Vec<f64>>();
            prop_assert_eq!(bits(median(plain(&with_nan))), bits(median(plain(&values))));
            prop_assert_eq!(bits(percentile(plain(&with_nan), pct)), bits(percentile(plain(&values), pct)));
            let ranks: Vec<Option<u64>> = all_bits(&percentile_ranks(&with_nan))
                .into_iter()
                .zip(&with_nan)
                .filter(|(_, v)| !v.is_some_and(f64::is_nan))
                .map(|(r, _)| r)
                .collect();
            prop_assert_eq!(ranks, all_bits(&percentile_ranks(&values)));
            prop_assert!(percentile_ranks(&with_nan)
                .iter()
                .zip(&with_nan)
                .all(|(r, v)| !v.is_some_and(f64::is_nan) || r.is_none()));
        }

        #[test]
        fn order_of_the_values_does_not_matter(
            values in prop::collection::vec(number(), 0..12),
            pct in 0.0f64..=100.0,
        ) {
            let mut reversed = values.clone();
            reversed.reverse();
            prop_assert_eq!(bits(median(values.clone())), bits(median(reversed.clone())));
            prop_assert_eq!(bits(percentile(values, pct)), bits(percentile(reversed, pct)));
        }

        #[test]
        fn finite_results_lie_within_the_values(
            values in prop::collection::vec((-1000i32..1000).prop_map(f64::from), 1..12),
            pct in 0.0f64..=100.0,
        ) {
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for v in [median(values.clone()), percentile(values.clone(), pct)].into_iter().flatten() {
                prop_assert!(lo <= v && v <= hi, "{} outside {}..{}", v, lo, hi);
            }
            let ranks = percentile_ranks(&values.iter().copied().map(Some).collect::<Vec<_>>());
            prop_assert!(ranks.iter().flatten().all(|r| (0.0..=100.0).contains(r)));
        }

        #[test]
        fn percentiles_rise_with_pct(
            values in prop::collection::vec((-1000i32..1000).prop_map(f64::from), 1..12),
            a in 0.0f64..=100.0,
            b in 0.0f64..=100.0,
        ) {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(percentile(values.clone(), a) <= percentile(values, b));
        }
    }
}
