#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::test_market::load;
use beachhead_engine::tracker::{by_market, Grouping, Track, RECENT_WEEKS};
use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, Market};

fn two_markets() -> Dataset {
    Dataset::new(
        vec![
            Market::new("HKG", "HK", "Hong Kong"),
            Market::new("TWN", "TW", "Taiwan"),
        ],
        Vec::new(),
        Vec::new(),
    )
    .unwrap()
}

const WEEKLY_HEADER: &str = "market,week,plan_units,units_online,units_platforms,units_carriers,units_retail,inventory_on_hand,inventory_in_transit,stockout_days,forum_posts,reseller_listings,service_tickets,repair_turnaround_days,return_rate_pct,rating";

fn track(weekly: &str, flash: &str, shares: &str) -> Track {
    let dataset = two_markets();
    let (data, _) = load(
        &dataset,
        ("weekly.csv", weekly),
        ("flash_sales.csv", flash),
        ("competitor_shares.csv", shares),
    )
    .unwrap();
    Track::new(&data, MarketIndex(0)).unwrap()
}

const FLASH: &str = "market,date,units_offered,units_sold,seconds_to_sell_out,registrations\nHKG,2014-01-02,1000,1000,40,9000\nHKG,2014-02-02,1000,800,,5000\nHKG,2014-03-02,1000,1000,60,8000\n";

fn shares(months: usize) -> String {
    let mut out =
        String::from("market,month,samsung_pct,apple_pct,htc_pct,lenovo_pct,ours_pct,others_pct\n");
    for m in 0..months {
        let ours = m as f64;
        out.push_str(&format!(
            "HKG,{}-{:02},40,30,10,5,{ours},{}\n",
            2014 + m / 12,
            m % 12 + 1,
            15.0 - ours
        ));
    }
    out
}

#[test]
fn weeks_are_ordered_and_cumulated_and_cover_uses_recent_sales() {
    // Written out of order: the track sorts by date.
    let weekly = format!(
        "{WEEKLY_HEADER}\n\
         HKG,2014-01-13,100,30,30,20,20,400,0,0,10,5,2,6,2,4.2\n\
         HKG,2014-01-06,100,50,20,20,10,300,0,1,10,5,2,8,4,4.0\n\
         TWN,2014-01-06,999,1,1,1,1,1,1,0,1,1,1,1,1,1\n"
    );
    let t = track(&weekly, FLASH, &shares(2));
    assert_eq!(t.weeks.len(), 2);
    assert_eq!(t.weeks[0].date, "2014-01-06");
    assert_eq!(t.weeks[0].units, 100.0);
    assert_eq!(t.weeks[0].units_by_channel, [50.0, 20.0, 20.0, 10.0]);
    assert_eq!(t.weeks[1].cumulative_units, 200.0);
    assert_eq!(t.weeks[1].cumulative_plan, 200.0);
    assert_eq!(t.weeks[1].cumulative_pct_of_plan(), Some(100.0));
    let unplanned = beachhead_engine::tracker::Week {
        cumulative_plan: 0.0,
        ..t.weeks[1].clone()
    };
    assert_eq!(unplanned.cumulative_pct_of_plan(), None);
    // 300 on hand over 100 a week; then 400 over the two weeks' average of 100.
    assert_eq!(t.weeks[0].weeks_of_cover, Some(3.0));
    assert_eq!(t.weeks[1].weeks_of_cover, Some(4.0));
    assert_eq!(t.flash_sales.len(), 3);
    assert_eq!(t.flash_sales[1].seconds_to_sell_out, None);
}

#[test]
fn kpis_cover_the_latest_quarter_with_weighted_rates() {
    let mut weekly = String::from(WEEKLY_HEADER);
    // 20 weeks: the first 7 sell 50 against a plan of 100, the last 13 sell 90 against 100.
    for w in 0..20 {
        let (units, returns, turnaround, tickets) = if w < 7 {
            (50, 9.0, 20.0, 1)
        } else {
            (90, 2.0, 5.0, 3)
        };
        let date = format!("2014-{:02}-{:02}", 1 + w / 4, 1 + (w % 4) * 7);
        weekly.push_str(&format!(
            "\nHKG,{date},100,{units},0,0,0,500,0,{},1,1,{tickets},{turnaround},{returns},4.5",
            if w == 19 { 3 } else { 0 }
        ));
    }
    let t = track(&weekly, FLASH, &shares(14));
    let k = t.kpis();
    assert_eq!(k.recent_weeks, RECENT_WEEKS);
    assert!((k.sell_through_pct - 90.0).abs() < 1e-9);
    assert_eq!(k.units_total, 7.0 * 50.0 + 13.0 * 90.0);
    assert_eq!(k.stockout_days_recent, 3.0);
    assert!((k.return_rate_pct - 2.0).abs() < 1e-9);
    assert!((k.repair_turnaround_days - 5.0).abs() < 1e-9);
    assert!((k.rating - 4.5).abs() < 1e-9);
    // Shares: ours rose one point a month; the latest month against twelve before it.
    assert_eq!(k.our_share_pct, Some(13.0));
    assert_eq!(k.our_share_change_pp, Some(12.0));
    // Flash sales: 2,800 sold of 3,000; the median of the two sell-out times.
    assert!((k.flash_sellout_pct.unwrap() - 2800.0 / 3000.0 * 100.0).abs() < 1e-9);
    assert_eq!(k.flash_median_seconds, Some(50.0));
}

#[test]
fn a_market_without_weekly_data_has_no_track() {
    let weekly =
        format!("{WEEKLY_HEADER}\nHKG,2014-01-06,100,50,20,20,10,300,0,1,10,5,2,8,4,4.0\n");
    let dataset = two_markets();
    let (data, _) = load(
        &dataset,
        ("weekly.csv", &weekly),
        ("flash_sales.csv", FLASH),
        ("competitor_shares.csv", &shares(1)),
    )
    .unwrap();
    assert!(Track::new(&data, MarketIndex(1)).is_none());
}

#[test]
fn by_market_groups_each_markets_records_in_date_order_in_one_pass() {
    let dataset = two_markets();
    // Taiwan first, rows out of date order, the two markets interleaved.
    let row = |m: &str, week: &str, plan: u32| {
        format!("{m},{week},{plan},1,1,1,1,10,0,0,5,2,1,3,1.5,4.5")
    };
    let weekly = [
        WEEKLY_HEADER.to_owned(),
        row("TWN", "2014-01-13", 30),
        row("HKG", "2014-01-13", 20),
        row("TWN", "2014-01-06", 10),
        row("HKG", "2014-01-06", 40),
    ]
    .join("\n");
    let (data, _) = load(
        &dataset,
        ("weekly.csv", &weekly),
        ("flash_sales.csv", FLASH),
        ("competitor_shares.csv", &shares(2)),
    )
    .unwrap();
    let grouped = by_market(&data);
    assert_eq!(
        grouped.iter().map(|m| m.market.0).collect::<Vec<_>>(),
        [1, 0]
    );
    let tracks: Vec<Track> = grouped.iter().filter_map(Track::from_records).collect();
    assert_eq!(tracks[0].weeks[0].date, "2014-01-06");
    assert_eq!(tracks[0].weeks[0].plan_units, 10.0);
    assert_eq!(tracks[1].weeks[0].plan_units, 40.0);
    assert_eq!(tracks[1].flash_sales.len(), 3);
    assert!(tracks[0].flash_sales.is_empty());
    for t in &tracks {
        assert_eq!(Some(t), Track::new(&data, t.market).as_ref());
    }
}

#[test]
fn recent_keeps_the_last_weeks_with_their_whole_track_totals_and_later_events() {
    let weekly: String = std::iter::once(WEEKLY_HEADER.to_owned())
        .chain(
            (0..10).map(|w| format!("HKG,2014-{:02}-06,10,1,1,1,1,10,0,0,5,2,1,3,1.5,4.5", w + 1)),
        )
        .collect::<Vec<_>>()
        .join("\n");
    let whole = track(&weekly, FLASH, &shares(12));
    let recent = whole.recent(4);
    assert_eq!(recent.weeks.len(), 4);
    assert_eq!(recent.weeks[0].date, "2014-07-06");
    assert_eq!(recent.weeks, whole.weeks[6..]);
    // Cumulative figures are the whole track's.
    assert_eq!(recent.weeks[3].cumulative_plan, 100.0);
    assert!(recent
        .flash_sales
        .iter()
        .all(|f| f.date.as_str() >= "2014-07-06"));
    assert!(recent.shares.iter().all(|s| s.month.as_str() >= "2014-07"));
    assert_eq!(whole.recent(100), whole);
}

#[test]
fn grouping_in_slices_gives_what_grouping_at_once_gives() {
    let dataset = two_markets();
    let row = |m: &str, week: &str| format!("{m},{week},10,1,1,1,1,10,0,0,5,2,1,3,1.5,4.5");
    let mut lines = vec![WEEKLY_HEADER.to_owned()];
    for w in (1..=9).rev() {
        lines.push(row("HKG", &format!("2014-0{w}-06")));
        lines.push(row("TWN", &format!("2014-0{w}-13")));
    }
    let (data, _) = load(
        &dataset,
        ("weekly.csv", &lines.join("\n")),
        ("flash_sales.csv", FLASH),
        ("competitor_shares.csv", &shares(3)),
    )
    .unwrap();
    let at_once: Vec<Track> = by_market(&data)
        .iter()
        .filter_map(Track::from_records)
        .collect();
    for slice in [1, 4, 17, usize::MAX] {
        let mut grouping = Grouping::new(&data);
        let mut steps = 0;
        while !grouping.step(slice) {
            steps += 1;
        }
        let sliced: Vec<Track> = grouping
            .finish()
            .iter()
            .filter_map(Track::from_records)
            .collect();
        assert_eq!(sliced, at_once, "{slice} records a step");
        if slice == 1 {
            assert_eq!(steps, 17, "one record a step: 18 records, done on the last");
        }
    }
    // Rows came newest first: the tracks are in date order all the same.
    assert_eq!(at_once[0].weeks[0].date, "2014-01-06");
}
