//! The opportunity matrix's decisions: where its guides (the medians) fall, and which markets
//! are ready and profitable, the largest first.

use crate::order::nan_last;
use crate::stats::median;

/// One candidate on the matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Opportunity {
    pub readiness: f64,
    pub contribution_pct: f64,
    pub annual_units: f64,
}

/// The medians of readiness and contribution margin, which split the matrix into quadrants.
/// With no candidate, the middle of the usual axes (50 points, 15 %), so an empty chart still
/// draws its guides where a reader expects them.
pub fn guides(points: &[Opportunity]) -> (f64, f64) {
    (
        median(points.iter().map(|p| p.readiness)).unwrap_or(50.0),
        median(points.iter().map(|p| p.contribution_pct)).unwrap_or(15.0),
    )
}

/// Positions of the candidates at or above both guides, the most units a year first (ties in
/// the order given).
pub fn ready_and_profitable(points: &[Opportunity], (readiness, margin): (f64, f64)) -> Vec<usize> {
    let mut best: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].readiness >= readiness && points[i].contribution_pct >= margin)
        .collect();
    best.sort_by(|&a, &b| {
        nan_last(points[a].annual_units, points[b].annual_units, true).then(a.cmp(&b))
    });
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn point(readiness: f64, contribution_pct: f64, annual_units: f64) -> Opportunity {
        Opportunity {
            readiness,
            contribution_pct,
            annual_units,
        }
    }

    #[test]
    fn the_quadrant_above_both_medians_largest_first() {
        let points = [
            point(80.0, 20.0, 1_000.0),
            point(40.0, 30.0, 9_000.0),
            point(70.0, 25.0, 5_000.0),
            point(60.0, 5.0, 7_000.0),
            point(90.0, 18.0, f64::NAN),
        ];
        let guides = guides(&points);
        assert_eq!(guides, (70.0, 20.0));
        assert_eq!(ready_and_profitable(&points, guides), vec![2, 0]);
        assert_eq!(super::guides(&[]), (50.0, 15.0));
    }

    proptest! {
        #[test]
        fn every_market_above_both_guides_is_listed_once_by_falling_volume(
            raw in prop::collection::vec((0.0f64..100.0, -20.0f64..60.0, prop_oneof![Just(f64::NAN), 0.0f64..1e6]), 0..40)
        ) {
            let points: Vec<Opportunity> = raw.iter().map(|&(r, m, u)| point(r, m, u)).collect();
            let g = guides(&points);
            let best = ready_and_profitable(&points, g);
            let above = points.iter().filter(|p| p.readiness >= g.0 && p.contribution_pct >= g.1).count();
            prop_assert_eq!(best.len(), above);
            for pair in best.windows(2) {
                let (a, b) = (points[pair[0]].annual_units, points[pair[1]].annual_units);
                prop_assert!(b.is_nan() || a >= b);
            }
        }
    }
}
