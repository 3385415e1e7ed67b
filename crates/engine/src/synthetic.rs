//! Seeded synthetic data at the sizes the benchmarks need (250 markets × 40 indicators, a
//! million-row sell-through file), written in Beachhead's own file formats so they go through
//! the same loaders as real data. Labelled synthetic everywhere; never shipped.

use std::fmt::Write;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Indicators per pillar in the synthetic model.
const PER_PILLAR: usize = 5;

/// The three files of a synthetic bundle: the indicator dictionary, the markets and a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub dictionary_csv: String,
    pub markets_csv: String,
    pub model_json: String,
}

fn indicator_id(i: usize) -> String {
    format!("synthetic_{i:02}")
}

/// `markets` markets and `indicators` indicators (grouped in pillars of five), about 5% of
/// values missing; the same seed always gives the same files.
pub fn bundle(markets: usize, indicators: usize, seed: u64) -> Bundle {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut dictionary =
        String::from("id,label,unit,direction,pillar,source,licence,min,max,status\n");
    for i in 0..indicators {
        let direction = if i % 7 == 3 { "lower" } else { "higher" };
        let _ = writeln!(
            dictionary,
            "{},Synthetic indicator {i},index,{direction},p{},Beachhead synthetic benchmark data,CC0,0,,illustrative",
            indicator_id(i),
            i / PER_PILLAR
        );
    }
    let mut header = String::from(
        "iso3,iso2,iso_numeric,name,region,subregion,currency,english_official,aliases",
    );
    for i in 0..indicators {
        let id = indicator_id(i);
        let _ = write!(header, ",{id},{id}_year");
    }
    let mut rows = header + "\n";
    const REGIONS: [&str; 5] = ["Africa", "Americas", "Asia", "Europe", "Oceania"];
    for m in 0..markets {
        let region = REGIONS[m % REGIONS.len()];
        // Letters only, as ISO 3166 codes are; the user-assigned Q range keeps them apart from
        // real countries.
        let letter = |i: usize| (b'A' + (i % 26) as u8) as char;
        let _ = write!(
            rows,
            "Q{}{},Q{},{:03},Synthetic market {m},{region},{region},USD,false,",
            letter(m / 26),
            letter(m),
            letter(m),
            900 + m % 100
        );
        for _ in 0..indicators {
            if rng.random_bool(0.05) {
                rows.push_str(",,");
            } else {
                // Skewed like real indicators: most small, a few large.
                let value: f64 = rng.random::<f64>().powi(3) * 1000.0 + rng.random::<f64>();
                let _ = write!(rows, ",{value:.3},2024");
            }
        }
        rows.push('\n');
    }
    let pillars = indicators.div_ceil(PER_PILLAR);
    let pillar_nodes: Vec<serde_json::Value> = (0..pillars)
        .map(|p| {
            let children: Vec<serde_json::Value> = (p * PER_PILLAR
                ..((p + 1) * PER_PILLAR).min(indicators))
                .map(|i| {
                    serde_json::json!({
                        "id": indicator_id(i),
                        "indicator": indicator_id(i),
                        "label": format!("Synthetic indicator {i}"),
                        "weight": 1 + i % 3,
                        "normalisation": {"method": "min_max"}
                    })
                })
                .collect();
            serde_json::json!({
                "id": format!("p{p}"),
                "label": format!("Synthetic pillar {p}"),
                "weight": 10 + 5 * (p % 3),
                "aggregation": "arithmetic",
                "children": children
            })
        })
        .collect();
    let model = serde_json::json!({
        "format": "beachhead-index-model",
        "version": 1,
        "name": "Synthetic benchmark model",
        "description": "Synthetic data for benchmarks; not a real market.",
        "scale": 100,
        "min_coverage": 0.6,
        "root": {"id": "readiness", "label": "Readiness", "aggregation": "arithmetic", "children": pillar_nodes}
    });
    Bundle {
        dictionary_csv: dictionary,
        markets_csv: rows,
        model_json: model.to_string(),
    }
}

/// A weekly sell-through file in the test-market format with `rows` rows, cycling over
/// `markets` (ISO3 codes) week by week from 1990.
pub fn weekly_csv(markets: &[&str], rows: usize, seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = String::with_capacity(rows * 110 + 400);
    out.push_str("market,week,plan_units,units_online,units_platforms,units_carriers,units_retail,inventory_on_hand,inventory_in_transit,stockout_days,forum_posts,reseller_listings,service_tickets,repair_turnaround_days,return_rate_pct,rating\n");
    if markets.is_empty() {
        return out;
    }
    let weeks = rows.div_ceil(markets.len());
    // 1990-01-01 was a Monday; days since then to a calendar date.
    let mut written = 0;
    'weeks: for week in 0..weeks {
        let (y, mo, d) = civil_from_days(7 * week as i64 + 7305);
        for market in markets {
            if written == rows {
                break 'weeks;
            }
            // Sized like a large retailer's export: about 95 bytes a row.
            let plan = rng.random_range(10_000..90_000);
            let _ = writeln!(
                out,
                "{market},{y:04}-{mo:02}-{d:02},{plan},{},{},{},{},{},{},{},{},{},{},{:.2},{:.3},{:.2}",
                rng.random_range(10_000..60_000),
                rng.random_range(10_000..40_000),
                rng.random_range(1_000..20_000),
                rng.random_range(1_000..16_000),
                rng.random_range(100_000..900_000),
                rng.random_range(10_000..90_000),
                rng.random_range(0..8),
                rng.random_range(1_000..9_000),
                rng.random_range(1_000..3_000),
                rng.random_range(1_000..4_000),
                rng.random_range(1.0..12.0),
                rng.random_range(0.0..6.0),
                rng.random_range(2.5..5.0),
            );
            written += 1;
        }
    }
    out
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's
/// algorithm), so the synthetic weeks are real calendar dates.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_are_right() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(7305), (1990, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_089), (2025, 1, 1));
    }
}
