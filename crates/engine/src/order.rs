//! Orders for values that may be missing. Every sort the user picks (a table's column, the
//! economics table) compares through here, so that a missing value or a NaN can never make a
//! comparison inconsistent (which `sort_by` may answer with a panic) and always lands in the
//! same place: last, whichever direction the user sorts in. The engine's fixed orders over
//! values that are never missing use `f64::total_cmp`, which is total too.

use std::cmp::Ordering;

/// A number that may be missing; NaN counts as missing (a division by zero in a user's file
/// is no more a value than an empty cell).
fn present(value: Option<f64>) -> Option<f64> {
    value.filter(|v| !v.is_nan())
}

/// Compares two possibly missing numbers: present values in the direction asked, missing ones
/// (None or NaN) after every present one in both directions, equal among themselves.
/// A total order, so any `sort_by` using it is well defined.
pub fn missing_last(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (present(a), present(b)) {
        (Some(x), Some(y)) => {
            let ascending = x.total_cmp(&y);
            if descending {
                ascending.reverse()
            } else {
                ascending
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// `missing_last` for values that are never absent but may be NaN.
pub fn nan_last(a: f64, b: f64, descending: bool) -> Ordering {
    missing_last(Some(a), Some(b), descending)
}

/// Text compared the way a reader expects in a list of names: case folded first, then exact,
/// so "côte" and "Côte" sit together and the order is still total.
pub fn by_name(a: &str, b: &str) -> Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            Just(Some(f64::NAN)),
            Just(Some(-f64::NAN)),
            Just(Some(f64::INFINITY)),
            Just(Some(f64::NEG_INFINITY)),
            Just(Some(0.0)),
            Just(Some(-0.0)),
            (-1e6f64..1e6).prop_map(Some),
        ]
    }

    #[test]
    fn missing_and_nan_go_last_in_both_directions() {
        let values = [Some(2.0), None, Some(f64::NAN), Some(-1.0), Some(5.0)];
        for descending in [false, true] {
            let mut sorted = values.to_vec();
            sorted.sort_by(|a, b| missing_last(*a, *b, descending));
            let shown: Vec<Option<f64>> = sorted.iter().map(|v| present(*v)).collect();
            let expected = if descending {
                [Some(5.0), Some(2.0), Some(-1.0), None, None]
            } else {
                [Some(-1.0), Some(2.0), Some(5.0), None, None]
            };
            assert_eq!(shown, expected, "descending {descending}");
        }
    }

    #[test]
    fn names_fold_case_but_stay_total() {
        let mut names = vec!["b", "Åland", "a", "B", "A"];
        names.sort_by(|a, b| by_name(a, b));
        assert_eq!(names, ["A", "a", "B", "b", "Åland"]);
    }

    proptest! {
        // A total order: antisymmetric and transitive, so sort_by can never panic on it.
        #[test]
        fn missing_last_is_a_total_order(
            a in value(), b in value(), c in value(), descending in any::<bool>()
        ) {
            let cmp = |x: Option<f64>, y: Option<f64>| missing_last(x, y, descending);
            prop_assert_eq!(cmp(a, b), cmp(b, a).reverse());
            prop_assert_eq!(cmp(a, a), Ordering::Equal);
            if cmp(a, b) != Ordering::Greater && cmp(b, c) != Ordering::Greater {
                prop_assert_ne!(cmp(a, c), Ordering::Greater);
            }
        }

        #[test]
        fn sorted_lists_put_every_missing_value_after_every_present_one(
            values in proptest::collection::vec(value(), 0..60), descending in any::<bool>()
        ) {
            let mut sorted = values.clone();
            sorted.sort_by(|a, b| missing_last(*a, *b, descending));
            let first_missing = sorted.iter().position(|v| present(*v).is_none()).unwrap_or(sorted.len());
            prop_assert!(sorted[first_missing..].iter().all(|v| present(*v).is_none()));
            let shown: Vec<f64> = sorted[..first_missing].iter().filter_map(|v| present(*v)).collect();
            for pair in shown.windows(2) {
                let in_order = if descending { pair[0] >= pair[1] } else { pair[0] <= pair[1] };
                prop_assert!(in_order, "{:?} out of order", pair);
            }
        }

        #[test]
        fn name_order_is_total(a in ".{0,6}", b in ".{0,6}") {
            prop_assert_eq!(by_name(&a, &b), by_name(&b, &a).reverse());
            prop_assert_eq!(by_name(&a, &b) == Ordering::Equal, a == b);
        }
    }
}
