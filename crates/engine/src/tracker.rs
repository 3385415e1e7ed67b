//! One test market's track record, derived from its loaded records: weekly sell-through
//! against plan by channel, inventory cover and stock-outs, demand signals, service and
//! feedback; flash sales; competitor shares; and the KPIs the go/no-go gates read.

use crate::test_market::{Record, TestMarkets, VENDORS};
use crate::MarketIndex;

/// Sales channels, in the weekly file's column order.
pub const CHANNELS: [&str; 4] = ["Own online store", "Platforms", "Carriers", "Retail"];
/// Vendors, in the competitor-share file's column order.
pub const VENDOR_LABELS: [&str; 6] = ["Samsung", "Apple", "HTC", "Lenovo", "Ours", "Others"];
/// The KPIs look at the latest quarter: long enough to smooth a launch spike, short enough to
/// show where the market is heading.
pub const RECENT_WEEKS: usize = 13;
/// Weeks of cover divide stock by the average of this many weeks of sales (the current one
/// and those before it).
pub const COVER_WEEKS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// `YYYY-MM-DD`, the week's first day.
    pub date: String,
    pub plan_units: f64,
    pub units_by_channel: [f64; 4],
    pub units: f64,
    pub cumulative_plan: f64,
    pub cumulative_units: f64,
    pub on_hand: f64,
    pub in_transit: f64,
    /// Stock on hand over the average weekly sales of the last [`COVER_WEEKS`] weeks; None
    /// when nothing sold.
    pub weeks_of_cover: Option<f64>,
    pub stockout_days: f64,
    pub forum_posts: f64,
    pub reseller_listings: f64,
    pub service_tickets: f64,
    pub repair_turnaround_days: f64,
    pub return_rate_pct: f64,
    pub rating: f64,
}

impl Week {
    /// Units sold so far as a percentage of the plan so far; None while nothing was planned.
    pub fn cumulative_pct_of_plan(&self) -> Option<f64> {
        (self.cumulative_plan > 0.0).then(|| self.cumulative_units / self.cumulative_plan * 100.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlashSale {
    pub date: String,
    pub offered: f64,
    pub sold: f64,
    /// None when it did not sell out.
    pub seconds_to_sell_out: Option<f64>,
    pub registrations: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShareMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Percent of smartphone sales, in [`VENDOR_LABELS`] order.
    pub shares_pct: [f64; 6],
}

/// Index of "ours" in [`VENDOR_LABELS`].
pub const OURS: usize = 4;

/// What the gates and the memo read from a test market: the latest quarter unless named.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpis {
    /// The last week in the data.
    pub latest_week: String,
    /// Weeks in the recent window (fewer than [`RECENT_WEEKS`] early in a test).
    pub recent_weeks: usize,
    /// Units sold over units planned in the recent window, in percent.
    pub sell_through_pct: f64,
    pub units_recent: f64,
    pub units_total: f64,
    pub stockout_days_recent: f64,
    /// Return rate weighted by units sold, in percent.
    pub return_rate_pct: f64,
    /// Repair turnaround weighted by service tickets, in days.
    pub repair_turnaround_days: f64,
    /// Mean user rating out of 5.
    pub rating: f64,
    /// Our share in the latest month, and its change over the twelve months before it.
    pub our_share_pct: Option<f64>,
    pub our_share_change_pp: Option<f64>,
    /// Units sold over units offered across all flash sales, in percent.
    pub flash_sellout_pct: Option<f64>,
    pub flash_median_seconds: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub market: MarketIndex,
    pub weeks: Vec<Week>,
    pub flash_sales: Vec<FlashSale>,
    pub shares: Vec<ShareMonth>,
}

/// One market's records of each kind, in date order.
#[derive(Debug, Clone, Default)]
pub struct MarketRecords<'a> {
    pub market: MarketIndex,
    weekly: Vec<&'a Record>,
    flash_sales: Vec<&'a Record>,
    shares: Vec<&'a Record>,
}

/// Every market with weekly data, in the order the data lists them, with its records: one pass
/// over each file, where looking each market's records up would read a million-row file once
/// per market.
pub fn by_market(data: &TestMarkets) -> Vec<MarketRecords<'_>> {
    let mut grouping = Grouping::new(data);
    while !grouping.step(usize::MAX) {}
    grouping.finish()
}

/// [`by_market`] a slice at a time, so a user interface can group a million rows between its
/// turns; the result does not depend on the slices.
pub struct Grouping<'a> {
    data: &'a TestMarkets,
    /// Position in the output by market index; usize::MAX for a market without weekly data
    /// (so far).
    slot: Vec<usize>,
    out: Vec<MarketRecords<'a>>,
    /// Whether each market's weekly records came in date order, so far.
    in_order: Vec<bool>,
    /// Weekly records grouped so far.
    next: usize,
}

impl<'a> Grouping<'a> {
    pub fn new(data: &'a TestMarkets) -> Self {
        Self {
            data,
            slot: Vec::new(),
            out: Vec::new(),
            in_order: Vec::new(),
            next: 0,
        }
    }

    /// Groups up to `records` more weekly records; true when all are grouped. Markets are
    /// found as they come, and whether their rows are in date order is noted on the way: a
    /// pass over every record before or after the slices was a long task of its own.
    pub fn step(&mut self, records: usize) -> bool {
        let end = self
            .next
            .saturating_add(records)
            .min(self.data.weekly.len());
        for record in &self.data.weekly[self.next..end] {
            let MarketIndex(market) = record.market;
            if market >= self.slot.len() {
                self.slot.resize(market + 1, usize::MAX);
            }
            let mut i = self.slot[market];
            if i == usize::MAX {
                i = self.out.len();
                self.slot[market] = i;
                self.out.push(MarketRecords {
                    market: record.market,
                    ..MarketRecords::default()
                });
                self.in_order.push(true);
            }
            let weekly = &mut self.out[i].weekly;
            if weekly.last().is_some_and(|last| last.date > record.date) {
                self.in_order[i] = false;
            }
            weekly.push(record);
        }
        self.next = end;
        self.next == self.data.weekly.len()
    }

    /// The markets with their records in date order (any weekly records left are grouped
    /// first); flash sales and share months, a record a month or a sale, are few.
    pub fn finish(mut self) -> Vec<MarketRecords<'a>> {
        while !self.step(usize::MAX) {}
        let slot = &self.slot;
        let at = |market: MarketIndex| slot.get(market.0).copied().filter(|&i| i != usize::MAX);
        for record in &self.data.flash_sales {
            if let Some(i) = at(record.market) {
                self.out[i].flash_sales.push(record);
            }
        }
        for record in &self.data.competitor_shares {
            if let Some(i) = at(record.market) {
                self.out[i].shares.push(record);
            }
        }
        // Files usually list each market's rows in date order already; a stable sort keeps
        // the file's order among rows of the same date.
        for (m, in_order) in self.out.iter_mut().zip(&self.in_order) {
            if !in_order {
                m.weekly.sort_by_key(|r| r.date);
            }
            for records in [&mut m.flash_sales, &mut m.shares] {
                if !records.is_sorted_by_key(|r| r.date) {
                    records.sort_by_key(|r| r.date);
                }
            }
        }
        self.out
    }
}

impl Track {
    /// The market's records, in date order; None when it has no weekly data.
    pub fn new(data: &TestMarkets, market: MarketIndex) -> Option<Self> {
        by_market(data)
            .iter()
            .find(|m| m.market == market)
            .and_then(Self::from_records)
    }

    /// The track of one market's records (from [`by_market`]).
    pub fn from_records(records: &MarketRecords<'_>) -> Option<Self> {
        let market = records.market;
        let weekly = &records.weekly;
        if weekly.is_empty() {
            return None;
        }
        let mut weeks: Vec<Week> = Vec::with_capacity(weekly.len());
        let (mut cumulative_plan, mut cumulative_units) = (0.0, 0.0);
        for record in weekly {
            let v = |i: usize| record.value(i).unwrap_or(0.0);
            let units_by_channel = [v(1), v(2), v(3), v(4)];
            let units: f64 = units_by_channel.iter().sum();
            cumulative_plan += v(0);
            cumulative_units += units;
            let start = (weeks.len() + 1).saturating_sub(COVER_WEEKS);
            let recent_units: f64 = weeks[start..].iter().map(|w| w.units).sum::<f64>() + units;
            let average = recent_units / (weeks.len() + 1 - start) as f64;
            weeks.push(Week {
                date: record.date.to_string(),
                plan_units: v(0),
                units_by_channel,
                units,
                cumulative_plan,
                cumulative_units,
                on_hand: v(5),
                in_transit: v(6),
                weeks_of_cover: (average > 0.0).then(|| v(5) / average),
                stockout_days: v(7),
                forum_posts: v(8),
                reseller_listings: v(9),
                service_tickets: v(10),
                repair_turnaround_days: v(11),
                return_rate_pct: v(12),
                rating: v(13),
            });
        }
        let flash_sales = records
            .flash_sales
            .iter()
            .map(|r| {
                let v = |i: usize| r.value(i);
                FlashSale {
                    date: r.date.to_string(),
                    offered: v(0).unwrap_or(0.0),
                    sold: v(1).unwrap_or(0.0),
                    seconds_to_sell_out: v(2),
                    registrations: v(3).unwrap_or(0.0),
                }
            })
            .collect();
        let shares = records
            .shares
            .iter()
            .map(|r| {
                let mut shares_pct = [0.0; VENDORS.len()];
                for (slot, value) in shares_pct.iter_mut().zip(r.values()) {
                    *slot = value.unwrap_or(0.0);
                }
                ShareMonth {
                    month: r.date.to_string(),
                    shares_pct,
                }
            })
            .collect();
        Some(Self {
            market,
            weeks,
            flash_sales,
            shares,
        })
    }

    /// The last `weeks` weeks, with the flash sales and share months from the first of those
    /// weeks on; the whole track when it is no longer. The cumulative figures stay those of
    /// the whole track.
    pub fn recent(&self, weeks: usize) -> Track {
        if self.weeks.len() <= weeks {
            return self.clone();
        }
        let weeks = self.weeks[self.weeks.len().saturating_sub(weeks)..].to_vec();
        let from = weeks.first().map(|w| w.date.clone()).unwrap_or_default();
        let from_month = from.get(..7).unwrap_or_default().to_owned();
        Track {
            market: self.market,
            flash_sales: self
                .flash_sales
                .iter()
                .filter(|f| f.date >= from)
                .cloned()
                .collect(),
            shares: self
                .shares
                .iter()
                .filter(|s| s.month >= from_month)
                .cloned()
                .collect(),
            weeks,
        }
    }

    pub fn kpis(&self) -> Kpis {
        let start = self.weeks.len().saturating_sub(RECENT_WEEKS);
        let recent = &self.weeks[start..];
        let sum = |f: &dyn Fn(&Week) -> f64| recent.iter().map(f).sum::<f64>();
        let weighted = |value: &dyn Fn(&Week) -> f64, weight: &dyn Fn(&Week) -> f64| {
            let total = sum(weight);
            if total > 0.0 {
                sum(&|w| value(w) * weight(w)) / total
            } else {
                sum(value) / recent.len().max(1) as f64
            }
        };
        let plan = sum(&|w| w.plan_units);
        let units_recent = sum(&|w| w.units);
        let our_share_pct = self.shares.last().map(|m| m.shares_pct[OURS]);
        let our_share_change_pp = (self.shares.len() > 12).then(|| {
            self.shares[self.shares.len() - 1].shares_pct[OURS]
                - self.shares[self.shares.len() - 13].shares_pct[OURS]
        });
        let offered: f64 = self.flash_sales.iter().map(|f| f.offered).sum();
        let sold: f64 = self.flash_sales.iter().map(|f| f.sold).sum();
        let flash_median_seconds = crate::stats::median(
            self.flash_sales
                .iter()
                .filter_map(|f| f.seconds_to_sell_out),
        );
        Kpis {
            latest_week: self
                .weeks
                .last()
                .map(|w| w.date.clone())
                .unwrap_or_default(),
            recent_weeks: recent.len(),
            sell_through_pct: if plan > 0.0 {
                units_recent / plan * 100.0
            } else {
                0.0
            },
            units_recent,
            units_total: self.weeks.last().map_or(0.0, |w| w.cumulative_units),
            stockout_days_recent: sum(&|w| w.stockout_days),
            return_rate_pct: weighted(&|w| w.return_rate_pct, &|w| w.units),
            repair_turnaround_days: weighted(&|w| w.repair_turnaround_days, &|w| w.service_tickets),
            rating: sum(&|w| w.rating) / recent.len().max(1) as f64,
            our_share_pct,
            our_share_change_pp,
            flash_sellout_pct: (offered > 0.0).then(|| sold / offered * 100.0),
            flash_median_seconds,
        }
    }
}
