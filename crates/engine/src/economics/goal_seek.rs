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

/// Contribution margin against retail price in the market's currency, as the Margins view
/// charts it: the curve, and where today's price sits on it.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceCurve {
    /// (price in the market's currency, contribution %).
    pub points: Vec<(f64, f64)>,
    pub today: (f64, f64),
}

impl PriceCurve {
    /// `price` as a percentage of today's; None when today's price is not above 0.
    pub fn pct_of_today(&self, price: f64) -> Option<f64> {
        (self.today.0 > 0.0).then(|| price / self.today.0 * 100.0)
    }
}

impl Inputs {
    /// [`Assumptions::price_curve`] in the market's currency (`usd_per_unit` US$ to its unit),
    /// with today's price and margin.
    pub fn local_price_curve(
        &self,
        usd_per_unit: f64,
        low: f64,
        high: f64,
        points: usize,
    ) -> PriceCurve {
        PriceCurve {
            points: Assumptions::price_curve(self, low, high, points)
                .into_iter()
                .map(|(usd, pct)| (usd / usd_per_unit, pct))
                .collect(),
            today: (
                self.retail_usd / usd_per_unit,
                self.economics().contribution_pct,
            ),
        }
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
    fn the_local_curve_passes_through_today() {
        let text = include_str!("../../../../public/data/economics/assumptions.json");
        let a =
            Assumptions::from_json("assumptions.json", text).unwrap_or_else(|e| panic!("{e:?}"));
        let m = a.for_market("HKG").unwrap_or_else(|e| panic!("{e}"));
        for sku in 0..a.products.len() {
            let product = a.products[sku].clone();
            let price = m
                .sku_prices
                .get(&product.name)
                .cloned()
                .unwrap_or(super::super::Price {
                    amount: m.retail_price.amount * product.price_ratio,
                    currency: m.retail_price.currency.clone(),
                });
            let usd_per_unit = a.usd_per_unit(&price.currency);
            let inputs = Inputs {
                product,
                retail_usd: a.to_usd(&price).unwrap_or_default(),
                vat_pct: m.vat_pct.unwrap_or(0.0),
                duty_pct: m.duty_pct.unwrap_or(0.0),
                population: None,
                market: m.clone(),
            };
            let curve = inputs.local_price_curve(usd_per_unit, 0.6, 1.4, 41);
            assert_eq!(curve.points.len(), 41);
            let (price_today, margin_today) = curve.points[20];
            assert!(
                (price_today - price.amount).abs() < 1e-6,
                "{price_today} {}",
                price.amount
            );
            assert!((curve.today.0 - price.amount).abs() < 1e-6);
            assert!((margin_today - curve.today.1).abs() < 1e-9);
            assert!(curve
                .pct_of_today(curve.points[0].0)
                .is_some_and(|p| (p - 60.0).abs() < 1e-9));
            assert!(curve
                .points
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
        }
        let flat = PriceCurve {
            points: Vec::new(),
            today: (0.0, 0.0),
        };
        assert_eq!(flat.pct_of_today(10.0), None);
    }

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
