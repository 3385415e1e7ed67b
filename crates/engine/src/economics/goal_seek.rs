//! Goal seek: the price or bill of materials that gives a target margin, and the margin along
//! a range of prices.

use std::ops::Range;

use super::{Assumptions, Inputs};

/// The target contribution margins goal seek takes, %: at 100% nothing is left for costs.
pub const TARGET_MARGIN_PCT: Range<f64> = 0.0..100.0;

/// Text typed as a target margin, when it is a number in [`TARGET_MARGIN_PCT`].
pub fn target_margin(text: &str) -> Option<f64> {
    text.trim()
        .parse()
        .ok()
        .filter(|t| TARGET_MARGIN_PCT.contains(t))
}

impl Inputs {
    /// Contribution % at a retail price of `retail_usd`, all else held.
    pub fn margin_at_price(&self, retail_usd: f64) -> f64 {
        Inputs {
            retail_usd,
            ..self.clone()
        }
        .economics()
        .contribution_pct
    }

    /// The retail price (US$, in the market's convention) giving `target_pct` contribution,
    /// or None when no price does (costs that scale with price eat more than the target).
    pub fn price_for_margin(&self, target_pct: f64) -> Option<f64> {
        solve_increasing(
            |p| self.margin_at_price(p),
            target_pct,
            0.01,
            self.retail_usd.max(1.0) * 100.0,
        )
    }

    /// The highest bill of materials (US$) that still gives `target_pct`, or None.
    pub fn max_bom_for_margin(&self, target_pct: f64) -> Option<f64> {
        let margin = |bom: f64| {
            let mut inputs = self.clone();
            inputs.product.bom_usd = bom;
            inputs.economics().contribution_pct
        };
        // Margin falls as the BOM rises: solve on the negated function.
        solve_increasing(
            |b| -margin(b),
            -target_pct,
            0.0,
            self.retail_usd.max(1.0) * 10.0,
        )
    }
}

impl Assumptions {
    /// The retail price (US$) and contribution % at `points` prices spread from `low` to `high`
    /// times today's price.
    pub fn price_curve(inputs: &Inputs, low: f64, high: f64, points: usize) -> Vec<(f64, f64)> {
        let n = points.max(2);
        (0..n)
            .map(|i| {
                let factor = low + (high - low) * i as f64 / (n - 1) as f64;
                let price = inputs.retail_usd * factor;
                (price, inputs.margin_at_price(price))
            })
            .collect()
    }
}

/// Bisection for an increasing `f`: the x in [lo, hi] with f(x) = target, to 1e-10 of the range.
fn solve_increasing(f: impl Fn(f64) -> f64, target: f64, mut lo: f64, mut hi: f64) -> Option<f64> {
    if f(lo) > target || f(hi) < target {
        return None;
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if f(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-10 * hi.abs().max(1.0) {
            break;
        }
    }
    Some((lo + hi) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_margins_from_0_up_to_100() {
        assert_eq!(target_margin(" 20 "), Some(20.0));
        assert_eq!(target_margin("0"), Some(0.0));
        assert_eq!(target_margin("99.9"), Some(99.9));
        for refused in ["100", "-1", "NaN", "inf", "", "20%", "twenty"] {
            assert_eq!(target_margin(refused), None, "{refused}");
        }
    }
}
