//! Payback: cumulative contribution month by month against the fixed cost of entering, as
//! the Margins view charts, tabulates and words it.

use super::UnitEconomics;

/// Months from launch the payback chart and its table cover.
pub const PAYBACK_CHART_MONTHS: u32 = 36;

/// Beyond ten years a payback is not a plan: the views say "over 120" rather than print
/// 5,201.5 months.
pub const PAYBACK_HORIZON_MONTHS: f64 = 120.0;

/// Contribution a month: per unit, times the units of a year, over twelve.
pub fn monthly_contribution(contribution_usd: f64, annual_units: f64) -> f64 {
    contribution_usd * annual_units / 12.0
}

/// What the payback chart draws: a line rising by the monthly contribution, against the
/// fixed cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payback {
    pub monthly_contribution_usd: f64,
    pub fixed_usd: f64,
}

impl Payback {
    pub fn of(e: &UnitEconomics) -> Self {
        Self {
            monthly_contribution_usd: monthly_contribution(e.contribution_usd, e.annual_units),
            fixed_usd: e.fixed_usd,
        }
    }

    /// Cumulative contribution `month` months after launch.
    pub fn cumulative_usd(&self, month: u32) -> f64 {
        self.monthly_contribution_usd * f64::from(month)
    }

    /// (month, cumulative contribution) for each month from launch (0) to `months`.
    pub fn series(&self, months: u32) -> Vec<(u32, f64)> {
        (0..=months).map(|m| (m, self.cumulative_usd(m))).collect()
    }
}

/// A payback as the views word it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PaybackReading {
    /// Each unit loses money, or no units are forecast.
    Never,
    Within(f64),
    /// Later than [`PAYBACK_HORIZON_MONTHS`].
    BeyondHorizon,
}

impl PaybackReading {
    /// `payback_months` as [`UnitEconomics`] gives it.
    pub fn of(payback_months: Option<f64>) -> Self {
        match payback_months {
            None => PaybackReading::Never,
            Some(m) if m > PAYBACK_HORIZON_MONTHS => PaybackReading::BeyondHorizon,
            Some(m) => PaybackReading::Within(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn readings_at_the_horizon() {
        assert_eq!(PaybackReading::of(None), PaybackReading::Never);
        assert_eq!(PaybackReading::of(Some(7.5)), PaybackReading::Within(7.5));
        assert_eq!(
            PaybackReading::of(Some(PAYBACK_HORIZON_MONTHS)),
            PaybackReading::Within(PAYBACK_HORIZON_MONTHS)
        );
        assert_eq!(
            PaybackReading::of(Some(PAYBACK_HORIZON_MONTHS + 0.01)),
            PaybackReading::BeyondHorizon
        );
    }

    #[test]
    fn the_series_runs_from_launch_to_the_last_month() {
        let p = Payback {
            monthly_contribution_usd: 2_500.0,
            fixed_usd: 40_000.0,
        };
        let series = p.series(PAYBACK_CHART_MONTHS);
        assert_eq!(series.len(), 37);
        assert_eq!(series[0], (0, 0.0));
        assert_eq!(series[16], (16, 40_000.0));
        assert_eq!(series[36], (36, 90_000.0));
    }

    proptest! {
        /// The line crosses the fixed cost at the payback `UnitEconomics` gives.
        #[test]
        fn the_line_crosses_the_fixed_cost_at_the_payback(
            contribution in 1.0f64..500.0,
            units in 12.0f64..1e6,
            fixed in 0.0f64..1e6,
        ) {
            let monthly = monthly_contribution(contribution, units);
            let p = Payback { monthly_contribution_usd: monthly, fixed_usd: fixed };
            let months = fixed / monthly;
            let before = months.floor() as u32;
            prop_assert!(p.cumulative_usd(before) <= fixed * (1.0 + 1e-12));
            prop_assert!(p.cumulative_usd(before + 1) >= fixed * (1.0 - 1e-12));
        }
    }
}
